/* Xamber, the tagged-memory extension (docs/isa.md is the specification):
 * the instructions cpu_run hands over, and the tagged word accesses they
 * make. A value in a register is tag << 56 | datum; a word in memory holds
 * the datum sign-extended, its tag lives in the region's tag storage. */
#include <string.h>

#include "bus.h"
#include "cpu.h"
#include "isa_ops.h"
#include "xamber.h"

/* cpu_run dispatches the extension by these two ranges of ops. */
_Static_assert(OP_AM_SDC + 1 == OP_AM_BT && OP_AM_BFGE + 1 == OP_COUNT,
               "xamber.isa must list the branches last");

#define PAGE_MASK (~0xfffull)
#define PAGE_OFF(a) ((a) & 0xfffull)

static int64_t datum(uint64_t v)
{
    return (int64_t)(v << 8) >> 8;
}

static unsigned type_of(uint64_t v)
{
    return (unsigned)(v >> AM_TAG_SHIFT) & 15;
}

static uint64_t make(unsigned tag, uint64_t datum)
{
    return (uint64_t)(tag & 0xff) << AM_TAG_SHIFT | (datum & AM_DATUM_MASK);
}

static bool trap_with(struct cpu *c, uint64_t cause, uint64_t tval)
{
    c->exc_cause = cause;
    c->exc_tval = tval;
    return false;
}

static bool is_fixnum(struct cpu *c, uint64_t v)
{
    return type_of(v) == AM_T_FIXNUM || trap_with(c, AM_CAUSE_TYPE, v);
}

/* A fixnum result, or an overflow trap carrying the exact result. */
static bool fixnum_result(struct cpu *c, int64_t n, uint64_t *rd)
{
    if (n != datum((uint64_t)n))
        return trap_with(c, AM_CAUSE_OVERFLOW, (uint64_t)n);
    *rd = make(AM_T_FIXNUM, (uint64_t)n);
    return true;
}

/* Registers carry no tags, so hardware cannot tell a genuine reference
 * from a forged one there: U mode may not make protected values at all. */
static bool may_create(struct cpu *c, uint64_t v)
{
    return c->priv != PRIV_U || type_of(v) < AM_PROTECTED || trap_with(c, AM_CAUSE_FORGE, v);
}

/* A pointer of the given type whose access bits include acc. */
static bool check_pointer(struct cpu *c, uint64_t p, unsigned type, unsigned acc)
{
    if (type_of(p) != type)
        return trap_with(c, AM_CAUSE_TYPE, p);
    if (((p >> (AM_TAG_SHIFT + AM_ACC_SHIFT)) & acc) != acc)
        return trap_with(c, AM_CAUSE_ACCESS, p);
    return true;
}

/* ---- tagged words ---- */

struct word {
    uint8_t *host; /* the 8 data bytes */
    uint8_t *tag;  /* the tag byte; NULL (reads only) where all tags are RAW */
};

/* Find the word at va for a tagged access. A TLB hit serves loads, and
 * stores to pages that already hold tags; the first tagged store to a page
 * marks it in the summary, so that standard stores begin to clear its tags. */
static bool word_at(struct cpu *c, uint64_t va, enum access acc, struct word *w)
{
    const struct tlb_entry *e = &c->tlb[c->dctx][(va >> 12) % TLB_SIZE];
    if ((va & (PAGE_MASK | 7)) == e->tag[acc] && (acc == ACC_READ || e->tags)) {
        w->host = e->host + PAGE_OFF(va);
        w->tag = e->tags ? e->tags + (PAGE_OFF(va) >> TAG_WORD_SHIFT) : NULL;
        c->cycle += timing_access(&c->timing, &c->timing.l1d, e->pa | PAGE_OFF(va));
        return true;
    }
    const struct bus_region *r;
    uint64_t pa;
    if (!mmu_word_addr(c, va, acc, &w->host, &pa, &r))
        return false;
    uint64_t off = pa - r->base;
    if (acc == ACC_WRITE && !r->tags.page[off >> TAG_PAGE_SHIFT]) {
        r->tags.page[off >> TAG_PAGE_SHIFT] = 1;
        mmu_page_tagged(c, pa & PAGE_MASK, tagmem_page(&r->tags, off));
    }
    uint8_t *tags = tagmem_page(&r->tags, off);
    w->tag = tags ? tags + (PAGE_OFF(pa) >> TAG_WORD_SHIFT) : NULL;
    return true;
}

static uint64_t read_word(const struct word *w)
{
    uint64_t m;
    memcpy(&m, w->host, 8);
    return make(w->tag ? *w->tag : 0, m);
}

static void write_word(const struct word *w, uint64_t v)
{
    uint64_t m = (uint64_t)datum(v);
    memcpy(w->host, &m, 8);
    *w->tag = (uint8_t)(v >> AM_TAG_SHIFT);
}

/* The write barrier: a slot at va that receives a protected value gets its
 * card marked, with an ordinary byte store, when amcard is set. */
static bool mark_card(struct cpu *c, uint64_t va, uint64_t v)
{
    if (!c->csr.amcard || type_of(v) < AM_PROTECTED)
        return true;
    return mmu_store(c, c->csr.amcard + (va >> AM_CARD_SHIFT), 1, 1);
}

static bool tagged_load(struct cpu *c, uint64_t va, uint64_t *rd)
{
    struct word w;
    if (!word_at(c, va, ACC_READ, &w))
        return false;
    *rd = read_word(&w);
    return true;
}

/* The word is found first, so that a fault there leaves the card alone,
 * and a faulting card store leaves the word alone. */
static bool tagged_store(struct cpu *c, uint64_t va, uint64_t v)
{
    struct word w;
    if (!word_at(c, va, ACC_WRITE, &w) || !mark_card(c, va, v))
        return false;
    write_word(&w, v);
    return true;
}

static bool cas(struct cpu *c, const struct insn *in, uint64_t *rd)
{
    uint64_t va = (uint64_t)datum(c->x[in->rs1]), v = c->x[in->rs2];
    uint64_t expect = in->rd == 32 ? 0 : c->x[in->rd]; /* rd = x0 reads as zero */
    struct word w;
    if (!may_create(c, v) || !word_at(c, va, ACC_WRITE, &w))
        return false;
    uint64_t old = read_word(&w);
    if (old == expect) {
        if (!mark_card(c, va, v))
            return false;
        write_word(&w, v);
    }
    *rd = old;
    return true;
}

/* Bump allocation from [amhp, amhlim): rs1 bytes, rounded up to words. */
static bool alloc(struct cpu *c, const struct insn *in, uint64_t *rd)
{
    uint64_t n = c->x[in->rs1], hp = c->csr.amhp, lim = c->csr.amhlim;
    if (c->priv == PRIV_U)
        return trap_with(c, EXC_ILLEGAL, 0); /* amhp is S-mode state */
    if (n > UINT64_MAX - 7 || lim < hp || ((n + 7) & ~7ull) > lim - hp)
        return trap_with(c, AM_CAUSE_ALLOC, n);
    c->csr.amhp = hp + ((n + 7) & ~7ull);
    *rd = make((unsigned)in->imm, hp);
    return true;
}

bool xam_exec(struct cpu *c, const struct insn *in, uint64_t *rd)
{
    uint64_t a = c->x[in->rs1], b = c->x[in->rs2], r;
    switch (in->op) {
    case OP_AM_FADD:
        return is_fixnum(c, a) && is_fixnum(c, b) && fixnum_result(c, datum(a) + datum(b), rd);
    case OP_AM_FSUB:
        return is_fixnum(c, a) && is_fixnum(c, b) && fixnum_result(c, datum(a) - datum(b), rd);
    case OP_AM_FADDI:
        return is_fixnum(c, a) && fixnum_result(c, datum(a) + in->imm, rd);
    case OP_AM_FLT:
        if (!is_fixnum(c, a) || !is_fixnum(c, b))
            return false;
        *rd = datum(a) < datum(b);
        return true;
    case OP_AM_SETTAG:
    case OP_AM_SETTAGI:
        r = make(in->op == OP_AM_SETTAG ? (unsigned)b : (unsigned)in->imm, a);
        if (!may_create(c, r))
            return false;
        *rd = r;
        return true;
    case OP_AM_GETTAG:
        *rd = a >> AM_TAG_SHIFT;
        return true;
    case OP_AM_UNTAG:
        *rd = (uint64_t)datum(a);
        return true;
    case OP_AM_CHKTAG:
        return type_of(a) == (unsigned)in->imm || trap_with(c, AM_CAUSE_TYPE, a);
    case OP_AM_CHKACC:
        return (type_of(a) >= AM_PROTECTED &&
                ((a >> (AM_TAG_SHIFT + AM_ACC_SHIFT)) & (unsigned)in->imm) == (unsigned)in->imm) ||
               trap_with(c, AM_CAUSE_ACCESS, a);
    case OP_AM_ALLOC:
        return alloc(c, in, rd);
    case OP_AM_CAS:
        return cas(c, in, rd);
    case OP_AM_LD:
        return tagged_load(c, (uint64_t)datum(a) + (uint64_t)(int64_t)in->imm, rd);
    case OP_AM_SD:
        return may_create(c, b) && tagged_store(c, (uint64_t)datum(a) + (uint64_t)(int64_t)in->imm, b);
    case OP_AM_LDC:
        return check_pointer(c, a, AM_PROTECTED | (in->imm & 7), AM_ACC_R) &&
               tagged_load(c, (uint64_t)datum(a) + (uint64_t)(in->imm & ~7), rd);
    case OP_AM_SDC:
        return check_pointer(c, a, AM_PROTECTED | (in->imm & 7), AM_ACC_W) && may_create(c, b) &&
               tagged_store(c, (uint64_t)datum(a) + (uint64_t)(in->imm & ~7), b);
    default:
        return trap_with(c, EXC_ILLEGAL, 0); /* not reached: cpu_run dispatches by op */
    }
}

int xam_branch(struct cpu *c, const struct insn *in)
{
    uint64_t a = c->x[in->rs1], b;
    switch (in->op) {
    case OP_AM_BT:
        return type_of(a) == in->rs2; /* rs2 holds the type */
    case OP_AM_BNT:
        return type_of(a) != in->rs2;
    default:
        b = c->x[in->rs2];
        if (!is_fixnum(c, a) || !is_fixnum(c, b))
            return -1;
        return (datum(a) < datum(b)) == (in->op == OP_AM_BFLT);
    }
}
