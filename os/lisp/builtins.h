/* Builtin procedures: C functions over an argument array that lives on the
 * root stack (so a collector updates it), in tables one per file. A few
 * are control operators the evaluator runs itself (ctl != CTL_NONE). */
#ifndef LISP_BUILTINS_H
#define LISP_BUILTINS_H

#include "heap.h"

typedef lv (*lisp_prim_fn)(struct lisp *l, lv *args, size_t n);

enum prim_ctl {
    CTL_NONE, CTL_APPLY, CTL_CALLCC, CTL_CWV, CTL_DYNWIND, CTL_WITH_HANDLER,
    CTL_RAISE, CTL_RAISE_CONTINUABLE, CTL_EVAL,
};

struct lisp_prim {
    const char *name;
    lisp_prim_fn fn;
    int8_t min, max;   /* argument counts; max -1: any */
    uint8_t ctl;       /* enum prim_ctl */
    int8_t core;       /* enum core_proc slot, or -1 */
};

struct lisp_prim_table {
    const struct lisp_prim *prims;
    size_t count;
};

#define PRIM_TABLE(name, array) const struct lisp_prim_table name = {array, sizeof array / sizeof array[0]}

extern const struct lisp_prim_table prims_num, prims_list, prims_text, prims_data, prims_control;

/* The builtin a PRIM object stands for. */
const struct lisp_prim *prim_of(const struct lisp *l, lv p);
/* Binds every builtin's name to it. */
void builtins_init(struct lisp *l);

/* Argument checks shared by the tables: they raise on a mismatch. */
int64_t arg_fixnum(struct lisp *l, lv v);
size_t arg_index(struct lisp *l, lv v, size_t limit);
lv arg_kind(struct lisp *l, lv v, unsigned kind, const char *what);
lv list_from(struct lisp *l, lv *args, size_t n);
size_t list_length(struct lisp *l, lv list);

#endif
