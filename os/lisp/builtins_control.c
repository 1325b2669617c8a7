/* Control: the operators the evaluator runs itself (listed here with no
 * C function), multiple values, conditions, eval and gensym. */
#include "builtins.h"
#include "eval.h"
#include "number.h"
#include "text.h"
#include "symbol.h"

#define PRIM(name) static lv name(struct lisp *l, lv *a, size_t n)

PRIM(p_values) { return make_values(l, list_from(l, a, n)); }

/* (error message irritant ...): raises a condition of kind error. */
PRIM(p_error)
{
    lv irritants = list_from(l, a + 1, n - 1);
    size_t m = root_mark(l);
    lv *ri = root(l, irritants);
    lv c = lisp_alloc_obj(l, KIND_CONDITION, 3);
    set_field(l, c, 0, SYM(l, S_ERROR));
    set_field(l, c, 1, a[0]);
    set_field(l, c, 2, *ri);
    unroot(l, m);
    lisp_raise(l, c);
}

static bool is_condition(struct lisp *l, lv v) { return is_kind(l, v, KIND_CONDITION); }

PRIM(p_error_object_p) { (void)n; return mkbool(is_condition(l, a[0])); }

PRIM(p_error_object_message)
{
    (void)n;
    return is_condition(l, a[0]) ? field(l, a[0], 1) : make_string(l, "", 0);
}

PRIM(p_error_object_irritants)
{
    (void)n;
    return is_condition(l, a[0]) ? field(l, a[0], 2) : AM_NIL;
}

PRIM(p_read_error_p)
{
    (void)n;
    return mkbool(is_condition(l, a[0]) && field(l, a[0], 0) == SYM(l, S_READ_ERROR));
}

PRIM(p_file_error_p) { (void)l; (void)a; (void)n; return AM_FALSE; }

PRIM(p_gensym)
{
    (void)a;
    (void)n;
    lv num = num_to_string(l, mkfx((int64_t)++l->gensyms), 10);
    size_t m = root_mark(l);
    lv *rn = root(l, num);
    lv name = lisp_alloc_raw(l, KIND_STRING, 1, bytes_len(l, num) + 1);
    set_field(l, name, 0, mkfx((int64_t)bytes_len(l, *rn) + 1));
    bytes_of(l, name)[0] = 'g';
    for (size_t i = 0; i < bytes_len(l, *rn); i++)
        bytes_of(l, name)[i + 1] = bytes_of(l, *rn)[i];
    unroot(l, m);
    return make_uninterned(l, name);
}

static const struct lisp_prim prims[] = {
    {"apply", NULL, 2, -1, CTL_APPLY, -1},
    {"call-with-current-continuation", NULL, 1, 1, CTL_CALLCC, -1},
    {"call/cc", NULL, 1, 1, CTL_CALLCC, -1},
    {"values", p_values, 0, -1, CTL_NONE, -1},
    {"call-with-values", NULL, 2, 2, CTL_CWV, -1},
    {"dynamic-wind", NULL, 3, 3, CTL_DYNWIND, -1},
    {"with-exception-handler", NULL, 2, 2, CTL_WITH_HANDLER, -1},
    {"raise", NULL, 1, 1, CTL_RAISE, -1},
    {"raise-continuable", NULL, 1, 1, CTL_RAISE_CONTINUABLE, -1},
    {"eval", NULL, 1, 2, CTL_EVAL, -1},
    {"error", p_error, 1, -1, CTL_NONE, -1},
    {"error-object?", p_error_object_p, 1, 1, CTL_NONE, -1},
    {"error-object-message", p_error_object_message, 1, 1, CTL_NONE, -1},
    {"error-object-irritants", p_error_object_irritants, 1, 1, CTL_NONE, -1},
    {"read-error?", p_read_error_p, 1, 1, CTL_NONE, -1},
    {"file-error?", p_file_error_p, 1, 1, CTL_NONE, -1},
    {"gensym", p_gensym, 0, 0, CTL_NONE, -1},
};

PRIM_TABLE(prims_control, prims);
