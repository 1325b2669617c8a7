/* Frames never used yet come from a bump pointer, freed ones from a list
 * threaded through the frames themselves: nothing to set up at power-on. */
#include "frames.h"

static uint64_t next_pa, end;
static uint64_t free_head; /* PA of a free frame; its first word links the next */

void frames_init(uint64_t first_pa, uint64_t end_pa)
{
    next_pa = (first_pa + 4095) & ~4095ull;
    end = end_pa;
}

uint64_t frame_alloc(void)
{
    if (free_head) {
        uint64_t pa = free_head;
        free_head = *(uint64_t *)pa;
        return pa;
    }
    if (next_pa + 4096 > end)
        return 0;
    next_pa += 4096;
    return next_pa - 4096;
}

void frame_free(uint64_t pa)
{
    *(uint64_t *)pa = free_head;
    free_head = pa;
}
