// Keyboard, mouse, real-time clock and the device table.
#include <gtest/gtest.h>

extern "C" {
#include "amber/hw.h"
#include "dev_kbd.h"
#include "dev_mouse.h"
#include "dev_rtc.h"
#include "devtable.h"
}

namespace {

uint32_t rd(const struct mmio_ops &ops, void *dev, unsigned off)
{
    uint64_t v = 0;
    EXPECT_TRUE(ops.read(dev, off, 4, &v));
    return uint32_t(v);
}

TEST(Kbd, EventsModifiersAndOverflow)
{
    struct kbd k;
    kbd_init(&k);
    EXPECT_EQ(rd(kbd_mmio, &k, DEV_ID), DEVID_KBD);
    EXPECT_EQ(rd(kbd_mmio, &k, KBD_DATA), 0u);
    kbd_event(&k, 0xE1, true);  // left shift
    kbd_event(&k, 0x04, true);  // A
    kbd_event(&k, 0x04, false);
    EXPECT_FALSE(kbd_irq(&k));
    ASSERT_TRUE(kbd_mmio.write(&k, KBD_CTRL, 4, KBD_CTRL_IRQ));
    EXPECT_TRUE(kbd_irq(&k));
    EXPECT_EQ(rd(kbd_mmio, &k, KBD_DATA), 0xE1u | KBD_EV_PRESSED | 0x02u << 24);
    EXPECT_EQ(rd(kbd_mmio, &k, KBD_DATA), 0x04u | KBD_EV_PRESSED | 0x02u << 24);
    EXPECT_EQ(rd(kbd_mmio, &k, KBD_DATA), 0x04u | 0x02u << 24);
    EXPECT_FALSE(kbd_irq(&k));
    EXPECT_EQ(rd(kbd_mmio, &k, KBD_MODS), 0x02u);
    for (unsigned i = 0; i < KBD_FIFO_DEPTH + 3; i++)
        kbd_event(&k, 0x05, true);
    EXPECT_EQ(rd(kbd_mmio, &k, KBD_STATUS), KBD_STATUS_READY | KBD_STATUS_OVERFLOW);
    ASSERT_TRUE(kbd_mmio.write(&k, KBD_STATUS, 4, KBD_STATUS_OVERFLOW));
    EXPECT_EQ(rd(kbd_mmio, &k, KBD_STATUS), KBD_STATUS_READY);
}

TEST(Mouse, PositionButtonsWheel)
{
    struct mouse m;
    mouse_init(&m);
    ASSERT_TRUE(mouse_mmio.write(&m, MOUSE_CTRL, 4, MOUSE_CTRL_IRQ));
    EXPECT_FALSE(mouse_irq(&m));
    mouse_move(&m, 100, 200);
    EXPECT_TRUE(mouse_irq(&m));
    EXPECT_EQ(rd(mouse_mmio, &m, MOUSE_POS), 100u | 200u << 16);
    EXPECT_FALSE(mouse_irq(&m));
    mouse_button(&m, 0, true);
    mouse_button(&m, 2, true);
    mouse_button(&m, 9, true); // no such button
    EXPECT_EQ(rd(mouse_mmio, &m, MOUSE_BUTTONS), 5u);
    mouse_wheel(&m, -3);
    mouse_wheel(&m, 1);
    EXPECT_EQ(int32_t(rd(mouse_mmio, &m, MOUSE_WHEEL)), -2);
    EXPECT_EQ(rd(mouse_mmio, &m, MOUSE_WHEEL), 0u);
    mouse_wheel(&m, INT32_MAX);
    mouse_wheel(&m, INT32_MAX);
    EXPECT_EQ(int32_t(rd(mouse_mmio, &m, MOUSE_WHEEL)), INT32_MAX);
}

TEST(Rtc, FollowsSimulatedTimeAndAlarms)
{
    uint64_t now = 0;
    struct rtc r;
    rtc_init(&r, &now, 1000000000ull, 1700000000ull * 1000000000ull);
    uint64_t v;
    ASSERT_TRUE(rtc_mmio.read(&r, RTC_TIME_NS, 8, &v));
    EXPECT_EQ(v, 1700000000ull * 1000000000ull);
    now = 1500;
    ASSERT_TRUE(rtc_mmio.read(&r, RTC_TIME_NS, 8, &v));
    EXPECT_EQ(v, 1700000000ull * 1000000000ull + 1500);
    ASSERT_TRUE(rtc_mmio.write(&r, RTC_TIME_NS, 8, 5000));
    ASSERT_TRUE(rtc_mmio.write(&r, RTC_ALARM_NS, 8, 6000));
    ASSERT_TRUE(rtc_mmio.write(&r, RTC_CTRL, 4, RTC_CTRL_ALARM));
    EXPECT_EQ(rtc_next_event(&r), 2500u);
    now = 2499;
    rtc_sync(&r);
    EXPECT_FALSE(rtc_irq(&r));
    now = 2500;
    rtc_sync(&r);
    EXPECT_TRUE(rtc_irq(&r));
    ASSERT_TRUE(rtc_mmio.write(&r, RTC_STATUS, 4, RTC_STATUS_ALARM));
    EXPECT_TRUE(rtc_irq(&r)); // still due: the alarm condition holds
    ASSERT_TRUE(rtc_mmio.write(&r, RTC_CTRL, 4, 0));
    ASSERT_TRUE(rtc_mmio.write(&r, RTC_STATUS, 4, RTC_STATUS_ALARM));
    EXPECT_FALSE(rtc_irq(&r));
}

TEST(DevTable, Layout)
{
    struct devtable t;
    devtable_init(&t);
    EXPECT_TRUE(devtable_add(&t, DEVID_GFX, 1, PLIC_SRC_GFX, AMBER_GFX_BASE, 4096));
    auto u32 = [&](unsigned o) { return uint32_t(t.page[o] | t.page[o + 1] << 8 | t.page[o + 2] << 16 | uint32_t(t.page[o + 3]) << 24); };
    EXPECT_EQ(u32(DEVTABLE_MAGIC), DEVID_TABLE);
    EXPECT_EQ(u32(DEVTABLE_COUNT), 1u);
    EXPECT_EQ(u32(DEVTABLE_ENTRY_SIZE), 32u);
    EXPECT_EQ(u32(DEVTABLE_ENTRIES + DTE_ID), DEVID_GFX);
    EXPECT_EQ(u32(DEVTABLE_ENTRIES + DTE_VERSION), 1u | PLIC_SRC_GFX << 16);
    EXPECT_EQ(u32(DEVTABLE_ENTRIES + DTE_BASE), uint32_t(AMBER_GFX_BASE));
    for (unsigned i = 1; i < DEVTABLE_MAX; i++)
        EXPECT_TRUE(devtable_add(&t, 1, 1, 0, 0, 0));
    EXPECT_FALSE(devtable_add(&t, 1, 1, 0, 0, 0));
}

} // namespace
