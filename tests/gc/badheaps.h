// Hand-made bad heaps and configurations, each with the precise error the
// collector (software and GC core alike) must stop with (docs/gc-core.md,
// "Errors"). The heap: pair P, vector V (header + 3 words), pair Q.
#ifndef TESTS_GC_BADHEAPS_H
#define TESTS_GC_BADHEAPS_H

#include <string>
#include <vector>

#include "heapgen.h"

namespace heapgen {

struct BadCase {
    std::string name;
    Heap heap;
    uint32_t error;
    uint64_t addr, value;
};

inline std::vector<BadCase> bad_cases()
{
    std::vector<BadCase> cases;
    auto base_heap = []() {
        Heap h = layout(16, 4, 32);
        gc_config &c = h.cfg;
        uint64_t P = c.heap_base, V = P + 16, Q = V + 32;
        Arena &a = h.arena;
        a.put(P, make(T_FIXNUM, 1));
        a.put(P + 8, make(T_CONS, Q));
        a.put(V, make(T_HEADER, 3));
        a.put(V + 8, make(T_CONS, P));
        a.put(V + 16, make(T_OBJECT, V)); // a cycle through itself
        a.put_raw(V + 24, 0xDEADBEEFCAFEF00Dull);
        a.put(Q, make(T_IMM, 0));
        a.put(Q + 8, make(T_IMM, 0));
        c.heap_top = Q + 16;
        for (unsigned r = 0; r < 4; r++)
            a.put(c.root_base + 8 * r, make(T_IMM, 0));
        return h;
    };
    auto add = [&](const std::string &name, Heap h, uint32_t err, uint64_t addr, uint64_t value) {
        cases.push_back({ name, std::move(h), err, addr, value });
    };
    {
        Heap h = base_heap();
        h.arena.put(h.cfg.heap_base + 16, make(T_HEADER, 100));
        add("header too long", h, GC_ERR_HEADER, h.cfg.heap_base + 16, make(T_HEADER, 100));
    }
    {
        Heap h = base_heap();
        h.cfg.heap_top -= 8; // Q loses its cdr
        add("pair cut off", h, GC_ERR_HEADER, h.cfg.heap_base + 48, make(T_IMM, 0));
    }
    struct RootCase { const char *name; unsigned tag; uint64_t off; uint32_t err; };
    const RootCase roots[] = {
        { "interior pointer", T_CONS, 24, GC_ERR_POINTER },
        { "misaligned pointer", T_OBJECT, 20, GC_ERR_POINTER },
        { "pointer into free space", T_CONS, 64, GC_ERR_POINTER },
        { "cons to a headed object", T_CONS, 16, GC_ERR_TYPE },
        { "symbol to a pair", T_SYMBOL, 0, GC_ERR_TYPE },
        { "object to a pair", T_OBJECT | 0x30, 48, GC_ERR_TYPE },
    };
    for (const RootCase &rc : roots) {
        Heap h = base_heap();
        uint64_t v = make(rc.tag, h.cfg.heap_base + rc.off);
        h.arena.put(h.cfg.root_base + 8, make(T_CONS, PMEM_EXT)); // external: fine
        h.arena.put(h.cfg.root_base + 16, v);
        add(rc.name, h, rc.err, h.cfg.root_base + 16, v);
    }
    {
        Heap h = base_heap();
        uint64_t V = h.cfg.heap_base + 16, bad = make(T_HEADER, 2);
        h.arena.put(V + 24, bad);
        h.arena.put(h.cfg.root_base, make(T_OBJECT, V));
        add("header inside an object", h, GC_ERR_FIELD, V + 24, bad);
    }
    {
        Heap h = base_heap();
        uint64_t bad = make(T_FORWARD, h.cfg.heap_base);
        h.arena.put(h.cfg.root_base + 24, bad);
        add("forward word as a root", h, GC_ERR_FIELD, h.cfg.root_base + 24, bad);
    }
    {
        Heap h = base_heap();
        uint64_t P = h.cfg.heap_base, bad = make(T_CONS, P + 24);
        h.arena.put(P, bad); // the car of P points into V
        h.arena.put(h.cfg.root_base, make(T_CONS, P));
        add("interior pointer in the heap", h, GC_ERR_POINTER, P, bad);
    }
    {
        Heap h = base_heap();
        uint64_t P = h.cfg.heap_base, bad = make(0xD, 0);
        h.arena.put(P + 40, bad); // V's last word: a reserved protected type
        h.arena.put(h.cfg.root_base, make(T_OBJECT, P + 16));
        add("reserved type in the heap", h, GC_ERR_FIELD, P + 40, bad);
    }
    {
        Heap h = base_heap();
        h.cfg.side_size = 16; // two bitmap words' worth: no stack at all
        uint64_t v = make(T_CONS, h.cfg.heap_base);
        h.arena.put(h.cfg.root_base, v);
        add("mark stack full", h, GC_ERR_STACK, h.cfg.root_base, v);
    }
    struct ConfigCase { const char *name; void (*f)(gc_config &); };
    const ConfigCase configs[] = {
        { "side overlaps heap", [](gc_config &c) { c.side_base = c.heap_limit - 8; } },
        { "roots overlap side", [](gc_config &c) { c.root_base = c.side_base; } },
        { "roots overlap heap", [](gc_config &c) { c.root_count = (c.heap_base - c.root_base) / 8 + 1; } },
        { "misaligned base", [](gc_config &c) { c.heap_base += 4; } },
        { "top above limit", [](gc_config &c) { c.heap_top = c.heap_limit + 8; } },
        { "top below base", [](gc_config &c) { c.heap_top = c.heap_base - 8; } },
        { "side too small", [](gc_config &c) { c.side_size = 8; } },
        { "side wraps", [](gc_config &c) { c.side_size = ~7ull; } },
        { "roots wrap", [](gc_config &c) { c.root_count = 1ull << 61; } },
    };
    for (const ConfigCase &cc : configs) {
        Heap h = base_heap();
        cc.f(h.cfg);
        add(cc.name, h, GC_ERR_CONFIG, 0, 0);
    }
    return cases;
}

} // namespace heapgen

#endif
