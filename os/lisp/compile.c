/* The compiler. A compile-time environment is a list of scopes, innermost
 * first, one per runtime frame; a scope is a vector of its variables (a
 * list in slot order), its macros (an alist) and its slot count. Lambda
 * bodies are scanned for definitions first, so internal defines get
 * frame slots and letrec* semantics. */
#include "compile.h"

#include "symbol.h"
#include "syntax.h"

enum { REF_LOCAL, REF_MACRO, REF_GLOBAL };

struct ref {
    int kind;
    int64_t depth, index;
    lv val; /* the macro, or the global symbol */
};

static lv compile(struct lisp *l, lv x, lv cenv, lv name);

bool is_ident(const struct lisp *l, lv v)
{
    return is_symbol(v) || is_kind(l, v, KIND_ALIAS);
}

lv ident_base(const struct lisp *l, lv v)
{
    while (is_kind(l, v, KIND_ALIAS))
        v = field(l, v, 0);
    return v;
}

static lv mknode(struct lisp *l, enum opcode op, unsigned n, lv a, lv b, lv c, lv d, lv e)
{
    size_t m = root_mark(l);
    lv *r[5] = {root(l, a), root(l, b), root(l, c), root(l, d), root(l, e)};
    lv node = lisp_alloc_obj(l, KIND_CODE, n + 1);
    set_field(l, node, 0, mkfx(op));
    for (unsigned i = 0; i < n; i++)
        set_field(l, node, i + 1, *r[i]);
    unroot(l, m);
    return node;
}

static lv constant(struct lisp *l, lv v) { return mknode(l, OP_CONST, 1, v, 0, 0, 0, 0); }

static size_t length(struct lisp *l, lv p)
{
    size_t n = 0;
    for (; is_pair(p); p = cdr(l, p))
        n++;
    return n;
}

static lv cadr(struct lisp *l, lv x) { return car(l, cdr(l, x)); }

static lv new_scope(struct lisp *l)
{
    lv s = lisp_alloc_obj(l, KIND_VECTOR, 3);
    set_field(l, s, 2, mkfx(0));
    return s;
}

/* The slot of id in scope, adding it if absent. */
static int64_t scope_add(struct lisp *l, lv scope, lv id)
{
    int64_t i = 0;
    lv last = AM_NIL;
    for (lv p = field(l, scope, 0); is_pair(p); p = cdr(l, p), i++) {
        if (car(l, p) == id)
            return i;
        last = p;
    }
    size_t m = root_mark(l);
    lv *rs = root(l, scope), *rl = root(l, last);
    lv cell = cons(l, id, AM_NIL);
    if (*rl == AM_NIL)
        set_field(l, *rs, 0, cell);
    else
        set_cdr(l, *rl, cell);
    set_field(l, *rs, 2, mkfx(i + 1));
    unroot(l, m);
    return i;
}

static void lookup(struct lisp *l, lv cenv, lv id, struct ref *r)
{
    int64_t depth = 0;
    for (lv s = cenv; is_pair(s); s = cdr(l, s), depth++) {
        lv scope = car(l, s);
        int64_t i = 0;
        for (lv p = field(l, scope, 0); is_pair(p); p = cdr(l, p), i++) {
            if (car(l, p) == id) {
                *r = (struct ref){REF_LOCAL, depth, i, AM_NIL};
                return;
            }
        }
        for (lv p = field(l, scope, 1); is_pair(p); p = cdr(l, p)) {
            if (car(l, car(l, p)) == id) {
                *r = (struct ref){REF_MACRO, 0, 0, cdr(l, car(l, p))};
                return;
            }
        }
    }
    if (is_kind(l, id, KIND_ALIAS)) {
        /* An identifier a macro introduced means what it meant where the
         * macro was defined: a scope that encloses this one. */
        lv inner = field(l, id, 1);
        lookup(l, inner, field(l, id, 0), r);
        if (r->kind == REF_LOCAL)
            r->depth += (int64_t)(length(l, cenv) - length(l, inner));
        return;
    }
    lv v = sym_value(l, id);
    if (is_kind(l, v, KIND_MACRO))
        *r = (struct ref){REF_MACRO, 0, 0, v};
    else
        *r = (struct ref){REF_GLOBAL, 0, 0, id};
}

static bool has_alias(struct lisp *l, lv x)
{
    bool r = false;
    lisp_enter(l);
    for (; is_pair(x) && !r; x = cdr(l, x))
        r = has_alias(l, car(l, x));
    if (is_kind(l, x, KIND_ALIAS))
        r = true;
    else if (is_kind(l, x, KIND_VECTOR))
        for (uint64_t i = 0; i < obj_size(l, x) && !r; i++)
            r = has_alias(l, field(l, x, i));
    lisp_leave(l);
    return r;
}

/* A quoted datum with the aliases a macro put in it turned back into symbols. */
static lv strip(struct lisp *l, lv x)
{
    if (!has_alias(l, x))
        return x;
    lisp_enter(l);
    lv r;
    if (is_kind(l, x, KIND_ALIAS)) {
        r = ident_base(l, x);
    } else if (is_pair(x)) {
        size_t m = root_mark(l);
        lv *rx = root(l, x);
        lv *a = root(l, strip(l, car(l, x)));
        lv d = strip(l, cdr(l, *rx));
        r = cons(l, *a, d);
        unroot(l, m);
    } else {
        size_t m = root_mark(l);
        lv *rx = root(l, x);
        lv *v = root(l, lisp_alloc_obj(l, KIND_VECTOR, obj_size(l, x)));
        for (uint64_t i = 0; i < obj_size(l, *v); i++) {
            lv e = strip(l, field(l, *rx, i));
            set_field(l, *v, i, e);
        }
        r = *v;
        unroot(l, m);
    }
    lisp_leave(l);
    return r;
}

static lv core(struct lisp *l, enum core_proc p) { return field(l, l->reg[R_CORE], p); }

static bool head_is(struct lisp *l, lv x, enum lisp_sym s)
{
    return is_pair(x) && is_ident(l, car(l, x)) && ident_base(l, car(l, x)) == SYM(l, s) &&
           is_pair(cdr(l, x));
}

static lv quasi(struct lisp *l, lv x, int depth)
{
    lisp_enter(l);
    size_t m = root_mark(l);
    lv *rx = root(l, x);
    lv r;
    if (head_is(l, x, S_UNQUOTE) || head_is(l, x, S_QUASIQUOTE)) {
        bool unq = head_is(l, x, S_UNQUOTE);
        if (unq && depth == 1) {
            r = cadr(l, x);
        } else {
            lv inner = quasi(l, cadr(l, x), unq ? depth - 1 : depth + 1);
            lv *ri = root(l, inner);
            lv tag = list2(l, SYM(l, S_QUOTE), ident_base(l, car(l, *rx)));
            r = list3(l, core(l, CORE_LIST), tag, *ri);
        }
    } else if (is_pair(x) && head_is(l, car(l, x), S_UNQUOTE_SPLICING)) {
        lv *rest = root(l, quasi(l, cdr(l, x), depth));
        lv h = car(l, *rx);
        if (depth == 1) {
            r = list3(l, core(l, CORE_APPEND), cadr(l, h), *rest);
        } else {
            lv *inner = root(l, quasi(l, cadr(l, h), depth - 1));
            lv tag = list2(l, SYM(l, S_QUOTE), SYM(l, S_UNQUOTE_SPLICING));
            lv item = list3(l, core(l, CORE_LIST), tag, *inner);
            r = list3(l, core(l, CORE_CONS), item, *rest);
        }
    } else if (is_pair(x)) {
        lv *a = root(l, quasi(l, car(l, x), depth));
        lv d = quasi(l, cdr(l, *rx), depth);
        r = list3(l, core(l, CORE_CONS), *a, d);
    } else if (is_kind(l, x, KIND_VECTOR)) {
        lv *list = root(l, AM_NIL);
        for (uint64_t i = obj_size(l, x); i-- > 0;)
            *list = cons(l, field(l, *rx, i), *list);
        lv inner = quasi(l, *list, depth);
        r = list2(l, core(l, CORE_LIST_TO_VECTOR), inner);
    } else if (is_ident(l, x) || x == AM_NIL) {
        r = list2(l, SYM(l, S_QUOTE), x);
    } else {
        r = x;
    }
    unroot(l, m);
    lisp_leave(l);
    return r;
}

static lv make_macro(struct lisp *l, lv spec, lv scope)
{
    if (!head_is(l, spec, S_SYNTAX_RULES) && !(is_pair(spec) && is_ident(l, car(l, spec)) &&
                                               ident_base(l, car(l, spec)) == SYM(l, S_SYNTAX_RULES)))
        lisp_error1(l, "only syntax-rules transformers are supported", spec);
    size_t m = root_mark(l);
    lv *rs = root(l, scope);
    lv *rules = root(l, syntax_rules_make(l, spec));
    lv mac = lisp_alloc_obj(l, KIND_MACRO, 2);
    set_field(l, mac, 0, *rules);
    set_field(l, mac, 1, *rs);
    unroot(l, m);
    return mac;
}

static lv expand_macro(struct lisp *l, lv mac, lv x)
{
    lv t = field(l, mac, 0);
    if (is_kind(l, t, KIND_SYNRULES))
        return syntax_expand(l, t, x, field(l, mac, 1));
    return lisp_apply(l, t, cdr(l, x));
}

static void check_list(struct lisp *l, lv x, size_t min, size_t max)
{
    size_t n = 0;
    lv p;
    for (p = x; is_pair(p); p = cdr(l, p))
        n++;
    if (p != AM_NIL || n < min || n > max)
        lisp_error1(l, "bad syntax", x);
}

static lv compile_body(struct lisp *l, lv body, lv cenv);

static lv compile_lambda(struct lisp *l, lv params, lv body, lv cenv, lv name)
{
    size_t m = root_mark(l);
    lv *rp = root(l, params), *rb = root(l, body), *rn = root(l, name), *rc = root(l, cenv);
    lv *scope = root(l, new_scope(l));
    lv *env = root(l, cons(l, *scope, *rc));
    int64_t nreq = 0;
    bool rest = false;
    lv p;
    for (p = *rp; is_pair(p); p = cdr(l, p)) {
        if (!is_ident(l, car(l, p)))
            lisp_error1(l, "parameter is not an identifier", car(l, p));
        lv *rq = root(l, p);
        if (scope_add(l, *scope, car(l, p)) != nreq)
            lisp_error1(l, "duplicate parameter", car(l, *rq));
        nreq++;
        p = *rq;
    }
    if (p != AM_NIL) {
        if (!is_ident(l, p))
            lisp_error1(l, "parameter is not an identifier", p);
        scope_add(l, *scope, p);
        rest = true;
    }
    lv *code = root(l, compile_body(l, *rb, *env));
    lv nm = is_ident(l, *rn) ? ident_base(l, *rn) : AM_NIL;
    lv r = mknode(l, OP_LAMBDA, 5, mkfx(nreq), mkbool(rest), field(l, *scope, 2), *code, nm);
    unroot(l, m);
    return r;
}

/* (define (f . params) body...) as (f . (lambda params body...)); (define
 * f) gives f no value. Returns (id . value-form-or-#<default>). */
static lv definition(struct lisp *l, lv x)
{
    if (!is_pair(cdr(l, x)))
        lisp_error1(l, "bad definition", x);
    lv target = cadr(l, x);
    size_t m = root_mark(l);
    lv *rx = root(l, x);
    lv r;
    if (is_pair(target)) {
        lv *id = root(l, car(l, target));
        if (!is_ident(l, *id))
            lisp_error1(l, "bad definition", *rx);
        lv lam = cons(l, cdr(l, cadr(l, *rx)), cdr(l, cdr(l, *rx)));
        lam = cons(l, SYM(l, S_LAMBDA), lam);
        r = cons(l, *id, lam);
    } else {
        if (!is_ident(l, target))
            lisp_error1(l, "bad definition", x);
        check_list(l, x, 2, 3);
        lv rest = cdr(l, cdr(l, x));
        r = cons(l, target, is_pair(rest) ? car(l, rest) : AM_DEFAULT);
    }
    unroot(l, m);
    return r;
}

static lv compile_value(struct lisp *l, lv form, lv cenv, lv name)
{
    return form == AM_DEFAULT ? constant(l, AM_UNSPECIFIED) : compile(l, form, cenv, name);
}

/* The special form x's head names, if it names one. */
static int special(struct lisp *l, lv x, lv cenv)
{
    static const enum lisp_sym forms[] = {
        S_QUOTE, S_QUASIQUOTE, S_LAMBDA, S_FN, S_DEFINE, S_DEF, S_IF, S_SET, S_BEGIN,
        S_DEFINE_SYNTAX, S_LET_SYNTAX, S_LETREC_SYNTAX, S_DEFMACRO,
    };
    if (!is_pair(x) || !is_ident(l, car(l, x)))
        return -1;
    struct ref r;
    lookup(l, cenv, car(l, x), &r);
    if (r.kind != REF_GLOBAL)
        return -1;
    for (unsigned i = 0; i < sizeof forms / sizeof forms[0]; i++)
        if (r.val == SYM(l, forms[i]))
            return (int)forms[i];
    return -1;
}

static lv macro_of(struct lisp *l, lv x, lv cenv)
{
    if (!is_pair(x) || !is_ident(l, car(l, x)))
        return AM_FALSE;
    struct ref r;
    lookup(l, cenv, car(l, x), &r);
    return r.kind == REF_MACRO ? r.val : AM_FALSE;
}

static lv seq_node(struct lisp *l, lv nodes)
{
    if (nodes == AM_NIL)
        return constant(l, AM_UNSPECIFIED);
    if (cdr(l, nodes) == AM_NIL)
        return car(l, nodes);
    return mknode(l, OP_SEQ, 1, nodes, 0, 0, 0, 0);
}

static lv reverse(struct lisp *l, lv p)
{
    size_t m = root_mark(l);
    lv *rp = root(l, p), *r = root(l, AM_NIL);
    for (; is_pair(*rp); *rp = cdr(l, *rp))
        *r = cons(l, car(l, *rp), *r);
    lv res = *r;
    unroot(l, m);
    return res;
}

static lv compile_body(struct lisp *l, lv body, lv cenv)
{
    size_t m = root_mark(l);
    lv *work = root(l, body), *env = root(l, cenv), *scope = root(l, car(l, cenv));
    lv *items = root(l, AM_NIL), *f = root(l, AM_NIL), *mac = root(l, AM_NIL);
    /* Pass 1: expand heads, splice begins, collect definitions. */
    while (is_pair(*work)) {
        *f = car(l, *work);
        *work = cdr(l, *work);
        while ((*mac = macro_of(l, *f, *env)) != AM_FALSE)
            *f = expand_macro(l, *mac, *f);
        int sp = special(l, *f, *env);
        if (sp == S_BEGIN) {
            lv forms = reverse(l, cdr(l, *f));
            for (; is_pair(forms); forms = cdr(l, forms)) {
                lv *rf = root(l, forms);
                *work = cons(l, car(l, forms), *work);
                forms = *rf;
                unroot(l, root_mark(l) - 1);
            }
        } else if (sp == S_DEFINE) {
            lv *d = root(l, definition(l, *f));
            scope_add(l, *scope, car(l, *d));
            lv item = cons(l, mkfx(1), *d);
            *items = cons(l, item, *items);
            unroot(l, root_mark(l) - 1);
        } else if (sp == S_DEFINE_SYNTAX) {
            check_list(l, *f, 3, 3);
            lv *mc = root(l, make_macro(l, car(l, cdr(l, cdr(l, *f))), *env));
            lv entry = cons(l, cadr(l, *f), *mc);
            entry = cons(l, entry, field(l, *scope, 1));
            set_field(l, *scope, 1, entry);
            unroot(l, root_mark(l) - 1);
        } else {
            lv item = cons(l, mkfx(0), *f);
            *items = cons(l, item, *items);
        }
    }
    if (*work != AM_NIL)
        lisp_error1(l, "improper body", body);
    /* Pass 2: compile, now that every local definition has its slot. */
    lv *nodes = root(l, AM_NIL);
    for (*items = reverse(l, *items); is_pair(*items); *items = cdr(l, *items)) {
        lv item = car(l, *items);
        lv n;
        if (car(l, item) == mkfx(1)) {
            lv d = cdr(l, item);
            struct ref r;
            lookup(l, *env, car(l, d), &r);
            lv *v = root(l, compile_value(l, cdr(l, d), *env, car(l, d)));
            lv nm = ident_base(l, car(l, cdr(l, car(l, *items))));
            n = mknode(l, OP_LSET, 4, mkfx(r.depth), mkfx(r.index), *v, nm, 0);
            unroot(l, root_mark(l) - 1);
        } else {
            n = compile(l, cdr(l, item), *env, AM_NIL);
        }
        *nodes = cons(l, n, *nodes);
    }
    if (*nodes == AM_NIL)
        lisp_error(l, "empty body", AM_NIL);
    lv r = seq_node(l, reverse(l, *nodes));
    unroot(l, m);
    return r;
}

static lv compile_args(struct lisp *l, lv args, lv cenv)
{
    size_t m = root_mark(l);
    lv *ra = root(l, args), *rc = root(l, cenv), *out = root(l, AM_NIL);
    for (; is_pair(*ra); *ra = cdr(l, *ra)) {
        lv n = compile(l, car(l, *ra), *rc, AM_NIL);
        *out = cons(l, n, *out);
    }
    if (*ra != AM_NIL)
        lisp_error1(l, "improper argument list", args);
    lv r = reverse(l, *out);
    unroot(l, m);
    return r;
}

static lv compile_special(struct lisp *l, int sp, lv x, lv cenv, lv name)
{
    size_t m = root_mark(l);
    lv *rx = root(l, x), *rc = root(l, cenv);
    lv r;
    switch (sp) {
    case S_QUOTE:
        check_list(l, x, 2, 2);
        r = constant(l, strip(l, cadr(l, x)));
        break;
    case S_QUASIQUOTE:
        check_list(l, x, 2, 2);
        r = quasi(l, cadr(l, x), 1);
        r = compile(l, r, *rc, AM_NIL);
        break;
    case S_IF: {
        check_list(l, x, 3, 4);
        lv *t = root(l, compile(l, cadr(l, x), cenv, AM_NIL));
        lv *c = root(l, compile(l, car(l, cdr(l, cdr(l, *rx))), *rc, AM_NIL));
        lv alt = cdr(l, cdr(l, cdr(l, *rx)));
        lv *a = root(l, is_pair(alt) ? compile(l, car(l, alt), *rc, AM_NIL) : constant(l, AM_UNSPECIFIED));
        r = mknode(l, OP_IF, 3, *t, *c, *a, 0, 0);
        break;
    }
    case S_DEFINE:
    case S_DEF: {
        /* Interim's def always defines a global, wherever it appears. */
        if (cenv != AM_NIL && sp == S_DEFINE)
            lisp_error1(l, "definition where an expression is expected", x);
        lv *d = root(l, definition(l, x));
        lv v = compile_value(l, cdr(l, *d), AM_NIL, car(l, *d));
        r = mknode(l, OP_GDEF, 2, ident_base(l, car(l, *d)), v, 0, 0, 0);
        break;
    }
    case S_SET: {
        check_list(l, x, 3, 3);
        if (!is_ident(l, cadr(l, x)))
            lisp_error1(l, "set!: not an identifier", x);
        lv v = compile(l, car(l, cdr(l, cdr(l, x))), cenv, AM_NIL);
        struct ref ref;
        lookup(l, *rc, cadr(l, *rx), &ref);
        if (ref.kind == REF_LOCAL)
            r = mknode(l, OP_LSET, 4, mkfx(ref.depth), mkfx(ref.index), v, ident_base(l, cadr(l, *rx)), 0);
        else if (ref.kind == REF_GLOBAL)
            r = mknode(l, OP_GSET, 2, ref.val, v, 0, 0, 0);
        else
            lisp_error1(l, "set!: cannot assign a macro", cadr(l, *rx));
        break;
    }
    case S_LAMBDA:
    case S_FN:
        if (!is_pair(cdr(l, x)))
            lisp_error1(l, "bad lambda", x);
        r = compile_lambda(l, cadr(l, x), cdr(l, cdr(l, x)), cenv, name);
        break;
    case S_BEGIN:
        if (cenv == AM_NIL) {
            /* Top-level begin: definitions inside are global. */
            lv *nodes = root(l, AM_NIL), *p = root(l, cdr(l, x));
            for (; is_pair(*p); *p = cdr(l, *p)) {
                lv n = compile(l, car(l, *p), AM_NIL, AM_NIL);
                *nodes = cons(l, n, *nodes);
            }
            r = seq_node(l, reverse(l, *nodes));
        } else {
            r = seq_node(l, compile_args(l, cdr(l, x), cenv));
        }
        break;
    case S_DEFINE_SYNTAX: {
        check_list(l, x, 3, 3);
        if (cenv != AM_NIL)
            lisp_error1(l, "define-syntax where an expression is expected", x);
        if (!is_ident(l, cadr(l, x)))
            lisp_error1(l, "define-syntax: not an identifier", x);
        lv mac = make_macro(l, car(l, cdr(l, cdr(l, x))), AM_NIL);
        sym_set(l, ident_base(l, cadr(l, *rx)), mac);
        r = constant(l, ident_base(l, cadr(l, *rx)));
        break;
    }
    case S_LET_SYNTAX:
    case S_LETREC_SYNTAX: {
        if (!is_pair(cdr(l, x)))
            lisp_error1(l, "bad let-syntax", x);
        lv *scope = root(l, new_scope(l));
        lv *env = root(l, cons(l, *scope, *rc));
        lv *b = root(l, cadr(l, *rx));
        for (; is_pair(*b); *b = cdr(l, *b)) {
            lv binding = car(l, *b);
            check_list(l, binding, 2, 2);
            lv mac = make_macro(l, cadr(l, binding), *env);
            lv entry = cons(l, car(l, car(l, *b)), mac);
            entry = cons(l, entry, field(l, *scope, 1));
            set_field(l, *scope, 1, entry);
        }
        lv *body = root(l, compile_body(l, cdr(l, cdr(l, *rx)), *env));
        lv lam = mknode(l, OP_LAMBDA, 5, mkfx(0), AM_FALSE, field(l, *scope, 2), *body, AM_NIL);
        r = mknode(l, OP_CALL, 2, lam, AM_NIL, 0, 0, 0);
        break;
    }
    case S_DEFMACRO: {
        /* (defmacro name params body...): the transformer is a closure over
         * the global environment, applied to the form's operands. */
        if (length(l, x) < 4 || !is_ident(l, cadr(l, x)))
            lisp_error1(l, "bad defmacro", x);
        lv *code = root(l, compile_lambda(l, car(l, cdr(l, cdr(l, x))), cdr(l, cdr(l, cdr(l, x))),
                                          AM_NIL, cadr(l, x)));
        lv clo = lisp_alloc_obj(l, KIND_CLOSURE, 2);
        set_field(l, clo, 0, *code);
        set_field(l, clo, 1, AM_NIL);
        lv *rclo = root(l, clo);
        lv mac = lisp_alloc_obj(l, KIND_MACRO, 2);
        set_field(l, mac, 0, *rclo);
        sym_set(l, ident_base(l, cadr(l, *rx)), mac);
        r = constant(l, ident_base(l, cadr(l, *rx)));
        break;
    }
    default:
        lisp_error1(l, "unknown special form", x);
    }
    unroot(l, m);
    return r;
}

static lv compile(struct lisp *l, lv x, lv cenv, lv name)
{
    lisp_enter(l);
    size_t m = root_mark(l);
    lv *rx = root(l, x), *rc = root(l, cenv), *rn = root(l, name);
    lv r;
    for (;;) {
        if (is_ident(l, *rx)) {
            struct ref ref;
            lookup(l, *rc, *rx, &ref);
            if (ref.kind == REF_LOCAL)
                r = mknode(l, OP_LREF, 3, mkfx(ref.depth), mkfx(ref.index), ident_base(l, *rx), 0, 0);
            else if (ref.kind == REF_GLOBAL)
                r = mknode(l, OP_GREF, 1, ref.val, 0, 0, 0, 0);
            else
                lisp_error1(l, "macro used as a variable", *rx);
            break;
        }
        if (!is_pair(*rx)) {
            r = constant(l, *rx);
            break;
        }
        lv mac = macro_of(l, *rx, *rc);
        if (mac != AM_FALSE) {
            *rx = expand_macro(l, mac, *rx);
            continue;
        }
        int sp = special(l, *rx, *rc);
        if (sp >= 0) {
            r = compile_special(l, sp, *rx, *rc, *rn);
            break;
        }
        lv *fn = root(l, compile(l, car(l, *rx), *rc, AM_NIL));
        lv args = compile_args(l, cdr(l, *rx), *rc);
        r = mknode(l, OP_CALL, 2, *fn, args, 0, 0, 0);
        break;
    }
    unroot(l, m);
    lisp_leave(l);
    return r;
}

lv compile_toplevel(struct lisp *l, lv x)
{
    return compile(l, x, AM_NIL, AM_NIL);
}
