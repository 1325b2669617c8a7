// Scripted input: key names, simulated times, and the monitor's key, type,
// mouse, wait and at commands on a real machine.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "rv_asm.h"

extern "C" {
#include "debug.h"
#include "keynames.h"
#include "monitor.h"
#include "monitor_input.h"
}

using namespace rv;

namespace {

std::string exec(struct monitor *mon, const std::string &line)
{
    char *buf = nullptr;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    monitor_exec(mon, line.c_str(), out);
    fclose(out);
    std::string s(buf, len);
    free(buf);
    return s;
}

// A machine looping in place (or sleeping in WFI), with a monitor.
struct Script {
    Hart h;
    struct symtab syms{};
    struct debug dbg;
    struct monitor mon;
    explicit Script(bool sleep = false)
    {
        Asm a;
        int loop = a.here();
        if (sleep)
            a.wfi();
        a.j(loop);
        h.load(a);
        debug_init(&dbg, &h.m, UINT64_MAX, stderr);
        monitor_init(&mon, &h.m, &dbg, &syms);
    }
    ~Script() { h.c.hooks = nullptr; }
    std::string run(const std::string &line) { return exec(&mon, line); }
    // The keyboard FIFO's events, oldest first, as usage | pressed << 16.
    std::vector<uint32_t> keys()
    {
        std::vector<uint32_t> v;
        for (unsigned i = 0; i < h.m.devs.kbd.count; i++)
            v.push_back(h.m.devs.kbd.ev[(h.m.devs.kbd.head + i) % KBD_FIFO_DEPTH] & 0x1FFFF);
        return v;
    }
};

const uint32_t DOWN = KBD_EV_PRESSED;

} // namespace

TEST(ScriptInput, SimulatedTimes)
{
    uint64_t c = 0;
    EXPECT_TRUE(parse_sim_time("10ms", &c));
    EXPECT_EQ(c, 10000000u);
    EXPECT_TRUE(parse_sim_time("250us", &c));
    EXPECT_EQ(c, 250000u);
    EXPECT_TRUE(parse_sim_time("3s", &c));
    EXPECT_EQ(c, 3000000000u);
    EXPECT_TRUE(parse_sim_time("77ns", &c));
    EXPECT_EQ(c, 77u);
    EXPECT_TRUE(parse_sim_time("12345c", &c));
    EXPECT_EQ(c, 12345u);
    for (const char *bad : { "", "10", "ms", "-1ms", "1.5ms", "10 ms", "10m", "99999999999999999999c",
                             "18446744073709552s" })
        EXPECT_FALSE(parse_sim_time(bad, &c)) << bad;
}

TEST(ScriptInput, KeyNames)
{
    unsigned u = 0;
    bool shift = false;
    EXPECT_TRUE(key_by_name("a", &u));
    EXPECT_EQ(u, 0x04u);
    EXPECT_TRUE(key_by_name("Z", &u));
    EXPECT_EQ(u, 0x1Du);
    EXPECT_TRUE(key_by_name("0", &u));
    EXPECT_EQ(u, 0x27u);
    EXPECT_TRUE(key_by_name("F12", &u));
    EXPECT_EQ(u, 0x45u);
    EXPECT_TRUE(key_by_name("Enter", &u));
    EXPECT_EQ(u, 0x28u);
    EXPECT_TRUE(key_by_name("rshift", &u));
    EXPECT_EQ(u, 0xE5u);
    EXPECT_TRUE(key_by_name("0x2c", &u));
    EXPECT_EQ(u, 0x2Cu);
    for (const char *bad : { "", "f0", "f13", "0x0", "0x10000", "0xzz", "bogus", "aa" })
        EXPECT_FALSE(key_by_name(bad, &u)) << bad;

    EXPECT_TRUE(key_for_char('A', &u, &shift));
    EXPECT_EQ(u, 0x04u);
    EXPECT_TRUE(shift);
    EXPECT_TRUE(key_for_char('!', &u, &shift));
    EXPECT_EQ(u, 0x1Eu);
    EXPECT_TRUE(shift);
    EXPECT_TRUE(key_for_char('#', &u, &shift));
    EXPECT_EQ(u, 0x20u) << "shift+3, not the non-US # key";
    EXPECT_TRUE(shift);
    EXPECT_TRUE(key_for_char('/', &u, &shift));
    EXPECT_EQ(u, 0x38u);
    EXPECT_FALSE(shift);
    EXPECT_TRUE(key_for_char('~', &u, &shift));
    EXPECT_EQ(u, 0x35u);
    EXPECT_TRUE(shift);
    EXPECT_TRUE(key_for_char('\n', &u, &shift));
    EXPECT_EQ(u, 0x28u);
    EXPECT_FALSE(key_for_char('\x01', &u, &shift));
    EXPECT_FALSE(key_for_char('\xe9', &u, &shift));
}

TEST(ScriptInput, KeysReachTheKeyboard)
{
    Script t;
    EXPECT_EQ(t.run("key lctrl+c"), "");
    EXPECT_EQ(t.keys(), (std::vector<uint32_t>{ 0xE0 | DOWN, 0x06 | DOWN, 0x06, 0xE0 }));
    EXPECT_EQ(t.h.m.devs.kbd.ev[t.h.m.devs.kbd.head + 1] >> 24, 1u) << "c pressed with LCtrl held";
    EXPECT_EQ(t.run("key escape down"), "");
    EXPECT_EQ(t.run("key escape up"), "");
    EXPECT_EQ(t.keys().size(), 6u);
    EXPECT_EQ(t.keys()[4], 0x29u | DOWN);
    EXPECT_EQ(t.h.c.instret, 0u) << "keys do not run the machine";
    for (const char *bad : { "key", "key nosuch", "key a sideways", "key a+", "key a b c", "type",
                             "type hello", "type \"\\q\"", "type \"abc", "type \"caf\xc3\xa9\"" }) {
        std::string out = t.run(bad);
        EXPECT_EQ(out.rfind("error: ", 0), 0u) << bad << ": " << out;
        EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1) << bad << ": " << out;
    }
    EXPECT_EQ(t.keys().size(), 6u) << "a bad command sends nothing";
}

TEST(ScriptInput, TypePacesCharactersInSimulatedTime)
{
    Script t;
    EXPECT_EQ(t.run("type \"Hi there\""), "") << "spaces inside the quotes are one argument";
    std::vector<uint32_t> k = t.keys();
    ASSERT_EQ(k.size(), 18u);
    EXPECT_EQ(std::vector<uint32_t>(k.begin(), k.begin() + 6),
              (std::vector<uint32_t>{ 0xE1 | DOWN, 0x0B | DOWN, 0x0B, 0xE1, 0x0C | DOWN, 0x0C }));
    EXPECT_GE(t.h.c.cycle, 8 * TYPE_GAP_CYCLES) << "each character is followed by its gap";
    EXPECT_LT(t.h.c.cycle, 8 * TYPE_GAP_CYCLES + 1000);
}

TEST(ScriptInput, AfterTheGuestEndedTypeSaysSoOnce)
{
    Script t;
    t.dbg.ended = true;
    t.dbg.end = STOP_PASS;
    std::string out = t.run("type \"abc\"");
    EXPECT_EQ(out, std::string(debug_end_text(STOP_PASS)) + "\n") << "reported once";
    EXPECT_EQ(t.keys().size(), 6u) << "the keys are still queued";
    EXPECT_EQ(t.run("at 1ms key d"), std::string(debug_end_text(STOP_PASS)) + "\n");
    EXPECT_EQ(t.keys().size(), 8u) << "at does its command on the machine as it stands";
}

TEST(ScriptInput, AtAndWaitRunToSimulatedTimes)
{
    Script t;
    EXPECT_EQ(t.run("at 2ms key a"), "");
    EXPECT_GE(t.h.c.cycle, 2000000u);
    EXPECT_LT(t.h.c.cycle, 2000000u + 100) << "it stops at the first block end after the time";
    EXPECT_EQ(t.keys().size(), 2u);
    uint64_t before = t.h.c.cycle;
    EXPECT_EQ(t.run("at 1ms key b"), "") << "a time already past: at once";
    EXPECT_EQ(t.h.c.cycle, before);
    EXPECT_EQ(t.run("wait 500us"), "");
    EXPECT_GE(t.h.c.cycle, before + 500000);
    EXPECT_LT(t.h.c.cycle, before + 500000 + 100);
    EXPECT_EQ(t.h.m.stop_at, UINT64_MAX) << "no alarm left behind";
    EXPECT_EQ(t.run("at 5ms"), "error: usage: at TIME COMMAND\n");
    EXPECT_EQ(t.run("at soon key a"), std::string("error: bad time 'soon' (a whole number with a unit: ns, us, ms, "
                                                  "s, or c for cycles)\n"));
    EXPECT_EQ(t.run("wait"), "error: usage: wait TIME\n");
}

TEST(ScriptInput, AtWakesASleepingHart)
{
    Script t(true);
    t.h.m.console_eof = true; /* nothing else could wake it */
    EXPECT_EQ(t.run("at 3ms key a"), "") << "WFI with no interrupt: only the alarm ends the sleep";
    EXPECT_GE(t.h.c.cycle, 3000000u);
    EXPECT_FALSE(t.dbg.ended);
}

TEST(ScriptInput, ABreakpointStopsAtEarly)
{
    Script t;
    EXPECT_NE(t.run("break 0x80000000").find("breakpoint 1"), std::string::npos);
    std::string out = t.run("at 1ms key a");
    EXPECT_NE(out.find("breakpoint 1\n"), std::string::npos) << out;
    EXPECT_NE(out.find("error: stopped before 1ms: 'key a' not done"), std::string::npos) << out;
    EXPECT_TRUE(t.keys().empty());
    EXPECT_LT(t.h.c.cycle, 1000000u);
    EXPECT_EQ(t.h.m.stop_at, UINT64_MAX);
}

TEST(ScriptInput, MouseCommands)
{
    Script t;
    struct mouse &ms = t.h.m.devs.mouse;
    EXPECT_EQ(t.run("mouse move 100 (50 + 25)"), "");
    EXPECT_EQ(ms.x, 100u);
    EXPECT_EQ(ms.y, 75u);
    EXPECT_TRUE(ms.changed);
    EXPECT_EQ(t.run("mouse button left down"), "");
    EXPECT_EQ(t.run("mouse button 2 down"), "");
    EXPECT_EQ(ms.buttons, 5u);
    EXPECT_EQ(t.run("mouse button left up"), "");
    EXPECT_EQ(ms.buttons, 4u);
    EXPECT_EQ(t.run("mouse wheel -2"), "");
    EXPECT_EQ(t.run("mouse wheel 5"), "");
    EXPECT_EQ(ms.wheel, 3);
    for (const char *bad : { "mouse", "mouse move 1", "mouse move 70000 0", "mouse move -1 0",
                             "mouse button sixth down", "mouse button left sideways", "mouse wheel",
                             "mouse wheel 0x80000000", "mouse jump 1 2" }) {
        std::string out = t.run(bad);
        EXPECT_EQ(out.rfind("error: ", 0), 0u) << bad << ": " << out;
        EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1) << bad << ": " << out;
    }
    EXPECT_EQ(ms.x, 100u);
    EXPECT_EQ(ms.wheel, 3);
}

TEST(ScriptInput, NoRunRefusesWhatRunsTheMachine)
{
    Script t;
    t.mon.no_run = true;
    for (const char *cmd : { "step", "cont", "next", "until pc == 0", "while 1", "wait 1ms", "at 1ms key a",
                             "type \"a\"", "loadvm x.snap" }) {
        std::string out = t.run(cmd);
        EXPECT_NE(out.find("runs the machine"), std::string::npos) << cmd << ": " << out;
    }
    EXPECT_EQ(t.h.c.instret, 0u);
    EXPECT_TRUE(t.keys().empty());
    EXPECT_EQ(t.run("key a"), "") << "what does not run the machine still works";
    EXPECT_EQ(t.keys().size(), 2u);
}
