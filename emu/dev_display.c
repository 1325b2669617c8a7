/* Display controller model; docs/devices.md specifies it. */
#include <string.h>

#include "dev_display.h"

void display_init(struct display *d, const struct display_mem *mem, const uint64_t *now,
                  uint64_t cycles_per_frame)
{
    memset(d, 0, sizeof *d);
    d->mem = *mem;
    d->now = now;
    d->period = cycles_per_frame;
    d->width = DISP_DEFAULT_W;
    d->height = DISP_DEFAULT_H;
    d->fmt = DISP_FMT_XRGB8888;
    d->stride = DISP_DEFAULT_W * 4;
    d->frames = *now / cycles_per_frame;
}

static unsigned bytes_pp(const struct display *d)
{
    return d->fmt == DISP_FMT_RGB565 ? 2 : 4;
}

bool display_mode_valid(const struct display *d)
{
    return d->width >= 1 && d->width <= DISP_MAX_W && d->height >= 1 && d->height <= DISP_MAX_H &&
           d->fmt <= DISP_FMT_RGB565 && d->stride >= d->width * bytes_pp(d);
}

/* Several frames may have passed unseen; the base is latched once, which is
 * all the guest can observe. */
void display_sync(struct display *d)
{
    uint64_t f = *d->now / d->period;
    if (f <= d->frames)
        return;
    d->frames = f;
    d->fb_cur = d->fb_next;
    d->irq_status |= DISP_IRQ_VSYNC;
}

uint64_t display_next_event(const struct display *d)
{
    if (!(d->irq_enable & DISP_IRQ_VSYNC) || (d->irq_status & DISP_IRQ_VSYNC))
        return UINT64_MAX; /* nothing more to tell until the guest acknowledges */
    return (d->frames + 1) * d->period;
}

bool display_irq(const struct display *d)
{
    return d->irq_status & d->irq_enable;
}

static uint64_t fb_bytes(const struct display *d)
{
    return (uint64_t)d->stride * (d->height - 1) + (uint64_t)d->width * bytes_pp(d);
}

static const uint8_t *fb_map(const struct display *d)
{
    return d->mem.map(d->mem.ctx, d->fb_cur, fb_bytes(d));
}

void display_size(const struct display *d, unsigned *w, unsigned *h)
{
    bool ok = display_mode_valid(d);
    *w = ok ? d->width : DISP_DEFAULT_W;
    *h = ok ? d->height : DISP_DEFAULT_H;
}

static uint32_t rgb565_to_xrgb(uint16_t p)
{
    uint32_t r = (p >> 11) & 31, g = (p >> 5) & 63, b = p & 31;
    return (r << 3 | r >> 2) << 16 | (g << 2 | g >> 4) << 8 | (b << 3 | b >> 2);
}

/* Cursor bit order is the accelerator's glyph order: MSB first per byte. */
static void draw_cursor(const struct display *d, uint32_t *out)
{
    int32_t x0 = (int16_t)(d->cursor_pos & 0xFFFF) - (int32_t)(d->cursor_hot & 31);
    int32_t y0 = (int16_t)(d->cursor_pos >> 16) - (int32_t)((d->cursor_hot >> 16) & 31);
    for (unsigned r = 0; r < DISP_CURSOR_SIZE; r++) {
        int32_t y = y0 + (int32_t)r;
        if (y < 0 || y >= (int32_t)d->height)
            continue;
        uint32_t mask = d->cursor_img[2 * r], colour = d->cursor_img[2 * r + 1];
        for (unsigned c = 0; c < DISP_CURSOR_SIZE; c++) {
            int32_t x = x0 + (int32_t)c;
            unsigned bit = 8 * (c / 8) + 7 - c % 8;
            if (x < 0 || x >= (int32_t)d->width || !((mask >> bit) & 1))
                continue;
            out[(size_t)y * d->width + (size_t)x] = d->cursor_color[(colour >> bit) & 1] & 0xFFFFFF;
        }
    }
}

void display_render(struct display *d, uint32_t *out)
{
    unsigned w, h;
    display_sync(d);
    display_size(d, &w, &h);
    const uint8_t *fb = NULL;
    if ((d->ctrl & DISP_CTRL_ENABLE) && display_mode_valid(d))
        fb = fb_map(d);
    if (!fb) {
        memset(out, 0, (size_t)w * h * 4);
        return;
    }
    for (unsigned y = 0; y < h; y++) {
        const uint8_t *row = fb + (size_t)y * d->stride;
        uint32_t *o = out + (size_t)y * w;
        if (d->fmt == DISP_FMT_RGB565) {
            for (unsigned x = 0; x < w; x++)
                o[x] = rgb565_to_xrgb((uint16_t)(row[2 * x] | row[2 * x + 1] << 8));
        } else {
            for (unsigned x = 0; x < w; x++)
                o[x] = (row[4 * x] | row[4 * x + 1] << 8 | (uint32_t)row[4 * x + 2] << 16);
        }
    }
    if (d->ctrl & DISP_CTRL_CURSOR)
        draw_cursor(d, out);
}

static uint32_t status(const struct display *d)
{
    if (!display_mode_valid(d))
        return DISP_STATUS_BAD_MODE;
    return fb_map(d) ? 0 : DISP_STATUS_FB_FAULT;
}

static bool display_read(void *dev, uint64_t off, unsigned size, uint64_t *val)
{
    struct display *d = dev;
    display_sync(d);
    if (size == 8 && (off == DISP_FB_BASE || off == DISP_FB_CUR)) {
        *val = off == DISP_FB_BASE ? d->fb_next : d->fb_cur;
        return true;
    }
    if (size != 4)
        return false;
    uint32_t v = 0;
    if (off >= DISP_CURSOR_IMAGE && off < DISP_CURSOR_IMAGE + sizeof d->cursor_img) {
        v = d->cursor_img[(off - DISP_CURSOR_IMAGE) / 4];
    } else {
        switch (off) {
        case DEV_ID: v = DEVID_DISPLAY; break;
        case DEV_VERSION: v = 1; break;
        case DISP_CTRL: v = d->ctrl; break;
        case DISP_MODE: v = d->width | d->height << 16; break;
        case DISP_FORMAT: v = d->fmt; break;
        case DISP_STRIDE: v = d->stride; break;
        case DISP_FB_BASE: v = (uint32_t)d->fb_next; break;
        case DISP_FB_BASE + 4: v = (uint32_t)(d->fb_next >> 32); break;
        case DISP_FB_CUR: v = (uint32_t)d->fb_cur; break;
        case DISP_FB_CUR + 4: v = (uint32_t)(d->fb_cur >> 32); break;
        case DISP_FRAME: v = (uint32_t)d->frames; break;
        case DISP_STATUS: v = status(d); break;
        case DISP_IRQ_STATUS: v = d->irq_status; break;
        case DISP_IRQ_ENABLE: v = d->irq_enable; break;
        case DISP_CURSOR_POS: v = d->cursor_pos; break;
        case DISP_CURSOR_HOT: v = d->cursor_hot; break;
        case DISP_CURSOR_COLOR0: v = d->cursor_color[0]; break;
        case DISP_CURSOR_COLOR1: v = d->cursor_color[1]; break;
        default: break;
        }
    }
    *val = v;
    return true;
}

static bool display_write(void *dev, uint64_t off, unsigned size, uint64_t val)
{
    struct display *d = dev;
    display_sync(d);
    if (size == 8 && off == DISP_FB_BASE) {
        d->fb_next = val;
        return true;
    }
    if (size != 4)
        return false;
    uint32_t v = (uint32_t)val;
    if (off >= DISP_CURSOR_IMAGE && off < DISP_CURSOR_IMAGE + sizeof d->cursor_img) {
        d->cursor_img[(off - DISP_CURSOR_IMAGE) / 4] = v;
        return true;
    }
    switch (off) {
    case DISP_CTRL:
        /* Enabling scan-out takes the base at once: there is no old frame. */
        if ((v & DISP_CTRL_ENABLE) && !(d->ctrl & DISP_CTRL_ENABLE))
            d->fb_cur = d->fb_next;
        d->ctrl = v & (DISP_CTRL_ENABLE | DISP_CTRL_CURSOR);
        break;
    case DISP_MODE:
        d->width = v & 0xFFFF;
        d->height = v >> 16;
        break;
    case DISP_FORMAT: d->fmt = v; break;
    case DISP_STRIDE: d->stride = v; break;
    case DISP_FB_BASE: d->fb_next = (d->fb_next & ~0xFFFFFFFFull) | v; break;
    case DISP_FB_BASE + 4: d->fb_next = (d->fb_next & 0xFFFFFFFFull) | (uint64_t)v << 32; break;
    case DISP_IRQ_STATUS: d->irq_status &= ~v; break;
    case DISP_IRQ_ENABLE: d->irq_enable = v & DISP_IRQ_VSYNC; break;
    case DISP_CURSOR_POS: d->cursor_pos = v; break;
    case DISP_CURSOR_HOT: d->cursor_hot = v & 0x001F001F; break;
    case DISP_CURSOR_COLOR0: d->cursor_color[0] = v & 0xFFFFFF; break;
    case DISP_CURSOR_COLOR1: d->cursor_color[1] = v & 0xFFFFFF; break;
    default: break;
    }
    return true;
}

const struct mmio_ops display_mmio = {
    .read = display_read,
    .write = display_write,
};
