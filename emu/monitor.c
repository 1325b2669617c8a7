#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csr.h"
#include "debug_mem.h"
#include "insn.h"
#include "isa_ops.h"
#include "monitor.h"
#include "monitor_expr.h"
#include "monitor_input.h"
#include "monitor_power.h"
#include "snapshot.h"
#include "xamber.h"

#define MAX_ARGS 8
#define MAX_CSRS 128

/* A command gets its arguments split at spaces (argv) and as typed (rest,
 * for those that take one expression). */
struct command {
    const char *name, *alias, *usage, *help;
    void (*run)(struct monitor *mon, int argc, char **argv, const char *rest);
};

/* ---- output helpers ---- */

static void say(struct monitor *mon, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(mon->out, fmt, ap);
    va_end(ap);
}

/* Every complaint is one line starting with "error: ". */
void monitor_fail(struct monitor *mon, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("error: ", mon->out);
    vfprintf(mon->out, fmt, ap);
    fputc('\n', mon->out);
    va_end(ap);
}

static const char priv_letter[4] = { 'U', 'S', '?', 'M' };

/* " <sym+off>" for addr, or nothing. */
static const char *sym_suffix(struct monitor *mon, uint64_t addr, char *buf, size_t size)
{
    char name[96];
    if (!symtab_describe(mon->syms, addr, name, sizeof name)) {
        buf[0] = '\0';
        return buf;
    }
    snprintf(buf, size, " <%s>", name);
    return buf;
}

/* A tag byte as "type" or "type+access", e.g. "cons+rw". */
static const char *tag_text(unsigned tag, char buf[24])
{
    static const char *const types[16] = {
        [AM_T_RAW] = "raw", [AM_T_FIXNUM] = "fixnum", [AM_T_CHAR] = "char",
        [AM_T_IMM] = "imm", [AM_T_CONS] = "cons", [AM_T_SYMBOL] = "symbol",
        [AM_T_OBJECT] = "object", [AM_T_HEADER] = "header", [AM_T_FORWARD] = "forward",
    };
    char type[8];
    const char *t = types[tag & 15];
    if (!t) {
        snprintf(type, sizeof type, "type%u", tag & 15);
        t = type;
    }
    unsigned acc = tag >> AM_ACC_SHIFT;
    if (!acc) {
        snprintf(buf, 24, "%s", t);
        return buf;
    }
    char letters[5], *p = letters;
    static const char names[4] = { 'r', 'w', 'x', 'g' };
    for (unsigned i = 0; i < 4; i++)
        if (acc >> i & 1)
            *p++ = names[i];
    *p = '\0';
    snprintf(buf, 24, "%s+%s", t, letters);
    return buf;
}

/* ---- arguments ---- */

/* Split rest into words at spaces outside parentheses and "quotes" (so
 * that an expression or a text with spaces can be one argument; \" inside
 * quotes is a quote). Returns the count, or -1 with too many. */
static int split(char *s, char **argv)
{
    int argc = 0;
    for (;;) {
        while (isspace((unsigned char)*s))
            *s++ = '\0';
        if (!*s)
            return argc;
        if (argc == MAX_ARGS)
            return -1;
        argv[argc++] = s;
        for (int depth = 0, quote = 0; *s && (depth > 0 || quote || !isspace((unsigned char)*s)); s++) {
            if (quote && *s == '\\' && s[1])
                s++;
            else if (*s == '"')
                quote = !quote;
            else if (!quote)
                depth += *s == '(' ? 1 : *s == ')' && depth > 0 ? -1 : 0;
        }
    }
}

static bool value(struct monitor *mon, const char *text, uint64_t *v)
{
    struct expr e;
    char err[160];
    if (!expr_parse(&e, text, mon->syms, err, sizeof err) || !expr_eval(&e, mon->m, v, err, sizeof err)) {
        monitor_fail(mon, "%s", err);
        return false;
    }
    return true;
}

/* A count or length from 1 to max; what names it in the complaint. */
static bool count_arg(struct monitor *mon, const char *text, uint64_t max, const char *what, uint64_t *n)
{
    if (!value(mon, text, n))
        return false;
    if (*n == 0 || *n > max) {
        monitor_fail(mon, "%s must be 1 to %" PRIu64, what, max);
        return false;
    }
    return true;
}

static bool no_args(struct monitor *mon, int argc, const char *cmd)
{
    if (argc) {
        monitor_fail(mon, "%s takes no arguments", cmd);
        return false;
    }
    return true;
}

/* ---- disassembly ---- */

/* Disassemble the instruction at va; false (with why) if it cannot be read. */
static bool disas_line(struct monitor *mon, uint64_t va, bool mark, unsigned *len)
{
    uint8_t b[4];
    uint64_t at;
    const char *why;
    char sym[112], text[96];
    if (!dbg_read(mon->m, va, false, b, 2, &at, &why)) {
        monitor_fail(mon, "cannot read 0x%" PRIx64 ": %s", at, why);
        return false;
    }
    uint32_t raw = (uint32_t)b[0] | (uint32_t)b[1] << 8;
    if ((raw & 3) == 3) {
        if (!dbg_read(mon->m, va + 2, false, b + 2, 2, &at, &why)) {
            monitor_fail(mon, "cannot read 0x%" PRIx64 ": %s", at, why);
            return false;
        }
        raw |= (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    }
    *len = isa_disas(va, raw, text, sizeof text);
    /* "mnemonic\toperands" -> mnemonic padded to a column */
    char *tab = strchr(text, '\t');
    const char *ops = "";
    if (tab) {
        *tab = '\0';
        ops = tab + 1;
    }
    struct insn in;
    isa_decode(raw, &in);
    char target[112] = "";
    bool direct = in.op == OP_JAL || (in.op >= OP_BEQ && in.op <= OP_BGEU) ||
                  (in.op >= OP_AM_BT && in.op <= OP_AM_BFGE);
    if (direct)
        sym_suffix(mon, va + (uint64_t)(int64_t)in.imm, target, sizeof target);
    /* "=> addr <sym>:  bits  mnemonic operands <target>", no trailing blanks */
    char line[512];
    int n = snprintf(line, sizeof line, "%s0x%08" PRIx64 "%s:  %0*x%*s  %-7s %s%s", mark ? "=> " : "   ", va,
                     sym_suffix(mon, va, sym, sizeof sym), *len == 2 ? 4 : 8, raw, *len == 2 ? 4 : 0, "",
                     text, ops, target);
    for (n = n < (int)sizeof line ? n : (int)sizeof line - 1; n > 0 && line[n - 1] == ' '; n--)
        line[n - 1] = '\0';
    say(mon, "%s\n", line);
    return true;
}

static void where(struct monitor *mon)
{
    unsigned len;
    disas_line(mon, mon->m->cpu.pc, true, &len);
}

/* ---- running ---- */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

void monitor_report_stop(struct monitor *mon, const struct stop *st, FILE *out)
{
    FILE *saved = mon->out;
    char sym[112];
    mon->out = out;
    switch (st->why) {
    case WHY_STEPS:
        break;
    case WHY_BREAK:
        say(mon, "breakpoint %u\n", st->id);
        break;
    case WHY_WATCH:
        say(mon, "watchpoint %u: %s at 0x%" PRIx64 "%s\n", st->id,
            st->acc == ACC_WRITE ? "write" : "read", st->addr, sym_suffix(mon, st->addr, sym, sizeof sym));
        break;
    case WHY_COND:
        say(mon, "condition met after %" PRIu64 " steps\n", st->steps);
        break;
    case WHY_USER:
        say(mon, "stopped\n");
        break;
    case WHY_END:
        if (st->end == STOP_FAIL)
            say(mon, "%s with status %u\n", debug_end_text(st->end), mon->m->exit_code);
        else
            say(mon, "%s\n", debug_end_text(st->end));
        mon->out = saved;
        return;
    }
    where(mon);
    mon->out = saved;
}

/* Run, and report the stop; a condition that failed to evaluate has
 * already said so, and its stop is reported as a plain one. */
static void run(struct monitor *mon, const struct run_req *r, const bool *cond_failed)
{
    double t0 = now();
    struct stop st = debug_run(mon->dbg, r);
    mon->run_seconds += now() - t0;
    if (cond_failed && *cond_failed && st.why == WHY_COND)
        st.why = WHY_USER;
    monitor_report_stop(mon, &st, mon->out);
}

static void cmd_step(struct monitor *mon, int argc, char **argv, const char *rest)
{
    (void)rest;
    uint64_t n = 1;
    if (argc > 1) {
        monitor_fail(mon, "usage: step [N]");
        return;
    }
    if (argc == 1 && !count_arg(mon, argv[0], INT64_MAX, "the count", &n))
        return;
    run(mon, &(struct run_req){ .steps = n }, NULL);
}

struct next_ctx {
    struct machine *m;
    uint64_t ret, sp;
};

/* Back from the call: at the return address with the stack no deeper. */
static bool returned(void *p)
{
    struct next_ctx *n = p;
    return n->m->cpu.pc == n->ret && n->m->cpu.x[2] >= n->sp;
}

static void cmd_next(struct monitor *mon, int argc, char **argv, const char *rest)
{
    (void)argv, (void)rest;
    if (!no_args(mon, argc, "next"))
        return;
    const struct cpu *c = &mon->m->cpu;
    uint8_t b[4] = { 0 };
    uint64_t at;
    const char *why;
    if (!dbg_read(mon->m, c->pc, false, b, 2, &at, &why) ||
        ((b[0] & 3) == 3 && !dbg_read(mon->m, c->pc + 2, false, b + 2, 2, &at, &why))) {
        monitor_fail(mon, "cannot read 0x%" PRIx64 ": %s", at, why);
        return;
    }
    struct insn in;
    isa_decode((uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24, &in);
    /* A call is a jump that links in ra or t0 (the psABI's link registers). */
    if ((in.op == OP_JAL || in.op == OP_JALR) && (in.rd == 1 || in.rd == 5)) {
        struct next_ctx n = { mon->m, c->pc + in.len, c->x[2] };
        run(mon, &(struct run_req){ .cond = returned, .ctx = &n }, NULL);
    } else {
        run(mon, &(struct run_req){ .steps = 1 }, NULL);
    }
}

static void cmd_cont(struct monitor *mon, int argc, char **argv, const char *rest)
{
    (void)argv, (void)rest;
    if (no_args(mon, argc, "cont"))
        run(mon, &(struct run_req){ 0 }, NULL);
}

static void cmd_stop(struct monitor *mon, int argc, char **argv, const char *rest)
{
    (void)argc, (void)argv, (void)rest;
    say(mon, "the machine is not running\n");
}

struct cond_ctx {
    struct monitor *mon;
    struct expr e;
    bool want;     /* until: stop when true; while: stop when false */
    bool failed;
};

static bool cond_met(void *p)
{
    struct cond_ctx *k = p;
    uint64_t v;
    char err[160];
    if (!expr_eval(&k->e, k->mon->m, &v, err, sizeof err)) {
        monitor_fail(k->mon, "%s", err);
        k->failed = true;
        return true;
    }
    return (v != 0) == k->want;
}

static void run_cond(struct monitor *mon, const char *rest, bool want, const char *cmd)
{
    struct cond_ctx k = { .mon = mon, .want = want };
    char err[160];
    if (!*rest) {
        monitor_fail(mon, "usage: %s CONDITION", cmd);
        return;
    }
    if (!expr_parse(&k.e, rest, mon->syms, err, sizeof err)) {
        monitor_fail(mon, "%s", err);
        return;
    }
    if (cond_met(&k)) { /* already there: nothing to run */
        if (!k.failed)
            say(mon, "condition already met\n");
        return;
    }
    run(mon, &(struct run_req){ .cond = cond_met, .ctx = &k }, &k.failed);
}

static void cmd_until(struct monitor *mon, int argc, char **argv, const char *rest)
{
    (void)argc, (void)argv;
    run_cond(mon, rest, true, "until");
}

static void cmd_while(struct monitor *mon, int argc, char **argv, const char *rest)
{
    (void)argc, (void)argv;
    run_cond(mon, rest, false, "while");
}

/* ---- breakpoints and watchpoints ---- */

static void cmd_break(struct monitor *mon, int argc, char **argv, const char *rest)
{
    (void)argv;
    uint64_t addr;
    char sym[112];
    if (!argc) {
        monitor_fail(mon, "usage: break ADDR|SYMBOL");
        return;
    }
    if (!value(mon, rest, &addr))
        return;
    if (addr & 1) {
        monitor_fail(mon, "0x%" PRIx64 " is not an instruction address (odd)", addr);
        return;
    }
    if (debug_break_at(mon->dbg, addr)) {
        monitor_fail(mon, "there is a breakpoint at 0x%" PRIx64 " already", addr);
        return;
    }
    unsigned id = debug_add_break(mon->dbg, addr, 0, OWNER_USER);
    if (!id) {
        monitor_fail(mon, "too many breakpoints and watchpoints (%d)", DEBUG_MAX_POINTS);
        return;
    }
    say(mon, "breakpoint %u at 0x%" PRIx64 "%s\n", id, addr, sym_suffix(mon, addr, sym, sizeof sym));
}

static void cmd_watch(struct monitor *mon, int argc, char **argv, const char *rest)
{
    (void)rest;
    unsigned kinds = WATCH_WRITE;
    int i = 0;
    if (argc && (!strcmp(argv[0], "r") || !strcmp(argv[0], "w") || !strcmp(argv[0], "rw"))) {
        kinds = !strcmp(argv[0], "r") ? WATCH_READ : !strcmp(argv[0], "w") ? WATCH_WRITE
                                                                            : WATCH_READ | WATCH_WRITE;
        i = 1;
    }
    uint64_t addr, len = 8;
    char sym[112];
    if (argc - i < 1 || argc - i > 2) {
        monitor_fail(mon, "usage: watch [r|w|rw] ADDR [LEN]");
        return;
    }
    if (!value(mon, argv[i], &addr) || (argc - i == 2 && !count_arg(mon, argv[i + 1], 1u << 30, "the length", &len)))
        return;
    if (addr + len - 1 < addr) {
        monitor_fail(mon, "the range wraps around the address space");
        return;
    }
    unsigned id = debug_add_watch(mon->dbg, addr, len, kinds, OWNER_USER);
    if (!id) {
        monitor_fail(mon, "too many breakpoints and watchpoints (%d)", DEBUG_MAX_POINTS);
        return;
    }
    say(mon, "watchpoint %u (%s) at 0x%" PRIx64 "%s, %" PRIu64 " bytes\n", id,
        kinds == WATCH_READ ? "r" : kinds == WATCH_WRITE ? "w" : "rw", addr,
        sym_suffix(mon, addr, sym, sizeof sym), len);
}

static void cmd_delete(struct monitor *mon, int argc, char **argv, const char *rest)
{
    (void)rest;
    if (!argc) {
        debug_delete_all(mon->dbg, OWNER_USER);
        say(mon, "deleted all breakpoints and watchpoints\n");
        return;
    }
    for (int i = 0; i < argc; i++) {
        char *end;
        errno = 0;
        unsigned long id = strtoul(argv[i], &end, 10);
        const struct point *p = debug_point(mon->dbg, (unsigned)id);
        if (errno || *end || !p || id > UINT32_MAX) {
            monitor_fail(mon, "no breakpoint or watchpoint %s", argv[i]);
            return;
        }
        if (p->owner != OWNER_USER) {
            monitor_fail(mon, "%s belongs to GDB", argv[i]);
            return;
        }
        debug_delete(mon->dbg, (unsigned)id);
    }
}

/* ---- registers ---- */

static void show_reg(struct monitor *mon, const char *name, int reg)
{
    struct cpu *c = &mon->m->cpu;
    uint64_t v = 0;
    char sym[112], tag[24];
    if (reg < 32) {
        v = c->x[reg];
    } else if (reg == REG_PC) {
        say(mon, "%-14s 0x%016" PRIx64 "%s\n", name, c->pc, sym_suffix(mon, c->pc, sym, sizeof sym));
        return;
    } else if (reg == REG_PRIV) {
        say(mon, "%-14s %u (%c)\n", name, c->priv, priv_letter[c->priv & 3]);
        return;
    } else if (!dbg_csr_read(c, (unsigned)(reg - REG_CSR), &v)) {
        monitor_fail(mon, "CSR %s is not implemented", name);
        return;
    }
    say(mon, "%-14s 0x%016" PRIx64, name, v);
    if (reg < 32 && (v >> AM_TAG_SHIFT) && (v >> AM_TAG_SHIFT & 15) != AM_T_RAW)
        say(mon, "  %s %" PRId64, tag_text((unsigned)(v >> AM_TAG_SHIFT), tag), AM_DATUM(v));
    say(mon, "\n");
}

static void cmd_regs(struct monitor *mon, int argc, char **argv, const char *rest)
{
    (void)rest;
    struct cpu *c = &mon->m->cpu;
    char sym[112], tag[24];
    if (argc == 1 && !strcmp(argv[0], "csrs")) {
        unsigned csrs[MAX_CSRS], n = dbg_csr_list(c, csrs, MAX_CSRS);
        for (unsigned i = 0; i < n; i++) {
            uint64_t v = 0;
            dbg_csr_read(c, csrs[i], &v);
            say(mon, "%-13s 0x%016" PRIx64 "%s", isa_csr_name(csrs[i]), v, i % 3 == 2 || i + 1 == n ? "\n" : "  ");
        }
        return;
    }
    if (argc) {
        for (int i = 0; i < argc; i++) {
            int reg = expr_reg_number(argv[i][0] == '$' ? argv[i] + 1 : argv[i], true);
            if (reg < 0) {
                monitor_fail(mon, "unknown register '%s'", argv[i]);
                return;
            }
            show_reg(mon, argv[i][0] == '$' ? argv[i] + 1 : argv[i], reg);
        }
        return;
    }
    say(mon, "pc   0x%016" PRIx64 "%s  priv %c  instret %" PRIu64 "  cycle %" PRIu64 "\n", c->pc,
        sym_suffix(mon, c->pc, sym, sizeof sym), priv_letter[c->priv & 3], c->instret, c->cycle);
    for (unsigned i = 0; i < 32; i++)
        say(mon, "%-4s 0x%016" PRIx64 "%s", isa_reg_name[i], c->x[i], i % 4 == 3 ? "\n" : "  ");
    /* Registers holding Lisp values: the top byte is the tag (Xamber). */
    bool any = false;
    for (unsigned i = 1; i < 32; i++) {
        uint64_t v = c->x[i];
        unsigned t = (unsigned)(v >> AM_TAG_SHIFT);
        if (!t || (t & 15) == AM_T_RAW || (t & 15) > AM_T_FORWARD)
            continue;
        say(mon, "%s%s=%s:", any ? " " : "tagged: ", isa_reg_name[i], tag_text(t, tag));
        if ((t & 15) >= AM_PROTECTED) /* pointers in hex, immediates in decimal */
            say(mon, "0x%" PRIx64, (uint64_t)AM_DATUM(v));
        else
            say(mon, "%" PRId64, (int64_t)AM_DATUM(v));
        any = true;
    }
    if (any)
        say(mon, "\n");
}

static void cmd_set(struct monitor *mon, int argc, char **argv, const char *rest)
{
    (void)argc, (void)argv;
    const char *eq = rest;
    /* The first "=" that is not part of "==", "<=", ">=" or "!=". */
    for (; *eq; eq++)
        if (*eq == '=' && eq[1] != '=' && (eq == rest || !strchr("=<>!", eq[-1])))
            break;
    if (!*eq) {
        monitor_fail(mon, "usage: set REGISTER|*ADDR|memN(ADDR) = VALUE");
        return;
    }
    char lhs[256];
    if ((size_t)(eq - rest) >= sizeof lhs) {
        monitor_fail(mon, "left side too long");
        return;
    }
    memcpy(lhs, rest, (size_t)(eq - rest));
    lhs[eq - rest] = '\0';
    struct expr e;
    char err[160];
    uint64_t v;
    if (!expr_parse(&e, lhs, mon->syms, err, sizeof err)) {
        monitor_fail(mon, "%s", err);
        return;
    }
    if (!value(mon, eq + 1, &v))
        return;
    if (!expr_assign(&e, mon->m, v, err, sizeof err))
        monitor_fail(mon, "%s", err);
}

static void cmd_print(struct monitor *mon, int argc, char **argv, const char *rest)
{
    (void)argv;
    uint64_t v;
    char sym[112];
    if (!argc) {
        monitor_fail(mon, "usage: print EXPR");
        return;
    }
    if (!value(mon, rest, &v))
        return;
    say(mon, "0x%" PRIx64 " %" PRIu64, v, v);
    if ((int64_t)v < 0)
        say(mon, " (%" PRId64 ")", (int64_t)v);
    say(mon, "%s\n", sym_suffix(mon, v, sym, sizeof sym));
}

/* ---- memory ---- */

/* "/FMT" of x and xp: count, format letter, size letter, in any order. */
static bool parse_fmt(struct monitor *mon, const char *f)
{
    unsigned count = 0, size = mon->x_size;
    char fmt = mon->x_fmt;
    bool any_count = false;
    for (; *f; f++) {
        if (isdigit((unsigned char)*f)) {
            count = count * 10 + (unsigned)(*f - '0');
            any_count = true;
            if (count > 4096) {
                monitor_fail(mon, "the count must be 1 to 4096");
                return false;
            }
        } else if (strchr("xduocsi", *f)) {
            fmt = *f;
        } else if (strchr("bhwg", *f)) {
            size = *f == 'b' ? 1 : *f == 'h' ? 2 : *f == 'w' ? 4 : 8;
        } else {
            monitor_fail(mon, "bad format letter '%c' (formats x d u o c s i, sizes b h w g)", *f);
            return false;
        }
    }
    if (any_count && count == 0) {
        monitor_fail(mon, "the count must be 1 to 4096");
        return false;
    }
    mon->x_count = any_count ? count : 1;
    mon->x_fmt = fmt;
    mon->x_size = fmt == 'c' ? 1 : size;
    return true;
}

static void examine(struct monitor *mon, bool phys)
{
    uint64_t a = mon->x_next, at;
    const char *why;
    char sym[112];
    if (mon->x_fmt == 'i') {
        if (phys) {
            monitor_fail(mon, "x/i works on virtual addresses only");
            return;
        }
        for (unsigned i = 0, len; i < mon->x_count; i++, a += len)
            if (!disas_line(mon, a, a == mon->m->cpu.pc, &len))
                break;
        mon->x_next = a;
        return;
    }
    if (mon->x_fmt == 's') {
        for (unsigned i = 0; i < mon->x_count; i++) {
            say(mon, "0x%08" PRIx64 "%s:  \"", a, sym_suffix(mon, a, sym, sizeof sym));
            for (unsigned n = 0;; n++, a++) {
                uint8_t ch;
                if (!dbg_read(mon->m, a, phys, &ch, 1, &at, &why)) {
                    say(mon, "\"\n");
                    monitor_fail(mon, "cannot read 0x%" PRIx64 ": %s", at, why);
                    mon->x_next = a;
                    return;
                }
                if (!ch || n == 4096) {
                    a += !ch;
                    break;
                }
                if (ch == '"' || ch == '\\')
                    say(mon, "\\%c", ch);
                else if (isprint(ch))
                    say(mon, "%c", ch);
                else
                    say(mon, "\\x%02x", ch);
            }
            say(mon, "\"\n");
        }
        mon->x_next = a;
        return;
    }
    unsigned size = mon->x_size, per_line = mon->x_fmt == 'c' ? 8 : 16 / size;
    for (unsigned i = 0; i < mon->x_count; i++, a += size) {
        uint64_t v = 0;
        if (!dbg_read(mon->m, a, phys, &v, size, &at, &why)) {
            if (i % per_line)
                say(mon, "\n");
            monitor_fail(mon, "cannot read 0x%" PRIx64 ": %s", at, why);
            break;
        }
        if (i % per_line == 0)
            say(mon, "0x%08" PRIx64 "%s:", a, phys ? "" : sym_suffix(mon, a, sym, sizeof sym));
        int64_t sv = size == 8 ? (int64_t)v : (int64_t)(v << (64 - 8 * size)) >> (64 - 8 * size);
        switch (mon->x_fmt) {
        case 'x': say(mon, "  0x%0*" PRIx64, (int)size * 2, v); break;
        case 'd': say(mon, "  %" PRId64, sv); break;
        case 'u': say(mon, "  %" PRIu64, v); break;
        case 'o': say(mon, "  0%" PRIo64, v); break;
        default: say(mon, isprint((int)v) ? "  '%c'" : "  \\x%02x", (int)v); break;
        }
        if (i % per_line == per_line - 1 || i + 1 == mon->x_count)
            say(mon, "\n");
    }
    mon->x_next = a;
}

static void cmd_x_common(struct monitor *mon, int argc, char **argv, const char *rest, bool phys,
                         const char *fmt)
{
    (void)argv;
    if (fmt && !parse_fmt(mon, fmt))
        return;
    if (!fmt)
        mon->x_count = 1; /* the last format and size, once */
    if (argc) {
        if (!value(mon, rest, &mon->x_next))
            return;
    } else if (mon->x_phys != phys) {
        monitor_fail(mon, "usage: %s/FMT ADDR", phys ? "xp" : "x");
        return;
    }
    mon->x_phys = phys;
    examine(mon, phys);
}

static void cmd_tags(struct monitor *mon, int argc, char **argv, const char *rest)
{
    (void)rest;
    uint64_t addr, n = 8;
    char sym[112], tag[24];
    if (argc < 1 || argc > 2) {
        monitor_fail(mon, "usage: tags ADDR [N]");
        return;
    }
    if (!value(mon, argv[0], &addr) || (argc == 2 && !count_arg(mon, argv[1], 4096, "the count", &n)))
        return;
    addr &= ~7ull; /* tags belong to aligned words */
    for (uint64_t i = 0; i < n; i++, addr += 8) {
        uint8_t t;
        uint64_t w = 0, at;
        const char *why;
        if (!dbg_tag(mon->m, addr, false, &t, &why) || !dbg_read(mon->m, addr, false, &w, 8, &at, &why)) {
            monitor_fail(mon, "cannot read the tag of 0x%" PRIx64 ": %s", addr, why);
            return;
        }
        say(mon, "0x%08" PRIx64 "%s:  %-12s 0x%016" PRIx64 "\n", addr,
            sym_suffix(mon, addr, sym, sizeof sym), tag_text(t, tag), w);
    }
}

static void cmd_disas(struct monitor *mon, int argc, char **argv, const char *rest)
{
    (void)rest;
    uint64_t addr = mon->m->cpu.pc, n = 10;
    if (argc > 2) {
        monitor_fail(mon, "usage: disas [ADDR] [N]");
        return;
    }
    if ((argc >= 1 && !value(mon, argv[0], &addr)) || (argc == 2 && !count_arg(mon, argv[1], 4096, "the count", &n)))
        return;
    unsigned len;
    for (uint64_t i = 0; i < n; i++, addr += len) {
        const struct symbol *s = symtab_at(mon->syms, addr);
        if (s)
            say(mon, "%s:\n", s->name);
        if (!disas_line(mon, addr, addr == mon->m->cpu.pc, &len))
            return;
    }
}

/* ---- information ---- */

static void info_breakpoints(struct monitor *mon)
{
    const struct debug *d = mon->dbg;
    char sym[112];
    if (!d->nbreak && !d->nwatch) {
        say(mon, "no breakpoints or watchpoints\n");
        return;
    }
    for (unsigned i = 0; i < DEBUG_MAX_POINTS; i++) {
        const struct point *p = &d->pt[i];
        if (!p->id)
            continue;
        say(mon, "%-3u %-8s 0x%016" PRIx64 "%s", p->id,
            !p->watch ? "break" : p->kinds == WATCH_READ ? "watch r" : p->kinds == WATCH_WRITE ? "watch w" : "watch rw",
            p->addr, sym_suffix(mon, p->addr, sym, sizeof sym));
        if (p->watch)
            say(mon, " len %" PRIu64, p->len);
        say(mon, " hits %" PRIu64 "%s\n", p->hits, p->owner == OWNER_GDB ? " (gdb)" : "");
    }
}

static void info_devices(struct monitor *mon)
{
    const struct machine *m = mon->m;
    for (unsigned i = 0; i < m->bus.n; i++) {
        const struct bus_region *r = &m->bus.r[i];
        say(mon, "%-10s 0x%010" PRIx64 "-0x%010" PRIx64 "  %s\n", r->name, r->base, r->base + r->size - 1,
            r->ops ? "device" : r->tags.word ? "RAM, tagged" : r->writable ? "RAM" : "ROM");
    }
    const struct uart *u = &m->uart;
    say(mon, "uart0: ier 0x%02x lcr 0x%02x lsr 0x%02x mcr 0x%02x, %u bytes received and unread, irq %d\n",
        u->ier, u->lcr, u->lsr, u->mcr, u->rx_count, uart_irq(u));
    say(mon, "clint: mtime %" PRIu64 " mtimecmp 0x%" PRIx64 " msip %u, mtip %d\n", clint_mtime(&m->clint),
        m->clint.mtimecmp, m->clint.msip, clint_mtip(&m->clint));
    say(mon, "plic: pending 0x%08x claimed 0x%08x enable M 0x%08x S 0x%08x threshold M %u S %u\n",
        plic_pending(&m->plic), m->plic.claimed, m->plic.enable[0], m->plic.enable[1],
        m->plic.threshold[0], m->plic.threshold[1]);
    say(mon, "finisher: %s\n", m->finisher.triggered ? "triggered" : "idle");
    const struct amberdevs *a = &m->devs;
    say(mon, "display: ctrl 0x%x %ux%u format %u frame buffer 0x%" PRIx64 ", %" PRIu64 " frames, irq %d\n",
        a->display.ctrl, a->display.width, a->display.height, a->display.fmt, a->display.fb_cur,
        a->display.frames, display_irq(&a->display));
    say(mon, "gfx: ctrl 0x%x, %u words queued, ring head 0x%x tail 0x%x, error 0x%x, %" PRIu64 " cycles, irq %d\n",
        a->gfx.ctrl, a->gfx.fifo_count, a->gfx.ring_head, a->gfx.ring_tail, a->gfx.error, a->gfx.cycles,
        gfx_irq(&a->gfx));
    say(mon, "kbd: %u events queued, modifiers 0x%x; mouse: %u,%u buttons 0x%x\n", a->kbd.count,
        a->kbd.mods, a->mouse.x, a->mouse.y, a->mouse.buttons);
    say(mon, "rtc: %" PRIu64 " ns, alarm %s; power: status 0x%x\n", rtc_time_ns(&a->rtc),
        (a->rtc.ctrl & RTC_CTRL_ALARM) ? "on" : "off", m->power.status);
}

static void info_tlb(struct monitor *mon)
{
    const struct cpu *c = &mon->m->cpu;
    static const char *const ctx[3] = { "U", "S", "M" };
    unsigned n = 0;
    say(mon, "satp 0x%016" PRIx64 " (%s), data context %s, fetch context %s\n", c->csr.satp,
        (c->csr.satp >> 60) == SATP_MODE_SV39 ? "Sv39" : "Bare", ctx[c->dctx], ctx[c->ictx]);
    for (unsigned k = 0; k < 3; k++) {
        for (unsigned i = 0; i < TLB_SIZE; i++) {
            const struct tlb_entry *e = &c->tlb[k][i];
            uint64_t va = TLB_INVALID;
            for (unsigned a = 0; a < 3; a++)
                if (e->tag[a] != TLB_INVALID)
                    va = e->tag[a];
            if (va == TLB_INVALID)
                continue;
            say(mon, "%s 0x%016" PRIx64 " -> 0x%010" PRIx64 " %c%c%c\n", ctx[k], va, e->pa,
                e->tag[ACC_READ] != TLB_INVALID ? 'r' : '-', e->tag[ACC_WRITE] != TLB_INVALID ? 'w' : '-',
                e->tag[ACC_EXEC] != TLB_INVALID ? 'x' : '-');
            n++;
        }
    }
    say(mon, "%u entries%s\n", n, c->hooks && c->hooks->ram ? " (data pages stay out while watching memory)" : "");
}

static unsigned lines_used(const uint64_t *tags, unsigned n)
{
    unsigned used = 0;
    for (unsigned i = 0; i < n; i++)
        used += tags[i] != 0;
    return used;
}

static void info_caches(struct monitor *mon)
{
    const struct timing *t = &mon->m->cpu.timing;
    say(mon, "L1I  32 KiB 2-way 64-byte lines: %5u of %u lines valid, %" PRIu64 " misses\n",
        lines_used(&t->l1i.tag[0][0], L1_SETS * 2), L1_SETS * 2, t->l1i_miss);
    say(mon, "L1D  32 KiB 2-way 64-byte lines: %5u of %u lines valid, %" PRIu64 " misses\n",
        lines_used(&t->l1d.tag[0][0], L1_SETS * 2), L1_SETS * 2, t->l1d_miss);
    say(mon, "L2  512 KiB 8-way 64-byte lines: %5u of %u lines valid, %" PRIu64 " misses\n",
        lines_used(&t->l2.tag[0][0], L2_SETS * L2_WAYS), L2_SETS * L2_WAYS, t->l2_miss);
    say(mon, "latencies: L2 hit +%u, DRAM +%u, device register +%u cycles\n", LAT_L2, LAT_L2 + LAT_DRAM, LAT_MMIO);
}

static void info_timing(struct monitor *mon)
{
    const struct machine *m = mon->m;
    const struct cpu *c = &m->cpu;
    uint64_t next = clint_next_event(&m->clint);
    say(mon, "core clock %llu Hz, timebase %llu Hz (a tick every %u cycles)\n",
        (unsigned long long)CORE_HZ, (unsigned long long)(CORE_HZ / CYCLES_PER_TICK), CYCLES_PER_TICK);
    say(mon, "cycles %" PRIu64 ", instructions %" PRIu64 ", cpi %.3f, simulated time %.9f s\n", c->cycle,
        c->instret, c->instret ? (double)c->cycle / (double)c->instret : 0.0, (double)c->cycle / CORE_HZ);
    say(mon, "mcycle %" PRIu64 ", minstret %" PRIu64 ", mtime %" PRIu64 ", mtimecmp %" PRIu64 "\n",
        cpu_mcycle(c), cpu_minstret(c), clint_mtime(&m->clint), m->clint.mtimecmp);
    if (next == UINT64_MAX)
        say(mon, "timer interrupt: none due\n");
    else
        say(mon, "timer interrupt: due at cycle %" PRIu64 "\n", next);
    say(mon, "hart: %s\n", c->wfi ? "waiting for an interrupt (wfi)" : "running");
}

static void info_symbols(struct monitor *mon, const char *pattern)
{
    for (unsigned i = 0; i < mon->syms->n; i++) {
        const struct symbol *s = &mon->syms->sym[i];
        if (!pattern || strstr(s->name, pattern))
            say(mon, "0x%016" PRIx64 " %6" PRIu64 " %s\n", s->addr, s->size, s->name);
    }
}

static void cmd_info(struct monitor *mon, int argc, char **argv, const char *rest)
{
    (void)rest;
    static const char *const topics = "breakpoints, devices, tlb, caches, timing, symbols [TEXT]";
    if (argc < 1 || (argc > 1 && strcmp(argv[0], "symbols")) || argc > 2) {
        monitor_fail(mon, "usage: info %s", topics);
        return;
    }
    size_t n = strlen(argv[0]);
    if (!strncmp(argv[0], "breakpoints", n) || !strcmp(argv[0], "watchpoints"))
        info_breakpoints(mon);
    else if (!strncmp(argv[0], "devices", n))
        info_devices(mon);
    else if (!strncmp(argv[0], "tlb", n))
        info_tlb(mon);
    else if (!strncmp(argv[0], "caches", n))
        info_caches(mon);
    else if (!strncmp(argv[0], "timing", n))
        info_timing(mon);
    else if (!strncmp(argv[0], "symbols", n))
        info_symbols(mon, argc == 2 ? argv[1] : NULL);
    else
        monitor_fail(mon, "no information about '%s' (try %s)", argv[0], topics);
}

static void cmd_stats(struct monitor *mon, int argc, char **argv, const char *rest)
{
    (void)argv, (void)rest;
    if (!no_args(mon, argc, "stats"))
        return;
    const struct cpu *c = &mon->m->cpu;
    say(mon, "instructions: %" PRIu64 "\n", c->instret);
    say(mon, "cycles: %" PRIu64 "\n", c->cycle);
    say(mon, "cpi: %.3f\n", c->instret ? (double)c->cycle / (double)c->instret : 0.0);
    say(mon, "sim-seconds: %.6f\n", (double)c->cycle / CORE_HZ);
    say(mon, "host-seconds: %.6f\n", mon->run_seconds);
    say(mon, "l1i-misses: %" PRIu64 "\n", c->timing.l1i_miss);
    say(mon, "l1d-misses: %" PRIu64 "\n", c->timing.l1d_miss);
    say(mon, "l2-misses: %" PRIu64 "\n", c->timing.l2_miss);
}

/* ---- trace ---- */

static void cmd_trace(struct monitor *mon, int argc, char **argv, const char *rest)
{
    (void)rest;
    static const struct { const char *name; unsigned bits; } kinds[] = {
        { "insn", TRACE_INSN }, { "mem", TRACE_MEM }, { "mmio", TRACE_MMIO }, { "trap", TRACE_TRAP },
        { "all", TRACE_INSN | TRACE_MEM | TRACE_MMIO | TRACE_TRAP },
    };
    struct debug *d = mon->dbg;
    if (argc == 0) {
        say(mon, "tracing:");
        for (unsigned i = 0; i < 4; i++)
            say(mon, " %s %s", kinds[i].name, d->trace & kinds[i].bits ? "on" : "off");
        say(mon, "\n");
        return;
    }
    if (argc == 2 && !strcmp(argv[0], "file")) {
        FILE *f = stderr;
        if (strcmp(argv[1], "-")) {
            f = fopen(argv[1], "w");
            if (!f) {
                monitor_fail(mon, "%s: %s", argv[1], strerror(errno));
                return;
            }
        }
        debug_set_trace_file(d, f);
        if (mon->trace_file)
            fclose(mon->trace_file);
        mon->trace_file = f == stderr ? NULL : f;
        return;
    }
    if (argc == 2 && (!strcmp(argv[1], "on") || !strcmp(argv[1], "off"))) {
        for (unsigned i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
            if (!strcmp(argv[0], kinds[i].name)) {
                debug_set_trace(d, kinds[i].bits, argv[1][1] == 'n');
                return;
            }
        }
    }
    monitor_fail(mon, "usage: trace insn|mem|mmio|trap|all on|off, or trace file PATH|-");
}

/* ---- snapshots ---- */

static void cmd_savevm(struct monitor *mon, int argc, char **argv, const char *rest)
{
    (void)rest;
    char err[256];
    if (argc != 1) {
        monitor_fail(mon, "usage: savevm FILE");
        return;
    }
    if (!snapshot_save(mon->m, argv[0], err, sizeof err))
        monitor_fail(mon, "%s", err);
    else
        say(mon, "saved the machine to %s\n", argv[0]);
}

static void cmd_loadvm(struct monitor *mon, int argc, char **argv, const char *rest)
{
    (void)rest;
    char err[256];
    if (argc != 1) {
        monitor_fail(mon, "usage: loadvm FILE");
        return;
    }
    if (!snapshot_load(mon->m, argv[0], err, sizeof err)) {
        monitor_fail(mon, "%s", err);
        return;
    }
    debug_reset_end(mon->dbg);
    say(mon, "restored the machine from %s\n", argv[0]);
    where(mon);
}

/* ---- display ---- */

static void cmd_screendump(struct monitor *mon, int argc, char **argv, const char *rest)
{
    (void)rest;
    char err[256];
    if (argc != 1) {
        monitor_fail(mon, "usage: screendump FILE.png");
        return;
    }
    if (!amberdevs_screendump(&mon->m->devs, argv[0], err, sizeof err))
        monitor_fail(mon, "%s", err);
    else
        say(mon, "saved the display to %s\n", argv[0]);
}

static void cmd_quit(struct monitor *mon, int argc, char **argv, const char *rest)
{
    (void)argv, (void)rest;
    if (no_args(mon, argc, "quit"))
        mon->quit = true;
}

static void cmd_help(struct monitor *mon, int argc, char **argv, const char *rest);

static void cmd_x(struct monitor *mon, int argc, char **argv, const char *rest)
{
    cmd_x_common(mon, argc, argv, rest, false, NULL);
}

static void cmd_xp(struct monitor *mon, int argc, char **argv, const char *rest)
{
    cmd_x_common(mon, argc, argv, rest, true, NULL);
}

static const struct command commands[] = {
    { "help", "h", "help [COMMAND]", "list the commands, or explain one", cmd_help },
    { "regs", "r", "regs [NAME...|csrs]",
      "pc, privilege and the GPRs (with the tags of Lisp values); the named registers or CSRs; or all CSRs", cmd_regs },
    { "step", "s", "step [N]", "execute N instructions (default 1); entering a trap counts as one", cmd_step },
    { "next", "n", "next", "step, but run a call (jal/jalr linking ra or t0) until it returns", cmd_next },
    { "cont", "c", "cont", "run until a breakpoint, a watchpoint, stop (Ctrl-C) or the guest's end", cmd_cont },
    { "stop", NULL, "stop", "stop the running machine (from a TCP monitor; Ctrl-C on the terminal)", cmd_stop },
    { "until", NULL, "until COND", "run until the expression COND is true, checked after each step", cmd_until },
    { "while", NULL, "while COND", "run while the expression COND is true", cmd_while },
    { "break", "b", "break ADDR|SYMBOL", "stop before the instruction at ADDR executes", cmd_break },
    { "watch", "w", "watch [r|w|rw] ADDR [LEN]",
      "stop after an instruction reads (r), writes (w, the default) or accesses (rw) LEN bytes (default 8) at virtual ADDR", cmd_watch },
    { "delete", "d", "delete [ID...]", "delete breakpoints and watchpoints, all without an ID", cmd_delete },
    { "info", "i", "info breakpoints|devices|tlb|caches|timing|symbols [TEXT]",
      "breakpoints and watchpoints; the memory map and device state; the software TLB; the cache model; the timing model; the symbol table", cmd_info },
    { "x", NULL, "x[/FMT] [ADDR]",
      "examine virtual memory; FMT is [COUNT][FORMAT][SIZE], formats x d u o c s i, sizes b h w g (as gdb's); without ADDR go on", cmd_x },
    { "xp", NULL, "xp[/FMT] [ADDR]", "examine physical memory, like x", cmd_xp },
    { "tags", "t", "tags ADDR [N]", "the Xamber tags and values of N words (default 8) at virtual ADDR", cmd_tags },
    { "disas", "u", "disas [ADDR] [N]", "disassemble N instructions (default 10) at ADDR (default pc)", cmd_disas },
    { "set", NULL, "set LVALUE = EXPR", "set a register, CSR, pc, priv (0, 1, 3) or memory (*ADDR, mem8..mem64(ADDR))", cmd_set },
    { "print", "p", "print EXPR", "evaluate an expression: registers, CSRs, symbols, memory, C operators", cmd_print },
    { "trace", NULL, "trace [insn|mem|mmio|trap|all on|off] | trace file PATH|-",
      "trace instructions, memory accesses, device accesses or traps (to stderr unless a file is given)", cmd_trace },
    { "stats", NULL, "stats", "instructions, cycles, CPI, simulated and host time, cache misses", cmd_stats },
    { "savevm", NULL, "savevm FILE", "save the whole machine (CPU, caches, devices, memory) to FILE", cmd_savevm },
    { "loadvm", NULL, "loadvm FILE", "restore the machine from FILE; a bad file changes nothing", cmd_loadvm },
    { "screendump", NULL, "screendump FILE.png", "save what the display shows to a PNG file", cmd_screendump },
    { "power", NULL, "power [button [long] | cut]",
      "the power controller's state; press the power button, hold it down (forced off), or cut the power",
      monitor_cmd_power },
    { "key", NULL, "key NAME[+NAME...] [press|down|up]",
      "keyboard events: press (the default) is down then up; NAME+NAME holds the first keys (lctrl+c)", monitor_cmd_key },
    { "type", NULL, "type \"TEXT\"", "type TEXT on a US keyboard, one character every 10 ms of simulated time",
      monitor_cmd_type },
    { "mouse", NULL, "mouse move X Y | mouse button BUTTON down|up | mouse wheel N",
      "mouse events: absolute position in frame-buffer pixels, buttons (left, right, middle, back, forward), wheel steps",
      monitor_cmd_mouse },
    { "wait", NULL, "wait TIME", "run for TIME of simulated time (10ms, 250us, 2s, 5000c cycles)", monitor_cmd_wait },
    { "at", NULL, "at TIME COMMAND", "run until simulated time TIME since power-on, then do COMMAND", monitor_cmd_at },
    { "quit", "q", "quit", "leave amber", cmd_quit },
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

/* Commands that run the machine (or replace it), refused with no_run. */
static bool runs_machine(const struct command *c)
{
    static void (*const run[])(struct monitor *, int, char **, const char *) = {
        cmd_step, cmd_next, cmd_cont, cmd_until, cmd_while, cmd_loadvm,
        monitor_cmd_type, monitor_cmd_wait, monitor_cmd_at,
    };
    for (size_t i = 0; i < sizeof run / sizeof run[0]; i++)
        if (c->run == run[i])
            return true;
    return false;
}

static const struct command *find(const char *name)
{
    for (unsigned i = 0; i < NCOMMANDS; i++)
        if (!strcmp(name, commands[i].name) || (commands[i].alias && !strcmp(name, commands[i].alias)))
            return &commands[i];
    return NULL;
}

static void cmd_help(struct monitor *mon, int argc, char **argv, const char *rest)
{
    (void)rest;
    if (argc == 0) {
        for (unsigned i = 0; i < NCOMMANDS; i++)
            say(mon, "%-40s %s\n", commands[i].usage, commands[i].help);
        say(mon, "Expressions: numbers, registers, CSRs, symbols, *ADDR, mem8..mem64(ADDR), C operators.\n"
                 "Arguments are separated by spaces; put an expression with spaces in parentheses.\n");
        return;
    }
    const struct command *c = argc == 1 ? find(argv[0]) : NULL;
    if (!c) {
        monitor_fail(mon, "no command '%s'", argv[0]);
        return;
    }
    say(mon, "%s\n    %s", c->usage, c->help);
    if (c->alias)
        say(mon, " (short: %s)", c->alias);
    say(mon, "\n");
}

void monitor_init(struct monitor *mon, struct machine *m, struct debug *dbg, const struct symtab *syms)
{
    memset(mon, 0, sizeof *mon);
    mon->m = m;
    mon->dbg = dbg;
    mon->syms = syms;
    mon->x_fmt = 'x';
    mon->x_size = 4;
    mon->x_count = 1;
}

void monitor_exec(struct monitor *mon, const char *line, FILE *out)
{
    char buf[1024], *argv[MAX_ARGS];
    mon->out = out;
    while (isspace((unsigned char)*line))
        line++;
    if (!*line || *line == '#')
        return;
    if (strlen(line) >= sizeof buf) {
        monitor_fail(mon, "line too long (at most %zu characters)", sizeof buf - 1);
        return;
    }
    strcpy(buf, line);
    size_t n = strlen(buf);
    while (n && isspace((unsigned char)buf[n - 1]))
        buf[--n] = '\0';
    char *name = buf, *args = buf + strcspn(buf, " \t/");
    char *fmt = NULL;
    if (*args == '/') { /* x/FMT and xp/FMT */
        *args++ = '\0';
        fmt = args;
        args += strcspn(args, " \t");
    }
    if (*args)
        *args++ = '\0';
    while (isspace((unsigned char)*args))
        args++;
    const struct command *c = find(name);
    if (!c) {
        monitor_fail(mon, "unknown command '%s' (try help)", name);
        return;
    }
    if (mon->no_run && runs_machine(c)) {
        monitor_fail(mon, "%s runs the machine, which is not possible from here (use --monitor)", c->name);
        return;
    }
    if (fmt && strcmp(c->name, "x") && strcmp(c->name, "xp")) {
        monitor_fail(mon, "only x and xp take a /FMT");
        return;
    }
    char rest[sizeof buf];
    strcpy(rest, args); /* the arguments as typed, for commands that take one expression */
    int argc = split(args, argv);
    if (argc < 0) {
        monitor_fail(mon, "too many arguments");
        return;
    }
    if (fmt) {
        cmd_x_common(mon, argc, argv, rest, !strcmp(c->name, "xp"), fmt);
        return;
    }
    c->run(mon, argc, argv, rest);
}
