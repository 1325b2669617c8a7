/* Mouse: absolute position (in frame-buffer pixels, the front end maps the
 * window onto them), buttons and wheel steps, with an interrupt on change. */
#ifndef EMU_DEV_MOUSE_H
#define EMU_DEV_MOUSE_H

#include <stdbool.h>
#include <stdint.h>

#include "amber/hw.h"
#include "mmio.h"

struct mouse {
    uint16_t x, y;
    uint32_t buttons, ctrl;
    int32_t wheel;
    bool changed;
};

void mouse_init(struct mouse *m);
void mouse_move(struct mouse *m, unsigned x, unsigned y);
void mouse_button(struct mouse *m, unsigned button, bool down); /* 0 left, 1 right, 2 middle, 3, 4 */
void mouse_wheel(struct mouse *m, int steps);                   /* positive: away from the user */
bool mouse_irq(const struct mouse *m);
extern const struct mmio_ops mouse_mmio;

#endif
