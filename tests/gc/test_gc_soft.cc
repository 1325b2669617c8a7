// The software collector (os/gc) on the host, against the naive reference
// collector of heapgen.h: random heaps of every shape, hand-made corner
// cases, and every error with its precise address and value.
#include <gtest/gtest.h>

#include "badheaps.h"
#include "heapgen.h"

using namespace heapgen;

namespace {

gc_result collect(Heap &h)
{
    gc_port p = h.arena.port();
    gc_result r;
    gc_collect(&p, &h.cfg, &r);
    return r;
}

void expect_collects(Heap h)
{
    Expected e = reference_collect(h);
    gc_result r = collect(h);
    ASSERT_EQ(r.error, 0u);
    EXPECT_EQ(r.new_top, e.new_top);
    EXPECT_EQ(r.live_words, e.live_words);
    EXPECT_EQ(r.live_objects, e.live_objects);
    EXPECT_EQ(r.moved_bytes, e.moved_bytes);
    EXPECT_TRUE(without_stack(h.arena, e.arena, h.cfg) == e.arena);
}

TEST(GcSoft, RandomHeaps)
{
    const Shape shapes[] = {
        Shape{},
        Shape{ .heap_words = 5000, .roots = 2, .p_pair = 0.9, .p_ref = 0.8 },   // lists
        Shape{ .heap_words = 5000, .roots = 64, .p_pair = 0.1, .p_ref = 0.3 },  // vectors
        Shape{ .heap_words = 8000, .roots = 8, .p_pair = 0.2, .p_raw = 0.5, .p_large = 0.3 },
        Shape{ .heap_words = 300, .roots = 1, .p_ref = 0.05 },                  // mostly garbage
        Shape{ .heap_words = 3000, .roots = 32, .p_ref = 0.9, .p_external = 0.3 },
    };
    for (unsigned seed = 0; seed < 60; seed++) {
        SCOPED_TRACE(seed);
        std::mt19937_64 rng(seed);
        expect_collects(generate(rng, shapes[seed % 6]));
    }
}

TEST(GcSoft, CollectingTwiceChangesNothing)
{
    std::mt19937_64 rng(7);
    Heap h = generate(rng, Shape{});
    gc_result r1 = collect(h);
    ASSERT_EQ(r1.error, 0u);
    h.cfg.heap_top = r1.new_top;
    Arena after = h.arena;
    gc_result r2 = collect(h);
    ASSERT_EQ(r2.error, 0u);
    EXPECT_EQ(r2.new_top, r1.new_top);
    EXPECT_EQ(r2.live_words, r1.live_words);
    EXPECT_EQ(r2.moved_bytes, 0u);
    // Only side tables may differ (the start bitmap of the first run became
    // offsets in both, over a smaller heap).
    for (uint64_t a = h.cfg.root_base; a < h.cfg.side_base; a += 8)
        ASSERT_EQ(h.arena.word(a), after.word(a)) << std::hex << a;
}

TEST(GcSoft, EmptyHeapAndNoRoots)
{
    Heap h = layout(32, 2, 8);
    h.arena.put(h.cfg.root_base, make(T_CONS, PMEM_EXT));
    gc_result r = collect(h);
    EXPECT_EQ(r.error, 0u);
    EXPECT_EQ(r.new_top, h.cfg.heap_base);

    std::mt19937_64 rng(3);
    Heap g = generate(rng, Shape{ .roots = 0 });
    expect_collects(g);
    r = collect(g);
    EXPECT_EQ(r.new_top, g.cfg.heap_base);
    EXPECT_EQ(r.live_objects, 0u);
}

TEST(GcSoft, CyclesAndSharing)
{
    // Two pairs pointing at each other and at themselves, garbage between
    // them, a vector holding both, three roots to the same objects.
    Heap h = layout(64, 3, 64);
    gc_config &c = h.cfg;
    uint64_t G = c.heap_base, A = G + 16, V = A + 16, B = V + 24;
    Arena &a = h.arena;
    a.put(G, make(T_CONS, A));
    a.put(G + 8, make(T_CONS, G));
    a.put(A, make(T_CONS, B));
    a.put(A + 8, make(T_CONS, A));
    a.put(V, make(T_HEADER, 2));
    a.put(V + 8, make(T_CONS | 0xF0, A));
    a.put(V + 16, make(T_CONS, B));
    a.put(B, make(T_CONS, A));
    a.put(B + 8, make(T_OBJECT, V));
    c.heap_top = B + 16;
    a.put(c.root_base, make(T_CONS, B));
    a.put(c.root_base + 8, make(T_OBJECT | 0x10, V));
    a.put(c.root_base + 16, make(T_CONS, B));
    h.objs = { { G, 2, false }, { A, 2, false }, { V, 3, true }, { B, 2, false } };
    Expected e = reference_collect(h);
    expect_collects(h);
    EXPECT_EQ(e.new_top, c.heap_base + 8 * 7);
    EXPECT_EQ(e.arena.word(c.root_base), make(T_CONS, c.heap_base + 40));
    EXPECT_EQ(e.arena.word(c.heap_base + 24), make(T_CONS | 0xF0, c.heap_base)); // access bits kept
}

TEST(GcSoft, BadInput)
{
    for (BadCase &bc : bad_cases()) {
        SCOPED_TRACE(bc.name);
        Arena before = bc.heap.arena;
        gc_result r = collect(bc.heap);
        EXPECT_EQ(r.error, bc.error);
        EXPECT_EQ(r.error_addr, bc.addr);
        EXPECT_EQ(r.error_value, bc.value);
        // Nothing but the side tables may have been written.
        for (size_t i = 0; i < before.data.size(); i++) {
            uint64_t a = before.base + 8 * i;
            if (a >= bc.heap.cfg.side_base && a < bc.heap.cfg.side_base + bc.heap.cfg.side_size &&
                bc.error != GC_ERR_CONFIG)
                continue;
            ASSERT_EQ(bc.heap.arena.word(a), before.word(a)) << std::hex << a;
            ASSERT_EQ(bc.heap.arena.data[i], before.data[i]) << std::hex << a;
        }
    }
}

} // namespace
