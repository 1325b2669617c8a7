/* Common test framework for the guest conformance programs: M- and S-mode
 * trap handlers that record "expected" traps and skip the faulting
 * instruction, switching into S or U mode and back, interrupt hooks.
 * Everything here is written for these tests (see README.md). */
#ifndef GUEST_H
#define GUEST_H

#include "rt.h"
#include "amber/hw.h"

#define PRV_U 0
#define PRV_S 1
#define PRV_M 3

/* mstatus / sstatus bits */
#define MSTATUS_SIE  (1ull << 1)
#define MSTATUS_MIE  (1ull << 3)
#define MSTATUS_SPIE (1ull << 5)
#define MSTATUS_MPIE (1ull << 7)
#define MSTATUS_SPP  (1ull << 8)
#define MSTATUS_MPP  (3ull << 11)
#define MSTATUS_MPRV (1ull << 17)
#define MSTATUS_SUM  (1ull << 18)
#define MSTATUS_MXR  (1ull << 19)
#define MSTATUS_TVM  (1ull << 20)
#define MSTATUS_TW   (1ull << 21)
#define MSTATUS_TSR  (1ull << 22)
#define MSTATUS_MPP_SHIFT 11

/* interrupt numbers (bit in mip/mie, low bits of mcause) */
#define IRQ_SSI 1
#define IRQ_MSI 3
#define IRQ_STI 5
#define IRQ_MTI 7
#define IRQ_SEI 9
#define IRQ_MEI 11
#define CAUSE_INTR (1ull << 63)

/* exception causes */
#define EXC_FETCH_MISALIGNED 0
#define EXC_FETCH_ACCESS     1
#define EXC_ILLEGAL          2
#define EXC_BREAKPOINT       3
#define EXC_LOAD_MISALIGNED  4
#define EXC_LOAD_ACCESS      5
#define EXC_STORE_MISALIGNED 6
#define EXC_STORE_ACCESS     7
#define EXC_ECALL_U          8
#define EXC_ECALL_S          9
#define EXC_ECALL_M          11
#define EXC_FETCH_PAGE       12
#define EXC_LOAD_PAGE        13
#define EXC_STORE_PAGE       15

/* a7 value of the ecall that ends enter_mode() from S or U mode */
#define SYS_EXIT 0x5e5eull

struct frame {
    uint64_t x[32];   /* x[2] is the interrupted sp */
    uint64_t vec;     /* vector slot used, or VEC_DIRECT */
    uint64_t pad;
};
#define VEC_DIRECT 0xffu

/* The last trap recorded while armed (expect_trap) or by an interrupt. */
struct trap_rec {
    uint64_t cause, epc, tval, status; /* xcause/xepc/xtval/mstatus at entry */
    uint64_t vec;                      /* vector slot or VEC_DIRECT */
    int mode;                          /* PRV_M or PRV_S: which handler ran */
    int count;                         /* traps recorded since expect_trap() */
};
extern volatile struct trap_rec trap;

typedef void (*irq_fn)(struct frame *f, uint64_t cause, int mode);
extern volatile irq_fn irq_hook; /* called for interrupts, in the mode taken */

/* Install the handlers (M direct, S direct), trap stacks, PMP allow-all,
 * no delegation, satp=0. */
void guest_init(void);
/* PMP entry 0 = NAPOT over everything, RWX (QEMU enforces PMP for S/U). */
void pmp_allow_all(void);

/* Arm: the next trap is recorded in `trap` and the trapping instruction is
 * skipped (for fetch faults execution resumes at ra). */
void expect_trap(void);
/* Record/skip every trap until disarm(), counting them. */
void expect_traps(void);
void disarm(void);

/* From M mode: run fn(arg) in mode PRV_S or PRV_U (mret with MPP=mode) and
 * return its return value; fn returns through an ecall with a7=SYS_EXIT.
 * U code needs a U-accessible stack and code when paging is on: see
 * the ucode section in guest_asm.S. */
uint64_t enter_mode(int mode, uint64_t (*fn)(uint64_t), uint64_t arg);
/* Raw version: explicit stack and return trampoline. */
uint64_t enter_mode_raw(uint64_t mode, uint64_t fn, uint64_t arg, uint64_t sp,
                        uint64_t ret_tramp);

/* Handler entry points and vector tables (guest_asm.S). */
extern char m_trap_entry[], s_trap_entry[], m_vectors[], s_vectors[];
extern char s_exit_tramp[], u_exit_tramp[];
/* U-mode code and data pages (page aligned, whole pages). */
extern char ucode_start[], ucode_end[], udata_start[], udata_end[];
/* U-mode primitives (in ucode): each ends with ecall SYS_EXIT */
uint64_t u_load64(uint64_t addr);   /* returns *addr or the sentinel */
uint64_t u_store64(uint64_t addr);  /* stores 0x5555 to *addr, returns 0 */
uint64_t u_ecall(uint64_t a7);      /* plain ecall with a7, then exit 0 */
uint64_t u_call(uint64_t fnaddr);   /* jalr to fnaddr, exit with its a0 */
uint64_t u_illegal(uint64_t unused); /* executes an all-zero halfword */
uint64_t u_csr_cycle(uint64_t u);   /* rdcycle */
uint64_t u_csr_time(uint64_t u);    /* rdtime */
uint64_t u_csr_instret(uint64_t u); /* rdinstret */
uint64_t u_sscratch(uint64_t u);    /* csrr sscratch (illegal in U) */
uint64_t u_spin(uint64_t n);        /* counts down n, returns 0 */
uint64_t u_cbo_clean(uint64_t addr);
uint64_t u_cbo_flush(uint64_t addr);
uint64_t u_cbo_inval(uint64_t addr);
extern uint64_t u_word[];           /* first dword of the U data page */
extern char u_ecall_at[], u_illegal_at[]; /* addresses of the trapping insns */
#define SENTINEL 0xbadc0ffee0ddf00dull

/* Small inline accessors whose result is SENTINEL if they trap. */
static inline uint64_t ld64(uint64_t a)
{
    uint64_t v = SENTINEL;
    __asm__ volatile("ld %0, 0(%1)" : "+r"(v) : "r"(a) : "memory");
    return v;
}
static inline uint64_t lw32(uint64_t a)
{
    uint64_t v = SENTINEL;
    __asm__ volatile("lw %0, 0(%1)" : "+r"(v) : "r"(a) : "memory");
    return v;
}
static inline uint64_t lbu8(uint64_t a)
{
    uint64_t v = SENTINEL;
    __asm__ volatile("lbu %0, 0(%1)" : "+r"(v) : "r"(a) : "memory");
    return v;
}
static inline void sd64(uint64_t a, uint64_t v)
{
    __asm__ volatile("sd %1, 0(%0)" :: "r"(a), "r"(v) : "memory");
}
static inline void sw32(uint64_t a, uint32_t v)
{
    __asm__ volatile("sw %1, 0(%0)" :: "r"(a), "r"(v) : "memory");
}
static inline void sb8(uint64_t a, uint8_t v)
{
    __asm__ volatile("sb %1, 0(%0)" :: "r"(a), "r"(v) : "memory");
}
static inline uint64_t call_addr(uint64_t a) /* jalr a; returns a0 */
{
    register uint64_t r __asm__("a0") = SENTINEL;
    __asm__ volatile("jalr %1" : "+r"(r) : "r"(a)
                     : "ra", "t0", "t1", "t2", "a1", "a2", "a3", "a4", "a5",
                       "a6", "a7", "t3", "t4", "t5", "t6", "memory");
    return r;
}
static inline void sfence_vma(void) { __asm__ volatile("sfence.vma" ::: "memory"); }
static inline void fence_i(void) { __asm__ volatile("fence.i" ::: "memory"); }

#define MMIO32(a) (*(volatile uint32_t *)(uintptr_t)(a))
#define MMIO64(a) (*(volatile uint64_t *)(uintptr_t)(a))
#define MMIO8(a)  (*(volatile uint8_t *)(uintptr_t)(a))

static inline uint64_t mtime(void) { return MMIO64(AMBER_CLINT_BASE + CLINT_MTIME); }
static inline void set_mtimecmp(uint64_t v) { MMIO64(AMBER_CLINT_BASE + CLINT_MTIMECMP) = v; }
static inline void set_msip(uint32_t v) { MMIO32(AMBER_CLINT_BASE + CLINT_MSIP) = v; }

/* Check that exactly one trap with this cause was recorded. */
#define CHECK_TRAP(cause_) do { CHECK(trap.count == 1); CHECK(trap.cause == (cause_)); } while (0)
#define CHECK_NOTRAP() CHECK(trap.count == 0)

/* Print a progress line. */
static inline void say(const char *s) { rt_puts(s); rt_putc('\n'); }

/* Fail helper used by the assembly tests: prints test number and values. */
void asm_fail(uint64_t testnum, uint64_t got, uint64_t expected);

#endif
