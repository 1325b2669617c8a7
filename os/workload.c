/* Each thread owns its data in the persistent region and checks it while it
 * runs; a resume that mixed two checkpoints, lost a page or restored a
 * thread's registers from another instant than its memory breaks these
 * invariants. Region map: page 0 counters, 16.. stacks, 1 MiB per list,
 * 4 MiB the scribble area, 5 MiB the tagged area. */
#include <stdint.h>

#include "console.h"
#include "kernel.h"
#include "layout.h"
#include "power.h"
#include "sched.h"
#include "store.h"
#include "xamber.h"

#define STACK_TOP(i)   (STORE_VA + 0x10000u + ((uint64_t)(i) + 1) * 0x4000u)
#define LIST_AREA(i)   (STORE_VA + 0x100000u * (1u + (uint64_t)(i)))
#define LIST_MAX_LEN   600u
#define LIST_NODES     ((0x100000u - 4096u) / sizeof(struct node))
#define SCRIBBLE_AREA  (STORE_VA + 0x400000u)
#ifndef SCRIBBLE_PAGES
#define SCRIBBLE_PAGES 56u
#endif
#define SCRIBBLE_WORDS (SCRIBBLE_PAGES * 512u)
#define TAGGED_AREA    (STORE_VA + 0x500000u)
#define TAGGED_PAGES   8u
#define TAGGED_WORDS   (TAGGED_PAGES * 512u)

struct node {
    struct node *next;
    uint64_t value, check, pad;
};

struct list_hdr {
    uint64_t len, sum, rng, ops, next_unused;
    struct node *head, *free;
};

struct counters {
    uint64_t a, b;
    uint64_t scribble_sum, scribble_rng, scribble_ops;
    uint64_t tagged_sum, tagged_refs, tagged_rng, tagged_ops;
};

#define CTR ((volatile struct counters *)STORE_VA)

static __attribute__((noreturn)) void wl_fail(const char *what)
{
    kprintf("workload: FAIL: %s\n", what);
    power_report_check(ckpt_seq(), 0);
    refuse(OS_EXIT_WORKLOAD, "workload: inconsistent data after resume or during the run");
}

static uint64_t xorshift(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *s = x;
}

static void counter_thread(uint64_t arg)
{
    (void)arg;
    for (;;) {
        uint64_t a = CTR->a + 1;
        CTR->a = a;
        CTR->b += 3;
        if (CTR->b != 3 * a)
            wl_fail("counter pair out of step");
    }
}

static void list_check(const struct list_hdr *h)
{
    uint64_t n = 0, sum = 0;
    for (const struct node *p = h->head; p; p = p->next) {
        if (p->check != ~p->value || ++n > LIST_MAX_LEN)
            wl_fail("list node damaged or list too long");
        sum += p->value;
    }
    if (n != h->len || sum != h->sum)
        wl_fail("list length or sum mismatch");
}

static void list_thread(uint64_t i)
{
    struct list_hdr *h = (struct list_hdr *)LIST_AREA(i);
    struct node *pool = (struct node *)(LIST_AREA(i) + 4096u);
    if (!h->rng)
        h->rng = 0x9e3779b97f4a7c15ull * (i + 1);
    for (;;) {
        uint64_t r = xorshift(&h->rng);
        struct node **at = &h->head;
        uint64_t pos = (r >> 32) % (h->len + 1);
        for (uint64_t k = 0; k < pos && *at; k++)
            at = &(*at)->next;
        if (h->len < LIST_MAX_LEN && (h->len == 0 || (r & 3) != 0 || !*at)) {
            struct node *n = h->free;
            if (n)
                h->free = n->next;
            else if (h->next_unused < LIST_NODES)
                n = &pool[h->next_unused++];
            else
                wl_fail("list pool exhausted");
            n->value = r >> 3;
            n->check = ~n->value;
            n->next = *at;
            *at = n;
            h->sum += n->value;
            h->len++;
        } else if (*at) {
            struct node *n = *at;
            *at = n->next;
            h->sum -= n->value;
            h->len--;
            n->next = h->free;
            h->free = n;
        }
        if (++h->ops % 64 == 0)
            list_check(h);
    }
}

static void scribble_thread(uint64_t arg)
{
    (void)arg;
    volatile uint64_t *w = (volatile uint64_t *)SCRIBBLE_AREA;
    uint64_t rng = CTR->scribble_rng ? CTR->scribble_rng : 0x243f6a8885a308d3ull;
    for (;;) {
        uint64_t r = xorshift(&rng);
        uint32_t idx = (uint32_t)(r % SCRIBBLE_WORDS);
        uint64_t old = w[idx];
        w[idx] = r;
        CTR->scribble_sum += r - old;
        CTR->scribble_rng = rng;
        if (++CTR->scribble_ops % 8192 == 0) {
            uint64_t s = 0;
            for (uint32_t k = 0; k < SCRIBBLE_WORDS; k++)
                s += w[k];
            if (s != CTR->scribble_sum)
                wl_fail("scribble area sum mismatch");
        }
    }
}

/* A word of the tagged area: its tag (am.ld) and its value, the register
 * form of a tagged word or all 64 bits (ld) of a RAW one. */
static uint64_t tagged_value(const volatile uint64_t *p, unsigned *tag)
{
    uint64_t t = am_ld(p, 0);
    *tag = AM_TAGOF(t);
    return *tag ? t : *p;
}

static void tagged_check(const volatile uint64_t *w)
{
    uint64_t sum = 0, refs = 0;
    for (uint32_t k = 0; k < TAGGED_WORDS; k++) {
        unsigned tag;
        uint64_t v = tagged_value(&w[k], &tag);
        if (tag == AM_T_CONS) {
            uint64_t a = (uint64_t)AM_DATUM(v);
            if (a < TAGGED_AREA || a >= TAGGED_AREA + TAGGED_WORDS * 8u || a % 16u)
                wl_fail("tagged area: a reference points outside its area");
            refs++;
        } else if (tag != AM_T_FIXNUM && tag != AM_T_RAW) {
            wl_fail("tagged area: a word has a tag never stored");
        }
        if (tag != AM_T_RAW && w[k] != (uint64_t)AM_DATUM(v))
            wl_fail("tagged area: a tagged word's data is not its datum");
        sum += v;
    }
    if (sum != CTR->tagged_sum || refs != CTR->tagged_refs)
        wl_fail("tagged area: sum or reference count mismatch (tags lost?)");
}

/* Fixnums and cons references stored with am.sd, and RAW words with a
 * full 64-bit value stored with sd, over TAGGED_PAGES pages: a store page
 * copy that drops a tag, or keeps only 56 bits of a RAW word, changes the
 * sum of the values (tags included) or the count of references. */
static void tagged_thread(uint64_t arg)
{
    (void)arg;
    volatile uint64_t *w = (volatile uint64_t *)TAGGED_AREA;
    uint64_t rng = CTR->tagged_rng ? CTR->tagged_rng : 0x452821e638d01377ull;
    for (;;) {
        uint64_t r = xorshift(&rng);
        uint32_t idx = (uint32_t)(r % TAGGED_WORDS);
        unsigned old_tag;
        uint64_t old = tagged_value(&w[idx], &old_tag), v;
        unsigned kind = (unsigned)(r >> 40) % 3;
        switch (kind) {
        case 0:
            v = AM_FIXNUM((int64_t)r >> 9);
            am_sd(v, &w[idx], 0);
            break;
        case 1:
            v = AM_MAKE(AM_T_CONS, TAGGED_AREA + (r >> 20) % (TAGGED_WORDS / 2) * 16u);
            am_sd(v, &w[idx], 0);
            break;
        default:
            v = r | 1ull << 63; /* RAW, with a top byte a tagged load would drop */
            w[idx] = v;
            break;
        }
        CTR->tagged_sum += v - old;
        CTR->tagged_refs += (uint64_t)(kind == 1) - (old_tag == AM_T_CONS);
        CTR->tagged_rng = rng;
        if (++CTR->tagged_ops % 4096 == 0)
            tagged_check(w);
    }
}

void workload_start(void)
{
    thread_create(counter_thread, 0, STACK_TOP(0), 1);
    thread_create(list_thread, 0, STACK_TOP(1), 1);
    thread_create(list_thread, 1, STACK_TOP(2), 1);
    thread_create(scribble_thread, 0, STACK_TOP(3), 1);
    thread_create(tagged_thread, 0, STACK_TOP(4), 1);
    kputs("workload: started 5 threads\n");
}
