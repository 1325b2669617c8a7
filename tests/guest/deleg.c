/* Trap delegation (medeleg) to S mode, the sstatus/sepc/scause/stval state
 * of a delegated trap, mret/sret with MPP/SPP/MPIE/SPIE/MIE/SIE, MPRV
 * clearing, illegal xRET, and the TSR/TW/TVM traps. */
#include "guest.h"

/* Helpers in assembly: exact control over the xRET state. */
uint64_t mret_to_m(uint64_t mpie);   /* returns mstatus right after mret */
uint64_t s_sret_to_s(uint64_t spie);  /* S: returns sstatus right after sret */
uint64_t s_sret_to_u(uint64_t a7);    /* S: sret into u_ecall(a7) */
__asm__(
    ".text\n"
    ".globl mret_to_m\n"
    "mret_to_m:\n"
    "  li t0, (3 << 11) | 0x88\n"      /* MPP=M, MPIE, MIE */
    "  csrc mstatus, t0\n"
    "  li t0, (3 << 11)\n"
    "  csrs mstatus, t0\n"
    "  beqz a0, 1f\n"
    "  li t0, 0x80\n"
    "  csrs mstatus, t0\n"             /* MPIE=1, MIE=0 */
    "  j 2f\n"
    "1: csrsi mstatus, 0x8\n"          /* MPIE=0, MIE=1 */
    "2: la t0, 3f\n"
    "  csrw mepc, t0\n"
    "  mret\n"
    "3: csrr a0, mstatus\n"
    "  csrci mstatus, 0x8\n"
    "  ret\n"
    ".globl s_sret_to_s\n"
    "s_sret_to_s:\n"
    "  li t0, 0x122\n"                 /* SPP, SPIE, SIE */
    "  csrc sstatus, t0\n"
    "  li t0, 0x100\n"
    "  csrs sstatus, t0\n"             /* SPP = S */
    "  beqz a0, 1f\n"
    "  li t0, 0x20\n"
    "  csrs sstatus, t0\n"             /* SPIE=1, SIE=0 */
    "  j 2f\n"
    "1: csrsi sstatus, 0x2\n"          /* SPIE=0, SIE=1 */
    "2: la t0, 3f\n"
    "  csrw sepc, t0\n"
    "  sret\n"
    "3: csrr a0, sstatus\n"
    "  csrci sstatus, 0x2\n"
    "  ret\n"
    ".globl s_sret_to_u\n"
    "s_sret_to_u:\n"
    "  la t0, u_ecall\n"
    "  csrw sepc, t0\n"
    "  li t0, 0x100\n"
    "  csrc sstatus, t0\n"             /* SPP = U */
    "  la ra, u_exit_tramp\n"
    "  sret\n");

static uint64_t s_illegal(uint64_t u)
{
    (void)u;
    uint64_t pc;
    __asm__ volatile("la %0, 1f\n1: .half 0" : "=&r"(pc));
    return pc;
}

static uint64_t s_ebreak_sie(uint64_t u)
{
    (void)u;
    uint64_t pc;
    csr_set(sstatus, MSTATUS_SIE);            /* sie = 0: nothing can fire */
    __asm__ volatile("la %0, 1f\n1: ebreak" : "=&r"(pc));
    uint64_t after = csr_read(sstatus);
    csr_clear(sstatus, MSTATUS_SIE);
    CHECK(after & MSTATUS_SIE);               /* sret: SIE = SPIE (1) */
    CHECK(after & MSTATUS_SPIE);              /* SPIE = 1 */
    CHECK(!(after & MSTATUS_SPP));            /* SPP = U */
    return pc;
}

static uint64_t s_ecall0(uint64_t u)
{
    (void)u;
    register uint64_t a7 __asm__("a7") = 0;
    __asm__ volatile("ecall" :: "r"(a7));
    return 0;
}

static uint64_t s_insn(uint64_t which)
{
    uint64_t v = 0;
    switch (which) {
    case 0: __asm__ volatile("mret"); break;
    case 1: __asm__ volatile("sret"); break;
    case 2: __asm__ volatile("wfi"); break;
    case 3: __asm__ volatile("csrr %0, satp" : "=r"(v)); break;
    case 4: __asm__ volatile("sfence.vma"); break;
    }
    return v;
}

static uint64_t u_insn(uint64_t which)
{
    switch (which) {
    case 0: __asm__ volatile("mret"); break;
    case 1: __asm__ volatile("sret"); break;
    case 2: __asm__ volatile("sfence.vma"); break;
    }
    return 0;
}

int main(void)
{
    uint64_t pc, st;

    say("deleg: start");
    guest_init();

    /* ---- illegal instruction delegated to S ---- */
    csr_write(medeleg, 1u << EXC_ILLEGAL);
    expect_trap();
    enter_mode(PRV_U, u_illegal, 0);
    CHECK_TRAP(EXC_ILLEGAL);
    CHECK(trap.mode == PRV_S);
    CHECK(trap.epc == (uint64_t)u_illegal_at);
    CHECK(trap.tval == 0);
    CHECK(!(trap.status & MSTATUS_SPP));      /* from U */
    expect_trap();
    pc = enter_mode(PRV_S, s_illegal, 0);
    CHECK_TRAP(EXC_ILLEGAL);
    CHECK(trap.mode == PRV_S);
    CHECK(trap.epc == pc);
    CHECK(trap.status & MSTATUS_SPP);         /* from S */
    expect_trap();
    __asm__ volatile(".half 0");              /* in M: never delegated */
    CHECK_TRAP(EXC_ILLEGAL);
    CHECK(trap.mode == PRV_M);
    say("deleg: illegal ok");

    /* ---- ecall / breakpoint delegation ---- */
    csr_write(medeleg, (1u << EXC_ECALL_U) | (1u << EXC_BREAKPOINT));
    expect_trap();
    CHECK(enter_mode(PRV_U, u_ecall, 0x42) == 0); /* its SYS_EXIT passes via S */
    CHECK_TRAP(EXC_ECALL_U);
    CHECK(trap.mode == PRV_S);
    CHECK(trap.epc == (uint64_t)u_ecall_at);
    expect_trap();
    enter_mode(PRV_S, s_ecall0, 0);           /* ecall from S not delegated */
    CHECK_TRAP(EXC_ECALL_S);
    CHECK(trap.mode == PRV_M);
    /* SIE -> SPIE, SIE = 0, SPP = S on the trap; the reverse on sret */
    expect_trap();
    pc = enter_mode(PRV_S, s_ebreak_sie, 0);
    CHECK_TRAP(EXC_BREAKPOINT);
    CHECK(trap.mode == PRV_S);
    CHECK(trap.epc == pc);
    CHECK(trap.status & MSTATUS_SPIE);
    CHECK(!(trap.status & MSTATUS_SIE));
    CHECK(trap.status & MSTATUS_SPP);
    CHECK(trap.tval == 0 || trap.tval == pc);
    csr_write(medeleg, 0);
    say("deleg: ecall/ebreak ok");

    /* ---- mret: MIE = MPIE, MPIE = 1, MPP = U ---- */
    st = mret_to_m(1);
    CHECK(st & MSTATUS_MIE);
    CHECK(st & MSTATUS_MPIE);
    CHECK((st & MSTATUS_MPP) == 0);
    st = mret_to_m(0);
    CHECK(!(st & MSTATUS_MIE));
    CHECK(st & MSTATUS_MPIE);
    CHECK((st & MSTATUS_MPP) == 0);
    /* MIE in S after mret = MPIE before; seen as MPIE on the next trap */
    csr_set(mstatus, MSTATUS_MPIE);
    expect_trap();
    enter_mode(PRV_S, s_ecall0, 0);
    /* enter_mode_raw clears MPIE before its mret: MIE was 0 in S */
    CHECK_TRAP(EXC_ECALL_S);
    CHECK(!(trap.status & MSTATUS_MPIE));
    CHECK(((trap.status & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT) == PRV_S);
    say("deleg: mret ok");

    /* ---- sret: SIE = SPIE, SPIE = 1, SPP = U ---- */
    st = enter_mode(PRV_S, s_sret_to_s, 1);
    CHECK(st & MSTATUS_SIE);
    CHECK(st & MSTATUS_SPIE);
    CHECK(!(st & MSTATUS_SPP));
    st = enter_mode(PRV_S, s_sret_to_s, 0);
    CHECK(!(st & MSTATUS_SIE));
    CHECK(st & MSTATUS_SPIE);
    CHECK(!(st & MSTATUS_SPP));
    expect_trap();
    enter_mode(PRV_S, s_sret_to_u, 0x99);     /* lands in U: ecall from U */
    CHECK_TRAP(EXC_ECALL_U);
    CHECK(trap.epc == (uint64_t)u_ecall_at);
    CHECK(((trap.status & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT) == PRV_U);
    say("deleg: sret ok");

    /* (mret into a lower mode clears MPRV since priv 1.12; QEMU 7.2 does
     * not, so that check is in strict.c) */

    /* ---- privileged instructions in the wrong mode ---- */
    for (uint64_t i = 0; i <= 2; i++) {
        expect_trap();
        enter_mode(PRV_U, u_insn, i);         /* mret, sret, sfence.vma in U */
        CHECK_TRAP(EXC_ILLEGAL);
    }
    expect_trap();
    enter_mode(PRV_S, s_insn, 0);             /* mret in S */
    CHECK_TRAP(EXC_ILLEGAL);
    /* TSR: sret in S traps */
    csr_set(mstatus, MSTATUS_TSR);
    expect_trap();
    enter_mode(PRV_S, s_insn, 1);
    CHECK_TRAP(EXC_ILLEGAL);
    csr_clear(mstatus, MSTATUS_TSR);
    /* TW: wfi in S traps */
    csr_set(mstatus, MSTATUS_TW);
    expect_trap();
    enter_mode(PRV_S, s_insn, 2);
    CHECK_TRAP(EXC_ILLEGAL);
    csr_clear(mstatus, MSTATUS_TW);
    /* TVM: satp and sfence.vma in S trap */
    expect_trap();
    CHECK(enter_mode(PRV_S, s_insn, 3) == 0); /* satp readable without TVM */
    CHECK_NOTRAP();
    csr_set(mstatus, MSTATUS_TVM);
    expect_trap();
    enter_mode(PRV_S, s_insn, 3);
    CHECK_TRAP(EXC_ILLEGAL);
    expect_trap();
    enter_mode(PRV_S, s_insn, 4);
    CHECK_TRAP(EXC_ILLEGAL);
    csr_clear(mstatus, MSTATUS_TVM);
    expect_trap();
    enter_mode(PRV_S, s_insn, 4);             /* allowed again */
    CHECK_NOTRAP();
    disarm();
    say("deleg: privileged insns ok");

    say("deleg: pass");
    return 0;
}
