/* Strings (immutable UTF-8 byte sequences with a byte length), bytevectors
 * and the UTF-8 coding they share. */
#ifndef LISP_TEXT_H
#define LISP_TEXT_H

#include "heap.h"

/* A string of n bytes copied from s (outside the heap). */
lv make_string(struct lisp *l, const char *s, size_t n);
static inline bool is_string(const struct lisp *l, lv v) { return is_kind(l, v, KIND_STRING); }
static inline bool is_bytevector(const struct lisp *l, lv v) { return is_kind(l, v, KIND_BYTEVECTOR); }
/* Byte length and bytes of a string or bytevector. */
static inline size_t bytes_len(const struct lisp *l, lv v) { return (size_t)fx(field(l, v, 0)); }
static inline uint8_t *bytes_of(const struct lisp *l, lv v) { return obj_raw(l, v, 1); }

/* Encodes c into out (4 bytes room); returns the length. */
size_t utf8_encode(uint32_t c, uint8_t *out);
/* Decodes one scalar value at s[*i..n), moving *i; invalid bytes decode
 * as U+FFFD one byte at a time. */
uint32_t utf8_decode(const uint8_t *s, size_t n, size_t *i);
/* Whether s[0..n) is well-formed UTF-8. */
bool utf8_valid(const uint8_t *s, size_t n);
/* Number of characters in a string. */
size_t string_chars(const struct lisp *l, lv s);
/* Byte offset of character k (k <= characters). */
size_t string_offset(const struct lisp *l, lv s, size_t k);

#endif
