#include "csr.h"
#include "handoff.h"
#include "mem.h"
#include "mmio.h"

_Static_assert((FW_DRAM_SIZE & (FW_DRAM_SIZE - 1)) == 0 && AMBER_DRAM_BASE % FW_DRAM_SIZE == 0,
               "the firmware's DRAM must be one naturally aligned power-of-two PMP region");

/* Every synchronous exception S-mode can handle: all but ecall from S
 * (the SBI) and from M, plus the Xamber causes 24..28 (docs/isa.md). */
#define DELEGATED_EXCEPTIONS ((1ull << 0) | (1ull << 1) | (1ull << 2) | (1ull << 3) |     \
                              (1ull << 4) | (1ull << 5) | (1ull << 6) | (1ull << 7) |     \
                              (1ull << 8) | (1ull << 12) | (1ull << 13) | (1ull << 15) | \
                              (0x1Full << 24))

/* The handoff block sits in a PMP window of its own, which S-mode may read
 * (but not write) while the rest of the firmware's DRAM is closed to it. */
#define HANDOFF_WINDOW 256u
_Static_assert(sizeof(struct handoff) <= HANDOFF_WINDOW, "the handoff block fits its window");
static struct handoff handoff __attribute__((aligned(HANDOFF_WINDOW)));

void nvdimm_set_os_id(const struct platform *p, const char os_id[BOOT_OS_ID_BYTES])
{
    _Static_assert(BOOT_OS_ID_BYTES == NVDIMM_OS_ID_BYTES, "the OS id fills the register");
    for (unsigned i = 0; i < BOOT_OS_ID_BYTES; i += 4) {
        uint32_t w;
        memcpy(&w, os_id + i, 4);
        mmio_write32(p->nvdimm_base + NVDIMM_OS_ID + i, w);
    }
}

/* Entry 0: S and U may read the handoff block; entry 1: no access to the
 * rest of the firmware's DRAM; entry 2: everything else. The lowest
 * matching entry wins; M-mode is not bound by unlocked entries. */
static uint64_t napot(uint64_t base, uint64_t size)
{
    return (base >> 2) | ((size >> 3) - 1);
}

static void pmp_setup(void)
{
    csr_write(pmpaddr0, napot((uintptr_t)&handoff, HANDOFF_WINDOW));
    csr_write(pmpaddr1, napot(AMBER_DRAM_BASE, FW_DRAM_SIZE));
    csr_write(pmpaddr2, ~0ull >> 10); /* NAPOT over the whole address space */
    csr_write(pmpcfg0, (PMP_NAPOT | PMP_R) | (uint64_t)PMP_NAPOT << 8 |
                       (uint64_t)(PMP_NAPOT | PMP_R | PMP_W | PMP_X) << 16);
}

void handoff_enter(const struct platform *p, const struct os_super *s, uint32_t flags,
                   const char *install_os_id)
{
    struct handoff *h = &handoff;
    memset(h, 0, sizeof *h);
    h->magic = HANDOFF_MAGIC;
    h->version = HANDOFF_VERSION;
    h->flags = flags;
    h->dram_base = p->dram_base;
    h->dram_size = p->dram_size;
    h->fw_base = AMBER_DRAM_BASE;
    h->fw_size = FW_DRAM_SIZE;
    h->pmem_base = p->pmem_base;
    h->pmem_size = p->pmem_size;
    h->devtable_pa = p->devtable;
    h->timebase_hz = CLINT_TIMEBASE_HZ;
    h->power_cycles = mmio_read64(p->nvdimm_base + NVDIMM_POWER_CYCLES);
    for (unsigned i = 0; i < BOOT_OS_ID_BYTES - 1 && install_os_id[i]; i++)
        h->install_os_id[i] = install_os_id[i];

    pmp_setup();
    csr_write(medeleg, DELEGATED_EXCEPTIONS);
    csr_write(mideleg, MIP_SSIP | MIP_STIP | MIP_SEIP);
    csr_write(mcounteren, 0xFFFFFFFFu);
    csr_write(menvcfg, MENVCFG_CBIE | MENVCFG_CBCFE);
    /* No S timer until the OS asks for one (SBI_EXT_TIME). */
    mmio_write64(AMBER_CLINT_BASE + CLINT_MTIMECMP, UINT64_MAX);
    csr_write(mie, 0);
    csr_clear(mip, MIP_STIP | MIP_SSIP);
    csr_write(satp, 0);
    csr_clear(mstatus, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_MPRV |
                       MSTATUS_SUM | MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR);
    csr_set(mstatus, MSTATUS_MPP_S);
    csr_write(mepc, s->entry_pa);

    /* The kernel was written with data stores: make instruction fetch see it. */
    __asm__ volatile("fence.i" ::: "memory");
    register uint64_t a0 __asm__("a0") = p->hartid;
    register uint64_t a1 __asm__("a1") = (uint64_t)(uintptr_t)h;
    __asm__ volatile("mret" :: "r"(a0), "r"(a1) : "memory");
    __builtin_unreachable();
}
