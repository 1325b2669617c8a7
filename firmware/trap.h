/* The M-mode trap handler once the OS runs: the SBI timer service, and a
 * diagnostic for anything else that reaches M-mode. */
#ifndef FW_TRAP_H
#define FW_TRAP_H

#include <stdint.h>

/* Saved by trap_entry.S: x0..x31 of the interrupted code (x[0] unused). */
struct trap_frame {
    uint64_t x[32];
};

void fw_trap(struct trap_frame *f);

#endif
