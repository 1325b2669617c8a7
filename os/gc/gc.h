/* The software garbage collector: the algorithm of docs/gc-core.md (mark
 * from a root table, then order-preserving sliding compaction with a mark
 * bitmap and a per-block offset table) in portable C. It produces exactly
 * the heap, roots, side tables (offsets and mark bitmap), statistics and
 * errors the GC core does, so the OS uses either, and the tests hold one
 * against the other. Memory is reached through struct gc_port (gc_port.h,
 * one per platform: the host's test arena, or the Amber-1's tagged RAM). */
#ifndef OS_GC_H
#define OS_GC_H

#include <stdbool.h>
#include <stdint.h>

struct gc_port;

/* The registers of the GC core, in bytes. */
struct gc_config {
    uint64_t heap_base, heap_top, heap_limit;
    uint64_t side_base, side_size;
    uint64_t root_base, root_count; /* count in words */
};

struct gc_result {
    uint32_t error;          /* GC_ERR_* of amber/hw.h; 0: success */
    uint64_t error_addr;     /* the offending word's address */
    uint64_t error_value;    /* the offending word, tag << 56 | datum */
    uint64_t new_top;        /* the heap's top after compaction */
    uint64_t live_words, live_objects, moved_bytes;
    uint64_t mark_ticks;     /* the port's clock (gc_now) from the start to the end of marking */
};

/* Collect the heap of cfg in place. False with res->error set when the
 * configuration or the heap is bad; heap and roots are then untouched. */
bool gc_collect(struct gc_port *m, const struct gc_config *cfg, struct gc_result *res);

#endif
