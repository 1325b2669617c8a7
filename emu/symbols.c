#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf.h"
#include "symbols.h"

/* Mapping symbols ($x, $d), assembler-local labels and the file names and
 * undefined weak symbols at 0 name no place a user would look for. */
static bool useful(const struct elf_symbol *s)
{
    return s->name[0] != '$' && strncmp(s->name, ".L", 2) != 0 && s->value != 0;
}

#define LABEL_REACH 0x10000

static int by_addr(const void *a, const void *b)
{
    const struct symbol *x = a, *y = b;
    if (x->addr != y->addr)
        return x->addr < y->addr ? -1 : 1;
    /* At one address, sized symbols (functions, objects) come first. */
    return (x->size == 0) - (y->size == 0);
}

static int by_name(const void *a, const void *b)
{
    const struct symbol *const *x = a, *const *y = b;
    return strcmp((*x)->name, (*y)->name);
}

bool symtab_init(struct symtab *t, const struct elf_image *img)
{
    memset(t, 0, sizeof *t);
    unsigned n = img ? img->nsym : 0;
    t->sym = calloc(n ? n : 1, sizeof *t->sym);
    t->by_name = calloc(n ? n : 1, sizeof *t->by_name);
    if (!t->sym || !t->by_name) {
        symtab_free(t);
        return false;
    }
    for (unsigned i = 0; i < n; i++) {
        const struct elf_symbol *s = &img->sym[i];
        if (!useful(s))
            continue;
        char *name = strdup(s->name);
        if (!name) {
            symtab_free(t);
            return false;
        }
        t->sym[t->n++] = (struct symbol){ s->value, s->size, name };
    }
    qsort(t->sym, t->n, sizeof *t->sym, by_addr);
    for (unsigned i = 0; i < t->n; i++)
        t->by_name[i] = &t->sym[i];
    qsort(t->by_name, t->n, sizeof *t->by_name, by_name);
    return true;
}

void symtab_free(struct symtab *t)
{
    for (unsigned i = 0; i < t->n; i++)
        free(t->sym[i].name);
    free(t->sym);
    free(t->by_name);
    memset(t, 0, sizeof *t);
}

bool symtab_lookup(const struct symtab *t, const char *name, uint64_t *addr)
{
    unsigned lo = 0, hi = t->n;
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        int c = strcmp(t->by_name[mid]->name, name);
        if (c == 0) {
            *addr = t->by_name[mid]->addr;
            return true;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

/* Index of the first symbol whose address is above addr. */
static unsigned upper(const struct symtab *t, uint64_t addr)
{
    unsigned lo = 0, hi = t->n;
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        if (t->sym[mid].addr <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const struct symbol *symtab_find(const struct symtab *t, uint64_t addr)
{
    unsigned i = upper(t, addr);
    if (i == 0)
        return NULL;
    const struct symbol *nearest = &t->sym[i - 1];
    /* A function may hold labels: prefer the sized symbol around addr. */
    for (unsigned k = i; k-- > 0;) {
        const struct symbol *s = &t->sym[k];
        if (s->size && addr - s->addr < s->size)
            return s;
        if (addr - s->addr > (1u << 20))
            break; /* nothing that far below is likely to hold addr */
    }
    while (nearest > t->sym && nearest[-1].addr == nearest->addr)
        nearest--; /* the first (sized, if any) at that address */
    if (nearest->size)
        return addr - nearest->addr < nearest->size ? nearest : NULL;
    /* A label says little about what lies far beyond it. */
    return addr - nearest->addr < LABEL_REACH ? nearest : NULL;
}

const struct symbol *symtab_at(const struct symtab *t, uint64_t addr)
{
    unsigned i = upper(t, addr);
    if (i == 0 || t->sym[i - 1].addr != addr)
        return NULL;
    while (i > 1 && t->sym[i - 2].addr == addr)
        i--;
    return &t->sym[i - 1];
}

bool symtab_describe(const struct symtab *t, uint64_t addr, char *buf, size_t size)
{
    const struct symbol *s = symtab_find(t, addr);
    if (size)
        buf[0] = '\0';
    if (!s)
        return false;
    if (addr == s->addr)
        snprintf(buf, size, "%s", s->name);
    else
        snprintf(buf, size, "%s+0x%llx", s->name, (unsigned long long)(addr - s->addr));
    return true;
}
