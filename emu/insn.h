/* A decoded instruction. The decoder (generated from isa/) fills it once;
 * the interpreter executes it many times from the block cache. */
#ifndef EMU_INSN_H
#define EMU_INSN_H

#include <stdint.h>

struct insn {
    uint16_t op;           /* enum isa_op (isa_ops.h, generated) */
    uint8_t rd, rs1, rs2;  /* register numbers 0..31 */
    uint8_t len;           /* 2 (compressed) or 4 */
    uint8_t cost;          /* base cycles, filled by the timing model */
    uint8_t flags;         /* free for the interpreter */
    int32_t imm;           /* see the operand rules in isa/README.md */
};

#endif
