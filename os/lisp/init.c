/* Creating an instance, and the text-level entry points. */
#include <string.h>

#include "builtins.h"
#include "heap.h"
#include "prelude.h"
#include "text.h"
#include "symbol.h"

int lisp_init(struct lisp *l, const struct lisp_mem *mem, struct lisp_port out, struct lisp_channels chan)
{
    memset(l, 0, sizeof *l);
    l->mem = *mem;
    l->out = out;
    l->chan = chan;
    l->hp = (uint64_t)(uintptr_t)mem->words;
    l->hend = l->hp + 8 * (uint64_t)mem->nwords;
    if (mem->nwords < 2 * LISP_RESERVE)
        return -1;
    l->hlim = l->hend - 8 * LISP_RESERVE;
    for (unsigned i = 0; i < R_NREGS; i++)
        l->reg[i] = AM_NIL;
    struct lisp_catch c;
    lisp_catch_push(l, &c);
    if (setjmp(c.jb))
        return -1;
    symbols_init(l);
    l->reg[R_OOM] = make_condition(l, SYM(l, S_ERROR), "heap exhausted (reserve used up)", AM_NIL);
    builtins_init(l);
    lisp_catch_pop(l, &c);
    lv r;
    return lisp_eval_string(l, lisp_prelude, lisp_prelude_len, &r) < 0 ? -1 : 0;
}

int lisp_eval_string(struct lisp *l, const char *s, size_t n, lv *out)
{
    size_t pos = 0;
    *out = AM_UNSPECIFIED;
    for (;;) {
        lv x;
        int r = lisp_read(l, s, n, &pos, &x);
        if (r == 0)
            return 0;
        if (r < 0) {
            *out = x;
            return -1;
        }
        if (lisp_eval(l, x, out) < 0)
            return -1;
    }
}

const char *lisp_string_bytes(struct lisp *l, lv v, size_t *len)
{
    if (is_symbol(v))
        v = sym_name(l, v);
    if (!is_string(l, v) && !is_bytevector(l, v)) {
        *len = 0;
        return "";
    }
    *len = bytes_len(l, v);
    return (const char *)bytes_of(l, v);
}
