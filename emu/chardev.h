/* A byte stream between a serial device model and the host (terminal, file,
 * test buffer). Device models stay pure: the machine moves bytes between a
 * chardev and the device at event points. */
#ifndef EMU_CHARDEV_H
#define EMU_CHARDEV_H

#include <stdint.h>

enum { CHARDEV_NONE = -1, CHARDEV_EOF = -2 };

struct chardev {
    void *opaque;
    void (*put)(void *opaque, uint8_t byte);
    /* Next input byte; CHARDEV_NONE if none is waiting now, CHARDEV_EOF if
     * none will ever come. NULL means the same as always-EOF. */
    int (*get)(void *opaque);
    void (*flush)(void *opaque); /* may be NULL */
};

#endif
