#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "net.h"

int net_listen(const char *spec, uint16_t *port, char *err, size_t errlen)
{
    const char *host, *colon;
    if (strncmp(spec, "tcp:", 4) != 0 || !(colon = strrchr(spec + 4, ':'))) {
        snprintf(err, errlen, "'%s': expected tcp:127.0.0.1:PORT", spec);
        return -1;
    }
    host = spec + 4;
    size_t hlen = (size_t)(colon - host);
    if (!(hlen == 0 || (hlen == 9 && !strncmp(host, "127.0.0.1", 9)) ||
          (hlen == 9 && !strncmp(host, "localhost", 9)))) {
        snprintf(err, errlen, "'%s': only 127.0.0.1 (loopback) is allowed", spec);
        return -1;
    }
    char *end;
    errno = 0;
    unsigned long p = strtoul(colon + 1, &end, 10);
    if (errno || end == colon + 1 || *end || p > 65535) {
        snprintf(err, errlen, "'%s': bad port", spec);
        return -1;
    }
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        snprintf(err, errlen, "socket: %s", strerror(errno));
        return -1;
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)p),
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t alen = sizeof a;
    if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(fd, 1) != 0 ||
        getsockname(fd, (struct sockaddr *)&a, &alen) != 0) {
        snprintf(err, errlen, "127.0.0.1:%lu: %s", p, strerror(errno));
        close(fd);
        return -1;
    }
    *port = ntohs(a.sin_port);
    return fd;
}

int net_accept(int listen_fd)
{
    int fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd < 0)
        return -1;
    /* Replies are small and wanted at once; a peer that stops reading is
     * given up after a few seconds rather than stalling the machine. */
    int one = 1;
    struct timeval tv = { .tv_sec = 5 };
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    int flags = fcntl(fd, F_GETFL);
    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK); /* sends block (with the timeout) */
    return fd;
}

bool net_send(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len) {
        ssize_t n = send(fd, p, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        len -= (size_t)n;
    }
    return true;
}
