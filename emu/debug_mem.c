#include <string.h>

#include "csr.h"
#include "debug_mem.h"
#include "isa_ops.h"
#include "machine.h"

#define PAGE 4096ull

bool dbg_translate(const struct machine *m, uint64_t va, uint64_t *pa, const char **why)
{
    const struct cpu *c = &m->cpu;
    if (c->priv == PRIV_M || (c->csr.satp >> 60) != SATP_MODE_SV39) {
        *pa = va;
        return true;
    }
    if ((uint64_t)((int64_t)(va << 25) >> 25) != va) {
        *why = "not a valid Sv39 address";
        return false;
    }
    uint64_t table = (c->csr.satp & SATP_PPN) << 12;
    for (int level = 2; level >= 0; level--) {
        const uint8_t *p = bus_host(&m->bus, table + ((va >> (12 + 9 * level)) & 0x1ff) * 8, 8, false);
        uint64_t pte;
        if (!p) {
            *why = "page table outside RAM";
            return false;
        }
        memcpy(&pte, p, 8);
        /* V, not W without R, reserved bits 63:54 clear (as mmu.c walks) */
        if (!(pte & 1) || (pte & 6) == 4 || (pte >> 54)) {
            *why = "not mapped";
            return false;
        }
        uint64_t ppn = (pte >> 10) & 0xFFFFFFFFFFFull;
        if (pte & 0xa) { /* R or X: a leaf */
            uint64_t low = (1ull << (9 * level)) - 1;
            if (ppn & low) {
                *why = "not mapped (misaligned superpage)";
                return false;
            }
            *pa = ((ppn | ((va >> 12) & low)) << 12) | (va & 0xfff);
            return true;
        }
        table = ppn << 12;
    }
    *why = "not mapped";
    return false;
}

/* The longest run from addr (at most len bytes) that lies in one page and
 * one host-backed region: its host pointer and length. */
static uint8_t *chunk(const struct machine *m, uint64_t addr, bool phys, size_t len, bool write,
                      size_t *n, const char **why)
{
    uint64_t pa = addr;
    size_t room = len;
    if (!phys) {
        if (!dbg_translate(m, addr, &pa, why))
            return NULL;
        if (room > PAGE - (addr & (PAGE - 1)))
            room = PAGE - (addr & (PAGE - 1));
    }
    const struct bus_region *r = bus_find(&m->bus, pa, 1);
    if (!r) {
        *why = "no memory there";
        return NULL;
    }
    if (!r->host) {
        *why = "device registers (see info devices)";
        return NULL;
    }
    if (write && !r->writable) {
        *why = "read-only memory";
        return NULL;
    }
    if (room > r->size - (pa - r->base))
        room = r->size - (pa - r->base);
    *n = room;
    /* A writable pointer makes the tags RAW, so only ask for one to write. */
    return r->host + (pa - r->base);
}

bool dbg_read(const struct machine *m, uint64_t addr, bool phys, void *buf, size_t len,
              uint64_t *fail_at, const char **why)
{
    uint8_t *out = buf;
    while (len) {
        size_t n;
        const uint8_t *p = chunk(m, addr, phys, len, false, &n, why);
        if (!p) {
            *fail_at = addr;
            return false;
        }
        memcpy(out, p, n);
        out += n;
        addr += n;
        len -= n;
    }
    return true;
}

bool dbg_write(struct machine *m, uint64_t addr, bool phys, const void *buf, size_t len,
               uint64_t *fail_at, const char **why)
{
    /* Check the whole range first, so that a failure writes nothing. */
    size_t n;
    for (uint64_t a = addr, left = len; left; a += n, left -= n) {
        if (!chunk(m, a, phys, left, true, &n, why)) {
            *fail_at = a;
            return false;
        }
    }
    const uint8_t *in = buf;
    for (uint64_t a = addr, left = len; left; a += n, left -= n, in += n) {
        uint64_t pa = a;
        chunk(m, a, phys, left, true, &n, why);
        if (!phys)
            dbg_translate(m, a, &pa, why);
        memcpy(bus_host(&m->bus, pa, n, true), in, n); /* and the words become RAW */
    }
    cpu_flush_blocks(&m->cpu); /* the bytes may be code */
    return true;
}

bool dbg_tag(const struct machine *m, uint64_t addr, bool phys, uint8_t *tag, const char **why)
{
    uint64_t pa = addr;
    if (!phys && !dbg_translate(m, addr, &pa, why))
        return false;
    if (!bus_get_tag(&m->bus, pa, tag)) {
        *why = "not RAM";
        return false;
    }
    return true;
}

/* Borrow M mode for one CSR access; the hart's own mode comes back after. */
bool dbg_csr_read(struct cpu *c, unsigned csr, uint64_t *val)
{
    unsigned priv = c->priv;
    if (csr > 0xfff)
        return false;
    cpu_set_priv(c, PRIV_M);
    bool ok = cpu_csr_read(c, csr, val, false);
    cpu_set_priv(c, priv);
    return ok;
}

bool dbg_csr_write(struct cpu *c, unsigned csr, uint64_t val)
{
    unsigned priv = c->priv;
    if (csr > 0xfff)
        return false;
    cpu_set_priv(c, PRIV_M);
    /* cpu_csr_write expects to run inside an instruction, which the
     * instruction count already includes (see cpu_csr.c). */
    c->instret--;
    bool ok = cpu_csr_write(c, csr, val);
    c->instret++;
    cpu_set_priv(c, priv);
    return ok;
}

/* Implemented CSRs that carry no information here: the hardwired-zero
 * performance counters and events, PMP entries past the 16 that exist, and
 * the debug trigger registers. */
static bool boring(unsigned csr)
{
    return (csr >= CSR_HPMCOUNTER3 && csr <= CSR_HPMCOUNTER31) ||
           (csr >= CSR_MHPMCOUNTER3 && csr <= CSR_MHPMCOUNTER31) ||
           (csr >= CSR_MHPMEVENT3 && csr <= CSR_MHPMEVENT31) ||
           (csr > CSR_PMPCFG0 + 2 && csr <= CSR_PMPCFG15) ||
           (csr >= CSR_PMPADDR0 + 16 && csr <= CSR_PMPADDR63) ||
           (csr >= CSR_TSELECT && csr <= CSR_TDATA3);
}

unsigned dbg_csr_list(struct cpu *c, unsigned *out, unsigned max)
{
    unsigned n = 0;
    for (unsigned csr = 0; csr < 4096 && n < max; csr++) {
        uint64_t v;
        if (isa_csr_name(csr) && !boring(csr) && dbg_csr_read(c, csr, &v))
            out[n++] = csr;
    }
    return n;
}
