/* The Amber-1 hart: architectural state, the software TLB and the block
 * cache. One struct per hart; no globals, so tests can build several. */
#ifndef EMU_CPU_H
#define EMU_CPU_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "insn.h"
#include "timing.h"

struct bus;
struct clint;

enum { PRIV_U = 0, PRIV_S = 1, PRIV_M = 3 };

/* Exception causes (mcause with the interrupt bit clear). */
enum {
    EXC_INSN_MISALIGNED = 0, EXC_INSN_ACCESS = 1, EXC_ILLEGAL = 2,
    EXC_BREAKPOINT = 3, EXC_LOAD_MISALIGNED = 4, EXC_LOAD_ACCESS = 5,
    EXC_STORE_MISALIGNED = 6, EXC_STORE_ACCESS = 7, EXC_ECALL_U = 8,
    EXC_ECALL_S = 9, EXC_ECALL_M = 11, EXC_INSN_PAGE = 12,
    EXC_LOAD_PAGE = 13, EXC_STORE_PAGE = 15,
};

/* Interrupt numbers (bit positions in mip/mie). */
enum { IRQ_SSI = 1, IRQ_MSI = 3, IRQ_STI = 5, IRQ_MTI = 7, IRQ_SEI = 9, IRQ_MEI = 11 };

enum access { ACC_READ, ACC_WRITE, ACC_EXEC };

/* Software TLB: maps a virtual page straight to host memory for RAM pages
 * whose whole 4 KiB passed the MMU and PMP checks. A tag is the page's
 * virtual address, or TLB_INVALID; one tag per access kind, so a page that
 * is readable but not yet dirty only hits for reads. */
#define TLB_SIZE 256
#define TLB_INVALID UINT64_MAX
struct tlb_entry {
    uint64_t tag[3];  /* indexed by enum access */
    uint8_t *host;    /* host address of the page */
    uint64_t pa;      /* physical address of the page */
};

/* Block cache: straight-line runs of decoded instructions, keyed by the
 * physical address of their first instruction. A block never crosses a page
 * and ends at the first instruction that may change control flow, privilege
 * or translation. */
#define BLOCK_MAX 64
#define BCACHE_SLOTS 16384
#define BARENA_INSNS (1u << 20)
struct block {
    uint64_t pa;
    uint32_t cost;   /* sum of the static costs of the instructions */
    uint16_t n;      /* instructions */
    uint16_t bytes;  /* length in bytes */
    bool chain;      /* ends in plain control flow: a successor may be cached */
    uint32_t next_gen; /* the cached successor, valid in this generation */
    uint64_t next_pa;
    struct block *next;
    struct insn *insn;
};

struct pmp {
    uint8_t cfg[16];
    uint64_t addr[16];
};

struct csrs {
    uint64_t mstatus, medeleg, mideleg, mie, mip, mtvec, mscratch, mepc, mcause, mtval;
    uint64_t stvec, sscratch, sepc, scause, stval, satp;
    uint64_t mcounteren, scounteren, mcountinhibit, menvcfg, senvcfg;
    uint64_t mcycle_off, minstret_off; /* counter = internal count + offset */
    uint64_t cycle_frozen, instret_frozen; /* values while mcountinhibit holds them */
};

struct cpu {
    uint64_t x[33];   /* x[32] is a sink for writes to x0 */
    uint64_t pc;
    unsigned priv;
    struct csrs csr;
    struct pmp pmp;
    uint64_t mip_ext;  /* interrupt lines driven by devices (MTIP, MSIP, MEIP, SEIP) */

    uint64_t cycle;    /* simulated cycles since power-on; the machine's clock */
    uint64_t instret;  /* instructions retired since power-on */
    uint64_t next_event; /* cpu_run returns to the machine when cycle reaches this */
    bool stop;         /* set by the machine or a device access to end cpu_run */
    bool wfi;          /* halted in WFI until an interrupt is pending */

    uint64_t resv_addr; /* LR/SC reservation (physical), or UINT64_MAX */

    /* Pending exception raised by a memory access helper. */
    uint64_t exc_cause, exc_tval;

    unsigned dctx, ictx; /* TLB context (0 U, 1 S, 2 M) for data and fetch */
    struct tlb_entry tlb[3][TLB_SIZE];

    uint32_t bgen;
    struct { uint64_t pa; uint32_t gen; struct block *b; } bmap[BCACHE_SLOTS];
    struct block *blocks;  /* arena of block headers */
    struct insn *insns;    /* arena of decoded instructions */
    uint32_t nblocks, ninsns;

    struct timing timing;
    struct bus *bus;
    const struct clint *clint; /* the time CSR shadows its mtime */
    FILE *trace;               /* instruction trace, or NULL */
};

bool cpu_init(struct cpu *c, struct bus *bus, const struct clint *clint);
void cpu_free(struct cpu *c);
void cpu_reset(struct cpu *c, uint64_t pc);

/* Run until cycle >= next_event, stop is set, or instret reaches
 * instret_limit. Interrupts are taken at block boundaries. */
void cpu_run(struct cpu *c, uint64_t instret_limit);

/* Interrupts and traps (cpu_trap.c). */
void cpu_exception(struct cpu *c, uint64_t cause, uint64_t tval);
bool cpu_take_interrupt(struct cpu *c);
uint64_t cpu_pending_interrupts(const struct cpu *c);
void cpu_mret(struct cpu *c);
void cpu_sret(struct cpu *c);
void cpu_set_priv(struct cpu *c, unsigned priv);
void cpu_update_ctx(struct cpu *c);

/* CSRs (cpu_csr.c). Return false when the access is illegal. */
bool cpu_csr_read(struct cpu *c, unsigned csr, uint64_t *val, bool rmw);
bool cpu_csr_write(struct cpu *c, unsigned csr, uint64_t val);
uint64_t cpu_mcycle(const struct cpu *c);
uint64_t cpu_minstret(const struct cpu *c);

/* Memory (mmu.c). On failure these set exc_cause/exc_tval and return false. */
bool mmu_load(struct cpu *c, uint64_t va, unsigned size, uint64_t *val);
bool mmu_store(struct cpu *c, uint64_t va, unsigned size, uint64_t val);
bool mmu_translate(struct cpu *c, uint64_t va, enum access acc, unsigned ctx, uint64_t *pa);
bool mmu_fetch_page(struct cpu *c, uint64_t va, uint64_t *pa, uint8_t **host);
bool mmu_amo_addr(struct cpu *c, uint64_t va, unsigned size, uint64_t *pa, uint8_t **host);
void mmu_flush(struct cpu *c);
bool pmp_check(const struct cpu *c, uint64_t pa, unsigned size, enum access acc, unsigned priv);

/* Block cache. */
void cpu_flush_blocks(struct cpu *c);

#endif
