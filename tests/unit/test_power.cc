// The monitor's power command: the controller's state, the button, a held
// button and a cut, from a stopped machine and from inside a run (the
// window's overlay, no_run).
#include <gtest/gtest.h>

#include "rv_asm.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

extern "C" {
#include "amber/hw.h"
#include "debug.h"
#include "elf.h"
#include "machine.h"
#include "monitor.h"
#include "symbols.h"
}

namespace {

struct PowerMon : ::testing::Test {
    std::unique_ptr<machine> m = std::make_unique<machine>();
    symtab syms{};
    debug dbg{};
    monitor mon{};

    void SetUp() override
    {
        machine_config cfg = { 1u << 20, nullptr };
        ASSERT_TRUE(machine_init(m.get(), &cfg, nullptr));
        rv::Asm a(rv::DRAM);
        a.li(rv::t0, AMBER_POWER_BASE + PWR_CHECK);
        a.li(rv::t1, 42u << 8 | PWR_CHECK_PASS);
        a.sd(rv::t1, rv::t0, 0);
        a.j(a.here());
        machine_reset(m.get(), rv::DRAM);
        memcpy(m->dram, a.bytes().data(), a.bytes().size());
        m->cpu.pc = rv::DRAM;
        elf_image img{};
        ASSERT_TRUE(symtab_init(&syms, &img));
        debug_init(&dbg, m.get(), UINT64_MAX, stderr);
        monitor_init(&mon, m.get(), &dbg, &syms);
    }
    void TearDown() override
    {
        m->cpu.hooks = nullptr;
        symtab_free(&syms);
        machine_free(m.get());
    }
    std::string run(const char *line)
    {
        char *buf = nullptr;
        size_t len = 0;
        FILE *out = open_memstream(&buf, &len);
        monitor_exec(&mon, line, out);
        fclose(out);
        std::string s(buf, len);
        free(buf);
        return s;
    }
};

TEST_F(PowerMon, StateAndButton)
{
    EXPECT_NE(run("step 20").find("=>"), std::string::npos);
    std::string s = run("power");
    EXPECT_NE(s.find("no power cut scheduled"), std::string::npos) << s;
    EXPECT_NE(s.find("checks since power-on: 1 passed, 0 failed; the last, id 42, passed"), std::string::npos) << s;
    EXPECT_NE(run("power button").find("pressed the power button"), std::string::npos);
    EXPECT_TRUE(m->power.status & PWR_EV_BUTTON);
    EXPECT_NE(run("power").find("events 0x1 button"), std::string::npos);
    EXPECT_NE(run("power off").find("error: usage: power"), std::string::npos);
    EXPECT_FALSE(dbg.ended) << "a brief press does not stop the machine";
}

TEST_F(PowerMon, CutAndLongPressStopTheMachine)
{
    run("step 5");
    uint64_t at = m->cpu.instret;
    EXPECT_NE(run("power cut").find("the power was cut"), std::string::npos);
    EXPECT_EQ(m->cpu.instret, at) << "not one instruction more";
    EXPECT_TRUE(dbg.ended);
    EXPECT_EQ(dbg.end, STOP_POWER_CUT);
    EXPECT_NE(run("step").find("the power was cut"), std::string::npos) << "it stays off";
}

TEST_F(PowerMon, LongPressFromInsideARunIsTakenByTheRun)
{
    mon.no_run = true;
    EXPECT_NE(run("power button long").find("the power goes off now"), std::string::npos);
    EXPECT_TRUE(m->power.forced_off);
    EXPECT_EQ(machine_run(m.get(), UINT64_MAX), STOP_POWER_CUT);
    EXPECT_EQ(m->cpu.instret, 0u);
}

} // namespace
