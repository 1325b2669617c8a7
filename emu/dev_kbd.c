/* Keyboard model; docs/devices.md specifies it. */
#include <string.h>

#include "dev_kbd.h"

/* HID usages 0xE0..0xE7 are the modifiers, in the order of the HID boot
 * protocol's modifier byte (LCtrl, LShift, LAlt, LGUI, RCtrl, ...). */
#define HID_MOD_FIRST 0xE0u
#define HID_MOD_LAST  0xE7u

void kbd_init(struct kbd *k)
{
    memset(k, 0, sizeof *k);
}

void kbd_event(struct kbd *k, unsigned usage, bool pressed)
{
    usage &= 0xFFFF;
    if (usage >= HID_MOD_FIRST && usage <= HID_MOD_LAST) {
        uint32_t bit = 1u << (usage - HID_MOD_FIRST);
        k->mods = pressed ? k->mods | bit : k->mods & ~bit;
    }
    if (k->count == KBD_FIFO_DEPTH) {
        k->overflow = true; /* the newest event is lost, as on a PS/2 controller */
        return;
    }
    k->ev[(k->head + k->count) % KBD_FIFO_DEPTH] = usage | (pressed ? KBD_EV_PRESSED : 0) | k->mods << 24;
    k->count++;
}

bool kbd_irq(const struct kbd *k)
{
    return (k->ctrl & KBD_CTRL_IRQ) && k->count > 0;
}

static bool kbd_read(void *dev, uint64_t off, unsigned size, uint64_t *val)
{
    struct kbd *k = dev;
    if (size != 4)
        return false;
    uint32_t v = 0;
    switch (off) {
    case DEV_ID: v = DEVID_KBD; break;
    case DEV_VERSION: v = 1; break;
    case KBD_CTRL: v = k->ctrl; break;
    case KBD_STATUS: v = (k->count ? KBD_STATUS_READY : 0) | (k->overflow ? KBD_STATUS_OVERFLOW : 0); break;
    case KBD_DATA:
        if (k->count) {
            v = k->ev[k->head];
            k->head = (k->head + 1) % KBD_FIFO_DEPTH;
            k->count--;
        }
        break;
    case KBD_MODS: v = k->mods; break;
    default: break;
    }
    *val = v;
    return true;
}

static bool kbd_write(void *dev, uint64_t off, unsigned size, uint64_t val)
{
    struct kbd *k = dev;
    if (size != 4)
        return false;
    if (off == KBD_CTRL)
        k->ctrl = (uint32_t)val & KBD_CTRL_IRQ;
    else if (off == KBD_STATUS && (val & KBD_STATUS_OVERFLOW))
        k->overflow = false; /* write 1 to clear */
    return true;
}

const struct mmio_ops kbd_mmio = {
    .read = kbd_read,
    .write = kbd_write,
};
