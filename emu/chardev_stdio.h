/* A chardev on the host's standard input and output. */
#ifndef EMU_CHARDEV_STDIO_H
#define EMU_CHARDEV_STDIO_H

#include "chardev.h"

struct stdio_chardev {
    struct chardev dev;
    int in_fd;    /* -1 once input reached end of file */
};

void chardev_stdio_init(struct stdio_chardev *s, int in_fd);

#endif
