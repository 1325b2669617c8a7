#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bus.h"
#include "elf.h"

enum {
    EHDR_SIZE = 64, PHDR_SIZE = 56, SHDR_SIZE = 64, SYM_SIZE = 24,
    EM_RISCV = 243, ET_EXEC = 2, PT_LOAD = 1, SHT_SYMTAB = 2,
};

static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t rd32(const uint8_t *p) { return rd16(p) | (uint32_t)rd16(p + 2) << 16; }
static uint64_t rd64(const uint8_t *p) { return rd32(p) | (uint64_t)rd32(p + 4) << 32; }

static bool error(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return false;
}

/* Is [off, off+len) inside a file of size bytes? */
static bool in_file(uint64_t off, uint64_t len, size_t size)
{
    return off <= size && len <= size - off;
}

static bool parse_symbols(struct elf_image *img, char *err, size_t errlen)
{
    const uint8_t *d = img->data;
    uint64_t shoff = rd64(d + 40);
    unsigned shentsize = rd16(d + 58), shnum = rd16(d + 60);
    if (shnum == 0)
        return true;
    if (shentsize != SHDR_SIZE || !in_file(shoff, (uint64_t)shnum * SHDR_SIZE, img->size))
        return error(err, errlen, "malformed ELF: section headers outside the file");
    for (unsigned i = 0; i < shnum; i++) {
        const uint8_t *sh = d + shoff + (uint64_t)i * SHDR_SIZE;
        if (rd32(sh + 4) != SHT_SYMTAB)
            continue;
        uint64_t off = rd64(sh + 24), size = rd64(sh + 32);
        unsigned link = rd32(sh + 40);
        if (!in_file(off, size, img->size) || link >= shnum)
            return error(err, errlen, "malformed ELF: symbol table outside the file");
        const uint8_t *str = d + shoff + (uint64_t)link * SHDR_SIZE;
        uint64_t stroff = rd64(str + 24), strsize = rd64(str + 32);
        if (!in_file(stroff, strsize, img->size))
            return error(err, errlen, "malformed ELF: string table outside the file");
        unsigned n = (unsigned)(size / SYM_SIZE);
        img->sym = calloc(n ? n : 1, sizeof *img->sym);
        if (!img->sym)
            return error(err, errlen, "out of memory");
        for (unsigned k = 0; k < n; k++) {
            const uint8_t *s = d + off + (uint64_t)k * SYM_SIZE;
            uint32_t name = rd32(s);
            const char *nm = (const char *)d + stroff + name;
            if (name >= strsize || !memchr(nm, 0, strsize - name) || !*nm)
                continue;
            img->sym[img->nsym++] = (struct elf_symbol){ rd64(s + 8), rd64(s + 16), nm };
        }
        return true; /* one symbol table per executable */
    }
    return true;
}

bool elf_parse(const uint8_t *d, size_t size, struct elf_image *img, char *err, size_t errlen)
{
    memset(img, 0, sizeof *img);
    img->data = d;
    img->size = size;
    if (size < 4 || memcmp(d, "\177ELF", 4) != 0)
        return error(err, errlen, "not an ELF file");
    if (size < EHDR_SIZE)
        return error(err, errlen, "truncated ELF header");
    if (d[4] != 2)
        return error(err, errlen, "not a 64-bit ELF (this machine is RV64)");
    if (d[5] != 1)
        return error(err, errlen, "not a little-endian ELF");
    if (rd16(d + 18) != EM_RISCV)
        return error(err, errlen, "not a RISC-V ELF (e_machine %u)", rd16(d + 18));
    if (rd16(d + 16) != ET_EXEC)
        return error(err, errlen, "not an executable ELF (e_type %u)", rd16(d + 16));
    img->entry = rd64(d + 24);
    uint64_t phoff = rd64(d + 32);
    unsigned phentsize = rd16(d + 54), phnum = rd16(d + 56);
    if (phentsize != PHDR_SIZE || !in_file(phoff, (uint64_t)phnum * PHDR_SIZE, size))
        return error(err, errlen, "truncated ELF: program headers outside the file");
    img->seg = calloc(phnum ? phnum : 1, sizeof *img->seg);
    if (!img->seg)
        return error(err, errlen, "out of memory");
    for (unsigned i = 0; i < phnum; i++) {
        const uint8_t *ph = d + phoff + (uint64_t)i * PHDR_SIZE;
        if (rd32(ph) != PT_LOAD)
            continue;
        struct elf_segment s = { .offset = rd64(ph + 8), .paddr = rd64(ph + 24),
                                 .filesz = rd64(ph + 32), .memsz = rd64(ph + 40) };
        if (!in_file(s.offset, s.filesz, size)) {
            elf_free(img);
            return error(err, errlen, "truncated ELF: segment %u extends past the end of the file", i);
        }
        if (s.filesz > s.memsz || s.paddr + s.memsz < s.paddr) {
            elf_free(img);
            return error(err, errlen, "malformed ELF: bad sizes in segment %u", i);
        }
        if (s.memsz)
            img->seg[img->nseg++] = s;
    }
    if (img->nseg == 0) {
        elf_free(img);
        return error(err, errlen, "ELF has no loadable segment");
    }
    if (!parse_symbols(img, err, errlen)) {
        elf_free(img);
        return false;
    }
    return true;
}

void elf_free(struct elf_image *img)
{
    free(img->seg);
    free(img->sym);
    img->seg = NULL;
    img->sym = NULL;
    img->nseg = img->nsym = 0;
}

bool elf_symbol(const struct elf_image *img, const char *name, uint64_t *value)
{
    for (unsigned i = 0; i < img->nsym; i++) {
        if (strcmp(img->sym[i].name, name) == 0) {
            *value = img->sym[i].value;
            return true;
        }
    }
    return false;
}

bool elf_load(const struct elf_image *img, const struct bus *bus, char *err, size_t errlen)
{
    for (unsigned i = 0; i < img->nseg; i++) {
        const struct elf_segment *s = &img->seg[i];
        if (!bus_host_load(bus, s->paddr, s->memsz))
            return error(err, errlen, "ELF segment at 0x%llx (%llu bytes) is outside memory",
                         (unsigned long long)s->paddr, (unsigned long long)s->memsz);
    }
    for (unsigned i = 0; i < img->nseg; i++) {
        const struct elf_segment *s = &img->seg[i];
        uint8_t *p = bus_host_load(bus, s->paddr, s->memsz);
        memcpy(p, img->data + s->offset, s->filesz);
        memset(p + s->filesz, 0, s->memsz - s->filesz);
    }
    return true;
}
