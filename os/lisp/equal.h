/* eqv? and equal? (R7RS 6.1), and a hash consistent with equal? that does
 * not depend on addresses, so it survives a moving collector. */
#ifndef LISP_EQUAL_H
#define LISP_EQUAL_H

#include "heap.h"

bool lisp_eqv(const struct lisp *l, lv a, lv b);
/* Raises "nesting too deep" on structures nested beyond LISP_C_DEPTH. */
bool lisp_equal(struct lisp *l, lv a, lv b);
uint64_t lisp_hash(const struct lisp *l, lv v);

#endif
