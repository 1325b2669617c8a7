/* Mouse model; docs/devices.md specifies it. */
#include <string.h>

#include "dev_mouse.h"

void mouse_init(struct mouse *m)
{
    memset(m, 0, sizeof *m);
}

void mouse_move(struct mouse *m, unsigned x, unsigned y)
{
    uint16_t nx = x > 0xFFFF ? 0xFFFF : (uint16_t)x, ny = y > 0xFFFF ? 0xFFFF : (uint16_t)y;
    m->changed |= nx != m->x || ny != m->y;
    m->x = nx;
    m->y = ny;
}

void mouse_button(struct mouse *m, unsigned button, bool down)
{
    if (button > 4)
        return;
    uint32_t b = down ? m->buttons | 1u << button : m->buttons & ~(1u << button);
    m->changed |= b != m->buttons;
    m->buttons = b;
}

/* Saturating, so a flood of steps the guest never reads cannot wrap. */
void mouse_wheel(struct mouse *m, int steps)
{
    int64_t w = (int64_t)m->wheel + steps;
    m->wheel = w > INT32_MAX ? INT32_MAX : w < INT32_MIN ? INT32_MIN : (int32_t)w;
    m->changed |= steps != 0;
}

bool mouse_irq(const struct mouse *m)
{
    return (m->ctrl & MOUSE_CTRL_IRQ) && m->changed;
}

static bool mouse_read(void *dev, uint64_t off, unsigned size, uint64_t *val)
{
    struct mouse *m = dev;
    if (size != 4)
        return false;
    uint32_t v = 0;
    switch (off) {
    case DEV_ID: v = DEVID_MOUSE; break;
    case DEV_VERSION: v = 1; break;
    case MOUSE_CTRL: v = m->ctrl; break;
    case MOUSE_STATUS: v = m->changed ? MOUSE_STATUS_CHANGED : 0; break;
    case MOUSE_POS:
        v = m->x | (uint32_t)m->y << 16;
        m->changed = false;
        break;
    case MOUSE_BUTTONS: v = m->buttons; break;
    case MOUSE_WHEEL:
        v = (uint32_t)m->wheel;
        m->wheel = 0;
        break;
    default: break;
    }
    *val = v;
    return true;
}

static bool mouse_write(void *dev, uint64_t off, unsigned size, uint64_t val)
{
    struct mouse *m = dev;
    if (size != 4)
        return false;
    if (off == MOUSE_CTRL)
        m->ctrl = (uint32_t)val & MOUSE_CTRL_IRQ;
    return true;
}

const struct mmio_ops mouse_mmio = {
    .read = mouse_read,
    .write = mouse_write,
};
