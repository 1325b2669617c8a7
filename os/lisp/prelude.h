/* The prelude's source text (prelude.scm, embedded by the build). */
#ifndef LISP_PRELUDE_H
#define LISP_PRELUDE_H

extern const char lisp_prelude[];
extern const unsigned long lisp_prelude_len;

#endif
