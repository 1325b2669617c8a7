/* Bump allocation over the given heap, the root stack and error unwinding.
 * When the heap is full (after the embedder's collector, if any, has run),
 * allocation raises a "heap exhausted" error, made from a reserve kept
 * back for that purpose. */
#include "heap.h"

#include <string.h>

#include "text.h"
#include "symbol.h"

static uint64_t bump(struct lisp *l, uint64_t words)
{
    if (l->gc.collect && (l->gc.stress || words > (l->hlim - l->hp) / 8)) {
        bool in_reserve = l->hlim == l->hend;
        l->gc.collect(l, l->gc.ctx, words);
        l->hlim = l->hend;
        if (!in_reserve)
            lisp_heap_rearm(l);
    }
    if (words > (l->hlim - l->hp) / 8) {
        if (l->hlim < l->hend) {
            l->hlim = l->hend;
            lisp_error(l, "heap exhausted", AM_NIL);
        }
        lisp_raise(l, l->reg[R_OOM]);
    }
    uint64_t a = l->hp;
    l->hp += words * 8;
    return a;
}

void lisp_heap_rearm(struct lisp *l)
{
    uint64_t want = l->hend - 8 * LISP_RESERVE;
    l->hlim = l->hp > want ? l->hp : want;
}

lv lisp_alloc_obj(struct lisp *l, unsigned kind, uint64_t n)
{
    uint64_t a = bump(l, n + 1);
    mem_store(&l->mem, a, lv_header(kind, n));
    for (uint64_t i = 0; i < n; i++)
        mem_store(&l->mem, a + 8 * (i + 1), AM_NIL);
    return lv_ref(kind == KIND_SYMBOL ? AM_T_SYMBOL : AM_T_OBJECT, a);
}

lv lisp_alloc_raw(struct lisp *l, unsigned kind, unsigned tagged, uint64_t nbytes)
{
    uint64_t nraw = (nbytes + 7) / 8, n = tagged + nraw;
    uint64_t a = bump(l, n + 1);
    mem_store(&l->mem, a, lv_header(kind, n));
    for (uint64_t i = 0; i < n; i++)
        mem_store(&l->mem, a + 8 * (i + 1), i < tagged ? AM_NIL : 0);
    return lv_ref(AM_T_OBJECT, a);
}

lv cons(struct lisp *l, lv a, lv b)
{
    size_t m = root_mark(l);
    lv *ra = root(l, a), *rb = root(l, b);
    uint64_t p = bump(l, 2);
    mem_store(&l->mem, p, *ra);
    mem_store(&l->mem, p + 8, *rb);
    unroot(l, m);
    return lv_ref(AM_T_CONS, p);
}

lv list2(struct lisp *l, lv a, lv b)
{
    size_t m = root_mark(l);
    lv *ra = root(l, a);
    lv tail = cons(l, b, AM_NIL);
    lv r = cons(l, *ra, tail);
    unroot(l, m);
    return r;
}

lv list3(struct lisp *l, lv a, lv b, lv c)
{
    size_t m = root_mark(l);
    lv *ra = root(l, a), *rb = root(l, b);
    lv tail = cons(l, c, AM_NIL);
    tail = cons(l, *rb, tail);
    lv r = cons(l, *ra, tail);
    unroot(l, m);
    return r;
}

lv *root(struct lisp *l, lv v)
{
    if (l->nroots == LISP_ROOTS)
        lisp_error(l, "root stack overflow", AM_NIL);
    l->roots[l->nroots] = v;
    return &l->roots[l->nroots++];
}

void lisp_catch_push(struct lisp *l, struct lisp_catch *c)
{
    c->prev = l->unwind;
    c->nroots = l->nroots;
    c->cdepth = l->cdepth;
    l->unwind = c;
}

void lisp_catch_pop(struct lisp *l, struct lisp_catch *c)
{
    l->unwind = c->prev;
}

_Noreturn void lisp_raise(struct lisp *l, lv obj)
{
    struct lisp_catch *c = l->unwind;
    l->reg[R_ERR] = obj;
    l->unwind = c->prev;
    l->nroots = c->nroots;
    l->cdepth = c->cdepth;
    longjmp(c->jb, 1);
}

lv make_condition(struct lisp *l, lv kind, const char *msg, lv irritants)
{
    size_t m = root_mark(l);
    lv *rk = root(l, kind), *ri = root(l, irritants);
    lv *rs = root(l, make_string(l, msg, strlen(msg)));
    lv c = lisp_alloc_obj(l, KIND_CONDITION, 3);
    set_field(l, c, 0, *rk);
    set_field(l, c, 1, *rs);
    set_field(l, c, 2, *ri);
    unroot(l, m);
    return c;
}

_Noreturn void lisp_error(struct lisp *l, const char *msg, lv irritants)
{
    lisp_raise(l, make_condition(l, SYM(l, S_ERROR), msg, irritants));
}

_Noreturn void lisp_error1(struct lisp *l, const char *msg, lv irritant)
{
    lisp_error(l, msg, cons(l, irritant, AM_NIL));
}

_Noreturn void lisp_read_error(struct lisp *l, const char *msg)
{
    lisp_raise(l, make_condition(l, SYM(l, S_READ_ERROR), msg, AM_NIL));
}

void lisp_enter(struct lisp *l)
{
    if (l->cdepth >= LISP_C_DEPTH)
        lisp_error(l, "nesting too deep", AM_NIL);
    l->cdepth++;
}
