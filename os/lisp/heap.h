/* The heap: allocation, field access, the root stack, and raising errors.
 * Convention for a moving collector: a C function that allocates must
 * keep every value it still needs afterwards on the root stack (root()),
 * and the allocation functions root their own arguments. */
#ifndef LISP_HEAP_H
#define LISP_HEAP_H

#include "lisp.h"

static inline lv hdr(const struct lisp *l, lv v) { return mem_load(&l->mem, lv_addr(v)); }
static inline unsigned obj_kind(const struct lisp *l, lv v) { return (unsigned)(AM_DATUM(hdr(l, v)) >> 48 & 0xff); }
static inline uint64_t obj_size(const struct lisp *l, lv v) { return (uint64_t)AM_DATUM(hdr(l, v)) & LV_SIZE_MASK; }

static inline bool is_kind(const struct lisp *l, lv v, unsigned kind)
{
    return (is_object(v) || is_symbol(v)) && obj_kind(l, v) == kind;
}

static inline lv field(const struct lisp *l, lv v, uint64_t i) { return mem_load(&l->mem, lv_addr(v) + 8 * (i + 1)); }
static inline void set_field(struct lisp *l, lv v, uint64_t i, lv x) { mem_store(&l->mem, lv_addr(v) + 8 * (i + 1), x); }
static inline lv car(const struct lisp *l, lv p) { return mem_load(&l->mem, lv_addr(p)); }
static inline lv cdr(const struct lisp *l, lv p) { return mem_load(&l->mem, lv_addr(p) + 8); }
static inline void set_car(struct lisp *l, lv p, lv x) { mem_store(&l->mem, lv_addr(p), x); }
static inline void set_cdr(struct lisp *l, lv p, lv x) { mem_store(&l->mem, lv_addr(p) + 8, x); }
/* The raw bytes that follow an object's first `tagged` fields. */
static inline uint8_t *obj_raw(const struct lisp *l, lv v, unsigned tagged)
{
    return mem_raw(&l->mem, lv_addr(v) + 8 * (1 + tagged));
}

/* More pairs than the heap can hold: a cdr chain this long is circular. */
static inline uint64_t heap_max_pairs(const struct lisp *l) { return (l->hend - (uint64_t)(uintptr_t)l->mem.words) / 16; }

/* A new object of n fields, all nil. */
lv lisp_alloc_obj(struct lisp *l, unsigned kind, uint64_t n);
/* A new object of `tagged` nil fields then room for nbytes of zero raw data. */
lv lisp_alloc_raw(struct lisp *l, unsigned kind, unsigned tagged, uint64_t nbytes);
lv cons(struct lisp *l, lv a, lv b);
lv list2(struct lisp *l, lv a, lv b);
lv list3(struct lisp *l, lv a, lv b, lv c);

/* The root stack: root() pushes a value and returns its slot, which the
 * collector keeps up to date; unroot() pops back to a mark. */
lv *root(struct lisp *l, lv v);
static inline size_t root_mark(const struct lisp *l) { return l->nroots; }
static inline void unroot(struct lisp *l, size_t mark) { l->nroots = mark; }

/* Errors unwind the C stack to the innermost catch (the evaluator turns
 * them into Lisp raises). */
void lisp_catch_push(struct lisp *l, struct lisp_catch *c);
void lisp_catch_pop(struct lisp *l, struct lisp_catch *c);
_Noreturn void lisp_raise(struct lisp *l, lv obj);
_Noreturn void lisp_error(struct lisp *l, const char *msg, lv irritants);
_Noreturn void lisp_error1(struct lisp *l, const char *msg, lv irritant);
_Noreturn void lisp_read_error(struct lisp *l, const char *msg);
lv make_condition(struct lisp *l, lv kind, const char *msg, lv irritants);

/* Bounds the recursion of the C parts (reader, printer, compiler, equal?). */
void lisp_enter(struct lisp *l);
static inline void lisp_leave(struct lisp *l) { l->cdepth--; }

/* Lets a new top-level computation use the heap reserve again. */
void lisp_heap_rearm(struct lisp *l);

#endif
