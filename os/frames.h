/* The pool of free 4 KiB DRAM frames (identity-mapped, rebuilt each power-on). */
#ifndef OS_FRAMES_H
#define OS_FRAMES_H

#include <stdint.h>

void frames_init(uint64_t first_pa, uint64_t end_pa);
uint64_t frame_alloc(void); /* PA, or 0 when DRAM is exhausted */
void frame_free(uint64_t pa);

#endif
