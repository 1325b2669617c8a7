/* The persistence domain in front of PMEM (docs/nvdimm.md).
 *
 * Two copies of PMEM exist on the host. The architectural copy, what the
 * CPU reads and writes, is a private (copy-on-write) mapping of the image's
 * data and tags: volatile. The media copy is a shared mapping of the same
 * file regions: only what the model says reached the media is written there,
 * one 64-byte line (and its 8 tag bytes) at a time. A power cut throws the
 * architectural copy away and maps the media afresh, so a killed emulator
 * leaves the file exactly as a power cut at that moment would.
 *
 * Between them sits a model of the write-back caches: a bounded,
 * set-associative set of dirty PMEM lines (LRU within a set; an eviction
 * writes the line back), and the write-pending queue of lines cleaned by
 * cbo.clean/cbo.flush, which a fence drains to the media. */
#ifndef EMU_PMEM_H
#define EMU_PMEM_H

#include <stdbool.h>
#include <stdint.h>

#include "image.h"
#include "tagmem.h"

#define PMEM_LINE_SHIFT 6
#define PMEM_LINE       64u
#define PMEM_WC_LINES   64u  /* the DIMM's write-combining buffer, in 256-byte media lines */

/* Timing (docs/nvdimm.md, "Timing"), in cycles of the 1 GHz core. */
#define LAT_PMEM_READ   305u /* an L2 miss to PMEM, random read */
#define LAT_PMEM_WRITE  90u  /* a fence that has lines to drain */
#define LAT_PMEM_DRAIN  4u   /* each further line the fence drains */

struct pmem_config {
    unsigned sets, ways;  /* dirty-line capacity (default: L1D + L2 lines) */
    unsigned wpq;         /* write-pending queue entries */
    bool eadr;            /* caches inside the persistence domain */
    bool adversarial;     /* a cut persists a random subset of unflushed lines */
    uint64_t seed;        /* for the adversarial choice */
};

struct pmem_pending {
    uint64_t line;        /* line number within PMEM */
    uint8_t data[PMEM_LINE];
    uint8_t tags[PMEM_LINE / 8];
};

struct pmem_stats {
    uint64_t stores, evictions, cleans, fences, media_writes, combined, lost_lines;
    uint64_t host_flushes;  /* host write-outs started by barriers (pmem_host_flush) */
};

struct pmem {
    struct image *im;
    uint64_t size;
    struct tagmem tags;     /* architectural tags and page summary */
    uint8_t *data;          /* architectural data */
    uint8_t *m_data, *m_tags, *m_tsum; /* the media */
    uint32_t *wear;         /* writes per 256-byte media line, in the image */
    uint32_t wear_max;      /* the largest of them */
    struct pmem_config cfg;
    uint64_t *dirty;        /* [sets][ways], line + 1, 0 = empty, most recent first */
    struct pmem_pending *pending;
    unsigned npending;
    uint64_t wc[PMEM_WC_LINES]; /* media line + 1, a FIFO */
    unsigned wc_next;
    uint64_t rng;
    struct pmem_stats st;
    uint64_t *claimed;      /* bitmap of 64 KiB chunks of the file with host disk behind them */
    int host_errno;         /* nonzero once the host refused disk space: the media is frozen */
    bool host_dirty;        /* the media changed since the last host write-out began */
    uint64_t host_flush_ns; /* host monotonic time of that write-out */
};

/* Map the image's regions; the image must be open writable. */
bool pmem_open(struct pmem *p, struct image *im, const struct pmem_config *cfg,
               char *err, size_t errlen);
void pmem_close(struct pmem *p);

/* A store touched [off, off+len) of the architectural copy. */
void pmem_write(struct pmem *p, uint64_t off, uint64_t len);
/* cbo.clean or cbo.flush of the line holding off: if dirty, its current
 * contents enter the write-pending queue. */
void pmem_clean(struct pmem *p, uint64_t off);
/* The persistence point: drain the write-pending queue. Returns cycles. */
uint32_t pmem_fence(struct pmem *p);
/* The guest's persistence barrier reached the host: start writing the media
 * to the host's disk (asynchronously, at most every PMEM_HOST_FLUSH_NS), so
 * a host crash loses at most that much of what the guest made durable. */
#define PMEM_HOST_FLUSH_NS 100000000ull /* 100 ms */
void pmem_host_flush(struct pmem *p);
/* Lose power: apply the mode's fate to every unflushed line, then make the
 * architectural copy equal the media. False if the host mapping failed. */
bool pmem_power_cut(struct pmem *p);
/* An orderly shutdown: every pending and dirty line reaches the media. */
void pmem_write_back_all(struct pmem *p);
/* Host durability of the media (msync). */
bool pmem_sync(struct pmem *p);

/* The host error that froze the media (e.g. ENOSPC), or 0. Once frozen,
 * nothing more reaches the media: it stays as at a power cut then. */
static inline int pmem_host_error(const struct pmem *p)
{
    return p->host_errno;
}

/* Is the line holding off dirty or pending? For tests and the monitor. */
bool pmem_line_volatile(const struct pmem *p, uint64_t off);

#endif
