/* Keyboard: a FIFO of key events (USB HID usage, pressed or released, and
 * the modifier state after the event) with an interrupt while it holds any.
 * SDL scancodes are HID usages, so the front end passes them straight on. */
#ifndef EMU_DEV_KBD_H
#define EMU_DEV_KBD_H

#include <stdbool.h>
#include <stdint.h>

#include "amber/hw.h"
#include "mmio.h"

struct kbd {
    uint32_t ev[KBD_FIFO_DEPTH];
    unsigned head, count;
    uint32_t ctrl, mods;
    bool overflow;
};

void kbd_init(struct kbd *k);
void kbd_event(struct kbd *k, unsigned usage, bool pressed); /* host key */
bool kbd_irq(const struct kbd *k);
extern const struct mmio_ops kbd_mmio;

#endif
