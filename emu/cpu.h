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
    /* Not architectural: the debugger stops the hart before a watched
     * access (cpu_hooks.watch); cpu_exception stops instead of trapping. */
    EXC_DEBUG = 0x100,
};

/* Interrupt numbers (bit positions in mip/mie). */
enum { IRQ_SSI = 1, IRQ_MSI = 3, IRQ_STI = 5, IRQ_MTI = 7, IRQ_SEI = 9, IRQ_MEI = 11 };

enum access { ACC_READ, ACC_WRITE, ACC_EXEC };
enum { WATCH_READ = 1, WATCH_WRITE = 2 }; /* kinds of data access, as a mask */

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
    uint8_t *tags;    /* the page's word tags, NULL while all are RAW (tagmem.h) */
};

/* A data access the slow path made, as the debugger sees it. */
struct mem_event {
    uint64_t va, pa, val;
    unsigned size;
    enum access acc;  /* ACC_READ or ACC_WRITE (AMOs and am.cas report a write) */
    bool has_val;     /* false where the slow path does not see the value (AMOs, Xamber) */
    bool device;      /* the access went to a device register */
};

/* Observers for the debugger (emu/debug.c). cpu.hooks is NULL unless the
 * debugger needs them, so the fast paths never look at it. With ram set,
 * the TLB takes no data pages, so every load and store reaches mmu.c's
 * slow path; device accesses always take that path. There, once an access
 * is known to succeed, watch may stop the hart before it happens (the
 * instruction fails with EXC_DEBUG and does not retire), and access hears
 * of it after. While cpu.debug is set, cpu_run steps one instruction at a
 * time and asks insn before each; true stops it there (cpu.stop). watch,
 * access and trap may be NULL. */
struct cpu_hooks {
    bool ram;
    bool (*insn)(struct cpu_hooks *h, uint64_t pc);
    bool (*watch)(struct cpu_hooks *h, uint64_t va, unsigned size, unsigned kinds);
    void (*access)(struct cpu_hooks *h, const struct mem_event *e);
    void (*trap)(struct cpu_hooks *h, uint64_t cause, uint64_t epc, uint64_t tval,
                 unsigned from_priv);
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
    bool natural;    /* ends where interrupts and events may be taken */
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
    uint64_t amhp, amhlim, amcard; /* Xamber: allocation pointer and limit, card table */
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
    bool boundary;     /* at a natural block end: interrupts may be taken */
    bool stuck;        /* exceptions keep coming with nothing retired */
    uint64_t fault_instret; /* instret at the last exception, and how many */
    unsigned fault_count;   /* exceptions in a row since anything retired */

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
    bool debug;                /* step, and ask hooks->insn before each instruction */
    struct cpu_hooks *hooks;   /* the debugger's observers, or NULL */
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
/* The RAM word at va for a tagged access (8-byte aligned; acc ACC_READ, or
 * ACC_WRITE for stores and am.cas): its host bytes, physical address and
 * region, whose tags the caller reads or writes. */
struct bus_region;
bool mmu_word_addr(struct cpu *c, uint64_t va, enum access acc, uint8_t **host, uint64_t *pa,
                   const struct bus_region **r);
/* The RAM page at page_pa got its first tag: give its TLB entries the
 * page's word tags, so that their stores make words RAW. */
void mmu_page_tagged(struct cpu *c, uint64_t page_pa, uint8_t *tags);
void mmu_flush(struct cpu *c);
bool pmp_check(const struct cpu *c, uint64_t pa, unsigned size, enum access acc, unsigned priv);

/* Xamber (cpu_xamber.c): execute one instruction of the extension. They
 * return false with exc_cause/exc_tval set when it traps; xam_exec writes
 * *rd only on success, xam_branch returns 1 taken, 0 not taken, -1 trap. */
bool xam_exec(struct cpu *c, const struct insn *in, uint64_t *rd);
int xam_branch(struct cpu *c, const struct insn *in);

/* Block cache. */
void cpu_flush_blocks(struct cpu *c);

#endif
