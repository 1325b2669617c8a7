/* Kernel-wide services: the run's end through the test finisher, and
 * the exit codes the kernel stops with (docs/os.md). */
#ifndef OS_KERNEL_H
#define OS_KERNEL_H

#include <stdint.h>

#define OS_EXIT_PANIC          20u /* kernel bug or unexpected trap */
#define OS_EXIT_STORE_HEADER   21u /* the store header is corrupt */
#define OS_EXIT_STORE_TABLES   22u /* both version table copies are corrupt */
#define OS_EXIT_FOREIGN_STORE  23u /* the store was written by another OS build */
#define OS_EXIT_NO_ROOM        24u /* PMEM or DRAM too small for the store */
#define OS_EXIT_WORKLOAD       25u /* the workload found its data inconsistent */
#define OS_EXIT_BAD_HANDOFF    26u /* the firmware's handoff block is unusable */

__attribute__((noreturn)) void panic(const char *why);
/* Print the reason and stop the machine with FINISHER_FAIL and `code`. */
__attribute__((noreturn)) void refuse(uint32_t code, const char *why);
__attribute__((noreturn)) void power_off(void);

/* mtime ticks per microsecond, from the handoff. */
extern uint64_t ticks_per_us;

#endif
