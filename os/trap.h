/* The trap handler (trap.c) and the scheduling timer it keeps armed. */
#ifndef OS_TRAP_H
#define OS_TRAP_H

#include "sched.h"

/* Called by the trap vector (entry.S) with the trapped thread's context;
 * returns the context to resume. */
struct thread_ctx *trap_handle(struct thread_ctx *ctx);
/* Arm the timer for the end of the current time slice. */
void timer_arm(void);

#endif
