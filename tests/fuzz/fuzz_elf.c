/* libFuzzer target for the ELF loader front end: elf_parse on arbitrary
 * bytes, then, for images it accepts, the invariants the rest of amber
 * relies on (every segment inside the file, symbol names NUL-terminated
 * inside the file), elf_symbol lookups, and elf_load into a small RAM.
 *
 * elf.c needs only bus_host_load() from the bus; it is stubbed here with one
 * 64 KiB RAM at 0x80000000 so that the target builds from emu/elf.c alone
 * (see README.md). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "bus.h"
#include "elf.h"

#define RAM_BASE 0x80000000ull
#define RAM_SIZE 0x10000ull

static uint8_t ram[RAM_SIZE];

uint8_t *bus_host_load(const struct bus *b, uint64_t pa, uint64_t len)
{
    (void)b;
    if (pa < RAM_BASE || pa - RAM_BASE >= RAM_SIZE || len > RAM_SIZE - (pa - RAM_BASE))
        return NULL;
    return ram + (pa - RAM_BASE);
}

#define CHECK(cond) do { if (!(cond)) __builtin_trap(); } while (0)

static bool inside(const uint8_t *data, size_t size, const void *p, size_t len)
{
    const uint8_t *q = p;
    return q >= data && (size_t)(q - data) <= size && len <= size - (size_t)(q - data);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct elf_image img;
    char err[96];
    memset(err, 0x55, sizeof err);
    if (!elf_parse(data, size, &img, err, sizeof err)) {
        /* One non-empty line, terminated, and nothing left allocated. */
        CHECK(memchr(err, 0, sizeof err) != NULL);
        CHECK(err[0] != 0 && strchr(err, '\n') == NULL);
        CHECK(img.seg == NULL && img.sym == NULL);
        return 0;
    }
    CHECK(img.data == data && img.size == size);
    CHECK(img.nseg > 0);
    for (unsigned i = 0; i < img.nseg; i++) {
        const struct elf_segment *s = &img.seg[i];
        CHECK(s->offset <= size && s->filesz <= size - s->offset);
        CHECK(s->filesz <= s->memsz && s->memsz != 0);
        CHECK(s->paddr + s->memsz >= s->paddr);
    }
    for (unsigned i = 0; i < img.nsym; i++) {
        const char *name = img.sym[i].name;
        CHECK(inside(data, size, name, 1));
        size_t n = strnlen(name, size - (size_t)((const uint8_t *)name - data));
        CHECK(n > 0 && inside(data, size, name, n + 1)); /* the NUL is in the file */
        uint64_t v;
        CHECK(elf_symbol(&img, name, &v)); /* every listed symbol can be found */
    }
    uint64_t v;
    (void)elf_symbol(&img, "tohost", &v);
    (void)elf_symbol(&img, "", &v);

    memset(ram, 0xa5, sizeof ram);
    char lerr[96];
    if (!elf_load(&img, NULL, lerr, sizeof lerr)) {
        CHECK(lerr[0] != 0 && strchr(lerr, '\n') == NULL);
        for (size_t i = 0; i < sizeof ram; i++)
            CHECK(ram[i] == 0xa5); /* a failed load writes nothing */
    } else {
        for (unsigned i = 0; i < img.nseg; i++) {
            const struct elf_segment *s = &img.seg[i];
            CHECK(bus_host_load(NULL, s->paddr, s->memsz) != NULL);
        }
    }
    elf_free(&img);
    CHECK(img.seg == NULL && img.sym == NULL && img.nseg == 0);
    return 0;
}
