/* The symbol table: a vector of buckets (lists of symbols), hashed on the
 * name's bytes so that moving objects never changes a hash. */
#include "symbol.h"

#include <string.h>

#include "text.h"

#define BUCKETS 2048

static const char *const names[S_COUNT] = {
    "quote", "quasiquote", "unquote", "unquote-splicing", "deref",
    "define", "lambda", "if", "set!", "begin", "define-syntax",
    "let-syntax", "letrec-syntax", "syntax-rules", "defmacro",
    "...", "_", "else", "=>", "def", "fn",
    "error", "read-error", ".", "define-record-type",
};

uint64_t hash_bytes(const uint8_t *b, size_t n)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 0x100000001b3u;
    return h;
}

lv make_uninterned(struct lisp *l, lv name)
{
    size_t m = root_mark(l);
    lv *rn = root(l, name);
    lv s = lisp_alloc_obj(l, KIND_SYMBOL, 2);
    set_field(l, s, 0, *rn);
    set_field(l, s, 1, AM_UNBOUND);
    unroot(l, m);
    return s;
}

/* The symbol with this name, or #f; *bucket is its bucket. */
static lv find(struct lisp *l, const char *name, size_t n, uint64_t *bucket)
{
    *bucket = hash_bytes((const uint8_t *)name, n) % BUCKETS;
    for (lv p = field(l, l->reg[R_SYMTAB], *bucket); is_pair(p); p = cdr(l, p)) {
        lv nm = sym_name(l, car(l, p));
        if (bytes_len(l, nm) == n && memcmp(bytes_of(l, nm), name, n) == 0)
            return car(l, p);
    }
    return AM_FALSE;
}

static lv add(struct lisp *l, lv name, uint64_t bucket)
{
    size_t m = root_mark(l);
    lv *s = root(l, make_uninterned(l, name));
    lv cell = cons(l, *s, field(l, l->reg[R_SYMTAB], bucket));
    set_field(l, l->reg[R_SYMTAB], bucket, cell);
    unroot(l, m);
    return car(l, cell);
}

lv intern(struct lisp *l, const char *name, size_t n)
{
    uint64_t b;
    lv s = find(l, name, n, &b);
    return s != AM_FALSE ? s : add(l, make_string(l, name, n), b);
}

lv intern_string(struct lisp *l, lv str)
{
    uint64_t b;
    size_t n = bytes_len(l, str);
    lv s = find(l, (const char *)bytes_of(l, str), n, &b);
    if (s != AM_FALSE)
        return s;
    size_t m = root_mark(l);
    lv *rs = root(l, str);
    lv copy = lisp_alloc_raw(l, KIND_STRING, 1, n);
    set_field(l, copy, 0, mkfx((int64_t)n));
    memcpy(bytes_of(l, copy), bytes_of(l, *rs), n);
    unroot(l, m);
    return add(l, copy, b);
}

lv intern_c(struct lisp *l, const char *name)
{
    return intern(l, name, strlen(name));
}

void symbols_init(struct lisp *l)
{
    l->reg[R_SYMTAB] = lisp_alloc_obj(l, KIND_VECTOR, BUCKETS);
    l->reg[R_SYMS] = lisp_alloc_obj(l, KIND_VECTOR, S_COUNT);
    for (unsigned i = 0; i < S_COUNT; i++) {
        lv s = intern_c(l, names[i]);
        set_field(l, l->reg[R_SYMS], i, s);
    }
}
