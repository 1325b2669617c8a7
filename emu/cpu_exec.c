/* The interpreter. Instructions are decoded once into blocks (straight-line
 * runs within one page, cached by physical address) and executed by one
 * switch. Per block, not per instruction: the fetch translation, the
 * instruction-cache model, the cycle and instret accounting, and the check
 * for events and interrupts. */
#include <stdlib.h>
#include <string.h>

#include "bus.h"
#include "cpu.h"
#include "csr.h"
#include "isa_ops.h"
#include "pmem.h"

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

/* Each block ends with this pseudo-instruction, so the dispatch needs no
 * bounds check. */
#define OP_BLOCK_END OP_COUNT

#define PAGE_OFF(a) ((a) & 0xfffull)
#define PAGE_MASK (~0xfffull)

bool cpu_init(struct cpu *c, struct bus *bus, const struct clint *clint)
{
    memset(c, 0, sizeof *c);
    c->blocks = calloc(BCACHE_SLOTS * 2, sizeof *c->blocks);
    c->insns = calloc(BARENA_INSNS, sizeof *c->insns);
    if (!c->blocks || !c->insns) {
        cpu_free(c);
        return false;
    }
    c->bus = bus;
    c->clint = clint;
    return true;
}

void cpu_free(struct cpu *c)
{
    free(c->blocks);
    free(c->insns);
    c->blocks = NULL;
    c->insns = NULL;
}

void cpu_flush_blocks(struct cpu *c)
{
    c->bgen++;
    c->nblocks = 0;
    c->ninsns = 0;
}

void cpu_reset(struct cpu *c, uint64_t pc)
{
    memset(c->x, 0, sizeof c->x);
    memset(&c->csr, 0, sizeof c->csr);
    memset(&c->pmp, 0, sizeof c->pmp);
    c->pc = pc;
    c->mip_ext = 0;
    c->cycle = 0;
    c->instret = 0;
    c->next_event = 0;
    c->stop = false;
    c->wfi = false;
    c->boundary = true;
    c->stuck = false;
    c->fault_count = 0;
    c->resv_addr = UINT64_MAX;
    cpu_set_priv(c, PRIV_M);
    mmu_flush(c);
    cpu_flush_blocks(c);
    timing_reset(&c->timing);
}

/* ---- memory fast paths: a TLB hit goes straight to host memory ---- */

static inline bool load(struct cpu *c, uint64_t va, unsigned size, uint64_t *v)
{
    struct tlb_entry *e = &c->tlb[c->dctx][(va >> 12) % TLB_SIZE];
    if (likely((va & (PAGE_MASK | (size - 1))) == e->tag[ACC_READ])) {
        uint64_t x = 0;
        memcpy(&x, e->host + PAGE_OFF(va), size);
        *v = x;
        c->cycle += timing_access(&c->timing, &c->timing.l1d, e->pa | PAGE_OFF(va));
        return true;
    }
    return mmu_load(c, va, size, v);
}

/* A store makes the word it touches RAW (Xamber); e->tags is NULL unless
 * the page has held a tag, so untagged code pays one predictable test. */
static inline bool store(struct cpu *c, uint64_t va, unsigned size, uint64_t v)
{
    struct tlb_entry *e = &c->tlb[c->dctx][(va >> 12) % TLB_SIZE];
    if (likely((va & (PAGE_MASK | (size - 1))) == e->tag[ACC_WRITE])) {
        memcpy(e->host + PAGE_OFF(va), &v, size);
        if (unlikely(e->tags != NULL))
            e->tags[PAGE_OFF(va) >> 3] = 0;
        c->cycle += timing_access(&c->timing, &c->timing.l1d, e->pa | PAGE_OFF(va));
        return true;
    }
    return mmu_store(c, va, size, v);
}

/* ---- instruction groups kept out of the main switch ---- */

static bool amo(struct cpu *c, const struct insn *in, uint64_t *rd_val)
{
    unsigned size = 4;
    unsigned op = in->op;
    switch (op) {
    case OP_AMOSWAP_D: case OP_AMOADD_D: case OP_AMOXOR_D: case OP_AMOAND_D: case OP_AMOOR_D:
    case OP_AMOMIN_D: case OP_AMOMAX_D: case OP_AMOMINU_D: case OP_AMOMAXU_D:
        size = 8;
        break;
    default:
        break;
    }
    uint64_t pa, old = 0;
    uint8_t *host;
    uint64_t va = c->x[in->rs1];
    if (!mmu_amo_addr(c, va, size, &pa, &host))
        return false;
    if (host)
        memcpy(&old, host, size);
    else if (!bus_read(c->bus, pa, size, &old))
        goto fault;
    uint64_t b = c->x[in->rs2], a = old, r;
    if (size == 4) {
        a = (uint64_t)(int64_t)(int32_t)a;
        b = (uint64_t)(int64_t)(int32_t)b;
    }
    switch (op) {
    case OP_AMOSWAP_W: case OP_AMOSWAP_D: r = b; break;
    case OP_AMOADD_W: case OP_AMOADD_D: r = a + b; break;
    case OP_AMOXOR_W: case OP_AMOXOR_D: r = a ^ b; break;
    case OP_AMOAND_W: case OP_AMOAND_D: r = a & b; break;
    case OP_AMOOR_W: case OP_AMOOR_D: r = a | b; break;
    case OP_AMOMIN_W: case OP_AMOMIN_D: r = (int64_t)a < (int64_t)b ? a : b; break;
    case OP_AMOMAX_W: case OP_AMOMAX_D: r = (int64_t)a > (int64_t)b ? a : b; break;
    case OP_AMOMINU_W: r = (uint32_t)a < (uint32_t)b ? a : b; break;
    case OP_AMOMAXU_W: r = (uint32_t)a > (uint32_t)b ? a : b; break;
    case OP_AMOMINU_D: r = a < b ? a : b; break;
    default: r = a > b ? a : b; break; /* OP_AMOMAXU_D */
    }
    if (host) {
        memcpy(host, &r, size);
        bus_clear_tags(c->bus, pa, size);
    } else if (!bus_write(c->bus, pa, size, r)) {
        goto fault;
    }
    *rd_val = a;
    return true;
fault:
    c->exc_cause = EXC_STORE_ACCESS;
    c->exc_tval = va;
    return false;
}

/* Cache-block management (Zicbom): gated by menvcfg/senvcfg below M, and
 * permitted where a load or a store would be; faults report as stores. */
static bool cbo(struct cpu *c, const struct insn *in)
{
    uint64_t need = in->op == OP_CBO_INVAL ? MENVCFG_CBIE : MENVCFG_CBCFE;
    if ((c->priv < PRIV_M && !(c->csr.menvcfg & need)) ||
        (c->priv < PRIV_S && !(c->csr.senvcfg & need))) {
        c->exc_cause = EXC_ILLEGAL;
        c->exc_tval = 0;
        return false;
    }
    uint64_t va = c->x[in->rs1] & ~63ull, pa;
    unsigned priv = c->dctx == 2 ? PRIV_M : c->dctx;
    bool page_fault = false, ok = false;
    for (unsigned k = 0; k < 2 && !ok; k++) {
        enum access acc = k ? ACC_WRITE : ACC_READ;
        if (!mmu_translate(c, va, acc, c->dctx, &pa))
            page_fault = page_fault || c->exc_cause == EXC_LOAD_PAGE || c->exc_cause == EXC_STORE_PAGE;
        else
            ok = pmp_check(c, pa, 64, acc, priv) && bus_find(c->bus, pa, 64);
    }
    if (!ok) {
        c->exc_cause = page_fault ? EXC_STORE_PAGE : EXC_STORE_ACCESS;
        c->exc_tval = c->x[in->rs1];
        return false;
    }
    if (in->op != OP_CBO_CLEAN)
        timing_evict(&c->timing, pa); /* the line leaves the caches */
    c->cycle += LAT_DRAM; /* write-back to memory */
    const struct bus_region *r = bus_find(c->bus, pa, 64);
    if (r->pmem) /* cbo.inval acts as cbo.flush on PMEM: stores are never dropped */
        pmem_clean(r->pmem, pa - r->base);
    return true;
}

static bool csr_op(struct cpu *c, const struct insn *in, uint64_t *rd_val)
{
    unsigned csr = (unsigned)in->imm;
    bool imm = in->op == OP_CSRRWI || in->op == OP_CSRRSI || in->op == OP_CSRRCI;
    uint64_t src = imm ? in->rs1 : c->x[in->rs1];
    bool write_only = (in->op == OP_CSRRW || in->op == OP_CSRRWI) && in->rd == 32;
    bool writes = in->op == OP_CSRRW || in->op == OP_CSRRWI || in->rs1 != 0;
    uint64_t old = 0;
    bool ok;
    bool set = in->op == OP_CSRRS || in->op == OP_CSRRSI;
    bool clear = in->op == OP_CSRRC || in->op == OP_CSRRCI;
    c->instret--; /* the counters read as before this instruction */
    /* csrrw with rd = x0 does not read (no read side effects). */
    ok = write_only || cpu_csr_read(c, csr, &old, false);
    if (ok && writes) {
        uint64_t base = old, v = src;
        /* csrrs/csrrc modify the software-writable bits only (mip.SEIP). */
        if (set || clear)
            ok = cpu_csr_read(c, csr, &base, true);
        if (set)
            v = base | src;
        else if (clear)
            v = base & ~src;
        ok = ok && cpu_csr_write(c, csr, v);
    }
    c->instret++;
    if (!ok) {
        c->exc_cause = EXC_ILLEGAL;
        c->exc_tval = 0;
        return false;
    }
    *rd_val = old;
    return true;
}

static bool ends_block(unsigned op)
{
    switch (op) {
    case OP_JAL: case OP_JALR: case OP_BEQ: case OP_BNE: case OP_BLT: case OP_BGE:
    case OP_BLTU: case OP_BGEU: case OP_ECALL: case OP_EBREAK: case OP_MRET: case OP_SRET:
    case OP_WFI: case OP_FENCE_I: case OP_SFENCE_VMA: case OP_CSRRW: case OP_CSRRS:
    case OP_CSRRC: case OP_CSRRWI: case OP_CSRRSI: case OP_CSRRCI: case OP_ILLEGAL:
    case OP_AM_BT: case OP_AM_BNT: case OP_AM_BFLT: case OP_AM_BFGE:
        return true;
    default:
        return false;
    }
}

/* Decode the block at physical pa (host bytes at p, off bytes into its
 * page). Returns NULL when even the first instruction straddles the page. */
/* Decode the instruction at p if it lies wholly within the avail bytes
 * (the rest of its page). */
static bool peek(const uint8_t *p, unsigned avail, struct insn *out)
{
    if (avail < 2)
        return false;
    uint32_t raw = (uint32_t)p[0] | (uint32_t)p[1] << 8;
    if ((raw & 3) == 3) {
        if (avail < 4)
            return false;
        raw |= (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    }
    isa_decode(raw, out);
    return true;
}

/* Cost of in, whose successor in memory starts at p with avail bytes left
 * in the page: the load-use stall looks at the next instruction in memory,
 * never at where a block happens to end, so timing does not depend on how
 * execution was sliced into blocks (tracing, stepping, snapshots). */
static void cost_with_next(struct insn *in, const uint8_t *p, unsigned avail)
{
    struct insn next;
    timing_insn_cost(in, peek(p, avail, &next) ? &next : NULL);
}

/* Decode the block at physical pa (host bytes at p). Returns NULL when even
 * the first instruction straddles the page. A block is "natural" when it
 * ends where interrupts may be taken: after an instruction that ends blocks
 * by its kind, or at the last instruction that fits in the page. */
static struct block *translate(struct cpu *c, uint64_t pa, const uint8_t *p)
{
    if (c->nblocks == BCACHE_SLOTS * 2 || c->ninsns + BLOCK_MAX + 1 > BARENA_INSNS)
        cpu_flush_blocks(c);
    struct block *b = &c->blocks[c->nblocks];
    struct insn *ins = &c->insns[c->ninsns];
    unsigned avail = 4096 - (unsigned)PAGE_OFF(pa), n = 0, bytes = 0;
    bool natural = false;
    while (n < BLOCK_MAX) {
        if (!peek(p + bytes, avail - bytes, &ins[n])) {
            natural = true; /* the next instruction is not in this page */
            break;
        }
        bytes += ins[n].len;
        if (ends_block(ins[n++].op)) {
            natural = true;
            break;
        }
    }
    if (n == 0)
        return NULL;
    uint32_t cost = 0;
    unsigned at = 0;
    for (unsigned i = 0; i < n; i++) {
        at += ins[i].len;
        cost_with_next(&ins[i], p + at, avail - at);
        cost += ins[i].cost;
        if (ins[i].rd == 0)
            ins[i].rd = 32;
    }
    if (!natural) {
        struct insn next; /* a block cut at BLOCK_MAX may still end the page */
        natural = !peek(p + bytes, avail - bytes, &next);
    }
    ins[n] = (struct insn){ .op = OP_BLOCK_END };
    unsigned last = ins[n - 1].op;
    bool chain = !(last >= OP_CSRRW && last <= OP_CSRRCI) && last != OP_SFENCE_VMA &&
                 last != OP_FENCE_I && last != OP_WFI;
    c->nblocks++;
    c->ninsns += n + 1;
    *b = (struct block){ .pa = pa, .cost = cost, .n = (uint16_t)n, .bytes = (uint16_t)bytes,
                         .chain = chain, .natural = natural, .next_gen = c->bgen - 1,
                         .insn = ins };
    return b;
}

static unsigned bslot(uint64_t pa)
{
    return (unsigned)((pa >> 1) ^ (pa >> 15)) & (BCACHE_SLOTS - 1);
}

/* Fetch and decode one instruction at c->pc without the block cache, with
 * the full MMU and PMP checks for each of its bytes: used near the
 * instruction limit, for tracing, in pages that PMP does not grant whole,
 * and for an instruction that straddles two pages. Fills a one-instruction
 * block. */
static bool fetch_one(struct cpu *c, struct block *b, uint32_t *raw_out)
{
    struct insn *in = &b->insn[0];
    uint64_t pa;
    uint8_t *host;
    uint64_t pc = c->pc;
    unsigned avail = 4096 - (unsigned)PAGE_OFF(pc);
    if (!mmu_fetch_page(c, pc, &pa, &host))
        return false;
    const uint8_t *start = host;
    uint32_t raw = (uint32_t)host[0] | (uint32_t)host[1] << 8;
    c->cycle += timing_access(&c->timing, &c->timing.l1i, pa);
    if ((raw & 3) == 3) {
        uint64_t pa_hi = pa + 2;
        if (avail < 4 || !pmp_check(c, pa_hi, 2, ACC_EXEC, c->priv)) {
            if (!mmu_fetch_page(c, pc + 2, &pa_hi, &host))
                return false;
        } else {
            host += 2;
        }
        raw |= (uint32_t)host[0] << 16 | (uint32_t)host[1] << 24;
        if ((pa_hi >> LINE_SHIFT) != (pa >> LINE_SHIFT))
            c->cycle += timing_access(&c->timing, &c->timing.l1i, pa_hi);
    }
    isa_decode(raw, in);
    struct insn next;
    bool next_here = avail > in->len && peek(start + in->len, avail - in->len, &next);
    timing_insn_cost(in, next_here ? &next : NULL);
    if (in->rd == 0)
        in->rd = 32;
    *b = (struct block){ .n = 1, .cost = in->cost, .bytes = in->len, .insn = in,
                         .natural = ends_block(in->op) || !next_here };
    *raw_out = raw;
    return true;
}

/* The block for the physical address pa, translating it on a miss; NULL if
 * its first instruction straddles a page. */
static struct block *find_block(struct cpu *c, uint64_t pa)
{
    unsigned slot = bslot(pa);
    struct block *b = c->bmap[slot].b;
    if (likely(b && c->bmap[slot].pa == pa && c->bmap[slot].gen == c->bgen))
        return b;
    const uint8_t *p = bus_host(c->bus, pa, 2, false);
    b = p ? translate(c, pa, p) : NULL;
    if (b) {
        c->bmap[slot].pa = pa;
        c->bmap[slot].gen = c->bgen;
        c->bmap[slot].b = b;
    }
    return b;
}

/* Trace one instruction in the style of Spike's log. */
static void trace_insn(struct cpu *c, uint32_t raw, unsigned len)
{
    char text[96];
    isa_disas(c->pc, raw, text, sizeof text);
    fprintf(c->trace, "core   0: %u 0x%016llx (0x%0*x) %s\n", c->priv,
            (unsigned long long)c->pc, len == 2 ? 4 : 8, raw, text);
}

/* The interpreter loop: find the block at pc, count its cycles and
 * instructions up front, run it, repeat. A trap takes back what did not
 * retire. Dispatch is threaded through a table of label addresses (a GNU C
 * extension that GCC and Clang share): each handler jumps straight to the
 * next, which predicts far better than one shared switch, and the whole
 * loop is one function so its state stays in registers.
 *
 * Runs until cycle >= next_event, stop or wfi is set, or instret reaches
 * limit. Near the limit, when tracing and for the debugger, it steps single
 * instructions (decoded without the cache), so the limit is exact. */
void cpu_run(struct cpu *c, uint64_t limit)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
#pragma GCC diagnostic ignored "-Wpedantic"
    static const void *const labels[OP_COUNT + 1] = {
        [0 ... OP_COUNT] = &&op_ILLEGAL,
#define L(name) [OP_##name] = &&op_##name
        L(LUI), L(AUIPC), L(JAL), L(JALR), L(BEQ), L(BNE), L(BLT), L(BGE), L(BLTU), L(BGEU),
        L(LB), L(LH), L(LW), L(LD), L(LBU), L(LHU), L(LWU), L(SB), L(SH), L(SW), L(SD),
        L(ADDI), L(SLTI), L(SLTIU), L(XORI), L(ORI), L(ANDI), L(SLLI), L(SRLI), L(SRAI),
        L(ADD), L(SUB), L(SLL), L(SLT), L(SLTU), L(XOR), L(SRL), L(SRA), L(OR), L(AND),
        L(ADDIW), L(SLLIW), L(SRLIW), L(SRAIW), L(ADDW), L(SUBW), L(SLLW), L(SRLW), L(SRAW),
        L(MUL), L(MULH), L(MULHSU), L(MULHU), L(DIV), L(DIVU), L(REM), L(REMU),
        L(MULW), L(DIVW), L(DIVUW), L(REMW), L(REMUW),
        L(LR_W), L(LR_D), L(SC_W), L(SC_D),
        [OP_AMOSWAP_W ... OP_AMOMAXU_W] = &&op_AMO, [OP_AMOSWAP_D ... OP_AMOMAXU_D] = &&op_AMO,
        L(FENCE), L(FENCE_I), L(CBO_CLEAN), L(CBO_FLUSH), L(CBO_INVAL),
        [OP_CSRRW ... OP_CSRRCI] = &&op_CSR,
        L(ECALL), L(EBREAK), L(MRET), L(SRET), L(WFI), L(SFENCE_VMA), L(BLOCK_END),
        [OP_AM_FADD ... OP_AM_SDC] = &&op_XAMBER, [OP_AM_BT ... OP_AM_BFGE] = &&op_XAMBER_BRANCH,
#undef L
    };
#pragma GCC diagnostic pop
    uint64_t *x = c->x;
    uint64_t pc;
    const struct insn *in, *end;
    uint64_t v;
    const struct block *b;
    struct block step;
    struct insn step_insn[2] = { [1] = { .op = OP_BLOCK_END } };
    const struct block *prev = NULL; /* last block, if it ended in plain control flow */
    uint64_t prev_page = 0;          /* the virtual page it started in */

#define DISPATCH() goto *labels[in->op]
#define NEXT() do { pc += in->len; in++; DISPATCH(); } while (0)
#define JUMP(target) do { pc = (target); goto done; } while (0)
#define SEXT32(e) ((uint64_t)(int64_t)(int32_t)(uint32_t)(e))

    /* Interrupts and events are looked at only at natural block ends (see
     * translate), so where they land does not depend on slicing. */
    if (!c->wfi && c->boundary && cpu_take_interrupt(c))
        return; /* the machine comes back with next_event set again */
next_block:
    c->boundary = true;
    if (c->cycle >= c->next_event || c->stop || c->wfi || c->stuck)
        return;
next_block_inside:
    if (c->instret >= limit)
        return;
    if (unlikely(c->trace != NULL || c->debug || limit - c->instret < BLOCK_MAX)) {
        uint32_t raw;
step_single:
        prev = NULL;
        if (c->debug && c->hooks->insn(c->hooks, c->pc)) {
            c->stop = true; /* before this instruction: the debugger's stop */
            return;
        }
        step.insn = step_insn;
        if (!fetch_one(c, &step, &raw)) {
            cpu_exception(c, c->exc_cause, c->exc_tval);
            goto next_block;
        }
        if (c->trace)
            trace_insn(c, raw, step_insn[0].len);
        b = &step;
    } else {
        uint64_t pa;
        struct block *nb;
        pc = c->pc;
        if (prev && (pc & PAGE_MASK) == prev_page) {
            /* Same page as the block before: same translation, and the
             * successor is probably the one it had last time. */
            struct block *pb = (struct block *)prev;
            pa = (pb->pa & PAGE_MASK) | PAGE_OFF(pc);
            if (likely(pb->next_pa == pa && pb->next_gen == c->bgen)) {
                nb = pb->next;
            } else {
                nb = find_block(c, pa);
                if (nb) {
                    pb->next = nb;
                    pb->next_pa = pa;
                    pb->next_gen = c->bgen;
                }
            }
        } else {
            const struct tlb_entry *e = &c->tlb[c->ictx][(pc >> 12) % TLB_SIZE];
            if (likely((pc & (PAGE_MASK | 1)) == e->tag[ACC_EXEC])) {
                pa = e->pa | PAGE_OFF(pc);
            } else {
                uint8_t *host;
                if (!mmu_fetch_page(c, pc, &pa, &host)) {
                    prev = NULL;
                    cpu_exception(c, c->exc_cause, c->exc_tval);
                    goto next_block;
                }
                if ((pc & (PAGE_MASK | 1)) != e->tag[ACC_EXEC])
                    goto step_single; /* PMP grants only part of the page */
            }
            nb = find_block(c, pa);
        }
        if (!nb) /* the first instruction straddles two pages: step it */
            goto step_single;
        for (uint64_t l = pa >> LINE_SHIFT; l <= (pa + nb->bytes - 1) >> LINE_SHIFT; l++)
            c->cycle += timing_access(&c->timing, &c->timing.l1i, l << LINE_SHIFT);
        prev_page = pc & PAGE_MASK;
        b = nb;
    }
    c->cycle += b->cost;
    c->instret += b->n;
    pc = c->pc;
    in = b->insn;
    end = in + b->n;
    DISPATCH();

op_LUI: x[in->rd] = (uint64_t)(int64_t)in->imm; NEXT();
op_AUIPC: x[in->rd] = pc + (int64_t)in->imm; NEXT();
op_JAL:
    x[in->rd] = pc + in->len;
    JUMP(pc + (int64_t)in->imm);
op_JALR: {
    uint64_t t = (x[in->rs1] + (int64_t)in->imm) & ~1ull;
    x[in->rd] = pc + in->len;
    JUMP(t);
}
/* Static prediction: backward taken, forward not taken. */
#define BRANCH(cond)                                                  \
    if (cond) {                                                       \
        if (in->imm >= 0)                                             \
            c->cycle += LAT_BRANCH_MISS;                              \
        JUMP(pc + (int64_t)in->imm);                                  \
    }                                                                 \
    if (in->imm < 0)                                                  \
        c->cycle += LAT_BRANCH_MISS;                                  \
    NEXT();
op_BEQ: BRANCH(x[in->rs1] == x[in->rs2])
op_BNE: BRANCH(x[in->rs1] != x[in->rs2])
op_BLT: BRANCH((int64_t)x[in->rs1] < (int64_t)x[in->rs2])
op_BGE: BRANCH((int64_t)x[in->rs1] >= (int64_t)x[in->rs2])
op_BLTU: BRANCH(x[in->rs1] < x[in->rs2])
op_BGEU: BRANCH(x[in->rs1] >= x[in->rs2])
op_XAMBER_BRANCH: {
    int taken = xam_branch(c, in);
    if (unlikely(taken < 0))
        goto trap;
    BRANCH(taken)
}
#undef BRANCH
#define LOAD(size, type)                                                  \
    if (unlikely(!load(c, x[in->rs1] + (int64_t)in->imm, size, &v)))      \
        goto trap;                                                        \
    x[in->rd] = (uint64_t)(type)v;                                        \
    NEXT();
op_LB: LOAD(1, int8_t)
op_LH: LOAD(2, int16_t)
op_LW: LOAD(4, int32_t)
op_LD: LOAD(8, uint64_t)
op_LBU: LOAD(1, uint8_t)
op_LHU: LOAD(2, uint16_t)
op_LWU: LOAD(4, uint32_t)
#undef LOAD
#define STORE(size)                                                             \
    if (unlikely(!store(c, x[in->rs1] + (int64_t)in->imm, size, x[in->rs2])))   \
        goto trap;                                                              \
    NEXT();
op_SB: STORE(1)
op_SH: STORE(2)
op_SW: STORE(4)
op_SD: STORE(8)
#undef STORE
op_ADDI: x[in->rd] = x[in->rs1] + (int64_t)in->imm; NEXT();
op_SLTI: x[in->rd] = (int64_t)x[in->rs1] < (int64_t)in->imm; NEXT();
op_SLTIU: x[in->rd] = x[in->rs1] < (uint64_t)(int64_t)in->imm; NEXT();
op_XORI: x[in->rd] = x[in->rs1] ^ (uint64_t)(int64_t)in->imm; NEXT();
op_ORI: x[in->rd] = x[in->rs1] | (uint64_t)(int64_t)in->imm; NEXT();
op_ANDI: x[in->rd] = x[in->rs1] & (uint64_t)(int64_t)in->imm; NEXT();
op_SLLI: x[in->rd] = x[in->rs1] << in->imm; NEXT();
op_SRLI: x[in->rd] = x[in->rs1] >> in->imm; NEXT();
op_SRAI: x[in->rd] = (uint64_t)((int64_t)x[in->rs1] >> in->imm); NEXT();
op_ADD: x[in->rd] = x[in->rs1] + x[in->rs2]; NEXT();
op_SUB: x[in->rd] = x[in->rs1] - x[in->rs2]; NEXT();
op_SLL: x[in->rd] = x[in->rs1] << (x[in->rs2] & 63); NEXT();
op_SLT: x[in->rd] = (int64_t)x[in->rs1] < (int64_t)x[in->rs2]; NEXT();
op_SLTU: x[in->rd] = x[in->rs1] < x[in->rs2]; NEXT();
op_XOR: x[in->rd] = x[in->rs1] ^ x[in->rs2]; NEXT();
op_SRL: x[in->rd] = x[in->rs1] >> (x[in->rs2] & 63); NEXT();
op_SRA: x[in->rd] = (uint64_t)((int64_t)x[in->rs1] >> (x[in->rs2] & 63)); NEXT();
op_OR: x[in->rd] = x[in->rs1] | x[in->rs2]; NEXT();
op_AND: x[in->rd] = x[in->rs1] & x[in->rs2]; NEXT();
op_ADDIW: x[in->rd] = SEXT32(x[in->rs1] + (int64_t)in->imm); NEXT();
op_SLLIW: x[in->rd] = SEXT32((uint32_t)x[in->rs1] << in->imm); NEXT();
op_SRLIW: x[in->rd] = SEXT32((uint32_t)x[in->rs1] >> in->imm); NEXT();
op_SRAIW: x[in->rd] = SEXT32((int32_t)x[in->rs1] >> in->imm); NEXT();
op_ADDW: x[in->rd] = SEXT32(x[in->rs1] + x[in->rs2]); NEXT();
op_SUBW: x[in->rd] = SEXT32(x[in->rs1] - x[in->rs2]); NEXT();
op_SLLW: x[in->rd] = SEXT32((uint32_t)x[in->rs1] << (x[in->rs2] & 31)); NEXT();
op_SRLW: x[in->rd] = SEXT32((uint32_t)x[in->rs1] >> (x[in->rs2] & 31)); NEXT();
op_SRAW: x[in->rd] = SEXT32((int32_t)x[in->rs1] >> (x[in->rs2] & 31)); NEXT();
op_MUL: x[in->rd] = x[in->rs1] * x[in->rs2]; NEXT();
op_MULH:
    x[in->rd] = (uint64_t)(((__int128)(int64_t)x[in->rs1] * (int64_t)x[in->rs2]) >> 64);
    NEXT();
op_MULHSU:
    x[in->rd] = (uint64_t)(((__int128)(int64_t)x[in->rs1] *
                            (__int128)(unsigned __int128)x[in->rs2]) >> 64);
    NEXT();
op_MULHU:
    x[in->rd] = (uint64_t)(((unsigned __int128)x[in->rs1] * x[in->rs2]) >> 64);
    NEXT();
op_DIV: {
    int64_t a = (int64_t)x[in->rs1], d = (int64_t)x[in->rs2];
    x[in->rd] = d == 0 ? UINT64_MAX : (a == INT64_MIN && d == -1) ? (uint64_t)a : (uint64_t)(a / d);
    NEXT();
}
op_DIVU: {
    uint64_t a = x[in->rs1], d = x[in->rs2];
    x[in->rd] = d == 0 ? UINT64_MAX : a / d;
    NEXT();
}
op_REM: {
    int64_t a = (int64_t)x[in->rs1], d = (int64_t)x[in->rs2];
    x[in->rd] = d == 0 ? (uint64_t)a : (a == INT64_MIN && d == -1) ? 0 : (uint64_t)(a % d);
    NEXT();
}
op_REMU: {
    uint64_t a = x[in->rs1], d = x[in->rs2];
    x[in->rd] = d == 0 ? a : a % d;
    NEXT();
}
op_MULW: x[in->rd] = SEXT32((uint32_t)x[in->rs1] * (uint32_t)x[in->rs2]); NEXT();
op_DIVW: {
    int32_t a = (int32_t)x[in->rs1], d = (int32_t)x[in->rs2];
    x[in->rd] = d == 0 ? UINT64_MAX : (a == INT32_MIN && d == -1) ? SEXT32(a) : SEXT32(a / d);
    NEXT();
}
op_DIVUW: {
    uint32_t a = (uint32_t)x[in->rs1], d = (uint32_t)x[in->rs2];
    x[in->rd] = d == 0 ? UINT64_MAX : SEXT32(a / d);
    NEXT();
}
op_REMW: {
    int32_t a = (int32_t)x[in->rs1], d = (int32_t)x[in->rs2];
    x[in->rd] = d == 0 ? SEXT32(a) : (a == INT32_MIN && d == -1) ? 0 : SEXT32(a % d);
    NEXT();
}
op_REMUW: {
    uint32_t a = (uint32_t)x[in->rs1], d = (uint32_t)x[in->rs2];
    x[in->rd] = d == 0 ? SEXT32(a) : SEXT32(a % d);
    NEXT();
}
op_LR_W:
op_LR_D: {
    unsigned size = in->op == OP_LR_W ? 4 : 8;
    uint64_t va = x[in->rs1];
    if (va & (size - 1)) {
        c->exc_cause = EXC_LOAD_MISALIGNED;
        c->exc_tval = va;
        goto trap;
    }
    if (!load(c, va, size, &v))
        goto trap;
    c->resv_addr = va;
    x[in->rd] = size == 4 ? SEXT32(v) : v;
    NEXT();
}
op_SC_W:
op_SC_D: {
    unsigned size = in->op == OP_SC_W ? 4 : 8;
    uint64_t va = x[in->rs1];
    if (va & (size - 1)) {
        c->exc_cause = EXC_STORE_MISALIGNED;
        c->exc_tval = va;
        goto trap;
    }
    bool ok = c->resv_addr == va;
    c->resv_addr = UINT64_MAX;
    if (ok && !store(c, va, size, x[in->rs2]))
        goto trap;
    x[in->rd] = !ok;
    NEXT();
}
op_AMO:
    if (!amo(c, in, &v))
        goto trap;
    x[in->rd] = v;
    NEXT();
op_XAMBER:
    if (unlikely(!xam_exec(c, in, &x[in->rd])))
        goto trap;
    NEXT();
op_FENCE: /* the persistence point (docs/nvdimm.md) */
    if (c->bus->pmem)
        c->cycle += pmem_fence(c->bus->pmem);
    NEXT();
op_FENCE_I:
    cpu_flush_blocks(c); /* it ends the block: nothing runs from the old arena */
    NEXT();
op_CBO_CLEAN:
op_CBO_FLUSH:
op_CBO_INVAL:
    if (!cbo(c, in))
        goto trap;
    NEXT();
op_CSR:
    c->pc = pc;
    if (!csr_op(c, in, &v))
        goto trap;
    x[in->rd] = v;
    NEXT();
op_ECALL:
    c->exc_cause = EXC_ECALL_U + (c->priv == PRIV_M ? 3 : c->priv);
    c->exc_tval = 0;
    goto trap;
op_EBREAK:
    c->exc_cause = EXC_BREAKPOINT;
    c->exc_tval = pc;
    goto trap;
op_MRET:
    if (c->priv != PRIV_M)
        goto illegal;
    cpu_mret(c);
    prev = NULL;
    goto next_block;
op_SRET:
    if (c->priv == PRIV_U || (c->priv == PRIV_S && (c->csr.mstatus & MSTATUS_TSR)))
        goto illegal;
    cpu_sret(c);
    prev = NULL;
    goto next_block;
op_WFI:
    if (c->priv == PRIV_U || (c->priv == PRIV_S && (c->csr.mstatus & MSTATUS_TW)))
        goto illegal;
    if (!cpu_pending_interrupts(c)) {
        c->wfi = true;
        c->next_event = 0;
    }
    NEXT();
op_SFENCE_VMA:
    if (c->priv == PRIV_U || (c->priv == PRIV_S && (c->csr.mstatus & MSTATUS_TVM)))
        goto illegal;
    mmu_flush(c);
    NEXT();
op_BLOCK_END:
done:
    c->pc = pc;
    prev = b->chain ? b : NULL;
    if (b->natural)
        goto next_block;
    c->boundary = false;
    goto next_block_inside;

op_ILLEGAL:
illegal:
    c->exc_cause = EXC_ILLEGAL;
    c->exc_tval = in->op == OP_ILLEGAL ? (uint64_t)(uint32_t)in->imm : 0;
trap:
    c->instret -= (uint64_t)(end - in);
    for (const struct insn *p = in + 1; p < end; p++)
        c->cycle -= p->cost;
    c->pc = pc;
    cpu_exception(c, c->exc_cause, c->exc_tval);
    prev = NULL;
    goto next_block;
#undef DISPATCH
#undef NEXT
#undef JUMP
#undef SEXT32
}

