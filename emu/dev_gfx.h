/* The graphics accelerator: a command decoder fed by an MMIO FIFO and by a
 * ring buffer in memory, drawing into one target surface. This is the golden
 * model the RTL is held to (docs/devices.md): it reaches memory only through
 * struct gfx_mem, one 32-bit word per access, and counts cycles exactly as the
 * document specifies. It knows nothing of the bus, the CPU or SDL, so a
 * co-simulation testbench can link it alone. */
#ifndef EMU_DEV_GFX_H
#define EMU_DEV_GFX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "amber/hw.h"
#include "mmio.h"

#define GFX_MAX_WORDS 8u /* the longest command (GLYPH) */

/* The accelerator's memory port: aligned 32-bit little-endian words; writes
 * carry a byte mask (bit i enables byte i). Each call returns the wait
 * states the memory added (>= 0) or -1 for a bus error. */
struct gfx_mem {
    void *ctx;
    int (*read)(void *ctx, uint64_t addr, uint32_t *val);
    int (*write)(void *ctx, uint64_t addr, uint32_t val, unsigned mask);
};

struct gfx_surface {
    uint64_t base;
    uint32_t stride; /* bytes */
    int32_t w, h;
    unsigned fmt;    /* DISP_FMT_* */
    bool valid;
};

struct gfx {
    struct gfx_mem mem;
    const uint64_t *now;   /* the machine's clock, in gfx cycles */
    /* registers */
    uint32_t ctrl, irq_status, irq_enable, fence, error, error_word;
    uint64_t ring_base;
    uint32_t ring_size, ring_head, ring_tail;
    uint64_t cycles, pixels;
    /* the command FIFO */
    uint32_t fifo[GFX_FIFO_DEPTH];
    unsigned fifo_head, fifo_count;
    /* drawing state */
    struct gfx_surface surf;
    int32_t clip_x0, clip_y0, clip_x1, clip_y1;
    uint64_t busy_until;   /* the running command ends at this cycle */
    uint64_t cost;         /* cycles of the command being executed */
};

/* now may be NULL for a model driven only through gfx_exec. */
void gfx_init(struct gfx *g, const struct gfx_mem *mem, const uint64_t *now);

/* Start every command that is due by *now. The machine calls it at
 * gfx_next_event; register accesses call it themselves. */
void gfx_sync(struct gfx *g);
uint64_t gfx_next_event(const struct gfx *g); /* UINT64_MAX when idle */
bool gfx_irq(const struct gfx *g);

/* Decode and execute the whole commands in words[0..n) at once, as if they
 * came through the FIFO without gaps: the co-simulation and test entry.
 * Returns the cycles they took; a command cut off by n sets
 * GFX_ERR_TRUNCATED. Does nothing while an error is pending. */
uint64_t gfx_exec(struct gfx *g, const uint32_t *words, size_t n);

/* The number of words a command with this header has (1 if invalid). */
unsigned gfx_cmd_len(uint32_t header);

extern const struct mmio_ops gfx_mmio;

#endif
