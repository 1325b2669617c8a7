// The physical address space: region registration, RAM/ROM/device access,
// holes, and the alignment rule for devices.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <vector>

extern "C" {
#include "bus.h"
}

namespace {

// A device that records every access and answers with its offset.
struct FakeDev {
    unsigned reads = 0, writes = 0;
    uint64_t last_off = 0, last_val = 0;
    unsigned last_size = 0;
    bool reject = false;
};

bool fake_read(void *dev, uint64_t off, unsigned size, uint64_t *val)
{
    FakeDev *d = static_cast<FakeDev *>(dev);
    d->reads++;
    d->last_off = off;
    d->last_size = size;
    *val = 0x1000 + off;
    return !d->reject;
}

bool fake_write(void *dev, uint64_t off, unsigned size, uint64_t val)
{
    FakeDev *d = static_cast<FakeDev *>(dev);
    d->writes++;
    d->last_off = off;
    d->last_size = size;
    d->last_val = val;
    return !d->reject;
}

const struct mmio_ops fake_ops = { fake_read, fake_write };

struct BusTest : ::testing::Test {
    struct bus b;
    std::vector<uint8_t> ram = std::vector<uint8_t>(0x2000, 0);
    std::vector<uint8_t> rom = std::vector<uint8_t>(0x100, 0);
    FakeDev dev;

    void SetUp() override
    {
        memset(&b, 0, sizeof b);
        for (size_t i = 0; i < rom.size(); i++)
            rom[i] = (uint8_t)i;
        ASSERT_TRUE(bus_add_ram(&b, "ram", 0x80000000, ram.size(), ram.data(), true));
        ASSERT_TRUE(bus_add_ram(&b, "rom", 0x1000, rom.size(), rom.data(), false));
        ASSERT_TRUE(bus_add_device(&b, "dev", 0x10000000, 0x100, &fake_ops, &dev));
    }
};

TEST_F(BusTest, OverlappingRegionsRefused)
{
    uint8_t buf[0x1000];
    unsigned n = b.n;
    EXPECT_FALSE(bus_add_ram(&b, "same", 0x80000000, 0x2000, buf, true));
    EXPECT_FALSE(bus_add_ram(&b, "inside", 0x80000800, 0x10, buf, true));
    EXPECT_FALSE(bus_add_ram(&b, "around", 0x7ffff000, 0x4000, buf, true));
    EXPECT_FALSE(bus_add_ram(&b, "tail", 0x80001fff, 0x10, buf, true));
    EXPECT_FALSE(bus_add_ram(&b, "head", 0x7ffffff0, 0x11, buf, true));
    EXPECT_FALSE(bus_add_device(&b, "dev2", 0x100000ff, 0x10, &fake_ops, &dev));
    EXPECT_FALSE(bus_add_device(&b, "rom2", 0x10f0, 0x20, &fake_ops, &dev));
    EXPECT_EQ(b.n, n) << "refused regions must not be added";
    // Touching is not overlapping.
    EXPECT_TRUE(bus_add_ram(&b, "below", 0x7ffff000, 0x1000, buf, true));
    EXPECT_TRUE(bus_add_device(&b, "above", 0x80002000, 0x10, &fake_ops, &dev));
}

TEST_F(BusTest, DegenerateRegionsRefused)
{
    uint8_t buf[16];
    EXPECT_FALSE(bus_add_ram(&b, "empty", 0x90000000, 0, buf, true));
    EXPECT_FALSE(bus_add_ram(&b, "wraps", 0xfffffffffffff000ull, 0x2000, buf, true));
    EXPECT_TRUE(bus_add_ram(&b, "top", 0xfffffffffffff000ull, 0x1000 - 1, buf, true));
}

TEST_F(BusTest, RegionTableFull)
{
    uint8_t buf[16];
    unsigned added = 0;
    for (uint64_t i = 0; b.n < BUS_MAX_REGIONS; i++, added++)
        ASSERT_TRUE(bus_add_ram(&b, "r", 0x200000000ull + i * 0x1000, 16, buf, true));
    EXPECT_FALSE(bus_add_ram(&b, "one too many", 0x300000000ull, 16, buf, true));
    EXPECT_EQ(b.n, (unsigned)BUS_MAX_REGIONS);
}

TEST_F(BusTest, RamIsLittleEndianAndBounded)
{
    EXPECT_TRUE(bus_write(&b, 0x80000010, 8, 0x0102030405060708ull));
    EXPECT_EQ(ram[0x10], 0x08);
    EXPECT_EQ(ram[0x17], 0x01);
    uint64_t v = 0;
    EXPECT_TRUE(bus_read(&b, 0x80000012, 2, &v));
    EXPECT_EQ(v, 0x0506u);
    EXPECT_TRUE(bus_read(&b, 0x80000011, 4, &v)) << "RAM takes misaligned accesses";
    EXPECT_EQ(v, 0x04050607u);
    EXPECT_TRUE(bus_write(&b, 0x80000013, 1, 0xffff));
    EXPECT_EQ(ram[0x13], 0xff);
    EXPECT_EQ(ram[0x14], 0x04) << "a byte write writes one byte";
    EXPECT_TRUE(bus_read(&b, 0x80001ff8, 8, &v));
    EXPECT_FALSE(bus_read(&b, 0x80001ffc, 8, &v)) << "crosses the end";
    EXPECT_FALSE(bus_write(&b, 0x80001fff, 2, 0));
    EXPECT_FALSE(bus_read(&b, 0x7fffffff, 2, &v)) << "starts in the hole";
}

TEST_F(BusTest, RomIsReadOnly)
{
    uint64_t v = 0;
    EXPECT_TRUE(bus_read(&b, 0x1004, 4, &v));
    EXPECT_EQ(v, 0x07060504u);
    EXPECT_FALSE(bus_write(&b, 0x1004, 4, 0));
    EXPECT_EQ(rom[4], 4);
    EXPECT_NE(bus_host(&b, 0x1000, 0x100, false), nullptr);
    EXPECT_EQ(bus_host(&b, 0x1000, 0x100, true), nullptr) << "no writable pointer into ROM";
}

TEST(Bus, FlashIsReadOnlyToTheGuestButLoadable)
{
    struct bus b;
    memset(&b, 0, sizeof b);
    std::vector<uint8_t> flash(0x1000, 0);
    ASSERT_TRUE(bus_add_flash(&b, 0x20000000, flash.size(), flash.data()));
    EXPECT_FALSE(bus_write(&b, 0x20000010, 4, 0x11223344));
    EXPECT_EQ(bus_host(&b, 0x20000000, 0x10, true), nullptr);
    uint8_t *p = bus_host_load(&b, 0x20000010, 4);
    ASSERT_EQ(p, flash.data() + 0x10);
    p[0] = 0x5a;
    uint64_t v = 0;
    EXPECT_TRUE(bus_read(&b, 0x20000010, 1, &v));
    EXPECT_EQ(v, 0x5au);
    EXPECT_EQ(bus_host_load(&b, 0x20000ff0, 0x20), nullptr) << "past the end";
}

TEST_F(BusTest, HolesFault)
{
    uint64_t v = 0x1234;
    for (uint64_t pa : { 0ull, 0xfffull, 0x1100ull, 0x0fffffffull, 0x10000100ull, 0x40000000ull,
                         0x80002000ull, 0xfffffffffffffff8ull }) {
        EXPECT_FALSE(bus_read(&b, pa, 8, &v)) << std::hex << pa;
        EXPECT_FALSE(bus_write(&b, pa, 1, 0)) << std::hex << pa;
        EXPECT_EQ(bus_find(&b, pa, 1), nullptr) << std::hex << pa;
    }
    EXPECT_EQ(v, 0x1234u) << "a failed read leaves the value alone";
    EXPECT_EQ(dev.reads + dev.writes, 0u);
}

TEST_F(BusTest, DeviceAccessesGetOffsetAndSize)
{
    uint64_t v = 0;
    EXPECT_TRUE(bus_read(&b, 0x10000010, 4, &v));
    EXPECT_EQ(v, 0x1010u);
    EXPECT_EQ(dev.last_off, 0x10u);
    EXPECT_EQ(dev.last_size, 4u);
    EXPECT_TRUE(bus_write(&b, 0x100000f8, 8, 0xabcdef));
    EXPECT_EQ(dev.last_off, 0xf8u);
    EXPECT_EQ(dev.last_size, 8u);
    EXPECT_EQ(dev.last_val, 0xabcdefu);
    EXPECT_TRUE(bus_read(&b, 0x100000ff, 1, &v));
    EXPECT_EQ(dev.last_off, 0xffu);
    dev.reject = true;
    EXPECT_FALSE(bus_read(&b, 0x10000000, 4, &v)) << "device refusal is an access fault";
    EXPECT_FALSE(bus_write(&b, 0x10000000, 4, 0));
    EXPECT_EQ(bus_host(&b, 0x10000000, 4, false), nullptr) << "no host pointer into a device";
}

TEST_F(BusTest, MisalignedDeviceAccessRefusedBeforeTheDevice)
{
    uint64_t v;
    unsigned before = dev.reads + dev.writes;
    EXPECT_FALSE(bus_read(&b, 0x10000002, 4, &v));
    EXPECT_FALSE(bus_read(&b, 0x10000001, 2, &v));
    EXPECT_FALSE(bus_write(&b, 0x10000004, 8, 0));
    EXPECT_FALSE(bus_read(&b, 0x100000fc, 8, &v)) << "crosses the end of the device";
    EXPECT_EQ(dev.reads + dev.writes, before) << "the device never saw them";
}

TEST_F(BusTest, HostPointers)
{
    EXPECT_EQ(bus_host(&b, 0x80000000, 0x2000, true), ram.data());
    EXPECT_EQ(bus_host(&b, 0x80000100, 0x10, false), ram.data() + 0x100);
    EXPECT_EQ(bus_host(&b, 0x80000100, 0x1f01, true), nullptr);
    EXPECT_EQ(bus_host(&b, 0x80000000, UINT64_MAX, true), nullptr);
    EXPECT_EQ(bus_host(&b, UINT64_MAX, 2, false), nullptr);
    const struct bus_region *r = bus_find(&b, 0x80001000, 0x1000);
    ASSERT_NE(r, nullptr);
    EXPECT_STREQ(r->name, "ram");
    EXPECT_EQ(bus_find(&b, 0x80001000, 0x1001), nullptr);
}

} // namespace
