#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>

#include "cli_args.h"
#include "cmd_image.h"
#include "image.h"
#include "image_wear.h"


enum { OK = 0, BAD = 2 };

static int usage(void)
{
    fputs("usage: amber image create PATH [--size SIZE]   a new, sparse image (default 1G)\n"
          "       amber image info PATH                   print the header and wear summary\n"
          "       amber image check PATH                  verify header, layout and tags\n"
          "       amber image wear PATH [--top N] [--png FILE]  wear: histogram, hottest\n"
          "                                               lines, a heat-map PNG\n"
          "exit status: 0 fine, 2 bad usage or a bad image (never modified)\n",
          stderr);
    return BAD;
}

static int create(int argc, char **argv)
{
    const char *path = NULL;
    uint64_t size = IMAGE_DEFAULT_SIZE;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--size") == 0) {
            if (i + 1 >= argc || !cli_parse_size(argv[++i], &size)) {
                fprintf(stderr, "amber: --size needs a size like 64M or 1G\n");
                return BAD;
            }
        } else if (!path && argv[i][0] != '-') {
            path = argv[i];
        } else {
            return usage();
        }
    }
    if (!path)
        return usage();
    char err[256];
    if (!image_create(path, size, err, sizeof err)) {
        fprintf(stderr, "amber: %s\n", err);
        return BAD;
    }
    return OK;
}

static void print_uuid(const uint8_t *u)
{
    for (int i = 0; i < 16; i++)
        printf("%02x%s", u[i], i == 3 || i == 5 || i == 7 || i == 9 ? "-" : "");
}

/* Map a region of the image read-only (sparse holes read as zeros). */
static const uint8_t *map_ro(const struct image *im, uint64_t off, uint64_t len)
{
    void *p = mmap(NULL, len, PROT_READ, MAP_SHARED, im->fd, (off_t)off);
    return p == MAP_FAILED ? NULL : p;
}

static int info(const char *path)
{
    struct image im;
    char err[320];
    if (!image_open(&im, path, false, err, sizeof err)) {
        fprintf(stderr, "amber: %s\n", err);
        return BAD;
    }
    const struct image_header *h = &im.h;
    struct stat st;
    fstat(im.fd, &st);
    /* The guest writes the OS identity (NVDIMM_OS_ID): show it, not its control characters. */
    char os[IMAGE_OS_ID_BYTES];
    for (unsigned i = 0; i < IMAGE_OS_ID_BYTES; i++)
        os[i] = h->os_id[i] && (h->os_id[i] < 0x20 || h->os_id[i] > 0x7e) ? '?' : h->os_id[i];
    char when[64];
    time_t t = (time_t)h->created;
    struct tm tm;
    strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", gmtime_r(&t, &tm));
    printf("image: %s\nformat version: %u\npmem size: %" PRIu64 " bytes (%" PRIu64 " MiB)\nuuid: ",
           path, h->version, h->size, h->size >> 20);
    print_uuid(h->uuid);
    printf("\ncreated: %s\nmachine: PMEM at 0x%" PRIx64 ", DRAM %" PRIu64 " MiB, %u-byte cache lines, "
           "%u-byte media lines\nos: %s\nshutdown state: %s\npower cycles: %" PRIu64 "\n"
           "file: %" PRIu64 " bytes, %" PRIu64 " allocated on the host\n",
           when, h->pmem_base, h->dram_size >> 20, h->cache_line, h->media_line,
           os[0] ? os : "(none installed)", image_state_name(h->state),
           h->power_cycles, h->file_size, (uint64_t)st.st_blocks * 512);
    uint64_t n = h->size / IMAGE_MEDIA_LINE, len = n * 4;
    const uint8_t *w = map_ro(&im, h->wear_off, len);
    if (w) {
        uint64_t total = 0, max = 0, used = 0;
        for (uint64_t i = 0; i < n; i++) {
            uint32_t v;
            memcpy(&v, w + 4 * i, 4);
            total += v, used += v != 0, max = v > max ? v : max;
        }
        printf("wear: %" PRIu64 " media-line writes, %" PRIu64 " of %" PRIu64 " lines written, max %" PRIu64 "\n",
               total, used, n, max);
        munmap((void *)w, len);
    }
    image_close(&im, IMAGE_CLEAN, err, sizeof err);
    return OK;
}

/* The tag summary may over-approximate, never under: a page whose summary
 * is clear must hold only RAW tags, or a tagged pointer would read as RAW. */
static int check(const char *path)
{
    struct image im;
    char err[320];
    if (!image_open(&im, path, false, err, sizeof err)) {
        fprintf(stderr, "amber: %s\n", err);
        return BAD;
    }
    const struct image_header *h = &im.h;
    uint64_t pages = h->size / 4096, bad = 0;
    const uint8_t *tags = map_ro(&im, h->tags_off, h->size / 8);
    const uint8_t *tsum = map_ro(&im, h->tsum_off, pages);
    int status = OK;
    if (!tags || !tsum) {
        fprintf(stderr, "amber: %s: cannot read the tag regions: %s\n", path, strerror(errno));
        status = BAD;
    } else {
        static const uint8_t zero[4096 / 8];
        for (uint64_t pg = 0; pg < pages; pg++)
            if (!tsum[pg] && memcmp(tags + pg * sizeof zero, zero, sizeof zero) != 0)
                bad++;
        if (bad) {
            fprintf(stderr, "amber: %s: corrupt tags: %" PRIu64 " pages hold tags their summary does not record\n",
                    path, bad);
            status = BAD;
        }
    }
    if (tags)
        munmap((void *)tags, h->size / 8);
    if (tsum)
        munmap((void *)tsum, pages);
    if (status == OK)
        printf("%s: ok (format version %u, %" PRIu64 " MiB, %s)\n", path, h->version, h->size >> 20,
               image_state_name(h->state));
    image_close(&im, IMAGE_CLEAN, err, sizeof err);
    return status;
}

static int wear(int argc, char **argv)
{
    const char *path = NULL, *png = NULL;
    uint64_t top = 10;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--top") == 0 && i + 1 < argc) {
            if (!cli_parse_size(argv[++i], &top) || top > 100000) {
                fprintf(stderr, "amber: --top needs a number up to 100000\n");
                return BAD;
            }
        } else if (strcmp(argv[i], "--png") == 0 && i + 1 < argc) {
            png = argv[++i];
        } else if (!path && argv[i][0] != '-') {
            path = argv[i];
        } else {
            return usage();
        }
    }
    return path ? image_wear(path, (unsigned)top, png) : usage();
}

int cmd_image(int argc, char **argv)
{
    if (argc < 1)
        return usage();
    if (strcmp(argv[0], "create") == 0)
        return create(argc - 1, argv + 1);
    if (strcmp(argv[0], "wear") == 0)
        return wear(argc - 1, argv + 1);
    if (argc != 2)
        return usage();
    if (strcmp(argv[0], "info") == 0)
        return info(argv[1]);
    if (strcmp(argv[0], "check") == 0)
        return check(argv[1]);
    return usage();
}
