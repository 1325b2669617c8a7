/* Opening the store at power-on: make it on a fresh image; otherwise check
 * the header and the OS build identity, pick the version table copy the
 * selector names (or fall back to the other one), and never reinitialise
 * or overwrite anything the checks do not vouch for. */
#include "kstring.h"

#include "console.h"
#include "hash.h"
#include "kernel.h"
#include "pmem.h"
#include "riscv.h"
#include "store.h"
#include "store_media.h"

extern const uint64_t __image_start[], __image_end[];

static struct store_table cur_tab, prev_tab; /* DRAM copies */
static const char os_id[BOOT_OS_ID_BYTES] = OS_ID;

static void expected_header(struct store_header *h, uint64_t image_hash)
{
    memset(h, 0, sizeof *h);
    h->magic = STORE_MAGIC;
    h->version = STORE_VERSION;
    h->size = sizeof *h;
    memcpy(h->os_id, os_id, sizeof h->os_id);
    h->image_hash = image_hash;
    h->npages = STORE_PAGES;
    h->region_va = STORE_VA;
    h->table_pa[0] = TABLE_PA(0);
    h->table_pa[1] = TABLE_PA(1);
    h->table_bytes = sizeof(struct store_table);
    h->slots_pa = SLOTS_PA;
    h->max_threads = MAX_THREADS;
    h->crc = crc32(h, sizeof *h);
}

/* A fresh image: checkpoint 0 (empty region, no threads) in copy 0, copy 1
 * invalid, then the header, whose magic is made durable last and alone. */
static void create(const struct store_header *want)
{
    memset(&cur_tab, 0, sizeof cur_tab);
    cur_tab.magic = TABLE_MAGIC;
    cur_tab.npages = STORE_PAGES;
    memset(cur_tab.map, 0xff, sizeof cur_tab.map); /* every page SLOT_NONE */
    cur_tab.crc = crc32(&cur_tab, sizeof cur_tab);
    memcpy((void *)TABLE_PA(0), &cur_tab, sizeof cur_tab);
    pmem_flush(TABLE_PA(0), sizeof cur_tab);
    memset((void *)TABLE_PA(1), 0, sizeof cur_tab);
    pmem_flush(TABLE_PA(1), sizeof cur_tab);
    pmem_fence();
    pmem_store_word(STORE_SELECTOR_PA, 0);
    struct store_header *h = (struct store_header *)STORE_HEADER_PA;
    struct store_header body = *want;
    body.magic = 0;
    memcpy(h, &body, sizeof body);
    pmem_flush(STORE_HEADER_PA, sizeof body);
    pmem_fence();
    pmem_store_word(STORE_HEADER_PA, want->magic);
    kprintf("store: made a new store (%u pages at %lx, tables at %lx and %lx)\n",
            STORE_PAGES, (uint64_t)STORE_VA, (uint64_t)TABLE_PA(0), (uint64_t)TABLE_PA(1));
}

static void check_header(const struct store_header *want)
{
    struct store_header h = *(const struct store_header *)STORE_HEADER_PA;
    uint32_t crc = h.crc;
    h.crc = 0;
    if (h.magic != STORE_MAGIC || h.size != sizeof h || crc32(&h, sizeof h) != crc)
        refuse(OS_EXIT_STORE_HEADER, "store: the store header is corrupt; refusing to "
                                     "resume or reinitialise it (the image is left as it is)");
    if (h.version != STORE_VERSION || memcmp(h.os_id, want->os_id, sizeof h.os_id) != 0 ||
        h.image_hash != want->image_hash || h.npages != want->npages ||
        h.region_va != want->region_va || h.table_pa[0] != want->table_pa[0] ||
        h.table_pa[1] != want->table_pa[1] || h.table_bytes != want->table_bytes ||
        h.slots_pa != want->slots_pa || h.max_threads != want->max_threads) {
        char theirs[BOOT_OS_ID_BYTES + 1] = {0};
        memcpy(theirs, h.os_id, BOOT_OS_ID_BYTES);
        kprintf("store: written by OS build '%s' (image %lx, store version %u);\n"
                "store: this kernel is '%s' (image %lx, store version %u)\n",
                theirs, h.image_hash, h.version, OS_ID, want->image_hash, STORE_VERSION);
        refuse(OS_EXIT_FOREIGN_STORE, "store: made by a different OS build; refusing to "
                                      "resume or reinitialise it (the image is left as it is)");
    }
}

/* Copy table `copy` into `t`; 1 if it is whole and names checkpoint `seq`
 * (any seq when `seq` is ~0). */
static int load_table(uint32_t copy, struct store_table *t, uint64_t seq)
{
    memcpy(t, (const void *)TABLE_PA(copy), sizeof *t);
    uint32_t crc = t->crc;
    t->crc = 0;
    int ok = t->magic == TABLE_MAGIC && crc32(t, sizeof *t) == crc &&
             t->npages == STORE_PAGES && t->nthreads <= MAX_THREADS &&
             (seq == ~0ull || t->seq == seq);
    t->crc = crc;
    return ok;
}

void store_open(const struct handoff *ho, struct store_resume *r)
{
    if (ho->pmem_size < STORE_PMEM_END - AMBER_PMEM_BASE)
        refuse(OS_EXIT_NO_ROOM, "store: PMEM is too small for the store");
    uint64_t image_hash = words_hash(__image_start, (uint64_t)(__image_end - __image_start));
    struct store_header want;
    expected_header(&want, image_hash);
    kprintf("store: OS build '%s', image %lx\n", OS_ID, image_hash);

    if (*(volatile uint64_t *)STORE_HEADER_PA == 0)
        create(&want);
    else
        check_header(&want);

    uint64_t sel = *(volatile uint64_t *)STORE_SELECTOR_PA;
    uint32_t copy = (uint32_t)(sel & 1);
    uint64_t seq = sel >> 1;
    if (!load_table(copy, &cur_tab, seq)) {
        kprintf("store: version table copy %u (checkpoint %lu) is corrupt; "
                "falling back to copy %u\n", copy, seq, copy ^ 1);
        copy ^= 1;
        if (!load_table(copy, &cur_tab, ~0ull) || cur_tab.seq >= seq)
            refuse(OS_EXIT_STORE_TABLES, "store: both version table copies are corrupt; "
                                         "refusing to resume or reinitialise (the image is left as it is)");
        seq = cur_tab.seq;
        kprintf("store: resuming the previous checkpoint %lu from copy %u\n", seq, copy);
        /* Name the good copy, so the next checkpoint overwrites the bad one. */
        pmem_store_word(STORE_SELECTOR_PA, seq << 1 | copy);
    }
    /* The other copy's slots are the previous version, kept intact; if it
     * is not the checkpoint before (or is damaged) only the current counts. */
    const struct store_table *prev = &cur_tab;
    if (seq > 0 && load_table(copy ^ 1, &prev_tab, seq - 1))
        prev = &prev_tab;
    else if (seq > 0)
        kprintf("store: note: version table copy %u holds no previous checkpoint\n", copy ^ 1);

    r->seq = seq;
    r->hash_total = cur_tab.hash_total;
    r->nthreads = cur_tab.nthreads;
    memcpy(r->ctx, cur_tab.ctx, sizeof r->ctx);
    store_map_init(cur_tab.map, prev->map);
    ckpt_init(seq, copy, cur_tab.hash_total, cur_tab.map, CKPT_PERIOD_US);
}
