/* The display controller: scans a frame buffer in guest memory out at
 * 60 Hz, swaps its base at vsync (double buffering), raises the vsync
 * interrupt and overlays a 32x32 hardware cursor. Vsync is computed from
 * the clock when someone looks, so an idle display costs nothing. */
#ifndef EMU_DEV_DISPLAY_H
#define EMU_DEV_DISPLAY_H

#include <stdbool.h>
#include <stdint.h>

#include "amber/hw.h"
#include "mmio.h"

/* Scan-out's view of memory: a host pointer to [addr, addr+len) if it lies
 * wholly in RAM, else NULL. */
struct display_mem {
    void *ctx;
    const uint8_t *(*map)(void *ctx, uint64_t addr, uint64_t len);
};

struct display {
    struct display_mem mem;
    const uint64_t *now;
    uint64_t period;      /* cycles per frame */
    uint64_t frames;      /* vsyncs seen so far */
    uint32_t ctrl, width, height, fmt, stride;
    uint64_t fb_next, fb_cur;
    uint32_t irq_status, irq_enable;
    uint32_t cursor_pos, cursor_hot, cursor_color[2];
    uint32_t cursor_img[2 * DISP_CURSOR_SIZE];
};

void display_init(struct display *d, const struct display_mem *mem, const uint64_t *now,
                  uint64_t cycles_per_frame);
void display_sync(struct display *d);               /* catch up with vsyncs */
uint64_t display_next_event(const struct display *d); /* next vsync that interrupts */
bool display_irq(const struct display *d);
bool display_mode_valid(const struct display *d);

/* The picture a monitor shows now: width x height XRGB8888 pixels, cursor
 * included; black when scan-out is off or faulty. out must hold
 * width * height words (display_size gives them). */
void display_size(const struct display *d, unsigned *w, unsigned *h);
void display_render(struct display *d, uint32_t *out);

extern const struct mmio_ops display_mmio;

#endif
