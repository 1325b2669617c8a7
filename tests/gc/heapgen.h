// Random heaps of tagged words for the collector tests (docs/gc-core.md):
// an arena holding a root table, the heap and the side tables; pairs,
// vectors, raw and large objects; sharing and cycles from random
// references; external references into PMEM and DRAM outside the heap.
// Also a naive reference collector that says what the result must be.
#ifndef TESTS_GC_HEAPGEN_H
#define TESTS_GC_HEAPGEN_H

#include <cstdint>
#include <map>
#include <random>
#include <vector>

extern "C" {
#include "amber/hw.h"
#include "gc.h"
#include "gc_port.h"
}

namespace heapgen {

constexpr uint64_t ARENA = 0x80000000ull;
constexpr uint64_t PMEM_EXT = 0x1000000000ull; // external references into PMEM
constexpr uint64_t DRAM_EXT = 0x90000000ull;   // and into DRAM outside the arena
constexpr unsigned T_FIXNUM = 1, T_CHAR = 2, T_IMM = 3, T_CONS = 8, T_SYMBOL = 9, T_OBJECT = 10,
                   T_HEADER = 11, T_FORWARD = 12;

inline uint64_t make(unsigned tag, uint64_t datum)
{
    return uint64_t(tag & 0xFF) << 56 | (datum & ((1ull << 56) - 1));
}

struct Arena {
    uint64_t base = ARENA;
    std::vector<uint64_t> data;
    std::vector<uint8_t> tag;
    explicit Arena(size_t words) : data(words), tag(words) {}
    size_t idx(uint64_t a) const { return size_t((a - base) >> 3); }
    uint64_t end() const { return base + 8 * data.size(); }
    // A tagged word in register form, stored in memory form.
    void put(uint64_t a, uint64_t v)
    {
        data[idx(a)] = uint64_t(int64_t(v << 8) >> 8);
        tag[idx(a)] = uint8_t(v >> 56);
    }
    void put_raw(uint64_t a, uint64_t d)
    {
        data[idx(a)] = d;
        tag[idx(a)] = 0;
    }
    uint64_t word(uint64_t a) const { return make(tag[idx(a)], data[idx(a)]); }
    gc_port port() { return gc_port{ base, data.size(), data.data(), tag.data() }; }
    bool operator==(const Arena &o) const { return data == o.data && tag == o.tag; }
};

struct Object {
    uint64_t addr;
    uint64_t words; // including the header
    bool headed;
};

struct Shape {
    uint64_t heap_words = 2000;  // allocated words (roughly)
    unsigned roots = 16;
    double p_pair = 0.5, p_raw = 0.1, p_large = 0.03; // else a vector of values
    double p_ref = 0.5;          // a field is a reference
    double p_external = 0.05;    // a reference is external
    unsigned max_vector = 8;
    unsigned large_min = 64, large_max = 300;
};

struct Heap {
    gc_config cfg{};
    std::vector<Object> objs;
    Arena arena;
    Heap(size_t words) : arena(words) {}
};

// The root table, then the heap (with free space to its limit), then the
// side tables, in one arena.
inline Heap generate(std::mt19937_64 &rng, const Shape &s)
{
    auto pick = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
    auto below = [&](uint64_t n) { return std::uniform_int_distribution<uint64_t>(0, n - 1)(rng); };
    uint64_t root_words = s.roots;
    uint64_t heap_off = (8 * root_words + 0xFFF) & ~0xFFFull;
    // Objects first (their sizes), then their contents, so that references
    // may point forwards and backwards.
    std::vector<Object> objs;
    std::vector<unsigned> kind; // 0 pair, 1 vector, 2 raw, 3 large
    uint64_t w = 0;
    while (w < s.heap_words) {
        unsigned k = pick(s.p_pair) ? 0 : pick(s.p_raw) ? 2 : pick(s.p_large) ? 3 : 1;
        uint64_t n = k == 0 ? 2
                   : k == 1 ? 1 + below(s.max_vector + 1)
                   : k == 2 ? 1 + below(41)
                   : 1 + s.large_min + below(s.large_max - s.large_min + 1);
        objs.push_back({ 0, n, k != 0 });
        kind.push_back(k);
        w += n;
    }
    uint64_t heap_words = w, free_words = below(64) + 8;
    uint64_t nbw = (heap_words + 63) / 64;
    uint64_t side_words = 2 * nbw + heap_words / 2 + 8;
    Heap h(size_t(heap_off / 8 + heap_words + free_words + side_words));
    gc_config &c = h.cfg;
    c.root_base = ARENA;
    c.root_count = root_words;
    c.heap_base = ARENA + heap_off;
    c.heap_top = c.heap_base + 8 * heap_words;
    c.heap_limit = c.heap_top + 8 * free_words;
    c.side_base = c.heap_limit;
    c.side_size = 8 * side_words;
    uint64_t a = c.heap_base;
    for (auto &o : objs) {
        o.addr = a;
        a += 8 * o.words;
    }
    std::vector<size_t> pairs, headed;
    for (size_t i = 0; i < objs.size(); i++)
        (objs[i].headed ? headed : pairs).push_back(i);
    auto acc = [&]() { return unsigned(below(16)) << 4; };
    auto value = [&]() -> uint64_t {
        if (pick(s.p_ref)) {
            if (pick(s.p_external)) {
                uint64_t ext = pick(0.5) ? PMEM_EXT : DRAM_EXT;
                return make((T_CONS + unsigned(below(3))) | acc(), ext + 8 * below(1 << 20));
            }
            if (!pairs.empty() && (headed.empty() || pick(0.5)))
                return make(T_CONS | acc(), objs[pairs[below(pairs.size())]].addr);
            if (!headed.empty())
                return make((pick(0.5) ? T_SYMBOL : T_OBJECT) | acc(), objs[headed[below(headed.size())]].addr);
        }
        switch (below(4)) {
        case 0: return make(T_FIXNUM, rng());
        case 1: return make(T_CHAR, below(0x110000));
        case 2: return make(T_IMM, below(7));
        default: return make(0, rng()); // RAW: only the low 56 bits survive make; see put_raw below
        }
    };
    Arena &ar = h.arena;
    for (uint64_t i = 0; i < root_words; i++)
        ar.put(c.root_base + 8 * i, value());
    for (size_t i = 0; i < objs.size(); i++) {
        const Object &o = objs[i];
        uint64_t first = o.addr;
        if (o.headed) {
            ar.put(o.addr, make(T_HEADER, uint64_t(below(256)) << 48 | (o.words - 1)));
            first += 8;
        }
        for (uint64_t f = first; f < o.addr + 8 * o.words; f += 8) {
            if (kind[i] == 2) {
                ar.put_raw(f, rng()); // raw payload: all 64 bits, tag RAW
                continue;
            }
            uint64_t v = value();
            if (v >> 56 == 0)
                ar.put_raw(f, rng());
            else
                ar.put(f, v);
        }
    }
    // Whatever the side tables and the free space held before: the
    // collector must not care. Free space is RAW by contract.
    for (uint64_t f = c.heap_top; f < c.heap_limit; f += 8)
        ar.put_raw(f, 0);
    for (uint64_t f = c.side_base; f < c.side_base + c.side_size; f += 8)
        ar.put(f, make(T_CONS, rng()));
    h.objs = objs;
    return h;
}

// What a collection of h must leave: computed object by object, with a
// breadth-first mark and a map from old to new addresses.
struct Expected {
    Arena arena;
    uint64_t new_top = 0, live_words = 0, live_objects = 0, moved_bytes = 0;
    explicit Expected(const Arena &a) : arena(a) {}
};

inline bool is_internal(const gc_config &c, uint64_t v)
{
    unsigned t = unsigned(v >> 56) & 0xF;
    uint64_t a = uint64_t(int64_t(v << 8) >> 8);
    return t >= T_CONS && t <= T_OBJECT && a >= c.heap_base && a < c.heap_limit;
}

inline uint64_t addr_of(uint64_t v)
{
    return uint64_t(int64_t(v << 8) >> 8);
}

inline Expected reference_collect(const Heap &h)
{
    const gc_config &c = h.cfg;
    const Arena &in = h.arena;
    std::map<uint64_t, size_t> at;
    for (size_t i = 0; i < h.objs.size(); i++)
        at[h.objs[i].addr] = i;
    std::vector<bool> live(h.objs.size());
    std::vector<size_t> work;
    auto reach = [&](uint64_t v) {
        if (!is_internal(c, v))
            return;
        size_t i = at.at(addr_of(v));
        if (!live[i]) {
            live[i] = true;
            work.push_back(i);
        }
    };
    for (uint64_t r = 0; r < c.root_count; r++)
        reach(in.word(c.root_base + 8 * r));
    while (!work.empty()) {
        const Object &o = h.objs[work.back()];
        work.pop_back();
        for (uint64_t f = o.addr + (o.headed ? 8 : 0); f < o.addr + 8 * o.words; f += 8)
            reach(in.word(f));
    }
    Expected e(in);
    std::map<uint64_t, uint64_t> fwd;
    uint64_t dst = c.heap_base;
    for (size_t i = 0; i < h.objs.size(); i++) {
        if (!live[i])
            continue;
        fwd[h.objs[i].addr] = dst;
        dst += 8 * h.objs[i].words;
    }
    auto fix = [&](uint64_t v) {
        return is_internal(c, v) ? (v & ~((1ull << 56) - 1)) | fwd.at(addr_of(v)) : v;
    };
    uint64_t nbw = (((c.heap_top - c.heap_base) >> 3) + 63) / 64;
    std::vector<uint64_t> mark(nbw);
    for (size_t i = 0; i < h.objs.size(); i++) {
        if (!live[i])
            continue;
        const Object &o = h.objs[i];
        uint64_t to = fwd.at(o.addr);
        for (uint64_t k = 0; k < o.words; k++) {
            uint64_t src = o.addr + 8 * k, w = ((src - c.heap_base) >> 3);
            mark[w / 64] |= 1ull << (w % 64);
            if (in.tag[in.idx(src)] == 0)
                e.arena.put_raw(to + 8 * k, in.data[in.idx(src)]);
            else
                e.arena.put(to + 8 * k, fix(in.word(src)));
        }
        e.live_words += o.words;
        e.live_objects++;
        if (to != o.addr)
            e.moved_bytes += 8 * o.words;
    }
    e.new_top = dst;
    for (uint64_t a = dst; a < c.heap_top; a += 8)
        e.arena.put_raw(a, 0);
    for (uint64_t r = 0; r < c.root_count; r++)
        e.arena.put(c.root_base + 8 * r, fix(in.word(c.root_base + 8 * r)));
    uint64_t total = 0;
    for (uint64_t b = 0; b < nbw; b++) {
        e.arena.put_raw(c.side_base + 8 * b, total);
        e.arena.put_raw(c.side_base + 8 * (nbw + b), mark[b]);
        for (uint64_t m = mark[b]; m; m &= m - 1)
            total++;
    }
    return e;
}

// An empty layout for hand-made heaps: the caller writes the words from
// cfg.heap_base and the roots, and sets cfg.heap_top.
inline Heap layout(uint64_t heap_words, uint64_t roots, uint64_t side_words)
{
    uint64_t heap_off = (8 * roots + 0xFFF) & ~0xFFFull;
    Heap h(size_t(heap_off / 8 + heap_words + side_words));
    h.cfg.root_base = ARENA;
    h.cfg.root_count = roots;
    h.cfg.heap_base = h.cfg.heap_top = ARENA + heap_off;
    h.cfg.heap_limit = h.cfg.heap_base + 8 * heap_words;
    h.cfg.side_base = h.cfg.heap_limit;
    h.cfg.side_size = 8 * side_words;
    return h;
}

// The arena with the mark stack area (scratch) copied from another, for
// comparisons that exclude it.
inline Arena without_stack(const Arena &a, const Arena &from, const gc_config &c)
{
    Arena r = a;
    uint64_t nbw = (((c.heap_top - c.heap_base) >> 3) + 63) / 64;
    for (uint64_t f = c.side_base + 16 * nbw; f < c.side_base + c.side_size; f += 8) {
        r.data[r.idx(f)] = from.data[from.idx(f)];
        r.tag[r.idx(f)] = from.tag[from.idx(f)];
    }
    return r;
}

} // namespace heapgen

#endif
