/* A test OS for the firmware: an S-mode program installed and entered like
 * the real kernel, which checks what it was handed (docs/firmware.md, "The
 * handoff"), prints what the boot tests look for, and powers off. Built
 * twice (TESTOS_BUILD 1 and 2) to get two OS builds with different ids. */
#include "amber/boot.h"
#include "amber/hw.h"
#include "rt.h"

#define STACK_SIZE (16u << 10)
#define SCAUSE_INTERRUPT (1ull << 63)
#define IRQ_S_TIMER      5u
#define EXC_ILLEGAL      2u
#define EXC_LOAD_ACCESS  5u
#define EXC_STORE_ACCESS 7u
#define SIE_STIE     (1ull << 5)
#define SSTATUS_SIE  (1ull << 1)
#define SBI_EXT_BASE 0x10u

/* The stack, then this state, in DRAM just above the firmware's. */
const uint64_t testos_stack_top = AMBER_DRAM_BASE + FW_DRAM_SIZE + STACK_SIZE;
struct state {
    uint64_t expect;  /* the exception cause the next trap may have */
    uint64_t faults;  /* expected exceptions taken */
    uint64_t tval;    /* stval of the last one */
    uint64_t ticks;   /* S timer interrupts taken */
};
#define ST ((volatile struct state *)(uintptr_t)(AMBER_DRAM_BASE + FW_DRAM_SIZE + STACK_SIZE))

/* The boot counter, in the OS's own store in PMEM. */
#define BOOTS ((volatile uint64_t *)(uintptr_t)OS_STORE_PA)

static long sbi(uint64_t ext, uint64_t fn, uint64_t arg)
{
    register uint64_t a0 __asm__("a0") = arg;
    register uint64_t a6 __asm__("a6") = fn;
    register uint64_t a7 __asm__("a7") = ext;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a6), "r"(a7) : "a1", "memory");
    return (long)a0;
}

static uint64_t rdtime(void)
{
    uint64_t t;
    __asm__ volatile("rdtime %0" : "=r"(t));
    return t;
}

uint64_t testos_trap(uint64_t cause, uint64_t epc, uint64_t tval)
{
    if (cause == (SCAUSE_INTERRUPT | IRQ_S_TIMER)) {
        ST->ticks++;
        sbi(SBI_EXT_TIME, 0, UINT64_MAX); /* also clears the pending interrupt */
        return epc;
    }
    if (cause != ST->expect) {
        rt_puts("testos: unexpected trap: scause ");
        rt_puthex(cause);
        rt_puts(" sepc ");
        rt_puthex(epc);
        rt_puts(" stval ");
        rt_puthex(tval);
        rt_putc('\n');
        rt_exit(3);
    }
    ST->expect = UINT64_MAX;
    ST->faults++;
    ST->tval = tval;
    uint16_t insn = *(const uint16_t *)(uintptr_t)epc;
    return epc + ((insn & 3) == 3 ? 4 : 2); /* skip the faulting instruction */
}

/* Run f expecting exactly one exception of this cause; its stval. */
#define EXPECT_TRAP(c, stmt) ({ uint64_t n_ = ST->faults; ST->expect = (c); stmt; \
    CHECK(ST->faults == n_ + 1); ST->tval; })

static void put_id(const char *what, const char *id)
{
    rt_puts(what);
    for (unsigned i = 0; i < BOOT_OS_ID_BYTES && id[i]; i++)
        rt_putc(id[i]);
    rt_putc('\n');
}

static void check_handoff(uint64_t hartid, const struct handoff *h)
{
    CHECK(hartid == 0);
    CHECK(h->magic == HANDOFF_MAGIC && h->version == HANDOFF_VERSION);
    CHECK((h->flags & ~(uint32_t)(HANDOFF_FRESH | HANDOFF_OS_MISMATCH)) == 0);
    CHECK(h->fw_base == AMBER_DRAM_BASE && h->fw_size == FW_DRAM_SIZE);
    CHECK(h->dram_base == AMBER_DRAM_BASE && h->dram_size > FW_DRAM_SIZE + 2 * STACK_SIZE);
    CHECK(h->pmem_base == AMBER_PMEM_BASE && h->pmem_size >= OS_STORE_PA - AMBER_PMEM_BASE);
    CHECK(h->timebase_hz == CLINT_TIMEBASE_HZ);
    CHECK(*(volatile uint32_t *)(uintptr_t)(h->devtable_pa + DEVTABLE_MAGIC) == DEVID_TABLE);
    CHECK((uintptr_t)h >= h->fw_base && (uintptr_t)h + sizeof *h <= h->fw_base + h->fw_size);
    CHECK(h->install_os_id[BOOT_OS_ID_BYTES - 1] == 0);
}

/* S-mode with paging off: satp reads 0, machine CSRs are illegal. */
static void check_mode(void)
{
    CHECK(csr_read(satp) == 0);
    EXPECT_TRAP(EXC_ILLEGAL, (void)csr_read(mstatus));
}

/* The firmware's DRAM is out of reach but for the handoff block, which is
 * read-only; the DRAM after it is ours. */
static void check_pmp(const struct handoff *h)
{
    uint64_t lo = h->fw_base, hi = h->fw_base + h->fw_size - 8;
    uint64_t hand = (uintptr_t)h;
    uint64_t other = hand - lo >= 8 ? lo : hi; /* a word that is not the block */
    CHECK(EXPECT_TRAP(EXC_LOAD_ACCESS, (void)*(volatile uint64_t *)(uintptr_t)other) == other);
    CHECK(EXPECT_TRAP(EXC_STORE_ACCESS, *(volatile uint64_t *)(uintptr_t)hi = 0) == hi);
    CHECK(EXPECT_TRAP(EXC_STORE_ACCESS, *(volatile uint64_t *)(uintptr_t)hand = 0) == hand);
    CHECK(*(volatile uint64_t *)(uintptr_t)hand == HANDOFF_MAGIC); /* the store did nothing */
    volatile uint64_t *after = (volatile uint64_t *)(uintptr_t)(h->fw_base + h->fw_size);
    *after = 0x1234;
    CHECK(*after == 0x1234);
}

/* The SBI timer: an interrupt arrives no earlier than asked, one set in
 * the past arrives at once, and other calls are not supported. */
static void check_timer(void)
{
    csr_set(sie, SIE_STIE);
    csr_set(sstatus, SSTATUS_SIE);
    uint64_t when = rdtime() + CLINT_TIMEBASE_HZ / 10000; /* 100 us */
    CHECK(sbi(SBI_EXT_TIME, 0, when) == SBI_SUCCESS);
    while (ST->ticks == 0)
        __asm__ volatile("wfi");
    CHECK(rdtime() >= when && ST->ticks == 1);
    sbi(SBI_EXT_TIME, 0, 0);
    for (int i = 0; i < 100 && ST->ticks == 1; i++)
        __asm__ volatile("nop");
    CHECK(ST->ticks == 2);
    CHECK(sbi(SBI_EXT_BASE, 0, 0) == SBI_ERR_NOT_SUPPORTED);
    CHECK(sbi(SBI_EXT_TIME, 1, 0) == SBI_ERR_NOT_SUPPORTED);
    csr_clear(sstatus, SSTATUS_SIE);
}

/* Cache-block operations work from S-mode: a flushed line waits in the
 * NVDIMM's write-pending queue until the fence. Counts the boots. */
static uint64_t count_boot(void)
{
    volatile uint64_t *queued = (volatile uint64_t *)(uintptr_t)(AMBER_NVDIMM_BASE + NVDIMM_BARRIER);
    uint64_t boots = *BOOTS + 1;
    *BOOTS = boots;
    __asm__ volatile("cbo.flush (%0)" :: "r"(BOOTS) : "memory");
    CHECK(*queued >= 1);
    __asm__ volatile("fence rw, rw" ::: "memory");
    CHECK(*queued == 0);
    __asm__ volatile("cbo.clean (%0)" :: "r"(BOOTS) : "memory");
    __asm__ volatile("cbo.inval (%0)" :: "r"(BOOTS) : "memory");
    CHECK(*BOOTS == boots);
    return boots;
}

/* The NVDIMM controller holds the running OS's identity. */
static void check_os_id(const char *os_id)
{
    for (unsigned i = 0; i < BOOT_OS_ID_BYTES; i++)
        CHECK(*(volatile uint8_t *)(uintptr_t)(AMBER_NVDIMM_BASE + NVDIMM_OS_ID + i) ==
              (uint8_t)os_id[i]);
}

void testos_main(uint64_t hartid, const struct handoff *h)
{
    const struct os_super *super = (const struct os_super *)(uintptr_t)OS_SUPER_PA;
    ST->expect = UINT64_MAX;
    ST->faults = 0;
    ST->ticks = 0;
    rt_puts("testos build " TESTOS_BUILD ": hart ");
    rt_putdec((int64_t)hartid);
    rt_puts(", handoff at ");
    rt_puthex((uintptr_t)h);
    rt_putc('\n');
    check_handoff(hartid, h);
    check_mode();
    check_pmp(h);
    check_timer();
    check_os_id(super->os_id);
    rt_puts("testos: flags fresh=");
    rt_putdec(!!(h->flags & HANDOFF_FRESH));
    rt_puts(" mismatch=");
    rt_putdec(!!(h->flags & HANDOFF_OS_MISMATCH));
    rt_putc('\n');
    put_id("testos: running ", super->os_id);
    put_id("testos: install medium ", h->install_os_id);
    rt_puts("testos: boot ");
    rt_putdec((int64_t)count_boot());
    rt_puts(", power cycles ");
    rt_putdec((int64_t)h->power_cycles);
    rt_putc('\n');
    rt_puts("testos: all checks passed\n");
    rt_exit(0);
}
