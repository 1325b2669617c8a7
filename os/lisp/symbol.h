/* Symbols: interned by name in the instance's symbol table; each carries
 * its global value (the global environment is the symbols' value cells). */
#ifndef LISP_SYMBOL_H
#define LISP_SYMBOL_H

#include "heap.h"

/* Well-known symbols, in the order of their names in symbol.c. */
enum lisp_sym {
    S_QUOTE, S_QUASIQUOTE, S_UNQUOTE, S_UNQUOTE_SPLICING, S_DEREF,
    S_DEFINE, S_LAMBDA, S_IF, S_SET, S_BEGIN, S_DEFINE_SYNTAX,
    S_LET_SYNTAX, S_LETREC_SYNTAX, S_SYNTAX_RULES, S_DEFMACRO,
    S_ELLIPSIS, S_UNDERSCORE, S_ELSE, S_ARROW, S_DEF, S_FN,
    S_ERROR, S_READ_ERROR, S_DOT, S_DEFINE_RECORD_TYPE,
    S_COUNT
};

/* The symbol named by n bytes at name, which must not be in the heap. */
lv intern(struct lisp *l, const char *name, size_t n);
/* The symbol named by a string object's text. */
lv intern_string(struct lisp *l, lv str);
lv intern_c(struct lisp *l, const char *name);
/* A fresh symbol in no table. */
lv make_uninterned(struct lisp *l, lv name);
/* Makes the symbol table and the well-known symbols. */
void symbols_init(struct lisp *l);

static inline lv SYM(const struct lisp *l, enum lisp_sym s) { return field(l, l->reg[R_SYMS], s); }
static inline lv sym_name(const struct lisp *l, lv s) { return field(l, s, 0); }
static inline lv sym_value(const struct lisp *l, lv s) { return field(l, s, 1); }
static inline void sym_set(struct lisp *l, lv s, lv v) { set_field(l, s, 1, v); }

uint64_t hash_bytes(const uint8_t *b, size_t n);

#endif
