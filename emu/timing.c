#include <stdbool.h>
#include <string.h>

#include "isa_ops.h"
#include "amber/hw.h"
#include "pmem.h"
#include "timing.h"

void timing_reset(struct timing *t)
{
    memset(t, 0, sizeof *t);
}

/* Move way w of a set to the front (most recently used) holding line. */
static void promote(uint64_t *set, unsigned w, uint64_t line)
{
    memmove(set + 1, set, w * sizeof *set);
    set[0] = line;
}

static uint32_t l2_access(struct timing *t, uint64_t line)
{
    uint64_t *set = t->l2.tag[line & (L2_SETS - 1)];
    for (unsigned w = 0; w < L2_WAYS; w++) {
        if (set[w] == line) {
            promote(set, w, line);
            return LAT_L2;
        }
    }
    t->l2_miss++;
    promote(set, L2_WAYS - 1, line);
    /* line is the line number + 1 (struct l1_cache). */
    return LAT_L2 + (line > (AMBER_PMEM_BASE >> LINE_SHIFT) ? LAT_PMEM_READ : LAT_DRAM);
}

/* L1 miss in way 0: way 1 hit swaps the two; a real miss evicts way 1. */
uint32_t timing_miss(struct timing *t, struct l1_cache *c, uint64_t line)
{
    uint64_t *set = c->tag[line & (L1_SETS - 1)];
    if (set[1] == line) {
        set[1] = set[0];
        set[0] = line;
        return 0;
    }
    if (c == &t->l1i)
        t->l1i_miss++;
    else
        t->l1d_miss++;
    set[1] = set[0];
    set[0] = line;
    return l2_access(t, line);
}

/* Remove the line holding pa from the data side (cbo.flush, cbo.inval): the
 * next access misses. The emptied way becomes the least recently used. */
void timing_evict(struct timing *t, uint64_t pa)
{
    uint64_t line = (pa >> LINE_SHIFT) + 1;
    uint64_t *set = t->l1d.tag[line & (L1_SETS - 1)];
    if (set[0] == line) {
        set[0] = set[1];
        set[1] = 0;
    } else if (set[1] == line) {
        set[1] = 0;
    }
    uint64_t *set2 = t->l2.tag[line & (L2_SETS - 1)];
    for (unsigned w = 0; w < L2_WAYS; w++) {
        if (set2[w] == line) {
            memmove(set2 + w, set2 + w + 1, (L2_WAYS - 1 - w) * sizeof *set2);
            set2[L2_WAYS - 1] = 0;
            break;
        }
    }
}

static bool is_load(unsigned op)
{
    switch (op) {
    case OP_LB: case OP_LH: case OP_LW: case OP_LD:
    case OP_LBU: case OP_LHU: case OP_LWU: case OP_AM_LD: case OP_AM_LDC:
        return true;
    default:
        return false;
    }
}

/* Does next read register r? Conservative: any register field counts. */
static bool reads_reg(const struct insn *next, unsigned r)
{
    return r != 0 && (next->rs1 == r || next->rs2 == r);
}

/* Static cost of an instruction: its issue cycle plus execution latency
 * that is known without running it; a load whose result the very next
 * instruction uses stalls one cycle (load-use hazard). */
void timing_insn_cost(struct insn *in, const struct insn *next)
{
    unsigned cost = 1;
    switch (in->op) {
    case OP_MUL: case OP_MULH: case OP_MULHSU: case OP_MULHU: case OP_MULW:
        cost = 3;
        break;
    case OP_DIV: case OP_DIVU: case OP_REM: case OP_REMU:
        cost = 34;
        break;
    case OP_DIVW: case OP_DIVUW: case OP_REMW: case OP_REMUW:
        cost = 18;
        break;
    case OP_JAL:
        cost = 1 + LAT_JAL;
        break;
    case OP_JALR:
        cost = 1 + LAT_JALR;
        break;
    case OP_FENCE_I: case OP_SFENCE_VMA:
        cost = 6;
        break;
    default:
        break;
    }
    if (next && is_load(in->op) && reads_reg(next, in->rd))
        cost++;
    in->cost = (uint8_t)cost;
}
