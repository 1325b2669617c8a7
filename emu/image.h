/* The persistent image file (docs/nvdimm.md): a checksummed, versioned
 * header, then the PMEM data, its tags, the tags' page summary and the wear
 * counters, each at a page-aligned offset so it can be mapped directly.
 * Parsing never writes: a bad file is reported and left as it was. */
#ifndef EMU_IMAGE_H
#define EMU_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IMAGE_MAGIC        "AMBERIMG"
#define IMAGE_VERSION      1u
#define IMAGE_HEADER_BYTES 512u    /* covered by the checksum (last 4 bytes) */
#define IMAGE_DATA_OFF     0x10000ull
#define IMAGE_MEDIA_LINE   256u    /* wear is counted per media line */
#define IMAGE_MIN_SIZE     (1ull << 20)
#define IMAGE_MAX_SIZE     (1ull << 40)
#define IMAGE_OS_ID_BYTES  64u
#define IMAGE_DEFAULT_SIZE (1ull << 30) /* amber image create, amber run's first image */

enum image_state {
    IMAGE_CLEAN = 0,     /* created, or the emulator shut down in order */
    IMAGE_IN_USE = 1,    /* an emulator has it open (or was killed with it open) */
    IMAGE_POWER_CUT = 2, /* the last run ended in a (simulated) power cut */
};

struct image_header {
    uint32_t version;
    uint64_t size;       /* bytes of PMEM */
    uint8_t uuid[16];
    uint64_t created;    /* Unix seconds */
    uint64_t pmem_base;  /* machine configuration the image was made for */
    uint64_t dram_size;
    uint32_t cache_line, media_line;
    char os_id[IMAGE_OS_ID_BYTES]; /* OS build identity, NUL-padded; empty until installed */
    uint32_t state;      /* enum image_state */
    uint64_t power_cycles;
    /* Derived from size; stored so a reader can check the layout. */
    uint64_t tags_off, tsum_off, wear_off, file_size;
};

/* The layout of an image of size bytes of PMEM. */
void image_layout(struct image_header *h);

void image_encode(const struct image_header *h, uint8_t out[IMAGE_HEADER_BYTES]);
/* Validate and decode; false with a message naming the problem. */
bool image_decode(const uint8_t *in, size_t len, struct image_header *h, char *err, size_t errlen);

/* An open image: the file, locked exclusively (or shared, read-only). */
struct image {
    int fd;
    bool writable;
    struct image_header h;
};

/* Create a new image; never overwrites an existing file. */
bool image_create(const char *path, uint64_t size, char *err, size_t errlen);
/* Open, lock and validate. A writable open takes the exclusive lock and marks
 * the image in use; a read-only one takes a shared lock and writes nothing. */
bool image_open(struct image *im, const char *path, bool writable, char *err, size_t errlen);
/* Record the shutdown state (writable images), make the file durable and
 * close it. */
bool image_close(struct image *im, enum image_state state, char *err, size_t errlen);
/* Rewrite the header of a writable image and make it durable. */
bool image_write_header(struct image *im, char *err, size_t errlen);

const char *image_state_name(uint32_t state);

#endif
