/* The evaluator: a machine with registers in struct lisp (node, env,
 * value, procedure, arguments) and the continuation as a chain of heap
 * frames. Calls in tail position push no frame, so tail calls run in
 * constant space; Lisp recursion grows the heap, never the C stack, and
 * ends in a "heap exhausted" error when the heap is full. Continuations
 * are the frame chain itself (frames are never mutated), so call/cc is
 * re-entrant, with dynamic-wind winders run on the way. */
#include "eval.h"

#include "builtins.h"
#include "compile.h"
#include "symbol.h"

enum frame_type {
    F_HALT, F_IF, F_SEQ, F_ARG, F_LSET, F_GSET, F_GDEF, F_CWV,
    F_WIND_BODY, F_WIND_AFTER, F_RESTORE, F_HANDLER, F_RAISE, F_REWIND,
};

enum mode { M_EVAL, M_RETURN, M_APPLY, M_RAISE, M_DONE, M_UNCAUGHT };

#define REG(r) (l->reg[R_##r])

static void push(struct lisp *l, enum frame_type t, lv a, lv b)
{
    size_t m = root_mark(l);
    lv *ra = root(l, a), *rb = root(l, b);
    lv f = lisp_alloc_obj(l, KIND_FRAME, 5);
    set_field(l, f, 0, mkfx(t));
    set_field(l, f, 1, REG(CONT));
    set_field(l, f, 2, REG(ENV));
    set_field(l, f, 3, *ra);
    set_field(l, f, 4, *rb);
    REG(CONT) = f;
    unroot(l, m);
}

lv make_values(struct lisp *l, lv list)
{
    if (is_pair(list) && cdr(l, list) == AM_NIL)
        return car(l, list);
    size_t m = root_mark(l);
    lv *rl = root(l, list);
    lv v = lisp_alloc_obj(l, KIND_VALUES, 1);
    set_field(l, v, 0, *rl);
    unroot(l, m);
    return v;
}

static lv frame_env(struct lisp *l, int64_t depth)
{
    lv e = REG(ENV);
    while (depth-- > 0)
        e = field(l, e, 0);
    return e;
}

/* Nodes the evaluator computes at once, without continuation frames or
 * argument lists: constants, variables, and calls of (non-control)
 * builtins on such nodes, a few levels deep. This keeps the garbage of
 * arithmetic and tests off the heap. */
static bool is_simple(struct lisp *l, lv node, int depth)
{
    int64_t op = node_op(l, node);
    if (op == OP_CONST || op == OP_LREF || op == OP_GREF)
        return true;
    if (op != OP_CALL || depth >= 3)
        return false;
    lv fn = field(l, node, 1);
    if (node_op(l, fn) != OP_GREF)
        return false;
    lv p = sym_value(l, field(l, fn, 1));
    if (!is_kind(l, p, KIND_PRIM) || prim_of(l, p)->ctl != CTL_NONE)
        return false;
    for (lv a = field(l, node, 2); is_pair(a); a = cdr(l, a))
        if (!is_simple(l, car(l, a), depth + 1))
            return false;
    return true;
}

static lv eval_simple(struct lisp *l, lv node)
{
    switch (node_op(l, node)) {
    case OP_CONST:
        return field(l, node, 1);
    case OP_LREF: {
        lv v = field(l, frame_env(l, fx(field(l, node, 1))), 1 + (uint64_t)fx(field(l, node, 2)));
        if (v == AM_UNBOUND)
            lisp_error1(l, "variable used before its definition", field(l, node, 3));
        return v;
    }
    case OP_GREF: {
        lv v = sym_value(l, field(l, node, 1));
        if (v == AM_UNBOUND)
            lisp_error1(l, "unbound variable", field(l, node, 1));
        return v;
    }
    default: {
        size_t m = root_mark(l);
        lv *rn = root(l, node);
        lv *args = &l->roots[root_mark(l)];
        size_t n = 0;
        for (lv a = field(l, node, 2); is_pair(a); a = cdr(l, a), n++) {
            lv *ra = root(l, a);
            lv v = eval_simple(l, car(l, a));
            a = *ra;
            *ra = v;
        }
        lv p = sym_value(l, field(l, field(l, *rn, 1), 1));
        const struct lisp_prim *d = prim_of(l, p);
        if (n < (size_t)d->min || (d->max >= 0 && n > (size_t)d->max))
            lisp_error(l, "wrong number of arguments", list2(l, p, mkfx((int64_t)n)));
        lv v = d->fn(l, args, n);
        unroot(l, m);
        return v;
    }
    }
}

/* Evaluates the operands of a call left to right: simple ones at once,
 * others with an F_ARG frame; acc holds the values so far, reversed, and
 * its tail `shared` is held by a frame (a continuation may return to it
 * again), so only the cells in front of it may be reused. */
static enum mode call_args(struct lisp *l, lv rest, lv acc, lv shared)
{
    size_t m = root_mark(l);
    lv *rr = root(l, rest), *ra = root(l, acc), *rs = root(l, shared);
    while (is_pair(*rr) && is_simple(l, car(l, *rr), 0)) {
        lv v = eval_simple(l, car(l, *rr));
        *ra = cons(l, v, *ra);
        *rr = cdr(l, *rr);
    }
    if (is_pair(*rr)) {
        push(l, F_ARG, cdr(l, *rr), *ra);
        REG(NODE) = car(l, *rr);
        unroot(l, m);
        return M_EVAL;
    }
    lv *all = root(l, AM_NIL);
    lv p = *ra;
    while (p != *rs) {
        lv next = cdr(l, p);
        set_cdr(l, p, *all);
        *all = p;
        p = next;
    }
    for (lv *q = root(l, *rs); is_pair(*q); *q = cdr(l, *q))
        *all = cons(l, car(l, *q), *all);
    REG(FN) = car(l, *all);
    REG(ARGS) = cdr(l, *all);
    unroot(l, m);
    return M_APPLY;
}

static enum mode step_eval(struct lisp *l)
{
    lv node = REG(NODE);
    switch (node_op(l, node)) {
    case OP_CONST:
        REG(VAL) = field(l, node, 1);
        return M_RETURN;
    case OP_LREF: {
        lv v = field(l, frame_env(l, fx(field(l, node, 1))), 1 + (uint64_t)fx(field(l, node, 2)));
        if (v == AM_UNBOUND)
            lisp_error1(l, "variable used before its definition", field(l, node, 3));
        REG(VAL) = v;
        return M_RETURN;
    }
    case OP_GREF: {
        lv v = sym_value(l, field(l, node, 1));
        if (v == AM_UNBOUND)
            lisp_error1(l, "unbound variable", field(l, node, 1));
        REG(VAL) = v;
        return M_RETURN;
    }
    case OP_LSET:
        push(l, F_LSET, node, AM_NIL);
        REG(NODE) = field(l, REG(NODE), 3);
        return M_EVAL;
    case OP_GSET:
    case OP_GDEF:
        push(l, node_op(l, node) == OP_GSET ? F_GSET : F_GDEF, node, AM_NIL);
        REG(NODE) = field(l, REG(NODE), 2);
        return M_EVAL;
    case OP_IF:
        if (is_simple(l, field(l, node, 1), 0)) {
            bool yes = lv_true(eval_simple(l, field(l, node, 1)));
            REG(NODE) = field(l, REG(NODE), yes ? 2 : 3);
            return M_EVAL;
        }
        push(l, F_IF, node, AM_NIL);
        REG(NODE) = field(l, REG(NODE), 1);
        return M_EVAL;
    case OP_LAMBDA: {
        lv c = lisp_alloc_obj(l, KIND_CLOSURE, 2);
        set_field(l, c, 0, REG(NODE));
        set_field(l, c, 1, REG(ENV));
        REG(VAL) = c;
        return M_RETURN;
    }
    case OP_SEQ: {
        lv list = field(l, node, 1);
        if (cdr(l, list) != AM_NIL)
            push(l, F_SEQ, cdr(l, list), AM_NIL);
        REG(NODE) = car(l, field(l, REG(NODE), 1));
        return M_EVAL;
    }
    case OP_CALL:
        if (is_simple(l, node, 0)) {
            REG(VAL) = eval_simple(l, node);
            return M_RETURN;
        }
        return call_args(l, cons(l, field(l, node, 1), field(l, node, 2)), AM_NIL, AM_NIL);
    default:
        lisp_error1(l, "bad code node", node);
    }
}

static enum mode do_raise(struct lisp *l, lv obj, bool continuable)
{
    if (REG(HANDLERS) == AM_NIL || obj == REG(OOM)) {
        REG(VAL) = obj;
        return M_UNCAUGHT;
    }
    size_t m = root_mark(l);
    lv *ro = root(l, obj);
    lv what = cons(l, mkbool(continuable), *ro);
    push(l, F_RAISE, REG(HANDLERS), what);
    REG(FN) = car(l, REG(HANDLERS));
    REG(HANDLERS) = cdr(l, REG(HANDLERS));
    REG(ARGS) = cons(l, *ro, AM_NIL);
    unroot(l, m);
    return M_APPLY;
}

/* Returns REG(VAL) to the frame *f (a root slot), which is popped. */
static enum mode return_to(struct lisp *l, lv *f)
{
    enum frame_type t = (enum frame_type)fx(field(l, *f, 0));
    lv a = field(l, *f, 3), b = field(l, *f, 4);
    REG(CONT) = field(l, *f, 1);
    REG(ENV) = field(l, *f, 2);
    switch (t) {
    case F_HALT:
        return M_DONE;
    case F_IF:
        REG(NODE) = field(l, a, lv_true(REG(VAL)) ? 2 : 3);
        return M_EVAL;
    case F_SEQ:
        if (cdr(l, a) != AM_NIL)
            push(l, F_SEQ, cdr(l, a), AM_NIL);
        REG(NODE) = car(l, field(l, *f, 3));
        return M_EVAL;
    case F_ARG: {
        size_t m = root_mark(l);
        lv *rest = root(l, a);
        lv *rb = root(l, b);
        lv acc = cons(l, REG(VAL), *rb);
        enum mode next = call_args(l, *rest, acc, *rb);
        unroot(l, m);
        return next;
    }
    case F_LSET:
        set_field(l, frame_env(l, fx(field(l, a, 1))), 1 + (uint64_t)fx(field(l, a, 2)), REG(VAL));
        REG(VAL) = AM_UNSPECIFIED;
        return M_RETURN;
    case F_GSET:
        if (sym_value(l, field(l, a, 1)) == AM_UNBOUND)
            lisp_error1(l, "set! of an unbound variable", field(l, a, 1));
        sym_set(l, field(l, a, 1), REG(VAL));
        REG(VAL) = AM_UNSPECIFIED;
        return M_RETURN;
    case F_GDEF:
        sym_set(l, field(l, a, 1), REG(VAL));
        REG(VAL) = field(l, a, 1);
        return M_RETURN;
    case F_CWV:
        REG(FN) = a;
        REG(ARGS) = is_kind(l, REG(VAL), KIND_VALUES) ? field(l, REG(VAL), 0) : cons(l, REG(VAL), AM_NIL);
        return M_APPLY;
    case F_WIND_BODY:
        REG(WINDERS) = cons(l, a, REG(WINDERS));
        push(l, F_WIND_AFTER, cdr(l, field(l, *f, 3)), AM_NIL);
        REG(FN) = field(l, *f, 4);
        REG(ARGS) = AM_NIL;
        return M_APPLY;
    case F_WIND_AFTER:
        REG(WINDERS) = cdr(l, REG(WINDERS));
        push(l, F_RESTORE, REG(VAL), AM_NIL);
        REG(FN) = field(l, *f, 3);
        REG(ARGS) = AM_NIL;
        return M_APPLY;
    case F_RESTORE:
        REG(VAL) = a;
        return M_RETURN;
    case F_HANDLER:
        REG(HANDLERS) = a;
        return M_RETURN;
    case F_RAISE:
        REG(HANDLERS) = a;
        if (car(l, b) == AM_TRUE)
            return M_RETURN;
        REG(HANDLERS) = cdr(l, a);
        lisp_error1(l, "exception handler returned from a non-continuable raise", cdr(l, b));
    case F_REWIND:
        if (a == AM_NIL) {
            lv k = car(l, b);
            REG(CONT) = field(l, k, 0);
            REG(WINDERS) = field(l, k, 1);
            REG(HANDLERS) = field(l, k, 2);
            REG(VAL) = cdr(l, b);
            return M_RETURN;
        }
        REG(WINDERS) = cdr(l, car(l, a));
        push(l, F_REWIND, cdr(l, a), field(l, *f, 4));
        REG(FN) = car(l, car(l, field(l, *f, 3)));
        REG(ARGS) = AM_NIL;
        return M_APPLY;
    }
    lisp_error1(l, "bad continuation frame", *f);
}

static enum mode step_return(struct lisp *l)
{
    size_t m = root_mark(l);
    enum mode next = return_to(l, root(l, REG(CONT)));
    unroot(l, m);
    return next;
}

static size_t count(struct lisp *l, lv p)
{
    size_t n = 0;
    for (; is_pair(p); p = cdr(l, p))
        n++;
    return n;
}

/* Leaves the current winders for k's: the after thunks out to the common
 * ancestor, then the before thunks in, then returns vals to k. */
static enum mode throw_to(struct lisp *l, lv k, lv vals)
{
    size_t m = root_mark(l);
    lv *rk = root(l, k), *rv = root(l, vals);
    lv cw = REG(WINDERS), tw = field(l, k, 1);
    size_t nc = count(l, cw), nt = count(l, tw);
    lv common = cw, ct = tw;
    for (size_t i = nc; i > nt; i--)
        common = cdr(l, common);
    for (size_t i = nt; i > nc; i--)
        ct = cdr(l, ct);
    while (common != ct) {
        common = cdr(l, common);
        ct = cdr(l, ct);
    }
    lv *rc = root(l, common), *steps = root(l, AM_NIL), *p = root(l, AM_NIL);
    for (*p = field(l, *rk, 1); *p != *rc; *p = cdr(l, *p)) {
        lv step = cons(l, car(l, car(l, *p)), cdr(l, *p));
        *steps = cons(l, step, *steps);
    }
    lv *afters = root(l, AM_NIL);
    for (*p = REG(WINDERS); *p != *rc; *p = cdr(l, *p)) {
        lv step = cons(l, cdr(l, car(l, *p)), cdr(l, *p));
        *afters = cons(l, step, *afters);
    }
    for (; *afters != AM_NIL; *afters = cdr(l, *afters))
        *steps = cons(l, car(l, *afters), *steps);
    lv target = cons(l, *rk, *rv);
    push(l, F_REWIND, *steps, target);
    unroot(l, m);
    return M_RETURN;
}

static enum mode apply_closure(struct lisp *l)
{
    lv code = field(l, REG(FN), 0);
    int64_t nreq = fx(field(l, code, 1)), nslots = fx(field(l, code, 3));
    bool rest = field(l, code, 2) == AM_TRUE;
    size_t n = count(l, REG(ARGS));
    if (n < (size_t)nreq || (!rest && n > (size_t)nreq))
        lisp_error(l, "wrong number of arguments", list2(l, REG(FN), mkfx((int64_t)n)));
    lv env = lisp_alloc_obj(l, KIND_ENV, (uint64_t)nslots + 1);
    set_field(l, env, 0, field(l, REG(FN), 1));
    lv p = REG(ARGS);
    int64_t i = 0;
    for (; i < nreq; i++, p = cdr(l, p))
        set_field(l, env, 1 + (uint64_t)i, car(l, p));
    if (rest)
        set_field(l, env, 1 + (uint64_t)i++, p);
    for (; i < nslots; i++)
        set_field(l, env, 1 + (uint64_t)i, AM_UNBOUND);
    REG(ENV) = env;
    REG(NODE) = field(l, field(l, REG(FN), 0), 4);
    return M_EVAL;
}

static enum mode apply_prim(struct lisp *l)
{
    const struct lisp_prim *p = prim_of(l, REG(FN));
    size_t n = count(l, REG(ARGS));
    if (n < (size_t)p->min || (p->max >= 0 && n > (size_t)p->max))
        lisp_error(l, "wrong number of arguments", list2(l, REG(FN), mkfx((int64_t)n)));
    size_t m = root_mark(l);
    lv *args = &l->roots[m];
    for (lv a = REG(ARGS); is_pair(a); a = cdr(l, a))
        root(l, car(l, a));
    switch ((enum prim_ctl)p->ctl) {
    case CTL_NONE:
        REG(VAL) = p->fn(l, args, n);
        unroot(l, m);
        return M_RETURN;
    case CTL_APPLY: {
        /* (apply f a ... list): a ... then the list's elements, fresh. */
        lv *rev = root(l, AM_NIL), *p = root(l, args[n - 1]);
        for (; is_pair(*p); *p = cdr(l, *p))
            *rev = cons(l, car(l, *p), *rev);
        if (*p != AM_NIL)
            lisp_error1(l, "apply: last argument is not a list", args[n - 1]);
        lv *spread = root(l, AM_NIL);
        for (; is_pair(*rev); *rev = cdr(l, *rev))
            *spread = cons(l, car(l, *rev), *spread);
        for (size_t i = n - 1; i-- > 1;)
            *spread = cons(l, args[i], *spread);
        REG(FN) = args[0];
        REG(ARGS) = *spread;
        unroot(l, m);
        return M_APPLY;
    }
    case CTL_CALLCC: {
        lv k = lisp_alloc_obj(l, KIND_CONT, 3);
        set_field(l, k, 0, REG(CONT));
        set_field(l, k, 1, REG(WINDERS));
        set_field(l, k, 2, REG(HANDLERS));
        REG(FN) = args[0];
        REG(ARGS) = cons(l, k, AM_NIL);
        unroot(l, m);
        return M_APPLY;
    }
    case CTL_CWV:
        push(l, F_CWV, args[1], AM_NIL);
        REG(FN) = args[0];
        REG(ARGS) = AM_NIL;
        unroot(l, m);
        return M_APPLY;
    case CTL_DYNWIND: {
        lv winder = cons(l, args[0], args[2]);
        push(l, F_WIND_BODY, winder, args[1]);
        REG(FN) = args[0];
        REG(ARGS) = AM_NIL;
        unroot(l, m);
        return M_APPLY;
    }
    case CTL_WITH_HANDLER:
        push(l, F_HANDLER, REG(HANDLERS), AM_NIL);
        REG(HANDLERS) = cons(l, args[0], REG(HANDLERS));
        REG(FN) = args[1];
        REG(ARGS) = AM_NIL;
        unroot(l, m);
        return M_APPLY;
    case CTL_RAISE:
    case CTL_RAISE_CONTINUABLE: {
        lv obj = args[0];
        unroot(l, m);
        return do_raise(l, obj, p->ctl == CTL_RAISE_CONTINUABLE);
    }
    case CTL_EVAL:
        REG(NODE) = compile_toplevel(l, args[0]);
        REG(ENV) = AM_NIL;
        unroot(l, m);
        return M_EVAL;
    }
    lisp_error1(l, "bad builtin", REG(FN));
}

static enum mode step_apply(struct lisp *l)
{
    lv fn = REG(FN);
    if (is_object(fn)) {
        switch (obj_kind(l, fn)) {
        case KIND_CLOSURE: return apply_closure(l);
        case KIND_PRIM: return apply_prim(l);
        case KIND_CONT: {
            lv vals = make_values(l, REG(ARGS));
            return throw_to(l, REG(FN), vals);
        }
        default: break;
        }
    }
    lisp_error1(l, "not a procedure", fn);
}

static enum mode loop(struct lisp *l, enum mode mode)
{
    for (;;) {
        if (mode == M_DONE || mode == M_UNCAUGHT)
            return mode;
        if (mode != M_RAISE) {
            if (l->interrupt) {
                l->interrupt = 0;
                lisp_error(l, "interrupted", AM_NIL);
            }
            if (l->steps_left > 1)
                l->steps_left--;
            else if (l->steps_left == 1)
                lisp_error(l, "step limit reached", AM_NIL); /* and at every later step */
        }
        switch (mode) {
        case M_EVAL: mode = step_eval(l); break;
        case M_RETURN: mode = step_return(l); break;
        case M_APPLY: mode = step_apply(l); break;
        case M_RAISE: mode = do_raise(l, REG(ERR), false); break;
        case M_DONE:
        case M_UNCAUGHT: break;
        }
    }
}

/* Runs the machine from mode until the HALT frame below it returns. */
static int run(struct lisp *l, enum mode mode, lv *out)
{
    struct lisp_catch c;
    volatile enum mode start = mode;
    for (;;) {
        lisp_catch_push(l, &c);
        if (setjmp(c.jb) == 0) {
            enum mode end = loop(l, start);
            lisp_catch_pop(l, &c);
            *out = REG(VAL);
            return end == M_DONE ? 0 : -1;
        }
        start = M_RAISE;
    }
}

/* The evaluator registers a nested run (a macro transformer, or an
 * embedder callback that evaluates) must leave as it found them. */
static const enum lisp_reg machine_regs[] = {R_VAL, R_ENV, R_CONT, R_NODE, R_FN, R_ARGS, R_HANDLERS, R_WINDERS};
enum { NMACHINE = sizeof machine_regs / sizeof machine_regs[0] };

static lv *save_machine(struct lisp *l)
{
    lv *saved = root(l, l->reg[machine_regs[0]]);
    for (size_t i = 1; i < NMACHINE; i++)
        root(l, l->reg[machine_regs[i]]);
    return saved;
}

static void restore_machine(struct lisp *l, const lv *saved)
{
    for (size_t i = 0; i < NMACHINE; i++)
        l->reg[machine_regs[i]] = saved ? saved[i] : AM_NIL;
}

/* Compiles and runs expr under a catch (compile errors included). */
static int eval_in(struct lisp *l, lv *expr, lv *out)
{
    struct lisp_catch c;
    lisp_catch_push(l, &c);
    if (setjmp(c.jb)) {
        *out = REG(ERR);
        return -1;
    }
    REG(CONT) = AM_NIL;
    REG(ENV) = AM_NIL;
    REG(HANDLERS) = AM_NIL;
    REG(WINDERS) = AM_NIL;
    push(l, F_HALT, AM_NIL, AM_NIL);
    REG(NODE) = compile_toplevel(l, *expr);
    lisp_catch_pop(l, &c);
    return run(l, M_EVAL, out);
}

int lisp_eval(struct lisp *l, lv expr, lv *out)
{
    bool nested = l->unwind != NULL;
    if (!nested)
        lisp_heap_rearm(l);
    size_t m = root_mark(l);
    lv *saved = nested ? save_machine(l) : NULL;
    lv *rx = root(l, expr);
    int r = eval_in(l, rx, out);
    restore_machine(l, saved);
    unroot(l, m);
    return r;
}

lv lisp_apply(struct lisp *l, lv fn, lv args)
{
    size_t m = root_mark(l);
    lv *rf = root(l, fn), *ra = root(l, args);
    lv *saved = save_machine(l);
    REG(CONT) = AM_NIL;
    REG(HANDLERS) = AM_NIL;
    push(l, F_HALT, AM_NIL, AM_NIL);
    REG(FN) = *rf;
    REG(ARGS) = *ra;
    lv out;
    int r = run(l, M_APPLY, &out);
    restore_machine(l, saved);
    unroot(l, m);
    if (r < 0)
        lisp_raise(l, out);
    return out;
}
