// Co-simulation of the GC core RTL (rtl/gc/gc_core.v, through Verilator)
// against the golden C model (emu/dev_gccore.c): the same heap, the same
// configuration and the same wait states go to both; every memory write
// (address, data, tag) must match in order, and the final memory, the
// statistics, the error and the cycle counts must be identical.
//
// Wait states: a function of the index of the successful access, the same
// for the model's memory port and the RTL's testbench memory (which holds
// mem_ready low that long). Accesses outside the arena fail at once in both.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <random>
#include <vector>

#include "Vgc_core.h"
#include "verilated.h"
#include "verilated_cov.h"

#include "../../gc/badheaps.h"
#include "../../gc/heapgen.h"

extern "C" {
#include "dev_gccore.h"
}

using namespace heapgen;

namespace {

VerilatedContext *context()
{
    static VerilatedContext *ctx = [] {
        auto *c = new VerilatedContext;
        c->randReset(2); // no hidden dependence on initial values
        return c;
    }();
    return ctx;
}

struct CoverageEnv : ::testing::Environment {
    void TearDown() override
    {
        const char *path = std::getenv("GC_RTL_COVERAGE");
        context()->coveragep()->write(path ? path : "gc_rtl_coverage.dat");
    }
};
const auto *cov_env = ::testing::AddGlobalTestEnvironment(new CoverageEnv);

struct Write {
    uint64_t addr, data;
    uint8_t tag;
    bool operator==(const Write &o) const { return addr == o.addr && data == o.data && tag == o.tag; }
};

// The memory both sides see: the arena, a log of writes, wait states.
struct Mem {
    Arena &a;
    uint64_t seed;      // 0: no wait states
    uint64_t n = 0;     // successful accesses so far
    int read_waits = 0; // added to every read (the board's SPRAM: 1)
    std::vector<Write> writes;
    Mem(Arena &arena, uint64_t s) : a(arena), seed(s) {}
    bool ok(uint64_t addr) const { return addr >= a.base && addr < a.end() && !(addr & 7); }
    int waits()
    {
        if (!seed)
            return 0;
        uint64_t x = (n + 1) * 0x9E3779B97F4A7C15ull ^ seed;
        x ^= x >> 31;
        x *= 0xBF58476D1CE4E5B9ull;
        return int((x >> 40) % 4);
    }
    int read(uint64_t addr, uint64_t *d, uint8_t *t)
    {
        if (!ok(addr))
            return -1;
        *d = a.data[a.idx(addr)];
        *t = a.tag[a.idx(addr)];
        int w = waits() + read_waits;
        n++;
        return w;
    }
    int write(uint64_t addr, uint64_t d, uint8_t t)
    {
        if (!ok(addr))
            return -1;
        a.data[a.idx(addr)] = d;
        a.tag[a.idx(addr)] = t;
        writes.push_back({ addr, d, t });
        int w = waits();
        n++;
        return w;
    }
    static int rd(void *ctx, uint64_t addr, uint64_t *d, uint8_t *t)
    {
        return static_cast<Mem *>(ctx)->read(addr, d, t);
    }
    static int wr(void *ctx, uint64_t addr, uint64_t d, uint8_t t)
    {
        return static_cast<Mem *>(ctx)->write(addr, d, t);
    }
};

struct Outcome {
    uint32_t error;
    uint64_t error_addr, error_value, top, live_words, live_objects, moved, cycles, mark_cycles, accesses;
};

Outcome run_model(Heap &h, Mem &mem)
{
    gc_mem port = { &mem, Mem::rd, Mem::wr };
    gccore g;
    gccore_init(&g, &port, nullptr);
    g.heap_base = h.cfg.heap_base;
    g.heap_top = h.cfg.heap_top;
    g.heap_limit = h.cfg.heap_limit;
    g.side_base = h.cfg.side_base;
    g.side_size = h.cfg.side_size;
    g.root_base = h.cfg.root_base;
    g.root_count = h.cfg.root_count;
    gccore_collect(&g);
    return { g.error, g.error_addr, g.error_value, g.heap_top, g.live_words, g.live_objects,
             g.moved_bytes, g.cycles, g.mark_cycles, g.accesses };
}

struct Rtl {
    std::unique_ptr<Vgc_core> top{ new Vgc_core(context()) };
    Mem &mem;
    int stall = -1;
    uint64_t busy_cycles = 0;
    explicit Rtl(Mem &m) : mem(m) {}

    void tick()
    {
        top->clk = 0;
        top->eval();
        top->mem_ready = 0;
        top->mem_err = 0;
        top->mem_rdata = 0xA5A5A5A5A5A5A5A5ull; // garbage unless ready
        top->mem_rtag = 0x5A;
        if (top->mem_valid && !top->rst) {
            uint64_t a = top->mem_addr;
            if (stall < 0)
                stall = mem.ok(a) ? mem.waits() + (top->mem_we ? 0 : mem.read_waits) : 0;
            if (stall == 0) {
                top->mem_ready = 1;
                if (top->mem_we) {
                    top->mem_err = mem.write(a, top->mem_wdata, top->mem_wtag) < 0;
                } else {
                    uint64_t d = 0;
                    uint8_t t = 0;
                    top->mem_err = mem.read(a, &d, &t) < 0;
                    top->mem_rdata = d;
                    top->mem_rtag = t;
                }
                stall = -1;
            } else {
                stall--;
            }
        }
        top->eval();
        if (top->busy)
            busy_cycles++;
        top->clk = 1;
        top->eval();
    }

    Outcome run(const gc_config &c)
    {
        top->rst = 1;
        top->start = 0;
        tick();
        tick();
        top->rst = 0;
        top->heap_base = c.heap_base;
        top->heap_top = c.heap_top;
        top->heap_limit = c.heap_limit;
        top->side_base = c.side_base;
        top->side_size = c.side_size;
        top->root_base = c.root_base;
        top->root_count = c.root_count;
        top->start = 1;
        tick();
        top->start = 0;
        busy_cycles = 0;
        for (uint64_t n = 0; n < 100000000 && !top->done; n++)
            tick();
        EXPECT_TRUE(top->done) << "RTL did not finish";
        return { top->error, top->error_addr, top->error_value, top->new_top, top->live_words,
                 top->live_objects, top->moved_bytes, top->cycles, top->mark_cycles, top->accesses };
    }
};

void expect_same(const Outcome &m, const Outcome &r)
{
    EXPECT_EQ(r.error, m.error);
    EXPECT_EQ(r.error_addr, m.error_addr);
    EXPECT_EQ(r.error_value, m.error_value);
    EXPECT_EQ(r.top, m.top);
    EXPECT_EQ(r.live_words, m.live_words);
    EXPECT_EQ(r.live_objects, m.live_objects);
    EXPECT_EQ(r.moved, m.moved);
    EXPECT_EQ(r.cycles, m.cycles);
    EXPECT_EQ(r.mark_cycles, m.mark_cycles);
    EXPECT_EQ(r.accesses, m.accesses);
}

// Model and RTL on copies of h; the same writes, memory and results.
Outcome cosim(const Heap &h, uint64_t wait_seed, int read_waits = 0)
{
    Heap hm = h, hr = h;
    Mem mm(hm.arena, wait_seed), mr(hr.arena, wait_seed);
    mm.read_waits = mr.read_waits = read_waits;
    Outcome om = run_model(hm, mm);
    Rtl rtl(mr);
    Outcome orr = rtl.run(hr.cfg);
    expect_same(om, orr);
    EXPECT_EQ(rtl.busy_cycles, om.cycles); // the counter is the clock
    EXPECT_EQ(mr.writes.size(), mm.writes.size());
    for (size_t i = 0; i < mm.writes.size() && i < mr.writes.size(); i++)
        if (!(mr.writes[i] == mm.writes[i])) {
            ADD_FAILURE() << "write " << i << std::hex << " at " << mm.writes[i].addr;
            break;
        }
    EXPECT_TRUE(hr.arena == hm.arena);
    return om;
}

TEST(GcRtl, CycleExample)
{
    Heap h = layout(8, 1, 16);
    uint64_t A = h.cfg.heap_base;
    h.arena.put(A, make(T_FIXNUM, 5));
    h.arena.put(A + 8, make(T_IMM, 0));
    h.cfg.heap_top = A + 16;
    h.arena.put(h.cfg.root_base, make(T_CONS, A));
    cosim(h, 0);
}

TEST(GcRtl, EmptyHeap)
{
    Heap h = layout(8, 2, 4);
    h.arena.put(h.cfg.root_base, make(T_CONS, PMEM_EXT));
    cosim(h, 0);
    Heap none = layout(8, 0, 4);
    cosim(none, 0);
}

TEST(GcRtl, RandomHeaps)
{
    const Shape shapes[] = {
        Shape{ .heap_words = 600 },
        Shape{ .heap_words = 1500, .roots = 2, .p_pair = 0.9, .p_ref = 0.8 },
        Shape{ .heap_words = 1500, .roots = 64, .p_pair = 0.1, .p_ref = 0.3 },
        Shape{ .heap_words = 3000, .roots = 8, .p_pair = 0.2, .p_raw = 0.5, .p_large = 0.3 },
        Shape{ .heap_words = 300, .roots = 1, .p_ref = 0.05 },
        Shape{ .heap_words = 1000, .roots = 32, .p_ref = 0.9, .p_external = 0.3 },
    };
    const char *env = std::getenv("GC_RTL_SEEDS");
    unsigned seeds = env ? unsigned(std::atoi(env)) : 24;
    for (unsigned seed = 0; seed < seeds; seed++) {
        SCOPED_TRACE(seed);
        std::mt19937_64 rng(2000 + seed);
        cosim(generate(rng, shapes[seed % 6]), seed % 2 ? 0 : 77 + seed);
    }
}

TEST(GcRtl, MarkStackSpills)
{
    Heap h = layout(2 * 200, 1, 2 * 7 + 200);
    gc_config &c = h.cfg;
    for (unsigned i = 0; i < 100; i++) {
        h.arena.put(c.heap_base + 16 * i, make(T_FIXNUM, i));
        h.arena.put(c.heap_base + 16 * i + 8, make(T_IMM, 0));
    }
    uint64_t V = c.heap_base + 1600;
    h.arena.put(V, make(T_HEADER, 99));
    for (unsigned i = 0; i < 99; i++)
        h.arena.put(V + 8 + 8 * i, make(T_CONS, c.heap_base + 16 * (i + 1)));
    c.heap_top = V + 800;
    h.arena.put(c.root_base, make(T_OBJECT, V));
    cosim(h, 5);
    uint64_t nbw = ((c.heap_top - c.heap_base) / 8 + 63) / 64;
    h.cfg.side_size = 8 * (2 * nbw + 98); // one entry short: STACK
    cosim(h, 0);
}

// The heap of the board's self-test (rtl/boards/icebreaker/gc_selftest.v)
// with its SPRAM timing: the cycles the board reports are the model's.
TEST(GcRtl, BoardSelfTestHeap)
{
    const uint64_t N = 1000, H = 0x1000, V = H + 32 * N, EXT = 0x1000000000ull;
    Heap h(0x10000 / 8);
    h.arena.base = 0;
    gc_config &c = h.cfg;
    c.heap_base = H;
    c.heap_top = V + 72;
    c.heap_limit = c.side_base = 0xA000;
    c.side_size = 0x5000;
    c.root_base = 0;
    c.root_count = 3;
    Arena &a = h.arena;
    for (uint64_t i = 0; i < N; i++) {
        a.put(H + 32 * i, make(T_FIXNUM, i));
        a.put(H + 32 * i + 8, i == N - 1 ? make(T_IMM, 0) : make(T_CONS | 0x30, H + 32 * (i + 1)));
        a.put(H + 32 * i + 16, make(T_FIXNUM, i));
        a.put(H + 32 * i + 24, make(T_CONS | 0x30, H + 32 * i + 16));
    }
    a.put(V, make(T_HEADER, 1ull << 48 | 4));
    a.put(V + 8, make(T_CONS | 0x30, H));
    a.put(V + 16, make(T_OBJECT | 0x30, V));
    a.put(V + 24, make(T_CONS | 0x30, H + 32 * (N - 1)));
    a.put_raw(V + 32, 0x0123456789ABCDEFull);
    a.put(V + 40, make(T_HEADER, 2ull << 48 | 3));
    for (uint64_t k = 0; k < 3; k++)
        a.put_raw(V + 48 + 8 * k, 0x0123456789ABCDEFull ^ (4 * N + 6 + k));
    a.put(0, make(T_CONS | 0x30, H));
    a.put(8, make(T_OBJECT | 0x30, V));
    a.put(16, make(T_CONS | 0x30, EXT));
    Outcome o = cosim(h, 0, 1);
    EXPECT_EQ(o.error, 0u);
    EXPECT_EQ(o.live_words, 2 * N + 5);
    EXPECT_EQ(o.cycles, 23775u); // what the board simulation reports, "GC PASS 00005CDF"
}

TEST(GcRtl, BadInput)
{
    for (BadCase &bc : bad_cases()) {
        SCOPED_TRACE(bc.name);
        cosim(bc.heap, 0);
    }
    Heap h = layout(16, 1, 8);
    h.arena.put(h.cfg.heap_base, make(T_IMM, 0));
    h.arena.put(h.cfg.heap_base + 8, make(T_IMM, 0));
    h.cfg.heap_top = h.cfg.heap_base + 16;
    h.cfg.side_base = 0x70000000; // not memory: BUS at the first write
    h.cfg.side_size = 64;
    cosim(h, 0);
    std::mt19937_64 rng(11);
    Heap g = generate(rng, Shape{ .heap_words = 500 });
    g.cfg.root_base = 0x70000000; // roots not memory: BUS at the first root read
    g.cfg.root_count = 3;
    cosim(g, 3);
}

} // namespace
