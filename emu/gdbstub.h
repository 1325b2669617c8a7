/* The GDB remote serial protocol, all-stop, one thread: registers (with a
 * target description for riscv:rv64 and the CSRs), memory, software and
 * hardware breakpoints, watchpoints, single-step, continue, interrupt,
 * kill, detach, and "monitor" commands. Transport-free: the session feeds
 * received bytes in and sends what the stub writes out; it also runs the
 * machine when the stub asks (action), because a run blocks.
 *
 * Hostile input is expected: packets are bounded, every number is checked,
 * and nothing a client sends can make the stub write outside its buffers. */
#ifndef EMU_GDBSTUB_H
#define EMU_GDBSTUB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "debug.h"
#include "monitor.h"

#define GDB_PACKET_MAX 16384  /* what we announce as PacketSize */
#define GDB_QUEUE_MAX (4 * GDB_PACKET_MAX)

enum gdb_action {
    GDB_NONE,
    GDB_CONT,      /* run until something stops the machine, then gdb_report_stop */
    GDB_STEP,      /* one step, then gdb_report_stop */
    GDB_KILL,      /* the debugger killed the target: end the session */
    GDB_DETACH,    /* the debugger is gone; the machine runs on without it */
};

struct gdbstub {
    struct machine *m;
    struct debug *dbg;
    struct monitor *mon;        /* for "monitor" commands (qRcmd); NULL: none */
    void (*send)(void *ctx, const void *data, size_t len);
    void *send_ctx;

    uint8_t queue[GDB_QUEUE_MAX]; /* received bytes not yet handled */
    size_t queued;
    uint8_t pkt[GDB_PACKET_MAX];  /* the packet being handled, unescaped */
    size_t len;
    bool noack;
    enum gdb_action action;     /* set by a packet; the session carries it out */
    struct stop last;           /* the last stop, for '?' */
    bool exited;                /* the guest ended: last is a W or X reply */
    char *reply;                /* scratch for the largest reply */
};

/* False if out of memory. */
bool gdb_init(struct gdbstub *g, struct machine *m, struct debug *dbg, struct monitor *mon,
              void (*send)(void *ctx, const void *data, size_t len), void *send_ctx);
void gdb_free(struct gdbstub *g);
/* A new connection: acknowledgements on, nothing queued. */
void gdb_connect(struct gdbstub *g);

/* Queue received bytes. False if the queue overflows (a client that sends
 * faster than packets can be handled is dropped). */
bool gdb_feed(struct gdbstub *g, const uint8_t *data, size_t len);
/* Handle queued packets until one asks for an action (returned; GDB_NONE
 * when the queue is used up). */
enum gdb_action gdb_process(struct gdbstub *g);
/* While the machine runs: did the debugger send an interrupt (Ctrl-C)?
 * Consumes it. */
bool gdb_take_interrupt(struct gdbstub *g);
/* Send the stop reply for a run the stub asked for. */
void gdb_report_stop(struct gdbstub *g, const struct stop *st);

#endif
