// Register-level co-simulation of the accelerator with its register block
// (rtl/gfx/gfx_accel.v, through Verilator) against the C model's MMIO
// interface (emu/dev_gfx.c): the same register writes and reads go to both
// in the same cycles, the same memory and wait states serve both, and the
// memory writes (in order), the final memory and the register values must
// agree.
//
// Clocks: a register access in RTL cycle t is an access at model time t.
// Registers the model changes when a command starts and the RTL while it
// runs (FENCE, ERROR, ERROR_WORD, IRQ_STATUS, RING_HEAD, CYCLES, PIXELS,
// the interrupt line) are compared whenever the model is not BUSY; every
// other register, STATUS.BUSY and STATUS.PARTIAL included, at every read.
//
// The driver writes each command's words to the FIFO in consecutive cycles
// (the model starts a command when its header arrives, so it would run one
// whose words trickle in before they are all there, which no hardware
// can), and behaves as the specification asks software to: after an error
// it waits until the unit has stopped before touching it again (the model
// knows of a failing command's error when the command starts, the RTL when
// it fails), and it changes the ring's configuration, clears IRQ_STATUS and
// aborts only while the unit is idle or stopped.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "Vgfx_accel.h"
#include "verilated.h"

#include "cosim_mem.h"
#include "cosim_stream.h"

extern "C" {
#include "amber/hw.h"
#include "dev_gfx.h"
}

namespace {

constexpr uint64_t RING = MEM_BASE + 0x38000; // up to 16 KiB of ring

VerilatedContext *context()
{
    static VerilatedContext *ctx = [] {
        auto *c = new VerilatedContext;
        c->randReset(2);
        return c;
    }();
    return ctx;
}

// Registers compared only while the model is idle.
bool progress_reg(uint32_t off)
{
    return off == GFX_IRQ_STATUS || off == GFX_RING_HEAD || off == GFX_FENCE || off == GFX_ERROR ||
           off == GFX_ERROR_WORD || (off >= GFX_CYCLES && off < GFX_PIXELS + 8);
}

struct Regs : ::testing::Test {
    Mem mmem, rmem;
    std::vector<uint8_t> waits;
    struct gfx g;
    uint64_t now = 0;
    std::unique_ptr<Vgfx_accel> top;
    uint64_t t = 0;    // RTL cycles since reset
    int stall = -1;    // wait cycles left for the RTL's access in progress
    uint32_t rdata = 0;

    void SetUp() override
    {
        struct gfx_mem port = {&mmem, model_rd, model_wr};
        gfx_init(&g, &port, &now);
        top.reset(new Vgfx_accel(context()));
        stall = -1;
        top->rst = 1;
        top->reg_we = 0;
        top->reg_addr = 0;
        top->mem_ready = 0;
        tick();
        tick();
        top->rst = 0;
        t = 0;
    }

    void init_mem(uint32_t seed)
    {
        std::mt19937 r(seed);
        for (auto &b : mmem.bytes)
            b = uint8_t(r());
        rmem.bytes = mmem.bytes;
    }
    void set_waits(uint32_t seed, int density)
    {
        std::mt19937 r(seed);
        waits.resize(4096);
        for (auto &w : waits)
            w = int(r() % 100) < density ? uint8_t(1 + r() % 4) : 0;
        mmem.waits = rmem.waits = &waits;
    }
    // The guest writes memory (a ring's contents): both memories at once.
    void poke(uint64_t a, uint32_t v)
    {
        std::memcpy(&mmem.bytes[a - MEM_BASE], &v, 4);
        std::memcpy(&rmem.bytes[a - MEM_BASE], &v, 4);
    }

    // One RTL cycle: the memory answers this cycle's request, the register
    // port's read data is sampled, then the clock edge.
    void tick()
    {
        top->clk = 0;
        top->eval();
        serve_mem(top.get(), rmem, stall);
        top->eval();
        rdata = top->reg_rdata;
        top->clk = 1;
        top->eval();
        t++;
    }

    uint32_t peek_rtl(uint32_t off)
    {
        top->reg_we = 0;
        top->reg_addr = off;
        top->eval();
        return top->reg_rdata;
    }
    uint32_t peek_model(uint32_t off)
    {
        uint64_t v = 0;
        EXPECT_TRUE(gfx_mmio.read(&g, off, 4, &v));
        return uint32_t(v);
    }
    bool model_busy() { return peek_model(GFX_STATUS) & GFX_STATUS_BUSY; }
    bool rtl_busy() { return peek_rtl(GFX_STATUS) & GFX_STATUS_BUSY; }

    // Before an access: if the model has met an error, wait until the RTL
    // has met it too and both have stopped.
    void settle()
    {
        for (int i = 0; i < 20000000; i++) {
            now = t;
            gfx_sync(&g);
            if (!g.error || (peek_rtl(GFX_ERROR) != 0 && !rtl_busy() && !model_busy()))
                return;
            tick();
        }
        ADD_FAILURE() << "the RTL never stopped after the model's error " << g.error;
    }

    uint32_t read(uint32_t off)
    {
        settle();
        bool idle = !model_busy();
        uint32_t m = peek_model(off);
        bool irq_m = gfx_irq(&g);
        top->reg_addr = off;
        bool irq_r = top->irq;
        tick();
        if (idle || !progress_reg(off)) {
            uint32_t mm = off == GFX_STATUS && !idle ? m & ~GFX_STATUS_ERROR : m;
            uint32_t rr = off == GFX_STATUS && !idle ? rdata & ~GFX_STATUS_ERROR : rdata;
            EXPECT_EQ(mm, rr) << "register 0x" << std::hex << off << " at cycle " << std::dec << t - 1;
        }
        if (idle)
            EXPECT_EQ(irq_m, irq_r) << "interrupt at cycle " << t - 1;
        return rdata;
    }
    void write(uint32_t off, uint32_t v)
    {
        settle();
        EXPECT_TRUE(gfx_mmio.write(&g, off, 4, v));
        top->reg_we = 1;
        top->reg_addr = off;
        top->reg_wdata = v;
        tick();
        top->reg_we = 0;
    }
    void idle(unsigned n)
    {
        for (unsigned i = 0; i < n; i++)
            tick();
    }

    // Every register, as software reads them one after the other.
    void read_all()
    {
        for (uint32_t off = 0; off < 0x58; off += 4)
            read(off);
    }
    // Run until both are idle (or stopped), then compare everything.
    void finish()
    {
        for (int i = 0; i < 20000000 && (model_busy() || rtl_busy()); i++) {
            tick();
            now = t;
            if (g.error)
                settle();
        }
        read_all();
        const auto &mw = mmem.writes, &rw = rmem.writes;
        size_t n = std::min(mw.size(), rw.size());
        for (size_t i = 0; i < n; i++)
            ASSERT_TRUE(mw[i] == rw[i]) << "write " << i << ": model " << std::hex << mw[i].addr << "="
                                        << mw[i].val << "/" << mw[i].mask << ", rtl " << rw[i].addr << "="
                                        << rw[i].val << "/" << rw[i].mask;
        ASSERT_EQ(mw.size(), rw.size()) << "number of writes";
        EXPECT_EQ(mmem.accesses, rmem.accesses) << "number of memory accesses";
        EXPECT_EQ(mmem.hash(), rmem.hash()) << "final memory";
    }

    // ---- the ring, as a driver keeps it ----
    uint32_t ring_size = 0, ring_tail = 0;
    void ring_setup(uint64_t base, uint32_t size)
    {
        write(GFX_RING_BASE, uint32_t(base));
        write(GFX_RING_BASE + 4, uint32_t(base >> 32));
        write(GFX_RING_SIZE, size);
        write(GFX_CTRL, GFX_CTRL_RING);
        ring_size = size;
        ring_tail = 0;
    }
    // Copy whole commands into the ring and submit them, as many as fit
    // behind the head the RTL reports; returns how many words went in.
    size_t ring_submit(uint64_t base, const std::vector<uint32_t> &words, size_t from, size_t max_cmds)
    {
        uint32_t head = read(GFX_RING_HEAD);
        uint32_t free_bytes = (head - ring_tail - 4) & (ring_size - 1);
        size_t i = from;
        for (size_t c = 0; c < max_cmds && i < words.size(); c++) {
            unsigned len = gfx_cmd_len(words[i]);
            if (i + len > words.size() || 4 * len > free_bytes)
                break;
            for (unsigned k = 0; k < len; k++) {
                poke(base + ring_tail, words[i + k]);
                ring_tail = (ring_tail + 4) & (ring_size - 1);
            }
            free_bytes -= 4 * len;
            i += len;
        }
        if (i != from)
            write(GFX_RING_TAIL, ring_tail);
        return i - from;
    }
};

TEST_F(Regs, RegisterFile)
{
    init_mem(1);
    read(DEV_ID);
    read(DEV_VERSION);
    EXPECT_EQ(rdata, 1u);
    read(0x50);
    read(0x54);
    read(0xFFC);
    write(GFX_IRQ_ENABLE, 0xFFFFFFFF);
    read(GFX_IRQ_ENABLE);
    write(GFX_STATUS, 0xFFFFFFFF); // read-only
    write(GFX_FIFO_FREE, 3);
    write(GFX_FENCE, 3);
    write(0x60, 3);
    read(GFX_STATUS);
    read(GFX_FIFO_FREE);
    read(GFX_FIFO);
    write(GFX_RING_BASE, 0x12345678);
    write(GFX_RING_BASE + 4, 0x9ABCDEF0);
    read(GFX_RING_BASE);
    read(GFX_RING_BASE + 4);
    write(GFX_RING_SIZE, 1000); // not a power of two: read back as written
    read(GFX_RING_SIZE);
    write(GFX_RING_TAIL, 64); // a bad ring: RING error
    read_all();
    EXPECT_EQ(rdata, 0u);
    EXPECT_EQ(peek_rtl(GFX_ERROR), GFX_ERR_RING);
    write(GFX_CTRL, GFX_CTRL_ABORT);
    read_all();
    write(GFX_CTRL, GFX_CTRL_RING); // still a bad ring (size, base alignment)
    read_all();
    EXPECT_EQ(peek_rtl(GFX_ERROR), GFX_ERR_RING);
    write(GFX_CTRL, GFX_CTRL_ABORT);
    write(GFX_RING_BASE, uint32_t(RING));
    write(GFX_RING_BASE + 4, 0);
    write(GFX_RING_SIZE, 2u << 20); // too big
    write(GFX_CTRL, GFX_CTRL_RING);
    read(GFX_ERROR);
    write(GFX_CTRL, GFX_CTRL_ABORT | GFX_CTRL_RING); // abort, then the check again
    read_all();
    write(GFX_RING_SIZE, 32); // too small
    write(GFX_CTRL, GFX_CTRL_ABORT | GFX_CTRL_RING);
    read(GFX_ERROR);
    write(GFX_CTRL, GFX_CTRL_ABORT);
    write(GFX_RING_SIZE, 1u << 20);
    write(GFX_CTRL, GFX_CTRL_RING);
    read_all();
    write(GFX_RING_TAIL, 2); // misaligned
    read(GFX_ERROR);
    write(GFX_CTRL, GFX_CTRL_ABORT);
    write(GFX_RING_SIZE, 256);
    write(GFX_RING_TAIL, 256); // not below the size
    read_all();
    write(GFX_IRQ_STATUS, GFX_IRQ_FENCE); // leaves ERROR
    read(GFX_IRQ_STATUS);
    write(GFX_IRQ_STATUS, GFX_IRQ_ERROR);
    read_all();
    write(GFX_CTRL, GFX_CTRL_ABORT);
    read_all();
    finish();
}

// A command the driver writes whole, in consecutive cycles.
struct Cmds {
    const std::vector<uint32_t> &s;
    size_t i = 0;
    bool done() const { return i >= s.size(); }
    unsigned len() const { return std::min<size_t>(gfx_cmd_len(s[i]), s.size() - i); }
};

// Commands through the FIFO, each written whole once FIFO_FREE says it
// fits, with gaps and polls of FIFO_FREE and STATUS between them, wait
// states, and a FENCE interrupt.
TEST_F(Regs, FifoCommands)
{
    for (uint32_t seed = 1; seed <= seeds(12); seed++) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        SetUp();
        mmem = Mem();
        rmem = Mem();
        init_mem(seed);
        set_waits(seed, seed % 2 ? 30 : 0);
        std::mt19937 r(seed);
        Gen gen(seed);
        std::vector<uint32_t> s = gen.stream(40, false);
        add(s, {GFX_OP_FENCE, 0x1234 + seed});
        write(GFX_IRQ_ENABLE, GFX_IRQ_FENCE | GFX_IRQ_ERROR);
        for (Cmds c{s}; !c.done();) {
            while (read(GFX_FIFO_FREE) < c.len())
                idle(r() % 50);
            for (unsigned k = c.len(); k > 0; k--)
                write(GFX_FIFO, s[c.i++]);
            switch (r() % 4) {
            case 0: idle(r() % 30); break;
            case 1: read(GFX_STATUS); break;
            case 2: read(GFX_FIFO_FREE); break;
            default: break;
            }
        }
        finish();
        EXPECT_EQ(peek_rtl(GFX_FENCE), 0x1234 + seed);
        EXPECT_TRUE(top->irq);
        write(GFX_IRQ_STATUS, GFX_IRQ_FENCE);
        read_all();
        if (HasFailure())
            return;
    }
}

// Half a command in the FIFO: STATUS.PARTIAL and FIFO_FREE while it waits,
// behind a running command and alone; ABORT drops it.
TEST_F(Regs, PartialCommand)
{
    init_mem(4);
    std::vector<uint32_t> s = surface();
    add(s, {GFX_OP_FILL | GFX_ROP_XOR << 8, 0x55, xy(0, 0), xy(40, 20)});
    for (uint32_t w : s)
        write(GFX_FIFO, w);
    write(GFX_FIFO, GFX_OP_GLYPH | GFX_ROP_COPY << 8);
    write(GFX_FIFO, 1);
    for (int i = 0; i < 12; i++) {
        read(GFX_STATUS);
        read(GFX_FIFO_FREE);
        idle(100);
    }
    EXPECT_TRUE(peek_rtl(GFX_STATUS) & GFX_STATUS_PARTIAL);
    write(GFX_CTRL, GFX_CTRL_ABORT);
    read_all();
    write(GFX_FIFO, GFX_OP_FENCE);
    read(GFX_STATUS);
    write(GFX_FIFO, 3);
    finish();
    EXPECT_EQ(peek_rtl(GFX_FENCE), 3u);
}

// Long commands written back to back without looking at FIFO_FREE: the
// FIFO fills and the next write is an OVERFLOW; ABORT recovers.
TEST_F(Regs, FifoOverflow)
{
    init_mem(2);
    std::vector<uint32_t> s = surface();
    for (int i = 0; i < 80; i++)
        add(s, {GFX_OP_FILL | (i % 2 ? GFX_ROP_XOR : GFX_ROP_COPY) << 8, uint32_t(i * 0x010101), xy(i % 9, i % 7),
                xy(40, 30)});
    for (size_t i = 0; i < s.size(); i++) {
        if (i % 36 == 5)
            read(GFX_FIFO_FREE); // between two commands
        write(GFX_FIFO, s[i]);
    }
    read_all();
    EXPECT_EQ(peek_rtl(GFX_ERROR), GFX_ERR_OVERFLOW);
    finish();
    write(GFX_CTRL, GFX_CTRL_ABORT);
    read_all();
    add(s, {GFX_OP_FENCE, 77});
    for (size_t i = s.size() - 6; i < s.size(); i++)
        write(GFX_FIFO, s[i]);
    finish();
    EXPECT_EQ(peek_rtl(GFX_FENCE), 77u);
}

// Commands through the ring: several laps of a small ring, submissions of
// a few commands at a time, FIFO commands mixed in, wait states.
TEST_F(Regs, RingCommands)
{
    for (uint32_t seed = 1; seed <= seeds(8); seed++) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        SetUp();
        mmem = Mem();
        rmem = Mem();
        init_mem(seed + 50);
        set_waits(seed, seed % 2 ? 0 : 35);
        std::mt19937 r(seed);
        Gen gen(seed + 50);
        std::vector<uint32_t> s = gen.stream(40, false);
        uint32_t size = 64u << (seed % 3);
        ring_setup(RING, size);
        size_t i = 0;
        while (i < s.size()) {
            if (r() % 5 == 0) { // a command through the FIFO instead
                for (unsigned k = Cmds{s, i}.len(); k > 0; k--)
                    write(GFX_FIFO, s[i++]);
            } else {
                i += ring_submit(RING, s, i, 1 + r() % 3);
            }
            idle(r() % 40);
            if (r() % 3 == 0)
                read(GFX_STATUS);
        }
        finish();
        if (HasFailure())
            return;
    }
}

// Ring errors: a submission that ends inside a command (TRUNCATED), a ring
// outside memory (BUS on the header), a ring whose second half is outside
// memory (BUS inside a command), each followed by ABORT and more work.
TEST_F(Regs, RingErrors)
{
    init_mem(3);
    std::vector<uint32_t> s = surface();
    add(s, {GFX_OP_FILL | GFX_ROP_COPY << 8, 0x123456, xy(1, 2), xy(5, 6)});
    ring_setup(RING, 256);
    ring_submit(RING, s, 0, 2);
    finish();
    // TRUNCATED: only the first two words of a FILL.
    poke(RING + ring_tail, GFX_OP_FILL | GFX_ROP_XOR << 8);
    poke(RING + ring_tail + 4, 0xFF);
    ring_tail += 8;
    write(GFX_RING_TAIL, ring_tail);
    finish();
    EXPECT_EQ(peek_rtl(GFX_ERROR), GFX_ERR_TRUNCATED);
    write(GFX_CTRL, GFX_CTRL_ABORT | GFX_CTRL_RING);
    ring_submit(RING, s, 5, 1);
    finish();
    EXPECT_EQ(peek_rtl(GFX_ERROR), 0u);

    // A ring outside memory.
    write(GFX_CTRL, 0);
    ring_setup(0x1000, 64);
    write(GFX_RING_TAIL, 16);
    finish();
    EXPECT_EQ(peek_rtl(GFX_ERROR), GFX_ERR_BUS);
    EXPECT_EQ(peek_rtl(GFX_ERROR_WORD), 0u);
    write(GFX_CTRL, GFX_CTRL_ABORT);

    // A ring of 128 bytes whose upper 64 lie beyond the end of memory: a
    // FILL from byte 56 fails on its third word.
    uint64_t edge = MEM_BASE + MEM_SIZE - 64;
    set_waits(9, 50);
    ring_setup(edge, 128);
    std::vector<uint32_t> nops(14, GFX_OP_NOP);
    ring_submit(edge, nops, 0, 14);
    finish();
    poke(edge + 56, GFX_OP_FILL | GFX_ROP_COPY << 8);
    poke(edge + 60, 5);
    write(GFX_RING_TAIL, 72);
    finish();
    EXPECT_EQ(peek_rtl(GFX_ERROR), GFX_ERR_BUS);
    EXPECT_EQ(peek_rtl(GFX_ERROR_WORD), uint32_t(GFX_OP_FILL | GFX_ROP_COPY << 8));
    write(GFX_CTRL, GFX_CTRL_ABORT);
    write(GFX_FIFO, GFX_OP_FENCE);
    write(GFX_FIFO, 5);
    finish();
    EXPECT_EQ(peek_rtl(GFX_FENCE), 5u);
}

// Random traffic: FIFO and ring commands with garbage among them, reads of
// any register at any time, back-pressure, bursts that overflow the FIFO,
// interrupts cleared and errors aborted, the ring reconfigured.
TEST_F(Regs, RandomTraffic)
{
    for (uint32_t seed = 1; seed <= seeds(24); seed++) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        SetUp();
        mmem = Mem();
        rmem = Mem();
        init_mem(seed + 100);
        set_waits(seed * 3, seed % 3 ? 25 : 0);
        std::mt19937 r(seed);
        Gen gen(seed + 100);
        std::vector<uint32_t> s = gen.stream(60, true);
        write(GFX_IRQ_ENABLE, r() % 4);
        ring_setup(RING, 64u << (r() % 4));
        size_t i = 0;
        for (int step = 0; step < 400 && i < s.size(); step++) {
            switch (r() % 10) {
            case 0: case 1: case 2: { // a command through the FIFO
                for (unsigned k = Cmds{s, i}.len(); k > 0; k--)
                    write(GFX_FIFO, s[i++]);
                break;
            }
            case 3: case 4: // a submission to the ring
                i += ring_submit(RING, s, i, 1 + r() % 4);
                break;
            case 5: { // garbage: a random header and as many random words
                uint32_t h = r() % 2 ? uint32_t(r()) : uint32_t(r() % 16) | (r() % 2 ? 0 : uint32_t(r()) << 8);
                write(GFX_FIFO, h);
                for (unsigned k = gfx_cmd_len(h); k > 1; k--)
                    write(GFX_FIFO, uint32_t(r()));
                break;
            }
            case 6:
                read(uint32_t(r() % 0x14) * 4);
                break;
            case 7:
                idle(r() % 200);
                break;
            default: // a driver at an idle or stopped unit
                if (model_busy())
                    break;
                if (peek_model(GFX_ERROR)) {
                    read(GFX_ERROR);
                    read(GFX_ERROR_WORD);
                    write(GFX_CTRL, GFX_CTRL_ABORT | GFX_CTRL_RING);
                } else if (r() % 3 == 0) {
                    write(GFX_IRQ_STATUS, r() % 4);
                } else if (r() % 8 == 0) {
                    ring_setup(RING, 64u << (r() % 4));
                } else if (r() % 8 == 0) { // a burst: more than the FIFO holds
                    for (int k = 0; k < 300; k++)
                        write(GFX_FIFO, GFX_OP_FILL | GFX_ROP_XOR << 8);
                }
                break;
            }
        }
        finish();
        if (HasFailure())
            return;
    }
}

} // namespace
