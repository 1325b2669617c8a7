/* The monitor's command language (docs/monitor.md): one line in, text out.
 * It knows nothing of terminals or sockets; emu/session.c feeds it lines
 * from the terminal, a TCP connection, a script or GDB's "monitor" command
 * and passes its output on. Commands that run the machine return only when
 * it stops again. */
#ifndef EMU_MONITOR_H
#define EMU_MONITOR_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "debug.h"
#include "machine.h"
#include "symbols.h"

struct monitor {
    struct machine *m;
    struct debug *dbg;
    const struct symtab *syms;
    FILE *out;           /* the current command's output */
    bool quit;           /* the quit command was given */
    /* x and xp: the last format, and where a bare "x" goes on */
    unsigned x_count, x_size;
    char x_fmt;
    uint64_t x_next;
    bool x_phys;
    double run_seconds;  /* host time spent running the machine */
    FILE *trace_file;    /* opened by "trace file", closed by the next or by the owner */
    /* Refuse the commands that run the machine: set while a command comes
     * from inside a run (the window's overlay, in the machine's host poll). */
    bool no_run;
};

void monitor_init(struct monitor *mon, struct machine *m, struct debug *dbg,
                  const struct symtab *syms);

/* Execute one command line, writing to out. Empty lines and lines starting
 * with # do nothing. */
void monitor_exec(struct monitor *mon, const char *line, FILE *out);

/* Complain about a command: one line on mon->out starting with "error: ".
 * For the commands kept in other files (monitor_input.c, monitor_power.c). */
void monitor_fail(struct monitor *mon, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Print how a run stopped, and where the machine is now. */
void monitor_report_stop(struct monitor *mon, const struct stop *st, FILE *out);

#endif
