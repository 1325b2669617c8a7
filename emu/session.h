/* A debugging session: the machine with its debugger and the front ends
 * that drive it - the monitor on the terminal, on a loopback TCP port or
 * from a script, and the GDB stub - in one single-threaded event loop.
 *
 * While the machine runs, the loop is not waiting: machine.debug_poll
 * looks at the front ends every simulated millisecond, for Ctrl-C, the
 * monitor's stop, GDB's interrupt or a debugger connecting. */
#ifndef EMU_SESSION_H
#define EMU_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "machine.h"
#include "symbols.h"

struct session_config {
    const char *monitor;   /* NULL, "stdio" or "tcp:127.0.0.1:PORT" */
    const char *script;    /* monitor commands from this file first */
    const char *gdb;       /* NULL or "tcp:127.0.0.1:PORT" */
    bool gdb_wait;         /* keep the machine stopped until GDB connects */
    uint64_t max_insns;
};

/* Run the session until the user quits, or until the guest ends with no
 * front end left to talk to. On return *end is how the guest's run ended,
 * STOP_NONE if it had not. False (with a one-line reason) if a front end
 * could not be set up. */
bool session_run(struct machine *m, const struct symtab *syms, const struct session_config *cfg,
                 enum machine_stop *end, char *err, size_t errlen);

#endif
