/* Lisp values in register form (docs/isa.md, docs/lisp.md): the tag in
 * bits 63:56, the datum in bits 55:0. Pairs are two words with no header;
 * every other heap object is a header word (kind and word count) followed
 * by its fields. */
#ifndef LISP_VALUE_H
#define LISP_VALUE_H

#include <stdbool.h>
#include <stdint.h>

#include "mem.h"

typedef uint64_t lv;

/* Object kinds, in the header's bits 55:48. */
enum lisp_kind {
    KIND_SYMBOL = 1,  /* name (string), global value */
    KIND_STRING,      /* byte length (fixnum), then UTF-8 bytes (raw) */
    KIND_VECTOR,      /* elements */
    KIND_BYTEVECTOR,  /* byte length (fixnum), then bytes (raw) */
    KIND_BIGNUM,      /* signed digit count (fixnum), then 32-bit digits (raw) */
    KIND_CLOSURE,     /* lambda code, environment */
    KIND_PRIM,        /* index into the builtin table (fixnum), name */
    KIND_MACRO,       /* transformer (closure or syntax rules), definition scope */
    KIND_FRAME,       /* continuation frame: type, next, env, a, b */
    KIND_CONT,        /* captured continuation: frame, winders, handlers */
    KIND_ENV,         /* parent, slots */
    KIND_CODE,        /* compiled node: opcode (fixnum), operands */
    KIND_VALUES,      /* multiple values: list of values */
    KIND_CONDITION,   /* kind (symbol), message, irritants */
    KIND_HASHTABLE,   /* count (fixnum), bucket vector (of alists) */
    KIND_ATOM,        /* current value */
    KIND_CHANNEL,     /* queue head (list), queue tail (last pair) */
    KIND_ALIAS,       /* identifier renamed by a macro: original, scope */
    KIND_SYNRULES,    /* ellipsis, literals, rules */
    KIND_RECORD,      /* record type, fields */
    KIND_PORT,        /* output port: #f for the embedder's, else text so far (strings, newest first) */
};

#define LV_REF_ACC (AM_ACC_R | AM_ACC_W)
#define LV_SIZE_MASK ((UINT64_C(1) << 48) - 1)

static inline unsigned lv_type(lv v) { return AM_TYPEOF(v); }
static inline uint64_t lv_addr(lv v) { return (uint64_t)AM_DATUM(v); }
static inline lv lv_ref(unsigned type, uint64_t addr) { return AM_MAKE(AM_TAG(type, LV_REF_ACC), addr); }

static inline bool is_fixnum(lv v) { return lv_type(v) == AM_T_FIXNUM; }
static inline bool is_char(lv v) { return lv_type(v) == AM_T_CHAR; }
static inline bool is_pair(lv v) { return lv_type(v) == AM_T_CONS; }
static inline bool is_symbol(lv v) { return lv_type(v) == AM_T_SYMBOL; }
static inline bool is_object(lv v) { return lv_type(v) == AM_T_OBJECT; }
static inline bool lv_true(lv v) { return v != AM_FALSE; }

static inline int64_t fx(lv v) { return AM_DATUM(v); }
static inline lv mkfx(int64_t n) { return AM_FIXNUM(n); }
static inline bool fx_fits(int64_t n) { return n >= AM_FIXNUM_MIN && n <= AM_FIXNUM_MAX; }
static inline lv mkchar(uint32_t c) { return AM_MAKE(AM_T_CHAR, c); }
static inline uint32_t char_code(lv v) { return (uint32_t)AM_DATUM(v); }
static inline lv mkbool(bool b) { return b ? AM_TRUE : AM_FALSE; }

static inline lv lv_header(unsigned kind, uint64_t n)
{
    return AM_MAKE(AM_T_HEADER, (uint64_t)kind << 48 | (n & LV_SIZE_MASK));
}

#endif
