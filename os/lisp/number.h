/* Exact integers: fixnums (56 bits, in the value) and bignums (32-bit
 * digits on the heap). Results are always normalized: a value that fits
 * a fixnum is a fixnum. */
#ifndef LISP_NUMBER_H
#define LISP_NUMBER_H

#include "heap.h"

bool is_integer(const struct lisp *l, lv v);
/* Raises a type error unless v is an integer. */
void check_integer(struct lisp *l, lv v);
lv num_add(struct lisp *l, lv a, lv b);
lv num_sub(struct lisp *l, lv a, lv b);
lv num_mul(struct lisp *l, lv a, lv b);
/* Truncating division; raises on a zero divisor. Either out may be NULL. */
void num_divmod(struct lisp *l, lv a, lv b, lv *q, lv *r);
int num_cmp(const struct lisp *l, lv a, lv b);
int num_sign(const struct lisp *l, lv a);
lv num_expt(struct lisp *l, lv base, lv exp);
/* The digits of v in radix 2..36, as a string. */
lv num_to_string(struct lisp *l, lv v, unsigned radix);
/* The integer written s[0..n) in radix (optional sign, digits), or #f;
 * s must not be in the heap. */
lv num_parse(struct lisp *l, const char *s, size_t n, unsigned radix);
/* The same for bytes [off, off + n) of a string or bytevector object. */
lv num_parse_string(struct lisp *l, lv str, size_t off, size_t n, unsigned radix);
/* Hash of an integer's value. */
uint64_t num_hash(const struct lisp *l, lv v);

#endif
