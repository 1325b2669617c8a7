/* Numeric builtins: exact integers only (fixnums and bignums). */
#include "builtins.h"
#include "number.h"
#include "text.h"

#define PRIM(name) static lv name(struct lisp *l, lv *a, size_t n)

PRIM(p_add)
{
    lv r = mkfx(0);
    for (size_t i = 0; i < n; i++)
        r = num_add(l, r, a[i]);
    return r;
}

PRIM(p_mul)
{
    lv r = mkfx(1);
    for (size_t i = 0; i < n; i++)
        r = num_mul(l, r, a[i]);
    return r;
}

PRIM(p_sub)
{
    if (n == 1)
        return num_sub(l, mkfx(0), a[0]);
    lv r = a[0];
    for (size_t i = 1; i < n; i++)
        r = num_sub(l, r, a[i]);
    return r;
}

PRIM(p_div)
{
    lv r = n == 1 ? mkfx(1) : a[0];
    for (size_t i = n == 1 ? 0 : 1; i < n; i++) {
        lv q, rem;
        num_divmod(l, r, a[i], &q, &rem);
        if (rem != mkfx(0))
            lisp_error(l, "/: result is not an integer (only exact integers are supported)",
                       list2(l, r, a[i]));
        r = q;
    }
    return r;
}

static lv compare(struct lisp *l, lv *a, size_t n, int want_lo, int want_hi)
{
    for (size_t i = 0; i < n; i++)
        check_integer(l, a[i]);
    for (size_t i = 0; i + 1 < n; i++) {
        int c = num_cmp(l, a[i], a[i + 1]);
        if (c < want_lo || c > want_hi)
            return AM_FALSE;
    }
    return AM_TRUE;
}

PRIM(p_eq) { return compare(l, a, n, 0, 0); }
PRIM(p_lt) { return compare(l, a, n, -1, -1); }
PRIM(p_gt) { return compare(l, a, n, 1, 1); }
PRIM(p_le) { return compare(l, a, n, -1, 0); }
PRIM(p_ge) { return compare(l, a, n, 0, 1); }

PRIM(p_quotient)
{
    (void)n;
    lv q;
    num_divmod(l, a[0], a[1], &q, NULL);
    return q;
}

PRIM(p_remainder)
{
    (void)n;
    lv r;
    num_divmod(l, a[0], a[1], NULL, &r);
    return r;
}

PRIM(p_modulo)
{
    (void)n;
    lv r;
    num_divmod(l, a[0], a[1], NULL, &r);
    if (r != mkfx(0) && num_sign(l, r) != num_sign(l, a[1]))
        r = num_add(l, r, a[1]);
    return r;
}

PRIM(p_expt) { (void)n; return num_expt(l, a[0], a[1]); }

static unsigned radix_arg(struct lisp *l, lv *a, size_t n)
{
    if (n < 2)
        return 10;
    int64_t r = arg_fixnum(l, a[1]);
    if (r < 2 || r > 36)
        lisp_error1(l, "radix must be 2 to 36", a[1]);
    return (unsigned)r;
}

PRIM(p_number_to_string) { return num_to_string(l, a[0], radix_arg(l, a, n)); }

PRIM(p_string_to_number)
{
    arg_kind(l, a[0], KIND_STRING, "not a string");
    return num_parse_string(l, a[0], 0, bytes_len(l, a[0]), radix_arg(l, a, n));
}

PRIM(p_integer_p) { (void)n; return mkbool(is_integer(l, a[0])); }
PRIM(p_fixnum_p) { (void)l; (void)n; return mkbool(is_fixnum(a[0])); }

PRIM(p_abs)
{
    (void)n;
    check_integer(l, a[0]);
    return num_sign(l, a[0]) < 0 ? num_sub(l, mkfx(0), a[0]) : a[0];
}

static const struct lisp_prim prims[] = {
    {"+", p_add, 0, -1, CTL_NONE, -1},
    {"*", p_mul, 0, -1, CTL_NONE, -1},
    {"-", p_sub, 1, -1, CTL_NONE, -1},
    {"/", p_div, 1, -1, CTL_NONE, -1},
    {"=", p_eq, 1, -1, CTL_NONE, -1},
    {"<", p_lt, 1, -1, CTL_NONE, -1},
    {">", p_gt, 1, -1, CTL_NONE, -1},
    {"<=", p_le, 1, -1, CTL_NONE, -1},
    {">=", p_ge, 1, -1, CTL_NONE, -1},
    {"quotient", p_quotient, 2, 2, CTL_NONE, -1},
    {"truncate-quotient", p_quotient, 2, 2, CTL_NONE, -1},
    {"remainder", p_remainder, 2, 2, CTL_NONE, -1},
    {"truncate-remainder", p_remainder, 2, 2, CTL_NONE, -1},
    {"modulo", p_modulo, 2, 2, CTL_NONE, -1},
    {"floor-remainder", p_modulo, 2, 2, CTL_NONE, -1},
    {"expt", p_expt, 2, 2, CTL_NONE, -1},
    {"number->string", p_number_to_string, 1, 2, CTL_NONE, -1},
    {"string->number", p_string_to_number, 1, 2, CTL_NONE, -1},
    {"integer?", p_integer_p, 1, 1, CTL_NONE, -1},
    {"number?", p_integer_p, 1, 1, CTL_NONE, -1},
    {"exact?", p_integer_p, 1, 1, CTL_NONE, -1},
    {"exact-integer?", p_integer_p, 1, 1, CTL_NONE, -1},
    {"fixnum?", p_fixnum_p, 1, 1, CTL_NONE, -1},
    {"abs", p_abs, 1, 1, CTL_NONE, -1},
};

PRIM_TABLE(prims_num, prims);
