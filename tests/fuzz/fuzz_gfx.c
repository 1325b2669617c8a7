/* libFuzzer target for the graphics accelerator's command decoder: the
 * input is a stream of little-endian command words run through gfx_exec and
 * then, once more, word by word through the FIFO register. Any write
 * outside the current surface or outside the fuzzer's memory aborts. */
#include <stdlib.h>
#include <string.h>

#include "dev_gfx.h"

#define MEM_BASE 0x80000000ull
#define MEM_SIZE (256u * 1024)

struct ctx {
    uint8_t mem[MEM_SIZE];
    struct gfx g;
};

static int rd(void *p, uint64_t a, uint32_t *v)
{
    struct ctx *c = p;
    if (a < MEM_BASE || a - MEM_BASE > MEM_SIZE - 4 || (a & 3))
        return -1;
    memcpy(v, &c->mem[a - MEM_BASE], 4);
    return (int)(a >> 4 & 1); /* some wait states, to cover their accounting */
}

static int wr(void *p, uint64_t a, uint32_t v, unsigned mask)
{
    struct ctx *c = p;
    const struct gfx_surface *s = &c->g.surf;
    if (a < MEM_BASE || a - MEM_BASE > MEM_SIZE - 4 || (a & 3))
        return -1;
    unsigned first = 0;
    while (first < 4 && !(mask & (1u << first)))
        first++;
    unsigned bpp = s->fmt == DISP_FMT_RGB565 ? 2 : 4;
    uint64_t off = a + first - s->base;
    if (!s->valid || first == 4 || a + first < s->base || off / s->stride >= (uint64_t)s->h ||
        off % s->stride >= (uint64_t)s->w * bpp)
        abort();
    for (unsigned i = 0; i < 4; i++)
        if (mask & (1u << i))
            c->mem[a - MEM_BASE + i] = (uint8_t)(v >> (8 * i));
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct ctx c;
    uint64_t now = 0;
    size_t n = size / 4 > 4096 ? 4096 : size / 4;
    uint32_t *w = malloc(n * 4 + 4);
    if (!w)
        return 0;
    memcpy(w, data, n * 4);
    struct gfx_mem m = { &c, rd, wr };
    gfx_init(&c.g, &m, &now);
    gfx_exec(&c.g, w, n);
    gfx_init(&c.g, &m, &now);
    for (size_t i = 0; i < n; i++) {
        gfx_mmio.write(&c.g, GFX_FIFO, 4, w[i]);
        now += w[i] & 0xFF; /* let time pass irregularly */
        uint64_t v;
        gfx_mmio.read(&c.g, GFX_STATUS, 4, &v);
    }
    now = UINT64_MAX / 2;
    gfx_sync(&c.g);
    free(w);
    return 0;
}
