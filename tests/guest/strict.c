/* Spec checks that QEMU 7.2 gets wrong, so this program runs on amber only
 * (it is not part of the QEMU differential test; see README.md):
 *  - csrrs/csrrc with rs1 != x0 always write, so they trap on a read-only
 *    CSR even when rs1 holds 0 (QEMU 7.2 does not trap);
 *  - a misaligned AMO raises a store/AMO exception (cause 6, or 7 if the
 *    implementation reports access faults), not a load one (QEMU: cause 4);
 *  - an AMO to an unmapped address raises a store/AMO access fault (cause 7;
 *    QEMU: 5);
 *  - a misaligned SC traps even without a reservation (QEMU just fails it);
 *  - an mret to a mode below M clears mstatus.MPRV (priv 1.12; QEMU 7.2
 *    keeps it). */
#include "guest.h"

#define TRAPS(insn) ({ expect_trap(); \
    __asm__ volatile(insn ::: "a0", "t0", "memory"); disarm(); trap.count; })

static uint64_t buf[2] __attribute__((aligned(16)));

static uint64_t s_nop(uint64_t u) { return u + 1; }

int main(void)
{
    uint64_t r;

    say("strict: start");
    guest_init();

    CHECK(TRAPS("li t0, 0\n csrrs a0, mvendorid, t0") == 1);
    CHECK(trap.cause == EXC_ILLEGAL);
    CHECK(TRAPS("li t0, 0\n csrrc a0, mhartid, t0") == 1);
    CHECK(TRAPS("li t0, 0\n csrrs a0, cycle, t0") == 1);
    CHECK(TRAPS("li t0, 0\n csrrc a0, time, t0") == 1);
    say("strict: csr ok");

    buf[0] = 0x10;
    buf[1] = 0x20;
    r = SENTINEL;
    expect_trap();
    __asm__ volatile("amoadd.d %0, %1, (%2)" : "+r"(r) : "r"(1ull), "r"((uint64_t)buf + 4) : "memory");
    CHECK(trap.count == 1);
    CHECK(trap.cause == EXC_STORE_MISALIGNED || trap.cause == EXC_STORE_ACCESS);
    r = SENTINEL;
    expect_trap();
    __asm__ volatile("amoor.w %0, %1, (%2)" : "+r"(r) : "r"(1ull), "r"((uint64_t)buf + 1) : "memory");
    CHECK(trap.count == 1);
    CHECK(trap.cause == EXC_STORE_MISALIGNED || trap.cause == EXC_STORE_ACCESS);
    r = SENTINEL;
    expect_trap();
    __asm__ volatile("amoswap.d %0, %1, (%2)" : "+r"(r) : "r"(1ull), "r"(0x10ull) : "memory");
    CHECK_TRAP(EXC_STORE_ACCESS);
    r = SENTINEL;
    expect_trap();
    __asm__ volatile("sc.d %0, %1, (%2)" : "+r"(r) : "r"(7ull), "r"((uint64_t)buf + 4) : "memory");
    CHECK(trap.count == 1);
    CHECK(trap.cause == EXC_STORE_MISALIGNED || trap.cause == EXC_STORE_ACCESS);
    CHECK(r == SENTINEL);
    CHECK(buf[0] == 0x10 && buf[1] == 0x20);
    disarm();
    say("strict: amo ok");

    csr_set(mstatus, MSTATUS_MPRV);          /* satp = 0: harmless in M */
    CHECK(enter_mode(PRV_S, s_nop, 1) == 2);
    CHECK(!(csr_read(mstatus) & MSTATUS_MPRV));
    say("strict: mprv ok");

    say("strict: pass");
    return 0;
}
