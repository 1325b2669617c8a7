#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "debug_mem.h"
#include "isa_ops.h"
#include "machine.h"
#include "monitor_expr.h"
#include "symbols.h"

/* Node kinds; from K_MEM on a node has an operand a. */
enum kind { K_NUM, K_REG, K_MEM, K_NEG, K_NOT, K_LNOT, K_BIN };

enum binop { B_LOR = 1, B_LAND, B_OR, B_XOR, B_AND, B_EQ, B_NE, B_LE, B_GE, B_LT, B_GT,
             B_SHL, B_SHR, B_ADD, B_SUB, B_MUL, B_DIV, B_MOD };

/* Binary operators by precedence level, loosest first. */
static const struct { const char *tok; uint8_t op, level; } binops[] = {
    { "||", B_LOR, 0 }, { "&&", B_LAND, 1 }, { "|", B_OR, 2 }, { "^", B_XOR, 3 },
    { "&", B_AND, 4 }, { "==", B_EQ, 5 }, { "!=", B_NE, 5 }, { "<=", B_LE, 6 },
    { ">=", B_GE, 6 }, { "<", B_LT, 6 }, { ">", B_GT, 6 }, { "<<", B_SHL, 7 },
    { ">>", B_SHR, 7 }, { "+", B_ADD, 8 }, { "-", B_SUB, 8 }, { "*", B_MUL, 9 },
    { "/", B_DIV, 9 }, { "%", B_MOD, 9 },
};
#define NBINOPS (sizeof binops / sizeof binops[0])
enum { NLEVELS = 10, MAX_DEPTH = 32 };

struct parser {
    const char *s;
    struct expr *e;
    const struct symtab *syms;
    char *err;
    size_t errlen;
    unsigned depth;
};

static bool error(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return false;
}

static void skip(struct parser *p)
{
    while (isspace((unsigned char)*p->s))
        p->s++;
}

static int node(struct parser *p, enum kind k, unsigned op, int a, int b, uint64_t val)
{
    if (p->e->count == EXPR_MAX_NODES) {
        error(p->err, p->errlen, "expression too long");
        return -1;
    }
    p->e->n[p->e->count] = (struct expr_node){ (uint8_t)k, (uint8_t)op, (uint8_t)(a < 0 ? 0 : a),
                                               (uint8_t)(b < 0 ? 0 : b), val };
    return (int)p->e->count++;
}

int expr_reg_number(const char *name, bool with_csrs)
{
    if (strcmp(name, "pc") == 0)
        return REG_PC;
    if (strcmp(name, "priv") == 0)
        return REG_PRIV;
    if (strcmp(name, "fp") == 0)
        return 8;
    for (int i = 0; i < 32; i++)
        if (strcmp(name, isa_reg_name[i]) == 0)
            return i;
    if (name[0] == 'x' && isdigit((unsigned char)name[1])) {
        char *end;
        long v = strtol(name + 1, &end, 10);
        if (!*end && v < 32 && (name[1] != '0' || !name[2]))
            return (int)v;
    }
    int csr = with_csrs ? isa_csr_number(name) : -1;
    return csr >= 0 ? REG_CSR + csr : -1;
}

static int parse_binary(struct parser *p, unsigned level);

static bool take(struct parser *p, const char *tok)
{
    skip(p);
    size_t n = strlen(tok);
    if (strncmp(p->s, tok, n) != 0)
        return false;
    /* "<" is not the start of "<<" or "<=", "&" not of "&&", and so on. */
    if (n == 1 && ((strchr("|&<>", tok[0]) && p->s[1] == tok[0]) ||
                   (strchr("<>!", tok[0]) && p->s[1] == '=')))
        return false;
    p->s += n;
    return true;
}

static int parse_number(struct parser *p)
{
    const char *s = p->s;
    unsigned base = 10;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        base = 16, s += 2;
    else if (s[0] == '0' && (s[1] == 'b' || s[1] == 'B'))
        base = 2, s += 2;
    uint64_t v = 0;
    const char *start = s;
    for (;; s++) {
        int d = isdigit((unsigned char)*s) ? *s - '0'
              : isxdigit((unsigned char)*s) ? (tolower((unsigned char)*s) - 'a' + 10) : -1;
        if (d < 0 || (unsigned)d >= base) {
            if (isalnum((unsigned char)*s) || *s == '_') {
                error(p->err, p->errlen, "bad number at '%.16s'", p->s);
                return -1;
            }
            break;
        }
        if (v > (UINT64_MAX - (unsigned)d) / base) {
            error(p->err, p->errlen, "number too large at '%.24s'", p->s);
            return -1;
        }
        v = v * base + (unsigned)d;
    }
    if (s == start) {
        error(p->err, p->errlen, "bad number at '%.16s'", p->s);
        return -1;
    }
    p->s = s;
    return node(p, K_NUM, 0, -1, -1, v);
}

static bool ident_char(char c, bool first)
{
    return isalpha((unsigned char)c) || c == '_' || (!first && (isdigit((unsigned char)c) || c == '.'));
}

static int parse_primary(struct parser *p)
{
    skip(p);
    if (take(p, "(")) {
        int n = parse_binary(p, 0);
        if (n >= 0 && !take(p, ")")) {
            error(p->err, p->errlen, "missing ')'");
            return -1;
        }
        return n;
    }
    if (isdigit((unsigned char)*p->s))
        return parse_number(p);
    bool dollar = *p->s == '$';
    const char *start = p->s + dollar;
    if (!ident_char(*start, true)) {
        if (*p->s)
            error(p->err, p->errlen, "unexpected '%.16s'", p->s);
        else
            error(p->err, p->errlen, "expression ends too early");
        return -1;
    }
    const char *end = start;
    while (ident_char(*end, false))
        end++;
    char name[128];
    if ((size_t)(end - start) >= sizeof name) {
        error(p->err, p->errlen, "name too long");
        return -1;
    }
    memcpy(name, start, (size_t)(end - start));
    name[end - start] = '\0';
    p->s = end;

    static const struct { const char *name; unsigned size; } mems[] = {
        { "mem8", 1 }, { "mem16", 2 }, { "mem32", 4 }, { "mem64", 8 },
    };
    for (unsigned i = 0; i < 4 && !dollar; i++) {
        if (strcmp(name, mems[i].name) == 0 && take(p, "(")) {
            int a = parse_binary(p, 0);
            if (a >= 0 && !take(p, ")")) {
                error(p->err, p->errlen, "missing ')' after %s(", name);
                return -1;
            }
            return a < 0 ? -1 : node(p, K_MEM, mems[i].size, a, -1, 0);
        }
    }
    int reg = expr_reg_number(name, dollar);
    uint64_t addr;
    if (reg >= 0 && (dollar || reg < REG_CSR))
        return node(p, K_REG, 0, -1, -1, (uint64_t)reg);
    if (!dollar && p->syms && symtab_lookup(p->syms, name, &addr))
        return node(p, K_NUM, 0, -1, -1, addr);
    if ((reg = expr_reg_number(name, true)) >= 0)
        return node(p, K_REG, 0, -1, -1, (uint64_t)reg);
    error(p->err, p->errlen, "unknown %s '%s'", dollar ? "register" : "name", name);
    return -1;
}

/* Parentheses and unary operators nest through here: depth bounds the
 * recursion whatever the input. */
static int parse_unary(struct parser *p)
{
    if (++p->depth > MAX_DEPTH) {
        error(p->err, p->errlen, "expression nested too deeply");
        return -1;
    }
    int n;
    skip(p);
    if (take(p, "-"))
        n = (n = parse_unary(p)) < 0 ? -1 : node(p, K_NEG, 0, n, -1, 0);
    else if (take(p, "~"))
        n = (n = parse_unary(p)) < 0 ? -1 : node(p, K_NOT, 0, n, -1, 0);
    else if (take(p, "!"))
        n = (n = parse_unary(p)) < 0 ? -1 : node(p, K_LNOT, 0, n, -1, 0);
    else if (take(p, "*"))
        n = (n = parse_unary(p)) < 0 ? -1 : node(p, K_MEM, 8, n, -1, 0);
    else
        n = parse_primary(p);
    p->depth--;
    return n;
}

static int parse_binary(struct parser *p, unsigned level)
{
    if (level == NLEVELS)
        return parse_unary(p);
    int left = parse_binary(p, level + 1);
    while (left >= 0) {
        unsigned op = 0;
        for (unsigned i = 0; i < NBINOPS && !op; i++)
            if (binops[i].level == level && take(p, binops[i].tok))
                op = binops[i].op;
        if (!op)
            break;
        int right = parse_binary(p, level + 1);
        left = right < 0 ? -1 : node(p, K_BIN, op, left, right, 0);
    }
    return left;
}

bool expr_parse(struct expr *e, const char *text, const struct symtab *syms, char *err, size_t errlen)
{
    struct parser p = { .s = text, .e = e, .syms = syms, .err = err, .errlen = errlen };
    e->count = 0;
    int root = parse_binary(&p, 0);
    if (root < 0)
        return false;
    skip(&p);
    if (*p.s)
        return error(err, errlen, "unexpected '%.16s'", p.s);
    e->root = (unsigned)root;
    return true;
}

static bool read_reg(struct machine *m, uint64_t reg, uint64_t *v, char *err, size_t errlen)
{
    struct cpu *c = &m->cpu;
    if (reg < 32)
        *v = c->x[reg];
    else if (reg == REG_PC)
        *v = c->pc;
    else if (reg == REG_PRIV)
        *v = c->priv;
    else if (!dbg_csr_read(c, (unsigned)(reg - REG_CSR), v))
        return error(err, errlen, "CSR %s is not implemented", isa_csr_name((unsigned)(reg - REG_CSR)));
    return true;
}

static bool eval(const struct expr *e, unsigned i, struct machine *m, uint64_t *v, char *err, size_t errlen)
{
    const struct expr_node *n = &e->n[i];
    uint64_t a = 0, b = 0;
    /* Operand nodes always come before their parent: no cycles. */
    if (n->kind >= K_MEM && !eval(e, n->a, m, &a, err, errlen))
        return false;
    switch ((enum kind)n->kind) {
    case K_NUM: *v = n->val; return true;
    case K_REG: return read_reg(m, n->val, v, err, errlen);
    case K_MEM: {
        uint64_t x = 0, at;
        const char *why;
        if (!dbg_read(m, a, false, &x, n->op, &at, &why))
            return error(err, errlen, "cannot read 0x%llx: %s", (unsigned long long)at, why);
        *v = x;
        return true;
    }
    case K_NEG: *v = -a; return true;
    case K_NOT: *v = ~a; return true;
    case K_LNOT: *v = !a; return true;
    case K_BIN: break;
    }
    /* && and || do not evaluate their right side when the left decides. */
    if ((n->op == B_LOR && a) || (n->op == B_LAND && !a)) {
        *v = n->op == B_LOR;
        return true;
    }
    if (!eval(e, n->b, m, &b, err, errlen))
        return false;
    switch ((enum binop)n->op) {
    case B_LOR: case B_LAND: *v = b != 0; return true;
    case B_OR: *v = a | b; return true;
    case B_XOR: *v = a ^ b; return true;
    case B_AND: *v = a & b; return true;
    case B_EQ: *v = a == b; return true;
    case B_NE: *v = a != b; return true;
    case B_LE: *v = a <= b; return true;
    case B_GE: *v = a >= b; return true;
    case B_LT: *v = a < b; return true;
    case B_GT: *v = a > b; return true;
    case B_SHL: *v = b > 63 ? 0 : a << b; return true;
    case B_SHR: *v = b > 63 ? 0 : a >> b; return true;
    case B_ADD: *v = a + b; return true;
    case B_SUB: *v = a - b; return true;
    case B_MUL: *v = a * b; return true;
    case B_DIV:
    case B_MOD:
        if (b == 0)
            return error(err, errlen, "division by zero");
        *v = n->op == B_DIV ? a / b : a % b;
        return true;
    }
    return error(err, errlen, "bad expression");
}

bool expr_eval(const struct expr *e, struct machine *m, uint64_t *val, char *err, size_t errlen)
{
    return eval(e, e->root, m, val, err, errlen);
}

bool expr_assign(const struct expr *e, struct machine *m, uint64_t val, char *err, size_t errlen)
{
    const struct expr_node *n = &e->n[e->root];
    struct cpu *c = &m->cpu;
    if (n->kind == K_MEM) {
        uint64_t addr, at;
        const char *why;
        if (!eval(e, n->a, m, &addr, err, errlen))
            return false;
        if (!dbg_write(m, addr, false, &val, n->op, &at, &why))
            return error(err, errlen, "cannot write 0x%llx: %s", (unsigned long long)at, why);
        return true;
    }
    if (n->kind != K_REG)
        return error(err, errlen, "only a register, CSR or memory can be set");
    if (n->val == 0)
        return error(err, errlen, "x0 is hardwired to zero");
    if (n->val < 32) {
        c->x[n->val] = val;
    } else if (n->val == REG_PC) {
        if (val & 1)
            return error(err, errlen, "pc must be even");
        c->pc = val;
    } else if (n->val == REG_PRIV) {
        if (val != PRIV_U && val != PRIV_S && val != PRIV_M)
            return error(err, errlen, "priv is 0 (U), 1 (S) or 3 (M)");
        cpu_set_priv(c, (unsigned)val);
    } else if (!dbg_csr_write(c, (unsigned)(n->val - REG_CSR), val)) {
        return error(err, errlen, "CSR %s cannot be written", isa_csr_name((unsigned)(n->val - REG_CSR)));
    }
    return true;
}
