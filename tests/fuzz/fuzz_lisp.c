/* libFuzzer target for Amber Lisp's reader (os/lisp/reader.c) and printer:
 * every datum read from the input must print (write syntax) and read back
 * as an equal? datum; malformed text must give a condition object. Any
 * crash, sanitizer report or broken round trip aborts. Each datum is then
 * evaluated with a step limit, and its result (or error) printed, which
 * exercises the compiler, evaluator and builtins on arbitrary programs.
 * The instance is made once and its heap restored from a snapshot before
 * every input, so nothing one input defines leaks into the next. */
#include <stdlib.h>
#include <string.h>

#include "equal.h"
#include "heap.h"
#include "lisp.h"
#include "semispace.h"

/* Half of the heap: the test collector (tests/lisp/semispace.c) moves
 * every object every GC_EVERY allocations, so evaluation also checks that
 * the core keeps its values rooted. */
#define HALF (1u << 17)
#define GC_EVERY 256

static uint64_t words[2 * HALF], snap_words[2 * HALF];
static uint8_t tags[2 * HALF], snap_tags[2 * HALF];
static struct lisp l, snap;
static struct semispace gc, snap_gc;
static bool ready;

struct buf {
    char *p;
    size_t len, cap;
};

static void put(void *ctx, const char *s, size_t n)
{
    struct buf *b = ctx;
    if (b->len + n > b->cap) {
        b->cap = 2 * (b->len + n);
        b->p = realloc(b->p, b->cap);
        if (!b->p)
            abort();
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

static void setup(void)
{
    struct lisp_port out = {0};
    if (semispace_init(&gc, &l, words, tags, HALF, GC_EVERY, out) < 0)
        abort();
    memcpy(snap_words, words, sizeof words);
    memcpy(snap_tags, tags, sizeof tags);
    snap = l;
    snap_gc = gc;
    ready = true;
}

static bool same(lv a, lv b)
{
    struct lisp_catch c;
    lisp_catch_push(&l, &c);
    if (setjmp(c.jb))
        return false;
    bool r = lisp_equal(&l, a, b);
    lisp_catch_pop(&l, &c);
    return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ready)
        setup();
    memcpy(words, snap_words, sizeof words);
    memcpy(tags, snap_tags, sizeof tags);
    l = snap;
    gc = snap_gc;
    size_t pos = 0;
    struct buf b = {0};
    while (pos < size) {
        size_t before = pos;
        lv v;
        int r = lisp_read(&l, (const char *)data, size, &pos, &v);
        if (pos <= before && r != 0)
            abort(); /* no progress */
        if (r == 0)
            break;
        if (r < 0) {
            if (!(is_object(v) && obj_kind(&l, v) == KIND_CONDITION))
                abort();
            continue;
        }
        /* The collector may move v at any allocation: keep it in a root. */
        size_t m = root_mark(&l);
        lv *rv = root(&l, v);
        b.len = 0;
        lisp_print(&l, *rv, false, put, &b);
        size_t pos2 = 0;
        lv w;
        if (lisp_read(&l, b.p, b.len, &pos2, &w) != 1 || !same(*rv, w))
            abort();
        lv datum = *rv;
        unroot(&l, m);
        lv result;
        l.steps_left = 10000;
        lisp_eval(&l, datum, &result);
        l.steps_left = 0;
        b.len = 0;
        lisp_print(&l, result, false, put, &b);
    }
    free(b.p);
    return 0;
}
