/* The test workload: persistent threads mutating linked structures and
 * counters in the store, each checking its own invariants as it goes. */
#ifndef OS_WORKLOAD_H
#define OS_WORKLOAD_H

/* Start the threads on an empty store (checkpoint 0). */
void workload_start(void);

#endif
