// Persistent memory: the image header (encode, decode, every rejection),
// image files (create, lock, truncation), and the persistence model (what
// reaches the media after stores, evictions, cleans, fences and power cuts
// in each mode, and the wear it costs).
#include <gtest/gtest.h>

#include "rv_asm.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include <fcntl.h>
#include <unistd.h>

extern "C" {
#include "amber/hw.h"
#include "dev_nvdimm.h"
#include "dev_power.h"
#include "host_button.h"
#include "image.h"
#include "machine.h"
#include "pmem.h"
}

namespace {

image_header sample()
{
    image_header h{};
    h.version = IMAGE_VERSION;
    h.size = 4u << 20;
    h.created = 1234567890;
    h.pmem_base = 0x1000000000ull;
    h.dram_size = 256u << 20;
    h.cache_line = 64;
    h.media_line = IMAGE_MEDIA_LINE;
    h.uuid[0] = 0xab;
    strcpy(h.os_id, "amber-os test");
    image_layout(&h);
    return h;
}

std::string decode_error(const uint8_t *buf, size_t len)
{
    image_header h;
    char err[256] = "";
    EXPECT_FALSE(image_decode(buf, len, &h, err, sizeof err));
    return err;
}

TEST(ImageHeader, RoundTrip)
{
    image_header h = sample(), back;
    uint8_t buf[IMAGE_HEADER_BYTES];
    image_encode(&h, buf);
    char err[256];
    ASSERT_TRUE(image_decode(buf, sizeof buf, &back, err, sizeof err)) << err;
    EXPECT_EQ(back.size, h.size);
    EXPECT_EQ(back.created, h.created);
    EXPECT_EQ(back.uuid[0], 0xab);
    EXPECT_STREQ(back.os_id, "amber-os test");
    EXPECT_EQ(back.file_size, h.file_size);
    EXPECT_EQ(back.tags_off, IMAGE_DATA_OFF + h.size);
}

TEST(ImageHeader, Rejections)
{
    image_header h = sample();
    uint8_t buf[IMAGE_HEADER_BYTES];
    image_encode(&h, buf);

    EXPECT_NE(decode_error(buf, 100).find("truncated"), std::string::npos);
    EXPECT_NE(decode_error(buf, 4).find("not an Amber image"), std::string::npos);

    uint8_t bad[IMAGE_HEADER_BYTES];
    memcpy(bad, buf, sizeof bad);
    bad[0] = 'X';
    EXPECT_NE(decode_error(bad, sizeof bad).find("not an Amber image"), std::string::npos);

    memcpy(bad, buf, sizeof bad);
    bad[17] ^= 1; // the size, without fixing the checksum
    EXPECT_NE(decode_error(bad, sizeof bad).find("checksum"), std::string::npos);

    image_header newer = h;
    newer.version = IMAGE_VERSION + 1;
    image_encode(&newer, bad);
    EXPECT_NE(decode_error(bad, sizeof bad).find("newer"), std::string::npos);

    image_header odd = h;
    odd.size = (4u << 20) + 512; // valid checksum, impossible size
    image_layout(&odd);
    image_encode(&odd, bad);
    EXPECT_NE(decode_error(bad, sizeof bad).find("size"), std::string::npos);

    image_header other = h;
    other.pmem_base = 0x2000000000ull;
    image_encode(&other, bad);
    EXPECT_NE(decode_error(bad, sizeof bad).find("machine configuration"), std::string::npos);

    image_header state = h;
    state.state = 9;
    image_encode(&state, bad);
    EXPECT_NE(decode_error(bad, sizeof bad).find("shutdown state"), std::string::npos);
}

// A fresh image in a temporary directory, opened for a pmem model.
struct Pmem : ::testing::Test {
    char dir[64] = "/tmp/amber-nvdimm-XXXXXX";
    std::string path;
    image im{};
    pmem p{};
    bool opened = false;

    void SetUp() override
    {
        ASSERT_NE(mkdtemp(dir), nullptr);
        path = std::string(dir) + "/t.img";
        char err[256];
        ASSERT_TRUE(image_create(path.c_str(), 1u << 20, err, sizeof err)) << err;
    }
    void open(pmem_config cfg)
    {
        char err[256];
        ASSERT_TRUE(image_open(&im, path.c_str(), true, err, sizeof err)) << err;
        ASSERT_TRUE(pmem_open(&p, &im, &cfg, err, sizeof err)) << err;
        opened = true;
    }
    void TearDown() override
    {
        char err[256];
        if (opened) {
            pmem_close(&p);
            image_close(&im, IMAGE_CLEAN, err, sizeof err);
        }
        unlink(path.c_str());
        rmdir(dir);
    }
    void store(uint64_t off, uint64_t v)
    {
        memcpy(p.data + off, &v, 8);
        pmem_write(&p, off, 8);
    }
    uint64_t media(uint64_t off) const
    {
        uint64_t v;
        memcpy(&v, p.m_data + off, 8);
        return v;
    }
    uint64_t arch(uint64_t off) const
    {
        uint64_t v;
        memcpy(&v, p.data + off, 8);
        return v;
    }
};

constexpr pmem_config small = { 4, 2, 4, false, false, 1 }; // 8 dirty lines, 4 queued

TEST_F(Pmem, StoresAreVolatileUntilCleanAndFence)
{
    open(small);
    store(0, 0x1111);
    EXPECT_EQ(media(0), 0u);
    EXPECT_TRUE(pmem_line_volatile(&p, 0));
    pmem_clean(&p, 0);
    EXPECT_EQ(media(0), 0u) << "a clean alone is not the persistence point";
    EXPECT_TRUE(pmem_line_volatile(&p, 0));
    store(8, 0x2222); // after the clean: not covered by the coming fence
    EXPECT_GT(pmem_fence(&p), 0u);
    EXPECT_EQ(media(0), 0x1111u);
    EXPECT_EQ(media(8), 0u) << "the fence persists what the clean captured";
    EXPECT_TRUE(pmem_line_volatile(&p, 8));
    EXPECT_EQ(pmem_fence(&p), 0u) << "nothing queued: the fence is free";
}

TEST_F(Pmem, PowerCutLosesUnflushedLines)
{
    open(small);
    store(0, 0xaaaa);
    pmem_clean(&p, 0);
    pmem_fence(&p);
    store(64, 0xbbbb);      // dirty
    store(128, 0xcccc);
    pmem_clean(&p, 128);    // queued, not fenced
    ASSERT_TRUE(pmem_power_cut(&p));
    EXPECT_EQ(arch(0), 0xaaaau);
    EXPECT_EQ(arch(64), 0u);
    EXPECT_EQ(arch(128), 0u);
    EXPECT_EQ(p.st.lost_lines, 2u);
    EXPECT_FALSE(pmem_line_volatile(&p, 64));
}

TEST_F(Pmem, EvictionWritesBackTheLeastRecentlyUsedLine)
{
    open(small);
    // Lines 0, 4, 8 map to set 0 of a 4-set, 2-way cache.
    store(0 * 64, 1);
    store(4 * 64, 2);
    store(0 * 64, 3);   // line 0 becomes most recent
    store(8 * 64, 4);   // evicts line 4
    EXPECT_EQ(p.st.evictions, 1u);
    EXPECT_EQ(media(4 * 64), 2u);
    EXPECT_EQ(media(0), 0u);
    ASSERT_TRUE(pmem_power_cut(&p));
    EXPECT_EQ(arch(4 * 64), 2u) << "an evicted line is on the media";
    EXPECT_EQ(arch(0), 0u);
}

TEST_F(Pmem, EadrPersistsEverything)
{
    pmem_config cfg = small;
    cfg.eadr = true;
    open(cfg);
    store(0, 7);
    store(64, 8);
    pmem_clean(&p, 64);
    ASSERT_TRUE(pmem_power_cut(&p));
    EXPECT_EQ(arch(0), 7u);
    EXPECT_EQ(arch(64), 8u);
    EXPECT_EQ(p.st.lost_lines, 0u);
}

TEST_F(Pmem, AdversarialPersistsASeededSubset)
{
    pmem_config cfg = { 64, 8, 4, false, true, 42 };
    open(cfg);
    for (uint64_t i = 0; i < 64; i++)
        store(i * 64, i + 1);
    ASSERT_TRUE(pmem_power_cut(&p));
    unsigned kept = 0;
    for (uint64_t i = 0; i < 64; i++) {
        uint64_t v = arch(i * 64);
        EXPECT_TRUE(v == 0 || v == i + 1);
        kept += v != 0;
    }
    EXPECT_GT(kept, 8u);
    EXPECT_LT(kept, 56u);
    EXPECT_EQ(kept + p.st.lost_lines, 64u);
}

TEST_F(Pmem, WearCountsMediaLinesWithWriteCombining)
{
    open(small);
    // Four 64-byte lines of one 256-byte media line, written back together.
    for (uint64_t i = 0; i < 4; i++) {
        store(i * 64, i + 1);
        pmem_clean(&p, i * 64);
    }
    pmem_fence(&p);
    EXPECT_EQ(p.wear[0], 1u);
    EXPECT_EQ(p.st.media_writes, 1u);
    EXPECT_EQ(p.st.combined, 3u);
    // Push media line 0 out of the write-combining buffer, then write it again.
    for (uint64_t i = 1; i <= PMEM_WC_LINES; i++) {
        store(i * IMAGE_MEDIA_LINE, 1);
        pmem_clean(&p, i * IMAGE_MEDIA_LINE);
    }
    store(0, 9);
    pmem_clean(&p, 0);
    pmem_fence(&p);
    EXPECT_EQ(p.wear[0], 2u);
    EXPECT_EQ(p.wear[1], 1u);
}

TEST_F(Pmem, TagsPersistWithTheirLine)
{
    open(small);
    p.tags.page[0] = 1;
    p.tags.word[2] = 0x35; // word 2 of line 0
    pmem_write(&p, 16, 8);
    pmem_clean(&p, 0);
    pmem_fence(&p);
    EXPECT_EQ(p.m_tags[2], 0x35);
    EXPECT_EQ(p.m_tsum[0], 1);
    ASSERT_TRUE(pmem_power_cut(&p));
    EXPECT_EQ(p.tags.word[2], 0x35);
    EXPECT_EQ(p.tags.page[0], 1);
}

TEST_F(Pmem, TheImageIsLockedWhileInUse)
{
    open(small);
    image second;
    char err[256];
    EXPECT_FALSE(image_open(&second, path.c_str(), true, err, sizeof err));
    EXPECT_NE(std::string(err).find("locked"), std::string::npos) << err;
    EXPECT_FALSE(image_open(&second, path.c_str(), false, err, sizeof err));
}

TEST_F(Pmem, ATruncatedImageIsRefusedAndUntouched)
{
    ASSERT_EQ(truncate(path.c_str(), 8192), 0);
    image im2;
    char err[256];
    EXPECT_FALSE(image_open(&im2, path.c_str(), true, err, sizeof err));
    EXPECT_NE(std::string(err).find("truncated"), std::string::npos) << err;
    EXPECT_FALSE(image_open(&im2, path.c_str(), false, err, sizeof err));
    // The in-use mark was not written: the header still reads clean.
    int fd = ::open(path.c_str(), O_RDONLY);
    uint8_t buf[IMAGE_HEADER_BYTES];
    ASSERT_EQ(pread(fd, buf, sizeof buf, 0), (ssize_t)sizeof buf);
    close(fd);
    image_header h;
    ASSERT_TRUE(image_decode(buf, sizeof buf, &h, err, sizeof err));
    EXPECT_EQ(h.state, (uint32_t)IMAGE_CLEAN);
}

TEST_F(Pmem, ControllerBarrierAndWear)
{
    open(small);
    nvdimm d;
    nvdimm_init(&d, &p);
    uint64_t v = 0;
    ASSERT_TRUE(nvdimm_mmio.read(&d, NVDIMM_SIZE, 8, &v));
    EXPECT_EQ(v, 1u << 20);
    store(512, 5);
    pmem_clean(&p, 512);
    ASSERT_TRUE(nvdimm_mmio.read(&d, NVDIMM_BARRIER, 8, &v));
    EXPECT_EQ(v, 1u);
    ASSERT_TRUE(nvdimm_mmio.write(&d, NVDIMM_BARRIER, 8, 1));
    EXPECT_EQ(media(512), 5u);
    ASSERT_TRUE(nvdimm_mmio.write(&d, NVDIMM_WEAR_SEL, 8, 2));
    ASSERT_TRUE(nvdimm_mmio.read(&d, NVDIMM_WEAR, 4, &v));
    EXPECT_EQ(v, 1u);
    ASSERT_TRUE(nvdimm_mmio.read(&d, NVDIMM_WEAR_MAX, 4, &v));
    EXPECT_EQ(v, 1u);
    EXPECT_FALSE(nvdimm_mmio.write(&d, NVDIMM_SIZE, 8, 0)) << "read-only";
}

// The CPU's path: a store to PMEM reaches the model (not the media), cbo.clean
// plus fence put it on the media, and a load sees the architectural value.
TEST_F(Pmem, CpuStoresGoThroughTheModel)
{
    open(small);
    auto m = std::make_unique<machine>();
    machine_config cfg = { 1u << 20, &p };
    ASSERT_TRUE(machine_init(m.get(), &cfg, nullptr));
    rv::Asm a(rv::DRAM), b(rv::DRAM + 0x100);
    a.li(rv::t0, AMBER_PMEM_BASE + 0x40);
    a.li(rv::t1, 0x1234);
    a.sd(rv::t1, rv::t0, 0);
    a.ld(rv::t2, rv::t0, 0);
    a.fence(); // nothing cleaned: the store stays volatile
    a.j(a.here());
    b.cbo_clean(rv::t0);
    b.fence();
    b.j(b.here());
    machine_reset(m.get(), rv::DRAM);
    memcpy(m->dram, a.bytes().data(), a.bytes().size());
    memcpy(m->dram + 0x100, b.bytes().data(), b.bytes().size());
    m->cpu.pc = rv::DRAM;
    machine_run(m.get(), 100);
    EXPECT_EQ(m->cpu.x[rv::t2], 0x1234u);
    EXPECT_EQ(media(0x40), 0u);
    EXPECT_TRUE(pmem_line_volatile(&p, 0x40));
    m->cpu.pc = rv::DRAM + 0x100;
    machine_run(m.get(), m->cpu.instret + 100);
    EXPECT_EQ(media(0x40), 0x1234u);
    EXPECT_FALSE(pmem_line_volatile(&p, 0x40));
    machine_free(m.get());
}

// A tagged store (am.sd) to PMEM: the model hears of it, and after
// cbo.clean + fence its tag is on the media and survives a power cut.
TEST_F(Pmem, TaggedStoresPersistTheirTags)
{
    open(small);
    auto m = std::make_unique<machine>();
    machine_config cfg = { 1u << 20, &p };
    ASSERT_TRUE(machine_init(m.get(), &cfg, nullptr));
    constexpr uint32_t C1 = 0x2b; // Xamber custom-1: tagged loads and stores
    const uint64_t tag = 0x35;    // type 5, access bits 3
    rv::Asm a(rv::DRAM);
    a.li(rv::t0, AMBER_PMEM_BASE + 0x80);
    a.li(rv::t1, tag << 56 | 0x77);
    a.w32(0x1u << 12 | (uint32_t)rv::t1 << 20 | (uint32_t)rv::t0 << 15 | C1); // am.sd t1, 0(t0)
    a.cbo_clean(rv::t0);
    a.fence();
    a.j(a.here());
    machine_reset(m.get(), rv::DRAM);
    memcpy(m->dram, a.bytes().data(), a.bytes().size());
    m->cpu.pc = rv::DRAM;
    machine_run(m.get(), 100);
    EXPECT_EQ(p.m_tags[0x80 / 8], tag);
    EXPECT_EQ(p.m_tsum[0], 1);
    ASSERT_TRUE(pmem_power_cut(&p));
    EXPECT_EQ(p.tags.word[0x80 / 8], tag);
    EXPECT_EQ(arch(0x80), 0x77u);
    machine_free(m.get());
}

TEST(PowerController, ButtonAndWarning)
{
    uint64_t now = 0, v = 0;
    powerctl pc;
    powerctl_init(&pc, &now, 1000);
    powerctl_schedule(&pc, 5000);
    EXPECT_EQ(powerctl_next_event(&pc), 4000u) << "the warning leads the cut by the window";
    EXPECT_FALSE(powerctl_irq(&pc));
    ASSERT_TRUE(powerctl_mmio.write(&pc, PWR_IRQ_ENABLE, 4, PWR_EV_BUTTON | PWR_EV_WARN));
    now = 4000;
    EXPECT_TRUE(powerctl_irq(&pc));
    ASSERT_TRUE(powerctl_mmio.read(&pc, PWR_STATUS, 4, &v));
    EXPECT_EQ(v, PWR_EV_WARN);
    ASSERT_TRUE(powerctl_mmio.write(&pc, PWR_IRQ_STATUS, 4, PWR_EV_WARN));
    EXPECT_FALSE(powerctl_irq(&pc));
    powerctl_press(&pc);
    EXPECT_TRUE(powerctl_irq(&pc));
    ASSERT_TRUE(powerctl_mmio.read(&pc, PWR_WINDOW, 8, &v));
    EXPECT_EQ(v, 1000u);
    powerctl_reset(&pc);
    EXPECT_FALSE(powerctl_irq(&pc));
    powerctl_init(&pc, &now, 0);
    powerctl_schedule(&pc, 5000);
    EXPECT_EQ(powerctl_next_event(&pc), UINT64_MAX) << "no window, no warning";
}

// The workload's consistency reports: counted by result, the last id kept,
// anything that is not a pass or a fail ignored, all gone at power-on.
TEST(PowerController, ConsistencyChecks)
{
    uint64_t now = 0;
    powerctl pc;
    powerctl_init(&pc, &now, 0);
    ASSERT_TRUE(powerctl_mmio.write(&pc, PWR_CHECK, 8, 7u << 8 | PWR_CHECK_PASS));
    ASSERT_TRUE(powerctl_mmio.write(&pc, PWR_CHECK, 4, 9u << 8 | PWR_CHECK_PASS));
    EXPECT_EQ(pc.checks_passed, 2u);
    EXPECT_EQ(pc.checks_failed, 0u);
    EXPECT_EQ(pc.last_check_id, 9u);
    EXPECT_EQ(pc.last_check, PWR_CHECK_PASS);
    ASSERT_TRUE(powerctl_mmio.write(&pc, PWR_CHECK, 8, 0x123456ull << 8 | PWR_CHECK_FAIL));
    EXPECT_EQ(pc.checks_failed, 1u);
    EXPECT_EQ(pc.last_check_id, 0x123456u);
    EXPECT_EQ(pc.last_check, PWR_CHECK_FAIL);
    ASSERT_TRUE(powerctl_mmio.write(&pc, PWR_CHECK, 8, 5u << 8 | 0x7));
    EXPECT_EQ(pc.checks_passed + pc.checks_failed, 3u) << "not a report";
    EXPECT_EQ(pc.last_check_id, 0x123456u);
    powerctl_reset(&pc);
    EXPECT_EQ(pc.checks_passed + pc.checks_failed + pc.last_check_id + pc.last_check, 0u);
}

// A long press switches the machine off where it stands: the run ends as
// at a power cut, and power-on clears it.
TEST(PowerController, LongPressForcesTheMachineOff)
{
    auto m = std::make_unique<machine>();
    machine_config cfg = { 1u << 20, nullptr };
    ASSERT_TRUE(machine_init(m.get(), &cfg, nullptr));
    rv::Asm a(rv::DRAM);
    a.j(a.here());
    machine_reset(m.get(), rv::DRAM);
    memcpy(m->dram, a.bytes().data(), a.bytes().size());
    m->cpu.pc = rv::DRAM;
    EXPECT_EQ(machine_run(m.get(), 1000), STOP_LIMIT);
    powerctl_long_press(&m->power);
    uint64_t at = m->cpu.instret;
    EXPECT_EQ(machine_run(m.get(), at + 1000), STOP_POWER_CUT);
    EXPECT_EQ(m->cpu.instret, at) << "off at once";
    EXPECT_TRUE(m->power.status & PWR_EV_BUTTON);
    machine_reset(m.get(), rv::DRAM);
    EXPECT_FALSE(m->power.forced_off);
    machine_free(m.get());
}

// NVDIMM_OS_ID is the header's OS identity: readable, writable by bytes and
// words, and recorded in the file when the image is closed.
TEST_F(Pmem, OsIdentityReachesTheHeader)
{
    open(small);
    nvdimm d;
    nvdimm_init(&d, &p);
    const char id[] = "amber-os 0.1 test";
    for (unsigned i = 0; i < sizeof id - 1; i++)
        ASSERT_TRUE(nvdimm_mmio.write(&d, NVDIMM_OS_ID + i, 1, (uint8_t)id[i]));
    uint64_t v = 0;
    ASSERT_TRUE(nvdimm_mmio.read(&d, NVDIMM_OS_ID, 8, &v));
    uint64_t first8;
    memcpy(&first8, id, 8);
    EXPECT_EQ(v, first8);
    ASSERT_TRUE(nvdimm_mmio.write(&d, NVDIMM_OS_ID + 24, 8, 0x21)); // "!" at byte 24
    EXPECT_FALSE(nvdimm_mmio.write(&d, NVDIMM_OS_ID + 28, 8, 0)) << "crosses the register's end";
    pmem_close(&p);
    char err[256];
    ASSERT_TRUE(image_close(&im, IMAGE_CLEAN, err, sizeof err)) << err;
    opened = false;
    image back;
    ASSERT_TRUE(image_open(&back, path.c_str(), false, err, sizeof err)) << err;
    EXPECT_STREQ(back.h.os_id, id);
    EXPECT_STREQ(back.h.os_id + 24, "!");
    ASSERT_TRUE(image_close(&back, IMAGE_CLEAN, err, sizeof err));
}

// A draining barrier starts the host's write-out of the media, at most
// once per PMEM_HOST_FLUSH_NS; a fence with nothing to drain does not.
TEST_F(Pmem, BarriersStartTheHostWriteOutRateLimited)
{
    open(small);
    pmem_fence(&p);
    EXPECT_EQ(p.st.host_flushes, 0u) << "nothing reached the media";
    store(0, 1);
    pmem_clean(&p, 0);
    pmem_fence(&p);
    EXPECT_EQ(p.st.host_flushes, 1u);
    store(64, 2);
    pmem_clean(&p, 64);
    pmem_fence(&p);
    EXPECT_EQ(p.st.host_flushes, 1u) << "rate-limited";
    EXPECT_TRUE(p.host_dirty);
    p.host_flush_ns -= PMEM_HOST_FLUSH_NS;
    pmem_host_flush(&p);
    EXPECT_EQ(p.st.host_flushes, 2u);
    EXPECT_FALSE(p.host_dirty);
}

// The host's hand on the button: the end of input presses it; the guest
// then has the timeout to switch off, else it is held down (forced off);
// a power-on lets it go. Another front end's poll still runs.
TEST(HostButton, EndOfInputPressesThenTheTimeoutForcesOff)
{
    auto m = std::make_unique<machine>();
    machine_config cfg = { 1u << 20, nullptr };
    ASSERT_TRUE(machine_init(m.get(), &cfg, nullptr));
    machine_reset(m.get(), rv::DRAM);
    int inner_polls = 0;
    m->host_ctx = &inner_polls;
    m->host_poll = [](void *ctx, machine *) { ++*static_cast<int *>(ctx); };
    host_button b;
    host_button_attach(&b, m.get(), true, false, 5000);
    m->host_poll(m->host_ctx, m.get());
    EXPECT_EQ(inner_polls, 1);
    EXPECT_FALSE(m->power.status & PWR_EV_BUTTON) << "input has not ended";
    uart_rx_push(&m->uart, 'x'); // the last line, not read yet
    m->console_eof = true;
    m->cpu.cycle = 500;
    m->host_poll(m->host_ctx, m.get());
    EXPECT_FALSE(m->power.status & PWR_EV_BUTTON) << "the guest has not read its input yet";
    uint64_t v;
    ASSERT_TRUE(uart_mmio.read(&m->uart, UART_RBR, 1, &v));
    EXPECT_EQ(v, (uint64_t)'x');
    m->cpu.cycle = 1000;
    m->host_poll(m->host_ctx, m.get());
    EXPECT_TRUE(m->power.status & PWR_EV_BUTTON);
    EXPECT_EQ(b.deadline, 6000u);
    m->cpu.cycle = 5999;
    m->host_poll(m->host_ctx, m.get());
    EXPECT_FALSE(m->power.forced_off);
    m->cpu.cycle = 6000;
    m->host_poll(m->host_ctx, m.get());
    EXPECT_TRUE(m->power.forced_off);
    ASSERT_NE(b.why, nullptr);
    EXPECT_EQ(machine_run(m.get(), UINT64_MAX), STOP_POWER_CUT);
    machine_reset(m.get(), rv::DRAM);
    host_button_power_on(&b);
    m->cpu.cycle = 10;
    m->host_poll(m->host_ctx, m.get());
    EXPECT_TRUE(m->power.status & PWR_EV_BUTTON) << "input that ended presses at every power-on";
    EXPECT_EQ(b.deadline, 5010u);
    machine_reset(m.get(), rv::DRAM);
    host_button_power_on(&b);
    b.press_at_eof = false;
    m->host_poll(m->host_ctx, m.get());
    EXPECT_EQ(b.deadline, UINT64_MAX) << "not pressed";
    powerctl_press(&m->power); // the window or the monitor
    m->cpu.cycle = 20;
    m->host_poll(m->host_ctx, m.get());
    EXPECT_EQ(b.deadline, 5020u);
    host_button_detach(&b);
    EXPECT_EQ(m->host_ctx, &inner_polls);
    EXPECT_EQ(inner_polls, 8);
    machine_free(m.get());
}

// A guest that never reads its input still gets the button, a timeout later.
TEST(HostButton, UnreadInputPressesAfterTheTimeout)
{
    auto m = std::make_unique<machine>();
    machine_config cfg = { 1u << 20, nullptr };
    ASSERT_TRUE(machine_init(m.get(), &cfg, nullptr));
    machine_reset(m.get(), rv::DRAM);
    host_button b;
    host_button_attach(&b, m.get(), true, false, 5000);
    uart_rx_push(&m->uart, 'x');
    m->console_eof = true;
    m->cpu.cycle = 100;
    m->host_poll(m->host_ctx, m.get());
    m->cpu.cycle = 5099;
    m->host_poll(m->host_ctx, m.get());
    EXPECT_FALSE(m->power.status & PWR_EV_BUTTON);
    m->cpu.cycle = 5100;
    m->host_poll(m->host_ctx, m.get());
    EXPECT_TRUE(m->power.status & PWR_EV_BUTTON);
    host_button_detach(&b);
    EXPECT_EQ(m->host_poll, nullptr);
    machine_free(m.get());
}

} // namespace
