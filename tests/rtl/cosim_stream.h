// Command streams for the co-simulation: packing helpers and a random
// generator of whole commands (optionally with errors mixed in) drawing on
// the memory of cosim_mem.h.
#ifndef TESTS_RTL_COSIM_STREAM_H
#define TESTS_RTL_COSIM_STREAM_H

#include <cstdint>
#include <cstdlib>
#include <random>
#include <vector>

#include "cosim_mem.h"

extern "C" {
#include "amber/hw.h"
}

namespace {

inline uint32_t xy(int x, int y) { return uint32_t(uint16_t(x)) | uint32_t(uint16_t(y)) << 16; }

inline std::vector<uint32_t> surface(uint64_t base = FB, int w = W, int h = H, uint32_t stride = W * 4 + 16,
                                     unsigned fmt = 0)
{
    return {GFX_OP_SURFACE | fmt << 8, uint32_t(base), uint32_t(base >> 32), stride, xy(w, h)};
}

inline void add(std::vector<uint32_t> &v, std::vector<uint32_t> c) { v.insert(v.end(), c.begin(), c.end()); }

struct Gen {
    std::mt19937 r;
    explicit Gen(uint32_t seed) : r(seed) {}
    int range(int lo, int hi) { return lo + int(r() % unsigned(hi - lo + 1)); }
    bool chance(int pct) { return int(r() % 100) < pct; }
    uint32_t pos() { return xy(range(-20, W + 20), range(-20, H + 20)); }
    uint32_t size() { return chance(10) ? xy(range(0, 300), range(0, 300)) : xy(range(0, 40), range(0, 30)); }
    unsigned rop() { return chance(40) ? GFX_ROP_COPY : unsigned(r() % 16); }

    // A stream of whole commands; with errors if allowed.
    std::vector<uint32_t> stream(int n, bool errors)
    {
        std::vector<uint32_t> s;
        unsigned fmt = chance(30) ? 1 : 0;
        uint32_t stride = (fmt ? W * 2 : W * 4) + 4 * range(0, 4);
        add(s, surface(FB, W, H, stride, fmt));
        for (int i = 0; i < n; i++) {
            int k = range(0, errors ? 11 : 9);
            switch (k) {
            case 0: add(s, {GFX_OP_FILL | rop() << 8, uint32_t(r()), pos(), size()}); break;
            case 1: add(s, {GFX_OP_COPY | rop() << 8, pos(), pos(), size()}); break;
            case 2: add(s, {GFX_OP_LINE | rop() << 8, uint32_t(r()), pos(), pos()}); break;
            case 3: {
                uint32_t h = GFX_OP_GLYPH | rop() << 8 | (chance(30) ? GFX_GLYPH_TRANSPARENT : 0) |
                             (chance(25) ? GFX_GLYPH_PATTERN : 0);
                uint32_t src = uint32_t(FONT) + 4 * range(0, 256);
                add(s, {h, uint32_t(r()), uint32_t(r()), pos(), size(), src, 0, 4u * range(0, 6)});
                break;
            }
            case 4: add(s, {GFX_OP_CLIP, pos(), pos()}); break;
            case 5: add(s, {GFX_OP_FENCE, uint32_t(r())}); break;
            case 6: add(s, {GFX_OP_NOP}); break;
            case 7: add(s, surface(FB, range(1, W), range(1, H), stride, fmt)); break;
            case 8: add(s, {GFX_OP_CLIP, xy(0, 0), xy(W, H)}); break;
            case 9: add(s, {GFX_OP_TRI | rop() << 8, uint32_t(r()), pos(), pos(), pos()}); break;
            case 10: // garbage: an invalid header, a bad surface, a misaligned glyph, memory that is not RAM
                switch (range(0, 3)) {
                case 0: s.push_back(uint32_t(r()) | 0x10000u); break;
                case 1: add(s, surface(FB + 2, W, H, stride, fmt)); break;
                case 2: add(s, {GFX_OP_GLYPH, 1, 2, pos(), size(), uint32_t(FONT) + 2, 0, 4}); break;
                default: add(s, surface(MEM_BASE + MEM_SIZE - 1024, W, H, stride, fmt)); break;
                }
                break;
            default: add(s, {GFX_OP_GLYPH | GFX_ROP_COPY << 8, 1, 2, pos(), size(), 0x40000000, 0, 8}); break;
            }
        }
        return s;
    }
};

// GFX_RTL_SEEDS limits the number of random streams (the gate-level
// netlist simulates a hundred times slower than the RTL).
uint32_t seeds(uint32_t full)
{
    const char *e = std::getenv("GFX_RTL_SEEDS");
    return e ? std::min(full, uint32_t(std::atoi(e))) : full;
}

} // namespace

#endif
