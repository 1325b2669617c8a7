/* Breakpoints, watchpoints, traces and run control, shared by the monitor
 * and the GDB stub.
 *
 * Cost: with no breakpoint, watchpoint, condition or memory trace the
 * machine runs exactly as without a debugger (full speed). Otherwise the
 * CPU steps one instruction at a time (cpu.debug) and asks before each
 * whether to stop; watchpoints and memory traces also keep data pages out
 * of the TLB, so that mmu.c reports every access (cpu.hooks). */
#ifndef EMU_DEBUG_H
#define EMU_DEBUG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cpu.h"
#include "machine.h"

#define DEBUG_MAX_POINTS 64

enum { BREAK_HW = 1 }; /* GDB's Z1: reported as hwbreak, else the same */
enum point_owner { OWNER_USER, OWNER_GDB }; /* the monitor's, or GDB's Z packets */

struct point {
    unsigned id;          /* 0: free slot */
    bool watch;           /* else a breakpoint */
    enum point_owner owner;
    uint64_t addr, len;   /* virtual; len 0 for a breakpoint */
    unsigned kinds;       /* WATCH_READ | WATCH_WRITE; for a breakpoint, BREAK_HW or 0 */
    uint64_t hits;
};

enum { TRACE_INSN = 1, TRACE_MEM = 2, TRACE_MMIO = 4, TRACE_TRAP = 8 };

enum stop_why {
    WHY_STEPS,   /* the requested number of steps is done */
    WHY_BREAK,   /* reached breakpoint id */
    WHY_WATCH,   /* the instruction at pc is about to make an access (addr, acc) that
                    watchpoint id watches; it has not happened yet */
    WHY_COND,    /* the run's condition became true */
    WHY_USER,    /* somebody asked (debug_poll: Ctrl-C, stop) */
    WHY_END,     /* the guest ended the run, see end */
};

struct stop {
    enum stop_why why;
    unsigned id;
    uint64_t addr;       /* watch: the accessed address, within the watched range */
    enum access acc;     /* watch: ACC_READ or ACC_WRITE */
    enum machine_stop end;
    uint64_t steps;      /* steps taken (when stepping) */
};

struct run_req {
    uint64_t steps;              /* stop after this many steps; 0: no limit */
    bool (*cond)(void *ctx);     /* stop when true, checked after each step */
    void *ctx;
};

struct debug {
    struct machine *m;
    struct cpu_hooks hooks;      /* installed as cpu.hooks while needed */
    struct point pt[DEBUG_MAX_POINTS];
    unsigned next_id;
    unsigned nbreak, nwatch;
    unsigned trace;              /* TRACE_* */
    FILE *trace_out;
    uint64_t max_insns;
    bool ended;                  /* the guest ended the run (end) */
    enum machine_stop end;
    /* the run in progress */
    struct run_req req;
    struct stop st;              /* why the hooks stopped it */
    bool stopped;                /* the hooks stopped it (else debug_poll or the guest) */
    bool first;                  /* the next instruction is the one the run resumes at */
    bool resumed;                /* executing that instruction: it does not stop */
    uint64_t start_pc, start_instret;
    /* before the current instruction, to undo its start at a watch stop */
    uint64_t insn_cycle, insn_resv;
    bool insn_boundary;
};

void debug_init(struct debug *d, struct machine *m, uint64_t max_insns, FILE *trace_out);

/* Returns the new point's id, or 0 when all DEBUG_MAX_POINTS are in use
 * (or a watchpoint's range is empty or wraps). */
unsigned debug_add_break(struct debug *d, uint64_t addr, unsigned kinds, enum point_owner owner);
unsigned debug_add_watch(struct debug *d, uint64_t addr, uint64_t len, unsigned kinds,
                         enum point_owner owner);
bool debug_delete(struct debug *d, unsigned id);
/* GDB removes by kind and address: the first matching point it owns. */
bool debug_delete_match(struct debug *d, bool watch, uint64_t addr, uint64_t len, unsigned kinds,
                        enum point_owner owner);
void debug_delete_all(struct debug *d, enum point_owner owner);
const struct point *debug_point(const struct debug *d, unsigned id);
/* The breakpoint at addr, or NULL. */
const struct point *debug_break_at(const struct debug *d, uint64_t addr);

void debug_set_trace(struct debug *d, unsigned kinds, bool on);
void debug_set_trace_file(struct debug *d, FILE *f);

/* Run as r asks, until it is done or a breakpoint, watchpoint, poll
 * request or the guest's end stops it. A breakpoint at the pc the run
 * starts from does not stop it (so cont leaves a breakpoint). Once the
 * guest has ended, runs return WHY_END at once until debug_reset_end. */
struct stop debug_run(struct debug *d, const struct run_req *r);
void debug_reset_end(struct debug *d);

/* Names for reports: "passed", "failed", ... */
const char *debug_end_text(enum machine_stop s);
/* The name of a trap cause (mcause value), e.g. "ecall from U", or NULL. */
const char *debug_cause_name(uint64_t cause);

#endif
