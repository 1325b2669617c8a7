/* Pairs, lists, equivalence and type predicates. */
#include "builtins.h"
#include "compile.h"
#include "equal.h"
#include "symbol.h"

#define PRIM(name) static lv name(struct lisp *l, lv *a, size_t n)

static lv check_pair(struct lisp *l, lv v)
{
    if (!is_pair(v))
        lisp_error1(l, "not a pair", v);
    return v;
}

PRIM(p_cons) { (void)n; return cons(l, a[0], a[1]); }
PRIM(p_car) { (void)n; return car(l, check_pair(l, a[0])); }
PRIM(p_cdr) { (void)n; return cdr(l, check_pair(l, a[0])); }
PRIM(p_set_car) { (void)n; set_car(l, check_pair(l, a[0]), a[1]); return AM_UNSPECIFIED; }
PRIM(p_set_cdr) { (void)n; set_cdr(l, check_pair(l, a[0]), a[1]); return AM_UNSPECIFIED; }
PRIM(p_caar) { (void)n; return car(l, check_pair(l, car(l, check_pair(l, a[0])))); }
PRIM(p_cadr) { (void)n; return car(l, check_pair(l, cdr(l, check_pair(l, a[0])))); }
PRIM(p_cdar) { (void)n; return cdr(l, check_pair(l, car(l, check_pair(l, a[0])))); }
PRIM(p_cddr) { (void)n; return cdr(l, check_pair(l, cdr(l, check_pair(l, a[0])))); }
PRIM(p_list) { return list_from(l, a, n); }
PRIM(p_length) { (void)n; return mkfx((int64_t)list_length(l, a[0])); }

/* A fresh copy of a proper list, with tail as its last cdr. */
static lv copy_onto(struct lisp *l, lv list, lv tail)
{
    size_t m = root_mark(l);
    lv *p = root(l, list), *rt = root(l, tail), *head = root(l, AM_NIL), *last = root(l, AM_NIL);
    list_length(l, list);
    for (; is_pair(*p); *p = cdr(l, *p)) {
        lv cell = cons(l, car(l, *p), AM_NIL);
        if (*head == AM_NIL)
            *head = cell;
        else
            set_cdr(l, *last, cell);
        *last = cell;
    }
    lv r;
    if (*head == AM_NIL) {
        r = *rt;
    } else {
        set_cdr(l, *last, *rt);
        r = *head;
    }
    unroot(l, m);
    return r;
}

PRIM(p_append)
{
    if (n == 0)
        return AM_NIL;
    lv r = a[n - 1];
    for (size_t i = n - 1; i-- > 0;)
        r = copy_onto(l, a[i], r);
    return r;
}

PRIM(p_list_copy) { (void)n; return is_pair(a[0]) ? copy_onto(l, a[0], AM_NIL) : a[0]; }

PRIM(p_reverse)
{
    (void)n;
    list_length(l, a[0]);
    size_t m = root_mark(l);
    lv *r = root(l, AM_NIL), *p = root(l, a[0]);
    for (; is_pair(*p); *p = cdr(l, *p))
        *r = cons(l, car(l, *p), *r);
    lv res = *r;
    unroot(l, m);
    return res;
}

PRIM(p_list_tail)
{
    (void)n;
    lv p = a[0];
    for (int64_t k = arg_fixnum(l, a[1]); k > 0; k--)
        p = cdr(l, check_pair(l, p));
    return p;
}

PRIM(p_list_ref)
{
    (void)n;
    lv p = a[0];
    int64_t k = arg_fixnum(l, a[1]);
    if (k < 0)
        lisp_error1(l, "index out of range", a[1]);
    for (; k > 0; k--)
        p = cdr(l, check_pair(l, p));
    return car(l, check_pair(l, p));
}

static lv mem(struct lisp *l, lv x, lv list, int how)
{
    uint64_t limit = heap_max_pairs(l);
    for (lv p = list; is_pair(p); p = cdr(l, p)) {
        if (limit-- == 0)
            lisp_error1(l, "circular list", list);
        lv e = car(l, p);
        if (how == 0 ? e == x : how == 1 ? lisp_eqv(l, e, x) : lisp_equal(l, e, x))
            return p;
    }
    return AM_FALSE;
}

static lv ass(struct lisp *l, lv x, lv list, int how)
{
    uint64_t limit = heap_max_pairs(l);
    for (lv p = list; is_pair(p); p = cdr(l, p)) {
        if (limit-- == 0)
            lisp_error1(l, "circular list", list);
        lv e = car(l, p);
        if (!is_pair(e))
            lisp_error1(l, "association list element is not a pair", e);
        lv k = car(l, e);
        if (how == 0 ? k == x : how == 1 ? lisp_eqv(l, k, x) : lisp_equal(l, k, x))
            return e;
    }
    return AM_FALSE;
}

PRIM(p_memq) { (void)n; return mem(l, a[0], a[1], 0); }
PRIM(p_memv) { (void)n; return mem(l, a[0], a[1], 1); }
PRIM(p_member2) { (void)n; return mem(l, a[0], a[1], 2); }
PRIM(p_assq) { (void)n; return ass(l, a[0], a[1], 0); }
PRIM(p_assv) { (void)n; return ass(l, a[0], a[1], 1); }
PRIM(p_assoc2) { (void)n; return ass(l, a[0], a[1], 2); }

PRIM(p_pair_p) { (void)l; (void)n; return mkbool(is_pair(a[0])); }
PRIM(p_null_p) { (void)l; (void)n; return mkbool(a[0] == AM_NIL); }
PRIM(p_symbol_p) { (void)l; (void)n; return mkbool(is_symbol(a[0])); }
PRIM(p_boolean_p) { (void)l; (void)n; return mkbool(a[0] == AM_TRUE || a[0] == AM_FALSE); }
PRIM(p_not) { (void)l; (void)n; return mkbool(a[0] == AM_FALSE); }
PRIM(p_eq_p) { (void)l; (void)n; return mkbool(a[0] == a[1]); }
PRIM(p_eqv_p) { (void)n; return mkbool(lisp_eqv(l, a[0], a[1])); }
PRIM(p_equal_p) { (void)n; return mkbool(lisp_equal(l, a[0], a[1])); }

PRIM(p_list_p)
{
    (void)n;
    /* Floyd's cycle check: a circular list is not a list. */
    lv slow = a[0], fast = a[0];
    for (;;) {
        if (fast == AM_NIL)
            return AM_TRUE;
        if (!is_pair(fast))
            return AM_FALSE;
        fast = cdr(l, fast);
        if (fast == AM_NIL)
            return AM_TRUE;
        if (!is_pair(fast))
            return AM_FALSE;
        fast = cdr(l, fast);
        slow = cdr(l, slow);
        if (fast == slow)
            return AM_FALSE;
    }
}

PRIM(p_procedure_p)
{
    (void)n;
    return mkbool(is_kind(l, a[0], KIND_CLOSURE) || is_kind(l, a[0], KIND_PRIM) || is_kind(l, a[0], KIND_CONT));
}

static const struct lisp_prim prims[] = {
    {"cons", p_cons, 2, 2, CTL_NONE, CORE_CONS},
    {"car", p_car, 1, 1, CTL_NONE, -1},
    {"cdr", p_cdr, 1, 1, CTL_NONE, -1},
    {"set-car!", p_set_car, 2, 2, CTL_NONE, -1},
    {"set-cdr!", p_set_cdr, 2, 2, CTL_NONE, -1},
    {"caar", p_caar, 1, 1, CTL_NONE, -1},
    {"cadr", p_cadr, 1, 1, CTL_NONE, -1},
    {"cdar", p_cdar, 1, 1, CTL_NONE, -1},
    {"cddr", p_cddr, 1, 1, CTL_NONE, -1},
    {"list", p_list, 0, -1, CTL_NONE, CORE_LIST},
    {"length", p_length, 1, 1, CTL_NONE, -1},
    {"append", p_append, 0, -1, CTL_NONE, CORE_APPEND},
    {"list-copy", p_list_copy, 1, 1, CTL_NONE, -1},
    {"reverse", p_reverse, 1, 1, CTL_NONE, -1},
    {"list-tail", p_list_tail, 2, 2, CTL_NONE, -1},
    {"list-ref", p_list_ref, 2, 2, CTL_NONE, -1},
    {"memq", p_memq, 2, 2, CTL_NONE, -1},
    {"memv", p_memv, 2, 2, CTL_NONE, -1},
    {"%member", p_member2, 2, 2, CTL_NONE, -1},
    {"assq", p_assq, 2, 2, CTL_NONE, -1},
    {"assv", p_assv, 2, 2, CTL_NONE, -1},
    {"%assoc", p_assoc2, 2, 2, CTL_NONE, -1},
    {"pair?", p_pair_p, 1, 1, CTL_NONE, -1},
    {"null?", p_null_p, 1, 1, CTL_NONE, -1},
    {"list?", p_list_p, 1, 1, CTL_NONE, -1},
    {"symbol?", p_symbol_p, 1, 1, CTL_NONE, -1},
    {"boolean?", p_boolean_p, 1, 1, CTL_NONE, -1},
    {"procedure?", p_procedure_p, 1, 1, CTL_NONE, -1},
    {"not", p_not, 1, 1, CTL_NONE, -1},
    {"eq?", p_eq_p, 2, 2, CTL_NONE, -1},
    {"eqv?", p_eqv_p, 2, 2, CTL_NONE, -1},
    {"equal?", p_equal_p, 2, 2, CTL_NONE, -1},
};

PRIM_TABLE(prims_list, prims);
