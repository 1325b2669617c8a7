/* Control and status registers: access rules and WARL legalisation.
 * During a CSR instruction c->instret counts the instructions retired
 * before it (cpu_exec.c arranges this), so reads see the value before the
 * instruction and a write takes precedence over its own increment. */
#include "cpu.h"
#include "csr.h"
#include "dev_clint.h"
#include "xamber.h"

#define MSTATUS_WMASK (MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | MSTATUS_MPIE | \
                       MSTATUS_SPP | MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_SUM | \
                       MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR)
#define SSTATUS_WMASK (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM | MSTATUS_MXR)
/* Every synchronous cause but ecall from M, and the Xamber causes. */
#define MEDELEG_MASK (0xB3FFull | 1ull << AM_CAUSE_TYPE | 1ull << AM_CAUSE_OVERFLOW | \
                      1ull << AM_CAUSE_ACCESS | 1ull << AM_CAUSE_FORGE | 1ull << AM_CAUSE_ALLOC)
#define ENVCFG_MASK (1ull | MENVCFG_CBIE | MENVCFG_CBCFE) /* FIOM, CBIE, CBCFE */

uint64_t cpu_mcycle(const struct cpu *c)
{
    return (c->csr.mcountinhibit & 1) ? c->csr.cycle_frozen : c->cycle + c->csr.mcycle_off;
}

uint64_t cpu_minstret(const struct cpu *c)
{
    return (c->csr.mcountinhibit & 4) ? c->csr.instret_frozen : c->instret + c->csr.minstret_off;
}

/* May the current privilege read counter csr (cycle, time, instret, hpm)? */
static bool counter_enabled(const struct cpu *c, unsigned csr)
{
    uint64_t bit = 1ull << (csr & 31);
    if (c->priv < PRIV_M && !(c->csr.mcounteren & bit))
        return false;
    if (c->priv < PRIV_S && !(c->csr.scounteren & bit))
        return false;
    return true;
}

static uint64_t mip_read(const struct cpu *c)
{
    return c->csr.mip | c->mip_ext;
}

bool cpu_csr_read(struct cpu *c, unsigned csr, uint64_t *val, bool rmw)
{
    const struct csrs *s = &c->csr;
    if (((csr >> 8) & 3) > c->priv)
        return false;
    switch (csr) {
    case CSR_CYCLE: case CSR_TIME: case CSR_INSTRET:
        if (!counter_enabled(c, csr))
            return false;
        *val = csr == CSR_CYCLE ? cpu_mcycle(c) : csr == CSR_TIME ? clint_mtime(c->clint)
                                                               : cpu_minstret(c);
        return true;
    case CSR_SSTATUS: *val = (s->mstatus & SSTATUS_WMASK) | MSTATUS_UXL; return true;
    case CSR_SIE: *val = s->mie & s->mideleg; return true;
    case CSR_STVEC: *val = s->stvec; return true;
    case CSR_SCOUNTEREN: *val = s->scounteren; return true;
    case CSR_SENVCFG: *val = s->senvcfg; return true;
    case CSR_SSCRATCH: *val = s->sscratch; return true;
    case CSR_SEPC: *val = s->sepc; return true;
    case CSR_SCAUSE: *val = s->scause; return true;
    case CSR_STVAL: *val = s->stval; return true;
    case AM_CSR_AMHP: *val = s->amhp; return true;
    case AM_CSR_AMHLIM: *val = s->amhlim; return true;
    case AM_CSR_AMCARD: *val = s->amcard; return true;
    case CSR_SIP:
        *val = mip_read(c) & s->mideleg;
        return true;
    case CSR_SATP:
        if (c->priv == PRIV_S && (s->mstatus & MSTATUS_TVM))
            return false;
        *val = s->satp;
        return true;
    case CSR_MSTATUS: *val = s->mstatus | MSTATUS_UXL | MSTATUS_SXL; return true;
    case CSR_MISA: *val = MISA_VALUE; return true;
    case CSR_MEDELEG: *val = s->medeleg; return true;
    case CSR_MIDELEG: *val = s->mideleg; return true;
    case CSR_MIE: *val = s->mie; return true;
    case CSR_MTVEC: *val = s->mtvec; return true;
    case CSR_MCOUNTEREN: *val = s->mcounteren; return true;
    case CSR_MENVCFG: *val = s->menvcfg; return true;
    case CSR_MCOUNTINHIBIT: *val = s->mcountinhibit; return true;
    case CSR_MSCRATCH: *val = s->mscratch; return true;
    case CSR_MEPC: *val = s->mepc; return true;
    case CSR_MCAUSE: *val = s->mcause; return true;
    case CSR_MTVAL: *val = s->mtval; return true;
    case CSR_MIP:
        /* csrrs/csrrc modify only the software-writable SEIP bit. */
        *val = rmw ? (s->mip | (c->mip_ext & ~MIP_SEIP)) : mip_read(c);
        return true;
    case CSR_MCYCLE: *val = cpu_mcycle(c); return true;
    case CSR_MINSTRET: *val = cpu_minstret(c); return true;
    case CSR_MVENDORID: case CSR_MARCHID: case CSR_MIMPID: case CSR_MHARTID:
    case CSR_MCONFIGPTR:
    case CSR_TSELECT: case CSR_TDATA1: case CSR_TDATA2: case CSR_TDATA3:
        *val = 0; /* no debug triggers are implemented */
        return true;
    default:
        break;
    }
    if (csr >= CSR_HPMCOUNTER3 && csr <= CSR_HPMCOUNTER31) {
        if (!counter_enabled(c, csr))
            return false;
        *val = 0;
        return true;
    }
    if ((csr >= CSR_MHPMCOUNTER3 && csr <= CSR_MHPMCOUNTER31) ||
        (csr >= CSR_MHPMEVENT3 && csr <= CSR_MHPMEVENT31)) {
        *val = 0;
        return true;
    }
    if (csr >= CSR_PMPCFG0 && csr <= CSR_PMPCFG15) {
        if (csr & 1)
            return false; /* RV64 has only the even pmpcfg registers */
        unsigned base = (csr - CSR_PMPCFG0) * 4;
        uint64_t v = 0;
        for (unsigned i = 0; i < 8; i++)
            v |= (uint64_t)(base + i < 16 ? c->pmp.cfg[base + i] : 0) << (8 * i);
        *val = v;
        return true;
    }
    if (csr >= CSR_PMPADDR0 && csr <= CSR_PMPADDR63) {
        unsigned i = csr - CSR_PMPADDR0;
        *val = i < 16 ? c->pmp.addr[i] : 0;
        return true;
    }
    return false;
}

static bool pmp_locked(const struct cpu *c, unsigned i)
{
    return c->pmp.cfg[i] & 0x80;
}

static void write_counter(struct cpu *c, bool instret, uint64_t v)
{
    struct csrs *s = &c->csr;
    if (instret) {
        s->instret_frozen = v;
        s->minstret_off = v - c->instret - 1;
    } else {
        s->cycle_frozen = v;
        s->mcycle_off = v - c->cycle;
    }
}

static void write_inhibit(struct cpu *c, uint64_t v)
{
    struct csrs *s = &c->csr;
    v &= 5; /* CY and IR; TM does not exist */
    if ((v & 1) && !(s->mcountinhibit & 1))
        s->cycle_frozen = cpu_mcycle(c);
    if (!(v & 1) && (s->mcountinhibit & 1))
        s->mcycle_off = s->cycle_frozen - c->cycle;
    if ((v & 4) && !(s->mcountinhibit & 4))
        s->instret_frozen = cpu_minstret(c);
    if (!(v & 4) && (s->mcountinhibit & 4))
        s->minstret_off = s->instret_frozen - c->instret - 1;
    s->mcountinhibit = v;
}

static uint64_t legal_envcfg(uint64_t v)
{
    v &= ENVCFG_MASK;
    if ((v & MENVCFG_CBIE) == (2ull << 4))
        v &= ~MENVCFG_CBIE; /* CBIE = 2 is reserved */
    return v;
}

bool cpu_csr_write(struct cpu *c, unsigned csr, uint64_t v)
{
    struct csrs *s = &c->csr;
    if (((csr >> 8) & 3) > c->priv || (csr >> 10) == 3)
        return false;
    switch (csr) {
    case CSR_SSTATUS:
        v = (s->mstatus & ~SSTATUS_WMASK) | (v & SSTATUS_WMASK);
        csr = CSR_MSTATUS;
        /* fall through */
    case CSR_MSTATUS: {
        uint64_t old = s->mstatus;
        v &= MSTATUS_WMASK;
        if (((v & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT) == 2)
            v = (v & ~MSTATUS_MPP) | (old & MSTATUS_MPP); /* MPP=2 is not a mode */
        s->mstatus = v;
        if ((old ^ v) & (MSTATUS_SUM | MSTATUS_MXR | MSTATUS_MPRV | MSTATUS_MPP))
            mmu_flush(c);
        cpu_update_ctx(c);
        c->next_event = 0; /* interrupt enables may have changed */
        return true;
    }
    case CSR_SIE:
        s->mie = (s->mie & ~s->mideleg) | (v & s->mideleg);
        c->next_event = 0;
        return true;
    case CSR_STVEC:
    case CSR_MTVEC:
        if ((v & 3) < 2) /* other modes are reserved: keep the old value */
            *(csr == CSR_STVEC ? &s->stvec : &s->mtvec) = v;
        return true;
    case CSR_SCOUNTEREN: s->scounteren = v & 0xffffffffu; return true;
    case CSR_SENVCFG: s->senvcfg = legal_envcfg(v); return true;
    case CSR_SSCRATCH: s->sscratch = v; return true;
    case CSR_SEPC: s->sepc = v & ~1ull; return true;
    case CSR_SCAUSE: s->scause = v; return true;
    case CSR_STVAL: s->stval = v; return true;
    case AM_CSR_AMHP: s->amhp = v & ~7ull; return true; /* allocation is by words */
    case AM_CSR_AMHLIM: s->amhlim = v & ~7ull; return true;
    case AM_CSR_AMCARD: s->amcard = v; return true;
    case CSR_SIP:
        s->mip = (s->mip & ~(s->mideleg & MIP_SSIP)) | (v & s->mideleg & MIP_SSIP);
        c->next_event = 0;
        return true;
    case CSR_SATP:
        if (c->priv == PRIV_S && (s->mstatus & MSTATUS_TVM))
            return false;
        if ((v >> 60) != 0 && (v >> 60) != SATP_MODE_SV39)
            return true; /* unsupported mode: the whole write has no effect */
        s->satp = (v >> 60) ? v & (SATP_PPN | SATP_ASID | (0xFull << 60)) : 0;
        mmu_flush(c);
        return true;
    case CSR_MISA: return true; /* fixed */
    case CSR_MEDELEG: s->medeleg = v & MEDELEG_MASK; return true;
    case CSR_MIDELEG:
        s->mideleg = v & MIP_S_MASK;
        c->next_event = 0;
        return true;
    case CSR_MIE:
        s->mie = v & MIP_ALL;
        c->next_event = 0;
        return true;
    case CSR_MCOUNTEREN: s->mcounteren = v & 0xffffffffu; return true;
    case CSR_MENVCFG: s->menvcfg = legal_envcfg(v); return true;
    case CSR_MCOUNTINHIBIT: write_inhibit(c, v); return true;
    case CSR_MSCRATCH: s->mscratch = v; return true;
    case CSR_MEPC: s->mepc = v & ~1ull; return true;
    case CSR_MCAUSE: s->mcause = v; return true;
    case CSR_MTVAL: s->mtval = v; return true;
    case CSR_MIP:
        s->mip = (s->mip & ~MIP_S_MASK) | (v & MIP_S_MASK);
        c->next_event = 0;
        return true;
    case CSR_MCYCLE: write_counter(c, false, v); return true;
    case CSR_MINSTRET: write_counter(c, true, v); return true;
    case CSR_TSELECT: case CSR_TDATA1: case CSR_TDATA2: case CSR_TDATA3:
        return true;
    default:
        break;
    }
    if ((csr >= CSR_MHPMCOUNTER3 && csr <= CSR_MHPMCOUNTER31) ||
        (csr >= CSR_MHPMEVENT3 && csr <= CSR_MHPMEVENT31))
        return true; /* hardwired to zero */
    if (csr >= CSR_PMPCFG0 && csr <= CSR_PMPCFG15) {
        if (csr & 1)
            return false;
        unsigned base = (csr - CSR_PMPCFG0) * 4;
        for (unsigned i = 0; i < 8 && base + i < 16; i++) {
            if (pmp_locked(c, base + i))
                continue;
            uint8_t cfg = (uint8_t)(v >> (8 * i)) & 0x9f; /* bits 6:5 are reserved */
            if ((cfg & 3) == 2)
                cfg &= ~2; /* W without R is reserved */
            c->pmp.cfg[base + i] = cfg;
        }
        mmu_flush(c);
        return true;
    }
    if (csr >= CSR_PMPADDR0 && csr <= CSR_PMPADDR63) {
        unsigned i = csr - CSR_PMPADDR0;
        if (i >= 16 || pmp_locked(c, i))
            return true;
        if (i + 1 < 16 && pmp_locked(c, i + 1) && (c->pmp.cfg[i + 1] & 0x18) == 0x08)
            return true; /* the base of a locked TOR entry */
        c->pmp.addr[i] = v & 0x003FFFFFFFFFFFFFull;
        mmu_flush(c);
        return true;
    }
    return false;
}
