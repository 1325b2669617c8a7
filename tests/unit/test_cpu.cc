// CPU tests: programs hand-assembled into DRAM of a real struct machine,
// run with machine_run (or cpu_run where the test drives interrupt lines
// itself), then registers, CSRs and memory are checked.
#include <gtest/gtest.h>

#include <climits>
#include <cstdint>
#include <functional>

#include "rv_asm.h"

using namespace rv;

namespace {

constexpr uint64_t INTR = MCAUSE_INTERRUPT;
constexpr uint64_t SENTINEL = 0x5a5a;

// Run a straight-line program of 32-bit instructions exactly once.
void run_straight(Hart &h, Asm &a)
{
    h.load(a);
    uint64_t n = a.size() / 4;
    EXPECT_EQ(h.run(n), STOP_LIMIT);
    EXPECT_EQ(h.c.pc, a.pc()) << "trap? mcause " << h.c.csr.mcause << " mepc " << std::hex << h.c.csr.mepc;
}

// Run until the program reaches its final self-loop (at `end`).
void run_to(Hart &h, Asm &a, uint64_t end, uint64_t budget = 10000)
{
    h.load(a);
    h.run(budget);
    EXPECT_EQ(h.c.pc, end) << std::hex << "mcause " << h.c.csr.mcause << " mepc " << h.c.csr.mepc
                           << " mtval " << h.c.csr.mtval << " scause " << h.c.csr.scause;
}

// Run a program that is expected to trap into M at its first instruction
// past `prefix` instructions; returns nothing, the caller checks CSRs.
void run_to_mtrap(Hart &h, Asm &a, uint64_t budget = 1000)
{
    h.c.csr.mcause = SENTINEL;
    h.load(a);
    h.run(budget);
    EXPECT_EQ(h.c.pc, MTVEC_ADDR) << "no trap to M; pc " << std::hex << h.c.pc;
    EXPECT_EQ(h.c.priv, (unsigned)PRIV_M);
}

// ---------------------------------------------------------------- ALU ----

TEST(CpuAlu, ShiftAmountsAre6Bits)
{
    Hart h;
    Asm a;
    h.c.x[a0] = 1;
    h.c.x[a1] = 63;
    h.c.x[a2] = 64;
    h.c.x[a3] = 0x8000000000000000ull;
    h.c.x[a4] = 65;
    h.c.x[a5] = 0xffffffffffffffc1ull; // low 6 bits = 1
    a.sll(s0, a0, a1);
    a.sll(s1, a0, a2);
    a.srl(s2, a3, a1);
    a.sra(s3, a3, a1);
    a.sra(s4, a3, a2);
    a.srl(s5, a3, a4);
    a.slli(s6, a0, 63);
    a.srli(s7, a3, 63);
    a.srai(s8, a3, 63);
    a.sll(s9, a0, a5);
    a.srai(s10, a3, 0);
    run_straight(h, a);
    EXPECT_EQ(h.x(s0), 0x8000000000000000ull);
    EXPECT_EQ(h.x(s1), 1u);
    EXPECT_EQ(h.x(s2), 1u);
    EXPECT_EQ(h.x(s3), UINT64_MAX);
    EXPECT_EQ(h.x(s4), 0x8000000000000000ull);
    EXPECT_EQ(h.x(s5), 0x4000000000000000ull);
    EXPECT_EQ(h.x(s6), 0x8000000000000000ull);
    EXPECT_EQ(h.x(s7), 1u);
    EXPECT_EQ(h.x(s8), UINT64_MAX);
    EXPECT_EQ(h.x(s9), 2u);
    EXPECT_EQ(h.x(s10), 0x8000000000000000ull);
}

TEST(CpuAlu, WordOpsSignExtend)
{
    Hart h;
    Asm a;
    h.c.x[t0] = 0xffffffff7fffffffull;
    h.c.x[a0] = 1;
    h.c.x[a1] = 0x100000000ull;     // low word 0
    h.c.x[a2] = 0x0000000080000000ull;
    h.c.x[a3] = 32;
    h.c.x[a4] = 36;                 // sraw uses 5 bits: 4
    h.c.x[a5] = 0xdeadbeef00000010ull;
    a.addiw(s0, t0, 1);             // 0x80000000 -> negative
    a.addw(s1, t0, zero);           // 0x7fffffff
    a.subw(s2, a1, a0);             // 0 - 1
    a.sllw(s3, t0, a3);             // shift by 32 is 0
    a.sllw(s4, a0, a5);             // shift by 16 (upper bits of rs2 ignored)
    a.srlw(s5, a2, zero);           // 0x80000000 sign-extended
    a.srliw(s6, a2, 1);
    a.sraiw(s7, a2, 31);
    a.sraw(s8, a2, a4);
    a.slliw(s9, a0, 31);
    a.addiw(s10, a5, 0);            // sext.w of 0x00000010
    a.srliw(s11, t0, 0);            // sext of low word 0x7fffffff
    a.addw(t1, a2, a2);             // 0x100000000 -> 0
    run_straight(h, a);
    EXPECT_EQ(h.x(s0), 0xffffffff80000000ull);
    EXPECT_EQ(h.x(s1), 0x7fffffffull);
    EXPECT_EQ(h.x(s2), UINT64_MAX);
    EXPECT_EQ(h.x(s3), 0x7fffffffull);
    EXPECT_EQ(h.x(s4), 0x10000ull);
    EXPECT_EQ(h.x(s5), 0xffffffff80000000ull);
    EXPECT_EQ(h.x(s6), 0x40000000ull);
    EXPECT_EQ(h.x(s7), UINT64_MAX);
    EXPECT_EQ(h.x(s8), 0xfffffffff8000000ull);
    EXPECT_EQ(h.x(s9), 0xffffffff80000000ull);
    EXPECT_EQ(h.x(s10), 0x10ull);
    EXPECT_EQ(h.x(s11), 0x7fffffffull);
    EXPECT_EQ(h.x(t1), 0u);
}

TEST(CpuAlu, DivisionCornerCases)
{
    Hart h;
    Asm a;
    h.c.x[a0] = 0x8000000000000000ull; // INT64_MIN
    h.c.x[a1] = UINT64_MAX;            // -1
    h.c.x[a2] = 12345;
    h.c.x[a3] = (uint64_t)-7;
    h.c.x[a4] = 2;
    h.c.x[a5] = 0x1234567880000000ull; // word INT32_MIN
    a.div(s0, a0, a1);
    a.rem(s1, a0, a1);
    a.div(s2, a2, zero);
    a.rem(s3, a2, zero);
    a.divu(s4, a2, zero);
    a.remu(s5, a3, zero);
    a.div(s6, a3, a4);
    a.rem(s7, a3, a4);
    a.divu(s8, a3, a4);
    a.divw(s9, a5, a1);
    a.remw(s10, a5, a1);
    a.divw(s11, a2, zero);
    a.remw(t0, a5, zero);
    a.divuw(t1, a5, zero);
    a.remuw(t2, a5, zero);
    a.divuw(t3, a1, a4);              // 0xffffffff / 2 = 0x7fffffff
    a.divuw(t4, a1, a0);              // divisor word is 0
    a.remu(t5, a1, a2);
    run_straight(h, a);
    EXPECT_EQ(h.x(s0), 0x8000000000000000ull);
    EXPECT_EQ(h.x(s1), 0u);
    EXPECT_EQ(h.x(s2), UINT64_MAX);
    EXPECT_EQ(h.x(s3), 12345u);
    EXPECT_EQ(h.x(s4), UINT64_MAX);
    EXPECT_EQ(h.x(s5), (uint64_t)-7);
    EXPECT_EQ(h.x(s6), (uint64_t)-3);
    EXPECT_EQ(h.x(s7), (uint64_t)-1);
    EXPECT_EQ(h.x(s8), ((uint64_t)-7) / 2);
    EXPECT_EQ(h.x(s9), 0xffffffff80000000ull);
    EXPECT_EQ(h.x(s10), 0u);
    EXPECT_EQ(h.x(s11), UINT64_MAX);
    EXPECT_EQ(h.x(t0), 0xffffffff80000000ull);
    EXPECT_EQ(h.x(t1), UINT64_MAX);
    EXPECT_EQ(h.x(t2), 0xffffffff80000000ull);
    EXPECT_EQ(h.x(t3), 0x7fffffffull);
    EXPECT_EQ(h.x(t4), UINT64_MAX);
    EXPECT_EQ(h.x(t5), UINT64_MAX % 12345u);
}

TEST(CpuAlu, MultiplyHighHalves)
{
    Hart h;
    Asm a;
    h.c.x[a0] = UINT64_MAX;            // -1
    h.c.x[a1] = 0x8000000000000000ull;
    h.c.x[a2] = 2;
    h.c.x[a3] = 0x0000000000010000ull;
    h.c.x[a4] = 0xffffffff00008000ull; // word 0x8000
    a.mulh(s0, a0, a0);                // (-1)(-1) = 1: high 0
    a.mul(s1, a0, a0);
    a.mulh(s2, a1, a1);                // 2^126
    a.mulhsu(s3, a0, a0);              // -1 * (2^64-1): high -1
    a.mulhsu(s4, a2, a0);              // 2 * (2^64-1): high 1
    a.mulhsu(s5, a1, a2);              // -2^63 * 2: high -1
    a.mulhu(s6, a0, a0);
    a.mulh(s7, a1, a0);                // -2^63 * -1 = 2^63: high 0
    a.mul(s8, a1, a0);
    a.mulw(s9, a3, a4);                // 0x10000 * 0x8000 = 0x80000000
    a.mulhu(s10, a1, a2);              // 2^63 * 2: high 1
    a.mulhsu(s11, a0, a1);             // -1 * 2^63: high -1
    run_straight(h, a);
    EXPECT_EQ(h.x(s0), 0u);
    EXPECT_EQ(h.x(s1), 1u);
    EXPECT_EQ(h.x(s2), 0x4000000000000000ull);
    EXPECT_EQ(h.x(s3), UINT64_MAX);
    EXPECT_EQ(h.x(s4), 1u);
    EXPECT_EQ(h.x(s5), UINT64_MAX);
    EXPECT_EQ(h.x(s6), 0xfffffffffffffffeull);
    EXPECT_EQ(h.x(s7), 0u);
    EXPECT_EQ(h.x(s8), 0x8000000000000000ull);
    EXPECT_EQ(h.x(s9), 0xffffffff80000000ull);
    EXPECT_EQ(h.x(s10), 1u);
    EXPECT_EQ(h.x(s11), UINT64_MAX);
}

TEST(CpuAlu, CompareAndX0)
{
    Hart h;
    Asm a;
    h.c.x[a0] = UINT64_MAX;
    h.c.x[a1] = 5;
    a.slt(s0, a0, zero);
    a.sltu(s1, a0, zero);
    a.sltiu(s2, a1, -1);     // imm sign-extends to 2^64-1
    a.slti(s3, a0, 0);
    a.sltiu(s4, a0, -1);
    a.add(zero, a0, a1);     // writes to x0 are dropped
    a.addi(s5, zero, 0);
    a.xori(s6, a1, -1);      // not
    a.andi(s7, a0, -2048);
    a.ori(s8, zero, -1);
    run_straight(h, a);
    EXPECT_EQ(h.x(s0), 1u);
    EXPECT_EQ(h.x(s1), 0u);
    EXPECT_EQ(h.x(s2), 1u);
    EXPECT_EQ(h.x(s3), 1u);
    EXPECT_EQ(h.x(s4), 0u);
    EXPECT_EQ(h.c.x[0], 0u);
    EXPECT_EQ(h.x(s5), 0u);
    EXPECT_EQ(h.x(s6), ~5ull);
    EXPECT_EQ(h.x(s7), 0xfffffffffffff800ull);
    EXPECT_EQ(h.x(s8), UINT64_MAX);
}

TEST(CpuAlu, LoadImmediateSequences)
{
    const uint64_t vals[] = { 0, 1, 2047, (uint64_t)-2048, 0x7ffff800, 0x7fffffff, 0x80000000ull,
                              0xffffffff80000000ull, 0x123456789abcdef0ull, UINT64_MAX,
                              0x8000000000000000ull, 0x00000000fffff800ull, 0x7fffffffffffffffull };
    Hart h;
    Asm a;
    unsigned r = 5;
    for (uint64_t v : vals)
        a.li((Reg)r++, v);
    run_straight(h, a);
    r = 5;
    for (uint64_t v : vals)
        EXPECT_EQ(h.x(r++), v) << std::hex << v;
}

TEST(CpuAlu, LoadsStoresAndExtension)
{
    Hart h;
    Asm a;
    h.c.x[a0] = DATA;
    h.put64(DATA, 0x8081828384858687ull);
    h.put64(DATA + 8, 0x0102030405060708ull);
    a.lb(s0, a0, 0);
    a.lbu(s1, a0, 0);
    a.lh(s2, a0, 6);
    a.lhu(s3, a0, 6);
    a.lw(s4, a0, 4);
    a.lwu(s5, a0, 4);
    a.ld(s6, a0, 3);         // misaligned: done in hardware
    a.addi(a1, a0, 32);
    a.sd(s6, a1, -8);        // negative offset
    a.sh(s0, a1, 1);         // misaligned halfword store
    a.lbu(s7, a1, 1);
    a.lbu(s8, a1, 2);
    a.ld(s9, a1, -8);
    run_straight(h, a);
    EXPECT_EQ(h.x(s0), 0xffffffffffffff87ull);
    EXPECT_EQ(h.x(s1), 0x87u);
    EXPECT_EQ(h.x(s2), 0xffffffffffff8081ull);
    EXPECT_EQ(h.x(s3), 0x8081u);
    EXPECT_EQ(h.x(s4), 0xffffffff80818283ull);
    EXPECT_EQ(h.x(s5), 0x80818283ull);
    EXPECT_EQ(h.x(s6), 0x0607088081828384ull);
    EXPECT_EQ(h.x(s7), 0x87u);
    EXPECT_EQ(h.x(s8), 0xffu);
    EXPECT_EQ(h.x(s9), 0x0607088081828384ull);
    EXPECT_EQ(h.get64(DATA + 24), 0x0607088081828384ull);
}

TEST(CpuAlu, BranchesAndJumps)
{
    Hart h;
    Asm a;
    h.c.x[a0] = UINT64_MAX;
    h.c.x[a1] = 1;
    int bad = a.label(), end = a.label(), l1 = a.label(), l2 = a.label(), fn = a.label();
    a.blt(a0, a1, l1);       // -1 < 1 signed: taken
    a.j(bad);
    a.bind(l1);
    a.bltu(a0, a1, bad);     // unsigned: not taken
    a.bge(a0, a1, bad);
    a.bgeu(a0, a1, l2);
    a.j(bad);
    a.bind(l2);
    a.beq(a0, a1, bad);
    a.bne(zero, zero, bad);
    a.jal(ra, fn);
    uint64_t ret = a.pc();
    a.addi(s1, zero, 77);    // return point
    uint64_t p = a.pc();
    a.auipc(t0, 0);          // jalr with rd == rs1 and bit 0 set in the target
    a.addi(t0, t0, 17);
    a.jalr(t0, t0, 0);       // to p + 16, link p + 12
    a.j(bad);                // p + 12
    a.auipc(s2, 0);          // p + 16
    a.j(end);
    a.bind(fn);
    a.addi(s0, ra, 0);
    a.jalr(zero, ra, 0);
    a.bind(bad);
    a.addi(s11, zero, -1);
    a.self_loop();
    a.bind(end);
    a.self_loop();
    run_to(h, a, a.addr(end));
    EXPECT_EQ(h.x(s11), 0u);
    EXPECT_EQ(h.x(s1), 77u);
    EXPECT_EQ(h.x(s0), ret) << "link of jal";
    EXPECT_EQ(h.x(t0), p + 12) << "jalr link = pc + 4 (rd == rs1)";
    EXPECT_EQ(h.x(s2), p + 16) << "target bit 0 cleared";
}

// --------------------------------------------------------- compressed ----

TEST(CpuRvc, CompressedInstructionsExecute)
{
    Hart h;
    Asm a;
    h.c.x[a1] = 0x7fffffff;
    h.c.x[s1] = (uint64_t)-16;
    h.c.x[s0] = 0x7fffffff;
    h.c.x[a5] = 1;
    h.c.x[sp] = DATA + 64;
    h.c.x[a6] = 0x80000000u;
    int end = a.label(), skip = a.label(), fn = a.label(), back = a.label();
    a.c_li(a0, -32);
    a.c_addi(a0, 31);            // -1
    a.c_addiw(a1, 1);            // 0x80000000 sign-extended
    a.c_lui(a2, -32);            // 0xfffe0000 sign-extended
    a.c_lui(a3, 1);
    a.c_mv(a4, a3);
    a.c_add(a4, a3);             // 0x2000
    a.c_slli(a4, 40);
    a.c_srli(a4, 44);            // 0x200
    a.c_srai(s1, 2);             // -4
    a.c_andi(s1, 0x1f);          // 0x1c
    a.c_addw(s0, a5);            // 0x80000000 sign-extended
    a.c_mv(t3, s0);
    a.c_subw(s0, a5);            // 0x7fffffff
    a.c_mv(s2, s0);
    a.c_xor(s0, a5);             // 0x7ffffffe
    a.c_or(s0, a5);              // 0x7fffffff
    a.c_and(s0, a5);             // 1
    a.c_sub(s0, a5);             // 0
    a.c_mv(s3, s0);
    a.c_sdsp(a0, 8);
    a.c_ldsp(t6, 8);
    a.c_swsp(a6, 16);
    a.c_lwsp(t5, 16);            // sign-extends
    a.c_addi16sp(-64);
    a.c_addi4spn(a5, 64);        // a5 = sp + 64 = DATA + 64
    a.c_ld(s0, a5, 8);           // == a0
    a.c_sw(a3, a5, 124);
    a.c_lw(a3, a5, 124);
    a.c_j(skip);
    a.c_ebreak();                // skipped
    a.bind(skip);
    a.c_beqz(s0, end);           // s0 = -1: not taken
    a.c_bnez(s0, back);
    a.c_ebreak();
    a.bind(fn);
    a.c_mv(t1, ra);
    a.c_jr(ra);
    a.bind(back);
    a.auipc(t4, 0);              // t4 = fn
    a.addi(t4, t4, (int32_t)(a.addr(fn) - (a.pc() - 4)));
    uint64_t cjalr = a.pc();
    a.c_jalr(t4);                // ra = pc + 2
    a.c_sub(a5, a5);             // back from fn: a5 = 0
    a.bind(end);
    a.c_j(end);
    run_to(h, a, a.addr(end));
    EXPECT_EQ(h.x(a0), UINT64_MAX);
    EXPECT_EQ(h.x(a1), 0xffffffff80000000ull);
    EXPECT_EQ(h.x(a2), 0xfffffffffffe0000ull);
    EXPECT_EQ(h.x(a3), 0x1000u);
    EXPECT_EQ(h.x(a4), 0x200u);
    EXPECT_EQ(h.x(s1), 0x1cu);
    EXPECT_EQ(h.x(t3), 0xffffffff80000000ull);
    EXPECT_EQ(h.x(s2), 0x7fffffffull);
    EXPECT_EQ(h.x(s3), 0u);
    EXPECT_EQ(h.x(t6), UINT64_MAX);
    EXPECT_EQ(h.x(t5), 0xffffffff80000000ull);
    EXPECT_EQ(h.x(sp), DATA);
    EXPECT_EQ(h.x(s0), UINT64_MAX);
    EXPECT_EQ(h.x(a5), 0u);
    EXPECT_EQ(h.x(t1), cjalr + 2) << "c.jalr links pc + 2";
    EXPECT_EQ(h.get32(DATA + 64 + 124), 0x1000u);
}

TEST(CpuRvc, InstructionStraddlingAPage)
{
    Hart h;
    Asm a(DRAM + 0xffa);
    a.c_addi(a0, 1);
    a.c_nop();
    a.addi(a0, a0, 5);           // 0x...ffe .. 0x1001
    int end = a.here();
    a.self_loop();
    h.c.pc = DRAM + 0xffa;
    run_to(h, a, a.addr(end));
    EXPECT_EQ(h.x(a0), 6u);
}

// -------------------------------------------------------------- traps ----

TEST(CpuTrap, IllegalInstructionReportsBits)
{
    struct Case { bool half; uint32_t bits; } cases[] = {
        { false, 0x022080d3 },   // fadd.d: no F/D
        { false, 0x0000007f },   // reserved long encoding
        { false, 0x02208057 },   // vadd.vv: no V
        { true, 0x6002 },        // c.ldsp x0: reserved
        { true, 0x0000 },        // the all-zero halfword
        { true, 0x8002 },        // c.jr x0: reserved
    };
    for (const Case &k : cases) {
        Hart h;
        Asm a;
        a.nop();
        if (k.half) {
            a.w16((uint16_t)k.bits);
            a.w16(0xffff);       // what follows must not leak into mtval
        } else {
            a.w32(k.bits);
        }
        run_to_mtrap(h, a);
        EXPECT_EQ(h.c.csr.mcause, (uint64_t)EXC_ILLEGAL) << std::hex << k.bits;
        EXPECT_EQ(h.c.csr.mepc, DRAM + 4);
        EXPECT_EQ(h.c.csr.mtval, k.bits) << std::hex << k.bits;
    }
}

TEST(CpuTrap, PrivilegedInstructionsInWrongMode)
{
    struct Case { unsigned priv; uint32_t insn; uint64_t mstatus; } cases[] = {
        { PRIV_U, 0x30200073, 0 },               // mret in U
        { PRIV_S, 0x30200073, 0 },               // mret in S
        { PRIV_U, 0x10200073, 0 },               // sret in U
        { PRIV_S, 0x10200073, MSTATUS_TSR },     // sret in S with TSR
        { PRIV_S, 0x10500073, MSTATUS_TW },      // wfi in S with TW (nothing pending)
        { PRIV_U, 0x12000073, 0 },               // sfence.vma in U
        { PRIV_S, 0x12000073, MSTATUS_TVM },     // sfence.vma in S with TVM
        { PRIV_U, 0x30002573, 0 },               // csrr a0, mstatus in U
        { PRIV_S, 0x30002573, 0 },               // csrr a0, mstatus in S
        { PRIV_U, 0x10002573, 0 },               // csrr a0, sstatus in U
        { PRIV_S, 0xb0002573, 0 },               // csrr a0, mcycle in S
        { PRIV_S, 0x18002573, MSTATUS_TVM },     // csrr a0, satp in S with TVM
    };
    for (const Case &k : cases) {
        Hart h;
        h.pmp_allow_all();
        h.c.csr.mstatus = k.mstatus;
        Asm a;
        a.w32(k.insn);
        h.set_priv(k.priv);
        run_to_mtrap(h, a);
        EXPECT_EQ(h.c.csr.mcause, (uint64_t)EXC_ILLEGAL) << std::hex << k.insn << " priv " << k.priv;
        EXPECT_EQ(h.c.csr.mepc, DRAM);
        EXPECT_TRUE(h.c.csr.mtval == 0 || h.c.csr.mtval == k.insn) << std::hex << h.c.csr.mtval;
        EXPECT_EQ((h.c.csr.mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT, k.priv);
    }
}

TEST(CpuTrap, BreakpointAndEcallFromEachMode)
{
    for (unsigned priv : std::initializer_list<unsigned>{ PRIV_U, PRIV_S, PRIV_M }) {
        Hart h;
        h.pmp_allow_all();
        Asm a;
        a.nop();
        a.ecall();
        h.set_priv(priv);
        run_to_mtrap(h, a);
        uint64_t want = priv == PRIV_U ? EXC_ECALL_U : priv == PRIV_S ? EXC_ECALL_S : EXC_ECALL_M;
        EXPECT_EQ(h.c.csr.mcause, want);
        EXPECT_EQ(h.c.csr.mepc, DRAM + 4) << "epc is the ecall itself";
        EXPECT_EQ(h.c.csr.mtval, 0u);
        EXPECT_EQ((h.c.csr.mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT, priv);
    }
    for (bool compressed : { false, true }) {
        Hart h;
        Asm a;
        a.c_nop();
        compressed ? a.c_ebreak() : a.ebreak();
        run_to_mtrap(h, a);
        EXPECT_EQ(h.c.csr.mcause, (uint64_t)EXC_BREAKPOINT);
        EXPECT_EQ(h.c.csr.mepc, DRAM + 2);
        EXPECT_TRUE(h.c.csr.mtval == 0 || h.c.csr.mtval == DRAM + 2) << std::hex << h.c.csr.mtval;
    }
}

TEST(CpuTrap, AccessFaults)
{
    struct Case {
        const char *what;
        std::function<void(Asm &)> body;
        uint64_t cause, tval;
    };
    const uint64_t dram_end = DRAM + (1u << 20);
    Case cases[] = {
        { "ld hole", [](Asm &a) { a.li(t0, HOLE + 8); a.ld(a0, t0, 0); }, EXC_LOAD_ACCESS, HOLE + 8 },
        { "lb below rom", [](Asm &a) { a.li(t0, 0x10); a.lb(a0, t0, 0); }, EXC_LOAD_ACCESS, 0x10 },
        { "sd hole", [](Asm &a) { a.li(t0, HOLE); a.sd(a0, t0, 16); }, EXC_STORE_ACCESS, HOLE + 16 },
        { "sw rom", [](Asm &a) { a.li(t0, AMBER_BOOTROM_BASE); a.sw(a0, t0, 0); }, EXC_STORE_ACCESS,
          AMBER_BOOTROM_BASE },
        { "amoadd hole", [](Asm &a) { a.li(t0, HOLE); a.amoadd_w(a0, a1, t0); }, EXC_STORE_ACCESS, HOLE },
        { "lr hole", [](Asm &a) { a.li(t0, HOLE); a.lr_d(a0, t0); }, EXC_LOAD_ACCESS, HOLE },
        { "amoswap rom", [](Asm &a) { a.li(t0, AMBER_BOOTROM_BASE); a.amoswap_d(a0, a1, t0); },
          EXC_STORE_ACCESS, AMBER_BOOTROM_BASE },
        { "ld across dram end", [=](Asm &a) { a.li(t0, dram_end - 4); a.ld(a0, t0, 0); },
          EXC_LOAD_ACCESS, dram_end },
        { "sd across dram end", [=](Asm &a) { a.li(t0, dram_end - 2); a.sd(a0, t0, 0); },
          EXC_STORE_ACCESS, dram_end },
    };
    for (const Case &k : cases) {
        Hart h;
        h.put64(dram_end - 8, 0x1111111111111111ull);
        h.c.x[a0] = 0x2222222222222222ull;
        Asm a;
        k.body(a);
        uint64_t at = a.pc() - 4; // the faulting instruction is the last one
        a.nop();
        run_to_mtrap(h, a);
        EXPECT_EQ(h.c.csr.mcause, k.cause) << k.what;
        EXPECT_EQ(h.c.csr.mepc, at) << k.what;
        EXPECT_EQ(h.c.csr.mtval, k.tval) << k.what;
        EXPECT_EQ(h.get64(dram_end - 8), 0x1111111111111111ull) << k.what << ": a faulting store wrote";
    }
}

TEST(CpuTrap, MisalignedAtomics)
{
    struct Case {
        const char *what;
        std::function<void(Asm &)> body;
        uint64_t cause;
    } cases[] = {
        { "amoadd.w", [](Asm &a) { a.amoadd_w(a0, a1, t0); }, EXC_STORE_MISALIGNED },
        { "amoswap.d", [](Asm &a) { a.amoswap_d(a0, a1, t0); }, EXC_STORE_MISALIGNED },
        { "lr.d", [](Asm &a) { a.lr_d(a0, t0); }, EXC_LOAD_MISALIGNED },
        { "sc.w", [](Asm &a) { a.sc_w(a0, a1, t0); }, EXC_STORE_MISALIGNED },
    };
    for (const auto &k : cases) {
        Hart h;
        h.c.x[t0] = DATA + 2;
        h.put64(DATA, 0);
        Asm a;
        k.body(a);
        run_to_mtrap(h, a);
        EXPECT_EQ(h.c.csr.mcause, k.cause) << k.what;
        EXPECT_EQ(h.c.csr.mepc, DRAM) << k.what;
        EXPECT_EQ(h.c.csr.mtval, DATA + 2) << k.what;
        EXPECT_EQ(h.get64(DATA), 0u) << k.what;
    }
}

TEST(CpuTrap, FetchAccessFault)
{
    for (uint64_t target : std::initializer_list<uint64_t>{ HOLE, AMBER_CLINT_BASE, AMBER_UART0_BASE, 0x100 }) {
        Hart h;
        Asm a;
        a.li(t0, target);
        a.jalr(ra, t0, 0);
        run_to_mtrap(h, a);
        EXPECT_EQ(h.c.csr.mcause, (uint64_t)EXC_INSN_ACCESS) << std::hex << target;
        EXPECT_EQ(h.c.csr.mepc, target);
        EXPECT_TRUE(h.c.csr.mtval == target || h.c.csr.mtval == 0);
        EXPECT_EQ(h.x(ra), a.pc()) << "the jump itself retired";
    }
}

TEST(CpuTrap, TrapEntryStackOfMstatus)
{
    Hart h;
    h.pmp_allow_all();
    h.c.csr.mstatus = MSTATUS_MIE | MSTATUS_SIE;
    Asm a;
    a.ecall();
    h.set_priv(PRIV_S);
    run_to_mtrap(h, a);
    uint64_t ms = h.c.csr.mstatus;
    EXPECT_FALSE(ms & MSTATUS_MIE);
    EXPECT_TRUE(ms & MSTATUS_MPIE);
    EXPECT_EQ((ms & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT, (unsigned)PRIV_S);
    EXPECT_TRUE(ms & MSTATUS_SIE) << "M trap leaves the S fields alone";
}

TEST(CpuTrap, VectoredModeOnlyForInterrupts)
{
    Hart h;
    h.c.csr.mtvec = MTVEC_ADDR | 1;
    Asm a;
    a.ecall();
    run_to_mtrap(h, a);
    EXPECT_EQ(h.c.csr.mcause, (uint64_t)EXC_ECALL_M);
}

// --------------------------------------------------------- delegation ----

TEST(CpuDeleg, EcallFromUToS)
{
    Hart h;
    h.pmp_allow_all();
    h.c.csr.medeleg = 1u << EXC_ECALL_U;
    h.c.csr.mstatus = MSTATUS_SIE | MSTATUS_SPP;
    h.c.csr.mcause = SENTINEL;
    Asm a;
    a.nop();
    a.ecall();
    h.load(a);
    h.set_priv(PRIV_U);
    h.run(100);
    EXPECT_EQ(h.c.pc, STVEC_ADDR);
    EXPECT_EQ(h.c.priv, (unsigned)PRIV_S);
    EXPECT_EQ(h.c.csr.scause, (uint64_t)EXC_ECALL_U);
    EXPECT_EQ(h.c.csr.sepc, DRAM + 4);
    EXPECT_EQ(h.c.csr.stval, 0u);
    uint64_t ms = h.c.csr.mstatus;
    EXPECT_FALSE(ms & MSTATUS_SPP) << "came from U";
    EXPECT_TRUE(ms & MSTATUS_SPIE);
    EXPECT_FALSE(ms & MSTATUS_SIE);
    EXPECT_EQ(h.c.csr.mcause, SENTINEL) << "M CSRs untouched";
}

TEST(CpuDeleg, IllegalFromSToS)
{
    Hart h;
    h.pmp_allow_all();
    h.c.csr.medeleg = 1u << EXC_ILLEGAL;
    h.c.csr.mstatus = 0;
    Asm a;
    a.w32(0x022080d3);
    h.load(a);
    h.set_priv(PRIV_S);
    h.run(100);
    EXPECT_EQ(h.c.pc, STVEC_ADDR);
    EXPECT_EQ(h.c.csr.scause, (uint64_t)EXC_ILLEGAL);
    EXPECT_EQ(h.c.csr.stval, 0x022080d3u);
    EXPECT_TRUE(h.c.csr.mstatus & MSTATUS_SPP);
    EXPECT_FALSE(h.c.csr.mstatus & MSTATUS_SPIE);
}

TEST(CpuDeleg, TrapsInMAreNeverDelegated)
{
    Hart h;
    h.set_csr(CSR_MEDELEG, UINT64_MAX);
    EXPECT_FALSE(h.csr(CSR_MEDELEG) & (1u << EXC_ECALL_M)) << "ecall from M cannot be delegated";
    EXPECT_TRUE(h.csr(CSR_MEDELEG) & (1u << EXC_ILLEGAL));
    Asm a;
    a.w32(0);
    run_to_mtrap(h, a);
    EXPECT_EQ(h.c.csr.mcause, (uint64_t)EXC_ILLEGAL);
}

TEST(CpuDeleg, EcallFromSDelegated)
{
    Hart h;
    h.pmp_allow_all();
    h.c.csr.medeleg = 1u << EXC_ECALL_S;
    Asm a;
    a.ecall();
    h.load(a);
    h.set_priv(PRIV_S);
    h.run(10);
    EXPECT_EQ(h.c.pc, STVEC_ADDR);
    EXPECT_EQ(h.c.csr.scause, (uint64_t)EXC_ECALL_S);
    EXPECT_TRUE(h.c.csr.mstatus & MSTATUS_SPP);
}

// ------------------------------------------------------- xRET ----

TEST(CpuXret, MretToSAndU)
{
    {
        Hart h;
        h.pmp_allow_all();
        h.c.csr.mstatus = (1ull << MSTATUS_MPP_SHIFT) | MSTATUS_MPIE;
        h.c.csr.mepc = DRAM + 0x100;
        Asm a;
        a.mret();
        a.org(DRAM + 0x100);
        int end = a.here();
        a.self_loop();
        run_to(h, a, a.addr(end));
        EXPECT_EQ(h.c.priv, (unsigned)PRIV_S);
        uint64_t ms = h.c.csr.mstatus;
        EXPECT_TRUE(ms & MSTATUS_MIE);
        EXPECT_TRUE(ms & MSTATUS_MPIE);
        EXPECT_EQ(ms & MSTATUS_MPP, 0u) << "MPP = U after mret";
    }
    {
        Hart h;
        h.pmp_allow_all();
        h.c.csr.mstatus = MSTATUS_MIE | MSTATUS_MPRV; // MPP = U, MPIE = 0
        h.c.csr.mepc = DRAM + 0x100;
        Asm a;
        a.mret();
        a.org(DRAM + 0x100);
        int end = a.here();
        a.self_loop();
        run_to(h, a, a.addr(end));
        EXPECT_EQ(h.c.priv, (unsigned)PRIV_U);
        uint64_t ms = h.c.csr.mstatus;
        EXPECT_FALSE(ms & MSTATUS_MIE) << "MIE = old MPIE";
        EXPECT_TRUE(ms & MSTATUS_MPIE);
        EXPECT_FALSE(ms & MSTATUS_MPRV) << "mret to a mode below M clears MPRV";
    }
    {
        Hart h;
        h.c.csr.mstatus = MSTATUS_MPRV | MSTATUS_MPP;  // MPP = M
        h.c.csr.mepc = DRAM + 0x100;
        Asm a;
        a.mret();
        a.org(DRAM + 0x100);
        int end = a.here();
        a.self_loop();
        run_to(h, a, a.addr(end));
        EXPECT_EQ(h.c.priv, (unsigned)PRIV_M);
        EXPECT_TRUE(h.c.csr.mstatus & MSTATUS_MPRV) << "mret to M keeps MPRV";
    }
}

TEST(CpuXret, SretToSAndU)
{
    for (bool to_s : { false, true }) {
        Hart h;
        h.pmp_allow_all();
        h.c.csr.mstatus = MSTATUS_SIE | (to_s ? MSTATUS_SPP : 0) | MSTATUS_MPRV;
        h.c.csr.sepc = DRAM + 0x200;
        Asm a;
        a.sret();
        a.org(DRAM + 0x200);
        int end = a.here();
        a.self_loop();
        h.set_priv(PRIV_S);
        run_to(h, a, a.addr(end));
        EXPECT_EQ(h.c.priv, to_s ? (unsigned)PRIV_S : (unsigned)PRIV_U);
        uint64_t ms = h.c.csr.mstatus;
        EXPECT_FALSE(ms & MSTATUS_SIE) << "SIE = old SPIE (0)";
        EXPECT_TRUE(ms & MSTATUS_SPIE);
        EXPECT_FALSE(ms & MSTATUS_SPP);
        EXPECT_FALSE(ms & MSTATUS_MPRV);
    }
}

TEST(CpuXret, SretAllowedInM)
{
    Hart h;
    h.pmp_allow_all();
    h.c.csr.mstatus = MSTATUS_SPP | MSTATUS_SPIE;
    h.c.csr.sepc = DRAM + 0x40;
    Asm a;
    a.sret();
    a.org(DRAM + 0x40);
    int end = a.here();
    a.self_loop();
    run_to(h, a, a.addr(end));
    EXPECT_EQ(h.c.priv, (unsigned)PRIV_S);
    EXPECT_TRUE(h.c.csr.mstatus & MSTATUS_SIE);
}

TEST(CpuXret, EpcBitZeroIsClear)
{
    Hart h;
    h.set_csr(CSR_MEPC, DRAM + 0x101);
    h.set_csr(CSR_SEPC, DRAM + 0x103);
    EXPECT_EQ(h.csr(CSR_MEPC), DRAM + 0x100);
    EXPECT_EQ(h.csr(CSR_SEPC), DRAM + 0x102);
}

// ---------------------------------------------------------- interrupts ----

// Drive the interrupt lines by hand: cpu_run takes a pending interrupt on
// entry, or else executes one instruction of the self-loop at DRAM.
struct IrqHart : Hart {
    IrqHart()
    {
        pmp_allow_all();
        Asm a;
        a.self_loop();
        load(a);
    }
    // Returns the cause taken (with the interrupt bit), or 0.
    uint64_t step(unsigned priv, uint64_t mstatus)
    {
        c.pc = DRAM;
        c.csr.mstatus = mstatus;
        c.csr.mcause = c.csr.scause = 0;
        set_priv(priv);
        c.next_event = UINT64_MAX;
        cpu_run(&c, c.instret + 1);
        if (c.pc == MTVEC_ADDR)
            return c.csr.mcause;
        if (c.pc == STVEC_ADDR)
            return c.csr.scause | 1ull << 62; // marks "taken in S"
        return 0;
    }
};

TEST(CpuIrq, PriorityOrder)
{
    IrqHart h;
    h.c.csr.mie = MIP_ALL;
    h.c.mip_ext = MIP_MEIP | MIP_MSIP | MIP_MTIP;
    h.c.csr.mip = MIP_SEIP | MIP_SSIP | MIP_STIP;
    const unsigned order[] = { IRQ_MEI, IRQ_MSI, IRQ_MTI, IRQ_SEI, IRQ_SSI, IRQ_STI };
    for (unsigned irq : order) {
        EXPECT_EQ(h.step(PRIV_M, MSTATUS_MIE), INTR | irq);
        EXPECT_EQ(h.c.csr.mepc, DRAM);
        EXPECT_FALSE(h.c.csr.mstatus & MSTATUS_MIE);
        EXPECT_TRUE(h.c.csr.mstatus & MSTATUS_MPIE);
        h.c.mip_ext &= ~(1ull << irq);
        h.c.csr.mip &= ~(1ull << irq);
    }
    EXPECT_EQ(h.step(PRIV_M, MSTATUS_MIE), 0u);
}

TEST(CpuIrq, GlobalAndIndividualEnables)
{
    IrqHart h;
    h.c.mip_ext = MIP_MTIP;
    h.c.csr.mie = MIP_MTIP;
    EXPECT_EQ(h.step(PRIV_M, 0), 0u) << "M with MIE = 0";
    EXPECT_EQ(h.step(PRIV_S, 0), INTR | IRQ_MTI) << "M interrupts preempt S regardless of MIE";
    EXPECT_EQ(h.step(PRIV_U, 0), INTR | IRQ_MTI);
    h.c.csr.mie = MIP_ALL & ~MIP_MTIP;
    EXPECT_EQ(h.step(PRIV_M, MSTATUS_MIE), 0u) << "mie.MTIE = 0";
    EXPECT_EQ(h.step(PRIV_U, 0), 0u);
}

TEST(CpuIrq, DelegatedInterrupts)
{
    IrqHart h;
    h.c.csr.mideleg = MIP_STIP | MIP_SSIP;
    h.c.csr.mie = MIP_STIP;
    h.c.csr.mip = MIP_STIP;
    EXPECT_EQ(h.step(PRIV_M, MSTATUS_MIE | MSTATUS_SIE), 0u) << "S interrupts are never taken in M";
    EXPECT_EQ(h.step(PRIV_S, 0), 0u) << "S with SIE = 0";
    EXPECT_EQ(h.step(PRIV_S, MSTATUS_SIE), (INTR | IRQ_STI) | 1ull << 62);
    EXPECT_EQ(h.c.csr.sepc, DRAM);
    EXPECT_TRUE(h.c.csr.mstatus & MSTATUS_SPP);
    EXPECT_TRUE(h.c.csr.mstatus & MSTATUS_SPIE);
    EXPECT_FALSE(h.c.csr.mstatus & MSTATUS_SIE);
    EXPECT_EQ(h.step(PRIV_U, 0), (INTR | IRQ_STI) | 1ull << 62) << "U: S interrupts always enabled";
    EXPECT_FALSE(h.c.csr.mstatus & MSTATUS_SPP);
    // An M-level interrupt goes first even when a delegated one has a
    // higher-priority number.
    h.c.csr.mideleg = MIP_SEIP;
    h.c.csr.mie = MIP_SEIP | MIP_STIP;
    h.c.csr.mip = MIP_SEIP | MIP_STIP;
    EXPECT_EQ(h.step(PRIV_S, MSTATUS_SIE), INTR | IRQ_STI);
}

TEST(CpuIrq, VectoredTrapAddress)
{
    IrqHart h;
    h.c.csr.mtvec = MTVEC_ADDR | 1;
    h.c.csr.mie = MIP_MTIP;
    h.c.mip_ext = MIP_MTIP;
    h.step(PRIV_M, MSTATUS_MIE);
    EXPECT_EQ(h.c.pc, MTVEC_ADDR + 4 * IRQ_MTI);
    EXPECT_EQ(h.c.csr.mcause, INTR | IRQ_MTI);
    h.c.csr.stvec = STVEC_ADDR | 1;
    h.c.csr.mideleg = MIP_SSIP;
    h.c.csr.mie = MIP_SSIP;
    h.c.mip_ext = 0;
    h.c.csr.mip = MIP_SSIP;
    h.step(PRIV_U, 0);
    EXPECT_EQ(h.c.pc, STVEC_ADDR + 4 * IRQ_SSI);
}

TEST(CpuIrq, MipWritableBits)
{
    Hart h;
    h.set_csr(CSR_MIP, UINT64_MAX);
    EXPECT_EQ(h.csr(CSR_MIP), MIP_SSIP | MIP_STIP | MIP_SEIP) << "MSIP/MTIP/MEIP are read-only";
    h.set_csr(CSR_MIP, 0);
    h.c.mip_ext = MIP_SEIP;
    EXPECT_EQ(h.csr(CSR_MIP), MIP_SEIP) << "SEIP reads as the OR with the external line";
    // sip: only SSIP is writable, and only when delegated
    h.set_csr(CSR_SIP, MIP_SSIP);
    EXPECT_EQ(h.c.csr.mip & MIP_SSIP, 0u);
    h.set_csr(CSR_MIDELEG, MIP_SSIP | MIP_STIP);
    h.set_csr(CSR_SIP, MIP_SSIP | MIP_STIP);
    EXPECT_EQ(h.c.csr.mip, MIP_SSIP);
}

// M handler that records mcycle and minstret at entry, then spins.
void recording_handler(Hart &h)
{
    Asm hnd(MTVEC_ADDR);
    hnd.csrr(s10, CSR_MCYCLE);
    hnd.csrr(s11, CSR_MINSTRET);
    hnd.self_loop();
    h.load(hnd);
}

TEST(CpuIrq, TimerInterruptThroughClint)
{
    Hart h;
    recording_handler(h);
    Asm a;
    int loop = a.here();
    a.addi(a0, a0, 1);
    a.j(loop);
    h.load(a);
    h.m.clint.mtimecmp = 20; // ticks: 2000 cycles
    h.c.csr.mie = MIP_MTIP;
    h.c.csr.mstatus = MSTATUS_MIE;
    h.run(100000);
    EXPECT_EQ(h.c.pc, MTVEC_ADDR + 8);
    EXPECT_EQ(h.c.csr.mcause, INTR | IRQ_MTI);
    EXPECT_TRUE(h.c.csr.mepc == DRAM || h.c.csr.mepc == DRAM + 4);
    EXPECT_GE(h.x(s10), 2000u);
    EXPECT_LT(h.x(s10), 2300u) << "taken promptly";
    EXPECT_GT(h.x(a0), 300u);
}

TEST(CpuIrq, SoftwareInterruptFromAStore)
{
    Hart h;
    recording_handler(h);
    Asm a;
    a.li(t0, AMBER_CLINT_BASE + CLINT_MSIP);
    a.li(t1, 1);
    a.sw(t1, t0, 0);
    int loop = a.here();
    a.j(loop);
    h.load(a);
    h.c.csr.mie = MIP_MSIP;
    h.c.csr.mstatus = MSTATUS_MIE;
    h.run(1000);
    EXPECT_EQ(h.c.pc, MTVEC_ADDR + 8);
    EXPECT_EQ(h.c.csr.mcause, INTR | IRQ_MSI);
    EXPECT_LT(h.x(s11), 10u) << "taken within a few instructions of the store";
}

// --------------------------------------------------------------- WFI ----

TEST(CpuWfi, HaltsWithNothingPending)
{
    Hart h;
    Asm a;
    a.wfi();
    a.nop();
    a.self_loop();
    h.load(a);
    h.c.next_event = UINT64_MAX;
    cpu_run(&h.c, 100);
    EXPECT_TRUE(h.c.wfi);
    EXPECT_EQ(h.c.pc, DRAM + 4);
    EXPECT_EQ(h.c.instret, 1u);
    // No interrupt source enabled: the machine reports a hang.
    EXPECT_EQ(h.run(100), STOP_HUNG);
}

TEST(CpuWfi, WakesOnPendingEvenWithMieClear)
{
    Hart h;
    Asm a;
    a.wfi();
    a.addi(a0, zero, 7);
    int end = a.here();
    a.self_loop();
    h.m.clint.mtimecmp = 50;
    h.c.csr.mie = MIP_MTIP;
    h.c.csr.mcause = SENTINEL;
    run_to(h, a, a.addr(end));
    EXPECT_EQ(h.x(a0), 7u);
    EXPECT_EQ(h.c.csr.mcause, SENTINEL) << "no trap with MIE = 0";
    EXPECT_GE(h.c.cycle, 5000u) << "time advanced to the timer";
    EXPECT_FALSE(h.c.wfi);
}

TEST(CpuWfi, InterruptTakenAfterWfi)
{
    Hart h;
    Asm a;
    a.nop();
    a.wfi();
    a.self_loop();
    h.m.clint.mtimecmp = 10;
    h.c.csr.mie = MIP_MTIP;
    h.c.csr.mstatus = MSTATUS_MIE;
    h.load(a);
    h.run(100);
    EXPECT_EQ(h.c.pc, MTVEC_ADDR);
    EXPECT_EQ(h.c.csr.mcause, INTR | IRQ_MTI);
    EXPECT_EQ(h.c.csr.mepc, DRAM + 8) << "mepc is the instruction after wfi";
}

TEST(CpuWfi, PendingInterruptMakesWfiANop)
{
    Hart h;
    Asm a;
    a.wfi();
    a.addi(a0, zero, 1);
    int end = a.here();
    a.self_loop();
    h.c.csr.mie = MIP_SSIP;
    h.c.csr.mip = MIP_SSIP; // pending and enabled, MIE = 0
    run_to(h, a, a.addr(end));
    EXPECT_EQ(h.x(a0), 1u);
}

// --------------------------------------------------------------- CSRs ----

// Run one CSR instruction at priv; returns true if it trapped as illegal.
bool csr_traps(Hart &h, unsigned priv, void (*emit)(Asm &))
{
    Asm a;
    emit(a);
    a.self_loop();
    h.load(a);
    h.c.pc = DRAM;
    h.c.csr.mcause = SENTINEL;
    h.set_priv(priv);
    h.run(3);
    if (h.c.pc == MTVEC_ADDR) {
        EXPECT_EQ(h.c.csr.mcause, (uint64_t)EXC_ILLEGAL);
        return true;
    }
    EXPECT_EQ(h.c.pc, DRAM + 4);
    return false;
}

TEST(CpuCsr, ReadOnlyAndWriteRules)
{
    Hart h;
    h.pmp_allow_all();
    EXPECT_FALSE(csr_traps(h, PRIV_M, [](Asm &a) { a.csrr(a0, CSR_MHARTID); }));
    EXPECT_TRUE(csr_traps(h, PRIV_M, [](Asm &a) { a.csrw(CSR_MHARTID, zero); }));
    h.c.x[t6] = 1;
    EXPECT_TRUE(csr_traps(h, PRIV_M, [](Asm &a) { a.csrrs(a0, CSR_MVENDORID, t6); })) << "rs1 != x0 writes";
    EXPECT_FALSE(csr_traps(h, PRIV_M, [](Asm &a) { a.csrrsi(a0, CSR_MIMPID, 0); }));
    EXPECT_FALSE(csr_traps(h, PRIV_M, [](Asm &a) { a.csrrci(a0, CSR_MARCHID, 0); }));
    EXPECT_TRUE(csr_traps(h, PRIV_M, [](Asm &a) { a.csrrwi(zero, CSR_CYCLE, 0); }));
    EXPECT_TRUE(csr_traps(h, PRIV_M, [](Asm &a) { a.csrrc(a0, CSR_INSTRET, a1); }));
    EXPECT_TRUE(csr_traps(h, PRIV_M, [](Asm &a) { a.csrr(a0, 0xc80); })) << "cycleh: RV32 only";
    EXPECT_TRUE(csr_traps(h, PRIV_M, [](Asm &a) { a.csrr(a0, 0x7ff); })) << "unimplemented";
    EXPECT_TRUE(csr_traps(h, PRIV_M, [](Asm &a) { a.csrr(a0, CSR_PMPCFG0 + 1); })) << "odd pmpcfg on RV64";
    EXPECT_TRUE(csr_traps(h, PRIV_M, [](Asm &a) { a.csrr(a0, 0x003); })) << "fcsr: no F";
    h.c.x[t6] = 0;
    EXPECT_TRUE(csr_traps(h, PRIV_M, [](Asm &a) { a.csrrs(a0, CSR_MHARTID, t6); }))
        << "csrrs with rs1 != x0 holding 0 still writes";
    EXPECT_FALSE(csr_traps(h, PRIV_S, [](Asm &a) { a.csrr(a0, CSR_SSTATUS); }));
    EXPECT_TRUE(csr_traps(h, PRIV_S, [](Asm &a) { a.csrr(a0, CSR_MSTATUS); }));
    EXPECT_TRUE(csr_traps(h, PRIV_U, [](Asm &a) { a.csrr(a0, CSR_SSTATUS); }));
    EXPECT_TRUE(csr_traps(h, PRIV_U, [](Asm &a) { a.csrr(a0, CSR_MSCRATCH); }));
    EXPECT_TRUE(csr_traps(h, PRIV_S, [](Asm &a) { a.csrw(CSR_MSCRATCH, a0); }));
}

TEST(CpuCsr, CsrInstructionSemantics)
{
    Hart h;
    Asm a;
    h.c.x[a0] = 0xf0;
    h.c.x[a1] = 0x30;
    a.csrw(CSR_MSCRATCH, a0);
    a.csrrs(s0, CSR_MSCRATCH, a1);   // old 0xf0, new 0xf0
    a.csrrc(s1, CSR_MSCRATCH, a1);   // old 0xf0, new 0xc0
    a.csrrwi(s2, CSR_MSCRATCH, 31);  // old 0xc0, new 31
    a.csrrsi(s3, CSR_MSCRATCH, 0x20 >> 1); // old 31, new 31
    a.csrrci(s4, CSR_MSCRATCH, 1);   // old 31, new 30
    a.csrrw(s5, CSR_MSCRATCH, s5);   // rd == rs1: swap (s5 = 0)
    a.csrr(s6, CSR_MSCRATCH);
    run_straight(h, a);
    EXPECT_EQ(h.x(s0), 0xf0u);
    EXPECT_EQ(h.x(s1), 0xf0u);
    EXPECT_EQ(h.x(s2), 0xc0u);
    EXPECT_EQ(h.x(s3), 31u);
    EXPECT_EQ(h.x(s4), 31u);
    EXPECT_EQ(h.x(s5), 30u);
    EXPECT_EQ(h.x(s6), 0u);
}

TEST(CpuCsr, CounterEnableGating)
{
    struct Case { unsigned priv; uint64_t mcen, scen; unsigned csr; bool traps; } cases[] = {
        { PRIV_S, 0, 7, CSR_CYCLE, true },
        { PRIV_S, 1, 0, CSR_CYCLE, false },
        { PRIV_U, 1, 0, CSR_CYCLE, true },
        { PRIV_U, 0, 1, CSR_CYCLE, true },
        { PRIV_U, 1, 1, CSR_CYCLE, false },
        { PRIV_U, 2, 2, CSR_TIME, false },
        { PRIV_U, 5, 7, CSR_TIME, true },
        { PRIV_U, 4, 4, CSR_INSTRET, false },
        { PRIV_S, 3, 0, CSR_INSTRET, true },
        { PRIV_U, 1u << 3, 1u << 3, CSR_HPMCOUNTER3, false },
        { PRIV_U, 0, 0xffffffff, CSR_HPMCOUNTER3 + 2, true },
        { PRIV_M, 0, 0, CSR_CYCLE, false },
    };
    for (const Case &k : cases) {
        Hart h;
        h.pmp_allow_all();
        h.c.csr.mcounteren = k.mcen;
        h.c.csr.scounteren = k.scen;
        Asm a;
        a.csrr(a0, k.csr);
        a.self_loop();
        h.load(a);
        h.set_priv(k.priv);
        h.run(3);
        EXPECT_EQ(h.c.pc == MTVEC_ADDR, k.traps) << "priv " << k.priv << " csr " << std::hex << k.csr
                                                 << " mcounteren " << k.mcen << " scounteren " << k.scen;
    }
}

TEST(CpuCsr, UserReadsInstret)
{
    Hart h;
    h.pmp_allow_all();
    h.c.csr.mcounteren = h.c.csr.scounteren = 7;
    Asm a;
    a.nop();
    a.nop();
    a.csrr(a0, CSR_INSTRET);
    a.csrr(a1, CSR_CYCLE);
    a.csrr(a2, CSR_TIME);
    h.set_priv(PRIV_U);
    run_straight(h, a);
    EXPECT_EQ(h.x(a0), 2u);
    EXPECT_GT(h.x(a1), 0u);
    EXPECT_LE(h.x(a2), clint_mtime(&h.m.clint));
    EXPECT_LE(h.x(a2) * CYCLES_PER_TICK, h.c.cycle);
}

TEST(CpuCsr, WarlLegalisation)
{
    Hart h;
    // mstatus.MPP = 2 is not a mode.
    h.set_csr(CSR_MSTATUS, 1ull << MSTATUS_MPP_SHIFT);
    h.set_csr(CSR_MSTATUS, 2ull << MSTATUS_MPP_SHIFT);
    uint64_t mpp = (h.csr(CSR_MSTATUS) & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;
    EXPECT_NE(mpp, 2u);
    // mtvec/stvec MODE >= 2 is reserved.
    for (uint64_t mode : std::initializer_list<uint64_t>{ 2, 3 }) {
        h.set_csr(CSR_MTVEC, DRAM + 0x100 + mode);
        EXPECT_LT(h.csr(CSR_MTVEC) & 3, 2u);
        h.set_csr(CSR_STVEC, DRAM + 0x100 + mode);
        EXPECT_LT(h.csr(CSR_STVEC) & 3, 2u);
    }
    h.set_csr(CSR_MTVEC, DRAM + 0x101);
    EXPECT_EQ(h.csr(CSR_MTVEC), DRAM + 0x101);
    // satp: an unsupported MODE makes the whole write have no effect.
    uint64_t sv39 = (8ull << 60) | (5ull << 44) | 0x80010;
    h.set_csr(CSR_SATP, sv39);
    EXPECT_EQ(h.csr(CSR_SATP), sv39);
    for (uint64_t mode : std::initializer_list<uint64_t>{ 1, 9, 10, 15 }) {
        h.set_csr(CSR_SATP, (mode << 60) | 0x1234);
        EXPECT_EQ(h.csr(CSR_SATP), sv39) << "mode " << mode;
    }
    // misa is fixed (and the write does not trap).
    uint64_t misa = h.csr(CSR_MISA);
    EXPECT_EQ(misa >> 62, 2u);
    h.set_csr(CSR_MISA, 0);
    EXPECT_EQ(h.csr(CSR_MISA), misa);
    // XLEN fields
    uint64_t ms = h.csr(CSR_MSTATUS);
    EXPECT_EQ((ms >> 32) & 3, 2u);
    EXPECT_EQ((ms >> 34) & 3, 2u);
}

TEST(CpuCsr, SstatusShowsUxl64)
{
    // sstatus is a view of mstatus: its UXL must read the same 2 (XLEN 64)
    // as mstatus.UXL does.
    Hart h;
    uint64_t ms = h.csr(CSR_MSTATUS), ss = h.csr(CSR_SSTATUS);
    EXPECT_EQ((ms >> 32) & 3, 2u);
    EXPECT_EQ((ss >> 32) & 3, (ms >> 32) & 3) << "sstatus.UXL differs from mstatus.UXL";
}

TEST(CpuCsr, SstatusAndSieAreViews)
{
    Hart h;
    h.set_csr(CSR_MSTATUS, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_SIE);
    h.set_csr(CSR_SSTATUS, MSTATUS_SUM | MSTATUS_MIE);
    uint64_t ms = h.csr(CSR_MSTATUS);
    EXPECT_TRUE(ms & MSTATUS_MIE) << "M bits kept";
    EXPECT_TRUE(ms & MSTATUS_MPIE);
    EXPECT_FALSE(ms & MSTATUS_SIE);
    EXPECT_TRUE(ms & MSTATUS_SUM);
    EXPECT_FALSE(h.csr(CSR_SSTATUS) & (MSTATUS_MIE | MSTATUS_MPIE));
    h.set_csr(CSR_MIDELEG, MIP_STIP);
    h.set_csr(CSR_MIE, MIP_MTIP);
    h.set_csr(CSR_SIE, MIP_STIP | MIP_SSIP | MIP_MTIP);
    EXPECT_EQ(h.csr(CSR_MIE), MIP_MTIP | MIP_STIP);
    EXPECT_EQ(h.csr(CSR_SIE), MIP_STIP);
}

// ----------------------------------------------------------- counters ----

TEST(CpuCounters, MinstretCountsExactly)
{
    Hart h;
    Asm a;
    a.csrr(a0, CSR_MINSTRET);
    for (int i = 0; i < 5; i++)
        a.nop();
    a.csrr(a1, CSR_MINSTRET);
    a.csrr(a2, CSR_MINSTRET);
    a.li(t0, 10);
    int loop = a.here();
    a.addi(t0, t0, -1);
    a.bne(t0, zero, loop);
    a.csrr(a3, CSR_MINSTRET);
    int end = a.here();
    a.self_loop();
    run_to(h, a, a.addr(end));
    EXPECT_EQ(h.x(a0), 0u);
    EXPECT_EQ(h.x(a1) - h.x(a0), 6u);
    EXPECT_EQ(h.x(a2) - h.x(a1), 1u);
    EXPECT_EQ(h.x(a3) - h.x(a2), 22u);
}

TEST(CpuCounters, TrappingInstructionsDoNotRetire)
{
    Hart h;
    Asm a;
    a.csrr(a0, CSR_MINSTRET);
    a.ecall();
    a.w32(0);                 // illegal (also skipped by the handler)
    a.csrr(a1, CSR_MINSTRET);
    int end = a.here();
    a.self_loop();
    Asm hnd(MTVEC_ADDR);      // mepc += 4; mret
    hnd.csrr(t0, CSR_MEPC);
    hnd.addi(t0, t0, 4);
    hnd.csrw(CSR_MEPC, t0);
    hnd.mret();
    h.load(hnd);
    run_to(h, a, a.addr(end));
    EXPECT_EQ(h.x(a1) - h.x(a0), 1u + 4u + 4u) << "csrr + 2 handler runs; ecall and the illegal word do not count";
}

TEST(CpuCounters, WritesAndInhibit)
{
    Hart h;
    Asm a;
    a.li(t0, 1000);
    a.csrw(CSR_MINSTRET, t0);
    a.csrr(a0, CSR_MINSTRET);         // the written value wins over the csrw's own count
    a.csrrwi(zero, CSR_MCOUNTINHIBIT, 5);
    a.csrr(a1, CSR_MINSTRET);
    a.csrr(a2, CSR_MCYCLE);
    for (int i = 0; i < 8; i++)
        a.mul(t1, t0, t0);
    a.csrr(a3, CSR_MINSTRET);
    a.csrr(a4, CSR_MCYCLE);
    a.csrw(CSR_MCOUNTINHIBIT, zero);
    a.nop();
    a.csrr(a5, CSR_MINSTRET);
    a.csrw(CSR_MCYCLE, zero);
    a.csrr(a6, CSR_MCYCLE);
    run_straight(h, a);
    EXPECT_EQ(h.x(a0), 1000u);
    EXPECT_EQ(h.x(a3), h.x(a1)) << "minstret frozen";
    EXPECT_EQ(h.x(a4), h.x(a2)) << "mcycle frozen";
    EXPECT_GE(h.x(a5), h.x(a3) + 1);
    EXPECT_LE(h.x(a5), h.x(a3) + 3);
    EXPECT_LT(h.x(a6), 10u);
    EXPECT_EQ(h.csr(CSR_MCOUNTINHIBIT), 0u);
}

TEST(CpuCounters, InstructionLimitIsExact)
{
    // 100 increments then a jump back: after n instructions a0 must be
    // exactly n minus the jumps taken.
    for (uint64_t n : { 1ull, 2ull, 63ull, 64ull, 65ull, 100ull, 101ull, 102ull, 1000ull, 12345ull, 250001ull }) {
        Hart h;
        Asm a;
        int top = a.here();
        for (int i = 0; i < 100; i++)
            a.addi(a0, a0, 1);
        a.j(top);
        h.load(a);
        EXPECT_EQ(h.run(n), STOP_LIMIT);
        EXPECT_EQ(h.c.instret, n);
        EXPECT_EQ(h.x(a0), n - n / 101) << n;
        EXPECT_EQ(cpu_minstret(&h.c), n);
    }
}

TEST(CpuCounters, InstructionLimitWithTraps)
{
    // Each iteration: addi, ecall (no retire), 3 handler instructions + mret.
    for (uint64_t n : { 7ull, 64ull, 1001ull, 33333ull }) {
        Hart h;
        Asm a;
        int top = a.here();
        a.addi(a0, a0, 1);
        a.ecall();
        a.j(top);
        Asm hnd(MTVEC_ADDR);
        hnd.csrr(t0, CSR_MEPC);
        hnd.addi(t0, t0, 4);
        hnd.csrw(CSR_MEPC, t0);
        hnd.mret();
        h.load(a);
        h.load(hnd);
        EXPECT_EQ(h.run(n), STOP_LIMIT);
        EXPECT_EQ(h.c.instret, n);
        EXPECT_EQ(h.x(a0), (n + 5) / 6) << n;
    }
}

// -------------------------------------------------------- determinism ----

// A program exercising caches, multiplies, divisions, traps and the timer.
void busy_program(Hart &h)
{
    Asm a;
    int top = a.here(), inner = a.label();
    a.li(s0, DATA);
    a.li(s1, 0x9e3779b97f4a7c15ull);
    a.addi(s2, zero, 200);
    a.bind(inner);
    a.mul(t0, s1, s2);
    a.srli(t1, t0, 50);
    a.slli(t1, t1, 3);
    a.add(t2, s0, t1);      // random-ish address in 128 KiB
    a.ld(t3, t2, 0);
    a.add(t3, t3, t0);
    a.sd(t3, t2, 0);
    a.divu(t4, t0, s2);
    a.xor_(s1, s1, t4);
    a.addi(s2, s2, -1);
    a.bne(s2, zero, inner);
    a.ecall();
    a.j(top);
    Asm hnd(MTVEC_ADDR);
    int done = hnd.label();
    hnd.csrr(t5, CSR_MCAUSE);
    hnd.addi(s3, s3, 1);
    hnd.blt(t5, zero, done);   // interrupt: push the timer back
    hnd.csrr(t6, CSR_MEPC);
    hnd.addi(t6, t6, 4);
    hnd.csrw(CSR_MEPC, t6);
    hnd.mret();
    hnd.bind(done);
    hnd.li(t6, AMBER_CLINT_BASE + CLINT_MTIMECMP);
    hnd.ld(t5, t6, 0);
    hnd.addi(t5, t5, 37);
    hnd.sd(t5, t6, 0);
    hnd.mret();
    h.load(a);
    h.load(hnd);
    h.m.clint.mtimecmp = 37;
    h.c.csr.mie = MIP_MTIP;
    h.c.csr.mstatus = MSTATUS_MIE;
}

TEST(CpuDeterminism, IdenticalMachinesAgree)
{
    Hart h1(2u << 20), h2(2u << 20);
    busy_program(h1);
    busy_program(h2);
    EXPECT_EQ(h1.run(300000), STOP_LIMIT);
    EXPECT_EQ(h2.run(300000), STOP_LIMIT);
    EXPECT_EQ(h1.c.instret, 300000u);
    EXPECT_EQ(h1.c.instret, h2.c.instret);
    EXPECT_EQ(h1.c.cycle, h2.c.cycle);
    EXPECT_EQ(h1.c.pc, h2.c.pc);
    for (unsigned r = 0; r < 32; r++)
        EXPECT_EQ(h1.c.x[r], h2.c.x[r]) << "x" << r;
    EXPECT_EQ(memcmp(h1.m.dram, h2.m.dram, 1u << 20), 0);
    EXPECT_EQ(h1.c.timing.l1d_miss, h2.c.timing.l1d_miss);
    EXPECT_GT(h1.c.x[s3], 10u) << "the program took traps and timer interrupts";
    EXPECT_GT(h1.c.timing.l1d_miss, 100u);
}

// Stopping at instruction limits (amber --max-insns, a debugger stepping)
// or tracing must not change the simulated time, or timer interrupts land
// elsewhere and the guest computes something else.
TEST(CpuDeterminism, SlicedRunMatchesOneRun)
{
    Hart h, g;
    busy_program(h);
    busy_program(g);
    h.run(60000);
    while (g.c.instret < 60000)
        g.run(1000);
    EXPECT_EQ(g.c.instret, h.c.instret);
    EXPECT_EQ(g.c.pc, h.c.pc);
    for (unsigned r = 0; r < 32; r++)
        EXPECT_EQ(g.c.x[r], h.c.x[r]) << "x" << r;
    EXPECT_EQ(g.c.cycle, h.c.cycle);
}

// The smallest case of the above: a load followed by a use of its result.
TEST(CpuDeterminism, LoadUseStallDoesNotDependOnSlicing)
{
    Hart h, g;
    for (Hart *p : { &h, &g }) {
        Asm a;
        a.li(t0, DATA);
        int top = a.here();
        a.ld(a0, t0, 0);
        a.add(a1, a0, a0);
        a.j(top);
        p->load(a);
    }
    h.run(3001);
    while (g.c.instret < 3001)
        g.run(1);
    EXPECT_EQ(h.c.instret, g.c.instret);
    EXPECT_EQ(g.c.cycle, h.c.cycle) << "stepped: " << g.c.cycle << ", one run: " << h.c.cycle;
}

TEST(CpuDeterminism, TracingDoesNotChangeTiming)
{
    Hart h, g;
    busy_program(h);
    busy_program(g);
    g.c.trace = fopen("/dev/null", "w");
    ASSERT_NE(g.c.trace, nullptr);
    h.run(60000);
    g.run(60000);
    fclose(g.c.trace);
    g.c.trace = nullptr;
    for (unsigned r = 0; r < 32; r++)
        EXPECT_EQ(g.c.x[r], h.c.x[r]) << "x" << r;
    EXPECT_EQ(g.c.cycle, h.c.cycle);
}

} // namespace
