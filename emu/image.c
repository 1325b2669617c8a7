#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "amber/hw.h"
#include "crc32.h"
#include "image.h"

/* Header field offsets (docs/nvdimm.md); all little-endian. */
enum {
    H_MAGIC = 0, H_VERSION = 8, H_HDRBYTES = 12, H_SIZE = 16, H_UUID = 24, H_CREATED = 40,
    H_PMEM_BASE = 48, H_DRAM = 56, H_CLINE = 64, H_MLINE = 68, H_DATA = 72, H_TAGS = 80,
    H_TSUM = 88, H_WEAR = 96, H_FILE = 104, H_STATE = 112, H_CYCLES = 120, H_OS = 128,
    H_CRC = IMAGE_HEADER_BYTES - 4,
};

static uint64_t align_up(uint64_t v, uint64_t a)
{
    return (v + a - 1) / a * a;
}

void image_layout(struct image_header *h)
{
    h->tags_off = IMAGE_DATA_OFF + h->size;
    h->tsum_off = align_up(h->tags_off + h->size / 8, 4096);
    h->wear_off = align_up(h->tsum_off + h->size / 4096, 4096);
    h->file_size = align_up(h->wear_off + h->size / IMAGE_MEDIA_LINE * 4, 4096);
}

static void put(uint8_t *p, uint64_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get(const uint8_t *p, unsigned n)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

static uint32_t checksum(const uint8_t *p)
{
    struct crc32 c;
    crc32_init(&c);
    crc32_add(&c, p, H_CRC);
    return crc32_value(&c);
}

void image_encode(const struct image_header *h, uint8_t out[IMAGE_HEADER_BYTES])
{
    memset(out, 0, IMAGE_HEADER_BYTES);
    memcpy(out + H_MAGIC, IMAGE_MAGIC, 8);
    put(out + H_VERSION, h->version, 4);
    put(out + H_HDRBYTES, IMAGE_HEADER_BYTES, 4);
    put(out + H_SIZE, h->size, 8);
    memcpy(out + H_UUID, h->uuid, 16);
    put(out + H_CREATED, h->created, 8);
    put(out + H_PMEM_BASE, h->pmem_base, 8);
    put(out + H_DRAM, h->dram_size, 8);
    put(out + H_CLINE, h->cache_line, 4);
    put(out + H_MLINE, h->media_line, 4);
    put(out + H_DATA, IMAGE_DATA_OFF, 8);
    put(out + H_TAGS, h->tags_off, 8);
    put(out + H_TSUM, h->tsum_off, 8);
    put(out + H_WEAR, h->wear_off, 8);
    put(out + H_FILE, h->file_size, 8);
    put(out + H_STATE, h->state, 4);
    put(out + H_CYCLES, h->power_cycles, 8);
    memcpy(out + H_OS, h->os_id, IMAGE_OS_ID_BYTES);
    put(out + H_CRC, checksum(out), 4);
}

#define FAIL(...) do { snprintf(err, errlen, __VA_ARGS__); return false; } while (0)

bool image_decode(const uint8_t *in, size_t len, struct image_header *h, char *err, size_t errlen)
{
    memset(h, 0, sizeof *h);
    if (len < 8 || memcmp(in, IMAGE_MAGIC, 8) != 0)
        FAIL("not an Amber image (no AMBERIMG magic)");
    if (len < IMAGE_HEADER_BYTES)
        FAIL("truncated: the header needs %u bytes, the file has %zu", IMAGE_HEADER_BYTES, len);
    h->version = (uint32_t)get(in + H_VERSION, 4);
    /* The version comes before the checksum: a newer format may checksum differently. */
    if (h->version > IMAGE_VERSION)
        FAIL("made by a newer amber: format version %u, this amber reads version %u",
             h->version, IMAGE_VERSION);
    if (h->version == 0)
        FAIL("corrupt header: format version 0");
    if (get(in + H_CRC, 4) != checksum(in))
        FAIL("corrupt header: checksum mismatch");
    if (get(in + H_HDRBYTES, 4) != IMAGE_HEADER_BYTES)
        FAIL("corrupt header: header length %u", (unsigned)get(in + H_HDRBYTES, 4));
    h->size = get(in + H_SIZE, 8);
    if (h->size < IMAGE_MIN_SIZE || h->size > IMAGE_MAX_SIZE || h->size % 4096)
        FAIL("corrupt header: PMEM size %llu is not a multiple of 4 KiB from 1 MiB to 1 TiB",
             (unsigned long long)h->size);
    memcpy(h->uuid, in + H_UUID, 16);
    h->created = get(in + H_CREATED, 8);
    h->pmem_base = get(in + H_PMEM_BASE, 8);
    h->dram_size = get(in + H_DRAM, 8);
    h->cache_line = (uint32_t)get(in + H_CLINE, 4);
    h->media_line = (uint32_t)get(in + H_MLINE, 4);
    if (h->pmem_base != AMBER_PMEM_BASE || h->cache_line != 64 || h->media_line != IMAGE_MEDIA_LINE)
        FAIL("made for another machine configuration (PMEM at 0x%llx, %u-byte lines, %u-byte media lines)",
             (unsigned long long)h->pmem_base, h->cache_line, h->media_line);
    struct image_header want = { .size = h->size };
    image_layout(&want);
    if (get(in + H_DATA, 8) != IMAGE_DATA_OFF || get(in + H_TAGS, 8) != want.tags_off ||
        get(in + H_TSUM, 8) != want.tsum_off || get(in + H_WEAR, 8) != want.wear_off ||
        get(in + H_FILE, 8) != want.file_size)
        FAIL("corrupt header: the region offsets do not match the PMEM size");
    h->tags_off = want.tags_off;
    h->tsum_off = want.tsum_off;
    h->wear_off = want.wear_off;
    h->file_size = want.file_size;
    h->state = (uint32_t)get(in + H_STATE, 4);
    if (h->state > IMAGE_POWER_CUT)
        FAIL("corrupt header: unknown shutdown state %u", h->state);
    h->power_cycles = get(in + H_CYCLES, 8);
    memcpy(h->os_id, in + H_OS, IMAGE_OS_ID_BYTES);
    if (h->os_id[IMAGE_OS_ID_BYTES - 1] != 0)
        FAIL("corrupt header: OS identity is not NUL-terminated");
    return true;
}

const char *image_state_name(uint32_t state)
{
    switch (state) {
    case IMAGE_CLEAN: return "clean";
    case IMAGE_IN_USE: return "in use, or its emulator was killed (media as after a power cut)";
    case IMAGE_POWER_CUT: return "power cut";
    default: return "unknown";
    }
}

static bool write_all(int fd, const void *buf, size_t len, off_t off)
{
    const uint8_t *p = buf;
    while (len) {
        ssize_t n = pwrite(fd, p, len, off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n, len -= (size_t)n, off += n;
    }
    return true;
}

bool image_create(const char *path, uint64_t size, char *err, size_t errlen)
{
    if (size < IMAGE_MIN_SIZE || size > IMAGE_MAX_SIZE || size % 4096)
        FAIL("image size must be a multiple of 4 KiB from 1 MiB to 1 TiB");
    struct image_header h = { .version = IMAGE_VERSION, .size = size, .created = (uint64_t)time(NULL),
                              .pmem_base = AMBER_PMEM_BASE, .dram_size = AMBER_DRAM_DEFAULT,
                              .cache_line = 64, .media_line = IMAGE_MEDIA_LINE, .state = IMAGE_CLEAN };
    image_layout(&h);
    if (getrandom(h.uuid, sizeof h.uuid, 0) != (ssize_t)sizeof h.uuid)
        FAIL("cannot get random bytes for the UUID: %s", strerror(errno));
    h.uuid[6] = (uint8_t)((h.uuid[6] & 0x0f) | 0x40); /* RFC 4122 version 4 */
    h.uuid[8] = (uint8_t)((h.uuid[8] & 0x3f) | 0x80);
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        FAIL("%s: %s", path, errno == EEXIST ? "already exists; not overwritten" : strerror(errno));
    uint8_t buf[IMAGE_HEADER_BYTES];
    image_encode(&h, buf);
    /* Sparse: ftruncate allocates nothing; the header goes in last so a
     * half-made file is never a valid image. */
    bool ok = ftruncate(fd, (off_t)h.file_size) == 0 && write_all(fd, buf, sizeof buf, 0) &&
              fsync(fd) == 0;
    int e = errno;
    close(fd);
    if (!ok) {
        unlink(path);
        FAIL("%s: cannot write: %s", path, strerror(e));
    }
    return true;
}

bool image_write_header(struct image *im, char *err, size_t errlen)
{
    uint8_t buf[IMAGE_HEADER_BYTES];
    image_encode(&im->h, buf);
    if (!write_all(im->fd, buf, sizeof buf, 0) || fdatasync(im->fd) != 0)
        FAIL("cannot write the image header: %s", strerror(errno));
    return true;
}

bool image_open(struct image *im, const char *path, bool writable, char *err, size_t errlen)
{
    im->fd = open(path, (writable ? O_RDWR : O_RDONLY) | O_CLOEXEC);
    im->writable = writable;
    if (im->fd < 0)
        FAIL("%s: %s", path, strerror(errno));
    struct stat st;
    uint8_t buf[IMAGE_HEADER_BYTES];
    ssize_t n = 0;
    if (flock(im->fd, (writable ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0) {
        snprintf(err, errlen, "%s: %s", path, errno == EWOULDBLOCK ?
                 "in use by another amber (the image is locked)" : strerror(errno));
        goto fail;
    }
    if (fstat(im->fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "%s: not a regular file", path);
        goto fail;
    }
    n = pread(im->fd, buf, sizeof buf, 0);
    if (n < 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        goto fail;
    }
    char why[192];
    if (!image_decode(buf, (size_t)n, &im->h, why, sizeof why)) {
        snprintf(err, errlen, "%s: %s", path, why);
        goto fail;
    }
    if ((uint64_t)st.st_size < im->h.file_size) {
        snprintf(err, errlen, "%s: truncated: %llu bytes, the header needs %llu", path,
                 (unsigned long long)st.st_size, (unsigned long long)im->h.file_size);
        goto fail;
    }
    if (writable) {
        im->h.state = IMAGE_IN_USE;
        if (!image_write_header(im, err, errlen))
            goto fail;
    }
    return true;
fail:
    close(im->fd);
    im->fd = -1;
    return false;
}

bool image_close(struct image *im, enum image_state state, char *err, size_t errlen)
{
    bool ok = true;
    if (im->writable) {
        im->h.state = state;
        /* Data before header: a clean state never describes media not yet on disk. */
        if (fsync(im->fd) != 0) {
            snprintf(err, errlen, "cannot make the image durable: %s", strerror(errno));
            ok = false;
        } else {
            ok = image_write_header(im, err, errlen);
        }
    }
    close(im->fd); /* releases the lock */
    im->fd = -1;
    return ok;
}
