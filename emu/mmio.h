/* The interface every memory-mapped device implements. The bus calls a
 * device; a device never calls back into the bus or the CPU. Interrupt
 * outputs are plain state that the machine reads and wires to the PLIC and
 * the CPU (see machine.c). */
#ifndef EMU_MMIO_H
#define EMU_MMIO_H

#include <stdbool.h>
#include <stdint.h>

struct mmio_ops {
    /* off is relative to the device base; size is 1, 2, 4 or 8 and the access
     * is naturally aligned. Return false for an access the device rejects
     * (the CPU then raises an access fault). */
    bool (*read)(void *dev, uint64_t off, unsigned size, uint64_t *val);
    bool (*write)(void *dev, uint64_t off, unsigned size, uint64_t val);
};

#endif
