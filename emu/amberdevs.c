/* Wiring of the Amber devices: their memory ports onto the bus, their
 * pages and table entries, their interrupt lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "amberdevs.h"
#include "pngwrite.h"
#include "timing.h"

/* The accelerator's and the display's memory: RAM only, no wait states
 * (the emulator charges the accelerator's own cycle model instead). */
static int gfx_mem_read(void *ctx, uint64_t addr, uint32_t *val)
{
    const uint8_t *p = bus_host(ctx, addr, 4, false);
    if (!p)
        return -1;
    *val = p[0] | p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    return 0;
}

static int gfx_mem_write(void *ctx, uint64_t addr, uint32_t val, unsigned mask)
{
    uint8_t *p = bus_host(ctx, addr, 4, true);
    if (!p)
        return -1;
    for (unsigned i = 0; i < 4; i++)
        if (mask & (1u << i))
            p[i] = (uint8_t)(val >> (8 * i));
    return 0;
}

/* The GC core's memory: tagged RAM only, no wait states. It is a trusted
 * master: its writes store the tag they carry instead of RAW. */
static int gc_mem_read(void *ctx, uint64_t addr, uint64_t *data, uint8_t *tag)
{
    struct amberdevs *a = ctx;
    const uint8_t *p = bus_host(a->bus, addr, 8, false);
    if (!p || (addr & 7) || !bus_get_tag(a->bus, addr, tag))
        return -1;
    memcpy(data, p, 8);
    return 0;
}

static int gc_mem_write(void *ctx, uint64_t addr, uint64_t data, uint8_t tag)
{
    struct amberdevs *a = ctx;
    const struct bus_region *r = bus_find(a->bus, addr, 8);
    if (!r || !r->host || !r->writable || (addr & 7) || (tag && !r->tags.word))
        return -1;
    uint8_t *p = bus_host(a->bus, addr, 8, true); /* RAW, and told to PMEM */
    memcpy(p, &data, 8);
    if (tag) {
        uint64_t off = addr - r->base;
        if (!r->tags.page[off >> TAG_PAGE_SHIFT]) {
            r->tags.page[off >> TAG_PAGE_SHIFT] = 1;
            a->tags_added = true;
        }
        r->tags.word[off >> TAG_WORD_SHIFT] = tag;
    }
    return 0;
}

static const uint8_t *display_map(void *ctx, uint64_t addr, uint64_t len)
{
    return bus_host(ctx, addr, len, false);
}

void amberdevs_reset(struct amberdevs *a)
{
    struct gfx_mem gm = { a->bus, gfx_mem_read, gfx_mem_write };
    struct display_mem dm = { a->bus, display_map };
    struct gc_mem gcm = { a, gc_mem_read, gc_mem_write };
    display_init(&a->display, &dm, a->now, CORE_HZ / DISP_REFRESH_HZ);
    gfx_init(&a->gfx, &gm, a->now);
    kbd_init(&a->kbd);
    mouse_init(&a->mouse);
    rtc_init(&a->rtc, a->now, CORE_HZ, a->rtc_start_ns);
    gccore_init(&a->gc, &gcm, a->now);
    a->tags_added = false;
}

bool amberdevs_init(struct amberdevs *a, struct bus *bus, const uint64_t *now, uint64_t dram_size)
{
    a->bus = bus;
    a->now = now;
    a->rtc_start_ns = 0;
    amberdevs_reset(a);
    struct devtable *t = &a->table;
    devtable_init(t);
    devtable_add(t, DEVID_DISPLAY, 1, PLIC_SRC_DISPLAY, AMBER_DISPLAY_BASE, AMBER_DEV_STRIDE);
    devtable_add(t, DEVID_GFX, 1, PLIC_SRC_GFX, AMBER_GFX_BASE, AMBER_DEV_STRIDE);
    devtable_add(t, DEVID_KBD, 1, PLIC_SRC_KBD, AMBER_KBD_BASE, AMBER_DEV_STRIDE);
    devtable_add(t, DEVID_MOUSE, 1, PLIC_SRC_MOUSE, AMBER_MOUSE_BASE, AMBER_DEV_STRIDE);
    devtable_add(t, DEVID_RTC, 1, PLIC_SRC_RTC, AMBER_RTC_BASE, AMBER_DEV_STRIDE);
    devtable_add(t, DEVID_GC, 1, PLIC_SRC_GC, AMBER_GC_BASE, AMBER_DEV_STRIDE);
    devtable_add(t, DEVID_UART, 1, PLIC_SRC_UART0, AMBER_UART0_BASE, AMBER_UART0_SIZE);
    devtable_add(t, DEVID_CLINT, 1, 0, AMBER_CLINT_BASE, AMBER_CLINT_SIZE);
    devtable_add(t, DEVID_PLIC, 1, 0, AMBER_PLIC_BASE, AMBER_PLIC_SIZE);
    devtable_add(t, DEVID_FINISHER, 1, 0, AMBER_FINISHER_BASE, AMBER_FINISHER_SIZE);
    devtable_add(t, DEVID_DRAM, 1, 0, AMBER_DRAM_BASE, dram_size);
    return bus_add_ram(bus, "devtable", AMBER_DEVTABLE_BASE, AMBER_DEV_STRIDE, t->page, false) &&
           bus_add_device(bus, "display", AMBER_DISPLAY_BASE, AMBER_DEV_STRIDE, &display_mmio, &a->display) &&
           bus_add_device(bus, "gfx", AMBER_GFX_BASE, AMBER_DEV_STRIDE, &gfx_mmio, &a->gfx) &&
           bus_add_device(bus, "kbd", AMBER_KBD_BASE, AMBER_DEV_STRIDE, &kbd_mmio, &a->kbd) &&
           bus_add_device(bus, "mouse", AMBER_MOUSE_BASE, AMBER_DEV_STRIDE, &mouse_mmio, &a->mouse) &&
           bus_add_device(bus, "rtc", AMBER_RTC_BASE, AMBER_DEV_STRIDE, &rtc_mmio, &a->rtc) &&
           bus_add_device(bus, "gc", AMBER_GC_BASE, AMBER_DEV_STRIDE, &gccore_mmio, &a->gc);
}

void amberdevs_update(struct amberdevs *a, struct plic *plic)
{
    display_sync(&a->display);
    gfx_sync(&a->gfx);
    rtc_sync(&a->rtc);
    gccore_sync(&a->gc);
    plic_set_level(plic, PLIC_SRC_DISPLAY, display_irq(&a->display));
    plic_set_level(plic, PLIC_SRC_GFX, gfx_irq(&a->gfx));
    plic_set_level(plic, PLIC_SRC_KBD, kbd_irq(&a->kbd));
    plic_set_level(plic, PLIC_SRC_MOUSE, mouse_irq(&a->mouse));
    plic_set_level(plic, PLIC_SRC_RTC, rtc_irq(&a->rtc));
    plic_set_level(plic, PLIC_SRC_GC, gccore_irq(&a->gc));
}

static uint64_t min64(uint64_t a, uint64_t b)
{
    return a < b ? a : b;
}

uint64_t amberdevs_next_event(const struct amberdevs *a)
{
    return min64(min64(display_next_event(&a->display), gccore_next_event(&a->gc)),
                 min64(gfx_next_event(&a->gfx), rtc_next_event(&a->rtc)));
}

bool amberdevs_screendump(struct amberdevs *a, const char *path, char *err, size_t errlen)
{
    unsigned w, h;
    display_size(&a->display, &w, &h);
    uint32_t *px = malloc((size_t)w * h * 4);
    if (!px) {
        snprintf(err, errlen, "%s: out of memory", path);
        return false;
    }
    display_render(&a->display, px);
    bool ok = png_write_xrgb(path, px, w, h, err, errlen);
    free(px);
    return ok;
}
