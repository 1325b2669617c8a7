#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "csr.h"
#include "machine.h"
#include "pmem.h"

#define POLL_CYCLES   1000000ull /* host input: every simulated millisecond */
#define TOHOST_CYCLES 10000ull   /* HTIF tohost word: every 10 us */

/* PMEM, its controller, and both in the device table. */
static bool add_pmem(struct machine *m, struct pmem *p)
{
    nvdimm_init(&m->nvdimm, p);
    return bus_add_pmem(&m->bus, AMBER_PMEM_BASE, p) &&
           bus_add_device(&m->bus, "nvdimm", AMBER_NVDIMM_BASE, AMBER_DEV_STRIDE, &nvdimm_mmio,
                          &m->nvdimm) &&
           devtable_add(&m->devs.table, DEVID_NVDIMM, 1, 0, AMBER_NVDIMM_BASE, AMBER_DEV_STRIDE) &&
           devtable_add(&m->devs.table, DEVID_PMEM, 1, 0, AMBER_PMEM_BASE, p->size);
}

bool machine_init(struct machine *m, const struct machine_config *cfg, struct chardev *console)
{
    memset(m, 0, sizeof *m);
    m->dram_size = cfg->dram_size;
    /* Untouched DRAM costs the host nothing. */
    void *p = mmap(NULL, m->dram_size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return false;
    m->dram = p;
    /* Unprogrammed flash reads as zero and costs the host nothing. */
    p = mmap(NULL, AMBER_FLASH_SIZE, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        munmap(m->dram, m->dram_size);
        return false;
    }
    m->flash = p;
    if (!tagmem_alloc(&m->dram_tags, m->dram_size) || !cpu_init(&m->cpu, &m->bus, &m->clint)) {
        tagmem_free(&m->dram_tags);
        munmap(m->dram, m->dram_size);
        munmap(m->flash, AMBER_FLASH_SIZE);
        return false;
    }
    m->console = console;
    m->power_cut_at = UINT64_MAX;
    m->stop_at = UINT64_MAX;
    powerctl_init(&m->power, &m->cpu.cycle, 0);
    uart_init(&m->uart, console);
    clint_init(&m->clint, &m->cpu.cycle, CYCLES_PER_TICK);
    plic_init(&m->plic);
    finisher_init(&m->finisher);
    bool ok = bus_add_ram(&m->bus, "bootrom", AMBER_BOOTROM_BASE, AMBER_BOOTROM_SIZE, m->rom, false) &&
              bus_add_device(&m->bus, "finisher", AMBER_FINISHER_BASE, AMBER_FINISHER_SIZE,
                             &finisher_mmio, &m->finisher) &&
              bus_add_device(&m->bus, "clint", AMBER_CLINT_BASE, AMBER_CLINT_SIZE, &clint_mmio, &m->clint) &&
              bus_add_device(&m->bus, "plic", AMBER_PLIC_BASE, AMBER_PLIC_SIZE, &plic_mmio, &m->plic) &&
              bus_add_device(&m->bus, "uart0", AMBER_UART0_BASE, AMBER_UART0_SIZE, &uart_mmio, &m->uart) &&
              bus_add_flash(&m->bus, AMBER_FLASH_BASE, AMBER_FLASH_SIZE, m->flash) &&
              bus_add_tagged_ram(&m->bus, "dram", AMBER_DRAM_BASE, m->dram_size, m->dram,
                                 &m->dram_tags) &&
              amberdevs_init(&m->devs, &m->bus, &m->cpu.cycle, m->dram_size) &&
              bus_add_device(&m->bus, "power", AMBER_POWER_BASE, AMBER_DEV_STRIDE, &powerctl_mmio,
                             &m->power) &&
              devtable_add(&m->devs.table, DEVID_POWER, 1, PLIC_SRC_POWER, AMBER_POWER_BASE,
                           AMBER_DEV_STRIDE) &&
              devtable_add(&m->devs.table, DEVID_FLASH, 1, 0, AMBER_FLASH_BASE, AMBER_FLASH_SIZE) &&
              (!cfg->pmem || add_pmem(m, cfg->pmem));
    if (!ok) {
        machine_free(m);
        return false;
    }
    return true;
}

void machine_free(struct machine *m)
{
    cpu_free(&m->cpu);
    if (m->dram)
        munmap(m->dram, m->dram_size);
    m->dram = NULL;
    tagmem_free(&m->dram_tags);
    if (m->flash)
        munmap(m->flash, AMBER_FLASH_SIZE);
    m->flash = NULL;
}

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static void put64(uint8_t *p, uint64_t v)
{
    put32(p, (uint32_t)v);
    put32(p + 4, (uint32_t)(v >> 32));
}

/* The reset vector, as on QEMU's virt: a0 = hart id, a1 = the address of
 * the boot information (the device table), then jump. */
static void build_rom(struct machine *m)
{
    memset(m->rom, 0, sizeof m->rom);
    put32(m->rom + 0x00, 0x00000297); /* auipc t0, 0       */
    put32(m->rom + 0x04, 0x0182b303); /* ld    t1, 24(t0)  */
    put32(m->rom + 0x08, 0xf1402573); /* csrr  a0, mhartid */
    put32(m->rom + 0x0c, 0x0202b583); /* ld    a1, 32(t0)  */
    put32(m->rom + 0x10, 0x00030067); /* jr    t1          */
    put64(m->rom + 0x18, m->entry);
    put64(m->rom + 0x20, AMBER_DEVTABLE_BASE);
}

void machine_reset(struct machine *m, uint64_t entry)
{
    m->entry = entry;
    build_rom(m);
    uart_init(&m->uart, m->console);
    clint_init(&m->clint, &m->cpu.cycle, CYCLES_PER_TICK);
    plic_init(&m->plic);
    finisher_init(&m->finisher);
    amberdevs_reset(&m->devs);
    nvdimm_init(&m->nvdimm, m->nvdimm.pmem);
    powerctl_reset(&m->power);
    cpu_reset(&m->cpu, AMBER_BOOTROM_BASE);
    m->next_poll = 0;
    m->next_tohost = 0;
}

void machine_set_tohost(struct machine *m, uint64_t pa)
{
    m->has_tohost = true;
    m->tohost = pa;
}

static void wire_interrupts(struct machine *m)
{
    amberdevs_update(&m->devs, &m->plic);
    if (m->devs.tags_added) { /* by the GC core, which cannot reach the CPU */
        mmu_flush(&m->cpu);
        m->devs.tags_added = false;
    }
    plic_set_level(&m->plic, PLIC_SRC_UART0, uart_irq(&m->uart));
    plic_set_level(&m->plic, PLIC_SRC_POWER, powerctl_irq(&m->power));
    uint64_t ext = 0;
    if (clint_mtip(&m->clint))
        ext |= MIP_MTIP;
    if (clint_msip(&m->clint))
        ext |= MIP_MSIP;
    if (plic_irq(&m->plic, 0))
        ext |= MIP_MEIP;
    if (plic_irq(&m->plic, 1))
        ext |= MIP_SEIP;
    m->cpu.mip_ext = ext;
}

static void poll_console(struct machine *m)
{
    if (m->console && m->console->flush)
        m->console->flush(m->console->opaque);
    while (!m->console_eof && uart_rx_ready(&m->uart)) {
        int ch = m->console && m->console->get ? m->console->get(m->console->opaque) : CHARDEV_EOF;
        if (ch == CHARDEV_EOF)
            m->console_eof = true;
        if (ch < 0)
            break;
        uart_rx_push(&m->uart, (uint8_t)ch);
    }
}

static unsigned exit_status(uint64_t code)
{
    return (code & 0xff) ? (unsigned)(code & 0xff) : 1; /* a failure never reads as 0 */
}

/* The HTIF convention of the RISC-V test programs: 1 passes, another odd
 * value fails with test number value >> 1. Other values are requests we do
 * not serve; clearing them lets the guest go on. */
static enum machine_stop check_tohost(struct machine *m)
{
    uint8_t *p = bus_host(&m->bus, m->tohost, 8, true);
    uint64_t v;
    if (!p)
        return STOP_NONE;
    memcpy(&v, p, 8);
    if (v == 0)
        return STOP_NONE;
    if (!(v & 1)) {
        memset(p, 0, 8);
        return STOP_NONE;
    }
    if (v == 1)
        return STOP_PASS;
    m->exit_code = exit_status(v >> 1);
    return STOP_FAIL;
}

static enum machine_stop check_finisher(struct machine *m)
{
    if (!m->finisher.triggered)
        return STOP_NONE;
    enum finisher_cmd cmd = finisher_cmd(&m->finisher);
    m->finisher.triggered = false;
    switch (cmd) {
    case FINISHER_CMD_PASS:
        return STOP_PASS;
    case FINISHER_CMD_FAIL:
        m->exit_code = exit_status(finisher_code(&m->finisher));
        return STOP_FAIL;
    case FINISHER_CMD_RESET:
        machine_reset(m, m->entry);
        return STOP_NONE;
    default:
        return STOP_NONE;
    }
}

static uint64_t min64(uint64_t a, uint64_t b)
{
    return a < b ? a : b;
}

enum machine_stop machine_run(struct machine *m, uint64_t max_insns)
{
    struct cpu *c = &m->cpu;
    for (;;) {
        enum machine_stop s = check_finisher(m);
        if (s == STOP_NONE && m->has_tohost && c->cycle >= m->next_tohost) {
            s = check_tohost(m);
            m->next_tohost = c->cycle + TOHOST_CYCLES;
        }
        if (s == STOP_NONE && (c->cycle >= m->power_cut_at || m->power.forced_off))
            s = STOP_POWER_CUT; /* a scheduled cut, or the power button held down */
        if (s == STOP_NONE && m->bus.pmem && pmem_host_error(m->bus.pmem))
            s = STOP_HOST_ERROR;
        if (s != STOP_NONE) {
            if (m->console && m->console->flush)
                m->console->flush(m->console->opaque);
            return s;
        }
        if (c->cycle >= m->next_poll) {
            poll_console(m);
            m->next_poll = c->cycle + POLL_CYCLES;
            if (m->host_poll)
                m->host_poll(m->host_ctx, m);
            if (m->host_quit)
                return STOP_QUIT;
            if (m->debug_poll && m->debug_poll(m->debug_ctx))
                return STOP_BREAK;
        }
        if (c->cycle >= m->stop_at) {
            m->stop_at = UINT64_MAX;
            return STOP_BREAK;
        }
        wire_interrupts(m);
        if (c->instret >= max_insns) {
            poll_console(m);
            return STOP_LIMIT;
        }
        uint64_t next = min64(clint_next_event(&m->clint), m->next_poll);
        if (m->has_tohost)
            next = min64(next, m->next_tohost);
        next = min64(next, amberdevs_next_event(&m->devs));
        next = min64(next, min64(m->power_cut_at, powerctl_next_event(&m->power)));
        next = min64(next, m->stop_at);
        if (c->wfi) {
            if (cpu_pending_interrupts(c)) {
                c->wfi = false;
            } else {
                /* Sleep until the next thing that could wake the hart. */
                uint64_t wake = min64(clint_next_event(&m->clint), amberdevs_next_event(&m->devs));
                wake = min64(wake, min64(m->power_cut_at, powerctl_next_event(&m->power)));
                wake = min64(wake, m->stop_at);
                if (!m->console_eof || m->host_poll)
                    wake = min64(wake, m->next_poll);
                if (wake == UINT64_MAX)
                    return STOP_HUNG;
                if (wake == m->next_poll && wake < clint_next_event(&m->clint))
                    usleep(1000); /* waiting on the host: do not spin */
                if (wake > c->cycle)
                    c->cycle = wake;
                continue;
            }
        }
        /* Always let the CPU make progress, whatever the devices say. */
        c->next_event = next > c->cycle ? next : c->cycle + 1;
        cpu_run(c, max_insns);
        if (c->stuck)
            return STOP_STUCK;
        if (c->stop) { /* the debugger's hooks stopped the CPU */
            c->stop = false;
            return STOP_BREAK;
        }
    }
}
