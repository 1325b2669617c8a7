/* Power-on: from the firmware's handoff to running threads. Everything
 * volatile (page tables, frames, scheduler) is built afresh; the threads
 * and the persistent region come back from the last completed checkpoint. */
#include "amber/boot.h"
#include "console.h"
#include "frames.h"
#include "hash.h"
#include "kernel.h"
#include "layout.h"
#include "plic.h"
#include "power.h"
#include "riscv.h"
#include "sched.h"
#include "store.h"
#include "trap.h"
#include "vm.h"
#include "workload.h"

extern char __bss_start[], __kdram_end[];
extern void trap_entry(void);
void kmain(uint64_t hart, uint64_t handoff_pa);

static struct store_resume resume;
static uint64_t wb_stack[1024] __attribute__((aligned(16)));
static uint64_t check_stack[1024] __attribute__((aligned(16)));

static uint64_t us(uint64_t ticks) { return ticks / ticks_per_us; }

void kmain(uint64_t hart, uint64_t handoff_pa)
{
    uint64_t t_entry = rdtime();
    csr_write(sscratch, (uint64_t)sched_boot_ctx());
    csr_write(stvec, (uint64_t)trap_entry);
    hash_init();
    console_init();
    const struct handoff *h = (const struct handoff *)handoff_pa;
    if (h->magic != HANDOFF_MAGIC || h->version != HANDOFF_VERSION || h->timebase_hz < 1000000u)
        refuse(OS_EXIT_BAD_HANDOFF, "amber-os: no valid handoff block from the firmware");
    ticks_per_us = h->timebase_hz / 1000000u;
    kprintf("amber-os: hart %lu\n", hart);
    if (h->flags & HANDOFF_OS_MISMATCH)
        kputs("amber-os: note: the install medium carries another OS build than the one installed\n");

    uint64_t kd_start = kva2pa(__bss_start), kd_end = kva2pa(__kdram_end);
    if (h->fw_base < kd_end && kd_start < h->fw_base + h->fw_size)
        refuse(OS_EXIT_BAD_HANDOFF, "amber-os: the firmware's DRAM overlaps the kernel's");
    if (kd_end > h->dram_base + h->dram_size)
        refuse(OS_EXIT_NO_ROOM, "amber-os: not enough DRAM");
    vm_init(h->dram_base, h->dram_size, h->pmem_size);
    frames_init(kd_end, h->dram_base + h->dram_size);
    sched_init();

    store_open(h, &resume);
    uint64_t t_open = rdtime();
    check_start(resume.seq, resume.hash_total);
    thread_create(check_thread, 0, (uint64_t)(check_stack + 1024), 0);

    if (resume.nthreads == 0)
        workload_start();
    for (uint32_t i = 0; i < resume.nthreads; i++)
        if (thread_restore(&resume.ctx[i]) < 0)
            panic("too many threads in the checkpoint");
    ckpt_set_writer(thread_create(ckpt_writeback_thread, 0, (uint64_t)(wb_stack + 1024), 0));

    plic_enable(PLIC_SRC_UART0);
    power_init();
    csr_write(sie, MIP_SEIP | MIP_STIP | MIP_SSIP);
    timer_arm();
    uint64_t t_run = rdtime();
    kprintf("resume: checkpoint %lu: %u threads running at %lu us after power-on "
            "(kernel entered at %lu us, store open %lu us)\n", resume.seq, resume.nthreads,
            us(t_run), us(t_entry), us(t_open - t_entry));
    sched_start();
}
