// The window's pieces that need no display: the monitor overlay's text
// handling and picture, the font, and the status line.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <unistd.h>
#include <string>
#include <vector>

#include "rv_asm.h"

extern "C" {
#include "font.h"
#include "image.h"
#include "overlay.h"
#include "pmem.h"
#include "status.h"
}

namespace {

struct Ov {
    std::unique_ptr<struct overlay> p{ new struct overlay };
    struct overlay &o = *p;
    Ov(unsigned cols = 20, unsigned rows = 5)
    {
        overlay_init(&o);
        overlay_set_size(&o, cols, rows);
    }
    void print(const std::string &s) { overlay_print(&o, s.data(), s.size()); }
    std::vector<std::string> lines()
    {
        std::vector<std::string> v;
        for (unsigned i = 0; overlay_line(&o, i); i++)
            v.push_back(overlay_line(&o, i));
        return v;
    }
    std::string enter()
    {
        char line[OVERLAY_INPUT] = "?";
        EXPECT_TRUE(overlay_key(&o, OV_ENTER, line, sizeof line));
        return line;
    }
    void key(enum overlay_key k) { EXPECT_FALSE(overlay_key(&o, k, nullptr, 0)); }
};

using L = std::vector<std::string>;

} // namespace

TEST(Overlay, OutputLinesWrapAndDropControls)
{
    Ov t(10);
    t.print("one\ntwo");
    t.print(" halves\n\n");
    EXPECT_EQ(t.lines(), (L{ "one", "two halves", "" }));
    t.print("0123456789abc\n");
    EXPECT_EQ(t.lines().back(), "abc") << "wrapped at 10 columns";
    EXPECT_EQ(t.lines()[t.lines().size() - 2], "0123456789");
    t.print("a\tb\x01\x1b[31m\xc3\xa9z\n");
    L l = t.lines();
    EXPECT_EQ(L(l.end() - 2, l.end()), (L{ "a       b[", "31mz" }))
        << "tab to column 8, controls and UTF-8 dropped, wrapped at 10";
}

TEST(Overlay, ScrollbackKeepsTheNewest)
{
    Ov t;
    for (unsigned i = 0; i < OVERLAY_LINES + 10; i++)
        t.print("line " + std::to_string(i) + "\n");
    L l = t.lines();
    ASSERT_EQ(l.size(), (size_t)OVERLAY_LINES);
    EXPECT_EQ(l.front(), "line 10");
    EXPECT_EQ(l.back(), "line " + std::to_string(OVERLAY_LINES + 9));
    t.key(OV_PAGE_UP);
    EXPECT_EQ(t.o.scroll, 4u) << "a page is the visible rows less one";
    for (int i = 0; i < 1000; i++)
        t.key(OV_PAGE_UP);
    EXPECT_EQ(t.o.scroll, OVERLAY_LINES - 5u) << "no further than the oldest line";
    t.key(OV_PAGE_DOWN);
    EXPECT_EQ(t.o.scroll, OVERLAY_LINES - 9u);
    t.print("new\n");
    EXPECT_EQ(t.o.scroll, 0u) << "output scrolls back to the newest";
}

TEST(Overlay, LineEditing)
{
    Ov t;
    overlay_type(&t.o, "rgs");
    t.key(OV_HOME);
    t.key(OV_RIGHT);
    overlay_type(&t.o, "e");
    EXPECT_STREQ(t.o.input, "regs");
    t.key(OV_END);
    overlay_type(&t.o, " a0x");
    t.key(OV_BACKSPACE);
    t.key(OV_LEFT);
    t.key(OV_LEFT);
    t.key(OV_DELETE);
    EXPECT_STREQ(t.o.input, "regs 0");
    t.key(OV_HOME);
    t.key(OV_BACKSPACE); /* nothing before the cursor */
    t.key(OV_LEFT);
    EXPECT_EQ(t.o.cursor, 0u);
    overlay_type(&t.o, "\x01\n\xc3");
    EXPECT_STREQ(t.o.input, "regs 0") << "only printable ASCII is typed";
    t.print("partial");
    EXPECT_EQ(t.enter(), "regs 0");
    EXPECT_EQ(t.lines(), (L{ "partial", "(amber) regs 0" })) << "echoed on a line of its own";
    EXPECT_STREQ(t.o.input, "");
    std::string longest(OVERLAY_INPUT + 50, 'x');
    overlay_type(&t.o, longest.c_str());
    EXPECT_EQ(t.o.len, OVERLAY_INPUT - 1u);
    t.key(OV_KILL_LINE);
    EXPECT_EQ(t.o.len, 0u);
}

TEST(Overlay, History)
{
    Ov t;
    overlay_type(&t.o, "first");
    t.enter();
    overlay_type(&t.o, "second");
    t.enter();
    overlay_type(&t.o, "second");
    t.enter(); /* a repeat is kept once */
    t.enter(); /* an empty line is not kept */
    t.key(OV_UP);
    EXPECT_STREQ(t.o.input, "second");
    t.key(OV_UP);
    EXPECT_STREQ(t.o.input, "first");
    t.key(OV_UP);
    EXPECT_STREQ(t.o.input, "first") << "the oldest stays";
    t.key(OV_DOWN);
    t.key(OV_DOWN);
    EXPECT_STREQ(t.o.input, "") << "below the newest: an empty line again";
    for (unsigned i = 0; i < OVERLAY_HISTORY + 5; i++) {
        overlay_type(&t.o, ("cmd" + std::to_string(i)).c_str());
        t.enter();
    }
    for (unsigned i = 0; i < 100; i++)
        t.key(OV_UP);
    EXPECT_STREQ(t.o.input, "cmd5") << "the history holds the last OVERLAY_HISTORY lines";
}

TEST(Overlay, PictureShowsTitleOutputAndInput)
{
    Ov t;
    const unsigned w = 320, h = 120;
    std::vector<uint32_t> px(w * h);
    t.print("error: nope\nfine\n");
    overlay_type(&t.o, "ab");
    overlay_render(&t.o, px.data(), w, h, 1);
    EXPECT_FALSE(t.o.changed);
    EXPECT_EQ(t.o.cols, w / FONT_CELL_W - 2);
    EXPECT_EQ(t.o.rows, h / FONT_CELL_H - 3);
    auto count = [&](uint32_t c) { return std::count(px.begin(), px.end(), c); };
    EXPECT_GT(count(0xFFFFC040u), 100) << "the title";
    EXPECT_GT(count(0xFFFF7070u), 20) << "the error line in red";
    EXPECT_GT(count(0xFFD8D8D8u), 50) << "other text";
    EXPECT_EQ(count(0xFF80C0FFu), (long)FONT_CELL_H) << "a cursor bar one cell high";
    EXPECT_EQ((px[0] >> 24), 0xE0u) << "a translucent panel";
    /* Doubled text covers four times the pixels. */
    Ov big;
    std::vector<uint32_t> px2(w * 2 * h * 2);
    big.print("error: nope\n");
    overlay_render(&big.o, px2.data(), w * 2, h * 2, 2);
    EXPECT_EQ(std::count(px2.begin(), px2.end(), 0xFFFF7070u), 4 * count(0xFFFF7070u));
}

TEST(Font, GlyphsAndClipping)
{
    const uint8_t *a = font_glyph('A');
    EXPECT_EQ(a[0], 0x0E);
    EXPECT_EQ(a[4], 0x1F);
    EXPECT_EQ(font_glyph('\x7f'), font_glyph(' ')) << "outside ASCII: blank";
    for (int c = 0x21; c < 0x7F; c++) {
        const uint8_t *g = font_glyph((char)c);
        bool any = false;
        for (int r = 0; r < FONT_H; r++) {
            EXPECT_EQ(g[r] & ~0x1F, 0) << (char)c;
            any |= g[r] != 0;
        }
        EXPECT_TRUE(any) << "glyph " << (char)c << " is not blank";
        for (int d = 0x21; d < c; d++)
            EXPECT_NE(memcmp(g, font_glyph((char)d), FONT_H), 0) << (char)c << " looks like " << (char)d;
    }
    std::vector<uint32_t> px(8 * 8, 0);
    font_draw(px.data(), 8, 8, -3, -2, 1, "H", 1);
    font_draw(px.data(), 8, 8, 6, 6, 3, "H", 1);
    /* H: rows 0-2 and 4-6 are 0x11, row 3 is 0x1F; shifted by (-3, -2). */
    EXPECT_EQ(px[0 * 8 + 1], 1u);
    EXPECT_EQ(px[1 * 8 + 0], 1u) << "row 3 of H, the bar";
    EXPECT_EQ(px[0 * 8 + 0], 0u);
    EXPECT_EQ(px[6 * 8 + 6], 1u) << "the big H's top-left";
    EXPECT_EQ(px[7 * 8 + 7], 1u);
}

TEST(Status, RatesPowerAndPersistence)
{
    rv::Hart h;
    struct status s;
    status_init(&s, &h.m, 1000);
    h.c.cycle += 500000000;
    h.c.instret += 250000000;
    char line[320];
    status_format(&s, &h.m, 1500, " | extra", line, sizeof line);
    EXPECT_STREQ(line, "Amber-1 | 1000 sim MHz | 500 host MIPS | power on | no PMEM | extra");
    powerctl_press(&h.m.power);
    status_format(&s, &h.m, 1500, "", line, sizeof line);
    EXPECT_NE(std::string(line).find("0 sim MHz | 0 host MIPS | power button pressed"), std::string::npos) << line;
}

// The persistence age over a real persistence model: the time since the
// domain last held no dirty or queued line.
TEST(Status, PersistenceAge)
{
    char dir[] = "/tmp/amber-status-XXXXXX", err[256];
    ASSERT_NE(mkdtemp(dir), nullptr);
    std::string path = std::string(dir) + "/t.img";
    ASSERT_TRUE(image_create(path.c_str(), 1u << 20, err, sizeof err)) << err;
    for (bool eadr : { false, true }) {
        struct image im{};
        struct pmem p{};
        struct pmem_config cfg = { 64, 8, 4, eadr, false, 0 };
        ASSERT_TRUE(image_open(&im, path.c_str(), true, err, sizeof err)) << err;
        ASSERT_TRUE(pmem_open(&p, &im, &cfg, err, sizeof err)) << err;
        rv::Hart h;
        h.m.bus.pmem = &p;
        struct status s;
        char line[320];
        status_init(&s, &h.m, 0);
        status_format(&s, &h.m, 0, "", line, sizeof line);
        EXPECT_NE(std::string(line).find("| persisted"), std::string::npos) << line;
        h.c.cycle = 2000000;
        status_poll(&s, &h.m); /* last seen clean at 2 ms */
        for (uint64_t off : { 0u, 64u, 4096u }) {
            memset(p.data + off, 1, 8);
            pmem_write(&p, off, 8);
        }
        status_poll(&s, &h.m);
        h.c.cycle = 7000000;
        status_poll(&s, &h.m);
        status_format(&s, &h.m, 0, "", line, sizeof line);
        if (eadr) {
            EXPECT_NE(std::string(line).find("| persisted"), std::string::npos) << "eADR: " << line;
        } else {
            EXPECT_NE(std::string(line).find("| persist age 5 ms (3 lines)"), std::string::npos) << line;
            for (uint64_t off : { 0u, 64u })
                pmem_clean(&p, off);
            pmem_fence(&p);
            h.c.cycle = 9000000;
            status_poll(&s, &h.m);
            status_format(&s, &h.m, 0, "", line, sizeof line);
            EXPECT_NE(std::string(line).find("| persist age 7 ms (1 lines)"), std::string::npos)
                << "one line is still only in the caches: " << line;
            pmem_clean(&p, 4096);
            pmem_fence(&p);
            status_poll(&s, &h.m);
            status_format(&s, &h.m, 0, "", line, sizeof line);
            EXPECT_NE(std::string(line).find("| persisted"), std::string::npos) << line;
        }
        h.m.bus.pmem = nullptr;
        pmem_close(&p);
        image_close(&im, IMAGE_CLEAN, err, sizeof err);
    }
    unlink(path.c_str());
    rmdir(dir);
}
