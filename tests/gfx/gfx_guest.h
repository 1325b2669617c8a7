/* What the accelerator's guest test programs share: register access and
 * feeding the command FIFO (docs/devices.md, "Graphics accelerator"). */
#ifndef TESTS_GFX_GFX_GUEST_H
#define TESTS_GFX_GFX_GUEST_H

#include <stdint.h>

#include "amber/hw.h"
#include "rt.h"

#define REG32(base, off) (*(volatile uint32_t *)(uintptr_t)((base) + (off)))
#define REG64(base, off) (*(volatile uint64_t *)(uintptr_t)((base) + (off)))
#define XY(x, y) ((uint32_t)(uint16_t)(x) | (uint32_t)(uint16_t)(y) << 16)

/* Write a command's words, waiting for room in the FIFO. */
static inline void gfx_cmd(const uint32_t *w, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        while (REG32(AMBER_GFX_BASE, GFX_FIFO_FREE) == 0)
            ;
        REG32(AMBER_GFX_BASE, GFX_FIFO) = w[i];
    }
}
#define CMD(...) do { const uint32_t w_[] = { __VA_ARGS__ }; gfx_cmd(w_, sizeof w_ / 4); } while (0)

/* Queue a FENCE and wait until it passes: everything before it is drawn.
 * An accelerator error fails the test. */
static inline void gfx_wait_idle(void)
{
    static uint32_t fence_no;
    fence_no++;
    CMD(GFX_OP_FENCE, fence_no);
    while (REG32(AMBER_GFX_BASE, GFX_FENCE) != fence_no)
        CHECK(REG32(AMBER_GFX_BASE, GFX_ERROR) == 0);
}

#endif
