/* The single-level store's on-media layout (docs/os.md, "On the media").
 * Every field is fixed-size and little-endian; changing any of this is a
 * new STORE_VERSION, and the OS build identity changes with it. */
#ifndef OS_STORE_MEDIA_H
#define OS_STORE_MEDIA_H

#include <stdint.h>

#include "amber/boot.h"
#include "layout.h"
#include "sched.h"

/* The kernel's part of the superblock (boot.h: from OS_SUPER_KERNEL). */
#define STORE_HEADER_PA  (OS_SUPER_PA + OS_SUPER_KERNEL)
/* The selector: (sequence << 1) | table copy, one word on its own line,
 * the only thing a checkpoint's flip writes. */
#define STORE_SELECTOR_PA (OS_SUPER_PA + 0x800u)

#define STORE_MAGIC   0x524f5453524d4241ULL /* "AMBRSTOR" */
#define STORE_VERSION 1u
#define TABLE_MAGIC   0x54504b43524d4241ULL /* "AMBRCKPT" */

#define SLOT_NONE 3u         /* the page was never written: it reads as zeros */
#define SLOTS_PER_PAGE 3u

#define TABLE_PA(copy)  (OS_STORE_PA + (uint64_t)(copy) * 0x10000u)
#define SLOTS_PA        (OS_STORE_PA + 0x100000u)
#define SLOT_PA(page, slot) (SLOTS_PA + ((uint64_t)(page) * SLOTS_PER_PAGE + (slot)) * 4096u)
#define STORE_PMEM_END  SLOT_PA(STORE_PAGES, 0)

struct store_header {
    uint64_t magic;          /* written last, alone, when the store is made */
    uint32_t version;
    uint32_t size;           /* sizeof (struct store_header) */
    char os_id[BOOT_OS_ID_BYTES]; /* the OS build that made the store */
    uint64_t image_hash;     /* and its kernel image's words_hash */
    uint64_t npages;         /* STORE_PAGES */
    uint64_t region_va;      /* STORE_VA */
    uint64_t table_pa[2];
    uint64_t table_bytes;
    uint64_t slots_pa;
    uint64_t max_threads;
    uint32_t reserved;
    uint32_t crc;            /* CRC-32 of the above with this field zero */
};

/* One copy of the version table: a completed checkpoint. */
struct store_table {
    uint64_t magic;
    uint64_t seq;            /* checkpoint sequence number; 0 = the empty store */
    uint64_t hash_total;     /* sum of page_hash over the region at the freeze */
    uint64_t freeze_time;    /* mtime of the freeze (this power-on's clock) */
    uint32_t npages;
    uint32_t nthreads;
    uint32_t pages_written;  /* by this checkpoint */
    uint32_t crc;            /* CRC-32 of the whole table with this field zero */
    struct thread_ctx ctx[MAX_THREADS];
    uint8_t map[STORE_PAGES / 4]; /* two bits per page: its slot, or SLOT_NONE */
};
_Static_assert(sizeof(struct store_header) == 120, "on-media layout (tests/os/safety.py)");
_Static_assert(__builtin_offsetof(struct store_table, map) == 48 + MAX_THREADS * 272, "on-media layout");
_Static_assert(sizeof(struct store_table) <= 0x10000u, "table copies are 64 KiB apart");

static inline uint32_t map_get(const uint8_t *map, uint32_t page)
{
    return (map[page / 4] >> (2 * (page % 4))) & 3u;
}

static inline void map_set(uint8_t *map, uint32_t page, uint32_t slot)
{
    uint8_t sh = (uint8_t)(2 * (page % 4));
    map[page / 4] = (uint8_t)((map[page / 4] & ~(3u << sh)) | slot << sh);
}

#endif
