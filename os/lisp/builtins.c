/* The builtin tables and what they share. */
#include "builtins.h"

#include "compile.h"
#include "symbol.h"

static const struct lisp_prim_table *const tables[] = {
    &prims_num, &prims_list, &prims_text, &prims_data, &prims_control,
};

const struct lisp_prim *prim_of(const struct lisp *l, lv p)
{
    int64_t id = fx(field(l, p, 0));
    return &tables[id >> 16]->prims[id & 0xffff];
}

void builtins_init(struct lisp *l)
{
    l->reg[R_CORE] = lisp_alloc_obj(l, KIND_VECTOR, CORE_COUNT);
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
        for (size_t i = 0; i < tables[t]->count; i++) {
            const struct lisp_prim *d = &tables[t]->prims[i];
            size_t m = root_mark(l);
            lv *s = root(l, intern_c(l, d->name));
            lv p = lisp_alloc_obj(l, KIND_PRIM, 2);
            set_field(l, p, 0, mkfx((int64_t)(t << 16 | i)));
            set_field(l, p, 1, *s);
            sym_set(l, *s, p);
            if (d->core >= 0)
                set_field(l, l->reg[R_CORE], (uint64_t)d->core, p);
            unroot(l, m);
        }
    }
}

int64_t arg_fixnum(struct lisp *l, lv v)
{
    if (!is_fixnum(v))
        lisp_error1(l, "not a fixnum", v);
    return fx(v);
}

size_t arg_index(struct lisp *l, lv v, size_t limit)
{
    if (!is_fixnum(v) || fx(v) < 0 || (uint64_t)fx(v) >= limit)
        lisp_error1(l, "index out of range", v);
    return (size_t)fx(v);
}

lv arg_kind(struct lisp *l, lv v, unsigned kind, const char *what)
{
    if (!is_kind(l, v, kind) || (kind != KIND_SYMBOL && !is_object(v)))
        lisp_error1(l, what, v);
    return v;
}

lv list_from(struct lisp *l, lv *args, size_t n)
{
    size_t m = root_mark(l);
    lv *r = root(l, AM_NIL);
    for (size_t i = n; i-- > 0;)
        *r = cons(l, args[i], *r);
    lv res = *r;
    unroot(l, m);
    return res;
}

size_t list_length(struct lisp *l, lv list)
{
    size_t n = 0;
    lv p = list, slow = list;
    for (; is_pair(p); p = cdr(l, p)) {
        if (n++ & 1) {
            slow = cdr(l, slow);
            if (slow == cdr(l, p))
                lisp_error1(l, "circular list", list);
        }
    }
    if (p != AM_NIL)
        lisp_error1(l, "not a proper list", list);
    return n;
}
