/* Exact integer arithmetic. Fixnum operations take a fast path; otherwise
 * both operands are seen as sign and magnitude (little-endian 32-bit
 * digits) and the result is built in a new bignum and normalized. The
 * result object is allocated before digit pointers are taken, so a moving
 * collector would never leave them stale. */
#include "number.h"

#include <string.h>

#include "text.h"

struct mag {
    bool neg;
    size_t n;
    const uint32_t *d;
    uint32_t small[2];
};

static uint32_t *digits(const struct lisp *l, lv b) { return (uint32_t *)obj_raw(l, b, 1); }
static int64_t big_count(const struct lisp *l, lv b) { return fx(field(l, b, 0)); }

bool is_integer(const struct lisp *l, lv v)
{
    return is_fixnum(v) || is_kind(l, v, KIND_BIGNUM);
}

void check_integer(struct lisp *l, lv v)
{
    if (!is_integer(l, v))
        lisp_error1(l, "not an integer", v);
}

static void view(const struct lisp *l, lv v, struct mag *m)
{
    if (is_fixnum(v)) {
        int64_t x = fx(v);
        uint64_t u = x < 0 ? -(uint64_t)x : (uint64_t)x;
        m->neg = x < 0;
        m->small[0] = (uint32_t)u;
        m->small[1] = (uint32_t)(u >> 32);
        m->n = m->small[1] ? 2 : m->small[0] ? 1 : 0;
        m->d = m->small;
    } else {
        int64_t c = big_count(l, v);
        m->neg = c < 0;
        m->n = (size_t)(c < 0 ? -c : c);
        m->d = digits(l, v);
    }
}

static lv new_big(struct lisp *l, size_t n)
{
    return lisp_alloc_raw(l, KIND_BIGNUM, 1, 4 * (uint64_t)(n ? n : 1));
}

/* Trims the digits of r (n used) and makes a fixnum when it fits. */
static lv normalize(struct lisp *l, lv r, size_t n, bool neg)
{
    uint32_t *d = digits(l, r);
    while (n > 0 && d[n - 1] == 0)
        n--;
    if (n <= 2) {
        uint64_t u = n == 0 ? 0 : n == 1 ? d[0] : (uint64_t)d[1] << 32 | d[0];
        if (!neg && u <= (uint64_t)AM_FIXNUM_MAX)
            return mkfx((int64_t)u);
        if (neg && u <= (uint64_t)AM_FIXNUM_MAX + 1)
            return mkfx(-(int64_t)(u - 1) - 1);
    }
    set_field(l, r, 0, mkfx(neg ? -(int64_t)n : (int64_t)n));
    return r;
}

static int mag_cmp(const uint32_t *a, size_t an, const uint32_t *b, size_t bn)
{
    if (an != bn)
        return an < bn ? -1 : 1;
    for (size_t i = an; i-- > 0;)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

static size_t mag_add(uint32_t *r, const uint32_t *a, size_t an, const uint32_t *b, size_t bn)
{
    if (an < bn) {
        const uint32_t *t = a;
        a = b;
        b = t;
        size_t tn = an;
        an = bn;
        bn = tn;
    }
    uint64_t c = 0;
    for (size_t i = 0; i < an; i++) {
        c += (uint64_t)a[i] + (i < bn ? b[i] : 0);
        r[i] = (uint32_t)c;
        c >>= 32;
    }
    r[an] = (uint32_t)c;
    return an + 1;
}

/* r = a - b with |a| >= |b|. */
static size_t mag_sub(uint32_t *r, const uint32_t *a, size_t an, const uint32_t *b, size_t bn)
{
    int64_t borrow = 0;
    for (size_t i = 0; i < an; i++) {
        int64_t t = (int64_t)a[i] - (i < bn ? b[i] : 0) - borrow;
        borrow = t < 0;
        r[i] = (uint32_t)t;
    }
    return an;
}

lv num_add(struct lisp *l, lv a, lv b)
{
    if (is_fixnum(a) && is_fixnum(b)) {
        int64_t s = fx(a) + fx(b);
        if (fx_fits(s))
            return mkfx(s);
    }
    check_integer(l, a);
    check_integer(l, b);
    size_t m = root_mark(l);
    lv *ra = root(l, a), *rb = root(l, b);
    struct mag x, y;
    view(l, a, &x);
    view(l, b, &y);
    lv r = new_big(l, (x.n > y.n ? x.n : y.n) + 1);
    view(l, *ra, &x);
    view(l, *rb, &y);
    size_t n;
    bool neg;
    if (x.neg == y.neg) {
        n = mag_add(digits(l, r), x.d, x.n, y.d, y.n);
        neg = x.neg;
    } else if (mag_cmp(x.d, x.n, y.d, y.n) >= 0) {
        n = mag_sub(digits(l, r), x.d, x.n, y.d, y.n);
        neg = x.neg;
    } else {
        n = mag_sub(digits(l, r), y.d, y.n, x.d, x.n);
        neg = y.neg;
    }
    unroot(l, m);
    return normalize(l, r, n, neg);
}

static lv negate(struct lisp *l, lv a)
{
    if (is_fixnum(a))
        return fx_fits(-fx(a)) ? mkfx(-fx(a)) : num_sub(l, mkfx(0), a);
    size_t m = root_mark(l);
    lv *ra = root(l, a);
    int64_t c = big_count(l, a);
    size_t n = (size_t)(c < 0 ? -c : c);
    lv r = new_big(l, n);
    memcpy(digits(l, r), digits(l, *ra), 4 * n);
    unroot(l, m);
    return normalize(l, r, n, c > 0);
}

lv num_sub(struct lisp *l, lv a, lv b)
{
    if (is_fixnum(a) && is_fixnum(b)) {
        int64_t s = fx(a) - fx(b);
        if (fx_fits(s))
            return mkfx(s);
    }
    check_integer(l, a);
    check_integer(l, b);
    if (is_fixnum(b) && fx(b) == AM_FIXNUM_MIN) {
        /* -b is not a fixnum: subtract in two halves. */
        return num_add(l, num_add(l, a, mkfx(AM_FIXNUM_MAX)), mkfx(1));
    }
    size_t m = root_mark(l);
    lv *ra = root(l, a);
    lv nb = negate(l, b);
    lv r = num_add(l, *ra, nb);
    unroot(l, m);
    return r;
}

lv num_mul(struct lisp *l, lv a, lv b)
{
    if (is_fixnum(a) && is_fixnum(b)) {
        int64_t p;
        if (!__builtin_mul_overflow(fx(a), fx(b), &p) && fx_fits(p))
            return mkfx(p);
    }
    check_integer(l, a);
    check_integer(l, b);
    size_t m = root_mark(l);
    lv *ra = root(l, a), *rb = root(l, b);
    struct mag x, y;
    view(l, a, &x);
    view(l, b, &y);
    lv r = new_big(l, x.n + y.n);
    view(l, *ra, &x);
    view(l, *rb, &y);
    uint32_t *d = digits(l, r);
    for (size_t i = 0; i < x.n; i++) {
        uint64_t c = 0;
        for (size_t j = 0; j < y.n; j++) {
            c += (uint64_t)x.d[i] * y.d[j] + d[i + j];
            d[i + j] = (uint32_t)c;
            c >>= 32;
        }
        d[i + y.n] = (uint32_t)c;
    }
    unroot(l, m);
    return normalize(l, r, x.n + y.n, x.neg != y.neg);
}

/* q = u / v, r = u % v for magnitudes, v of at least two digits with a
 * nonzero top digit (Knuth's algorithm D); un and vn are scratch of an+1
 * and bn digits. */
static void mag_divmod(uint32_t *q, uint32_t *r, const uint32_t *u, size_t an,
                       const uint32_t *v, size_t bn, uint32_t *un, uint32_t *vn)
{
    unsigned s = (unsigned)__builtin_clz(v[bn - 1]);
    for (size_t i = bn - 1; i > 0; i--)
        vn[i] = v[i] << s | (s ? v[i - 1] >> (32 - s) : 0);
    vn[0] = v[0] << s;
    un[an] = s ? u[an - 1] >> (32 - s) : 0;
    for (size_t i = an - 1; i > 0; i--)
        un[i] = u[i] << s | (s ? u[i - 1] >> (32 - s) : 0);
    un[0] = u[0] << s;
    for (size_t j = an - bn + 1; j-- > 0;) {
        uint64_t num = (uint64_t)un[j + bn] << 32 | un[j + bn - 1];
        uint64_t qhat = num / vn[bn - 1], rhat = num % vn[bn - 1];
        while (qhat >> 32 || qhat * vn[bn - 2] > (rhat << 32 | un[j + bn - 2])) {
            qhat--;
            rhat += vn[bn - 1];
            if (rhat >> 32)
                break;
        }
        int64_t k = 0, t;
        for (size_t i = 0; i < bn; i++) {
            uint64_t p = qhat * vn[i];
            t = (int64_t)un[i + j] - k - (int64_t)(p & 0xffffffffu);
            un[i + j] = (uint32_t)t;
            k = (int64_t)(p >> 32) - (t >> 32);
        }
        t = (int64_t)un[j + bn] - k;
        un[j + bn] = (uint32_t)t;
        q[j] = (uint32_t)qhat;
        if (t < 0) {
            q[j]--;
            uint64_t c = 0;
            for (size_t i = 0; i < bn; i++) {
                c += (uint64_t)un[i + j] + vn[i];
                un[i + j] = (uint32_t)c;
                c >>= 32;
            }
            un[j + bn] += (uint32_t)c;
        }
    }
    for (size_t i = 0; i < bn; i++)
        r[i] = un[i] >> s | (s ? un[i + 1] << (32 - s) : 0);
}

/* Divides a magnitude in place by a small divisor; returns the remainder. */
static uint32_t mag_divsmall(uint32_t *q, const uint32_t *u, size_t n, uint32_t d)
{
    uint64_t rem = 0;
    for (size_t i = n; i-- > 0;) {
        uint64_t cur = rem << 32 | u[i];
        q[i] = (uint32_t)(cur / d);
        rem = cur % d;
    }
    return (uint32_t)rem;
}

void num_divmod(struct lisp *l, lv a, lv b, lv *q, lv *r)
{
    check_integer(l, a);
    check_integer(l, b);
    if (b == mkfx(0))
        lisp_error1(l, "division by zero", a);
    if (is_fixnum(a) && is_fixnum(b) && !(fx(a) == AM_FIXNUM_MIN && fx(b) == -1)) {
        if (q)
            *q = mkfx(fx(a) / fx(b));
        if (r)
            *r = mkfx(fx(a) % fx(b));
        return;
    }
    size_t m = root_mark(l);
    lv *ra = root(l, a), *rb = root(l, b);
    struct mag x, y;
    view(l, a, &x);
    view(l, b, &y);
    if (mag_cmp(x.d, x.n, y.d, y.n) < 0) {
        unroot(l, m);
        if (q)
            *q = mkfx(0);
        if (r)
            *r = a;
        return;
    }
    size_t an = x.n, bn = y.n;
    lv *rq = root(l, new_big(l, an - bn + 1));
    lv *rr = root(l, new_big(l, bn));
    lv scratch = lisp_alloc_raw(l, KIND_BYTEVECTOR, 1, 4 * (uint64_t)(an + 1 + bn));
    view(l, *ra, &x);
    view(l, *rb, &y);
    uint32_t *un = (uint32_t *)bytes_of(l, scratch);
    if (bn == 1)
        digits(l, *rr)[0] = mag_divsmall(digits(l, *rq), x.d, an, y.d[0]);
    else
        mag_divmod(digits(l, *rq), digits(l, *rr), x.d, an, y.d, bn, un, un + an + 1);
    lv qq = *rq, rrv = *rr;
    bool qneg = x.neg != y.neg, rneg = x.neg;
    qq = normalize(l, qq, an - bn + 1, qneg);
    rrv = normalize(l, rrv, bn, rneg);
    unroot(l, m);
    if (q)
        *q = qq;
    if (r)
        *r = rrv;
}

int num_sign(const struct lisp *l, lv a)
{
    if (is_fixnum(a))
        return fx(a) < 0 ? -1 : fx(a) > 0;
    return big_count(l, a) < 0 ? -1 : 1;
}

int num_cmp(const struct lisp *l, lv a, lv b)
{
    if (is_fixnum(a) && is_fixnum(b))
        return fx(a) < fx(b) ? -1 : fx(a) > fx(b);
    struct mag x, y;
    view(l, a, &x);
    view(l, b, &y);
    if (x.neg != y.neg)
        return x.neg ? -1 : 1;
    int c = mag_cmp(x.d, x.n, y.d, y.n);
    return x.neg ? -c : c;
}

lv num_expt(struct lisp *l, lv base, lv exp)
{
    check_integer(l, base);
    if (!is_fixnum(exp) || fx(exp) < 0)
        lisp_error1(l, "expt: exponent must be a nonnegative fixnum", exp);
    size_t m = root_mark(l);
    lv *b = root(l, base), *r = root(l, mkfx(1));
    for (int64_t e = fx(exp); e > 0; e >>= 1) {
        if (e & 1)
            *r = num_mul(l, *r, *b);
        if (e > 1)
            *b = num_mul(l, *b, *b);
    }
    lv res = *r;
    unroot(l, m);
    return res;
}

static const char digit_chars[] = "0123456789abcdefghijklmnopqrstuvwxyz";

lv num_to_string(struct lisp *l, lv v, unsigned radix)
{
    check_integer(l, v);
    size_t m = root_mark(l);
    lv *rv = root(l, v);
    struct mag x;
    view(l, v, &x);
    /* Each digit carries at least one bit: 32 characters per 32-bit digit. */
    size_t cap = 32 * (x.n + 1) + 2;
    lv *buf = root(l, lisp_alloc_raw(l, KIND_BYTEVECTOR, 1, cap + 4 * (x.n + 1)));
    view(l, *rv, &x);
    char *out = (char *)bytes_of(l, *buf);
    uint32_t *work = (uint32_t *)(bytes_of(l, *buf) + cap + (4 - cap % 4) % 4);
    memcpy(work, x.d, 4 * x.n);
    size_t n = x.n, len = 0;
    do {
        uint32_t rem = mag_divsmall(work, work, n, radix);
        out[len++] = digit_chars[rem];
        while (n > 0 && work[n - 1] == 0)
            n--;
    } while (n > 0);
    if (x.neg)
        out[len++] = '-';
    for (size_t i = 0; i < len / 2; i++) {
        char t = out[i];
        out[i] = out[len - 1 - i];
        out[len - 1 - i] = t;
    }
    lv s = lisp_alloc_raw(l, KIND_STRING, 1, len);
    set_field(l, s, 0, mkfx((int64_t)len));
    memcpy(bytes_of(l, s), bytes_of(l, *buf), len);
    unroot(l, m);
    return s;
}

/* The text being parsed: outside the heap, or bytes [off, off + n) of a
 * heap string, re-read after every allocation. */
struct numeral {
    const char *text;
    lv *str;
    size_t off, n;
};

static char digit_at(const struct lisp *l, const struct numeral *s, size_t i)
{
    return s->str ? (char)bytes_of(l, *s->str)[s->off + i] : s->text[i];
}

static unsigned digit_value(char c)
{
    return c >= '0' && c <= '9' ? (unsigned)(c - '0')
         : c >= 'a' && c <= 'z' ? (unsigned)(c - 'a' + 10)
         : c >= 'A' && c <= 'Z' ? (unsigned)(c - 'A' + 10) : 99;
}

static lv parse(struct lisp *l, const struct numeral *s, unsigned radix)
{
    size_t i = 0, n = s->n;
    bool neg = false;
    if (n > 0 && (digit_at(l, s, 0) == '+' || digit_at(l, s, 0) == '-')) {
        neg = digit_at(l, s, 0) == '-';
        i = 1;
    }
    if (i == n)
        return AM_FALSE;
    for (size_t k = i; k < n; k++)
        if (digit_value(digit_at(l, s, k)) >= radix)
            return AM_FALSE;
    size_t m = root_mark(l);
    lv *acc = root(l, mkfx(0));
    int64_t chunk = 0, scale = 1;
    for (; i < n; i++) {
        chunk = chunk * radix + digit_value(digit_at(l, s, i));
        scale *= radix;
        if (scale > (INT64_C(1) << 40) || i + 1 == n) {
            *acc = num_add(l, num_mul(l, *acc, mkfx(scale)), mkfx(chunk));
            chunk = 0;
            scale = 1;
        }
    }
    lv r = neg ? negate(l, *acc) : *acc;
    unroot(l, m);
    return r;
}

lv num_parse(struct lisp *l, const char *s, size_t n, unsigned radix)
{
    struct numeral src = {s, NULL, 0, n};
    return parse(l, &src, radix);
}

lv num_parse_string(struct lisp *l, lv str, size_t off, size_t n, unsigned radix)
{
    size_t m = root_mark(l);
    struct numeral src = {NULL, root(l, str), off, n};
    lv r = parse(l, &src, radix);
    unroot(l, m);
    return r;
}

uint64_t num_hash(const struct lisp *l, lv v)
{
    struct mag x;
    view(l, v, &x);
    uint64_t h = x.neg ? 0x9e3779b97f4a7c15u : 0;
    for (size_t i = 0; i < x.n; i++)
        h = (h ^ x.d[i]) * 0x100000001b3u;
    return h;
}
