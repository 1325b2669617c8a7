/* syntax-rules: pattern matching with ellipses and literals, and template
 * instantiation that renames the identifiers a template introduces
 * (aliases), which the compiler resolves in the macro's definition scope. */
#ifndef LISP_SYNTAX_H
#define LISP_SYNTAX_H

#include "heap.h"

/* Builds the rules object of (syntax-rules ...) spec. */
lv syntax_rules_make(struct lisp *l, lv spec);
/* Expands form with a rules object; scope is the macro's definition scope. */
lv syntax_expand(struct lisp *l, lv rules, lv form, lv scope);

#endif
