/* The debugger's view of memory and registers. Nothing here changes the
 * machine's course: translation walks the page tables without setting A/D
 * bits or charging cycles, reads touch no cache model, device registers
 * (whose reads have side effects) are refused, and CSRs are read as M mode
 * would, whatever the hart's privilege. */
#ifndef EMU_DEBUG_MEM_H
#define EMU_DEBUG_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct machine;
struct cpu;

/* Virtual to physical as the hart's current privilege mode sees it (M mode
 * and Bare satp map one to one). Access permissions are not checked: the
 * debugger may look at any mapped page. On failure *why says why. */
bool dbg_translate(const struct machine *m, uint64_t va, uint64_t *pa, const char **why);

/* Read or write len bytes at addr, virtual unless phys. All or nothing:
 * on failure nothing was written, *fail_at is the first address that
 * could not be accessed and *why says why. Writes go to writable RAM only,
 * set the words' tags to RAW like any store, and drop decoded code. */
bool dbg_read(const struct machine *m, uint64_t addr, bool phys, void *buf, size_t len,
              uint64_t *fail_at, const char **why);
bool dbg_write(struct machine *m, uint64_t addr, bool phys, const void *buf, size_t len,
               uint64_t *fail_at, const char **why);

/* The tag of the 8-byte word holding addr (virtual unless phys). */
bool dbg_tag(const struct machine *m, uint64_t addr, bool phys, uint8_t *tag, const char **why);

/* CSRs by number, with M-mode rights; false if the machine has no such CSR.
 * A write legalises the value as a csrw in M mode would. */
bool dbg_csr_read(struct cpu *c, unsigned csr, uint64_t *val);
bool dbg_csr_write(struct cpu *c, unsigned csr, uint64_t val);

/* The CSRs worth showing, in number order: the named ones the machine
 * implements, without the counters, events, PMP entries and triggers that
 * are hardwired to zero. Returns how many it put in out (at most max). */
unsigned dbg_csr_list(struct cpu *c, unsigned *out, unsigned max);

#endif
