/* The Amber devices of the Amber-1 (display, graphics accelerator,
 * keyboard, mouse, real-time clock, GC core) and the device table, as one unit the
 * machine instantiates, maps, wires to the PLIC and asks for its next event. */
#ifndef EMU_AMBERDEVS_H
#define EMU_AMBERDEVS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bus.h"
#include "dev_display.h"
#include "dev_gccore.h"
#include "dev_gfx.h"
#include "dev_kbd.h"
#include "dev_mouse.h"
#include "dev_rtc.h"
#include "dev_plic.h"
#include "devtable.h"

struct amberdevs {
    struct bus *bus;
    const uint64_t *now;
    uint64_t rtc_start_ns;
    struct devtable table;
    struct display display;
    struct gfx gfx;
    struct kbd kbd;
    struct mouse mouse;
    struct rtc rtc;
    struct gccore gc;
    /* The GC core gave a page of RAM its first tag: the CPU must drop its
     * TLB entries, which say the page has none (machine.c). */
    bool tags_added;
};

/* Map the devices and the table on bus; now is the machine's cycle count.
 * False if the bus has no room. The real-time clock starts at rtc_start_ns
 * (0, 1970, unless the front end sets it before the reset), so runs are
 * reproducible by default. */
bool amberdevs_init(struct amberdevs *a, struct bus *bus, const uint64_t *now, uint64_t dram_size);
void amberdevs_reset(struct amberdevs *a);
/* Catch up with the clock and drive the PLIC sources. */
void amberdevs_update(struct amberdevs *a, struct plic *plic);
uint64_t amberdevs_next_event(const struct amberdevs *a);
/* Write what the display shows now to a PNG file (the monitor's and the
 * command line's screendump). False with a message in err. */
bool amberdevs_screendump(struct amberdevs *a, const char *path, char *err, size_t errlen);

#endif
