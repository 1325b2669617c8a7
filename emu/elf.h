/* ELF64 RISC-V executables: parsing with full bounds checks, loading into
 * the machine's memory, and the symbol table (tohost, monitor symbols). */
#ifndef EMU_ELF_H
#define EMU_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct bus;

struct elf_segment {
    uint64_t paddr, memsz, offset, filesz;
};

struct elf_symbol {
    uint64_t value, size;
    const char *name; /* points into the file image */
};

struct elf_image {
    const uint8_t *data;
    size_t size;
    uint64_t entry;
    struct elf_segment *seg;
    unsigned nseg;
    struct elf_symbol *sym;
    unsigned nsym;
};

/* Parse data (which must outlive img). On failure returns false with a
 * one-line reason in err. */
bool elf_parse(const uint8_t *data, size_t size, struct elf_image *img, char *err, size_t errlen);
void elf_free(struct elf_image *img);
bool elf_symbol(const struct elf_image *img, const char *name, uint64_t *value);

/* Copy the loadable segments into writable host-backed memory of the bus;
 * fails without writing anything if a segment lies outside it. */
bool elf_load(const struct elf_image *img, const struct bus *bus, char *err, size_t errlen);

#endif
