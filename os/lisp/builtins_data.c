/* Vectors, bytevectors (with Interim's alloc/size/slice/put/get), hash
 * tables, atoms, channels (send/receive) and records. */
#include <string.h>

#include "builtins.h"
#include "compile.h"
#include "equal.h"
#include "text.h"
#include "symbol.h"

#define PRIM(name) static lv name(struct lisp *l, lv *a, size_t n)

static lv vec(struct lisp *l, lv v) { return arg_kind(l, v, KIND_VECTOR, "not a vector"); }
static lv bvec(struct lisp *l, lv v) { return arg_kind(l, v, KIND_BYTEVECTOR, "not a bytevector"); }

static size_t length_arg(struct lisp *l, lv v)
{
    int64_t k = arg_fixnum(l, v);
    if (k < 0 || k > (INT64_C(1) << 40))
        lisp_error1(l, "bad length", v);
    return (size_t)k;
}

static uint8_t byte_arg(struct lisp *l, lv v)
{
    if (!is_fixnum(v) || fx(v) < 0 || fx(v) > 255)
        lisp_error1(l, "not a byte", v);
    return (uint8_t)fx(v);
}

PRIM(p_vector_p) { (void)n; return mkbool(is_kind(l, a[0], KIND_VECTOR) && is_object(a[0])); }

PRIM(p_make_vector)
{
    size_t k = length_arg(l, a[0]);
    lv v = lisp_alloc_obj(l, KIND_VECTOR, k);
    for (size_t i = 0; i < k; i++)
        set_field(l, v, i, n > 1 ? a[1] : AM_FALSE);
    return v;
}

PRIM(p_vector)
{
    lv v = lisp_alloc_obj(l, KIND_VECTOR, n);
    for (size_t i = 0; i < n; i++)
        set_field(l, v, i, a[i]);
    return v;
}

PRIM(p_vector_length) { (void)n; return mkfx((int64_t)obj_size(l, vec(l, a[0]))); }
PRIM(p_vector_ref) { (void)n; return field(l, a[0], arg_index(l, a[1], obj_size(l, vec(l, a[0])))); }

PRIM(p_vector_set)
{
    (void)n;
    set_field(l, a[0], arg_index(l, a[1], obj_size(l, vec(l, a[0]))), a[2]);
    return AM_UNSPECIFIED;
}

PRIM(p_vector_to_list)
{
    (void)n;
    size_t m = root_mark(l);
    lv *r = root(l, AM_NIL);
    for (uint64_t i = obj_size(l, vec(l, a[0])); i-- > 0;)
        *r = cons(l, field(l, a[0], i), *r);
    lv res = *r;
    unroot(l, m);
    return res;
}

PRIM(p_list_to_vector)
{
    (void)n;
    size_t k = list_length(l, a[0]);
    lv v = lisp_alloc_obj(l, KIND_VECTOR, k);
    size_t i = 0;
    for (lv p = a[0]; is_pair(p); p = cdr(l, p))
        set_field(l, v, i++, car(l, p));
    return v;
}

PRIM(p_vector_fill)
{
    (void)n;
    for (uint64_t i = 0; i < obj_size(l, vec(l, a[0])); i++)
        set_field(l, a[0], i, a[1]);
    return AM_UNSPECIFIED;
}

PRIM(p_bytevector_p) { (void)n; return mkbool(is_bytevector(l, a[0])); }

PRIM(p_make_bytevector)
{
    size_t k = length_arg(l, a[0]);
    uint8_t fill = n > 1 ? byte_arg(l, a[1]) : 0;
    lv v = lisp_alloc_raw(l, KIND_BYTEVECTOR, 1, k);
    set_field(l, v, 0, mkfx((int64_t)k));
    memset(bytes_of(l, v), fill, k);
    return v;
}

PRIM(p_bytevector)
{
    for (size_t i = 0; i < n; i++)
        byte_arg(l, a[i]);
    lv v = lisp_alloc_raw(l, KIND_BYTEVECTOR, 1, n);
    set_field(l, v, 0, mkfx((int64_t)n));
    for (size_t i = 0; i < n; i++)
        bytes_of(l, v)[i] = (uint8_t)fx(a[i]);
    return v;
}

PRIM(p_bytevector_length) { (void)n; return mkfx((int64_t)bytes_len(l, bvec(l, a[0]))); }

PRIM(p_bytevector_ref)
{
    (void)n;
    return mkfx(bytes_of(l, a[0])[arg_index(l, a[1], bytes_len(l, bvec(l, a[0])))]);
}

PRIM(p_bytevector_set)
{
    (void)n;
    size_t i = arg_index(l, a[1], bytes_len(l, bvec(l, a[0])));
    bytes_of(l, a[0])[i] = byte_arg(l, a[2]);
    return AM_UNSPECIFIED;
}

/* A copy of bytes [start, end) of a string or bytevector, as kind. */
static lv copy_bytes(struct lisp *l, lv *src, size_t start, size_t end, unsigned kind)
{
    lv v = lisp_alloc_raw(l, kind, 1, end - start);
    set_field(l, v, 0, mkfx((int64_t)(end - start)));
    if (end > start)
        memcpy(bytes_of(l, v), bytes_of(l, *src) + start, end - start);
    return v;
}

PRIM(p_bytevector_copy)
{
    size_t len = bytes_len(l, bvec(l, a[0]));
    size_t end = n > 2 ? arg_index(l, a[2], len + 1) : len;
    size_t start = n > 1 ? arg_index(l, a[1], end + 1) : 0;
    return copy_bytes(l, &a[0], start, end, KIND_BYTEVECTOR);
}

PRIM(p_bytevector_append)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += bytes_len(l, bvec(l, a[i]));
    lv v = lisp_alloc_raw(l, KIND_BYTEVECTOR, 1, len);
    set_field(l, v, 0, mkfx((int64_t)len));
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        memcpy(bytes_of(l, v) + at, bytes_of(l, a[i]), bytes_len(l, a[i]));
        at += bytes_len(l, a[i]);
    }
    return v;
}

PRIM(p_utf8_to_string)
{
    (void)n;
    bvec(l, a[0]);
    if (!utf8_valid(bytes_of(l, a[0]), bytes_len(l, a[0])))
        lisp_error1(l, "utf8->string: not valid UTF-8", a[0]);
    return copy_bytes(l, &a[0], 0, bytes_len(l, a[0]), KIND_STRING);
}

PRIM(p_string_to_utf8)
{
    (void)n;
    arg_kind(l, a[0], KIND_STRING, "not a string");
    return copy_bytes(l, &a[0], 0, bytes_len(l, a[0]), KIND_BYTEVECTOR);
}

/* Interim: (size x) of a bytevector, string (bytes), vector or list. */
PRIM(p_size)
{
    (void)n;
    if (is_bytevector(l, a[0]) || is_string(l, a[0]))
        return mkfx((int64_t)bytes_len(l, a[0]));
    if (is_kind(l, a[0], KIND_VECTOR) && is_object(a[0]))
        return mkfx((int64_t)obj_size(l, a[0]));
    return mkfx((int64_t)list_length(l, a[0]));
}

/* Interim: (slice x start end) copies a range of a bytevector or string. */
PRIM(p_slice)
{
    (void)n;
    if (!is_bytevector(l, a[0]) && !is_string(l, a[0]))
        lisp_error1(l, "slice: not a bytevector or string", a[0]);
    size_t len = bytes_len(l, a[0]);
    size_t end = arg_index(l, a[2], len + 1), start = arg_index(l, a[1], end + 1);
    unsigned kind = obj_kind(l, a[0]);
    if (kind == KIND_STRING && !utf8_valid(bytes_of(l, a[0]) + start, end - start))
        kind = KIND_BYTEVECTOR;
    return copy_bytes(l, &a[0], start, end, kind);
}

static lv table(struct lisp *l, lv v) { return arg_kind(l, v, KIND_HASHTABLE, "not a hash table"); }

PRIM(p_make_hash_table)
{
    (void)a;
    (void)n;
    lv buckets = lisp_alloc_obj(l, KIND_VECTOR, 16);
    size_t m = root_mark(l);
    lv *rb = root(l, buckets);
    lv t = lisp_alloc_obj(l, KIND_HASHTABLE, 2);
    set_field(l, t, 0, mkfx(0));
    set_field(l, t, 1, *rb);
    unroot(l, m);
    return t;
}

static lv bucket_entry(struct lisp *l, lv t, lv key)
{
    lv b = field(l, t, 1);
    for (lv p = field(l, b, lisp_hash(l, key) % obj_size(l, b)); is_pair(p); p = cdr(l, p))
        if (lisp_equal(l, car(l, car(l, p)), key))
            return car(l, p);
    return AM_FALSE;
}

static void rehash(struct lisp *l, lv *t)
{
    lv old = field(l, *t, 1);
    uint64_t nb = obj_size(l, old) * 4;
    size_t m = root_mark(l);
    lv *ro = root(l, old), *nbv = root(l, lisp_alloc_obj(l, KIND_VECTOR, nb));
    for (uint64_t i = 0; i < obj_size(l, *ro); i++) {
        lv *p = root(l, field(l, *ro, i));
        for (; is_pair(*p); *p = cdr(l, *p)) {
            uint64_t h = lisp_hash(l, car(l, car(l, *p))) % nb;
            lv cell = cons(l, car(l, *p), field(l, *nbv, h));
            set_field(l, *nbv, h, cell);
        }
        unroot(l, root_mark(l) - 1);
    }
    set_field(l, *t, 1, *nbv);
    unroot(l, m);
}

PRIM(p_hash_table_set)
{
    (void)n;
    lv e = bucket_entry(l, table(l, a[0]), a[1]);
    if (e != AM_FALSE) {
        set_cdr(l, e, a[2]);
        return AM_UNSPECIFIED;
    }
    if ((uint64_t)fx(field(l, a[0], 0)) >= 2 * obj_size(l, field(l, a[0], 1)))
        rehash(l, &a[0]);
    lv entry = cons(l, a[1], a[2]);
    lv b = field(l, a[0], 1);
    uint64_t h = lisp_hash(l, a[1]) % obj_size(l, b);
    lv cell = cons(l, entry, field(l, b, h));
    set_field(l, field(l, a[0], 1), h, cell);
    set_field(l, a[0], 0, mkfx(fx(field(l, a[0], 0)) + 1));
    return AM_UNSPECIFIED;
}

PRIM(p_hash_table_ref)
{
    lv e = bucket_entry(l, table(l, a[0]), a[1]);
    if (e != AM_FALSE)
        return cdr(l, e);
    if (n > 2)
        return a[2];
    lisp_error1(l, "hash-table-ref: no such key", a[1]);
}

PRIM(p_hash_table_contains) { (void)n; return mkbool(bucket_entry(l, table(l, a[0]), a[1]) != AM_FALSE); }
PRIM(p_hash_table_count) { (void)n; return field(l, table(l, a[0]), 0); }

PRIM(p_hash_table_delete)
{
    (void)n;
    lv b = field(l, table(l, a[0]), 1);
    uint64_t h = lisp_hash(l, a[1]) % obj_size(l, b);
    lv prev = AM_NIL;
    for (lv p = field(l, b, h); is_pair(p); prev = p, p = cdr(l, p)) {
        if (lisp_equal(l, car(l, car(l, p)), a[1])) {
            if (prev == AM_NIL)
                set_field(l, b, h, cdr(l, p));
            else
                set_cdr(l, prev, cdr(l, p));
            set_field(l, a[0], 0, mkfx(fx(field(l, a[0], 0)) - 1));
            break;
        }
    }
    return AM_UNSPECIFIED;
}

PRIM(p_hash_table_alist)
{
    (void)n;
    size_t m = root_mark(l);
    lv *r = root(l, AM_NIL), *p = root(l, AM_NIL);
    table(l, a[0]);
    for (uint64_t i = 0; i < obj_size(l, field(l, a[0], 1)); i++) {
        for (*p = field(l, field(l, a[0], 1), i); is_pair(*p); *p = cdr(l, *p)) {
            lv e = car(l, *p);
            lv entry = cons(l, car(l, e), cdr(l, e));
            *r = cons(l, entry, *r);
        }
    }
    lv res = *r;
    unroot(l, m);
    return res;
}

static lv atom(struct lisp *l, lv v) { return arg_kind(l, v, KIND_ATOM, "not an atom"); }

PRIM(p_atom)
{
    (void)n;
    lv at = lisp_alloc_obj(l, KIND_ATOM, 1);
    set_field(l, at, 0, a[0]);
    return at;
}

PRIM(p_atom_p) { (void)n; return mkbool(is_kind(l, a[0], KIND_ATOM)); }
PRIM(p_deref) { (void)n; return field(l, atom(l, a[0]), 0); }

PRIM(p_reset)
{
    (void)n;
    set_field(l, atom(l, a[0]), 0, a[1]);
    return a[1];
}

/* One thread today; with threads this becomes an am.cas on the cell. */
PRIM(p_compare_and_set)
{
    (void)n;
    if (field(l, atom(l, a[0]), 0) != a[1])
        return AM_FALSE;
    set_field(l, a[0], 0, a[2]);
    return AM_TRUE;
}

PRIM(p_make_channel)
{
    (void)a;
    (void)n;
    return lisp_alloc_obj(l, KIND_CHANNEL, 2);
}

static bool resource_name(struct lisp *l, lv v)
{
    return is_string(l, v) || is_symbol(v);
}

PRIM(p_send)
{
    (void)n;
    if (is_kind(l, a[0], KIND_CHANNEL)) {
        lv cell = cons(l, a[1], AM_NIL);
        if (field(l, a[0], 0) == AM_NIL)
            set_field(l, a[0], 0, cell);
        else
            set_cdr(l, field(l, a[0], 1), cell);
        set_field(l, a[0], 1, cell);
        return AM_UNSPECIFIED;
    }
    if (!resource_name(l, a[0]))
        lisp_error1(l, "send: not a channel or resource name", a[0]);
    if (!l->chan.send || l->chan.send(l, l->chan.ctx, a[0], a[1]) != 0)
        lisp_error1(l, "send: no such resource", a[0]);
    return AM_UNSPECIFIED;
}

PRIM(p_receive)
{
    (void)n;
    if (is_kind(l, a[0], KIND_CHANNEL)) {
        lv head = field(l, a[0], 0);
        if (head == AM_NIL)
            return AM_EOF;
        set_field(l, a[0], 0, cdr(l, head));
        return car(l, head);
    }
    if (!resource_name(l, a[0]))
        lisp_error1(l, "receive: not a channel or resource name", a[0]);
    if (!l->chan.receive)
        lisp_error1(l, "receive: no such resource", a[0]);
    return l->chan.receive(l, l->chan.ctx, a[0]);
}

PRIM(p_eof_object) { (void)l; (void)a; (void)n; return AM_EOF; }
PRIM(p_eof_object_p) { (void)l; (void)n; return mkbool(a[0] == AM_EOF); }

/* Records: (%record type field ...), where a type is #(name field-names). */
PRIM(p_record)
{
    lv r = lisp_alloc_obj(l, KIND_RECORD, n);
    for (size_t i = 0; i < n; i++)
        set_field(l, r, i, a[i]);
    return r;
}

PRIM(p_record_p) { (void)n; return mkbool(is_kind(l, a[0], KIND_RECORD) && field(l, a[0], 0) == a[1]); }

static size_t record_slot(struct lisp *l, lv *a)
{
    if (!is_kind(l, a[0], KIND_RECORD) || field(l, a[0], 0) != a[1])
        lisp_error(l, "record is not of the expected type", list2(l, a[0], a[1]));
    return 1 + arg_index(l, a[2], obj_size(l, a[0]) - 1);
}

PRIM(p_record_ref) { (void)n; return field(l, a[0], record_slot(l, a)); }

PRIM(p_record_set)
{
    (void)n;
    set_field(l, a[0], record_slot(l, a), a[3]);
    return AM_UNSPECIFIED;
}

static const struct lisp_prim prims[] = {
    {"vector?", p_vector_p, 1, 1, CTL_NONE, -1},
    {"make-vector", p_make_vector, 1, 2, CTL_NONE, -1},
    {"vector", p_vector, 0, -1, CTL_NONE, -1},
    {"vector-length", p_vector_length, 1, 1, CTL_NONE, -1},
    {"vector-ref", p_vector_ref, 2, 2, CTL_NONE, -1},
    {"vector-set!", p_vector_set, 3, 3, CTL_NONE, -1},
    {"vector->list", p_vector_to_list, 1, 1, CTL_NONE, -1},
    {"list->vector", p_list_to_vector, 1, 1, CTL_NONE, CORE_LIST_TO_VECTOR},
    {"vector-fill!", p_vector_fill, 2, 2, CTL_NONE, -1},
    {"bytevector?", p_bytevector_p, 1, 1, CTL_NONE, -1},
    {"make-bytevector", p_make_bytevector, 1, 2, CTL_NONE, -1},
    {"alloc", p_make_bytevector, 1, 2, CTL_NONE, -1},
    {"bytevector", p_bytevector, 0, -1, CTL_NONE, -1},
    {"bytevector-length", p_bytevector_length, 1, 1, CTL_NONE, -1},
    {"bytevector-u8-ref", p_bytevector_ref, 2, 2, CTL_NONE, -1},
    {"get", p_bytevector_ref, 2, 2, CTL_NONE, -1},
    {"bytevector-u8-set!", p_bytevector_set, 3, 3, CTL_NONE, -1},
    {"put", p_bytevector_set, 3, 3, CTL_NONE, -1},
    {"bytevector-copy", p_bytevector_copy, 1, 3, CTL_NONE, -1},
    {"bytevector-append", p_bytevector_append, 0, -1, CTL_NONE, -1},
    {"utf8->string", p_utf8_to_string, 1, 1, CTL_NONE, -1},
    {"string->utf8", p_string_to_utf8, 1, 1, CTL_NONE, -1},
    {"size", p_size, 1, 1, CTL_NONE, -1},
    {"slice", p_slice, 3, 3, CTL_NONE, -1},
    {"make-hash-table", p_make_hash_table, 0, 1, CTL_NONE, -1},
    {"hash-table-set!", p_hash_table_set, 3, 3, CTL_NONE, -1},
    {"hash-table-ref", p_hash_table_ref, 2, 3, CTL_NONE, -1},
    {"hash-table-ref/default", p_hash_table_ref, 3, 3, CTL_NONE, -1},
    {"hash-table-contains?", p_hash_table_contains, 2, 2, CTL_NONE, -1},
    {"hash-table-count", p_hash_table_count, 1, 1, CTL_NONE, -1},
    {"hash-table-delete!", p_hash_table_delete, 2, 2, CTL_NONE, -1},
    {"hash-table->alist", p_hash_table_alist, 1, 1, CTL_NONE, -1},
    {"atom", p_atom, 1, 1, CTL_NONE, -1},
    {"atom?", p_atom_p, 1, 1, CTL_NONE, -1},
    {"deref", p_deref, 1, 1, CTL_NONE, -1},
    {"reset!", p_reset, 2, 2, CTL_NONE, -1},
    {"compare-and-set!", p_compare_and_set, 3, 3, CTL_NONE, -1},
    {"make-channel", p_make_channel, 0, 0, CTL_NONE, -1},
    {"send", p_send, 2, 2, CTL_NONE, -1},
    {"receive", p_receive, 1, 1, CTL_NONE, -1},
    {"eof-object", p_eof_object, 0, 0, CTL_NONE, -1},
    {"eof-object?", p_eof_object_p, 1, 1, CTL_NONE, -1},
    {"%record", p_record, 1, -1, CTL_NONE, -1},
    {"%record?", p_record_p, 2, 2, CTL_NONE, -1},
    {"%record-ref", p_record_ref, 3, 3, CTL_NONE, -1},
    {"%record-set!", p_record_set, 4, 4, CTL_NONE, -1},
};

PRIM_TABLE(prims_data, prims);
