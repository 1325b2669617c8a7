/* Guest test framework: trap handlers and mode switching (see guest.h). */
#include "guest.h"

volatile struct trap_rec trap;
volatile irq_fn irq_hook;
static volatile int armed; /* 0: unexpected traps fail, 1: one, 2: many */
static volatile int m_depth, s_depth;

/* Saved M context of enter_mode_raw: ra sp gp tp s0..s11 mie */
uint64_t m_ctx[17];

static uint8_t m_trap_stack[4096] __attribute__((aligned(16)));
static uint8_t s_trap_stack[4096] __attribute__((aligned(16)));
static uint8_t s_stack[8192] __attribute__((aligned(16)));
extern char u_stack_top[];

void m_trap(struct frame *f);
void s_trap(struct frame *f);

void pmp_allow_all(void)
{
    csr_write(pmpaddr0, ~0ull);
    csr_write(pmpcfg0, 0x1f); /* NAPOT, R W X */
    sfence_vma();
}

void guest_init(void)
{
    csr_write(mtvec, (uint64_t)m_trap_entry);
    csr_write(stvec, (uint64_t)s_trap_entry);
    csr_write(mscratch, (uint64_t)(m_trap_stack + sizeof m_trap_stack));
    csr_write(sscratch, (uint64_t)(s_trap_stack + sizeof s_trap_stack));
    csr_write(medeleg, 0);
    csr_write(mideleg, 0);
    csr_write(mie, 0);
    csr_write(satp, 0);
    pmp_allow_all();
}

void expect_trap(void) { trap.count = 0; armed = 1; }
void expect_traps(void) { trap.count = 0; armed = 2; }
void disarm(void) { armed = 0; }

uint64_t enter_mode(int mode, uint64_t (*fn)(uint64_t), uint64_t arg)
{
    if (mode == PRV_U)
        return enter_mode_raw(PRV_U, (uint64_t)fn, arg, (uint64_t)u_stack_top,
                              (uint64_t)u_exit_tramp);
    return enter_mode_raw((uint64_t)mode, (uint64_t)fn, arg,
                          (uint64_t)(s_stack + sizeof s_stack), (uint64_t)s_exit_tramp);
}

void asm_fail(uint64_t testnum, uint64_t got, uint64_t expected)
{
    rt_puts("FAIL test ");
    rt_putdec((int64_t)testnum);
    rt_puts(": got ");
    rt_puthex(got);
    rt_puts(" expected ");
    rt_puthex(expected);
    rt_putc('\n');
    rt_exit(1);
}

static void fatal(const char *who, uint64_t cause, uint64_t epc, uint64_t tval)
{
    rt_puts("unexpected trap in ");
    rt_puts(who);
    rt_puts(" handler: cause=");
    rt_puthex(cause);
    rt_puts(" epc=");
    rt_puthex(epc);
    rt_puts(" tval=");
    rt_puthex(tval);
    rt_putc('\n');
    rt_exit(0x7e);
}

static int is_fetch_fault(uint64_t cause)
{
    return cause == EXC_FETCH_MISALIGNED || cause == EXC_FETCH_ACCESS ||
           cause == EXC_FETCH_PAGE;
}

static void record(uint64_t cause, uint64_t epc, uint64_t tval, uint64_t status,
                   uint64_t vec, int mode)
{
    trap.cause = cause;
    trap.epc = epc;
    trap.tval = tval;
    trap.status = status;
    trap.vec = vec;
    trap.mode = mode;
    trap.count = trap.count + 1;
}

static uint64_t insn_len(uint64_t pc)
{
    uint16_t h = *(volatile uint16_t *)(uintptr_t)pc;
    return (h & 3) == 3 ? 4 : 2;
}

void m_trap(struct frame *f)
{
    uint64_t cause = csr_read(mcause), epc = csr_read(mepc), tval = csr_read(mtval);
    uint64_t status = csr_read(mstatus);

    if (++m_depth > 1)
        fatal("nested M", cause, epc, tval);
    if (cause & CAUSE_INTR) {
        if (!irq_hook)
            fatal("M", cause, epc, tval);
        record(cause, epc, tval, status, f->vec, PRV_M);
        irq_hook(f, cause, PRV_M);
    } else if ((cause == EXC_ECALL_U || cause == EXC_ECALL_S) && f->x[17] == SYS_EXIT) {
        /* back to the caller of enter_mode_raw, in M mode */
        f->x[1] = m_ctx[0];
        f->x[2] = m_ctx[1];
        f->x[3] = m_ctx[2];
        f->x[4] = m_ctx[3];
        f->x[8] = m_ctx[4];
        f->x[9] = m_ctx[5];
        for (int i = 2; i <= 11; i++)
            f->x[16 + i] = m_ctx[4 + i];
        csr_write(mepc, m_ctx[0]);
        csr_set(mstatus, MSTATUS_MPP);
        csr_clear(mstatus, MSTATUS_MPIE);
        if (m_ctx[16])
            csr_set(mstatus, MSTATUS_MPIE);
        s_depth = 0;
    } else if (armed) {
        record(cause, epc, tval, status, f->vec, PRV_M);
        if (armed == 1)
            armed = 0;
        csr_write(mepc, is_fetch_fault(cause) ? f->x[1] : epc + insn_len(epc));
    } else {
        fatal("M", cause, epc, tval);
    }
    m_depth--;
}

void s_trap(struct frame *f)
{
    uint64_t cause = csr_read(scause), epc = csr_read(sepc), tval = csr_read(stval);
    uint64_t status = csr_read(sstatus);

    if (++s_depth > 1)
        fatal("nested S", cause, epc, tval);
    if (cause & CAUSE_INTR) {
        if (!irq_hook)
            fatal("S", cause, epc, tval);
        record(cause, epc, tval, status, f->vec, PRV_S);
        irq_hook(f, cause, PRV_S);
    } else if (cause == EXC_ECALL_U && f->x[17] == SYS_EXIT) {
        /* a delegated U exit: pass it on to M */
        register uint64_t a0 __asm__("a0") = f->x[10];
        register uint64_t a7 __asm__("a7") = SYS_EXIT;
        __asm__ volatile("ecall" :: "r"(a0), "r"(a7));
    } else if (armed) {
        record(cause, epc, tval, status, f->vec, PRV_S);
        if (armed == 1)
            armed = 0;
        uint64_t next;
        if (is_fetch_fault(cause)) {
            next = f->x[1];
        } else {
            /* the trapping code may be on a U page: read it with SUM set */
            int had_sum = (status & MSTATUS_SUM) != 0;
            csr_set(sstatus, MSTATUS_SUM);
            next = epc + insn_len(epc);
            if (!had_sum)
                csr_clear(sstatus, MSTATUS_SUM);
        }
        csr_write(sepc, next);
    } else {
        fatal("S", cause, epc, tval);
    }
    s_depth--;
}
