/* The symbols of the program being debugged, from its ELF symbol table:
 * by name for expressions and breakpoints, by address for disassembly and
 * stop reports. The table owns copies of the names. */
#ifndef EMU_SYMBOLS_H
#define EMU_SYMBOLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct elf_image;

struct symbol {
    uint64_t addr, size; /* size 0: a label of unknown extent */
    char *name;
};

struct symtab {
    struct symbol *sym;  /* sorted by address */
    unsigned n;
    struct symbol **by_name; /* into sym, sorted by name */
};

/* Copies the useful symbols of img (no mapping symbols like $x, no local
 * .L labels). img may be NULL for an empty table. False if out of memory. */
bool symtab_init(struct symtab *t, const struct elf_image *img);
void symtab_free(struct symtab *t);

bool symtab_lookup(const struct symtab *t, const char *name, uint64_t *addr);
/* The symbol that addr lies in: the sized symbol containing it, else the
 * nearest label below it (within 64 KiB). NULL if there is none. */
const struct symbol *symtab_find(const struct symtab *t, uint64_t addr);
/* A symbol that starts exactly at addr, or NULL. */
const struct symbol *symtab_at(const struct symtab *t, uint64_t addr);
/* "name" or "name+0x1c" for addr into buf; false (buf empty) if no symbol. */
bool symtab_describe(const struct symtab *t, uint64_t addr, char *buf, size_t size);

#endif
