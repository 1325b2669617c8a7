/* Equivalence predicates and hashing. */
#include "equal.h"

#include <string.h>

#include "number.h"
#include "text.h"
#include "symbol.h"

bool lisp_eqv(const struct lisp *l, lv a, lv b)
{
    if (a == b)
        return true;
    return is_kind(l, a, KIND_BIGNUM) && is_kind(l, b, KIND_BIGNUM) && num_cmp(l, a, b) == 0;
}

bool lisp_equal(struct lisp *l, lv a, lv b)
{
    bool r = true;
    uint64_t limit = heap_max_pairs(l);
    lisp_enter(l);
    for (;;) {
        if (lisp_eqv(l, a, b))
            break;
        if (is_pair(a) && is_pair(b)) {
            if (limit-- == 0)
                lisp_error(l, "equal?: circular structure", AM_NIL);
            if (!lisp_equal(l, car(l, a), car(l, b))) {
                r = false;
                break;
            }
            a = cdr(l, a);
            b = cdr(l, b);
            continue;
        }
        if (!is_object(a) || !is_object(b) || obj_kind(l, a) != obj_kind(l, b)) {
            r = false;
            break;
        }
        unsigned k = obj_kind(l, a);
        if (k == KIND_STRING || k == KIND_BYTEVECTOR) {
            r = bytes_len(l, a) == bytes_len(l, b) && memcmp(bytes_of(l, a), bytes_of(l, b), bytes_len(l, a)) == 0;
        } else if (k == KIND_VECTOR && obj_size(l, a) == obj_size(l, b)) {
            for (uint64_t i = 0; i < obj_size(l, a) && r; i++)
                r = lisp_equal(l, field(l, a, i), field(l, b, i));
        } else {
            r = false;
        }
        break;
    }
    lisp_leave(l);
    return r;
}

static uint64_t mix(uint64_t h, uint64_t x) { return (h ^ x) * 0x100000001b3u; }

static uint64_t hash(const struct lisp *l, lv v, unsigned budget)
{
    switch (lv_type(v)) {
    case AM_T_CONS: {
        uint64_t h = 17;
        for (unsigned i = 0; i < 4 && is_pair(v) && budget; i++, budget /= 2) {
            h = mix(h, hash(l, car(l, v), budget / 2));
            v = cdr(l, v);
        }
        return h;
    }
    case AM_T_SYMBOL: {
        lv n = sym_name(l, v);
        return hash_bytes(bytes_of(l, n), bytes_len(l, n)) ^ 0x5bd1e995u;
    }
    case AM_T_OBJECT:
        switch (obj_kind(l, v)) {
        case KIND_STRING:
        case KIND_BYTEVECTOR:
            return hash_bytes(bytes_of(l, v), bytes_len(l, v)) + obj_kind(l, v);
        case KIND_BIGNUM:
            return num_hash(l, v);
        case KIND_VECTOR: {
            uint64_t h = 31;
            for (uint64_t i = 0; i < obj_size(l, v) && i < 4 && budget; i++)
                h = mix(h, hash(l, field(l, v, i), budget / 2));
            return h;
        }
        default:
            /* Other objects hash by kind: their addresses may move. */
            return obj_kind(l, v) * 0x9e3779b97f4a7c15u;
        }
    case AM_T_FIXNUM:
        return num_hash(l, v);
    default:
        return v * 0x9e3779b97f4a7c15u;
    }
}

uint64_t lisp_hash(const struct lisp *l, lv v)
{
    return hash(l, v, 16);
}
