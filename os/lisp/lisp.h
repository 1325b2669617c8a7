/* Amber Lisp's portable core: one instance is a struct lisp over a heap
 * given by the embedder, with output and channels as callbacks. Nothing
 * here does I/O or allocates outside that heap, so several instances can
 * live side by side (the unit tests build many). */
#ifndef LISP_LISP_H
#define LISP_LISP_H

#include <setjmp.h>
#include <stddef.h>

#include "value.h"

/* Sizes an embedder may override (the same for every file it compiles):
 * a kernel with small stacks lowers LISP_C_DEPTH, since the reader,
 * printer, compiler and equal? use some hundreds of bytes of C stack per
 * nesting level. */
#ifndef LISP_ROOTS
#define LISP_ROOTS 8192       /* the explicit root stack, in values */
#endif
#ifndef LISP_RESERVE
#define LISP_RESERVE 4096     /* heap words kept back to report exhaustion */
#endif
#ifndef LISP_C_DEPTH
#define LISP_C_DEPTH 2000     /* nesting bound for the recursive C parts */
#endif

/* Output: the core calls write with UTF-8 text. */
struct lisp_port {
    void (*write)(void *ctx, const char *s, size_t n);
    void *ctx;
};

/* Named resources for send/receive (Interim's /dev/...): send returns 0
 * when the resource took the value, receive returns a value or AM_EOF.
 * A name is a string or symbol value; read it with lisp_string_bytes. */
struct lisp;
struct lisp_channels {
    int (*send)(struct lisp *l, void *ctx, lv name, lv value);
    lv (*receive)(struct lisp *l, void *ctx, lv name);
    void *ctx;
};

/* Registers: every value the core keeps outside the heap is in here or on
 * the root stack, which is the whole root set of a precise collector. */
enum lisp_reg {
    R_SYMTAB,    /* symbol table: a vector of buckets */
    R_VAL,       /* evaluator: the value being returned */
    R_ENV,       /* evaluator: the environment */
    R_CONT,      /* evaluator: the continuation (a frame chain) */
    R_NODE,      /* evaluator: the node being evaluated */
    R_FN,        /* evaluator: the procedure being applied */
    R_ARGS,      /* evaluator: its arguments, a list */
    R_HANDLERS,  /* exception handlers, innermost first */
    R_WINDERS,   /* dynamic-wind (before . after) pairs, innermost first */
    R_ERR,       /* the object being raised by lisp_raise */
    R_OOM,       /* a condition made in advance for a heap that is full */
    R_SYMS,      /* a vector of the well-known symbols */
    R_CORE,      /* a vector of the builtins macros expand into (enum core_proc) */
    R_NREGS
};

/* The collector, when the embedder has one (set it after lisp_init):
 * called when an allocation of `words` does not fit, and before every
 * allocation when stress is set (to test that the core keeps its roots).
 * It may move any object, updating the registers and the root stack
 * l->roots[0 .. l->nroots), and leaves l->hp and l->hend describing the
 * space to allocate from. */
struct lisp_gc {
    void (*collect)(struct lisp *l, void *ctx, uint64_t words);
    void *ctx;
    bool stress;
};

struct lisp_catch {
    jmp_buf jb;
    struct lisp_catch *prev;
    size_t nroots;
    unsigned cdepth;
};

struct lisp {
    struct lisp_mem mem;
    uint64_t hp, hlim, hend;     /* bump allocation: next, limit, end */
    lv reg[R_NREGS];
    lv roots[LISP_ROOTS];
    size_t nroots;
    struct lisp_catch *unwind;
    unsigned cdepth;
    /* Set by the embedder (say, on ^C from an interrupt handler): the
     * evaluator raises "interrupted" at its next step and clears it. */
    volatile int interrupt;
    /* Evaluator steps left before "step limit reached", which is then
     * raised at every step until the embedder resets it; 0: no limit. */
    uint64_t steps_left;
    uint64_t gensyms;
    struct lisp_port out;
    struct lisp_channels chan;
    struct lisp_gc gc;
};

/* Sets up an instance over mem; 0 on success, -1 if the heap is too small
 * for the builtins and prelude. */
int lisp_init(struct lisp *l, const struct lisp_mem *mem, struct lisp_port out,
              struct lisp_channels chan);

/* Reads one datum from s[*pos..n): 1 with *out set, 0 at the end of the
 * text, -1 on a syntax error with *out the condition. *pos moves past the
 * datum (or the error). */
int lisp_read(struct lisp *l, const char *s, size_t n, size_t *pos, lv *out);

/* Evaluates a datum: 0 with *out the result, -1 with *out the condition
 * (or other object) raised and not handled. */
int lisp_eval(struct lisp *l, lv expr, lv *out);

/* Reads and evaluates every datum of a text; the last result or error. */
int lisp_eval_string(struct lisp *l, const char *s, size_t n, lv *out);

/* Prints v through fn (write syntax, or display syntax if display). */
void lisp_print(struct lisp *l, lv v, bool display,
                void (*fn)(void *ctx, const char *s, size_t n), void *ctx);

/* Prints v into buf (NUL-terminated, cut to size); returns the full length. */
size_t lisp_print_buf(struct lisp *l, lv v, bool display, char *buf, size_t size);

/* The bytes of a string, symbol or bytevector (valid until the next allocation). */
const char *lisp_string_bytes(struct lisp *l, lv v, size_t *len);

#endif
