/* Trap entry, interrupt selection and the xRET instructions, as the
 * privileged spec describes them for M, S and U modes. */
#include "cpu.h"
#include "csr.h"

static unsigned ctx_of(unsigned priv)
{
    return priv == PRIV_M ? 2 : priv;
}

void cpu_update_ctx(struct cpu *c)
{
    unsigned data = c->priv;
    if (c->priv == PRIV_M && (c->csr.mstatus & MSTATUS_MPRV))
        data = (unsigned)((c->csr.mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT);
    c->ictx = ctx_of(c->priv);
    c->dctx = ctx_of(data);
}

void cpu_set_priv(struct cpu *c, unsigned priv)
{
    c->priv = priv;
    cpu_update_ctx(c);
}

static void trap(struct cpu *c, uint64_t cause, uint64_t tval, bool intr)
{
    struct csrs *s = &c->csr;
    unsigned code = (unsigned)(cause & 63);
    uint64_t deleg = intr ? s->mideleg : s->medeleg;
    uint64_t mcause = cause | (intr ? MCAUSE_INTERRUPT : 0);
    unsigned from = c->priv;
    uint64_t epc = c->pc;
    c->cycle += LAT_TRAP;
    c->resv_addr = UINT64_MAX;
    c->wfi = false;
    if (c->priv <= PRIV_S && ((deleg >> code) & 1)) {
        s->scause = mcause;
        s->sepc = c->pc;
        s->stval = tval;
        uint64_t ms = s->mstatus & ~(MSTATUS_SPIE | MSTATUS_SIE | MSTATUS_SPP);
        if (s->mstatus & MSTATUS_SIE)
            ms |= MSTATUS_SPIE;
        if (c->priv == PRIV_S)
            ms |= MSTATUS_SPP;
        s->mstatus = ms;
        c->pc = (s->stvec & ~3ull) + ((intr && (s->stvec & 1)) ? 4ull * code : 0);
        cpu_set_priv(c, PRIV_S);
    } else {
        s->mcause = mcause;
        s->mepc = c->pc;
        s->mtval = tval;
        uint64_t ms = s->mstatus & ~(MSTATUS_MPIE | MSTATUS_MIE | MSTATUS_MPP);
        if (s->mstatus & MSTATUS_MIE)
            ms |= MSTATUS_MPIE;
        ms |= (uint64_t)c->priv << MSTATUS_MPP_SHIFT;
        s->mstatus = ms;
        c->pc = (s->mtvec & ~3ull) + ((intr && (s->mtvec & 1)) ? 4ull * code : 0);
        cpu_set_priv(c, PRIV_M);
    }
    c->next_event = 0; /* enables changed: let the machine look again */
    if (c->hooks && c->hooks->trap)
        c->hooks->trap(c->hooks, mcause, epc, tval, from);
}

/* A hart whose trap handler itself faults (cannot be fetched, or starts
 * with an illegal instruction) would trap forever without retiring
 * anything; after 16 exceptions in a row with nothing retired it is marked
 * stuck, so the machine can stop and say so. */
void cpu_exception(struct cpu *c, uint64_t cause, uint64_t tval)
{
    if (cause == EXC_DEBUG) { /* a watchpoint: the debugger takes over */
        c->stop = true;
        return;
    }
    if (c->instret != c->fault_instret) {
        c->fault_instret = c->instret;
        c->fault_count = 0;
    }
    if (++c->fault_count >= 16)
        c->stuck = true;
    trap(c, cause, tval, false);
}

uint64_t cpu_pending_interrupts(const struct cpu *c)
{
    return (c->csr.mip | c->mip_ext) & c->csr.mie;
}

/* Take the highest-priority pending and enabled interrupt, if any. */
bool cpu_take_interrupt(struct cpu *c)
{
    static const unsigned order[] = { IRQ_MEI, IRQ_MSI, IRQ_MTI, IRQ_SEI, IRQ_SSI, IRQ_STI };
    uint64_t pend = cpu_pending_interrupts(c);
    if (!pend)
        return false;
    const struct csrs *s = &c->csr;
    uint64_t m = pend & ~s->mideleg;
    uint64_t sv = pend & s->mideleg;
    bool m_on = c->priv < PRIV_M || (s->mstatus & MSTATUS_MIE);
    bool s_on = c->priv < PRIV_S || (c->priv == PRIV_S && (s->mstatus & MSTATUS_SIE));
    uint64_t take = (m_on ? m : 0) | (s_on ? sv : 0);
    if (!take)
        return false;
    if (m_on && m)
        take = m; /* M-level interrupts go before any delegated one */
    for (unsigned i = 0; i < sizeof order / sizeof order[0]; i++) {
        if (take & (1ull << order[i])) {
            trap(c, order[i], 0, true);
            return true;
        }
    }
    return false;
}

void cpu_mret(struct cpu *c)
{
    struct csrs *s = &c->csr;
    unsigned mpp = (unsigned)((s->mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT);
    uint64_t ms = s->mstatus & ~(MSTATUS_MIE | MSTATUS_MPP);
    if (s->mstatus & MSTATUS_MPIE)
        ms |= MSTATUS_MIE;
    ms |= MSTATUS_MPIE;
    if (mpp != PRIV_M)
        ms &= ~MSTATUS_MPRV;
    s->mstatus = ms;
    c->pc = s->mepc;
    c->cycle += LAT_TRAP;
    cpu_set_priv(c, mpp);
    c->next_event = 0;
}

void cpu_sret(struct cpu *c)
{
    struct csrs *s = &c->csr;
    unsigned spp = (s->mstatus & MSTATUS_SPP) ? PRIV_S : PRIV_U;
    uint64_t ms = s->mstatus & ~(MSTATUS_SIE | MSTATUS_SPP | MSTATUS_MPRV);
    if (s->mstatus & MSTATUS_SPIE)
        ms |= MSTATUS_SIE;
    ms |= MSTATUS_SPIE;
    s->mstatus = ms;
    c->pc = s->sepc;
    c->cycle += LAT_TRAP;
    cpu_set_priv(c, spp);
    c->next_event = 0;
}
