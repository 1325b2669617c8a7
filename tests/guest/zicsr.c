/* Zicsr: the six CSR instructions, the rd=x0 / rs1=x0 / uimm=0 rules for
 * read-only CSRs, privilege and existence checks, read-only machine
 * information registers, and the sstatus view of mstatus. */
#include "guest.h"

/* Run `insn` (asm text, may use a0 and t0) armed; return the trap count. */
#define TRAPS(insn) ({ expect_trap(); \
    __asm__ volatile(insn ::: "a0", "t0", "memory"); disarm(); trap.count; })

static uint64_t s_read_mstatus(uint64_t u)
{
    (void)u;
    uint64_t v = SENTINEL;
    __asm__ volatile("csrr %0, mstatus" : "+r"(v));
    return v;
}

static uint64_t s_read_mscratch(uint64_t u)
{
    (void)u;
    uint64_t v = SENTINEL;
    __asm__ volatile("csrr %0, mscratch" : "+r"(v));
    return v;
}

static uint64_t s_sscratch_rw(uint64_t u)
{
    uint64_t old;
    __asm__ volatile("csrrw %0, sscratch, %1" : "=r"(old) : "r"(u));
    return old;
}

int main(void)
{
    uint64_t a, b;

    say("zicsr: start");
    guest_init();
    /* mscratch/sscratch hold the trap stacks: restore before any trap */
    uint64_t msave = csr_read(mscratch), ssave = csr_read(sscratch);

    /* ---- csrrw / csrrs / csrrc ---- */
    csr_write(mscratch, 0x0123456789abcdefull);
    __asm__ volatile("csrrw %0, mscratch, %1" : "=r"(a) : "r"(0xfedcba9876543210ull));
    CHECK(a == 0x0123456789abcdefull);
    CHECK(csr_read(mscratch) == 0xfedcba9876543210ull);
    __asm__ volatile("csrrs %0, mscratch, %1" : "=r"(a) : "r"(0x0f0full));
    CHECK(a == 0xfedcba9876543210ull);
    CHECK(csr_read(mscratch) == 0xfedcba9876543f1full);
    __asm__ volatile("csrrc %0, mscratch, %1" : "=r"(a) : "r"(0xff000000000000ffull));
    CHECK(a == 0xfedcba9876543f1full);
    CHECK(csr_read(mscratch) == 0x00dcba9876543f00ull);
    /* rd == rs1 */
    a = 0x55;
    __asm__ volatile("csrrw %0, mscratch, %0" : "+r"(a));
    CHECK(a == 0x00dcba9876543f00ull);
    CHECK(csr_read(mscratch) == 0x55);

    /* ---- immediate forms (5-bit zero-extended uimm) ---- */
    csr_write(mscratch, ~0ull << 8);
    __asm__ volatile("csrrwi %0, mscratch, 31" : "=r"(a));
    CHECK(a == ~0ull << 8);
    CHECK(csr_read(mscratch) == 31);
    __asm__ volatile("csrrci %0, mscratch, 5" : "=r"(a));
    CHECK(a == 31);
    CHECK(csr_read(mscratch) == 26);
    __asm__ volatile("csrrsi %0, mscratch, 16" : "=r"(a));
    CHECK(a == 26);
    CHECK(csr_read(mscratch) == 26);
    __asm__ volatile("csrrsi %0, mscratch, 1" : "=r"(a));
    CHECK(csr_read(mscratch) == 27);
    __asm__ volatile("csrrwi %0, mscratch, 0" : "=r"(a));
    CHECK(a == 27);
    CHECK(csr_read(mscratch) == 0);

    /* ---- rd = x0 forms still write; rs1 = x0 / uimm = 0 forms read ---- */
    __asm__ volatile("csrrw x0, mscratch, %0" :: "r"(0x77ull));
    CHECK(csr_read(mscratch) == 0x77);
    __asm__ volatile("csrrs x0, mscratch, %0" :: "r"(0x100ull));
    CHECK(csr_read(mscratch) == 0x177);
    __asm__ volatile("csrrc x0, mscratch, %0" :: "r"(0x7ull));
    CHECK(csr_read(mscratch) == 0x170);
    __asm__ volatile("csrrwi x0, mscratch, 3");
    CHECK(csr_read(mscratch) == 3);
    __asm__ volatile("csrrsi x0, mscratch, 8");
    CHECK(csr_read(mscratch) == 11);
    __asm__ volatile("csrrci x0, mscratch, 1");
    CHECK(csr_read(mscratch) == 10);
    __asm__ volatile("csrrs %0, mscratch, x0" : "=r"(a));
    CHECK(a == 10);
    __asm__ volatile("csrrc %0, mscratch, x0" : "=r"(a));
    CHECK(a == 10 && csr_read(mscratch) == 10);
    csr_write(mscratch, msave);
    say("zicsr: forms ok");

    /* ---- read-only CSRs: only a real write attempt traps ---- */
    CHECK(TRAPS("csrrs a0, mvendorid, x0") == 0);
    CHECK(TRAPS("csrrc a0, marchid, x0") == 0);
    CHECK(TRAPS("csrrsi a0, mimpid, 0") == 0);
    CHECK(TRAPS("csrrci a0, mhartid, 0") == 0);
    /* rs1 != x0 holding 0 must trap too, but QEMU 7.2 does not trap:
     * checked only in strict.c (amber only) */
    CHECK(TRAPS("li t0, 1\n csrrs a0, mvendorid, t0") == 1);
    CHECK(trap.cause == EXC_ILLEGAL);
    CHECK(TRAPS("li t0, 4\n csrrc a0, mhartid, t0") == 1);
    CHECK(TRAPS("csrrsi a0, mhartid, 1") == 1);
    CHECK(TRAPS("csrrci a0, marchid, 2") == 1);
    CHECK(TRAPS("csrrw x0, mimpid, x0") == 1);                 /* rd = x0 still writes */
    CHECK(TRAPS("csrrwi a0, mhartid, 0") == 1);
    CHECK(TRAPS("csrrs a0, cycle, x0") == 0);
    CHECK(TRAPS("csrrs a0, instret, x0") == 0);
    CHECK(TRAPS("csrrs a0, time, x0") == 0);
    CHECK(TRAPS("csrw cycle, x0") == 1);
    CHECK(TRAPS("csrw instret, x0") == 1);
    CHECK(TRAPS("csrw time, x0") == 1);
    CHECK(TRAPS("csrrsi a0, time, 1") == 1);
    CHECK(TRAPS("csrr a0, mconfigptr") == 0);                   /* priv 1.12 */
    CHECK(TRAPS("csrw mconfigptr, x0") == 1);
    say("zicsr: read-only ok");

    /* ---- CSRs that do not exist here ---- */
    CHECK(TRAPS("csrr a0, 0xc80") == 1);                        /* cycleh: RV32 only */
    CHECK(TRAPS("csrr a0, 0xc82") == 1);                        /* instreth */
    CHECK(TRAPS("csrr a0, 0x0ff") == 1);                        /* unallocated */
    CHECK(TRAPS("csrr a0, fcsr") == 1);                         /* no F (or FS off) */
    CHECK(TRAPS("csrw frm, x0") == 1);
    say("zicsr: missing ok");

    /* ---- machine information registers ---- */
    a = csr_read(misa);
    CHECK((a >> 62) == 2);                                      /* MXL = 64 */
    for (const char *p = "IMACSU"; *p; p++)
        CHECK(a & (1ull << (*p - 'A')));
    CHECK(TRAPS("csrr t0, misa\n csrw misa, t0") == 0);         /* WARL: no trap */
    CHECK(csr_read(misa) == a);
    CHECK(csr_read(mhartid) == 0);
    b = csr_read(mstatus);
    CHECK(((b >> 32) & 3) == 2);                                /* UXL = 64 */
    CHECK(((b >> 34) & 3) == 2);                                /* SXL = 64 */
    say("zicsr: machine info ok");

    /* ---- sstatus is a view of mstatus ---- */
    csr_clear(mstatus, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_SPP);
    csr_set(sstatus, MSTATUS_SIE | MSTATUS_SUM);
    b = csr_read(mstatus);
    CHECK((b & (MSTATUS_SIE | MSTATUS_SUM)) == (MSTATUS_SIE | MSTATUS_SUM));
    CHECK(!(b & (MSTATUS_SPIE | MSTATUS_MXR)));
    csr_set(mstatus, MSTATUS_MXR | MSTATUS_SPIE | MSTATUS_MIE | MSTATUS_MPIE);
    b = csr_read(sstatus);
    CHECK(b & MSTATUS_MXR);
    CHECK(b & MSTATUS_SPIE);
    CHECK(!(b & (MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP)));   /* M fields hidden */
    csr_write(sstatus, 0);                                      /* M fields untouched */
    b = csr_read(mstatus);
    CHECK(b & MSTATUS_MIE);
    CHECK(b & MSTATUS_MPIE);
    CHECK(!(b & (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SUM | MSTATUS_MXR)));
    csr_clear(mstatus, MSTATUS_MIE | MSTATUS_MPIE);
    /* sie is the delegated part of mie */
    csr_write(mideleg, (1u << IRQ_SSI) | (1u << IRQ_STI) | (1u << IRQ_SEI));
    csr_write(mie, 0);
    csr_write(sie, (1u << IRQ_SSI) | (1u << IRQ_STI));
    CHECK(csr_read(mie) == ((1u << IRQ_SSI) | (1u << IRQ_STI)));
    csr_write(mie, (1u << IRQ_SEI) | (1u << IRQ_MTI));
    CHECK(csr_read(sie) == (1u << IRQ_SEI));
    csr_write(mie, 0);
    csr_write(mideleg, 0);
    say("zicsr: s views ok");

    /* ---- privilege: S cannot touch M CSRs, U cannot touch S CSRs ---- */
    expect_trap();
    CHECK(enter_mode(PRV_S, s_read_mstatus, 0) == SENTINEL);
    CHECK_TRAP(EXC_ILLEGAL);
    expect_trap();
    CHECK(enter_mode(PRV_S, s_read_mscratch, 0) == SENTINEL);
    CHECK_TRAP(EXC_ILLEGAL);
    csr_write(sscratch, 0x1234);
    expect_trap();
    CHECK(enter_mode(PRV_S, s_sscratch_rw, 0x5678) == 0x1234);  /* S's own CSR */
    CHECK_NOTRAP();
    CHECK(csr_read(sscratch) == 0x5678);
    csr_write(sscratch, ssave);
    expect_trap();
    CHECK(enter_mode(PRV_U, u_sscratch, 0) == SENTINEL);
    CHECK_TRAP(EXC_ILLEGAL);
    CHECK(trap.tval == 0 || trap.tval == 0x14002573);           /* csrr a0, sscratch */
    disarm();
    say("zicsr: privilege ok");

    say("zicsr: pass");
    return 0;
}
