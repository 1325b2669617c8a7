#include <poll.h>
#include <stdio.h>
#include <unistd.h>

#include "chardev_stdio.h"

static void put(void *opaque, uint8_t byte)
{
    (void)opaque;
    putchar(byte);
}

/* Never blocks: input is polled, so a guest with nothing to read keeps running. */
static int get(void *opaque)
{
    struct stdio_chardev *s = opaque;
    if (s->in_fd < 0)
        return CHARDEV_EOF;
    struct pollfd p = { .fd = s->in_fd, .events = POLLIN };
    if (poll(&p, 1, 0) <= 0)
        return CHARDEV_NONE;
    uint8_t b;
    ssize_t n = read(s->in_fd, &b, 1);
    if (n == 1)
        return b;
    s->in_fd = -1;
    return CHARDEV_EOF;
}

static void flush(void *opaque)
{
    (void)opaque;
    fflush(stdout);
}

void chardev_stdio_init(struct stdio_chardev *s, int in_fd)
{
    s->dev = (struct chardev){ .opaque = s, .put = put, .get = get, .flush = flush };
    s->in_fd = in_fd;
}
