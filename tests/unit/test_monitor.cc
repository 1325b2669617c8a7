// The monitor's pieces on a real machine: expressions, symbols, commands,
// breakpoints and watchpoints, snapshots (round trip, damaged and hostile
// files, the layout check) and the GDB stub's packet handling.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "rv_asm.h"

extern "C" {
#include "crc32.h"
#include "debug.h"
#include "elf.h"
#include "gdbstub.h"
#include "monitor.h"
#include "monitor_expr.h"
#include "snapshot.h"
#include "symbols.h"
}

using namespace rv;

namespace {

// A loop that counts in a0, stores it to DATA and calls func, which adds 2
// to a1.
struct Prog {
    uint64_t loop, store, func;
};

Prog load_prog(Hart &h)
{
    Asm a;
    Prog p;
    a.li(t0, DATA);
    int loop = a.here(), func = a.label();
    a.addi(a0, a0, 1);
    p.store = a.pc();
    a.sd(a0, t0, 0);
    a.jal(ra, func);
    a.j(loop);
    a.bind(func);
    a.addi(a1, a1, 2);
    a.jalr(zero, ra, 0);
    h.load(a);
    p.loop = a.addr(loop);
    p.func = a.addr(func);
    return p;
}

// Symbols as an ELF symbol table would give them.
struct Syms {
    std::vector<struct elf_symbol> raw;
    struct symtab t;
    explicit Syms(const Prog &p)
    {
        raw = { { p.loop, 0, "loop" }, { p.func, 8, "func" }, { DATA, 8, "data" },
                { 0, 0, "crt0.o" }, { p.loop, 0, "$x" } };
        struct elf_image img{};
        img.sym = raw.data();
        img.nsym = (unsigned)raw.size();
        EXPECT_TRUE(symtab_init(&t, &img));
    }
    ~Syms() { symtab_free(&t); }
};

// Capture what a function writes to a FILE.
template <typename F> std::string capture(F f)
{
    char *buf = nullptr;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    f(out);
    fclose(out);
    std::string s(buf, len);
    free(buf);
    return s;
}

struct Mon {
    Hart h;
    Prog p;
    Syms syms;
    struct debug dbg;
    struct monitor mon;
    Mon() : p(load_prog(h)), syms(p)
    {
        debug_init(&dbg, &h.m, UINT64_MAX, stderr);
        monitor_init(&mon, &h.m, &dbg, &syms.t);
    }
    ~Mon() { h.c.hooks = nullptr; }
    std::string run(const std::string &line)
    {
        return capture([&](FILE *f) { monitor_exec(&mon, line.c_str(), f); });
    }
    uint64_t eval(const std::string &text)
    {
        struct expr e;
        char err[160] = "";
        uint64_t v = 0;
        EXPECT_TRUE(expr_parse(&e, text.c_str(), &syms.t, err, sizeof err) &&
                    expr_eval(&e, &h.m, &v, err, sizeof err))
            << text << ": " << err;
        return v;
    }
    std::string error(const std::string &text)
    {
        struct expr e;
        char err[160] = "";
        uint64_t v;
        bool ok = expr_parse(&e, text.c_str(), &syms.t, err, sizeof err) &&
                  expr_eval(&e, &h.m, &v, err, sizeof err);
        EXPECT_FALSE(ok) << text;
        return err;
    }
};

// Run the debugger for n steps (0: until something stops it).
struct stop run_for(struct debug *d, uint64_t n)
{
    struct run_req r = { n, nullptr, nullptr };
    return debug_run(d, &r);
}

} // namespace

TEST(MonitorExpr, ArithmeticFollowsC)
{
    Mon t;
    EXPECT_EQ(t.eval("1 + 2 * 3"), 7u);
    EXPECT_EQ(t.eval("(1 + 2) * 3"), 9u);
    EXPECT_EQ(t.eval("1 << 4 | 1"), 17u);
    EXPECT_EQ(t.eval("10 / 3 + 10 % 3"), 4u);
    EXPECT_EQ(t.eval("-1"), UINT64_MAX);
    EXPECT_EQ(t.eval("~0 == -1"), 1u);
    EXPECT_EQ(t.eval("!0 + !7"), 1u);
    EXPECT_EQ(t.eval("3 > 2 && 2 >= 2 && 1 < 2 && 1 <= 1 && 1 != 2"), 1u);
    EXPECT_EQ(t.eval("0 || 5"), 1u);
    EXPECT_EQ(t.eval("0 && 1 / 0"), 0u) << "&& does not evaluate its right side";
    EXPECT_EQ(t.eval("0x10 - 0b11"), 13u);
    EXPECT_EQ(t.eval("-1 > 1"), 1u) << "comparisons are unsigned";
    EXPECT_EQ(t.eval("1 << 64"), 0u);
    EXPECT_EQ(t.eval("6 ^ 3 & 5 - 4"), 6u ^ (3u & 1u));
    EXPECT_EQ(t.eval("5--3"), 8u);
}

TEST(MonitorExpr, RegistersCsrsSymbolsMemory)
{
    Mon t;
    t.h.c.x[10] = 5;
    t.h.c.x[8] = 9;
    t.h.set_csr(CSR_MSCRATCH, 0x77);
    t.h.put64(DATA, 0x1122334455667788ull);
    EXPECT_EQ(t.eval("a0 + x10 + $a0"), 15u);
    EXPECT_EQ(t.eval("fp + s0 + x8"), 27u);
    EXPECT_EQ(t.eval("pc"), DRAM);
    EXPECT_EQ(t.eval("priv"), 3u);
    EXPECT_EQ(t.eval("mscratch + $mscratch"), 0xeeu);
    EXPECT_EQ(t.eval("func"), t.p.func);
    EXPECT_EQ(t.eval("*data"), 0x1122334455667788ull);
    EXPECT_EQ(t.eval("mem8(data) + mem16(data + 6)"), 0x88u + 0x1122u);
    EXPECT_EQ(t.eval("mem32(data + 4)"), 0x11223344u);
    EXPECT_EQ(t.eval("mem64(data) == *data"), 1u);
    EXPECT_NE(t.error("$func").find("unknown register"), std::string::npos);
    EXPECT_NE(t.error("nosuchthing").find("unknown name"), std::string::npos);
}

TEST(MonitorExpr, BadInputIsRefused)
{
    Mon t;
    for (const char *bad : { "", "1 +", "(1", "1)", "2 3", "1 / 0", "1 % 0", "0x", "12ab", "0b2",
                             "99999999999999999999999", "mem8(", "mem8(1", "*", "$", "a0 = 1",
                             "mem64(0x40000000)", "$nosuch", "@", "x32", "x05" })
        EXPECT_FALSE(t.error(bad).empty()) << bad;
    std::string deep(40, '(');
    EXPECT_NE(t.error(deep + "1" + std::string(40, ')')).find("nested too deeply"), std::string::npos);
    std::string minus(40, '-');
    EXPECT_NE(t.error(minus + "1").find("nested too deeply"), std::string::npos);
    std::string longsum = "1";
    for (int i = 0; i < 100; i++)
        longsum += "+1";
    EXPECT_NE(t.error(longsum).find("too long"), std::string::npos);
}

TEST(MonitorExpr, Assign)
{
    Mon t;
    struct expr e;
    char err[160];
    auto assign = [&](const char *lhs, uint64_t v) {
        return expr_parse(&e, lhs, &t.syms.t, err, sizeof err) && expr_assign(&e, &t.h.m, v, err, sizeof err);
    };
    EXPECT_TRUE(assign("a0", 7));
    EXPECT_EQ(t.h.c.x[10], 7u);
    EXPECT_TRUE(assign("mem32(data)", 0xdeadbeef));
    EXPECT_EQ(t.h.get32(DATA), 0xdeadbeefu);
    EXPECT_TRUE(assign("*data", 1));
    EXPECT_EQ(t.h.get64(DATA), 1u);
    EXPECT_TRUE(assign("pc", DRAM + 4));
    EXPECT_EQ(t.h.c.pc, DRAM + 4);
    EXPECT_TRUE(assign("priv", 1));
    EXPECT_EQ(t.h.c.priv, 1u);
    EXPECT_EQ(t.h.c.dctx, 1u) << "the TLB context follows the privilege";
    t.h.set_priv(PRIV_M);
    EXPECT_TRUE(assign("minstret", 1000));
    EXPECT_EQ(cpu_minstret(&t.h.c), 1000u);
    EXPECT_FALSE(assign("pc", DRAM + 1));
    EXPECT_FALSE(assign("x0", 1));
    EXPECT_FALSE(assign("priv", 2));
    EXPECT_FALSE(assign("5", 1));
    EXPECT_FALSE(assign("a0 + 1", 1));
    EXPECT_FALSE(assign("mem8(0x10000000)", 1)) << "device registers are not written";
    EXPECT_FALSE(assign("*0x1000", 1)) << "the boot ROM is read-only";
}

TEST(MonitorSymbols, ByNameAndAddress)
{
    Hart h;
    Prog p = load_prog(h);
    Syms s(p);
    uint64_t a;
    char buf[64];
    EXPECT_TRUE(symtab_lookup(&s.t, "func", &a));
    EXPECT_EQ(a, p.func);
    EXPECT_FALSE(symtab_lookup(&s.t, "$x", &a)) << "mapping symbols are dropped";
    EXPECT_FALSE(symtab_lookup(&s.t, "crt0.o", &a)) << "file names at 0 are dropped";
    EXPECT_TRUE(symtab_describe(&s.t, p.func + 4, buf, sizeof buf));
    EXPECT_STREQ(buf, "func+0x4");
    EXPECT_TRUE(symtab_describe(&s.t, p.loop + 4, buf, sizeof buf));
    EXPECT_STREQ(buf, "loop+0x4");
    EXPECT_FALSE(symtab_describe(&s.t, DATA + 8, buf, sizeof buf)) << "past the end of a sized symbol";
    EXPECT_FALSE(symtab_describe(&s.t, 0x100, buf, sizeof buf));
    EXPECT_FALSE(symtab_describe(&s.t, p.loop + 0x100000, buf, sizeof buf)) << "far beyond a label";
    ASSERT_NE(symtab_at(&s.t, p.func), nullptr);
    EXPECT_STREQ(symtab_at(&s.t, p.func)->name, "func");
    EXPECT_EQ(symtab_at(&s.t, p.func + 2), nullptr);
}

TEST(MonitorCommands, StepBreakRegsPrint)
{
    Mon t;
    EXPECT_EQ(t.run("print 1 + 1"), "0x2 2\n");
    EXPECT_EQ(t.run("print func"), "0x" + [&] { char b[32]; snprintf(b, sizeof b, "%llx %llu <func>",
        (unsigned long long)t.p.func, (unsigned long long)t.p.func); return std::string(b); }() + "\n");
    EXPECT_NE(t.run("break func").find("breakpoint 1 at"), std::string::npos);
    std::string out = t.run("cont");
    EXPECT_NE(out.find("breakpoint 1\n=> "), std::string::npos) << out;
    EXPECT_EQ(t.h.c.pc, t.p.func);
    EXPECT_EQ(t.h.c.x[10], 1u);
    out = t.run("cont");
    EXPECT_EQ(t.h.c.pc, t.p.func) << "cont leaves the breakpoint it stands on";
    EXPECT_EQ(t.h.c.x[10], 2u);
    EXPECT_NE(t.run("info breakpoints").find("hits 2"), std::string::npos);
    uint64_t before = t.h.c.instret;
    t.run("step 3");
    EXPECT_EQ(t.h.c.instret, before + 3);
    EXPECT_NE(t.run("regs a1").find("0x0000000000000004"), std::string::npos);
    t.run("delete 1");
    EXPECT_EQ(t.run("info breakpoints"), "no breakpoints or watchpoints\n");
    out = t.run("until a0 == 10");
    EXPECT_NE(out.find("condition met"), std::string::npos) << out;
    EXPECT_EQ(t.h.c.x[10], 10u);
    out = t.run("while a0 < 12");
    EXPECT_EQ(t.h.c.x[10], 12u);
}

TEST(MonitorCommands, NextStepsOverCalls)
{
    Mon t;
    t.run("until pc == " + std::to_string(t.p.store + 4));
    ASSERT_EQ(t.h.c.pc, t.p.store + 4) << "at the jal";
    t.run("next");
    EXPECT_EQ(t.h.c.pc, t.p.store + 8) << "after the call";
    EXPECT_EQ(t.h.c.x[11], 2u) << "the call ran";
}

TEST(MonitorCommands, EveryErrorIsOneLine)
{
    Mon t;
    for (const char *bad : { "nosuch", "step 0", "step x", "break", "break 3", "watch", "watch r",
                             "watch 0 0", "x/4q 0", "x/0x 0", "x/4xw 0", "xp/4 0x40000000", "tags 0",
                             "disas 0", "print", "print (", "set", "set 1 = 2", "set a0", "info",
                             "info what", "delete 5", "trace", "trace x on", "savevm", "loadvm",
                             "loadvm /nonexistent", "quit 1", "help nosuch", "regs nosuch",
                             "x/4xw 1 2 3 4 5 6 7 8 9 10" }) {
        std::string out = t.run(bad);
        if (std::string(bad) == "trace")
            continue; // shows the trace settings
        EXPECT_EQ(out.rfind("error: ", 0), 0u) << bad << ": " << out;
        EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1) << bad << ": " << out;
    }
    EXPECT_EQ(t.h.c.instret, 0u) << "no error ran the machine";
    EXPECT_EQ(t.run(""), "");
    EXPECT_EQ(t.run("   # a comment"), "");
    std::string huge(5000, 'x');
    EXPECT_NE(t.run(huge).find("line too long"), std::string::npos);
}

TEST(MonitorCommands, HelpCoversEveryCommand)
{
    Mon t;
    std::string all = t.run("help");
    for (const char *c : { "help", "regs", "step", "next", "cont", "stop", "until", "while", "break",
                           "watch", "delete", "info", "x[", "xp[", "tags", "disas", "set", "print",
                           "trace", "stats", "savevm", "loadvm", "quit" }) {
        EXPECT_NE(("\n" + all).find(std::string("\n") + c), std::string::npos) << c;
        std::string name(c);
        if (name.back() == '[')
            name.pop_back();
        std::string one = t.run("help " + name);
        EXPECT_EQ(one.rfind(name, 0), 0u) << one;
    }
}

TEST(MonitorDebug, WatchpointStopsBeforeTheStore)
{
    Mon t;
    EXPECT_NE(t.run("watch data").find("watchpoint 1"), std::string::npos);
    std::string out = t.run("cont");
    EXPECT_NE(out.find("watchpoint 1: write at"), std::string::npos) << out;
    EXPECT_EQ(t.h.c.pc, t.p.store) << "stopped at the store";
    EXPECT_EQ(t.h.get64(DATA), 0u) << "before it wrote";
    uint64_t cycle = t.h.c.cycle, instret = t.h.c.instret;
    t.run("step");
    EXPECT_EQ(t.h.get64(DATA), 1u);
    EXPECT_EQ(t.h.c.instret, instret + 1);
    EXPECT_GT(t.h.c.cycle, cycle);
    out = t.run("cont");
    EXPECT_EQ(t.h.c.pc, t.p.store) << out;
    EXPECT_EQ(t.h.get64(DATA), 1u);
    t.run("delete");
    EXPECT_EQ(t.h.c.hooks, nullptr) << "nothing watched: the fast paths are back";
}

TEST(MonitorDebug, ReadWatchAndLimits)
{
    Mon t;
    EXPECT_EQ(debug_add_watch(&t.dbg, DATA, 0, WATCH_READ, OWNER_USER), 0u);
    EXPECT_EQ(debug_add_watch(&t.dbg, UINT64_MAX - 3, 8, WATCH_READ, OWNER_USER), 0u);
    for (unsigned i = 0; i < DEBUG_MAX_POINTS; i++)
        EXPECT_NE(debug_add_break(&t.dbg, HOLE + 4 * i, 0, OWNER_USER), 0u);
    EXPECT_EQ(debug_add_break(&t.dbg, HOLE, 0, OWNER_USER), 0u) << "all slots taken";
    EXPECT_NE(t.run("break 0x100").find("too many"), std::string::npos);
    debug_delete_all(&t.dbg, OWNER_GDB);
    EXPECT_EQ(t.dbg.nbreak, (unsigned)DEBUG_MAX_POINTS) << "GDB's delete-all leaves the user's";
    debug_delete_all(&t.dbg, OWNER_USER);
    EXPECT_EQ(t.dbg.nbreak, 0u);
    // A read watch does not fire on stores.
    EXPECT_NE(debug_add_watch(&t.dbg, DATA, 8, WATCH_READ, OWNER_USER), 0u);
    struct stop st = run_for(&t.dbg, 1000);
    EXPECT_EQ(st.why, WHY_STEPS);
    EXPECT_EQ(st.steps, 1000u);
}

TEST(MonitorDebug, SteppingDoesNotChangeTheProgram)
{
    Mon a, b;
    run_for(&a.dbg, 5000);
    b.h.run(a.h.c.instret);
    for (unsigned r = 0; r < 32; r++)
        EXPECT_EQ(a.h.c.x[r], b.h.c.x[r]) << r;
    EXPECT_EQ(a.h.c.pc, b.h.c.pc);
    EXPECT_EQ(a.h.get64(DATA), b.h.get64(DATA));
}

// ---- snapshots ----

namespace {

std::vector<uint8_t> save(Hart &h)
{
    char err[256] = "";
    size_t n = 0;
    void *p = snapshot_save_mem(&h.m, &n, err, sizeof err);
    EXPECT_NE(p, nullptr) << err;
    std::vector<uint8_t> v((uint8_t *)p, (uint8_t *)p + n);
    free(p);
    return v;
}

bool load(Hart &h, const std::vector<uint8_t> &v, std::string *why = nullptr)
{
    char err[256] = "";
    bool ok = snapshot_load_mem(&h.m, v.data(), v.size(), err, sizeof err);
    if (why)
        *why = err;
    return ok;
}

struct State {
    std::vector<uint64_t> regs;
    std::vector<uint8_t> dram;
    bool operator==(const State &o) const { return regs == o.regs && dram == o.dram; }
};

State state(Hart &h)
{
    State s;
    for (unsigned r = 0; r < 32; r++)
        s.regs.push_back(h.c.x[r]);
    s.regs.insert(s.regs.end(), { h.c.pc, h.c.priv, h.c.cycle, h.c.instret, h.c.csr.mstatus,
                                  h.c.timing.l1d_miss, h.m.uart.lsr, h.m.clint.mtimecmp });
    s.dram.assign(h.m.dram, h.m.dram + h.m.dram_size);
    return s;
}

// Set a section's contents through f and make the checksum right again,
// as a crafted file would.
template <typename F> void patch(std::vector<uint8_t> &v, const char *name, F f)
{
    size_t p = 32;
    while (p + 16 <= v.size() - 4) {
        uint64_t len;
        memcpy(&len, &v[p + 8], 8);
        if (memcmp(&v[p], name, 4) == 0) {
            f(&v[p + 16], len);
            break;
        }
        p += 16 + len;
    }
    struct crc32 *c = new struct crc32;
    crc32_init(c);
    crc32_add(c, v.data(), v.size() - 4);
    uint32_t sum = crc32_value(c);
    delete c;
    memcpy(&v[v.size() - 4], &sum, 4);
}

} // namespace

TEST(Snapshot, LayoutTablesCoverTheStructs)
{
    char err[256] = "";
    EXPECT_TRUE(snapshot_check_layout(err, sizeof err)) << err;
}

TEST(Snapshot, RoundTripThenTheSameRun)
{
    Hart h;
    load_prog(h);
    h.run(1000);
    std::vector<uint8_t> snap = save(h);
    State at_save = state(h);
    h.run(5000);
    State after = state(h);
    std::string why;
    ASSERT_TRUE(load(h, snap, &why)) << why;
    EXPECT_TRUE(state(h) == at_save);
    h.run(5000);
    EXPECT_TRUE(state(h) == after) << "the run after loading is the run after saving";

    Hart other;
    ASSERT_TRUE(load(other, snap, &why)) << why;
    EXPECT_TRUE(state(other) == at_save) << "into another machine";
    other.run(5000);
    EXPECT_TRUE(state(other) == after);
}

TEST(Snapshot, DamagedFilesChangeNothing)
{
    Hart h;
    load_prog(h);
    h.run(1000);
    std::vector<uint8_t> snap = save(h);
    h.run(777);
    State now = state(h);
    std::string why;
    for (size_t i = 0; i < snap.size(); i += snap.size() / 97 + 1) {
        std::vector<uint8_t> bad = snap;
        bad[i] ^= 0x01;
        EXPECT_FALSE(load(h, bad, &why)) << "flipped byte " << i;
    }
    for (size_t n : { (size_t)0, (size_t)7, (size_t)32, snap.size() / 2, snap.size() - 1 }) {
        std::vector<uint8_t> bad(snap.begin(), snap.begin() + n);
        EXPECT_FALSE(load(h, bad, &why)) << "truncated to " << n;
    }
    std::vector<uint8_t> longer = snap;
    longer.push_back(0);
    EXPECT_FALSE(load(h, longer, &why));
    EXPECT_TRUE(state(h) == now) << "nothing was changed";

    Hart small(512u << 10);
    EXPECT_FALSE(load(small, snap, &why));
    EXPECT_NE(why.find("MiB of DRAM"), std::string::npos) << why;
}

TEST(Snapshot, HostileContentsAreRefused)
{
    Hart h;
    load_prog(h);
    h.run(100);
    std::vector<uint8_t> snap = save(h);
    State now = state(h);
    std::string why;
    struct Case { const char *section; size_t offset; uint8_t value; const char *msg; };
    // CPU: priv follows x[33] and pc; UART: rx_head follows 10 registers and
    // the 16-byte FIFO; TLB: the low bits of a tag.
    for (const Case &c : { Case{ "CPU ", 33 * 8 + 8, 2, "privilege" }, Case{ "UART", 26, 200, "UART" },
                           Case{ "TLB ", 1, 0x10, "TLB" }, Case{ "FINI", 0, 7, "flag" },
                           Case{ "VERS", 0, 0, "" } }) {
        std::vector<uint8_t> bad = snap;
        if (std::string(c.section) == "VERS") {
            bad[8] = 2;
            patch(bad, "none", [](uint8_t *, uint64_t) {});
            EXPECT_FALSE(load(h, bad, &why));
            EXPECT_NE(why.find("version 2"), std::string::npos) << why;
            continue;
        }
        patch(bad, c.section, [&](uint8_t *p, uint64_t len) {
            ASSERT_LT(c.offset, len);
            p[c.offset] = c.value;
        });
        EXPECT_FALSE(load(h, bad, &why)) << c.section;
        EXPECT_NE(why.find(c.msg), std::string::npos) << why;
    }
    std::vector<uint8_t> bad = snap;
    patch(bad, "DRAM", [](uint8_t *p, uint64_t) { p[8] = 0xff; p[9] = 0xff; p[10] = 0xff; }); // page number
    EXPECT_FALSE(load(h, bad, &why));
    bad = snap;
    memcpy(&bad[32], "XXXX", 4);
    patch(bad, "none", [](uint8_t *, uint64_t) {});
    EXPECT_FALSE(load(h, bad, &why));
    EXPECT_NE(why.find("unknown section"), std::string::npos) << why;
    EXPECT_TRUE(state(h) == now);
}

// ---- the GDB stub ----

namespace {

struct Gdb {
    Mon t;
    struct gdbstub g;
    std::string sent;
    static void send(void *ctx, const void *data, size_t len)
    {
        static_cast<Gdb *>(ctx)->sent.append((const char *)data, len);
    }
    Gdb()
    {
        EXPECT_TRUE(gdb_init(&g, &t.h.m, &t.dbg, &t.mon, send, this));
        gdb_connect(&g);
    }
    ~Gdb() { gdb_free(&g); }
    enum gdb_action feed(const std::string &bytes)
    {
        EXPECT_TRUE(gdb_feed(&g, (const uint8_t *)bytes.data(), bytes.size()));
        return gdb_process(&g);
    }
    static std::string packet(const std::string &payload)
    {
        unsigned sum = 0;
        for (unsigned char ch : payload)
            sum += ch;
        char tail[8];
        snprintf(tail, sizeof tail, "#%02x", sum & 0xff);
        return "$" + payload + tail;
    }
    // The payload of the last reply.
    std::string ask(const std::string &payload)
    {
        sent.clear();
        feed(packet(payload));
        size_t a = sent.rfind('$'), b = sent.rfind('#');
        return a == std::string::npos || b < a ? "<none>" : sent.substr(a + 1, b - a - 1);
    }
};

} // namespace

TEST(GdbStub, RegistersMemoryAndPoints)
{
    Gdb d;
    d.t.h.c.x[10] = 0x1122;
    std::string g = d.ask("g");
    ASSERT_EQ(g.size(), 33u * 16);
    EXPECT_EQ(g.substr(10 * 16, 16), "2211000000000000");
    EXPECT_EQ(d.ask("p20"), "0000008000000000") << "pc is register 32";
    EXPECT_EQ(d.ask("Pa=0100000000000000"), "OK");
    EXPECT_EQ(d.t.h.c.x[10], 1u);
    d.t.h.put32(DATA, 0x04030201);
    char addr[32];
    snprintf(addr, sizeof addr, "%llx", (unsigned long long)DATA);
    EXPECT_EQ(d.ask(std::string("m") + addr + ",4"), "01020304");
    EXPECT_EQ(d.ask(std::string("M") + addr + ",2:aabb"), "OK");
    EXPECT_EQ(d.t.h.get32(DATA), 0x0403bbaau);
    EXPECT_EQ(d.ask(std::string("X") + addr + ",3:}\x03}\x04}\x0a"), "OK") << "binary, escaped";
    EXPECT_EQ(d.t.h.get32(DATA) & 0xffffff, 0x2a2423u) << "# $ *";
    snprintf(addr, sizeof addr, "%llx", (unsigned long long)d.t.p.func);
    EXPECT_EQ(d.ask(std::string("Z0,") + addr + ",4"), "OK");
    d.sent.clear();
    EXPECT_EQ(d.feed(Gdb::packet("c")), GDB_CONT);
    struct stop st = run_for(&d.t.dbg, 0);
    gdb_report_stop(&d.g, &st);
    EXPECT_NE(d.sent.find("T05swbreak:;"), std::string::npos) << d.sent;
    EXPECT_EQ(d.t.h.c.pc, d.t.p.func);
    EXPECT_EQ(d.ask(std::string("z0,") + addr + ",4"), "OK");
    EXPECT_EQ(d.t.dbg.nbreak, 0u);
    EXPECT_EQ(d.ask("Z2,80008000,8"), "OK");
    EXPECT_EQ(d.t.dbg.nwatch, 1u);
    EXPECT_EQ(d.ask("z2,80008000,8"), "OK");
    EXPECT_EQ(d.t.dbg.nwatch, 0u);
    std::string xml = d.ask("qXfer:features:read:target.xml:0,3fff");
    EXPECT_EQ(xml[0], 'l');
    EXPECT_NE(xml.find("<architecture>riscv:rv64</architecture>"), std::string::npos);
    EXPECT_NE(xml.find("name=\"mscratch\""), std::string::npos);
}

TEST(GdbStub, HostileBytesNeverBreakIt)
{
    Gdb d;
    uint64_t x = 88172645463325252ull; // xorshift: the same bytes every run
    for (int round = 0; round < 3000; round++) {
        std::string junk;
        int n = (int)(x % 64);
        for (int i = 0; i < n; i++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            static const char alphabet[] = "$#}*+-0123456789abcdefmMXgGpPZzqQvcsCSkD?:,;=\x03\x00\xff";
            junk += alphabet[x % (sizeof alphabet - 1)];
        }
        EXPECT_TRUE(gdb_feed(&d.g, (const uint8_t *)junk.data(), junk.size()) || true);
        enum gdb_action a;
        while ((a = gdb_process(&d.g)) != GDB_NONE) {
            if (a == GDB_CONT || a == GDB_STEP) {
                struct stop st = run_for(&d.t.dbg, 10);
                gdb_report_stop(&d.g, &st);
            }
        }
        d.sent.clear();
    }
    d.g.queued = 0;
    EXPECT_EQ(d.ask("m80000000,2").size(), 4u) << "still answering";
}
