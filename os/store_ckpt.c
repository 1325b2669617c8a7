/* Checkpoints: freeze (short, in the timer interrupt: snapshot the
 * persistent threads, write-protect the dirty pages), write back (one page
 * at a time in the background, into the slot neither table copy uses),
 * commit (the new table into the other copy, then the selector flip). */
#include "kstring.h"

#include "amber/hw.h"
#include "console.h"
#include "hash.h"
#include "kernel.h"
#include "pmem.h"
#include "riscv.h"
#include "sched.h"
#include "store.h"
#include "store_media.h"
#include "store_state.h"
#include "tags.h"

static struct {
    uint64_t seq;          /* last completed */
    uint32_t copy;         /* the table copy the selector names */
    uint64_t hash_total;   /* of the last completed checkpoint */
    uint64_t period;       /* mtime ticks between checkpoints */
    uint64_t next_due;
    int active;            /* a checkpoint is being written back */
    int enabled;
    int writer;            /* the writeback thread */
    uint64_t pending_hash; /* the one being written */
    uint64_t t_freeze;
    uint64_t pause;        /* ticks the freeze took */
    uint64_t media0;       /* NVDIMM media-line writes at the freeze */
} C;

/* The next checkpoint's table, built in DRAM and copied to PMEM at the
 * commit; its map is the current one plus the pages written back so far. */
static struct store_table table;

void ckpt_init(uint64_t seq, uint32_t sel_copy, uint64_t hash_total, const uint8_t *map,
               uint64_t period_us)
{
    memcpy(table.map, map, sizeof table.map);
    C.seq = seq;
    C.copy = sel_copy;
    C.hash_total = hash_total;
    C.period = period_us * ticks_per_us;
    C.next_due = rdtime() + C.period;
}

void ckpt_enable(int on) { C.enabled = on; }
void ckpt_set_writer(int thread) { C.writer = thread; }
uint64_t ckpt_seq(void) { return C.seq; }

static void freeze(void)
{
    uint64_t t0 = rdtime();
    C.t_freeze = t0;
    C.media0 = mmio_r64(AMBER_NVDIMM_BASE + NVDIMM_MEDIA_WRITES);
    C.pending_hash = C.hash_total;
    memset(table.ctx, 0, sizeof table.ctx);
    table.nthreads = sched_snapshot(table.ctx, MAX_THREADS);
    store_freeze_dirty();
    C.active = 1;
    sched_favour(C.writer);
    C.pause = rdtime() - t0;
}

static uint32_t free_slot(uint32_t p)
{
#ifdef STORE_BROKEN_IN_PLACE
    /* tests/os: a deliberately unsafe store (the current version is
     * overwritten in place) that the power-cut torture must catch. */
    if (S.slot_cur[p] != SLOT_NONE)
        return S.slot_cur[p];
#endif
    uint32_t s = 0;
    while (s == S.slot_cur[p] || s == S.slot_prev[p])
        s++;
    return s;
}

static void write_page(uint32_t i)
{
    const struct wb_entry *w = &S.wb[i];
    const uint64_t *src = (const uint64_t *)((uint64_t)w->pfn << 12);
    S.wb_slot[i] = (uint8_t)free_slot(w->page);
    uint64_t dst = SLOT_PA(w->page, S.wb_slot[i]);
    map_set(table.map, w->page, S.wb_slot[i]); /* the pending checkpoint's map */
    pmem_update_page(dst, src); /* the free slot holds an older version; tags too */
    uint64_t h = page_hash(w->page, src);
    C.pending_hash += h - S.hash[w->page];
    S.hash[w->page] = h;
}

static void commit(void)
{
    uint64_t seq = C.seq + 1;
    uint32_t copy = C.copy ^ 1u;
    table.magic = TABLE_MAGIC;
    table.seq = seq;
    table.hash_total = C.pending_hash;
    table.freeze_time = C.t_freeze;
    table.npages = STORE_PAGES;
    table.pages_written = S.nwb;
    table.crc = 0;
    table.crc = crc32(&table, sizeof table);
    /* The pages' lines were flushed as written; this fence makes them and
     * then the table durable before the flip can name it. */
    pmem_fence();
    pmem_update(TABLE_PA(copy), &table, sizeof table); /* over the checkpoint before last */
    pmem_fence();
    pmem_store_word(STORE_SELECTOR_PA, seq << 1 | copy);
    /* Durable: the old current version becomes the previous one. */
    memcpy(S.slot_prev, S.slot_cur, sizeof S.slot_prev);
    for (uint32_t i = 0; i < S.nwb; i++)
        S.slot_cur[S.wb[i].page] = S.wb_slot[i];
    uint32_t pages = S.nwb;
    store_release_frozen();
    C.seq = seq;
    C.copy = copy;
    C.hash_total = table.hash_total;
    C.active = 0;
    sched_favour(0);
    uint64_t total = rdtime() - C.t_freeze;
    uint64_t media = mmio_r64(AMBER_NVDIMM_BASE + NVDIMM_MEDIA_WRITES) - C.media0;
    kprintf("ckpt %lu committed: %u pages, %lu media lines, pause %lu.%lu us, total %lu us, hash %lx\n",
            seq, pages, media, C.pause / ticks_per_us, C.pause % ticks_per_us * 10 / ticks_per_us,
            total / ticks_per_us, C.hash_total);
}

int ckpt_step(void)
{
    if (!C.active)
        return 0;
    if (S.wb_next < S.nwb)
        write_page(S.wb_next++);
    else
        commit();
    return 1;
}

void ckpt_tick(void)
{
    uint64_t now = rdtime();
    if (C.enabled && !C.active && now >= C.next_due) {
        freeze();
        C.next_due = now + C.period;
    }
}

void ckpt_now(void)
{
    check_finish(); /* the page hashes the checkpoint builds on */
    while (ckpt_step())
        ;
    freeze();
    while (ckpt_step())
        ;
}

uint64_t ckpt_pending_pages(void)
{
    return (C.active ? S.nwb - S.wb_next : 0) + S.ndirty;
}

void ckpt_writeback_thread(uint64_t arg)
{
    (void)arg;
    for (;;) {
        /* One page at a time with interrupts off, so ckpt_now (from an
         * interrupt) never finds a page half written. */
        uint64_t f = irq_save();
        int busy = ckpt_step();
        irq_restore(f);
        if (!busy)
            sched_yield();
    }
}
