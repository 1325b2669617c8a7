/* The compiler: expands macros and turns a datum into a tree of code
 * nodes (KIND_CODE objects) with lexical variables resolved to frame
 * depth and slot, which the evaluator (eval.c) walks. */
#ifndef LISP_COMPILE_H
#define LISP_COMPILE_H

#include "heap.h"

enum opcode {
    OP_CONST,   /* value */
    OP_LREF,    /* depth, index, name */
    OP_GREF,    /* symbol */
    OP_LSET,    /* depth, index, value node, name */
    OP_GSET,    /* symbol, value node */
    OP_GDEF,    /* symbol, value node */
    OP_IF,      /* test, then, else */
    OP_LAMBDA,  /* required count, rest?, slot count, body, name */
    OP_SEQ,     /* list of nodes */
    OP_CALL,    /* procedure node, list of argument nodes */
};

/* Builtins that expansions refer to directly, so that user redefinitions
 * of their names do not change what quasiquote means. */
enum core_proc { CORE_CONS, CORE_APPEND, CORE_LIST, CORE_LIST_TO_VECTOR, CORE_COUNT };

static inline int64_t node_op(const struct lisp *l, lv node) { return fx(field(l, node, 0)); }

/* Compiles x in the global environment. */
lv compile_toplevel(struct lisp *l, lv x);

/* Identifiers are symbols and aliases (symbols renamed by syntax-rules). */
bool is_ident(const struct lisp *l, lv v);
lv ident_base(const struct lisp *l, lv v);

/* Applies a procedure to a list of arguments in a nested evaluator run
 * (macro transformers); raises what the procedure raises. */
lv lisp_apply(struct lisp *l, lv fn, lv args);

#endif
