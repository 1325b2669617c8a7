// GC core model (emu/dev_gccore.c): on random heaps it must leave exactly
// what the software collector (os/gc) and the naive reference leave, write
// only inside its regions, charge the documented cycles, stop on bad input
// with the same precise error as the software, and behave as a device.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "../gc/badheaps.h"
#include "../gc/heapgen.h"

extern "C" {
#include "dev_gccore.h"
}

using namespace heapgen;

namespace {

struct Write { uint64_t addr, data; uint8_t tag; };

// The core's memory: the arena, with every write checked against the
// regions and logged, and optional random wait states.
struct Port {
    Arena &a;
    gc_config cfg;
    std::vector<Write> writes;
    std::mt19937_64 rng{ 1 };
    bool waits = false;
    uint64_t wait_total = 0;
    bool heap_written = false;

    Port(Arena &arena, const gc_config &c) : a(arena), cfg(c) {}
    bool in_arena(uint64_t addr) const { return addr >= a.base && addr < a.end() && !(addr & 7); }
    bool may_write(uint64_t addr) const
    {
        auto in = [&](uint64_t b, uint64_t e) { return addr >= b && addr < e; };
        return in(cfg.side_base, cfg.side_base + cfg.side_size) || in(cfg.heap_base, cfg.heap_top) ||
               in(cfg.root_base, cfg.root_base + 8 * cfg.root_count);
    }
    int wait()
    {
        int w = waits ? int(rng() % 4) : 0;
        wait_total += unsigned(w);
        return w;
    }
    static int rd(void *ctx, uint64_t addr, uint64_t *data, uint8_t *tag)
    {
        auto *p = static_cast<Port *>(ctx);
        if (!p->in_arena(addr))
            return -1;
        *data = p->a.data[p->a.idx(addr)];
        *tag = p->a.tag[p->a.idx(addr)];
        return p->wait();
    }
    static int wr(void *ctx, uint64_t addr, uint64_t data, uint8_t tag)
    {
        auto *p = static_cast<Port *>(ctx);
        if (!p->in_arena(addr))
            return -1;
        EXPECT_TRUE(p->may_write(addr)) << std::hex << addr;
        if (addr < p->cfg.side_base || addr >= p->cfg.side_base + p->cfg.side_size)
            p->heap_written = true;
        p->a.data[p->a.idx(addr)] = data;
        p->a.tag[p->a.idx(addr)] = tag;
        p->writes.push_back({ addr, data, tag });
        return p->wait();
    }
};

void configure(gccore &g, const gc_config &c)
{
    g.heap_base = c.heap_base;
    g.heap_top = c.heap_top;
    g.heap_limit = c.heap_limit;
    g.side_base = c.side_base;
    g.side_size = c.side_size;
    g.root_base = c.root_base;
    g.root_count = c.root_count;
}

struct Collection {
    gccore g;
    Port port;
    uint64_t cycles;
    Collection(Heap &h, bool waits) : port(h.arena, h.cfg)
    {
        port.waits = waits;
        gc_mem m = { &port, Port::rd, Port::wr };
        gccore_init(&g, &m, nullptr);
        configure(g, h.cfg);
        cycles = gccore_collect(&g);
    }
};

void expect_same_as_software(Heap h, bool waits)
{
    Heap soft = h;
    gc_port sp = soft.arena.port();
    gc_result r;
    gc_collect(&sp, &soft.cfg, &r);
    Expected e = reference_collect(h);
    Collection run(h, waits);
    const gccore &g = run.g;
    ASSERT_EQ(g.error, 0u);
    ASSERT_EQ(r.error, 0u);
    EXPECT_EQ(g.heap_top, r.new_top);
    EXPECT_EQ(g.heap_top, e.new_top);
    EXPECT_EQ(g.live_words, r.live_words);
    EXPECT_EQ(g.live_objects, r.live_objects);
    EXPECT_EQ(g.moved_bytes, r.moved_bytes);
    EXPECT_TRUE(without_stack(h.arena, soft.arena, h.cfg) == soft.arena);
    EXPECT_TRUE(without_stack(h.arena, e.arena, h.cfg) == e.arena);
    // The cost model: two cycles plus one per access plus the wait states.
    EXPECT_EQ(run.cycles, 2 + g.accesses + run.port.wait_total);
    EXPECT_EQ(g.cycles, run.cycles);
    EXPECT_LE(g.mark_cycles, g.cycles);
}

TEST(GcCore, RandomHeapsMatchSoftware)
{
    const Shape shapes[] = {
        Shape{},
        Shape{ .heap_words = 5000, .roots = 2, .p_pair = 0.9, .p_ref = 0.8 },
        Shape{ .heap_words = 5000, .roots = 64, .p_pair = 0.1, .p_ref = 0.3 },
        Shape{ .heap_words = 8000, .roots = 8, .p_pair = 0.2, .p_raw = 0.5, .p_large = 0.3 },
        Shape{ .heap_words = 300, .roots = 1, .p_ref = 0.05 },
        Shape{ .heap_words = 3000, .roots = 32, .p_ref = 0.9, .p_external = 0.3 },
    };
    for (unsigned seed = 0; seed < 60; seed++) {
        SCOPED_TRACE(seed);
        std::mt19937_64 rng(1000 + seed);
        expect_same_as_software(generate(rng, shapes[seed % 6]), seed % 2);
    }
}

// Wait states change the cycles and nothing else: the same writes in the
// same order.
TEST(GcCore, BackPressureChangesOnlyCycles)
{
    std::mt19937_64 rng(5);
    Heap h = generate(rng, Shape{ .heap_words = 4000, .roots = 8 });
    Heap h2 = h;
    Collection fast(h, false), slow(h2, true);
    ASSERT_EQ(fast.port.writes.size(), slow.port.writes.size());
    for (size_t i = 0; i < fast.port.writes.size(); i++) {
        ASSERT_EQ(fast.port.writes[i].addr, slow.port.writes[i].addr) << i;
        ASSERT_EQ(fast.port.writes[i].data, slow.port.writes[i].data) << i;
        ASSERT_EQ(fast.port.writes[i].tag, slow.port.writes[i].tag) << i;
    }
    EXPECT_EQ(fast.g.accesses, slow.g.accesses);
    EXPECT_GT(slow.port.wait_total, 0u);
    EXPECT_EQ(slow.cycles, fast.cycles + slow.port.wait_total);
}

// The cost of the smallest live heap, counted by hand from docs/gc-core.md.
TEST(GcCore, CycleExample)
{
    Heap h = layout(8, 1, 16);
    uint64_t A = h.cfg.heap_base;
    h.arena.put(A, make(T_FIXNUM, 5));
    h.arena.put(A + 8, make(T_IMM, 0));
    h.cfg.heap_top = A + 16;
    h.arena.put(h.cfg.root_base, make(T_CONS, A));
    Collection r(h, false);
    ASSERT_EQ(r.g.error, 0u);
    // start 1; clear 1; parse 2; mark: root 1, start 1, mark 1, first word 1,
    // mark write 1, pop read 1, cdr 1; offsets 2; compact: bitmap 1, two
    // words 2 (unmoved: no writes); roots: 1 + lookup 2; end 1.
    EXPECT_EQ(r.g.accesses, 18u);
    EXPECT_EQ(r.cycles, 20u);
    EXPECT_EQ(r.g.mark_cycles, 11u);
    EXPECT_EQ(r.g.live_words, 2u);
    EXPECT_EQ(r.g.moved_bytes, 0u);
}

// Deep lists push past the on-chip stack: the spills go to memory and the
// result is still the software's; a stack that holds one entry fewer than
// needed stops with STACK in both.
TEST(GcCore, MarkStackSpills)
{
    Heap h = layout(2 * 200, 1, 2 * 7 + 200);
    gc_config &c = h.cfg;
    for (unsigned i = 0; i < 100; i++) { // a vector holding 99 pairs: 99 pushes at once
        uint64_t p = c.heap_base + 16 * i;
        h.arena.put(p, make(T_FIXNUM, i));
        h.arena.put(p + 8, make(T_IMM, 0));
    }
    uint64_t V = c.heap_base + 1600;
    h.arena.put(V, make(T_HEADER, 99));
    for (unsigned i = 0; i < 99; i++)
        h.arena.put(V + 8 + 8 * i, make(T_CONS, c.heap_base + 16 * (i + 1)));
    c.heap_top = V + 800;
    h.arena.put(c.root_base, make(T_OBJECT, V));
    h.objs.clear();
    for (unsigned i = 0; i < 100; i++)
        h.objs.push_back({ c.heap_base + 16 * i, 2, false });
    h.objs.push_back({ V, 100, true });
    expect_same_as_software(h, false);

    uint64_t nbw = ((c.heap_top - c.heap_base) / 8 + 63) / 64;
    Heap tight = h;
    tight.cfg.side_size = 8 * (2 * nbw + 98);
    Collection r(tight, false);
    EXPECT_EQ(r.g.error, uint32_t(GC_ERR_STACK));
    EXPECT_EQ(r.g.error_addr, V + 8 * 99);
    Heap soft = h;
    soft.cfg.side_size = tight.cfg.side_size;
    gc_port sp = soft.arena.port();
    gc_result sr;
    gc_collect(&sp, &soft.cfg, &sr);
    EXPECT_EQ(sr.error, uint32_t(GC_ERR_STACK));
    EXPECT_EQ(sr.error_addr, r.g.error_addr);
}

TEST(GcCore, BadInputSameErrorsAsSoftware)
{
    for (BadCase &bc : bad_cases()) {
        SCOPED_TRACE(bc.name);
        Heap soft = bc.heap;
        Collection r(bc.heap, false);
        EXPECT_EQ(r.g.error, bc.error);
        EXPECT_EQ(r.g.error_addr, bc.addr);
        EXPECT_EQ(r.g.error_value, bc.value);
        EXPECT_FALSE(r.port.heap_written); // heap and roots untouched
        EXPECT_EQ(r.g.heap_top, bc.heap.cfg.heap_top);
        if (bc.error == GC_ERR_CONFIG) {
            EXPECT_EQ(r.cycles, 1u);
            EXPECT_TRUE(r.port.writes.empty());
        } else {
            EXPECT_EQ(r.cycles, 2 + r.g.accesses);
        }
        gc_port sp = soft.arena.port();
        gc_result sr;
        gc_collect(&sp, &soft.cfg, &sr);
        EXPECT_EQ(sr.error, r.g.error);
        EXPECT_EQ(sr.error_addr, r.g.error_addr);
    }
}

TEST(GcCore, BusErrorStops)
{
    Heap h = layout(16, 1, 8);
    h.arena.put(h.cfg.heap_base, make(T_IMM, 0));
    h.arena.put(h.cfg.heap_base + 8, make(T_IMM, 0));
    h.cfg.heap_top = h.cfg.heap_base + 16;
    h.cfg.side_base = 0x70000000; // not in the arena: the first write fails
    h.cfg.side_size = 64;
    Collection r(h, false);
    EXPECT_EQ(r.g.error, uint32_t(GC_ERR_BUS));
    EXPECT_EQ(r.g.error_addr, 0x70000000u + 8);
    EXPECT_EQ(r.g.accesses, 0u);
    EXPECT_EQ(r.cycles, 2u);
}

// The registers, the busy time and the interrupt, through the MMIO ops.
TEST(GcCore, DeviceRegistersAndInterrupt)
{
    std::mt19937_64 rng(9);
    Heap h = generate(rng, Shape{});
    uint64_t live = reference_collect(h).live_words;
    Port port(h.arena, h.cfg);
    gc_mem m = { &port, Port::rd, Port::wr };
    uint64_t now = 1000;
    gccore g;
    gccore_init(&g, &m, &now);
    uint64_t v = 0;
    ASSERT_TRUE(gccore_mmio.read(&g, DEV_ID, 4, &v));
    EXPECT_EQ(v, uint64_t(DEVID_GC));
    const std::pair<unsigned, uint64_t> regs[] = {
        { GC_HEAP_BASE, h.cfg.heap_base }, { GC_HEAP_TOP, h.cfg.heap_top },
        { GC_HEAP_LIMIT, h.cfg.heap_limit }, { GC_SIDE_BASE, h.cfg.side_base },
        { GC_SIDE_SIZE, h.cfg.side_size }, { GC_ROOT_BASE, h.cfg.root_base },
    };
    for (auto &[off, val] : regs)
        ASSERT_TRUE(gccore_mmio.write(&g, off, 8, val));
    // ROOT_COUNT in two halves.
    ASSERT_TRUE(gccore_mmio.write(&g, GC_ROOT_COUNT, 4, h.cfg.root_count));
    ASSERT_TRUE(gccore_mmio.write(&g, GC_ROOT_COUNT + 4, 4, 0));
    ASSERT_TRUE(gccore_mmio.read(&g, GC_ROOT_COUNT, 8, &v));
    EXPECT_EQ(v, h.cfg.root_count);
    EXPECT_FALSE(gccore_mmio.read(&g, GC_ROOT_COUNT + 4, 8, &v)); // a u64 takes 8 at its offset only
    EXPECT_FALSE(gccore_mmio.read(&g, GC_CTRL, 2, &v));
    ASSERT_TRUE(gccore_mmio.write(&g, GC_IRQ_ENABLE, 4, GC_IRQ_DONE | GC_IRQ_ERROR));
    ASSERT_TRUE(gccore_mmio.write(&g, GC_CTRL, 4, GC_CTRL_START));
    ASSERT_TRUE(gccore_mmio.read(&g, GC_STATUS, 4, &v));
    EXPECT_EQ(v, uint64_t(GC_STATUS_BUSY));
    EXPECT_FALSE(gccore_irq(&g));
    uint64_t cycles = g.cycles;
    EXPECT_EQ(gccore_next_event(&g), 1000 + cycles);
    // Configuration is locked while busy; a second START is ignored.
    ASSERT_TRUE(gccore_mmio.write(&g, GC_HEAP_BASE, 8, 0));
    ASSERT_TRUE(gccore_mmio.write(&g, GC_CTRL, 4, GC_CTRL_START));
    EXPECT_EQ(g.heap_base, h.cfg.heap_base);
    EXPECT_EQ(g.total_cycles, cycles);
    now = 1000 + cycles - 1;
    gccore_sync(&g);
    EXPECT_FALSE(gccore_irq(&g));
    now = 1000 + cycles;
    gccore_sync(&g);
    EXPECT_TRUE(gccore_irq(&g));
    EXPECT_EQ(gccore_next_event(&g), UINT64_MAX);
    ASSERT_TRUE(gccore_mmio.read(&g, GC_STATUS, 4, &v));
    EXPECT_EQ(v, 0u);
    ASSERT_TRUE(gccore_mmio.read(&g, GC_IRQ_STATUS, 4, &v));
    EXPECT_EQ(v, uint64_t(GC_IRQ_DONE));
    ASSERT_TRUE(gccore_mmio.read(&g, GC_LIVE_WORDS, 8, &v));
    EXPECT_EQ(v, live);
    ASSERT_TRUE(gccore_mmio.write(&g, GC_IRQ_STATUS, 4, GC_IRQ_DONE));
    EXPECT_FALSE(gccore_irq(&g));
    // A bad configuration: the ERROR interrupt, STATUS.ERROR, ERROR = CONFIG.
    ASSERT_TRUE(gccore_mmio.write(&g, GC_HEAP_BASE, 8, h.cfg.heap_base + 4));
    ASSERT_TRUE(gccore_mmio.write(&g, GC_CTRL, 4, GC_CTRL_START));
    now += 1;
    ASSERT_TRUE(gccore_mmio.read(&g, GC_STATUS, 4, &v));
    EXPECT_EQ(v, uint64_t(GC_STATUS_ERROR));
    ASSERT_TRUE(gccore_mmio.read(&g, GC_ERROR, 4, &v));
    EXPECT_EQ(v, uint64_t(GC_ERR_CONFIG));
    ASSERT_TRUE(gccore_mmio.read(&g, GC_IRQ_STATUS, 4, &v));
    EXPECT_EQ(v, uint64_t(GC_IRQ_ERROR));
    // Read-only statistics ignore writes.
    ASSERT_TRUE(gccore_mmio.write(&g, GC_CYCLES, 8, 12345));
    EXPECT_EQ(g.cycles, 1u);
}

} // namespace
