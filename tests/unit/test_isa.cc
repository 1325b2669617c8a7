// Decoder and disassembler generated from isa/*.isa: operand rules of
// isa/README.md on hand-picked encodings (from GNU as, or built by hand for
// extremes and reserved code points).
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>

#include "insn.h"
#include "isa_ops.h"

namespace {

struct Expect {
    uint32_t raw;
    unsigned op;
    unsigned rd, rs1, rs2;
    int32_t imm;
    unsigned len;
};

void check(const Expect &e)
{
    struct insn in;
    std::memset(&in, 0xa5, sizeof in);  // every field must be written
    SCOPED_TRACE(testing::Message() << "raw 0x" << std::hex << e.raw);
    EXPECT_EQ(isa_decode(e.raw, &in), e.len);
    EXPECT_EQ(in.len, e.len);
    ASSERT_LT(in.op, (unsigned)OP_COUNT);
    EXPECT_STREQ(isa_op_name[in.op], isa_op_name[e.op]);
    EXPECT_EQ(in.rd, e.rd);
    EXPECT_EQ(in.rs1, e.rs1);
    EXPECT_EQ(in.rs2, e.rs2);
    EXPECT_EQ(in.imm, e.imm);
    EXPECT_EQ(in.cost, 0);
    EXPECT_EQ(in.flags, 0);
}

void check_all(std::initializer_list<Expect> list)
{
    for (const Expect &e : list)
        check(e);
}

// A reserved or unknown encoding: OP_ILLEGAL carrying the raw bits.
Expect illegal16(uint32_t raw) { return {raw, OP_ILLEGAL, 0, 0, 0, (int32_t)(raw & 0xffff), 2}; }
Expect illegal32(uint32_t raw) { return {raw, OP_ILLEGAL, 0, 0, 0, (int32_t)raw, 4}; }

std::string disas(uint64_t pc, uint32_t raw)
{
    char buf[96];
    unsigned len = isa_disas(pc, raw, buf, sizeof buf);
    EXPECT_EQ(len, (raw & 3) == 3 ? 4u : 2u);
    return buf;
}

}  // namespace

TEST(IsaDecode, UpperImmediatesAndJumps)
{
    check_all({
        {0xfffff537, OP_LUI, 10, 0, 0, -4096, 4},               // lui a0,0xfffff
        {0x80000fb7, OP_LUI, 31, 0, 0, INT32_MIN, 4},           // lui t6,0x80000
        {0x7ffff537, OP_LUI, 10, 0, 0, 0x7ffff000, 4},          // lui a0,0x7ffff
        {0x00001197, OP_AUIPC, 3, 0, 0, 4096, 4},               // auipc gp,0x1
        {0x7ffff0ef, OP_JAL, 1, 0, 0, 0xffffe, 4},              // jal ra,.+1MiB-2
        {0x800000ef, OP_JAL, 1, 0, 0, -0x100000, 4},            // jal ra,.-1MiB
        {0x800580e7, OP_JALR, 1, 11, 0, -2048, 4},              // jalr ra,-2048(a1)
        {0x7ff28067, OP_JALR, 0, 5, 0, 2047, 4},                // jalr zero,2047(t0)
        {0x80b50063, OP_BEQ, 0, 10, 11, -4096, 4},              // beq a0,a1,.-4096
        {0x7eb50fe3, OP_BEQ, 0, 10, 11, 4094, 4},               // beq a0,a1,.+4094
    });
}

TEST(IsaDecode, LoadsStoresAndAlu)
{
    check_all({
        {0xfff10503, OP_LB, 10, 2, 0, -1, 4},                   // lb a0,-1(sp)
        {0x7ff7b703, OP_LD, 14, 15, 0, 2047, 4},                // ld a4,2047(a5)
        {0xf9c9e203, OP_LWU, 4, 19, 0, -100, 4},                // lwu tp,-100(s3)
        {0x818cb023, OP_SD, 0, 25, 24, -2048, 4},               // sd s8,-2048(s9)
        {0x7f6bafa3, OP_SW, 0, 23, 22, 2047, 4},                // sw s6,2047(s7)
        {0x80058513, OP_ADDI, 10, 11, 0, -2048, 4},             // addi a0,a1,-2048
        {0xfff7b713, OP_SLTIU, 14, 15, 0, -1, 4},               // sltiu a4,a5,-1
        {0x7ffafa13, OP_ANDI, 20, 21, 0, 2047, 4},              // andi s4,s5,2047
        {0x03f31293, OP_SLLI, 5, 6, 0, 63, 4},                  // slli t0,t1,63
        {0x001e5393, OP_SRLI, 7, 28, 0, 1, 4},                  // srli t2,t3,1
        {0x420f5e93, OP_SRAI, 29, 30, 0, 32, 4},                // srai t4,t5,32
        {0x01f6159b, OP_SLLIW, 11, 12, 0, 31, 4},               // slliw a1,a2,31
        {0x4118579b, OP_SRAIW, 15, 16, 0, 17, 4},               // sraiw a5,a6,17
        {0x00c58533, OP_ADD, 10, 11, 12, 0, 4},                 // add a0,a1,a2
        {0x41f48433, OP_SUB, 8, 9, 31, 0, 4},                   // sub s0,s1,t6
        {0x0288a833, OP_MULHSU, 16, 17, 8, 0, 4},               // mulhsu a6,a7,s0
        {0x03ff7ebb, OP_REMUW, 29, 30, 31, 0, 4},               // remuw t4,t5,t6
    });
}

TEST(IsaDecode, ReservedShiftAmounts)
{
    check_all({
        illegal32(0x0206159b),                                   // slliw shamt[5]=1
        illegal32(0x0206559b),                                   // srliw shamt[5]=1
        illegal32(0x4206559b),                                   // sraiw shamt[5]=1
        illegal32(0x08031293),                                   // slli with funct6 bit set
    });
}

TEST(IsaDecode, FencesCsrsAndSystem)
{
    check_all({
        {0x0330000f, OP_FENCE, 0, 0, 0, 0x033, 4},              // fence rw,rw
        {0x8330000f, OP_FENCE, 0, 0, 0, 0x833, 4},              // fence.tso
        {0x0ff0000f, OP_FENCE, 0, 0, 0, 0x0ff, 4},              // fence iorw,iorw
        {0xf00a850f, OP_FENCE, 10, 21, 0, 0xf00, 4},            // reserved fm, rd, rs1
        {0x0000100f, OP_FENCE_I, 0, 0, 0, 0, 4},                // fence.i
        {0xfff5958f, OP_FENCE_I, 11, 11, 0, 0xfff, 4},          // fence.i, reserved fields
        {0x30059573, OP_CSRRW, 10, 11, 0, 0x300, 4},            // csrrw a0,mstatus,a1
        {0x7c0fd773, OP_CSRRWI, 14, 31, 0, 0x7c0, 4},           // csrrwi a4,0x7c0,31
        {0xfff322f3, OP_CSRRS, 5, 6, 0, 0xfff, 4},              // csrrs t0,0xfff,t1
        {0x10007073, OP_CSRRCI, 0, 0, 0, 0x100, 4},             // csrrci zero,sstatus,0
        {0x00000073, OP_ECALL, 0, 0, 0, 0, 4},
        {0x00100073, OP_EBREAK, 0, 0, 0, 0, 4},
        {0x30200073, OP_MRET, 0, 0, 0, 0, 4},
        {0x10200073, OP_SRET, 0, 0, 0, 0, 4},
        {0x10500073, OP_WFI, 0, 0, 0, 0, 4},
        {0x12b50073, OP_SFENCE_VMA, 0, 10, 11, 0, 4},           // sfence.vma a0,a1
        {0x0015200f, OP_CBO_CLEAN, 0, 10, 0, 0, 4},             // cbo.clean (a0)
        {0x002fa00f, OP_CBO_FLUSH, 0, 31, 0, 0, 4},             // cbo.flush (t6)
        {0x0001200f, OP_CBO_INVAL, 0, 2, 0, 0, 4},              // cbo.inval (sp)
        illegal32(0x30200573),                                   // mret with rd set
        illegal32(0x00200073),                                   // uret (N, withdrawn)
        illegal32(0x00004073),                                   // SYSTEM funct3=100
        illegal32(0x12b50573),                                   // sfence.vma with rd set
        illegal32(0x0045200f),                                   // cbo.zero (Zicboz)
    });
}

TEST(IsaDecode, Atomics)
{
    check_all({
        {0x1406a62f, OP_LR_W, 12, 13, 0, 2, 4},                 // lr.w.aq a2,(a3)
        {0x1af8272f, OP_SC_W, 14, 16, 15, 1, 4},                // sc.w.rl a4,a5,(a6)
        {0x0eb6252f, OP_AMOSWAP_W, 10, 12, 11, 3, 4},           // amoswap.w.aqrl a0,a1,(a2)
        {0x0099342f, OP_AMOADD_D, 8, 18, 9, 0, 4},              // amoadd.d s0,s1,(s2)
        {0xe663b2af, OP_AMOMAXU_D, 5, 7, 6, 3, 4},              // amomaxu.d.aqrl t0,t1,(t2)
        illegal32(0x1416a62f),                                   // lr.w with rs2 != 0
        illegal32(0x0099442f),                                   // AMO funct3=100
    });
}

TEST(IsaDecode, UnsupportedExtensionsAreIllegal)
{
    check_all({
        illegal32(0x0005a507),                                   // flw
        illegal32(0x00b50553),                                   // fadd.s
        illegal32(0x0000600b),                                   // custom-0 funct3=110 (Xamber: reserved)
        illegal32(0x0100402b),                                   // custom-1 am.bt with bit 24 set
        illegal32(0x0000007f),                                   // >32-bit encoding
        illegal32(0xffffffff),
        illegal32(0x00000003 | 7 << 12),                         // load funct3=111
    });
}

TEST(IsaDecode, CompressedExpansions)
{
    check_all({
        {0x1fe8, OP_ADDI, 10, 2, 0, 1020, 2},                   // c.addi4spn a0,sp,1020
        {0x0040, OP_ADDI, 8, 2, 0, 4, 2},                       // c.addi4spn s0,sp,4
        {0x5fe8, OP_LW, 10, 15, 0, 124, 2},                     // c.lw a0,124(a5)
        {0x7f64, OP_LD, 9, 14, 0, 248, 2},                      // c.ld s1,248(a4)
        {0xc010, OP_SW, 0, 8, 12, 0, 2},                        // c.sw a2,0(s0)
        {0xe494, OP_SD, 0, 9, 13, 8, 2},                        // c.sd a3,8(s1)
        {0x0001, OP_ADDI, 0, 0, 0, 0, 2},                       // c.nop
        {0x1501, OP_ADDI, 10, 10, 0, -32, 2},                   // c.addi a0,-32
        {0x0ffd, OP_ADDI, 31, 31, 0, 31, 2},                    // c.addi t6,31
        {0x35fd, OP_ADDIW, 11, 11, 0, -1, 2},                   // c.addiw a1,-1
        {0x467d, OP_ADDI, 12, 0, 0, 31, 2},                     // c.li a2,31
        {0x7101, OP_ADDI, 2, 2, 0, -512, 2},                    // c.addi16sp sp,-512
        {0x617d, OP_ADDI, 2, 2, 0, 496, 2},                     // c.addi16sp sp,496
        {0x757d, OP_LUI, 10, 0, 0, -4096, 2},                   // c.lui a0,0xfffff
        {0x7501, OP_LUI, 10, 0, 0, -0x20000, 2},                // c.lui a0,0xfffe0
        {0x637d, OP_LUI, 6, 0, 0, 0x1f000, 2},                  // c.lui t1,0x1f
        {0x92fd, OP_SRLI, 13, 13, 0, 63, 2},                    // c.srli a3,63
        {0x8301, OP_SRLI, 14, 14, 0, 0, 2},                     // c.srli64 a4
        {0x8785, OP_SRAI, 15, 15, 0, 1, 2},                     // c.srai a5,1
        {0x98fd, OP_ANDI, 9, 9, 0, -1, 2},                      // c.andi s1,-1
        {0x8d0d, OP_SUB, 10, 10, 11, 0, 2},                     // c.sub a0,a1
        {0x8e35, OP_XOR, 12, 12, 13, 0, 2},                     // c.xor a2,a3
        {0x8f5d, OP_OR, 14, 14, 15, 0, 2},                      // c.or a4,a5
        {0x8c65, OP_AND, 8, 8, 9, 0, 2},                        // c.and s0,s1
        {0x9d1d, OP_SUBW, 10, 10, 15, 0, 2},                    // c.subw a0,a5
        {0x9cb1, OP_ADDW, 9, 9, 12, 0, 2},                      // c.addw s1,a2
        {0xb001, OP_JAL, 0, 0, 0, -2048, 2},                    // c.j .-2048
        {0xaffd, OP_JAL, 0, 0, 0, 2046, 2},                     // c.j .+2046
        {0xd101, OP_BEQ, 0, 10, 0, -256, 2},                    // c.beqz a0,.-256
        {0xcd7d, OP_BEQ, 0, 10, 0, 254, 2},                     // c.beqz a0,.+254
        {0xed7d, OP_BNE, 0, 10, 0, 254, 2},                     // c.bnez a0,.+254
        {0x157e, OP_SLLI, 10, 10, 0, 63, 2},                    // c.slli a0,63
        {0x0302, OP_SLLI, 6, 6, 0, 0, 2},                       // c.slli64 t1
        {0x557e, OP_LW, 10, 2, 0, 252, 2},                      // c.lwsp a0,252(sp)
        {0x70fe, OP_LD, 1, 2, 0, 504, 2},                       // c.ldsp ra,504(sp)
        {0x8082, OP_JALR, 0, 1, 0, 0, 2},                       // c.jr ra
        {0x852e, OP_ADD, 10, 0, 11, 0, 2},                      // c.mv a0,a1
        {0x9002, OP_EBREAK, 0, 0, 0, 0, 2},                     // c.ebreak
        {0x9282, OP_JALR, 1, 5, 0, 0, 2},                       // c.jalr t0
        {0x952e, OP_ADD, 10, 10, 11, 0, 2},                     // c.add a0,a1
        {0xdfaa, OP_SW, 0, 2, 10, 252, 2},                      // c.swsp a0,252(sp)
        {0xffee, OP_SD, 0, 2, 27, 504, 2},                      // c.sdsp s11,504(sp)
        {0xabcd0001, OP_ADDI, 0, 0, 0, 0, 2},                   // upper half ignored
    });
}

TEST(IsaDecode, CompressedHintsDecodeToBaseOp)
{
    check_all({
        {0x0005, OP_ADDI, 0, 0, 0, 1, 2},                       // c.addi zero,1 (c.nop hint)
        {0x0501, OP_ADDI, 10, 10, 0, 0, 2},                     // c.addi a0,0
        {0x4005, OP_ADDI, 0, 0, 0, 1, 2},                       // c.li zero,1
        {0x6005, OP_LUI, 0, 0, 0, 4096, 2},                     // c.lui zero,1
        {0x802e, OP_ADD, 0, 0, 11, 0, 2},                       // c.mv zero,a1
        {0x902e, OP_ADD, 0, 0, 11, 0, 2},                       // c.add zero,a1
        {0x0012, OP_SLLI, 0, 0, 0, 4, 2},                       // c.slli zero,4
        {0x0002, OP_SLLI, 0, 0, 0, 0, 2},                       // c.slli64 zero
        {0x8401, OP_SRAI, 8, 8, 0, 0, 2},                       // c.srai64 s0
    });
}

TEST(IsaDecode, ReservedCompressedAreIllegal)
{
    check_all({
        illegal16(0x0000),                                       // all zero (c.unimp)
        illegal16(0xffff0000),                                   // ... upper half ignored
        illegal16(0x0004),                                       // c.addi4spn imm=0, rd'!=0
        illegal16(0x2000),                                       // c.fld
        illegal16(0x3ffc),                                       // c.fld
        illegal16(0x8000),                                       // quadrant 0, funct3=100
        illegal16(0xa000),                                       // c.fsd
        illegal16(0x2001),                                       // c.addiw rd=0
        illegal16(0x207d),                                       // c.addiw rd=0
        illegal16(0x6081),                                       // c.lui imm=0
        illegal16(0x6001),                                       // c.lui rd=0, imm=0
        illegal16(0x6101),                                       // c.addi16sp imm=0
        illegal16(0x9c41),                                       // reserved, next to c.subw
        illegal16(0x9c61),                                       // reserved, next to c.addw
        illegal16(0x2002),                                       // c.fldsp
        illegal16(0x4002),                                       // c.lwsp rd=0
        illegal16(0x6002),                                       // c.ldsp rd=0
        illegal16(0x8002),                                       // c.jr rs1=0
        illegal16(0xa002),                                       // c.fsdsp
    });
}

// Properties over the whole 16-bit space and random 32-bit words.
TEST(IsaDecode, EveryEncodingIsWellFormed)
{
    std::mt19937 rng(12345);
    for (uint64_t i = 0; i < 0x10000 + 200000; i++) {
        uint32_t raw = i < 0x10000 ? (uint32_t)i : (uint32_t)rng();
        struct insn in;
        unsigned len = isa_decode(raw, &in);
        ASSERT_EQ(len, (raw & 3) == 3 ? 4u : 2u) << std::hex << raw;
        ASSERT_LT(in.op, (unsigned)OP_COUNT);
        ASSERT_LT(in.rd, 32);
        ASSERT_LT(in.rs1, 32);
        ASSERT_LT(in.rs2, 32);
        if (in.op == OP_ILLEGAL) {
            ASSERT_EQ((uint32_t)in.imm, len == 2 ? (raw & 0xffff) : raw);
        }
    }
}

TEST(IsaDisas, FormatsLikeObjdump)
{
    EXPECT_EQ(disas(0, 0x80058513), "addi\ta0,a1,-2048");
    EXPECT_EQ(disas(0x8000000c, 0x7eb50fe3), "beq\ta0,a1,8000100a");
    EXPECT_EQ(disas(0x80000004, 0x800000ef), "jal\tra,7ff00004");
    EXPECT_EQ(disas(0, 0xfffff537), "lui\ta0,0xfffff");
    EXPECT_EQ(disas(0, 0x03f31293), "slli\tt0,t1,0x3f");
    EXPECT_EQ(disas(0, 0x818cb023), "sd\ts8,-2048(s9)");
    EXPECT_EQ(disas(0, 0x30059573), "csrrw\ta0,mstatus,a1");
    EXPECT_EQ(disas(0, 0x7c0fd773), "csrrwi\ta4,0x7c0,31");
    EXPECT_EQ(disas(0, 0x1406a62f), "lr.w.aq\ta2,(a3)");
    EXPECT_EQ(disas(0, 0xe663b2af), "amomaxu.d.aqrl\tt0,t1,(t2)");
    EXPECT_EQ(disas(0, 0x0330000f), "fence\trw,rw");
    EXPECT_EQ(disas(0, 0x0100000f), "fence\tw,unknown");
    EXPECT_EQ(disas(0, 0x8330000f), "fence.tso");
    EXPECT_EQ(disas(0, 0x12000073), "sfence.vma\tzero,zero");
    EXPECT_EQ(disas(0, 0x0015200f), "cbo.clean\t(a0)");
    EXPECT_EQ(disas(0, 0x10500073), "wfi");
    EXPECT_EQ(disas(0, 0x1fe8), "c.addi4spn\ta0,sp,1020");
    EXPECT_EQ(disas(0, 0x757d), "c.lui\ta0,0xfffff");
    EXPECT_EQ(disas(0x10, 0xb001), "c.j\tfffffffffffff810");
    EXPECT_EQ(disas(0, 0x8301), "c.srli64\ta4");
    EXPECT_EQ(disas(0, 0x0001), "c.addi\tzero,0");
    EXPECT_EQ(disas(0, 0x0000), "c.unimp");
    EXPECT_EQ(disas(0, 0x6002), ".2byte\t0x6002");
    EXPECT_EQ(disas(0, 0x0000600b), ".4byte\t0x600b");  // reserved in custom-0
}

TEST(IsaDisas, TruncatesToTheBuffer)
{
    char buf[6];
    EXPECT_EQ(isa_disas(0, 0x80058513, buf, sizeof buf), 4u);
    EXPECT_STREQ(buf, "addi\t");
    EXPECT_EQ(isa_disas(0, 0x9002, nullptr, 0), 2u);
}

TEST(IsaTables, Names)
{
    EXPECT_STREQ(isa_op_name[OP_ILLEGAL], "illegal");
    EXPECT_STREQ(isa_op_name[OP_FENCE_I], "fence.i");
    EXPECT_STREQ(isa_op_name[OP_SFENCE_VMA], "sfence.vma");
    EXPECT_STREQ(isa_op_name[OP_CBO_CLEAN], "cbo.clean");
    EXPECT_STREQ(isa_reg_name[8], "s0");
    EXPECT_STREQ(isa_csr_name(0x300), "mstatus");
    EXPECT_STREQ(isa_csr_name(0xc1f), "hpmcounter31");
    EXPECT_STREQ(isa_csr_name(0x3ef), "pmpaddr63");
    EXPECT_EQ(isa_csr_name(0x7c0), nullptr);
    EXPECT_EQ(isa_csr_number("satp"), 0x180);
    EXPECT_EQ(isa_csr_number("mhpmevent31h"), 0x73f);
    EXPECT_EQ(isa_csr_number("nosuchcsr"), -1);
}
