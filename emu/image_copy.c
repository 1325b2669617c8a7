#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "image.h"
#include "image_copy.h"

#define CHUNK (1u << 20)

/* Copy [off, end) of in to out. */
static bool copy_range(int in, int out, off_t off, off_t end, uint8_t *buf)
{
    while (off < end) {
        size_t want = end - off < (off_t)CHUNK ? (size_t)(end - off) : CHUNK;
        ssize_t n = pread(in, buf, want, off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        for (ssize_t done = 0; done < n;) {
            ssize_t w = pwrite(out, buf + done, (size_t)(n - done), off + done);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                return false;
            done += w;
        }
        off += n;
    }
    return true;
}

bool image_copy(const char *src, const char *dst, char *err, size_t errlen)
{
    struct image im;
    if (!image_open(&im, src, false, err, errlen))
        return false;
    off_t size = (off_t)im.h.file_size;
    int out = open(dst, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    uint8_t *buf = malloc(CHUNK);
    bool ok = out >= 0 && buf && ftruncate(out, size) == 0;
    /* Only the data extents: the copy stays as sparse as the original. */
    for (off_t off = 0; ok && off < size;) {
        off_t data = lseek(im.fd, off, SEEK_DATA);
        if (data < 0 || data >= size) {
            ok = data >= 0 || errno == ENXIO; /* ENXIO: no data after off */
            break;
        }
        off_t hole = lseek(im.fd, data, SEEK_HOLE);
        if (hole < 0 || hole > size)
            hole = size;
        ok = copy_range(im.fd, out, data, hole, buf);
        off = hole;
    }
    ok = ok && fsync(out) == 0;
    int e = errno;
    free(buf);
    char ignored[64];
    image_close(&im, IMAGE_CLEAN, ignored, sizeof ignored); /* read-only: writes nothing */
    if (out >= 0)
        close(out);
    if (!ok) {
        if (out >= 0)
            unlink(dst);
        snprintf(err, errlen, "%s: cannot copy the image: %s", dst, strerror(e));
    }
    return ok;
}
