/* listchurn: a Lisp-heap-like workload.
 *
 * Measures pointer chasing, small allocations, tag tests and a copying
 * garbage collector - the memory behaviour of a Lisp system. Values are 64-bit
 * words with a 2-bit low tag (cell pointer, fixnum, symbol); cons cells come
 * from a bump-allocated semispace, and when it fills a Cheney collector copies
 * the live cells into the other semispace. Roots are the retained-list table,
 * the association list and the locals registered on a shadow stack (the
 * classic GCPRO discipline).
 *
 * One round resets the heap and runs NITER iterations: build a list of random
 * fixnums, map it (square), filter it (keep odd), reverse it, sum it, retain
 * the result in a ring of RETAIN lists (dropping the oldest), build a small
 * nested tree now and then, look symbols up in an association list that grows
 * by shadowing and is periodically rebuilt without the shadowed entries. The
 * checksum covers the sums, the lookups, the number of collections and cells
 * copied, and the final heap contents reachable from the roots. */
#include "bench.h"

#define BENCH_DEFAULT_ROUNDS 40
#define NCELLS 8192 /* per semispace: 128 KiB */
#define NITER 1000
#define RETAIN 48
#define NSYMS 64
#define ENV_MAX 200

typedef uint64_t val;
typedef struct cell {
    val car, cdr;
} cell;

#define NIL ((val)0)
#define TAG(v) ((v) & 3)
#define T_PTR 0
#define T_FIX 1
#define T_SYM 2
#define FWD ((val)~(uint64_t)0) /* tag 3: never a value */

#define FIX(n) ((val)(((uint64_t)(n) << 2) | T_FIX))
#define FIXVAL(v) ((int64_t)(v) >> 2)
#define SYM(n) ((val)(((uint64_t)(n) << 2) | T_SYM))
#define IS_CONS(v) (TAG(v) == T_PTR && (v) != NIL)
#define CELLP(v) ((cell *)(uintptr_t)(v))
#define CAR(v) (CELLP(v)->car)
#define CDR(v) (CELLP(v)->cdr)

static cell space[2][NCELLS] __attribute__((aligned(16)));
static cell *hp, *hlim, *tospace_base;
static int cur;
static uint64_t ngc, ncopied;

static val retained[RETAIN];
static val env; /* association list: ((sym . fix) ...) */

static val *shadow[64];
static int nshadow;
#define PROTECT(v) (shadow[nshadow++] = &(v))
#define UNPROTECT(n) (nshadow -= (n))

static val forward(val v)
{
    if (!IS_CONS(v))
        return v;
    cell *c = CELLP(v);
    if (c->car == FWD)
        return c->cdr;
    cell *n = hp++;
    n->car = c->car;
    n->cdr = c->cdr;
    c->car = FWD;
    c->cdr = (val)(uintptr_t)n;
    return (val)(uintptr_t)n;
}

static void gc(void)
{
    cur ^= 1;
    tospace_base = space[cur];
    hp = tospace_base;
    hlim = tospace_base + NCELLS;
    for (int i = 0; i < nshadow; i++)
        *shadow[i] = forward(*shadow[i]);
    for (int i = 0; i < RETAIN; i++)
        retained[i] = forward(retained[i]);
    env = forward(env);
    for (cell *scan = tospace_base; scan < hp; scan++) {
        scan->car = forward(scan->car);
        scan->cdr = forward(scan->cdr);
    }
    ngc++;
    ncopied += (uint64_t)(hp - tospace_base);
    BENCH_CHECK(hlim - hp > NCELLS / 4); /* live data must stay small */
}

static val cons(val a, val d)
{
    if (hp == hlim) {
        PROTECT(a);
        PROTECT(d);
        gc();
        UNPROTECT(2);
    }
    cell *c = hp++;
    c->car = a;
    c->cdr = d;
    return (val)(uintptr_t)c;
}

static val random_list(int n, uint64_t *rs)
{
    val l = NIL;
    PROTECT(l);
    for (int i = 0; i < n; i++)
        l = cons(FIX(rng_next(rs) & 0xfffff), l);
    UNPROTECT(1);
    return l;
}

static val map_square(val l)
{
    val head = NIL, tail = NIL;
    PROTECT(l);
    PROTECT(head);
    PROTECT(tail);
    for (; l != NIL; l = CDR(l)) {
        int64_t x = FIXVAL(CAR(l));
        val c = cons(FIX((x * x) & 0xffffffffff), NIL);
        if (tail == NIL)
            head = c;
        else
            CDR(tail) = c;
        tail = c;
    }
    UNPROTECT(3);
    return head;
}

static val filter_odd(val l)
{
    val head = NIL, tail = NIL;
    PROTECT(l);
    PROTECT(head);
    PROTECT(tail);
    for (; l != NIL; l = CDR(l)) {
        if (!(FIXVAL(CAR(l)) & 1))
            continue;
        val c = cons(CAR(l), NIL);
        if (tail == NIL)
            head = c;
        else
            CDR(tail) = c;
        tail = c;
    }
    UNPROTECT(3);
    return head;
}

static val reverse(val l)
{
    val r = NIL;
    PROTECT(l);
    PROTECT(r);
    for (; l != NIL; l = CDR(l))
        r = cons(CAR(l), r);
    UNPROTECT(2);
    return r;
}

static int64_t sum_list(val l)
{
    int64_t s = 0;
    for (; l != NIL; l = CDR(l))
        s += FIXVAL(CAR(l));
    return s;
}

static long length(val l)
{
    long n = 0;
    for (; l != NIL; l = CDR(l))
        n++;
    return n;
}

static val assq(val key, val alist)
{
    for (; alist != NIL; alist = CDR(alist))
        if (CAR(CAR(alist)) == key)
            return CAR(alist);
    return NIL;
}

/* Rebuild env keeping only the first (visible) binding of each symbol. */
static val dedupe(val alist)
{
    val out = NIL;
    PROTECT(alist);
    PROTECT(out);
    for (; alist != NIL; alist = CDR(alist))
        if (assq(CAR(CAR(alist)), out) == NIL)
            out = cons(CAR(alist), out);
    out = reverse(out);
    UNPROTECT(2);
    return out;
}

/* A full binary tree of the given depth with fixnum leaves. */
static val tree(int depth, int64_t *leaf)
{
    if (depth == 0)
        return FIX((*leaf)++);
    val l = tree(depth - 1, leaf);
    PROTECT(l);
    val r = tree(depth - 1, leaf);
    val t = cons(l, r);
    UNPROTECT(1);
    return t;
}

/* Order-dependent checksum of a value's structure and leaves. */
static uint64_t walk(val v, uint64_t h)
{
    while (IS_CONS(v)) {
        h = walk(CAR(v), mix(h, 0x28));
        v = CDR(v);
    }
    return mix(h, v);
}

static uint64_t listchurn_round(void)
{
    cur = 0;
    hp = space[0];
    hlim = space[0] + NCELLS;
    ngc = ncopied = 0;
    nshadow = 0;
    for (int i = 0; i < RETAIN; i++)
        retained[i] = NIL;
    env = NIL;
    for (int i = 0; i < NSYMS; i++) {
        val b = cons(SYM(i), FIX(i * 7)); /* may collect: read env after it */
        env = cons(b, env);
    }

    uint64_t rs = opaque(0x115b0001);
    uint64_t h = MIX_INIT;
    int64_t total = 0, found = 0, missed = 0;
    int64_t leaf = 0;
    for (int it = 0; it < NITER; it++) {
        uint64_t r = rng_next(&rs);
        int n = 8 + (int)(r % 48);
        val l = random_list(n, &rs);
        PROTECT(l);
        val sq = map_square(l);
        PROTECT(sq);
        val odd = filter_odd(sq);
        val rev = reverse(odd);
        UNPROTECT(2);
        int64_t s = sum_list(rev);
        total += s;
        h = mix(h, (uint64_t)s);
        retained[(r >> 8) % RETAIN] = rev;

        if ((it & 31) == 7)
            retained[(r >> 16) % RETAIN] = tree(4 + (int)((r >> 24) & 3), &leaf);

        for (int k = 0; k < 8; k++) {
            uint64_t q = rng_next(&rs);
            val key = SYM(q % (NSYMS + NSYMS / 4)); /* some are unbound */
            val b = assq(key, env);
            if (b != NIL) {
                found += FIXVAL(CDR(b));
            } else {
                missed++;
            }
            if ((q >> 32) % 5 == 0) {
                val nb = cons(key, FIX((int64_t)(q >> 40)));
                env = cons(nb, env);
            }
        }
        if (length(env) > ENV_MAX)
            env = dedupe(env);
    }
    BENCH_CHECK(nshadow == 0);
    BENCH_CHECK(ngc > 0);

    h = mix(h, (uint64_t)total);
    h = mix(h, (uint64_t)found);
    h = mix(h, (uint64_t)missed);
    h = mix(h, ngc);
    h = mix(h, ncopied);
    h = walk(env, h);
    for (int i = 0; i < RETAIN; i++)
        h = walk(retained[i], h);
    return h;
}

BENCH_MAIN("listchurn", listchurn_round, 0xeadbac5edf0a48d3ULL)
