// A tiny RV64IMAC assembler for the unit tests: hand-written encoders for
// the instructions the CPU/MMU/timing tests run, labels with fix-ups, and a
// fixture that owns a struct machine. Encodings follow the RISC-V
// unprivileged spec tables directly (not the isa/ tables the emulator's
// decoder is generated from), so the tests do not share a mistake with it.
#ifndef AMBER_TESTS_UNIT_RV_ASM_H
#define AMBER_TESTS_UNIT_RV_ASM_H

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

extern "C" {
#include "amber/hw.h"
#include "cpu.h"
#include "csr.h"
#include "machine.h"
}

namespace rv {

enum Reg : uint32_t {
    zero, ra, sp, gp, tp, t0, t1, t2, s0, s1, a0, a1, a2, a3, a4, a5, a6, a7,
    s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, t3, t4, t5, t6,
};

inline uint32_t r_type(uint32_t f7, uint32_t rs2, uint32_t rs1, uint32_t f3, uint32_t rd, uint32_t op)
{
    return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
inline uint32_t i_type(int32_t imm, uint32_t rs1, uint32_t f3, uint32_t rd, uint32_t op)
{
    return ((uint32_t)imm & 0xfff) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
inline uint32_t s_type(int32_t imm, uint32_t rs2, uint32_t rs1, uint32_t f3, uint32_t op)
{
    uint32_t u = (uint32_t)imm;
    return ((u >> 5) & 0x7f) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (u & 0x1f) << 7 | op;
}
inline uint32_t b_type(int32_t imm, uint32_t rs2, uint32_t rs1, uint32_t f3)
{
    uint32_t u = (uint32_t)imm;
    return ((u >> 12) & 1) << 31 | ((u >> 5) & 0x3f) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 |
           ((u >> 1) & 0xf) << 8 | ((u >> 11) & 1) << 7 | 0x63;
}
inline uint32_t j_type(int32_t imm, uint32_t rd)
{
    uint32_t u = (uint32_t)imm;
    return ((u >> 20) & 1) << 31 | ((u >> 1) & 0x3ff) << 21 | ((u >> 11) & 1) << 20 |
           ((u >> 12) & 0xff) << 12 | rd << 7 | 0x6f;
}

// Compressed encoders (RVC spec, chapter 16 tables). rd'/rs' registers are
// x8..x15.
inline uint16_t c_ci(uint32_t f3, int32_t imm6, uint32_t rd, uint32_t q)
{
    uint32_t u = (uint32_t)imm6;
    return (uint16_t)(f3 << 13 | ((u >> 5) & 1) << 12 | rd << 7 | (u & 0x1f) << 2 | q);
}
inline uint32_t cp(uint32_t r) { return r - 8; }

enum : uint32_t {
    OPC_LOAD = 0x03, OPC_MISC = 0x0f, OPC_IMM = 0x13, OPC_AUIPC = 0x17, OPC_IMM32 = 0x1b,
    OPC_STORE = 0x23, OPC_AMO = 0x2f, OPC_OP = 0x33, OPC_LUI = 0x37, OPC_OP32 = 0x3b,
    OPC_JALR = 0x67, OPC_SYSTEM = 0x73,
};

class Asm {
public:
    explicit Asm(uint64_t base = AMBER_DRAM_BASE) : base_(base) {}

    uint64_t base() const { return base_; }
    uint64_t pc() const { return base_ + buf_.size(); }
    size_t size() const { return buf_.size(); }
    const std::vector<uint8_t> &bytes() { resolve(); return buf_; }

    void w16(uint16_t v)
    {
        buf_.push_back((uint8_t)v);
        buf_.push_back((uint8_t)(v >> 8));
    }
    void w32(uint32_t v)
    {
        w16((uint16_t)v);
        w16((uint16_t)(v >> 16));
    }
    void align(unsigned n)
    {
        while (buf_.size() % n)
            w16(0x0001); // c.nop
    }
    // Pad with nops up to address a.
    void org(uint64_t a)
    {
        while (pc() < a)
            pc() + 4 <= a ? nop() : w16(0x0001);
    }

    // ---- labels ----
    int label() { labels_.push_back(UINT64_MAX); return (int)labels_.size() - 1; }
    void bind(int l) { labels_[l] = pc(); }
    int here() { int l = label(); bind(l); return l; }
    uint64_t addr(int l) const { return labels_[l]; }

    // ---- RV64I ----
    void lui(Reg rd, int32_t imm20) { w32(((uint32_t)imm20 << 12) | rd << 7 | OPC_LUI); }
    void auipc(Reg rd, int32_t imm20) { w32(((uint32_t)imm20 << 12) | rd << 7 | OPC_AUIPC); }
    void jal(Reg rd, int l) { fix(l, FIX_J, rd); w32(0); }
    void j(int l) { jal(zero, l); }
    void jal_off(Reg rd, int32_t off) { w32(j_type(off, rd)); }
    void jalr(Reg rd, Reg rs1, int32_t imm = 0) { w32(i_type(imm, rs1, 0, rd, OPC_JALR)); }
    void jr(Reg rs1) { jalr(zero, rs1, 0); }
    void self_loop() { w32(j_type(0, zero)); } // j .

    void br(uint32_t f3, Reg rs1, Reg rs2, int l) { fix(l, FIX_B, f3 | rs1 << 8 | rs2 << 16); w32(0); }
    void beq(Reg a, Reg b, int l) { br(0, a, b, l); }
    void bne(Reg a, Reg b, int l) { br(1, a, b, l); }
    void blt(Reg a, Reg b, int l) { br(4, a, b, l); }
    void bge(Reg a, Reg b, int l) { br(5, a, b, l); }
    void bltu(Reg a, Reg b, int l) { br(6, a, b, l); }
    void bgeu(Reg a, Reg b, int l) { br(7, a, b, l); }

    void load(uint32_t f3, Reg rd, Reg rs1, int32_t imm) { w32(i_type(imm, rs1, f3, rd, OPC_LOAD)); }
    void lb(Reg rd, Reg rs1, int32_t imm = 0) { load(0, rd, rs1, imm); }
    void lh(Reg rd, Reg rs1, int32_t imm = 0) { load(1, rd, rs1, imm); }
    void lw(Reg rd, Reg rs1, int32_t imm = 0) { load(2, rd, rs1, imm); }
    void ld(Reg rd, Reg rs1, int32_t imm = 0) { load(3, rd, rs1, imm); }
    void lbu(Reg rd, Reg rs1, int32_t imm = 0) { load(4, rd, rs1, imm); }
    void lhu(Reg rd, Reg rs1, int32_t imm = 0) { load(5, rd, rs1, imm); }
    void lwu(Reg rd, Reg rs1, int32_t imm = 0) { load(6, rd, rs1, imm); }
    void store(uint32_t f3, Reg rs2, Reg rs1, int32_t imm) { w32(s_type(imm, rs2, rs1, f3, OPC_STORE)); }
    void sb(Reg rs2, Reg rs1, int32_t imm = 0) { store(0, rs2, rs1, imm); }
    void sh(Reg rs2, Reg rs1, int32_t imm = 0) { store(1, rs2, rs1, imm); }
    void sw(Reg rs2, Reg rs1, int32_t imm = 0) { store(2, rs2, rs1, imm); }
    void sd(Reg rs2, Reg rs1, int32_t imm = 0) { store(3, rs2, rs1, imm); }

    void opi(uint32_t f3, Reg rd, Reg rs1, int32_t imm) { w32(i_type(imm, rs1, f3, rd, OPC_IMM)); }
    void addi(Reg rd, Reg rs1, int32_t imm) { opi(0, rd, rs1, imm); }
    void slti(Reg rd, Reg rs1, int32_t imm) { opi(2, rd, rs1, imm); }
    void sltiu(Reg rd, Reg rs1, int32_t imm) { opi(3, rd, rs1, imm); }
    void xori(Reg rd, Reg rs1, int32_t imm) { opi(4, rd, rs1, imm); }
    void ori(Reg rd, Reg rs1, int32_t imm) { opi(6, rd, rs1, imm); }
    void andi(Reg rd, Reg rs1, int32_t imm) { opi(7, rd, rs1, imm); }
    void slli(Reg rd, Reg rs1, unsigned sh) { opi(1, rd, rs1, (int32_t)sh); }
    void srli(Reg rd, Reg rs1, unsigned sh) { opi(5, rd, rs1, (int32_t)sh); }
    void srai(Reg rd, Reg rs1, unsigned sh) { opi(5, rd, rs1, (int32_t)(0x400 | sh)); }
    void nop() { addi(zero, zero, 0); }
    void mv(Reg rd, Reg rs) { addi(rd, rs, 0); }

    void op(uint32_t f7, uint32_t f3, Reg rd, Reg rs1, Reg rs2) { w32(r_type(f7, rs2, rs1, f3, rd, OPC_OP)); }
    void add(Reg d, Reg a, Reg b) { op(0, 0, d, a, b); }
    void sub(Reg d, Reg a, Reg b) { op(0x20, 0, d, a, b); }
    void sll(Reg d, Reg a, Reg b) { op(0, 1, d, a, b); }
    void slt(Reg d, Reg a, Reg b) { op(0, 2, d, a, b); }
    void sltu(Reg d, Reg a, Reg b) { op(0, 3, d, a, b); }
    void xor_(Reg d, Reg a, Reg b) { op(0, 4, d, a, b); }
    void srl(Reg d, Reg a, Reg b) { op(0, 5, d, a, b); }
    void sra(Reg d, Reg a, Reg b) { op(0x20, 5, d, a, b); }
    void or_(Reg d, Reg a, Reg b) { op(0, 6, d, a, b); }
    void and_(Reg d, Reg a, Reg b) { op(0, 7, d, a, b); }
    void mul(Reg d, Reg a, Reg b) { op(1, 0, d, a, b); }
    void mulh(Reg d, Reg a, Reg b) { op(1, 1, d, a, b); }
    void mulhsu(Reg d, Reg a, Reg b) { op(1, 2, d, a, b); }
    void mulhu(Reg d, Reg a, Reg b) { op(1, 3, d, a, b); }
    void div(Reg d, Reg a, Reg b) { op(1, 4, d, a, b); }
    void divu(Reg d, Reg a, Reg b) { op(1, 5, d, a, b); }
    void rem(Reg d, Reg a, Reg b) { op(1, 6, d, a, b); }
    void remu(Reg d, Reg a, Reg b) { op(1, 7, d, a, b); }

    void addiw(Reg rd, Reg rs1, int32_t imm) { w32(i_type(imm, rs1, 0, rd, OPC_IMM32)); }
    void slliw(Reg rd, Reg rs1, unsigned sh) { w32(i_type((int32_t)sh, rs1, 1, rd, OPC_IMM32)); }
    void srliw(Reg rd, Reg rs1, unsigned sh) { w32(i_type((int32_t)sh, rs1, 5, rd, OPC_IMM32)); }
    void sraiw(Reg rd, Reg rs1, unsigned sh) { w32(i_type((int32_t)(0x400 | sh), rs1, 5, rd, OPC_IMM32)); }
    void op32(uint32_t f7, uint32_t f3, Reg rd, Reg rs1, Reg rs2) { w32(r_type(f7, rs2, rs1, f3, rd, OPC_OP32)); }
    void addw(Reg d, Reg a, Reg b) { op32(0, 0, d, a, b); }
    void subw(Reg d, Reg a, Reg b) { op32(0x20, 0, d, a, b); }
    void sllw(Reg d, Reg a, Reg b) { op32(0, 1, d, a, b); }
    void srlw(Reg d, Reg a, Reg b) { op32(0, 5, d, a, b); }
    void sraw(Reg d, Reg a, Reg b) { op32(0x20, 5, d, a, b); }
    void mulw(Reg d, Reg a, Reg b) { op32(1, 0, d, a, b); }
    void divw(Reg d, Reg a, Reg b) { op32(1, 4, d, a, b); }
    void divuw(Reg d, Reg a, Reg b) { op32(1, 5, d, a, b); }
    void remw(Reg d, Reg a, Reg b) { op32(1, 6, d, a, b); }
    void remuw(Reg d, Reg a, Reg b) { op32(1, 7, d, a, b); }

    // Any 64-bit constant: lui/addiw for 32-bit values, else the upper 32
    // bits followed by three shift/add steps with non-negative immediates.
    void li(Reg rd, uint64_t v)
    {
        int64_t s = (int64_t)v;
        if (s >= -2048 && s < 2048) {
            addi(rd, zero, (int32_t)s);
            return;
        }
        if (s == (int64_t)(int32_t)s) {
            int32_t lo = (int32_t)((uint32_t)v << 20) >> 20;
            uint32_t hi = (uint32_t)(((int64_t)s - lo) >> 12) & 0xfffff;
            lui(rd, (int32_t)hi);
            if (lo)
                addiw(rd, rd, lo);
            return;
        }
        li(rd, (uint64_t)(int64_t)(int32_t)(v >> 32));
        uint32_t low = (uint32_t)v;
        slli(rd, rd, 11);
        addi(rd, rd, (int32_t)((low >> 21) & 0x7ff));
        slli(rd, rd, 11);
        addi(rd, rd, (int32_t)((low >> 10) & 0x7ff));
        slli(rd, rd, 10);
        addi(rd, rd, (int32_t)(low & 0x3ff));
    }

    // ---- A ----
    void amo(uint32_t f5, bool d, Reg rd, Reg rs2, Reg rs1)
    {
        w32(f5 << 27 | rs2 << 20 | rs1 << 15 | (d ? 3u : 2u) << 12 | rd << 7 | OPC_AMO);
    }
    void lr_w(Reg rd, Reg rs1) { amo(0x02, false, rd, zero, rs1); }
    void lr_d(Reg rd, Reg rs1) { amo(0x02, true, rd, zero, rs1); }
    void sc_w(Reg rd, Reg rs2, Reg rs1) { amo(0x03, false, rd, rs2, rs1); }
    void sc_d(Reg rd, Reg rs2, Reg rs1) { amo(0x03, true, rd, rs2, rs1); }
    void amoadd_w(Reg rd, Reg rs2, Reg rs1) { amo(0x00, false, rd, rs2, rs1); }
    void amoadd_d(Reg rd, Reg rs2, Reg rs1) { amo(0x00, true, rd, rs2, rs1); }
    void amoswap_d(Reg rd, Reg rs2, Reg rs1) { amo(0x01, true, rd, rs2, rs1); }

    // ---- system ----
    void csr(uint32_t f3, Reg rd, unsigned csr, uint32_t rs1_or_uimm)
    {
        w32((csr & 0xfff) << 20 | rs1_or_uimm << 15 | f3 << 12 | rd << 7 | OPC_SYSTEM);
    }
    void csrrw(Reg rd, unsigned c, Reg rs1) { csr(1, rd, c, rs1); }
    void csrrs(Reg rd, unsigned c, Reg rs1) { csr(2, rd, c, rs1); }
    void csrrc(Reg rd, unsigned c, Reg rs1) { csr(3, rd, c, rs1); }
    void csrrwi(Reg rd, unsigned c, unsigned u) { csr(5, rd, c, u); }
    void csrrsi(Reg rd, unsigned c, unsigned u) { csr(6, rd, c, u); }
    void csrrci(Reg rd, unsigned c, unsigned u) { csr(7, rd, c, u); }
    void csrr(Reg rd, unsigned c) { csrrs(rd, c, zero); }
    void csrw(unsigned c, Reg rs1) { csrrw(zero, c, rs1); }
    void ecall() { w32(0x00000073); }
    void ebreak() { w32(0x00100073); }
    void mret() { w32(0x30200073); }
    void sret() { w32(0x10200073); }
    void wfi() { w32(0x10500073); }
    void sfence_vma(Reg rs1 = zero, Reg rs2 = zero) { w32(r_type(0x09, rs2, rs1, 0, 0, OPC_SYSTEM)); }
    void fence() { w32(0x0ff0000f); }
    void fence_i() { w32(0x0000100f); }
    void cbo_inval(Reg rs1) { w32(i_type(0, rs1, 2, 0, OPC_MISC)); }
    void cbo_clean(Reg rs1) { w32(i_type(1, rs1, 2, 0, OPC_MISC)); }
    void cbo_flush(Reg rs1) { w32(i_type(2, rs1, 2, 0, OPC_MISC)); }

    // ---- RVC ----
    void c_nop() { w16(0x0001); }
    void c_addi(Reg rd, int32_t imm) { w16(c_ci(0, imm, rd, 1)); }
    void c_addiw(Reg rd, int32_t imm) { w16(c_ci(1, imm, rd, 1)); }
    void c_li(Reg rd, int32_t imm) { w16(c_ci(2, imm, rd, 1)); }
    void c_lui(Reg rd, int32_t imm6) { w16(c_ci(3, imm6, rd, 1)); } // rd = imm6 << 12
    void c_addi16sp(int32_t imm) // imm multiple of 16
    {
        uint32_t u = (uint32_t)imm;
        w16((uint16_t)(3u << 13 | ((u >> 9) & 1) << 12 | 2u << 7 | ((u >> 4) & 1) << 6 |
                       ((u >> 6) & 1) << 5 | ((u >> 7) & 3) << 3 | ((u >> 5) & 1) << 2 | 1));
    }
    void c_addi4spn(Reg rd, uint32_t u) // u multiple of 4, 4..1020
    {
        w16((uint16_t)(((u >> 4) & 3) << 11 | ((u >> 6) & 0xf) << 7 | ((u >> 2) & 1) << 6 |
                       ((u >> 3) & 1) << 5 | cp(rd) << 2));
    }
    void c_slli(Reg rd, unsigned sh) { w16(c_ci(0, (int32_t)sh, rd, 2)); }
    void c_alu_imm(uint32_t f2, Reg rd, int32_t imm)
    {
        uint32_t u = (uint32_t)imm;
        w16((uint16_t)(4u << 13 | ((u >> 5) & 1) << 12 | f2 << 10 | cp(rd) << 7 | (u & 0x1f) << 2 | 1));
    }
    void c_srli(Reg rd, unsigned sh) { c_alu_imm(0, rd, (int32_t)sh); }
    void c_srai(Reg rd, unsigned sh) { c_alu_imm(1, rd, (int32_t)sh); }
    void c_andi(Reg rd, int32_t imm) { c_alu_imm(2, rd, imm); }
    void c_alu(uint32_t b12, uint32_t f2, Reg rd, Reg rs2)
    {
        w16((uint16_t)(4u << 13 | b12 << 12 | 3u << 10 | cp(rd) << 7 | f2 << 5 | cp(rs2) << 2 | 1));
    }
    void c_sub(Reg rd, Reg rs2) { c_alu(0, 0, rd, rs2); }
    void c_xor(Reg rd, Reg rs2) { c_alu(0, 1, rd, rs2); }
    void c_or(Reg rd, Reg rs2) { c_alu(0, 2, rd, rs2); }
    void c_and(Reg rd, Reg rs2) { c_alu(0, 3, rd, rs2); }
    void c_subw(Reg rd, Reg rs2) { c_alu(1, 0, rd, rs2); }
    void c_addw(Reg rd, Reg rs2) { c_alu(1, 1, rd, rs2); }
    void c_mv(Reg rd, Reg rs2) { w16((uint16_t)(4u << 13 | rd << 7 | rs2 << 2 | 2)); }
    void c_add(Reg rd, Reg rs2) { w16((uint16_t)(4u << 13 | 1u << 12 | rd << 7 | rs2 << 2 | 2)); }
    void c_jr(Reg rs1) { w16((uint16_t)(4u << 13 | rs1 << 7 | 2)); }
    void c_jalr(Reg rs1) { w16((uint16_t)(4u << 13 | 1u << 12 | rs1 << 7 | 2)); }
    void c_ebreak() { w16(0x9002); }
    void c_j(int l) { fix(l, FIX_CJ, 0); w16(0); }
    void c_beqz(Reg rs1, int l) { fix(l, FIX_CB, 6u | cp(rs1) << 8); w16(0); }
    void c_bnez(Reg rs1, int l) { fix(l, FIX_CB, 7u | cp(rs1) << 8); w16(0); }
    void c_ldsp(Reg rd, uint32_t u)
    {
        w16((uint16_t)(3u << 13 | ((u >> 5) & 1) << 12 | rd << 7 | ((u >> 3) & 3) << 5 |
                       ((u >> 6) & 7) << 2 | 2));
    }
    void c_lwsp(Reg rd, uint32_t u)
    {
        w16((uint16_t)(2u << 13 | ((u >> 5) & 1) << 12 | rd << 7 | ((u >> 2) & 7) << 4 |
                       ((u >> 6) & 3) << 2 | 2));
    }
    void c_sdsp(Reg rs2, uint32_t u)
    {
        w16((uint16_t)(7u << 13 | ((u >> 3) & 7) << 10 | ((u >> 6) & 7) << 7 | rs2 << 2 | 2));
    }
    void c_swsp(Reg rs2, uint32_t u)
    {
        w16((uint16_t)(6u << 13 | ((u >> 2) & 0xf) << 9 | ((u >> 6) & 3) << 7 | rs2 << 2 | 2));
    }
    void c_lw(Reg rd, Reg rs1, uint32_t u)
    {
        w16((uint16_t)(2u << 13 | ((u >> 3) & 7) << 10 | cp(rs1) << 7 | ((u >> 2) & 1) << 6 |
                       ((u >> 6) & 1) << 5 | cp(rd) << 2));
    }
    void c_ld(Reg rd, Reg rs1, uint32_t u)
    {
        w16((uint16_t)(3u << 13 | ((u >> 3) & 7) << 10 | cp(rs1) << 7 | ((u >> 6) & 3) << 5 | cp(rd) << 2));
    }
    void c_sw(Reg rs2, Reg rs1, uint32_t u)
    {
        w16((uint16_t)(6u << 13 | ((u >> 3) & 7) << 10 | cp(rs1) << 7 | ((u >> 2) & 1) << 6 |
                       ((u >> 6) & 1) << 5 | cp(rs2) << 2));
    }
    void c_sd(Reg rs2, Reg rs1, uint32_t u)
    {
        w16((uint16_t)(7u << 13 | ((u >> 3) & 7) << 10 | cp(rs1) << 7 | ((u >> 6) & 3) << 5 | cp(rs2) << 2));
    }

private:
    enum FixKind { FIX_B, FIX_J, FIX_CJ, FIX_CB };
    struct Fix { size_t pos; FixKind kind; int label; uint32_t arg; };

    void fix(int l, FixKind k, uint32_t arg) { fixes_.push_back({ buf_.size(), k, l, arg }); }
    void put16(size_t pos, uint16_t v) { buf_[pos] = (uint8_t)v; buf_[pos + 1] = (uint8_t)(v >> 8); }
    void put32(size_t pos, uint32_t v) { put16(pos, (uint16_t)v); put16(pos + 2, (uint16_t)(v >> 16)); }
    void resolve()
    {
        for (const Fix &f : fixes_) {
            EXPECT_NE(labels_[f.label], UINT64_MAX) << "unbound label " << f.label;
            int32_t off = (int32_t)(int64_t)(labels_[f.label] - (base_ + f.pos));
            uint32_t u = (uint32_t)off;
            switch (f.kind) {
            case FIX_B:
                put32(f.pos, b_type(off, (f.arg >> 16) & 31, (f.arg >> 8) & 31, f.arg & 7));
                break;
            case FIX_J:
                put32(f.pos, j_type(off, f.arg));
                break;
            case FIX_CJ:
                put16(f.pos, (uint16_t)(5u << 13 | ((u >> 11) & 1) << 12 | ((u >> 4) & 1) << 11 |
                                        ((u >> 8) & 3) << 9 | ((u >> 10) & 1) << 8 | ((u >> 6) & 1) << 7 |
                                        ((u >> 7) & 1) << 6 | ((u >> 1) & 7) << 3 | ((u >> 5) & 1) << 2 | 1));
                break;
            case FIX_CB:
                put16(f.pos, (uint16_t)((f.arg & 7) << 13 | ((u >> 8) & 1) << 12 | ((u >> 3) & 3) << 10 |
                                        ((f.arg >> 8) & 7) << 7 | ((u >> 6) & 3) << 5 | ((u >> 1) & 3) << 3 |
                                        ((u >> 5) & 1) << 2 | 1));
                break;
            }
        }
    }

    uint64_t base_;
    std::vector<uint8_t> buf_;
    std::vector<uint64_t> labels_;
    std::vector<Fix> fixes_;
};

// Addresses the tests use by convention (1 MiB of DRAM).
constexpr uint64_t DRAM = AMBER_DRAM_BASE;
constexpr uint64_t MTVEC_ADDR = DRAM + 0x4000;  // default M handler: j .
constexpr uint64_t STVEC_ADDR = DRAM + 0x4800;  // default S handler: j .
constexpr uint64_t DATA = DRAM + 0x8000;
constexpr uint64_t HOLE = 0x40000000;           // nothing is mapped here

// One Amber-1 machine with a console-less UART. The CPU starts at the
// beginning of DRAM in M mode (the boot ROM is skipped so that instruction
// counts are the test program's own), with mtvec/stvec pointing at
// self-loops.
struct Hart {
    std::unique_ptr<struct machine> mp{ new struct machine };
    struct machine &m = *mp;
    struct cpu &c = m.cpu;
    bool ok = false;

    explicit Hart(uint64_t dram = 1u << 20)
    {
        struct machine_config cfg = { dram, nullptr };
        ok = machine_init(&m, &cfg, nullptr);
        EXPECT_TRUE(ok);
        machine_reset(&m, DRAM);
        c.pc = DRAM;
        c.csr.mtvec = MTVEC_ADDR;
        c.csr.stvec = STVEC_ADDR;
        put32(MTVEC_ADDR, j_type(0, zero));
        put32(STVEC_ADDR, j_type(0, zero));
    }
    ~Hart()
    {
        if (ok)
            machine_free(&m);
    }
    Hart(const Hart &) = delete;
    Hart &operator=(const Hart &) = delete;

    uint8_t *host(uint64_t pa)
    {
        EXPECT_TRUE(pa >= DRAM && pa < DRAM + m.dram_size) << std::hex << pa;
        return m.dram + (pa - DRAM);
    }
    void load(Asm &a) { const auto &b = a.bytes(); memcpy(host(a.base()), b.data(), b.size()); }
    void put32(uint64_t pa, uint32_t v) { memcpy(host(pa), &v, 4); }
    void put64(uint64_t pa, uint64_t v) { memcpy(host(pa), &v, 8); }
    uint32_t get32(uint64_t pa) { uint32_t v; memcpy(&v, host(pa), 4); return v; }
    uint64_t get64(uint64_t pa) { uint64_t v; memcpy(&v, host(pa), 8); return v; }

    // Run n more instructions (or until the guest stops the machine).
    enum machine_stop run(uint64_t n) { return machine_run(&m, c.instret + n); }
    uint64_t x(unsigned r) const { return c.x[r]; }
    void set_priv(unsigned p) { cpu_set_priv(&c, p); }
    // PMP entry 15: all of memory RWX, so S and U can run at all (with no
    // matching entry an S/U access fails).
    void pmp_allow_all()
    {
        c.pmp.addr[15] = 0x003FFFFFFFFFFFFFull;
        c.pmp.cfg[15] = 0x1f; // NAPOT, RWX
        mmu_flush(&c);
    }
    // CSR access as M mode would do it (the tests' privileged back door).
    uint64_t csr(unsigned n)
    {
        unsigned p = c.priv;
        c.priv = PRIV_M;
        uint64_t v = 0;
        EXPECT_TRUE(cpu_csr_read(&c, n, &v, false)) << std::hex << n;
        cpu_set_priv(&c, p);
        return v;
    }
    void set_csr(unsigned n, uint64_t v)
    {
        unsigned p = c.priv;
        c.priv = PRIV_M;
        EXPECT_TRUE(cpu_csr_write(&c, n, v)) << std::hex << n;
        cpu_set_priv(&c, p);
    }
};

} // namespace rv

#endif
