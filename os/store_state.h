/* The store's volatile state in DRAM, shared by store_map.c (paging),
 * store_ckpt.c (checkpoints) and store_open.c; rebuilt at every power-on. */
#ifndef OS_STORE_STATE_H
#define OS_STORE_STATE_H

#include <stdint.h>

#include "layout.h"

#define PG_DIRTY  0x1u /* mapped writable; in the dirty list */
#define PG_FROZEN 0x2u /* its frame belongs to the checkpoint being written */

struct wb_entry {
    uint32_t page;
    uint32_t pfn;   /* the frozen frame */
};

struct store_state {
    uint32_t pfn[STORE_PAGES];      /* DRAM frame holding the page, 0 = none */
    uint8_t flags[STORE_PAGES];
    uint8_t slot_cur[STORE_PAGES];  /* slot in the last checkpoint */
    uint8_t slot_prev[STORE_PAGES]; /* slot in the one before (the other table) */
    uint64_t hash[STORE_PAGES];     /* page_hash at the last checkpoint */
    uint32_t dirty[STORE_PAGES];
    uint32_t ndirty;
    struct wb_entry wb[STORE_PAGES];
    uint8_t wb_slot[STORE_PAGES];   /* where wb[i] was written */
    uint32_t nwb, wb_next;
};

extern struct store_state S;

/* Write-protect every dirty page and hand its frame to the checkpoint. */
void store_freeze_dirty(void);
/* After the flip: frozen frames no longer needed are freed. */
void store_release_frozen(void);

#endif
