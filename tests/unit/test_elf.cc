// elf_parse / elf_symbol / elf_load on hand-built images: a well-formed
// executable, then one field at a time made wrong. Images are exactly as
// large as their contents, so an out-of-bounds read shows under ASan.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

extern "C" {
#include "bus.h"
#include "elf.h"
}

namespace {

struct Seg {
    uint64_t paddr, memsz;
    std::vector<uint8_t> data;
    uint32_t type = 1; // PT_LOAD
};
struct Sym {
    std::string name;
    uint64_t value, size;
};

void put(std::vector<uint8_t> &d, size_t off, uint64_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        d[off + i] = (uint8_t)(v >> (8 * i));
}

struct Elf {
    std::vector<uint8_t> d;
    size_t phoff = 64, shoff = 0, symoff = 0, stroff = 0, strsize = 0;
    std::vector<size_t> seg_off;

    void p16(size_t o, uint64_t v) { put(d, o, v, 2); }
    void p32(size_t o, uint64_t v) { put(d, o, v, 4); }
    void p64(size_t o, uint64_t v) { put(d, o, v, 8); }
    size_t ph(unsigned i) const { return phoff + 56 * i; }
    size_t sh(unsigned i) const { return shoff + 64 * i; }
};

// ehdr | phdrs | segment data | section headers (null, .symtab, .strtab) |
// symtab | strtab (last, so it ends exactly at the end of the file).
Elf build(const std::vector<Seg> &segs, const std::vector<Sym> &syms, uint64_t entry = 0x80000000,
          bool sections = true)
{
    Elf e;
    size_t off = 64 + 56 * segs.size();
    for (const Seg &s : segs) {
        e.seg_off.push_back(off);
        off += (s.data.size() + 7) & ~(size_t)7;
    }
    std::string strtab(1, '\0');
    std::vector<uint32_t> names;
    for (const Sym &s : syms) {
        names.push_back((uint32_t)strtab.size());
        strtab += s.name;
        strtab += '\0';
    }
    if (sections) {
        e.shoff = off;
        off += 3 * 64;
        e.symoff = off;
        off += 24 * (syms.size() + 1);
        e.stroff = off;
        e.strsize = strtab.size();
        off += strtab.size();
    }
    e.d.assign(off, 0);
    memcpy(e.d.data(), "\177ELF", 4);
    e.d[4] = 2; // ELFCLASS64
    e.d[5] = 1; // little-endian
    e.d[6] = 1;
    e.p16(16, 2);   // ET_EXEC
    e.p16(18, 243); // EM_RISCV
    e.p32(20, 1);
    e.p64(24, entry);
    e.p64(32, e.phoff);
    e.p64(40, e.shoff);
    e.p16(52, 64);
    e.p16(54, 56);
    e.p16(56, segs.size());
    e.p16(58, 64);
    e.p16(60, sections ? 3 : 0);
    for (unsigned i = 0; i < segs.size(); i++) {
        const Seg &s = segs[i];
        size_t p = e.ph(i);
        e.p32(p, s.type);
        e.p32(p + 4, 7);
        e.p64(p + 8, e.seg_off[i]);
        e.p64(p + 16, s.paddr);
        e.p64(p + 24, s.paddr);
        e.p64(p + 32, s.data.size());
        e.p64(p + 40, s.memsz);
        e.p64(p + 48, 8);
        if (!s.data.empty())
            memcpy(e.d.data() + e.seg_off[i], s.data.data(), s.data.size());
    }
    if (sections) {
        size_t s1 = e.sh(1), s2 = e.sh(2);
        e.p32(s1 + 4, 2); // SHT_SYMTAB
        e.p64(s1 + 24, e.symoff);
        e.p64(s1 + 32, 24 * (syms.size() + 1));
        e.p32(s1 + 40, 2); // link: .strtab
        e.p64(s1 + 56, 24);
        e.p32(s2 + 4, 3); // SHT_STRTAB
        e.p64(s2 + 24, e.stroff);
        e.p64(s2 + 32, strtab.size());
        for (unsigned i = 0; i < syms.size(); i++) {
            size_t y = e.symoff + 24 * (i + 1);
            e.p32(y, names[i]);
            e.p64(y + 8, syms[i].value);
            e.p64(y + 16, syms[i].size);
        }
        memcpy(e.d.data() + e.stroff, strtab.data(), strtab.size());
    }
    return e;
}

std::vector<uint8_t> bytes(size_t n, uint8_t first)
{
    std::vector<uint8_t> v(n);
    for (size_t i = 0; i < n; i++)
        v[i] = (uint8_t)(first + i);
    return v;
}

Elf standard()
{
    return build({ { 0x80000000, 0x100, bytes(0x40, 1) }, { 0x80001000, 0x20, bytes(0x20, 0x80) } },
                 { { "_start", 0x80000000, 4 }, { "tohost", 0x80001000, 8 }, { "fromhost", 0x80001008, 8 } });
}

// Parse; on failure check the message is one non-empty line.
bool parse(const std::vector<uint8_t> &d, struct elf_image *img, std::string *msg = nullptr)
{
    char err[256];
    memset(err, 'X', sizeof err);
    // A copy sized exactly, so ASan sees any read past the end.
    uint8_t *copy = new uint8_t[d.size() ? d.size() : 1];
    if (!d.empty())
        memcpy(copy, d.data(), d.size());
    bool ok = elf_parse(copy, d.size(), img, err, sizeof err);
    if (!ok) {
        EXPECT_NE(memchr(err, 0, sizeof err), nullptr) << "unterminated message";
        std::string m(err);
        EXPECT_FALSE(m.empty());
        EXPECT_EQ(m.find('\n'), std::string::npos) << m;
        if (msg)
            *msg = m;
        EXPECT_EQ(img->seg, nullptr) << "failed parse must not leave allocations";
        EXPECT_EQ(img->sym, nullptr);
        delete[] copy;
    } else {
        // Keep the copy alive for the image; the test frees it with done().
        img->data = copy;
    }
    return ok;
}

void done(struct elf_image *img)
{
    const uint8_t *d = img->data;
    elf_free(img);
    delete[] d;
}

bool rejects(const std::vector<uint8_t> &d, const char *what = nullptr)
{
    struct elf_image img;
    std::string msg;
    bool ok = parse(d, &img, &msg);
    if (ok) {
        done(&img);
        return false;
    }
    if (what) {
        EXPECT_NE(msg.find(what), std::string::npos) << "message: " << msg;
    }
    return true;
}

// ---------------------------------------------------------------- parse ----

TEST(Elf, WellFormed)
{
    Elf e = standard();
    struct elf_image img;
    ASSERT_TRUE(parse(e.d, &img));
    EXPECT_EQ(img.entry, 0x80000000u);
    ASSERT_EQ(img.nseg, 2u);
    EXPECT_EQ(img.seg[0].paddr, 0x80000000u);
    EXPECT_EQ(img.seg[0].memsz, 0x100u);
    EXPECT_EQ(img.seg[0].filesz, 0x40u);
    EXPECT_EQ(img.seg[0].offset, e.seg_off[0]);
    EXPECT_EQ(img.seg[1].paddr, 0x80001000u);
    EXPECT_EQ(img.nsym, 3u);
    uint64_t v = 0;
    EXPECT_TRUE(elf_symbol(&img, "tohost", &v));
    EXPECT_EQ(v, 0x80001000u);
    EXPECT_TRUE(elf_symbol(&img, "fromhost", &v));
    EXPECT_EQ(v, 0x80001008u);
    EXPECT_FALSE(elf_symbol(&img, "toho", &v));
    EXPECT_FALSE(elf_symbol(&img, "", &v));
    done(&img);
}

TEST(Elf, NoSectionsIsFine)
{
    Elf e = build({ { 0x80000000, 0x10, bytes(0x10, 0) } }, {}, 0x80000000, false);
    struct elf_image img;
    ASSERT_TRUE(parse(e.d, &img));
    EXPECT_EQ(img.nsym, 0u);
    uint64_t v;
    EXPECT_FALSE(elf_symbol(&img, "tohost", &v));
    done(&img);
}

TEST(Elf, SkipsNonLoadAndEmptySegments)
{
    Seg note = { 0, 0, {}, 4 };
    Elf e = build({ note, { 0x80000000, 0, {} }, { 0x80002000, 0x10, bytes(4, 9) } }, {});
    // The PT_NOTE points anywhere: it is not looked at.
    e.p64(e.ph(0) + 8, UINT64_MAX);
    e.p64(e.ph(0) + 32, UINT64_MAX);
    struct elf_image img;
    ASSERT_TRUE(parse(e.d, &img));
    ASSERT_EQ(img.nseg, 1u);
    EXPECT_EQ(img.seg[0].paddr, 0x80002000u);
    done(&img);
}

TEST(Elf, RejectsNonElf)
{
    const char *text = "hello, world\n";
    EXPECT_TRUE(rejects(std::vector<uint8_t>(text, text + strlen(text)), "not an ELF"));
    EXPECT_TRUE(rejects({}, "not an ELF"));
    EXPECT_TRUE(rejects({ 0x7f, 'E', 'L' }, "not an ELF"));
}

TEST(Elf, RejectsWrongKinds)
{
    Elf e = standard();
    auto with = [&](size_t off, uint64_t v, unsigned n) {
        std::vector<uint8_t> d = e.d;
        put(d, off, v, n);
        return d;
    };
    EXPECT_TRUE(rejects(with(4, 1, 1), "64-bit"));       // ELFCLASS32
    EXPECT_TRUE(rejects(with(4, 0, 1), "64-bit"));
    EXPECT_TRUE(rejects(with(5, 2, 1), "little-endian")); // big-endian
    EXPECT_TRUE(rejects(with(18, 62, 2), "RISC-V"));      // x86-64
    EXPECT_TRUE(rejects(with(18, 0xf300, 2), "RISC-V"));  // byte-swapped EM_RISCV
    EXPECT_TRUE(rejects(with(16, 3, 2), "executable"));  // ET_DYN
    EXPECT_TRUE(rejects(with(16, 1, 2), "executable"));  // ET_REL
    EXPECT_TRUE(rejects(with(16, 4, 2), "executable"));  // ET_CORE
}

TEST(Elf, RejectsTruncatedHeader)
{
    Elf e = standard();
    for (size_t n : { 4, 16, 40, 63 })
        EXPECT_TRUE(rejects(std::vector<uint8_t>(e.d.begin(), e.d.begin() + n))) << n;
}

TEST(Elf, RejectsBadProgramHeaders)
{
    Elf e = standard();
    auto with = [&](size_t off, uint64_t v, unsigned n) {
        std::vector<uint8_t> d = e.d;
        put(d, off, v, n);
        return d;
    };
    EXPECT_TRUE(rejects(with(32, e.d.size() - 10, 8)));  // phdrs past EOF
    EXPECT_TRUE(rejects(with(32, UINT64_MAX - 8, 8)));   // offset overflow
    EXPECT_TRUE(rejects(with(56, 0xffff, 2)));           // too many
    EXPECT_TRUE(rejects(with(54, 32, 2)));               // wrong entry size
    EXPECT_TRUE(rejects(with(56, 0, 2), "no loadable")); // none at all
    // Cut the file inside the program headers.
    EXPECT_TRUE(rejects(std::vector<uint8_t>(e.d.begin(), e.d.begin() + 64 + 56 + 20)));
}

TEST(Elf, RejectsBadSegments)
{
    Elf e = standard();
    auto with = [&](size_t off, uint64_t v) {
        std::vector<uint8_t> d = e.d;
        put(d, off, v, 8);
        return d;
    };
    size_t p = e.ph(1);
    EXPECT_TRUE(rejects(with(p + 8, e.d.size() - 0x10), "segment"));  // data past EOF
    EXPECT_TRUE(rejects(with(p + 8, e.d.size() + 1), "segment"));     // starts past EOF
    EXPECT_TRUE(rejects(with(p + 8, UINT64_MAX - 0x10), "segment"));  // offset + filesz overflows
    EXPECT_TRUE(rejects(with(p + 32, UINT64_MAX), "segment"));        // filesz huge
    EXPECT_TRUE(rejects(with(p + 40, 0x10)));                         // filesz > memsz
    EXPECT_TRUE(rejects(with(p + 24, UINT64_MAX - 0x10)));            // paddr + memsz overflows
    EXPECT_TRUE(rejects(with(p + 40, UINT64_MAX)));                   // memsz overflows paddr
    // paddr + memsz == 2^64 exactly also wraps.
    std::vector<uint8_t> d = with(p + 24, (uint64_t)0 - 0x20);
    EXPECT_TRUE(rejects(d));
}

TEST(Elf, RejectsBadSectionHeaders)
{
    Elf e = standard();
    auto with = [&](size_t off, uint64_t v, unsigned n) {
        std::vector<uint8_t> d = e.d;
        put(d, off, v, n);
        return d;
    };
    EXPECT_TRUE(rejects(with(40, e.d.size() - 64, 8), "section"));  // shdrs past EOF
    EXPECT_TRUE(rejects(with(40, UINT64_MAX - 63, 8), "section"));  // overflow
    EXPECT_TRUE(rejects(with(58, 40, 2), "section"));               // wrong entry size
    EXPECT_TRUE(rejects(with(60, 0xffff, 2), "section"));
    size_t sym = e.sh(1), str = e.sh(2);
    EXPECT_TRUE(rejects(with(sym + 24, e.d.size(), 8), "symbol"));  // symtab past EOF
    EXPECT_TRUE(rejects(with(sym + 32, UINT64_MAX, 8), "symbol"));
    EXPECT_TRUE(rejects(with(sym + 24, UINT64_MAX - 8, 8), "symbol"));
    EXPECT_TRUE(rejects(with(sym + 40, 3, 4), "symbol"));           // sh_link >= shnum
    EXPECT_TRUE(rejects(with(sym + 40, 0xffffffff, 4), "symbol"));
    EXPECT_TRUE(rejects(with(str + 24, e.d.size() - 2, 8), "string"));  // strtab past EOF
    EXPECT_TRUE(rejects(with(str + 32, UINT64_MAX, 8), "string"));
}

TEST(Elf, BadSymbolNamesAreSkipped)
{
    Elf e = standard();
    // Name offset past the string table.
    std::vector<uint8_t> d = e.d;
    put(d, e.symoff + 24 * 2, e.strsize + 100, 4);
    struct elf_image img;
    ASSERT_TRUE(parse(d, &img));
    uint64_t v;
    EXPECT_FALSE(elf_symbol(&img, "tohost", &v));
    EXPECT_TRUE(elf_symbol(&img, "fromhost", &v));
    EXPECT_EQ(img.nsym, 2u);
    done(&img);
    // Name offset == strsize (one past the end).
    d = e.d;
    put(d, e.symoff + 24 * 2, e.strsize, 4);
    ASSERT_TRUE(parse(d, &img));
    EXPECT_EQ(img.nsym, 2u);
    done(&img);
}

TEST(Elf, UnterminatedSymbolNameAtEndOfFile)
{
    // The last name runs to the end of the string table, which ends the
    // file: no NUL. It must be skipped without reading past the file.
    Elf e = build({ { 0x80000000, 0x10, bytes(0x10, 0) } },
                  { { "good", 1, 0 }, { "tohost", 0x80001000, 8 } });
    ASSERT_EQ(e.d.back(), 0);
    e.d.back() = 'X';
    struct elf_image img;
    ASSERT_TRUE(parse(e.d, &img));
    uint64_t v;
    EXPECT_TRUE(elf_symbol(&img, "good", &v));
    EXPECT_FALSE(elf_symbol(&img, "tohost", &v));
    EXPECT_FALSE(elf_symbol(&img, "tohostX", &v));
    EXPECT_EQ(img.nsym, 1u);
    done(&img);
}

TEST(Elf, SymbolTableSizeNotAMultiple)
{
    Elf e = standard();
    std::vector<uint8_t> d = e.d;
    put(d, e.sh(1) + 32, 24 * 4 - 5, 8); // partial last entry: ignored
    struct elf_image img;
    ASSERT_TRUE(parse(d, &img));
    EXPECT_EQ(img.nsym, 2u);
    done(&img);
}

TEST(Elf, ErrorMessageTruncation)
{
    std::vector<uint8_t> d = standard().d;
    put(d, 18, 62, 2);
    char err[8];
    memset(err, 'X', sizeof err);
    struct elf_image img;
    EXPECT_FALSE(elf_parse(d.data(), d.size(), &img, err, sizeof err));
    EXPECT_EQ(err[7], '\0');
    EXPECT_EQ(strlen(err), 7u);
}

TEST(Elf, FreeIsIdempotent)
{
    Elf e = standard();
    struct elf_image img;
    ASSERT_TRUE(parse(e.d, &img));
    const uint8_t *data = img.data;
    elf_free(&img);
    elf_free(&img);
    EXPECT_EQ(img.nseg, 0u);
    EXPECT_EQ(img.nsym, 0u);
    delete[] data;
}

// ----------------------------------------------------------------- load ----

struct LoadTest : ::testing::Test {
    static constexpr uint64_t RAM = 0x80000000, RAM2 = 0x80010000, ROM = 0x1000;
    std::vector<uint8_t> ram = std::vector<uint8_t>(0x10000, 0xaa);
    std::vector<uint8_t> ram2 = std::vector<uint8_t>(0x1000, 0xbb);
    std::vector<uint8_t> rom = std::vector<uint8_t>(0x1000, 0xcc);
    struct bus bus;

    void SetUp() override
    {
        memset(&bus, 0, sizeof bus);
        ASSERT_TRUE(bus_add_ram(&bus, "ram", RAM, ram.size(), ram.data(), true));
        ASSERT_TRUE(bus_add_ram(&bus, "ram2", RAM2, ram2.size(), ram2.data(), true)); // adjacent
        ASSERT_TRUE(bus_add_ram(&bus, "rom", ROM, rom.size(), rom.data(), false));
    }
    bool untouched()
    {
        for (uint8_t b : ram)
            if (b != 0xaa)
                return false;
        for (uint8_t b : ram2)
            if (b != 0xbb)
                return false;
        for (uint8_t b : rom)
            if (b != 0xcc)
                return false;
        return true;
    }
    bool load(const Elf &e, std::string *msg = nullptr)
    {
        struct elf_image img;
        if (!parse(e.d, &img)) {
            ADD_FAILURE() << "parse failed";
            return false;
        }
        char err[256] = "";
        bool ok = elf_load(&img, &bus, err, sizeof err);
        if (!ok) {
            std::string m(err);
            EXPECT_FALSE(m.empty());
            EXPECT_EQ(m.find('\n'), std::string::npos);
            if (msg)
                *msg = m;
        }
        done(&img);
        return ok;
    }
};

TEST_F(LoadTest, CopiesAndZeroFills)
{
    ASSERT_TRUE(load(build({ { RAM + 0x100, 0x100, bytes(0x40, 1) }, { RAM + 0x1000, 8, bytes(8, 0x50) } }, {})));
    for (unsigned i = 0; i < 0x40; i++)
        EXPECT_EQ(ram[0x100 + i], (uint8_t)(1 + i));
    for (unsigned i = 0x40; i < 0x100; i++)
        EXPECT_EQ(ram[0x100 + i], 0) << "bss is zeroed";
    EXPECT_EQ(ram[0xff], 0xaa);
    EXPECT_EQ(ram[0x200], 0xaa);
    EXPECT_EQ(ram[0x1000], 0x50);
    EXPECT_EQ(ram[0x1008], 0xaa);
    // Exactly to the end of a region is fine.
    ASSERT_TRUE(load(build({ { RAM + 0xfff0, 0x10, bytes(0x10, 0) } }, {})));
}

TEST_F(LoadTest, OutsideMemoryFailsWithoutWriting)
{
    struct Case { const char *what; std::vector<Seg> segs; } cases[] = {
        { "second segment in a hole", { { RAM, 0x10, bytes(0x10, 0) }, { 0x90000000, 0x10, bytes(0x10, 0) } } },
        { "past the end of RAM", { { RAM, 0x10, bytes(0x10, 0) }, { RAM2 + 0xff0, 0x20, bytes(0x10, 0) } } },
        { "bss past the end", { { RAM + 0xff00, 0x10000, bytes(0x10, 0) } } },
        { "across two regions", { { RAM + 0xfff0, 0x20, bytes(0x20, 0) } } },
        { "into ROM", { { RAM, 0x10, bytes(0x10, 0) }, { ROM, 0x10, bytes(0x10, 0) } } },
        { "at address 0", { { 0, 0x10, bytes(0x10, 0) } } },
        { "huge", { { RAM, UINT64_MAX - RAM, bytes(0x10, 0) } } },
    };
    for (const Case &k : cases) {
        std::string msg;
        EXPECT_FALSE(load(build(k.segs, {}), &msg)) << k.what;
        EXPECT_TRUE(untouched()) << k.what;
        EXPECT_NE(msg.find("outside"), std::string::npos) << k.what << ": " << msg;
    }
}

} // namespace
