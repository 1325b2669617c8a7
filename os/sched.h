/* Kernel threads with preemptive round-robin scheduling. All threads run
 * in S-mode; the trap vector saves a thread's registers into its context
 * (entry.S, ctx_offsets.h) and the handler picks the next one. */
#ifndef OS_SCHED_H
#define OS_SCHED_H

#include <stdint.h>

#include "ctx_offsets.h"

#define MAX_THREADS 16u

/* A thread's registers: x[0] holds the pc. Persistent threads' contexts
 * are part of every checkpoint (store_media.h), so this layout is on-media. */
struct thread_ctx {
    uint64_t x[32];
    uint64_t sstatus;
    uint64_t id;
};
_Static_assert(sizeof(struct thread_ctx) == CTX_WORDS * 8, "ctx_offsets.h");
_Static_assert(__builtin_offsetof(struct thread_ctx, sstatus) == CTX_SSTATUS, "ctx_offsets.h");

void sched_init(void);
/* A new thread running fn(arg) on the stack ending at stack_top; persistent
 * threads are snapshotted at checkpoints, others live for this power-on. */
int thread_create(void (*fn)(uint64_t), uint64_t arg, uint64_t stack_top, int persistent);
/* A persistent thread resumed from a checkpoint. */
int thread_restore(const struct thread_ctx *ctx);
/* Copy the persistent threads' contexts; returns how many. */
uint32_t sched_snapshot(struct thread_ctx *out, uint32_t max);
/* While held, persistent threads do not run (power-off, verification). */
void sched_hold(int hold);
/* Give thread `id` every other turn (the checkpoint writer while it has
 * work), or nobody with 0. */
void sched_favour(int id);
/* The thread running now and, at a scheduling point, the one to run next. */
struct thread_ctx *sched_current(void);
struct thread_ctx *sched_next(void);
/* Give up the processor (from a thread): a supervisor software interrupt. */
void sched_yield(void);
/* Switch to the first thread; never returns. */
__attribute__((noreturn)) void sched_start(void);
/* The boot context traps are taken in before the scheduler starts. */
struct thread_ctx *sched_boot_ctx(void);

#endif
