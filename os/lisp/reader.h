/* Reading from a string object (the public lisp_read reads from text
 * outside the heap). */
#ifndef LISP_READER_H
#define LISP_READER_H

#include "heap.h"

/* As lisp_read, over the bytes of str from *pos; the text may move with
 * the heap while it is read. */
int read_string(struct lisp *l, lv str, size_t *pos, lv *out);

#endif
