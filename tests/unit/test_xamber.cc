// Xamber (docs/isa.md): every instruction with its results and each of its
// traps, the rule that every standard write makes the words it touches
// RAW, and the tag storage behind it. Instructions are hand-encoded from
// the encoding table of docs/isa.md and run one at a time on a machine.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <memory>

extern "C" {
#include "amber/hw.h"
#include "bus.h"
#include "cpu.h"
#include "csr.h"
#include "elf.h"
#include "machine.h"
}
#include "isa_ops.h"
#include "xamber.h"

namespace {

enum : unsigned { zero = 0, t0 = 5, t1 = 6, a0 = 10, a1 = 11, a2 = 12, a3 = 13 };

constexpr uint64_t CODE = AMBER_DRAM_BASE;
constexpr uint64_t MTVEC = AMBER_DRAM_BASE + 0x800;
constexpr uint64_t STVEC = AMBER_DRAM_BASE + 0xa00;
constexpr uint64_t DATA = AMBER_DRAM_BASE + 0x10000;  // 64 KiB in
constexpr uint64_t RAM = 1u << 20;

// ---- encoders (docs/isa.md, "Encodings") ----

constexpr uint32_t C0 = 0x0b, C1 = 0x2b;

uint32_t R(uint32_t f7, uint32_t rs2, uint32_t rs1, uint32_t f3, uint32_t rd, uint32_t op)
{
    return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
uint32_t I(int32_t imm, uint32_t rs1, uint32_t f3, uint32_t rd, uint32_t op)
{
    return ((uint32_t)imm & 0xfff) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
uint32_t S(int32_t imm, uint32_t rs2, uint32_t rs1, uint32_t f3, uint32_t op)
{
    uint32_t u = (uint32_t)imm;
    return (u >> 5 & 0x7f) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (u & 31) << 7 | op;
}
uint32_t B(int32_t imm, uint32_t rs2, uint32_t rs1, uint32_t f3, uint32_t op)
{
    uint32_t u = (uint32_t)imm;
    return (u >> 12 & 1) << 31 | (u >> 5 & 0x3f) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 |
           (u >> 1 & 0xf) << 8 | (u >> 11 & 1) << 7 | op;
}

uint32_t fadd(unsigned rd, unsigned rs1, unsigned rs2) { return R(0, rs2, rs1, 0, rd, C0); }
uint32_t fsub(unsigned rd, unsigned rs1, unsigned rs2) { return R(1, rs2, rs1, 0, rd, C0); }
uint32_t flt(unsigned rd, unsigned rs1, unsigned rs2) { return R(2, rs2, rs1, 0, rd, C0); }
uint32_t settag(unsigned rd, unsigned rs1, unsigned rs2) { return R(3, rs2, rs1, 0, rd, C0); }
uint32_t cas(unsigned rd, unsigned rs2, unsigned rs1) { return R(4, rs2, rs1, 0, rd, C0); }
uint32_t gettag(unsigned rd, unsigned rs1) { return R(8, 0, rs1, 0, rd, C0); }
uint32_t untag(unsigned rd, unsigned rs1) { return R(8, 1, rs1, 0, rd, C0); }
uint32_t faddi(unsigned rd, unsigned rs1, int imm) { return I(imm, rs1, 1, rd, C0); }
uint32_t settagi(unsigned rd, unsigned rs1, unsigned tag) { return I((int)tag, rs1, 2, rd, C0); }
uint32_t chktag(unsigned rs1, unsigned type) { return I((int)type, rs1, 3, 0, C0); }
uint32_t chkacc(unsigned rs1, unsigned acc) { return I((int)acc, rs1, 4, 0, C0); }
uint32_t alloc(unsigned rd, unsigned rs1, unsigned tag) { return I((int)tag, rs1, 5, rd, C0); }
uint32_t ld(unsigned rd, int off, unsigned rs1) { return I(off, rs1, 0, rd, C1); }
uint32_t sd(unsigned rs2, int off, unsigned rs1) { return S(off, rs2, rs1, 1, C1); }
uint32_t ldc(unsigned rd, int off, unsigned rs1, unsigned type)
{
    return I(off | (int)(type - 8), rs1, 2, rd, C1);
}
uint32_t sdc(unsigned rs2, int off, unsigned rs1, unsigned type)
{
    return S(off | (int)(type - 8), rs2, rs1, 3, C1);
}
uint32_t bt(unsigned rs1, unsigned type, int off) { return B(off, type, rs1, 4, C1); }
uint32_t bnt(unsigned rs1, unsigned type, int off) { return B(off, type, rs1, 5, C1); }
uint32_t bflt(unsigned rs1, unsigned rs2, int off) { return B(off, rs2, rs1, 6, C1); }
uint32_t bfge(unsigned rs1, unsigned rs2, int off) { return B(off, rs2, rs1, 7, C1); }

// Standard instructions the tests need.
uint32_t std_sd(unsigned rs2, int off, unsigned rs1) { return S(off, rs2, rs1, 3, 0x23); }
uint32_t std_sw(unsigned rs2, int off, unsigned rs1) { return S(off, rs2, rs1, 2, 0x23); }
uint32_t std_sh(unsigned rs2, int off, unsigned rs1) { return S(off, rs2, rs1, 1, 0x23); }
uint32_t std_sb(unsigned rs2, int off, unsigned rs1) { return S(off, rs2, rs1, 0, 0x23); }
uint32_t std_ld(unsigned rd, int off, unsigned rs1) { return I(off, rs1, 3, rd, 0x03); }
uint32_t amoadd_d(unsigned rd, unsigned rs2, unsigned rs1) { return R(0x00, rs2, rs1, 3, rd, 0x2f); }
uint32_t amoswap_w(unsigned rd, unsigned rs2, unsigned rs1) { return R(0x04, rs2, rs1, 2, rd, 0x2f); }
uint32_t lr_d(unsigned rd, unsigned rs1) { return R(0x08, 0, rs1, 3, rd, 0x2f); }
uint32_t sc_d(unsigned rd, unsigned rs2, unsigned rs1) { return R(0x0c, rs2, rs1, 3, rd, 0x2f); }

// ---- values ----

uint64_t fix(int64_t n) { return AM_FIXNUM(n); }
uint64_t cons(uint64_t addr, unsigned acc = AM_ACC_R | AM_ACC_W)
{
    return AM_MAKE(AM_TAG(AM_T_CONS, acc), addr);
}

// ---- a machine that runs single instructions ----

struct Hart {
    std::unique_ptr<machine> m{new machine};
    cpu &c = m->cpu;

    Hart()
    {
        machine_config cfg = { RAM, nullptr };
        if (!machine_init(m.get(), &cfg, nullptr))
            throw std::runtime_error("machine_init");
        machine_reset(m.get(), CODE);
        cpu_reset(&c, CODE);
        c.csr.mtvec = MTVEC;
        c.csr.stvec = STVEC;
        const uint32_t spin = 0x0000006f; // j .: a trap ends there
        std::memcpy(host(MTVEC), &spin, 4);
        std::memcpy(host(STVEC), &spin, 4);
        EXPECT_TRUE(cpu_csr_write(&c, CSR_PMPADDR0, ~0ull)); // U and S may use everything
        EXPECT_TRUE(cpu_csr_write(&c, CSR_PMPCFG0, 0x1f));
    }
    ~Hart() { machine_free(m.get()); }

    uint8_t *host(uint64_t pa) { return m->dram + (pa - AMBER_DRAM_BASE); }
    uint64_t &x(unsigned r) { return c.x[r]; }

    // Place instructions at CODE, then "j .", and run them in mode priv
    // through the block cache until the program or a trap handler spins.
    void run(std::initializer_list<uint32_t> prog, unsigned priv = PRIV_M)
    {
        uint64_t at = CODE;
        for (uint32_t w : prog) {
            std::memcpy(host(at), &w, 4);
            at += 4;
        }
        const uint32_t spin = 0x0000006f;
        std::memcpy(host(at), &spin, 4);
        cpu_flush_blocks(&c);
        c.pc = CODE;
        c.csr.mcause = c.csr.scause = 0xdead;
        cpu_set_priv(&c, priv);
        c.next_event = UINT64_MAX;
        cpu_run(&c, c.instret + prog.size() + 2 * BLOCK_MAX);
    }

    bool ran_all(size_t n) { return c.pc == CODE + 4 * n && c.csr.mcause == 0xdead; }

    // Did the instruction at CODE + 4 * index trap to M with this cause and tval?
    void expect_trap(uint64_t cause, uint64_t tval, unsigned index = 0)
    {
        EXPECT_EQ(c.pc, MTVEC) << std::hex << "no trap; pc " << c.pc;
        EXPECT_EQ(c.csr.mcause, cause);
        EXPECT_EQ(c.csr.mtval, tval) << std::hex << c.csr.mtval;
        EXPECT_EQ(c.csr.mepc, CODE + 4 * index);
    }

    uint8_t tag(uint64_t pa)
    {
        uint8_t t = 0xee;
        EXPECT_TRUE(bus_get_tag(&m->bus, pa, &t));
        return t;
    }
    uint64_t word(uint64_t pa)
    {
        uint64_t v;
        std::memcpy(&v, host(pa), 8);
        return v;
    }
    // A tagged word put in place with am.sd, as guest code would.
    void put(uint64_t pa, uint64_t v)
    {
        x(t0) = pa;
        x(t1) = v;
        run({ sd(t1, 0, t0) });
        ASSERT_TRUE(ran_all(1));
        ASSERT_EQ(tag(pa), v >> 56);
    }
};

// ---------------------------------------------------------------- decode --

TEST(XamberDecode, EncodersMatchTheTables)
{
    struct { uint32_t raw; unsigned op; } cases[] = {
        { fadd(a0, a1, a2), OP_AM_FADD }, { fsub(a0, a1, a2), OP_AM_FSUB },
        { flt(a0, a1, a2), OP_AM_FLT }, { settag(a0, a1, a2), OP_AM_SETTAG },
        { cas(a0, a2, a1), OP_AM_CAS }, { gettag(a0, a1), OP_AM_GETTAG },
        { untag(a0, a1), OP_AM_UNTAG }, { faddi(a0, a1, -5), OP_AM_FADDI },
        { settagi(a0, a1, 0x38), OP_AM_SETTAGI }, { chktag(a1, 8), OP_AM_CHKTAG },
        { chkacc(a1, 3), OP_AM_CHKACC }, { alloc(a0, a1, 0x38), OP_AM_ALLOC },
        { ld(a0, -8, a1), OP_AM_LD }, { sd(a2, 16, a1), OP_AM_SD },
        { ldc(a0, 8, a1, AM_T_CONS), OP_AM_LDC }, { sdc(a2, 8, a1, AM_T_OBJECT), OP_AM_SDC },
        { bt(a1, AM_T_CONS, 8), OP_AM_BT }, { bnt(a1, AM_T_RAW, -8), OP_AM_BNT },
        { bflt(a1, a2, 16), OP_AM_BFLT }, { bfge(a1, a2, -16), OP_AM_BFGE },
    };
    for (auto &k : cases) {
        insn in;
        isa_decode(k.raw, &in);
        EXPECT_EQ(in.op, k.op) << std::hex << k.raw;
    }
    insn in;
    isa_decode(ldc(a0, 4088, a1, AM_T_FORWARD), &in);
    EXPECT_EQ(in.imm & ~7, 4088);
    EXPECT_EQ(8 | (in.imm & 7), AM_T_FORWARD);
    isa_decode(sdc(a2, 4088, a1, AM_T_SYMBOL), &in);
    EXPECT_EQ(in.imm & ~7, 4088);
    EXPECT_EQ(8 | (in.imm & 7), AM_T_SYMBOL);
    isa_decode(bt(a1, 15, -4096), &in);
    EXPECT_EQ(in.rs2, 15);
    EXPECT_EQ(in.imm, -4096);
}

TEST(XamberDecode, ReservedEncodingsAreIllegal)
{
    const uint32_t reserved[] = {
        R(5, a2, a1, 0, a0, C0),          // custom-0 funct3 000, unused funct7
        R(0x7f, a2, a1, 0, a0, C0),
        R(8, 2, a1, 0, a0, C0),           // gettag/untag family, rs2 = 2
        I(0x100, a1, 2, a0, C0),          // settagi with imm[11:8] set
        I(0x800, a1, 5, a0, C0),          // alloc with imm[11:8] set
        I(0x10, a1, 3, 0, C0),            // chktag with imm[11:4] set
        I(8, a1, 3, a0, C0),              // chktag with rd set
        I(0, a1, 4, 0, C0),               // chkacc with an empty mask
        I(0x20, a1, 4, 0, C0),
        I(0, a1, 6, a0, C0),              // custom-0 funct3 110, 111
        I(0, a1, 7, a0, C0),
        B(8, 16, a1, 4, C1),              // am.bt/bnt with bit 24 set
        B(8, 31, a1, 5, C1),
    };
    Hart h;
    for (uint32_t raw : reserved) {
        insn in;
        isa_decode(raw, &in);
        EXPECT_EQ(in.op, OP_ILLEGAL) << std::hex << raw;
        h.run({ raw });
        h.expect_trap(EXC_ILLEGAL, raw);
    }
}

TEST(XamberDisas, ShowsTypesTagsAndOffsets)
{
    char buf[64];
    auto dis = [&](uint32_t raw) { isa_disas(0x1000, raw, buf, sizeof buf); return std::string(buf); };
    EXPECT_EQ(dis(fadd(a0, a1, a2)), "am.fadd\ta0,a1,a2");
    EXPECT_EQ(dis(ldc(a0, 8, a1, AM_T_CONS)), "am.ldc\ta0,8(a1),cons");
    EXPECT_EQ(dis(sdc(a2, 4088, a1, AM_T_OBJECT)), "am.sdc\ta2,4088(a1),object");
    EXPECT_EQ(dis(settagi(a0, a1, AM_TAG(AM_T_CONS, AM_ACC_R | AM_ACC_W))), "am.settagi\ta0,a1,cons+rw");
    EXPECT_EQ(dis(settagi(a0, a1, AM_T_FIXNUM)), "am.settagi\ta0,a1,fixnum");
    EXPECT_EQ(dis(alloc(a0, a1, 0xfd)), "am.alloc\ta0,a1,13+rwxg");
    EXPECT_EQ(dis(chktag(a1, 5)), "am.chktag\ta1,5");
    EXPECT_EQ(dis(chkacc(a1, AM_ACC_X | AM_ACC_G)), "am.chkacc\ta1,xg");
    EXPECT_EQ(dis(bt(a1, AM_T_CONS, -8)), "am.bt\ta1,cons,ff8");
    EXPECT_EQ(dis(cas(a0, a2, a1)), "am.cas\ta0,a2,(a1)");
    EXPECT_EQ(dis(0x5c0025f3), "csrrs\ta1,amhp,zero");
}

// ---------------------------------------------------------- tagged memory --

TEST(XamberMemory, TaggedStoreAndLoadRoundTrip)
{
    Hart h;
    const uint64_t values[] = {
        fix(-1), fix(AM_FIXNUM_MAX), fix(AM_FIXNUM_MIN), AM_MAKE(AM_T_CHAR, 0x1F600), AM_NIL,
        cons(DATA + 0x100), cons(0x00ffffffc0001000ull, 0xf),     // a high-half address
        AM_MAKE(AM_T_HEADER, 3), AM_MAKE(0, 0x12345678), AM_MAKE(0xff, 0xabcdef),
    };
    uint64_t at = DATA;
    for (uint64_t v : values) {
        h.x(a1) = at;
        h.x(a2) = v;
        h.run({ sd(a2, 8, a1), ld(a0, 8, a1) });
        ASSERT_TRUE(h.ran_all(2));
        EXPECT_EQ(h.x(a0), v) << std::hex << v;
        EXPECT_EQ(h.tag(at + 8), v >> 56);
        // Memory holds the datum sign-extended, so C reads it with ld.
        EXPECT_EQ(h.word(at + 8), (uint64_t)AM_DATUM(v));
        at += 16;
    }
}

TEST(XamberMemory, PlainDataReadsAsRawWithItsLowBits)
{
    Hart h;
    uint64_t w = 0xfedcba9876543210ull;
    std::memcpy(h.host(DATA), &w, 8);
    h.x(a1) = DATA;
    h.run({ ld(a0, 0, a1) });
    EXPECT_EQ(h.x(a0), w & AM_DATUM_MASK);
}

TEST(XamberMemory, BaseIgnoresTheTopByteAndAddsTheOffset)
{
    Hart h;
    h.put(DATA + 0x40, fix(7));
    h.x(a1) = cons(DATA + 0x48);
    h.run({ ld(a0, -8, a1), ldc(a2, 0, a1, AM_T_CONS) });
    ASSERT_TRUE(h.ran_all(2));
    EXPECT_EQ(h.x(a0), fix(7));
}

TEST(XamberMemory, StandardStoresMakeTouchedWordsRaw)
{
    struct { uint32_t insn; int off; } stores[] = {
        { std_sd(a2, 0, a1), 0 }, { std_sw(a2, 4, a1), 4 }, { std_sh(a2, 6, a1), 6 },
        { std_sb(a2, 3, a1), 3 },
    };
    for (auto &s : stores) {
        Hart h;
        for (int w = -1; w <= 1; w++)
            h.put(DATA + 8 * w, cons(DATA));
        h.x(a1) = DATA;
        h.x(a2) = 0x1111111111111111ull;
        h.run({ s.insn });
        ASSERT_TRUE(h.ran_all(1));
        EXPECT_EQ(h.tag(DATA), 0) << "offset " << s.off;
        EXPECT_EQ(h.tag(DATA - 8), AM_TAG(AM_T_CONS, AM_ACC_R | AM_ACC_W));
        EXPECT_EQ(h.tag(DATA + 8), AM_TAG(AM_T_CONS, AM_ACC_R | AM_ACC_W));
    }
}

TEST(XamberMemory, StoresThroughACachedTranslationClearTags)
{
    // The first sd fills the TLB while the page holds no tags; am.sd then
    // tags the page, and the next sd (a TLB hit) must still clear the tag.
    Hart h;
    h.x(a1) = DATA;
    h.x(a2) = cons(DATA);
    h.x(a3) = 5;
    h.run({ std_sd(a3, 8, a1), sd(a2, 0, a1), std_ld(t0, 0, a1), std_sd(a3, 0, a1) });
    ASSERT_TRUE(h.ran_all(4));
    EXPECT_EQ(h.tag(DATA), 0);
    EXPECT_EQ(h.word(DATA), 5u);
}

TEST(XamberMemory, MisalignedStoreClearsBothWords)
{
    Hart h;
    h.put(DATA, cons(DATA));
    h.put(DATA + 8, cons(DATA));
    h.x(a1) = DATA + 4;
    h.run({ std_sd(zero, 0, a1) });
    ASSERT_TRUE(h.ran_all(1));
    EXPECT_EQ(h.tag(DATA), 0);
    EXPECT_EQ(h.tag(DATA + 8), 0);
}

TEST(XamberMemory, AtomicsClearTags)
{
    Hart h;
    h.put(DATA, cons(DATA));
    h.put(DATA + 8, cons(DATA));
    h.put(DATA + 16, cons(DATA));
    h.x(a1) = DATA;
    h.x(a2) = DATA + 8;
    h.x(a3) = DATA + 16;
    h.run({ amoadd_d(a0, zero, a1), amoswap_w(a0, zero, a2), lr_d(t0, a3), sc_d(t0, zero, a3) });
    ASSERT_TRUE(h.ran_all(4));
    EXPECT_EQ(h.x(t0), 0u); // the SC succeeded
    EXPECT_EQ(h.tag(DATA), 0);
    EXPECT_EQ(h.tag(DATA + 8), 0);
    EXPECT_EQ(h.tag(DATA + 16), 0);
}

TEST(XamberMemory, BusWritesAndHostWritesClearTags)
{
    Hart h;
    h.put(DATA, cons(DATA));
    h.put(DATA + 8, cons(DATA));
    h.put(DATA + 0x1000, cons(DATA));
    EXPECT_TRUE(bus_write(&h.m->bus, DATA + 2, 2, 0));   // a device's DMA write
    EXPECT_EQ(h.tag(DATA), 0);
    EXPECT_EQ(h.tag(DATA + 8), AM_TAG(AM_T_CONS, AM_ACC_R | AM_ACC_W));
    EXPECT_NE(bus_host(&h.m->bus, DATA + 8, 0x1000, true), nullptr); // a loader
    EXPECT_EQ(h.tag(DATA + 8), 0);
    EXPECT_EQ(h.tag(DATA + 0x1000), 0);
    h.put(DATA, cons(DATA));
    EXPECT_NE(bus_host(&h.m->bus, DATA, 8, false), nullptr); // reading leaves tags alone
    EXPECT_EQ(h.tag(DATA), AM_TAG(AM_T_CONS, AM_ACC_R | AM_ACC_W));
}

TEST(XamberMemory, PageTableUpdatesClearTags)
{
    Hart h;
    const uint64_t root = DATA + 0x1000;
    uint64_t leaf = (AMBER_DRAM_BASE >> 12) << 10 | 0xf; // V R W X, A and D clear: 1 GiB page
    h.put(root + 2 * 8, fix((int64_t)leaf));                   // a PTE with a tag on it
    h.c.csr.satp = (uint64_t)SATP_MODE_SV39 << 60 | root >> 12;
    uint64_t pa;
    ASSERT_TRUE(mmu_translate(&h.c, AMBER_DRAM_BASE + 0x1234, ACC_WRITE, PRIV_S, &pa));
    EXPECT_EQ(pa, AMBER_DRAM_BASE + 0x1234);
    EXPECT_EQ(h.word(root + 2 * 8), leaf | 0xc0);               // A and D set by the walk
    EXPECT_EQ(h.tag(root + 2 * 8), 0);
}

TEST(XamberMemory, ElfLoadClearsTags)
{
    Hart h;
    h.put(DATA, cons(DATA));
    static const uint8_t bytes[8] = { 1 };
    elf_segment seg = {};
    seg.paddr = DATA;
    seg.memsz = 8;  // no file bytes: 8 bytes of .bss
    elf_image img = {};
    img.data = bytes;
    img.size = sizeof bytes;
    img.seg = &seg;
    img.nseg = 1;
    char err[128];
    ASSERT_TRUE(elf_load(&img, &h.m->bus, err, sizeof err)) << err;
    EXPECT_EQ(h.tag(DATA), 0);
}

TEST(XamberMemory, TagsNeedTaggedRam)
{
    Hart h;
    h.x(a1) = AMBER_BOOTROM_BASE;
    h.run({ ld(a0, 0, a1) });      // ROM has no tags: it reads as RAW
    ASSERT_TRUE(h.ran_all(1));
    EXPECT_EQ(h.x(a0) >> 56, 0u);
    h.run({ sd(a0, 0, a1) });
    h.expect_trap(EXC_STORE_ACCESS, AMBER_BOOTROM_BASE);
    h.x(a1) = AMBER_UART0_BASE;    // a device
    h.run({ ld(a0, 0, a1) });
    h.expect_trap(EXC_LOAD_ACCESS, AMBER_UART0_BASE);
    h.x(a1) = 0x40000000;          // nothing there
    h.run({ sd(zero, 0, a1) });
    h.expect_trap(EXC_STORE_ACCESS, 0x40000000);
}

TEST(XamberMemory, TaggedAccessesMustBeAligned)
{
    Hart h;
    h.x(a1) = DATA + 4;
    h.x(a0) = 0x77;
    h.run({ ld(a0, 0, a1) });
    h.expect_trap(EXC_LOAD_MISALIGNED, DATA + 4);
    EXPECT_EQ(h.x(a0), 0x77u);
    h.run({ sd(zero, 0, a1) });
    h.expect_trap(EXC_STORE_MISALIGNED, DATA + 4);
    h.x(a1) = cons(DATA + 4);
    h.run({ ldc(a0, 0, a1, AM_T_CONS) });
    h.expect_trap(EXC_LOAD_MISALIGNED, DATA + 4);
}

TEST(XamberMemory, TranslatedAccessesUseSignExtendedDatum)
{
    // S mode under Sv39: DRAM identity-mapped, and again at the top of the
    // address space, which a 56-bit datum reaches by sign extension.
    Hart h;
    const uint64_t root = DATA + 0x2000;
    uint64_t leaf = (AMBER_DRAM_BASE >> 12) << 10 | 0xcf; // V R W X A D, 1 GiB
    std::memcpy(h.host(root + 2 * 8), &leaf, 8);
    std::memcpy(h.host(root + 511 * 8), &leaf, 8);
    h.c.csr.satp = (uint64_t)SATP_MODE_SV39 << 60 | root >> 12;
    const uint64_t high = 0xffffffffc0000000ull + (DATA - AMBER_DRAM_BASE);
    h.x(a1) = cons(DATA);
    h.x(a2) = cons(high & AM_DATUM_MASK);
    h.x(a3) = fix(-42);
    h.run({ sdc(a3, 8, a1, AM_T_CONS), ldc(a0, 8, a2, AM_T_CONS) }, PRIV_S);
    ASSERT_TRUE(h.ran_all(2));
    EXPECT_EQ(h.x(a0), fix(-42));
    h.x(a2) = cons(0x0000004000000000ull);  // not canonical for Sv39
    h.run({ ldc(a0, 0, a2, AM_T_CONS) }, PRIV_S);
    h.expect_trap(EXC_LOAD_PAGE, 0x0000004000000000ull);
}

// ------------------------------------------------------------ protection --

TEST(XamberForge, UserModeCannotStoreProtectedValues)
{
    Hart h;
    h.put(DATA, fix(1));
    h.x(a1) = DATA;
    for (unsigned type = AM_PROTECTED; type < 16; type++) {
        h.x(a2) = AM_MAKE(type, DATA);
        h.run({ sd(a2, 0, a1) }, PRIV_U);
        h.expect_trap(AM_CAUSE_FORGE, h.x(a2));
        EXPECT_EQ(h.tag(DATA), AM_T_FIXNUM);   // memory unchanged
        EXPECT_EQ(h.word(DATA), 1u);
    }
    h.x(a2) = AM_MAKE(AM_T_CHAR, 'x');           // non-protected values are fine
    h.run({ sd(a2, 0, a1) }, PRIV_U);
    ASSERT_TRUE(h.ran_all(1));
    EXPECT_EQ(h.tag(DATA), AM_T_CHAR);
    h.x(a2) = cons(DATA);                         // S mode may
    h.run({ sd(a2, 0, a1) }, PRIV_S);
    ASSERT_TRUE(h.ran_all(1));
}

TEST(XamberForge, UserModeCannotMakeProtectedTags)
{
    Hart h;
    h.x(a1) = DATA;
    h.x(a2) = AM_T_CONS;
    h.run({ settag(a0, a1, a2) }, PRIV_U);
    h.expect_trap(AM_CAUSE_FORGE, AM_MAKE(AM_T_CONS, DATA));
    h.run({ settagi(a0, a1, AM_TAG(AM_T_OBJECT, 0xf)) }, PRIV_U);
    h.expect_trap(AM_CAUSE_FORGE, AM_MAKE(AM_TAG(AM_T_OBJECT, 0xf), DATA));
    h.run({ settagi(a0, a1, AM_TAG(AM_T_FIXNUM, 0xf)) }, PRIV_U); // access bits alone: fine
    ASSERT_TRUE(h.ran_all(1));
    EXPECT_EQ(h.x(a0), AM_MAKE(AM_TAG(AM_T_FIXNUM, 0xf), DATA));
    h.run({ settag(a0, a1, a2) }, PRIV_S);
    ASSERT_TRUE(h.ran_all(1));
    EXPECT_EQ(h.x(a0), cons(DATA, 0));
}

// ----------------------------------------------------------- tag ops --

TEST(XamberTags, GetSetUntag)
{
    Hart h;
    h.x(a1) = 0xab12345678abcdefull;
    h.x(a2) = 0x1234500 | AM_TAG(AM_T_SYMBOL, AM_ACC_R); // only the low byte counts
    h.x(a3) = fix(-3);
    h.run({ gettag(a0, a1), settag(t0, a1, a2), settagi(t1, a1, 0x01), untag(a1, a3) });
    ASSERT_TRUE(h.ran_all(4));
    EXPECT_EQ(h.x(a0), 0xabu);
    EXPECT_EQ(h.x(t0), 0x1912345678abcdefull);
    EXPECT_EQ(h.x(t1), 0x0112345678abcdefull);
    EXPECT_EQ(h.x(a1), (uint64_t)-3);
}

TEST(XamberTags, ChecksAndBranches)
{
    Hart h;
    h.x(a1) = cons(DATA, AM_ACC_R);
    h.run({ chktag(a1, AM_T_CONS), chkacc(a1, AM_ACC_R) });
    ASSERT_TRUE(h.ran_all(2));
    h.run({ chktag(a1, AM_T_SYMBOL) });
    h.expect_trap(AM_CAUSE_TYPE, h.x(a1));
    h.run({ chkacc(a1, AM_ACC_R | AM_ACC_W) });
    h.expect_trap(AM_CAUSE_ACCESS, h.x(a1));
    h.x(a2) = AM_MAKE(AM_TAG(AM_T_FIXNUM, 0xf), 1);  // not a pointer: no rights
    h.run({ chkacc(a2, AM_ACC_R) });
    h.expect_trap(AM_CAUSE_ACCESS, h.x(a2));
    // am.bt taken skips the next instruction; am.bnt not taken falls through.
    h.x(a0) = 0;
    h.run({ bt(a1, AM_T_CONS, 8), faddi(a0, a0, 1), bnt(a1, AM_T_CONS, 8) });
    EXPECT_EQ(h.c.pc, CODE + 12);
    EXPECT_EQ(h.x(a0), 0u);
    h.run({ bnt(a1, AM_T_FIXNUM, 8), faddi(a0, a0, 1), bt(a1, AM_T_FIXNUM, 8) });
    EXPECT_EQ(h.c.pc, CODE + 12);
}

// -------------------------------------------------------- fixnums --

TEST(XamberFixnum, ArithmeticAndCompare)
{
    Hart h;
    h.x(a1) = fix(-20);
    h.x(a2) = fix(7);
    h.run({ fadd(a0, a1, a2), fsub(a3, a1, a2), faddi(t0, a1, -2048), flt(t1, a1, a2) });
    ASSERT_TRUE(h.ran_all(4));
    EXPECT_EQ(h.x(a0), fix(-13));
    EXPECT_EQ(h.x(a3), fix(-27));
    EXPECT_EQ(h.x(t0), fix(-2068));
    EXPECT_EQ(h.x(t1), 1u);
    h.run({ flt(t1, a2, a1), flt(t0, a2, a2) });
    EXPECT_EQ(h.x(t1), 0u);
    EXPECT_EQ(h.x(t0), 0u);
    // Access bits of an operand are ignored, the result has none.
    h.x(a1) = AM_MAKE(AM_TAG(AM_T_FIXNUM, 0xf), 5);
    h.run({ faddi(a0, a1, 1) });
    EXPECT_EQ(h.x(a0), fix(6));
}

TEST(XamberFixnum, OverflowTrapsExactlyAtThe56BitBoundary)
{
    Hart h;
    h.x(a1) = fix(AM_FIXNUM_MAX - 1);
    h.x(a2) = fix(1);
    h.run({ fadd(a0, a1, a2) });
    ASSERT_TRUE(h.ran_all(1));
    EXPECT_EQ(h.x(a0), fix(AM_FIXNUM_MAX));
    h.x(a1) = h.x(a0);
    h.x(a0) = 0x55;
    h.run({ fadd(a0, a1, a2) });
    h.expect_trap(AM_CAUSE_OVERFLOW, (uint64_t)(AM_FIXNUM_MAX + 1));
    EXPECT_EQ(h.x(a0), 0x55u);  // rd unchanged
    h.run({ faddi(a0, a1, 1) });
    h.expect_trap(AM_CAUSE_OVERFLOW, (uint64_t)(AM_FIXNUM_MAX + 1));
    h.x(a1) = fix(AM_FIXNUM_MIN);
    h.run({ fsub(a0, a1, a2) });
    h.expect_trap(AM_CAUSE_OVERFLOW, (uint64_t)(AM_FIXNUM_MIN - 1));
    h.run({ faddi(a0, a1, -1) });
    h.expect_trap(AM_CAUSE_OVERFLOW, (uint64_t)(AM_FIXNUM_MIN - 1));
    h.run({ faddi(a0, a1, 0), fsub(a3, a1, a1) });
    ASSERT_TRUE(h.ran_all(2));
    EXPECT_EQ(h.x(a0), fix(AM_FIXNUM_MIN));
    EXPECT_EQ(h.x(a3), fix(0));
    // The largest difference: MAX - MIN, exact in tval.
    h.x(a2) = fix(AM_FIXNUM_MAX);
    h.run({ fsub(a0, a2, a1) });
    h.expect_trap(AM_CAUSE_OVERFLOW, (uint64_t)(AM_FIXNUM_MAX - AM_FIXNUM_MIN));
}

TEST(XamberFixnum, NonFixnumOperandsTrap)
{
    Hart h;
    h.x(a1) = AM_MAKE(AM_T_CHAR, 65);
    h.x(a2) = fix(1);
    h.x(a3) = cons(DATA);
    struct { uint32_t insn; uint64_t tval; } cases[] = {
        { fadd(a0, a1, a2), h.x(a1) }, { fadd(a0, a2, a3), h.x(a3) },
        { fadd(a0, a1, a3), h.x(a1) },  // rs1 is checked first
        { fsub(a0, a2, a1), h.x(a1) }, { faddi(a0, a3, 1), h.x(a3) },
        { flt(a0, a3, a2), h.x(a3) }, { bflt(a2, a1, 8), h.x(a1) }, { bfge(a3, a2, 8), h.x(a3) },
        { fadd(a0, zero, a2), 0 },      // RAW zero is not a fixnum
    };
    for (auto &k : cases) {
        h.run({ k.insn });
        h.expect_trap(AM_CAUSE_TYPE, k.tval);
    }
}

TEST(XamberFixnum, Branches)
{
    Hart h;
    h.x(a1) = fix(-5);
    h.x(a2) = fix(3);
    h.x(a0) = fix(0);
    // -5 < 3: bflt taken over the faddi; bfge not taken.
    h.run({ bflt(a1, a2, 8), faddi(a0, a0, 1), bfge(a1, a2, 8) });
    EXPECT_EQ(h.c.pc, CODE + 12);
    EXPECT_EQ(h.x(a0), fix(0));
    h.run({ bfge(a2, a1, 8), faddi(a0, a0, 1), bflt(a2, a2, 8) });
    EXPECT_EQ(h.c.pc, CODE + 12);
    EXPECT_EQ(h.x(a0), fix(0));
}

// ---------------------------------------------------- checked accesses --

TEST(XamberChecked, CarCdrAndFields)
{
    Hart h;
    h.put(DATA, fix(1));
    h.put(DATA + 8, AM_NIL);
    h.x(a1) = cons(DATA, AM_ACC_R | AM_ACC_W);
    h.x(a2) = fix(9);
    h.run({ ldc(a0, 0, a1, AM_T_CONS), ldc(a3, 8, a1, AM_T_CONS), sdc(a2, 8, a1, AM_T_CONS) });
    ASSERT_TRUE(h.ran_all(3));
    EXPECT_EQ(h.x(a0), fix(1));
    EXPECT_EQ(h.x(a3), AM_NIL);
    EXPECT_EQ(h.word(DATA + 8), 9u);
    EXPECT_EQ(h.tag(DATA + 8), AM_T_FIXNUM);
}

TEST(XamberChecked, TypeThenAccessThenMemory)
{
    Hart h;
    h.x(a2) = fix(9);
    h.x(a1) = AM_MAKE(AM_TAG(AM_T_SYMBOL, 0xf), DATA + 4); // misaligned, but the type is wrong
    h.run({ ldc(a0, 0, a1, AM_T_CONS) });
    h.expect_trap(AM_CAUSE_TYPE, h.x(a1));
    h.run({ sdc(a2, 0, a1, AM_T_CONS) });
    h.expect_trap(AM_CAUSE_TYPE, h.x(a1));
    h.x(a1) = cons(DATA + 4, AM_ACC_W);                   // no R
    h.run({ ldc(a0, 0, a1, AM_T_CONS) });
    h.expect_trap(AM_CAUSE_ACCESS, h.x(a1));
    h.x(a1) = cons(DATA + 4, AM_ACC_R);                   // no W
    h.run({ sdc(a2, 0, a1, AM_T_CONS) });
    h.expect_trap(AM_CAUSE_ACCESS, h.x(a1));
    h.x(a1) = cons(DATA + 4, AM_ACC_R | AM_ACC_W);
    h.run({ sdc(a2, 0, a1, AM_T_CONS) });
    h.expect_trap(EXC_STORE_MISALIGNED, DATA + 4);
    h.x(a1) = cons(DATA, AM_ACC_R | AM_ACC_W);            // U mode storing a pointer
    h.x(a2) = cons(DATA);
    h.run({ sdc(a2, 0, a1, AM_T_CONS) }, PRIV_U);
    h.expect_trap(AM_CAUSE_FORGE, h.x(a2));
}

// ------------------------------------------------ cas, alloc, barrier --

TEST(XamberCas, SwapsOnlyOnAMatchAndKeepsTags)
{
    Hart h;
    h.put(DATA, cons(DATA + 64));
    h.x(a1) = DATA;
    h.x(a2) = fix(5);
    h.x(a0) = cons(DATA + 64);
    h.run({ cas(a0, a2, a1) });
    ASSERT_TRUE(h.ran_all(1));
    EXPECT_EQ(h.x(a0), cons(DATA + 64));      // the old value
    EXPECT_EQ(h.tag(DATA), AM_T_FIXNUM);
    h.x(a0) = fix(6);
    h.x(a2) = AM_NIL;
    h.run({ cas(a0, a2, a1) });
    EXPECT_EQ(h.x(a0), fix(5));                // no match: memory unchanged
    EXPECT_EQ(h.tag(DATA), AM_T_FIXNUM);
    EXPECT_EQ(h.word(DATA), 5u);
    h.x(a2) = cons(DATA);
    h.x(a0) = fix(5);
    h.run({ cas(a0, a2, a1) }, PRIV_U);
    h.expect_trap(AM_CAUSE_FORGE, h.x(a2));
    h.x(a1) = DATA + 4;
    h.run({ cas(a0, a2, a1) });
    h.expect_trap(EXC_STORE_MISALIGNED, DATA + 4);
}

TEST(XamberCas, ZeroRegisterComparesWithZero)
{
    Hart h;
    h.put(DATA, AM_MAKE(0, 0));
    h.x(a1) = DATA;
    h.x(a2) = fix(1);
    h.run({ cas(zero, a2, a1) });
    ASSERT_TRUE(h.ran_all(1));
    EXPECT_EQ(h.tag(DATA), AM_T_FIXNUM);
}

TEST(XamberAlloc, BumpsTheHeapPointer)
{
    Hart h;
    ASSERT_TRUE(cpu_csr_write(&h.c, AM_CSR_AMHP, DATA + 3));   // WARL: words
    ASSERT_TRUE(cpu_csr_write(&h.c, AM_CSR_AMHLIM, DATA + 40));
    uint64_t v;
    ASSERT_TRUE(cpu_csr_read(&h.c, AM_CSR_AMHP, &v, false));
    EXPECT_EQ(v, DATA);
    const unsigned tag = AM_TAG(AM_T_CONS, AM_ACC_R | AM_ACC_W);
    h.x(a1) = 16;
    h.x(a2) = 9;   // rounds up to 16
    h.run({ alloc(a0, a1, tag), alloc(a3, a2, tag) }, PRIV_S);
    ASSERT_TRUE(h.ran_all(2));
    EXPECT_EQ(h.x(a0), cons(DATA));
    EXPECT_EQ(h.x(a3), cons(DATA + 16));
    EXPECT_EQ(h.c.csr.amhp, DATA + 32);
    h.run({ alloc(a0, a1, tag) });             // 8 bytes left
    h.expect_trap(AM_CAUSE_ALLOC, 16);
    EXPECT_EQ(h.c.csr.amhp, DATA + 32);
    h.x(a1) = UINT64_MAX - 3;                  // rounding would wrap
    h.run({ alloc(a0, a1, tag) });
    h.expect_trap(AM_CAUSE_ALLOC, UINT64_MAX - 3);
    h.x(a1) = 8;
    h.run({ alloc(a0, a1, AM_T_FIXNUM) }, PRIV_U);
    h.expect_trap(EXC_ILLEGAL, 0);
    h.run({ 0x5c0025f3 }, PRIV_U);             // csrr a1, amhp: S-mode state
    h.expect_trap(EXC_ILLEGAL, 0);
}

TEST(XamberBarrier, ProtectedStoresMarkTheirCard)
{
    Hart h;
    const uint64_t cards = DATA + 0x8000;
    h.c.csr.amcard = cards - (DATA >> AM_CARD_SHIFT);
    h.x(a1) = DATA + 3 * 512 + 8;
    h.x(a2) = cons(DATA);
    h.x(a3) = fix(1);
    h.run({ sd(a2, 0, a1), sd(a3, 512, a1) });
    ASSERT_TRUE(h.ran_all(2));
    EXPECT_EQ(h.host(cards)[3], 1);
    EXPECT_EQ(h.host(cards)[4], 0);                  // a fixnum needs no card
    h.x(a1) = cons(DATA + 5 * 512, AM_ACC_W);
    h.run({ sdc(a2, 8, a1, AM_T_CONS) });
    EXPECT_EQ(h.host(cards)[5], 1);
    h.x(a1) = DATA + 6 * 512;
    h.x(a0) = 0;
    h.put(DATA + 6 * 512, AM_MAKE(0, 0));
    h.run({ cas(a0, a2, a1) });
    EXPECT_EQ(h.host(cards)[6], 1);
    h.c.csr.amcard = 0;                              // off
    h.x(a1) = DATA + 7 * 512;
    h.run({ sd(a2, 0, a1) });
    EXPECT_EQ(h.host(cards)[7], 0);
    // A card store that faults leaves the slot alone.
    h.c.csr.amcard = 0x40000000 - (DATA >> AM_CARD_SHIFT);
    h.x(a1) = DATA + 8 * 512;
    h.run({ sd(a2, 0, a1) });
    h.expect_trap(EXC_STORE_ACCESS, 0x40000000 + 8);
    EXPECT_EQ(h.tag(DATA + 8 * 512), 0);
}

// ---------------------------------------------------- traps and delegation --

TEST(XamberTraps, CausesAreDelegable)
{
    Hart h;
    ASSERT_TRUE(cpu_csr_write(&h.c, CSR_MEDELEG, ~0ull));
    uint64_t deleg;
    ASSERT_TRUE(cpu_csr_read(&h.c, CSR_MEDELEG, &deleg, false));
    for (unsigned cause : { AM_CAUSE_TYPE, AM_CAUSE_OVERFLOW, AM_CAUSE_ACCESS, AM_CAUSE_FORGE,
                            AM_CAUSE_ALLOC })
        EXPECT_TRUE(deleg >> cause & 1) << cause;
    h.x(a1) = AM_NIL;
    h.run({ fadd(a0, a1, a1) }, PRIV_U);
    EXPECT_EQ(h.c.pc, STVEC);
    EXPECT_EQ(h.c.priv, (unsigned)PRIV_S);
    EXPECT_EQ(h.c.csr.scause, (uint64_t)AM_CAUSE_TYPE);
    EXPECT_EQ(h.c.csr.stval, AM_NIL);
    EXPECT_EQ(h.c.csr.sepc, CODE);
}

TEST(XamberTraps, TrapInTheMiddleOfABlockRetiresWhatWentBefore)
{
    Hart h;
    h.x(a1) = fix(1);
    h.x(a2) = AM_NIL;
    h.run({ faddi(a0, a1, 1), fadd(a3, a1, a2), faddi(a0, a0, 1) });
    h.expect_trap(AM_CAUSE_TYPE, AM_NIL, 1);
    EXPECT_EQ(h.x(a0), fix(2));
}

} // namespace
