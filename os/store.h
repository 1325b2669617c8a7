/* The single-level store: the persistent region at STORE_VA, paged from
 * PMEM slots and DRAM frames, made durable by checkpoints (docs/os.md). */
#ifndef OS_STORE_H
#define OS_STORE_H

#include <stdint.h>

#include "amber/boot.h"
#include "sched.h"

/* What the last completed checkpoint holds, for resuming. */
struct store_resume {
    uint64_t seq;
    uint64_t hash_total;
    uint32_t nthreads;
    struct thread_ctx ctx[MAX_THREADS];
};

/* Open the store (make it on a fresh image); refuses and stops on a
 * corrupt or foreign store. Fills `r` from the checkpoint to resume. */
void store_open(const struct handoff *h, struct store_resume *r);
/* Build the region's page tables (all pages unmapped: faults map them). */
void store_map_init(const uint8_t *cur_map, const uint8_t *prev_map);
/* A page fault at `va`; returns 0 if it is not the store's. */
int store_fault(uint64_t va, int write);

/* The resume check (store_check.c): checkpoints start when it is done. */
void check_start(uint64_t seq, uint64_t expect);
int check_step(void);    /* one page; 0 when done */
void check_finish(void); /* the rest, synchronously */
void check_thread(uint64_t arg);

/* Checkpoints, every CKPT_PERIOD_US of simulated time. */
#ifndef CKPT_PERIOD_US
#define CKPT_PERIOD_US 250000u
#endif
void ckpt_init(uint64_t seq, uint32_t sel_copy, uint64_t hash_total, const uint8_t *map,
               uint64_t period_us);
void ckpt_tick(void);                 /* from the timer: start one when due */
int ckpt_step(void);                  /* write back one page, or commit; 0 if idle */
void ckpt_now(void);                  /* a complete checkpoint, synchronously */
uint64_t ckpt_pending_pages(void);    /* pages the next ckpt_now must write */
void ckpt_enable(int on);             /* periodic checkpoints allowed */
uint64_t ckpt_seq(void);              /* the last completed checkpoint */
void ckpt_writeback_thread(uint64_t arg);
void ckpt_set_writer(int thread);     /* favoured while a checkpoint is written */

#endif
