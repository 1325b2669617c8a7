/* Local interrupts: machine software (CLINT msip) and timer (mtimecmp),
 * supervisor software/timer injected through mip.SSIP/STIP from M mode,
 * delegation with mideleg, priority, global enables per privilege mode,
 * vectored mtvec/stvec, WFI wake-up, read-only mip bits. */
#include "guest.h"

#define SPIN 2000000  /* bound for waits that must succeed */
#define SHORT 20000   /* waits that must time out: pending would be taken at once */

static volatile uint64_t seq[16];
static volatile int nseq;

static void hook(struct frame *f, uint64_t cause, int mode)
{
    (void)f;
    uint64_t c = cause & ~CAUSE_INTR;
    if (nseq < 16)
        seq[nseq] = c | ((uint64_t)mode << 8) | (trap.vec << 16);
    nseq = nseq + 1;
    switch (c) {
    case IRQ_MSI:
        set_msip(0);
        break;
    case IRQ_MTI:
        set_mtimecmp(~0ull);
        break;
    case IRQ_SSI:
        if (mode == PRV_S)
            csr_clear(sip, 1u << IRQ_SSI);
        else
            csr_clear(mip, 1u << IRQ_SSI);
        break;
    case IRQ_STI:
        if (mode == PRV_S) {
            csr_clear(sip, 1u << IRQ_STI);     /* read-only in sip: no effect */
            CHECK(csr_read(sip) & (1u << IRQ_STI));
            csr_clear(sie, 1u << IRQ_STI);     /* S can only mask it */
        } else {
            csr_clear(mip, 1u << IRQ_STI);
        }
        break;
    default:
        rt_puts("unexpected interrupt\n");
        rt_exit(3);
    }
}

static void reset_seq(void)
{
    nseq = 0;
    for (int i = 0; i < 16; i++)
        seq[i] = 0;
}

static int wait_for_max(int n, int spins)
{
    for (int i = 0; i < spins && nseq < n; i++)
        __asm__ volatile("nop");
    return nseq;
}

static int wait_for(int n) { return wait_for_max(n, SPIN); }

/* S mode: enable SIE, wait until n interrupts were seen, disable SIE. */
static uint64_t s_wait(uint64_t n)
{
    csr_set(sstatus, MSTATUS_SIE);
    int got = wait_for((int)n);
    csr_clear(sstatus, MSTATUS_SIE);
    return (uint64_t)got;
}

#define SEQ(cause, mode, vec) ((uint64_t)(cause) | ((uint64_t)(mode) << 8) | ((uint64_t)(vec) << 16))

int main(void)
{
    say("irq: start");
    guest_init();
    irq_hook = hook;
    set_mtimecmp(~0ull);
    set_msip(0);

    /* ---- machine software interrupt ---- */
    reset_seq();
    csr_write(mie, 1u << IRQ_MSI);
    csr_set(mstatus, MSTATUS_MIE);
    set_msip(1);
    CHECK(wait_for(1) == 1);
    csr_clear(mstatus, MSTATUS_MIE);
    CHECK(seq[0] == SEQ(IRQ_MSI, PRV_M, VEC_DIRECT));
    CHECK(trap.cause == (CAUSE_INTR | IRQ_MSI));
    CHECK(!(csr_read(mip) & (1u << IRQ_MSI)));
    say("irq: msi ok");

    /* ---- machine timer interrupt ---- */
    reset_seq();
    csr_write(mie, 1u << IRQ_MTI);
    csr_set(mstatus, MSTATUS_MIE);
    set_mtimecmp(mtime() + 200);
    CHECK(wait_for(1) == 1);
    csr_clear(mstatus, MSTATUS_MIE);
    CHECK(seq[0] == SEQ(IRQ_MTI, PRV_M, VEC_DIRECT));
    CHECK(!(csr_read(mip) & (1u << IRQ_MTI)));   /* cleared by the mtimecmp write */
    say("irq: mti ok");

    /* ---- mip.MSIP/MTIP/MEIP are read-only ---- */
    csr_write(mie, 0);
    csr_set(mip, (1u << IRQ_MSI) | (1u << IRQ_MTI) | (1u << IRQ_MEI));
    CHECK((csr_read(mip) & ((1u << IRQ_MSI) | (1u << IRQ_MTI) | (1u << IRQ_MEI))) == 0);

    /* ---- priority and vectored mtvec: MSI before MTI ---- */
    csr_write(mtvec, (uint64_t)m_vectors | 1);
    reset_seq();
    csr_write(mie, (1u << IRQ_MSI) | (1u << IRQ_MTI));
    set_msip(1);
    set_mtimecmp(0);
    for (int i = 0; i < 1000 && (csr_read(mip) & 0x88) != 0x88; i++)
        ;
    CHECK((csr_read(mip) & 0x88) == 0x88);       /* both pending, MIE = 0 */
    CHECK(nseq == 0);
    csr_set(mstatus, MSTATUS_MIE);
    CHECK(wait_for(2) == 2);
    csr_clear(mstatus, MSTATUS_MIE);
    CHECK(seq[0] == SEQ(IRQ_MSI, PRV_M, IRQ_MSI));
    CHECK(seq[1] == SEQ(IRQ_MTI, PRV_M, IRQ_MTI));
    /* exceptions use the base address in vectored mode */
    expect_trap();
    __asm__ volatile("ebreak");
    CHECK_TRAP(EXC_BREAKPOINT);
    CHECK(trap.vec == 0);
    say("irq: priority/vectored ok");

    /* ---- an M interrupt is taken in S even with mstatus.MIE = 0 ---- */
    reset_seq();
    csr_write(mie, 1u << IRQ_MSI);
    set_msip(1);
    CHECK(wait_for_max(1, SHORT) == 0);           /* MIE = 0 in M: held */
    CHECK(enter_mode(PRV_S, s_wait, 1) == 1);
    CHECK(seq[0] == SEQ(IRQ_MSI, PRV_M, IRQ_MSI));
    CHECK(((trap.status & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT) == PRV_S);
    csr_write(mtvec, (uint64_t)m_trap_entry);
    say("irq: m in s ok");

    /* ---- SSI not delegated: taken in M ---- */
    reset_seq();
    csr_write(mie, 1u << IRQ_SSI);
    csr_set(mstatus, MSTATUS_MIE);
    csr_set(mip, 1u << IRQ_SSI);
    CHECK(wait_for(1) == 1);
    csr_clear(mstatus, MSTATUS_MIE);
    CHECK(seq[0] == SEQ(IRQ_SSI, PRV_M, VEC_DIRECT));
    say("irq: ssi in m ok");

    /* ---- SSI and STI delegated to S, vectored stvec ---- */
    csr_write(stvec, (uint64_t)s_vectors | 1);
    csr_write(mideleg, (1u << IRQ_SSI) | (1u << IRQ_STI));
    csr_write(mie, (1u << IRQ_SSI) | (1u << IRQ_STI));
    reset_seq();
    csr_set(sstatus, MSTATUS_SIE);
    csr_set(mstatus, MSTATUS_MIE);
    csr_set(mip, 1u << IRQ_SSI);
    CHECK(wait_for_max(1, SHORT) == 0);           /* S interrupts never taken in M */
    csr_clear(mstatus, MSTATUS_MIE);
    csr_clear(sstatus, MSTATUS_SIE);
    CHECK(enter_mode(PRV_S, s_wait, 1) == 1);
    CHECK(seq[0] == SEQ(IRQ_SSI, PRV_S, IRQ_SSI));
    CHECK(trap.cause == (CAUSE_INTR | IRQ_SSI));
    CHECK(!(csr_read(mip) & (1u << IRQ_SSI)));    /* cleared through sip */
    reset_seq();
    csr_set(mip, 1u << IRQ_STI);
    CHECK(enter_mode(PRV_S, s_wait, 1) == 1);
    CHECK(seq[0] == SEQ(IRQ_STI, PRV_S, IRQ_STI));
    CHECK(csr_read(mip) & (1u << IRQ_STI));       /* still pending, masked by S */
    CHECK(!(csr_read(mie) & (1u << IRQ_STI)));
    csr_clear(mip, 1u << IRQ_STI);
    CHECK(!(csr_read(mip) & (1u << IRQ_STI)));
    /* both pending: SSI has priority over STI */
    reset_seq();
    csr_write(mie, (1u << IRQ_SSI) | (1u << IRQ_STI));
    csr_set(mip, (1u << IRQ_SSI) | (1u << IRQ_STI));
    CHECK(enter_mode(PRV_S, s_wait, 2) == 2);
    CHECK(seq[0] == SEQ(IRQ_SSI, PRV_S, IRQ_SSI));
    CHECK(seq[1] == SEQ(IRQ_STI, PRV_S, IRQ_STI));
    csr_clear(mip, 1u << IRQ_STI);
    csr_write(mideleg, 0);
    csr_write(stvec, (uint64_t)s_trap_entry);
    say("irq: s interrupts ok");

    /* ---- WFI wakes up on a pending interrupt even with MIE = 0 ---- */
    reset_seq();
    csr_write(mie, 1u << IRQ_MTI);
    set_mtimecmp(mtime() + 100);
    int woke = 0;
    for (int i = 0; i < 100000; i++) {
        __asm__ volatile("wfi");
        if (csr_read(mip) & (1u << IRQ_MTI)) {
            woke = 1;
            break;
        }
    }
    CHECK(woke);
    CHECK(nseq == 0);                             /* no trap taken */
    csr_set(mstatus, MSTATUS_MIE);                /* now it is taken */
    CHECK(wait_for(1) == 1);
    csr_clear(mstatus, MSTATUS_MIE);
    CHECK(seq[0] == SEQ(IRQ_MTI, PRV_M, VEC_DIRECT));
    csr_write(mie, 0);
    say("irq: wfi ok");

    say("irq: pass");
    return 0;
}
