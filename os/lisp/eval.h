/* The evaluator: an explicit-continuation machine over code nodes. */
#ifndef LISP_EVAL_H
#define LISP_EVAL_H

#include "heap.h"

/* Makes a multiple-values object (or the value itself, for one). */
lv make_values(struct lisp *l, lv list);

#endif
