#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "pmem.h"

#define TAG_BYTES (PMEM_LINE / 8)
#define CLAIM_SHIFT 16 /* host disk is claimed 64 KiB at a time */

static void *map(void *at, uint64_t len, int flags, int fd, uint64_t off)
{
    void *p = mmap(at, len, PROT_READ | PROT_WRITE, flags | MAP_NORESERVE | (at ? MAP_FIXED : 0),
                   fd, (off_t)off);
    return p == MAP_FAILED ? NULL : p;
}

/* The architectural copy: private, so the guest's stores never reach the
 * file on their own. Mapping it again discards them (a power cut). */
static bool map_arch(struct pmem *p)
{
    const struct image_header *h = &p->im->h;
    int fd = p->im->fd;
    p->data = map(p->data, p->size, MAP_PRIVATE, fd, IMAGE_DATA_OFF);
    p->tags.word = map(p->tags.word, p->size / 8, MAP_PRIVATE, fd, h->tags_off);
    p->tags.page = map(p->tags.page, p->size / 4096, MAP_PRIVATE, fd, h->tsum_off);
    return p->data && p->tags.word && p->tags.page;
}

bool pmem_open(struct pmem *p, struct image *im, const struct pmem_config *cfg,
               char *err, size_t errlen)
{
    memset(p, 0, sizeof *p);
    p->im = im;
    p->size = im->h.size;
    p->cfg = *cfg;
    p->tags.size = p->size;
    p->rng = cfg->seed;
    const struct image_header *h = &im->h;
    p->m_data = map(NULL, p->size, MAP_SHARED, im->fd, IMAGE_DATA_OFF);
    p->m_tags = map(NULL, p->size / 8, MAP_SHARED, im->fd, h->tags_off);
    p->m_tsum = map(NULL, p->size / 4096, MAP_SHARED, im->fd, h->tsum_off);
    p->wear = map(NULL, h->file_size - h->wear_off, MAP_SHARED, im->fd, h->wear_off);
    p->dirty = calloc((size_t)cfg->sets * cfg->ways, sizeof *p->dirty);
    p->pending = calloc(cfg->wpq ? cfg->wpq : 1, sizeof *p->pending);
    p->claimed = calloc((h->file_size >> CLAIM_SHIFT) / 64 + 1, sizeof *p->claimed);
    if (!p->m_data || !p->m_tags || !p->m_tsum || !p->wear || !p->dirty || !p->pending || !p->claimed ||
        !cfg->sets || !cfg->ways || !cfg->wpq || !map_arch(p)) {
        snprintf(err, errlen, "cannot map the image: %s", strerror(errno));
        pmem_close(p);
        return false;
    }
    for (uint64_t i = 0; i < p->size / IMAGE_MEDIA_LINE; i++)
        p->wear_max = p->wear[i] > p->wear_max ? p->wear[i] : p->wear_max;
    return true;
}

static void unmap(void *a, uint64_t len)
{
    if (a)
        munmap(a, len);
}

void pmem_close(struct pmem *p)
{
    unmap(p->data, p->size);
    unmap(p->tags.word, p->size / 8);
    unmap(p->tags.page, p->size / 4096);
    unmap(p->m_data, p->size);
    unmap(p->m_tags, p->size / 8);
    unmap(p->m_tsum, p->size / 4096);
    if (p->im)
        unmap(p->wear, p->im->h.file_size - p->im->h.wear_off);
    free(p->dirty);
    free(p->pending);
    free(p->claimed);
    memset(p, 0, sizeof *p);
}

/* Make sure the host has disk behind file offset off before a shared
 * mapping writes there: a write into a hole of a full disk would raise
 * SIGBUS. On failure the media freezes (pmem_host_error). */
static bool claim(struct pmem *p, uint64_t off)
{
    uint64_t c = off >> CLAIM_SHIFT;
    if (p->claimed[c / 64] & (1ull << (c % 64)))
        return true;
    uint64_t start = c << CLAIM_SHIFT, len = 1ull << CLAIM_SHIFT;
    if (len > p->im->h.file_size - start)
        len = p->im->h.file_size - start;
    if (fallocate(p->im->fd, FALLOC_FL_KEEP_SIZE, (off_t)start, (off_t)len) != 0) {
        p->host_errno = errno;
        return false;
    }
    p->claimed[c / 64] |= 1ull << (c % 64);
    return true;
}

/* One line reaches the media. The DIMM combines writes to a 256-byte media
 * line still in its buffer; each media line it starts costs one unit of wear. */
static void media_write(struct pmem *p, uint64_t line, const uint8_t *data, const uint8_t *tags)
{
    const struct image_header *h = &p->im->h;
    uint64_t mline = (line << PMEM_LINE_SHIFT) / IMAGE_MEDIA_LINE;
    if (p->host_errno || !claim(p, IMAGE_DATA_OFF + (line << PMEM_LINE_SHIFT)) ||
        !claim(p, h->tags_off + line * TAG_BYTES) ||
        !claim(p, h->tsum_off + ((line << PMEM_LINE_SHIFT) >> 12)) || !claim(p, h->wear_off + mline * 4))
        return;
    p->host_dirty = true;
    memcpy(p->m_data + (line << PMEM_LINE_SHIFT), data, PMEM_LINE);
    memcpy(p->m_tags + line * TAG_BYTES, tags, TAG_BYTES);
    uint64_t t;
    memcpy(&t, tags, sizeof t);
    if (t)
        p->m_tsum[(line << PMEM_LINE_SHIFT) >> 12] = 1;
    for (unsigned i = 0; i < PMEM_WC_LINES; i++) {
        if (p->wc[i] == mline + 1) {
            p->st.combined++;
            return;
        }
    }
    p->wc[p->wc_next] = mline + 1;
    p->wc_next = (p->wc_next + 1) % PMEM_WC_LINES;
    if (p->wear[mline] != UINT32_MAX && ++p->wear[mline] > p->wear_max)
        p->wear_max = p->wear[mline];
    p->st.media_writes++;
}

static void write_back(struct pmem *p, uint64_t line)
{
    media_write(p, line, p->data + (line << PMEM_LINE_SHIFT), p->tags.word + line * TAG_BYTES);
}

static uint64_t *set_of(const struct pmem *p, uint64_t line)
{
    return p->dirty + (line % p->cfg.sets) * p->cfg.ways;
}

void pmem_write(struct pmem *p, uint64_t off, uint64_t len)
{
    if (!len)
        return;
    p->st.stores++;
    for (uint64_t line = off >> PMEM_LINE_SHIFT; line <= (off + len - 1) >> PMEM_LINE_SHIFT; line++) {
        uint64_t *set = set_of(p, line);
        unsigned w = 0, ways = p->cfg.ways;
        while (w < ways - 1 && set[w] != line + 1 && set[w] != 0)
            w++;
        if (set[w] != line + 1 && set[w] != 0) { /* the set is full: its LRU line goes */
            write_back(p, set[w] - 1);
            p->st.evictions++;
        }
        memmove(set + 1, set, w * sizeof *set);
        set[0] = line + 1;
    }
}

/* Take line out of the dirty set; false if it was not there. */
static bool undirty(struct pmem *p, uint64_t line)
{
    uint64_t *set = set_of(p, line);
    for (unsigned w = 0; w < p->cfg.ways; w++) {
        if (set[w] == line + 1) {
            memmove(set + w, set + w + 1, (p->cfg.ways - 1 - w) * sizeof *set);
            set[p->cfg.ways - 1] = 0;
            return true;
        }
    }
    return false;
}

static void drain_one(struct pmem *p)
{
    struct pmem_pending *e = &p->pending[0];
    media_write(p, e->line, e->data, e->tags);
    memmove(p->pending, p->pending + 1, --p->npending * sizeof *p->pending);
}

void pmem_clean(struct pmem *p, uint64_t off)
{
    uint64_t line = off >> PMEM_LINE_SHIFT;
    p->st.cleans++;
    if (!undirty(p, line))
        return; /* the media (or the queue) already has its contents */
    if (p->npending == p->cfg.wpq)
        drain_one(p); /* the queue drains on its own; a fence only waits for it */
    struct pmem_pending *e = &p->pending[p->npending++];
    e->line = line;
    memcpy(e->data, p->data + (line << PMEM_LINE_SHIFT), PMEM_LINE);
    memcpy(e->tags, p->tags.word + line * TAG_BYTES, TAG_BYTES);
}

uint32_t pmem_fence(struct pmem *p)
{
    p->st.fences++;
    if (!p->npending)
        return 0;
    uint32_t cycles = LAT_PMEM_WRITE + LAT_PMEM_DRAIN * (p->npending - 1);
    while (p->npending)
        drain_one(p);
    pmem_host_flush(p);
    return cycles;
}

void pmem_host_flush(struct pmem *p)
{
    if (!p->host_dirty)
        return;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts); /* a few ns: no system call */
    uint64_t now = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
    if (p->st.host_flushes && now - p->host_flush_ns < PMEM_HOST_FLUSH_NS)
        return;
    /* Starts the write-out of the file's dirty pages and returns; the
     * kernel walks only the dirty ones. The media is a shared mapping, so
     * its pages are the file's page cache. */
    sync_file_range(p->im->fd, 0, 0, SYNC_FILE_RANGE_WRITE);
    p->host_dirty = false;
    p->host_flush_ns = now;
    p->st.host_flushes++;
}

/* splitmix64: a reproducible coin per unflushed line. */
static bool coin(struct pmem *p)
{
    uint64_t z = (p->rng += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return (z ^ (z >> 31)) & 1;
}

/* Every unflushed line reaches the media if all is set, else if the
 * mode says so. Queued lines are older than the dirty ones: they go first. */
static void settle(struct pmem *p, bool all)
{
    while (p->npending) {
        if (all || p->cfg.eadr || (p->cfg.adversarial && coin(p)))
            media_write(p, p->pending[0].line, p->pending[0].data, p->pending[0].tags);
        else
            p->st.lost_lines++;
        memmove(p->pending, p->pending + 1, --p->npending * sizeof *p->pending);
    }
    for (size_t i = 0; i < (size_t)p->cfg.sets * p->cfg.ways; i++) {
        if (!p->dirty[i])
            continue;
        if (all || p->cfg.eadr || (p->cfg.adversarial && coin(p)))
            write_back(p, p->dirty[i] - 1);
        else
            p->st.lost_lines++;
        p->dirty[i] = 0;
    }
}

void pmem_write_back_all(struct pmem *p)
{
    settle(p, true);
}

bool pmem_power_cut(struct pmem *p)
{
    settle(p, false);
    memset(p->wc, 0, sizeof p->wc);
    return map_arch(p);
}

bool pmem_sync(struct pmem *p)
{
    const struct image_header *h = &p->im->h;
    return msync(p->m_data, p->size, MS_SYNC) == 0 && msync(p->m_tags, p->size / 8, MS_SYNC) == 0 &&
           msync(p->m_tsum, p->size / 4096, MS_SYNC) == 0 &&
           msync(p->wear, h->file_size - h->wear_off, MS_SYNC) == 0;
}

bool pmem_line_volatile(const struct pmem *p, uint64_t off)
{
    uint64_t line = off >> PMEM_LINE_SHIFT;
    const uint64_t *set = set_of(p, line);
    for (unsigned w = 0; w < p->cfg.ways; w++)
        if (set[w] == line + 1)
            return true;
    for (unsigned i = 0; i < p->npending; i++)
        if (p->pending[i].line == line)
            return true;
    return false;
}
