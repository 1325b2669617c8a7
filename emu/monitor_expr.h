/* Expressions of the monitor: C-like arithmetic on 64-bit unsigned values
 * over numbers, registers, CSRs, symbols and memory. Parsed once into a
 * small tree, so that until/while conditions cost little per step.
 *
 *   numbers    42  0x2a  0b101010
 *   names      pc, priv, x0..x31, ABI names (a0, sp, fp...), CSRs (mstatus),
 *              symbols (main); $name means a register or CSR, never a symbol.
 *              A bare name is a GPR, pc or priv first, then a symbol, then a CSR.
 *   memory     *ADDR (8 bytes), mem8(ADDR) mem16 mem32 mem64, virtual
 *   operators  unary - ~ !, then * / %, + -, << >>, < <= > >=, == !=, &, ^, |,
 *              &&, || with C's precedence; comparisons are unsigned
 */
#ifndef EMU_MONITOR_EXPR_H
#define EMU_MONITOR_EXPR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct machine;
struct symtab;

#define EXPR_MAX_NODES 64

struct expr_node {
    uint8_t kind;   /* enum in monitor_expr.c */
    uint8_t op;     /* operator, or access size in bytes */
    uint8_t a, b;   /* operand nodes */
    uint64_t val;   /* number, register or CSR number */
};

struct expr {
    struct expr_node n[EXPR_MAX_NODES];
    unsigned count, root;
};

/* Parse all of text; on failure a one-line reason is in err. */
bool expr_parse(struct expr *e, const char *text, const struct symtab *syms, char *err, size_t errlen);
bool expr_eval(const struct expr *e, struct machine *m, uint64_t *val, char *err, size_t errlen);
/* Store val where e names: a register, pc, priv, a CSR or memory. */
bool expr_assign(const struct expr *e, struct machine *m, uint64_t val, char *err, size_t errlen);

/* The register a name stands for, as expr_parse reads it: 0..31 a GPR,
 * REG_PC, REG_PRIV, REG_CSR + number; -1 if none. */
enum { REG_PC = 32, REG_PRIV = 33, REG_CSR = 0x1000 };
int expr_reg_number(const char *name, bool with_csrs);

#endif
