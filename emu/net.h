/* Loopback TCP for the monitor and the GDB stub. Only 127.0.0.1 is
 * offered: both give full control of the machine and of files the user can
 * write (savevm), so they must not be reachable from other hosts. */
#ifndef EMU_NET_H
#define EMU_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* spec is "tcp:127.0.0.1:PORT", "tcp:localhost:PORT" or "tcp::PORT"; PORT 0
 * picks a free port. Returns the listening socket and the port, or -1 with
 * a one-line reason in err. */
int net_listen(const char *spec, uint16_t *port, char *err, size_t errlen);
/* Accept a waiting connection (non-blocking listener): its socket, or -1. */
int net_accept(int listen_fd);
/* Send all of data; false if the peer is gone or stalls for seconds. */
bool net_send(int fd, const void *data, size_t len);

#endif
