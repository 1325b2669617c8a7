// The co-simulation's memory: one for the C model's memory port, one for the
// RTL's, each logging its writes, with a shared sequence of wait states
// (one number per access). Accesses outside memory fail at once, in both,
// as the RTL's memory contract wants.
#ifndef TESTS_RTL_COSIM_MEM_H
#define TESTS_RTL_COSIM_MEM_H

#include <cstdint>
#include <cstring>
#include <vector>

namespace {

constexpr uint64_t MEM_BASE = 0x80000000ull;
constexpr size_t MEM_SIZE = 1u << 18;
constexpr uint64_t FB = MEM_BASE + 0x1000;
constexpr uint64_t FONT = MEM_BASE + 0x30000; // glyph sources
constexpr int W = 64, H = 48;

struct Write {
    uint64_t addr;
    uint32_t val;
    unsigned mask;
    bool operator==(const Write &o) const { return addr == o.addr && val == o.val && mask == o.mask; }
};

// One memory and its log; the model and the RTL each have one.
struct Mem {
    std::vector<uint8_t> bytes = std::vector<uint8_t>(MEM_SIZE);
    std::vector<Write> writes;
    const std::vector<uint8_t> *waits = nullptr;
    int read_waits = 0; // SPRAM-like: every read answers one cycle late
    size_t next_wait = 0;
    uint64_t accesses = 0;

    static bool ok(uint64_t a) { return a >= MEM_BASE && a + 4 <= MEM_BASE + MEM_SIZE && !(a & 3); }
    int wait()
    {
        accesses++;
        if (!waits || waits->empty())
            return 0;
        return (*waits)[next_wait++ % waits->size()];
    }
    bool read(uint64_t a, uint32_t *v)
    {
        if (!ok(a))
            return false;
        std::memcpy(v, &bytes[a - MEM_BASE], 4);
        return true;
    }
    bool write(uint64_t a, uint32_t v, unsigned mask)
    {
        writes.push_back({a, v, mask});
        if (!ok(a))
            return false;
        for (unsigned i = 0; i < 4; i++)
            if (mask & (1u << i))
                bytes[a - MEM_BASE + i] = uint8_t(v >> (8 * i));
        return true;
    }
    uint64_t hash() const
    {
        uint64_t h = 1469598103934665603ull; // FNV-1a
        for (uint8_t b : bytes) {
            h ^= b;
            h *= 1099511628211ull;
        }
        return h;
    }
};

int model_rd(void *ctx, uint64_t a, uint32_t *v)
{
    auto *m = static_cast<Mem *>(ctx);
    int w = m->wait() + m->read_waits;
    return m->read(a, v) ? w : -1;
}

int model_wr(void *ctx, uint64_t a, uint32_t v, unsigned mask)
{
    auto *m = static_cast<Mem *>(ctx);
    int w = m->wait();
    return m->write(a, v, mask) ? w : -1;
}

// Answer the RTL's memory request of this cycle, as docs/hardware.md's
// memory contract says: the shared wait states first (reads of an SPRAM-like
// memory one more), then the access; a failing access answers at once.
// stall carries the wait cycles left between calls (-1: no access waiting).
template <class Top> void serve_mem(Top *top, Mem &mem, int &stall)
{
    top->mem_ready = 0;
    top->mem_err = 0;
    if (!top->mem_valid || top->rst) // nothing is served during reset
        return;
    uint64_t a = top->mem_addr;
    if (stall < 0)
        stall = Mem::ok(a) ? mem.wait() + (top->mem_we ? 0 : mem.read_waits) : (mem.wait(), 0);
    if (stall > 0) {
        stall--;
        top->mem_rdata = 0xA5A5A5A5; // garbage while not ready
        return;
    }
    top->mem_ready = 1;
    if (top->mem_we) {
        top->mem_err = !mem.write(a, top->mem_wdata, top->mem_wmask);
    } else {
        uint32_t v = 0xDEADBEEF;
        top->mem_err = !mem.read(a, &v);
        top->mem_rdata = v;
    }
    stall = -1;
}

} // namespace

#endif
