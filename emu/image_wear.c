/* `amber image wear`: the wear counters of an image as numbers, a histogram,
 * the hottest media lines and a heat-map PNG (docs/nvdimm.md, "Wear"). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "amber/hw.h"
#include "image.h"
#include "image_wear.h"
#include "pngwrite.h"

#define HIST_BUCKETS 33 /* 0, 1, 2-3, 4-7, ..., 2^31-(2^32-1) */
#define MAP_WIDTH    512u

static unsigned bucket(uint32_t v)
{
    return v ? 32u - (unsigned)__builtin_clz(v) : 0;
}

/* Dark blue for cold through red to white for the hottest, on a log scale. */
static uint32_t heat(uint32_t v, uint32_t max)
{
    if (!v)
        return 0x000010;
    double t = (double)bucket(v) / (double)bucket(max);
    unsigned r = (unsigned)(255 * (t < 0.5 ? t * 2 : 1));
    unsigned g = (unsigned)(255 * (t < 0.5 ? 0 : (t - 0.5) * 2));
    unsigned b = (unsigned)(64 * (1 - t) + (t > 0.9 ? 255 * (t - 0.9) * 10 : 0));
    return r << 16 | g << 8 | (b > 255 ? 255 : b);
}

static bool heat_map(const uint32_t *w, uint64_t n, uint32_t max, const char *path,
                     char *err, size_t errlen)
{
    uint64_t per = (n + MAP_WIDTH * MAP_WIDTH - 1) / (MAP_WIDTH * MAP_WIDTH); /* lines a pixel */
    uint64_t pixels = (n + per - 1) / per;
    unsigned width = pixels < MAP_WIDTH ? (unsigned)pixels : MAP_WIDTH;
    unsigned height = (unsigned)((pixels + width - 1) / width);
    uint32_t *px = calloc((size_t)width * height, sizeof *px);
    if (!px) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    for (uint64_t i = 0; i < pixels; i++) {
        uint32_t m = 0; /* a pixel shows its hottest line */
        for (uint64_t j = i * per; j < (i + 1) * per && j < n; j++)
            m = w[j] > m ? w[j] : m;
        px[i] = heat(m, max);
    }
    bool ok = png_write_xrgb(path, px, width, height, err, errlen);
    free(px);
    if (ok)
        printf("heat map: %s, %ux%u, %" PRIu64 " media line%s a pixel, row-major from 0x%llx\n",
               path, width, height, per, per == 1 ? "" : "s", (unsigned long long)AMBER_PMEM_BASE);
    return ok;
}

int image_wear(const char *path, unsigned top, const char *png)
{
    struct image im;
    char err[320];
    if (!image_open(&im, path, false, err, sizeof err)) {
        fprintf(stderr, "amber: %s\n", err);
        return 2;
    }
    const struct image_header *h = &im.h;
    uint64_t n = h->size / IMAGE_MEDIA_LINE;
    void *map = mmap(NULL, n * 4, PROT_READ, MAP_SHARED, im.fd, (off_t)h->wear_off);
    if (map == MAP_FAILED) {
        fprintf(stderr, "amber: %s: cannot read the wear counters: %s\n", path, strerror(errno));
        image_close(&im, IMAGE_CLEAN, err, sizeof err);
        return 2;
    }
    const uint32_t *w = map;
    uint64_t hist[HIST_BUCKETS] = { 0 }, total = 0, used = 0;
    uint32_t max = 0;
    uint64_t *hot = calloc(top ? top : 1, sizeof *hot); /* line indices, hottest first */
    unsigned nhot = 0;
    for (uint64_t i = 0; i < n && hot; i++) {
        uint32_t v = w[i];
        hist[bucket(v)]++;
        total += v, used += v != 0, max = v > max ? v : max;
        if (!v || !top || (nhot == top && v <= w[hot[top - 1]]))
            continue;
        unsigned k = nhot < top ? nhot++ : top - 1;
        while (k > 0 && w[hot[k - 1]] < v) {
            hot[k] = hot[k - 1];
            k--;
        }
        hot[k] = i;
    }
    int status = 0;
    if (!hot) {
        fprintf(stderr, "amber: out of memory\n");
        status = 2;
    } else {
        printf("media lines: %" PRIu64 " of %u bytes, %" PRIu64 " written\n", n, IMAGE_MEDIA_LINE, used);
        printf("writes: %" PRIu64 ", max %" PRIu32 ", mean %.3f (%.3f over written lines)\n", total,
               max, (double)total / (double)n, used ? (double)total / (double)used : 0.0);
        printf("histogram (writes: lines):\n");
        for (unsigned b = 0; b < HIST_BUCKETS; b++) {
            if (!hist[b])
                continue;
            uint64_t lo = b ? 1ull << (b - 1) : 0, hi = b ? (1ull << b) - 1 : 0;
            printf("  %10" PRIu64 "-%-10" PRIu64 " %" PRIu64 "\n", lo, hi, hist[b]);
        }
        if (nhot)
            printf("hottest lines:\n");
        for (unsigned k = 0; k < nhot; k++)
            printf("  0x%010llx %" PRIu32 "\n",
                   (unsigned long long)(AMBER_PMEM_BASE + hot[k] * IMAGE_MEDIA_LINE), w[hot[k]]);
        if (png && !heat_map(w, n, max, png, err, sizeof err)) {
            fprintf(stderr, "amber: %s\n", err);
            status = 2;
        }
    }
    free(hot);
    munmap(map, n * 4);
    image_close(&im, IMAGE_CLEAN, err, sizeof err);
    return status;
}
