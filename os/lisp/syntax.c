/* syntax-rules (R7RS 4.3.2). Bindings are an alist from pattern variable
 * to its match; a variable under an ellipsis is bound to (MULTI . matches),
 * one match per repetition. */
#include "syntax.h"

#include "compile.h"
#include "equal.h"
#include "symbol.h"

#define MULTI AM_MAKE(AM_T_IMM, 0x200)

/* Root slots: the rules' ellipsis and literals, the macro's definition
 * scope, and the alist of template identifiers to their aliases. */
struct sx {
    lv *ellipsis, *literals, *scope, *renames;
};

static bool is_ellipsis(struct lisp *l, const struct sx *s, lv v)
{
    return is_ident(l, v) && *s->ellipsis != AM_FALSE && ident_base(l, v) == ident_base(l, *s->ellipsis);
}

static bool is_literal(struct lisp *l, const struct sx *s, lv v)
{
    for (lv p = *s->literals; is_pair(p); p = cdr(l, p))
        if (car(l, p) == v)
            return true;
    return false;
}

static lv assq(struct lisp *l, lv key, lv alist)
{
    for (; is_pair(alist); alist = cdr(l, alist))
        if (car(l, car(l, alist)) == key)
            return car(l, alist);
    return AM_FALSE;
}

lv syntax_rules_make(struct lisp *l, lv spec)
{
    /* spec: (syntax-rules [ellipsis] (literal ...) (pattern template) ...) */
    size_t m = root_mark(l);
    lv *rs = root(l, spec);
    lv rest = cdr(l, spec);
    lv ell = SYM(l, S_ELLIPSIS);
    if (is_pair(rest) && is_ident(l, car(l, rest))) {
        ell = car(l, rest);
        rest = cdr(l, rest);
    }
    if (!is_pair(rest))
        lisp_error1(l, "syntax-rules: missing literals", *rs);
    for (lv p = car(l, rest); is_pair(p); p = cdr(l, p))
        if (!is_ident(l, car(l, p)))
            lisp_error1(l, "syntax-rules: literal is not an identifier", car(l, p));
    for (lv p = cdr(l, rest); p != AM_NIL; p = cdr(l, p)) {
        if (!is_pair(p) || !is_pair(car(l, p)) || !is_pair(cdr(l, car(l, p))) || !is_pair(car(l, car(l, p))))
            lisp_error1(l, "syntax-rules: bad rule", *rs);
    }
    lv *rrest = root(l, rest), *rell = root(l, ell);
    lv r = lisp_alloc_obj(l, KIND_SYNRULES, 3);
    set_field(l, r, 0, *rell);
    set_field(l, r, 1, car(l, *rrest));
    set_field(l, r, 2, cdr(l, *rrest));
    unroot(l, m);
    return r;
}

static size_t list_len(struct lisp *l, lv p)
{
    size_t n = 0;
    for (; is_pair(p); p = cdr(l, p))
        n++;
    return n;
}

/* The pattern variables of p, consed onto acc. */
static lv pattern_vars(struct lisp *l, const struct sx *s, lv p, lv acc)
{
    lisp_enter(l);
    if (is_ident(l, p)) {
        if (!is_literal(l, s, p) && !is_ellipsis(l, s, p) && ident_base(l, p) != SYM(l, S_UNDERSCORE))
            acc = cons(l, p, acc);
    } else if (is_pair(p)) {
        size_t m = root_mark(l);
        lv *rp = root(l, p);
        acc = pattern_vars(l, s, car(l, p), acc);
        acc = pattern_vars(l, s, cdr(l, *rp), acc);
        unroot(l, m);
    } else if (is_kind(l, p, KIND_VECTOR)) {
        size_t m = root_mark(l);
        lv *rp = root(l, p);
        for (uint64_t i = 0; i < obj_size(l, *rp); i++)
            acc = pattern_vars(l, s, field(l, *rp, i), acc);
        unroot(l, m);
    }
    lisp_leave(l);
    return acc;
}

static lv vector_to_list(struct lisp *l, lv v)
{
    size_t m = root_mark(l);
    lv *rv = root(l, v), *acc = root(l, AM_NIL);
    for (uint64_t i = obj_size(l, v); i-- > 0;)
        *acc = cons(l, field(l, *rv, i), *acc);
    lv r = *acc;
    unroot(l, m);
    return r;
}

static lv nreverse(struct lisp *l, lv p)
{
    lv r = AM_NIL;
    while (is_pair(p)) {
        lv next = cdr(l, p);
        set_cdr(l, p, r);
        r = p;
        p = next;
    }
    return r;
}

/* Matches form f against pattern p, consing bindings onto *b. */
static bool match(struct lisp *l, const struct sx *s, lv p, lv f, lv *b)
{
    bool ok;
    lisp_enter(l);
    size_t m = root_mark(l);
    lv *rp = root(l, p), *rf = root(l, f);
    if (is_ident(l, p)) {
        if (is_literal(l, s, p)) {
            ok = is_ident(l, f) && ident_base(l, f) == ident_base(l, p);
        } else {
            if (ident_base(l, p) != SYM(l, S_UNDERSCORE)) {
                lv binding = cons(l, *rp, *rf);
                *b = cons(l, binding, *b);
            }
            ok = true;
        }
    } else if (is_pair(p) && is_pair(cdr(l, p)) && is_ellipsis(l, s, car(l, cdr(l, p)))) {
        lv *tail = root(l, cdr(l, cdr(l, p)));
        size_t after = list_len(l, *tail), avail = list_len(l, f);
        ok = avail >= after;
        if (ok) {
            size_t k = avail - after;
            lv *vars = root(l, pattern_vars(l, s, car(l, p), AM_NIL));
            lv *matches = root(l, AM_NIL); /* one alist per repetition, reversed */
            lv *rest = root(l, *rf);
            lv *one = root(l, AM_NIL);
            for (size_t i = 0; i < k && ok; i++) {
                *one = AM_NIL;
                ok = match(l, s, car(l, *rp), car(l, *rest), one);
                *matches = cons(l, *one, *matches);
                *rest = cdr(l, *rest);
            }
            lv *seq = root(l, AM_NIL), *v = root(l, *vars), *q = root(l, AM_NIL);
            for (; ok && is_pair(*v); *v = cdr(l, *v)) {
                *seq = AM_NIL;
                for (*q = *matches; is_pair(*q); *q = cdr(l, *q)) {
                    lv hit = assq(l, car(l, *v), car(l, *q));
                    *seq = cons(l, cdr(l, hit), *seq);
                }
                *seq = cons(l, MULTI, *seq);
                lv binding = cons(l, car(l, *v), *seq);
                *b = cons(l, binding, *b);
            }
            if (ok)
                ok = match(l, s, *tail, *rest, b);
        }
    } else if (is_pair(p)) {
        ok = is_pair(f) && match(l, s, car(l, p), car(l, f), b) && match(l, s, cdr(l, *rp), cdr(l, *rf), b);
    } else if (p == AM_NIL) {
        ok = f == AM_NIL;
    } else if (is_kind(l, p, KIND_VECTOR)) {
        ok = is_kind(l, f, KIND_VECTOR);
        if (ok) {
            lv *pl = root(l, vector_to_list(l, p));
            lv fl = vector_to_list(l, *rf);
            ok = match(l, s, *pl, fl, b);
        }
    } else {
        ok = lisp_equal(l, p, f);
    }
    unroot(l, m);
    lisp_leave(l);
    return ok;
}

static lv alias_for(struct lisp *l, struct sx *s, lv id)
{
    lv hit = assq(l, id, *s->renames);
    if (hit != AM_FALSE)
        return cdr(l, hit);
    size_t m = root_mark(l);
    lv *rid = root(l, id);
    lv a = lisp_alloc_obj(l, KIND_ALIAS, 2);
    set_field(l, a, 0, *rid);
    set_field(l, a, 1, *s->scope);
    lv *ra = root(l, a);
    lv entry = cons(l, *rid, a);
    *s->renames = cons(l, entry, *s->renames);
    unroot(l, m);
    return *ra;
}

/* Template variables of t bound to repetitions in b. */
static lv multi_vars(struct lisp *l, const struct sx *s, lv t, lv b, lv acc)
{
    lisp_enter(l);
    size_t m = root_mark(l);
    lv *rt = root(l, t), *rb = root(l, b);
    if (is_ident(l, t)) {
        lv hit = assq(l, t, b);
        if (hit != AM_FALSE && is_pair(cdr(l, hit)) && car(l, cdr(l, hit)) == MULTI)
            acc = cons(l, t, acc);
    } else if (is_pair(t)) {
        acc = multi_vars(l, s, car(l, t), b, acc);
        acc = multi_vars(l, s, cdr(l, *rt), *rb, acc);
    } else if (is_kind(l, t, KIND_VECTOR)) {
        for (uint64_t i = 0; i < obj_size(l, *rt); i++)
            acc = multi_vars(l, s, field(l, *rt, i), *rb, acc);
    }
    unroot(l, m);
    lisp_leave(l);
    return acc;
}

static lv expand(struct lisp *l, struct sx *s, lv t, lv b, bool escaped);

/* Expands sub once per repetition of its ellipsis variables; the results
 * in order. */
static lv expand_repeat(struct lisp *l, struct sx *s, lv sub, lv b)
{
    size_t m = root_mark(l);
    lv *rsub = root(l, sub), *rb = root(l, b);
    lv *vars = root(l, multi_vars(l, s, sub, b, AM_NIL));
    if (*vars == AM_NIL)
        lisp_error1(l, "syntax-rules: no pattern variable to repeat", sub);
    size_t n = 0;
    bool first = true;
    for (lv v = *vars; is_pair(v); v = cdr(l, v)) {
        size_t k = list_len(l, cdr(l, cdr(l, assq(l, car(l, v), *rb))));
        if (!first && k != n)
            lisp_error1(l, "syntax-rules: repetitions of different lengths", sub);
        n = k;
        first = false;
    }
    lv *out = root(l, AM_NIL), *nb = root(l, AM_NIL), *v = root(l, AM_NIL);
    for (size_t i = 0; i < n; i++) {
        *nb = *rb;
        for (*v = *vars; is_pair(*v); *v = cdr(l, *v)) {
            lv seq = cdr(l, cdr(l, assq(l, car(l, *v), *rb)));
            for (size_t k = 0; k < i; k++)
                seq = cdr(l, seq);
            lv binding = cons(l, car(l, *v), car(l, seq));
            *nb = cons(l, binding, *nb);
        }
        lv x = expand(l, s, *rsub, *nb, false);
        *out = cons(l, x, *out);
    }
    lv r = nreverse(l, *out);
    unroot(l, m);
    return r;
}

static lv append2(struct lisp *l, lv a, lv b)
{
    if (!is_pair(a))
        return b;
    size_t m = root_mark(l);
    lv *ra = root(l, a);
    lv rest = append2(l, cdr(l, a), b);
    lv r = cons(l, car(l, *ra), rest);
    unroot(l, m);
    return r;
}

static lv expand(struct lisp *l, struct sx *s, lv t, lv b, bool escaped)
{
    lisp_enter(l);
    size_t m = root_mark(l);
    lv *rt = root(l, t), *rb = root(l, b);
    lv r;
    if (is_ident(l, t)) {
        lv hit = assq(l, t, b);
        if (hit == AM_FALSE)
            r = alias_for(l, s, t);
        else if (is_pair(cdr(l, hit)) && car(l, cdr(l, hit)) == MULTI)
            lisp_error1(l, "syntax-rules: pattern variable used without ellipsis", t);
        else
            r = cdr(l, hit);
    } else if (is_pair(t)) {
        if (!escaped && is_ellipsis(l, s, car(l, t)) && is_pair(cdr(l, t))) {
            r = expand(l, s, car(l, cdr(l, t)), b, true);
        } else if (!escaped && is_pair(cdr(l, t)) && is_ellipsis(l, s, car(l, cdr(l, t)))) {
            lv *rest = root(l, cdr(l, cdr(l, t)));
            lv *items = root(l, expand_repeat(l, s, car(l, t), b));
            /* Further ellipses flatten one more level each. */
            lv *flat = root(l, AM_NIL), *p = root(l, AM_NIL);
            while (is_pair(*rest) && is_ellipsis(l, s, car(l, *rest))) {
                *flat = AM_NIL;
                for (*p = *items; is_pair(*p); *p = cdr(l, *p))
                    *flat = append2(l, *flat, car(l, *p));
                *items = *flat;
                *rest = cdr(l, *rest);
            }
            lv tail = expand(l, s, *rest, *rb, escaped);
            r = append2(l, *items, tail);
        } else {
            lv *a = root(l, expand(l, s, car(l, t), b, escaped));
            lv d = expand(l, s, cdr(l, *rt), *rb, escaped);
            r = cons(l, *a, d);
        }
    } else if (is_kind(l, t, KIND_VECTOR)) {
        lv *items = root(l, vector_to_list(l, t));
        lv list = expand(l, s, *items, *rb, escaped);
        size_t n = list_len(l, list);
        lv *rl = root(l, list);
        r = lisp_alloc_obj(l, KIND_VECTOR, n);
        size_t i = 0;
        for (lv p = *rl; is_pair(p); p = cdr(l, p))
            set_field(l, r, i++, car(l, p));
    } else {
        r = t;
    }
    unroot(l, m);
    lisp_leave(l);
    return r;
}

lv syntax_expand(struct lisp *l, lv rules, lv form, lv scope)
{
    size_t m = root_mark(l);
    lv *rr = root(l, rules), *rf = root(l, form);
    struct sx s = {root(l, field(l, rules, 0)), root(l, field(l, rules, 1)), root(l, scope), root(l, AM_NIL)};
    lv *rs = root(l, field(l, *rr, 2)), *b = root(l, AM_NIL);
    for (; is_pair(*rs); *rs = cdr(l, *rs)) {
        *b = AM_NIL;
        lv pat = car(l, car(l, *rs));
        if (match(l, &s, cdr(l, pat), cdr(l, *rf), b)) {
            lv r = expand(l, &s, car(l, cdr(l, car(l, *rs))), *b, false);
            unroot(l, m);
            return r;
        }
    }
    lisp_error1(l, "no syntax-rules pattern matches", *rf);
}
