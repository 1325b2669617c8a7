#include "amber/boot.h"
#include "amber/hw.h"
#include "console.h"
#include "devices.h"
#include "halt.h"
#include "post.h"

#define DRAM_MIN        (1ull << 20) /* the smallest DRAM the emulator makes */
#define DRAM_PROBE_STEP (1ull << 20) /* the sparse test: one word per MiB */
#define PMEM_MIN        (OS_STORE_PA - AMBER_PMEM_BASE) /* superblock and kernel */

static __attribute__((noreturn)) void post_fail(const char *what, const char *name, uint32_t code)
{
    con_puts("POST: ");
    con_puts(what);
    con_puts(name);
    con_putc('\n');
    fw_fail(code);
}

static struct device require(uint64_t table, uint32_t id, const char *name)
{
    struct device d;
    if (!devtable_find(table, id, &d))
        post_fail("missing device: ", name, FW_EXIT_POST);
    return d;
}

/* The console and the finisher work before the table is read, at their
 * fixed addresses; the table must agree. */
static uint64_t require_at(uint64_t table, uint32_t id, const char *name, uint64_t base)
{
    if (require(table, id, name).base != base)
        post_fail("device at an unexpected address: ", name, FW_EXIT_POST);
    return base;
}

static uint64_t pattern(uint64_t off)
{
    return off * 0x9E3779B97F4A7C15ull ^ 0xA5A5A5A5A5A5A5A5ull;
}

enum pass { PASS_WRITE, PASS_CHECK_INVERT, PASS_CHECK_INVERTED };

static void probe(uint64_t base, uint64_t off, enum pass pass)
{
    volatile uint64_t *w = (volatile uint64_t *)(uintptr_t)(base + off);
    uint64_t want = pass == PASS_CHECK_INVERTED ? ~pattern(off) : pattern(off);
    if (pass == PASS_WRITE) {
        *w = want;
        return;
    }
    uint64_t got = *w;
    if (got != want) {
        con_puts("POST: DRAM error at ");
        con_hex(base + off);
        con_puts(": read ");
        con_hex(got);
        con_puts(", expected ");
        con_hex(want);
        con_putc('\n');
        fw_fail(FW_EXIT_POST);
    }
    if (pass == PASS_CHECK_INVERT)
        *w = ~want;
}

/* Outside the firmware's own DRAM: one word at every power-of-two offset
 * (a stuck or shorted address line makes two of them alias), one word per
 * MiB off those offsets, and the last word. Each holds a pattern unique to
 * its offset, then the pattern's complement. */
static void dram_test(uint64_t base, uint64_t size)
{
    for (enum pass pass = PASS_WRITE; pass <= PASS_CHECK_INVERTED; pass++) {
        for (uint64_t off = FW_DRAM_SIZE; off < size; off <<= 1)
            probe(base, off, pass);
        for (uint64_t off = FW_DRAM_SIZE + 0x88; off < size; off += DRAM_PROBE_STEP)
            probe(base, off, pass);
        probe(base, size - 8, pass);
    }
}

static void mib(const char *what, uint64_t base, uint64_t size)
{
    con_puts(what);
    con_dec(size >> 20);
    con_puts(" MiB at ");
    con_hex(base);
}

void post_run(struct platform *p, uint64_t devtable)
{
    if (!devtable_valid(devtable)) {
        devtable = AMBER_DEVTABLE_BASE; /* the boot ROM gave none: the fixed page */
        if (!devtable_valid(devtable))
            post_fail("no device table", "", FW_EXIT_POST);
    }
    p->devtable = devtable;
    p->uart_base = require_at(devtable, DEVID_UART, "UART", AMBER_UART0_BASE);
    require_at(devtable, DEVID_FINISHER, "TEST (power-off)", AMBER_FINISHER_BASE);
    p->clint_base = require_at(devtable, DEVID_CLINT, "CLNT (timer)", AMBER_CLINT_BASE);
    p->plic_base = require(devtable, DEVID_PLIC, "PLIC").base;
    p->power_base = require(devtable, DEVID_POWER, "PWR0 (power controller)").base;
    struct device d = require(devtable, DEVID_DRAM, "DRAM");
    if (d.base != AMBER_DRAM_BASE || d.size < DRAM_MIN || d.size % 4096)
        post_fail("DRAM is not usable", "", FW_EXIT_POST);
    p->dram_base = d.base;
    p->dram_size = d.size;
    p->rtc_base = devtable_find(devtable, DEVID_RTC, &d) ? d.base : 0;
    dram_test(p->dram_base, p->dram_size);
    mib("POST: DRAM ", p->dram_base, p->dram_size);
    con_puts(" ok\n");

    if (!devtable_find(devtable, DEVID_PMEM, &d))
        post_fail("no persistent memory: the OS lives in PMEM; "
                  "start the machine with an image (--image PATH)", "", FW_EXIT_NO_PMEM);
    if (d.base != AMBER_PMEM_BASE || d.size < PMEM_MIN) {
        mib("POST: PMEM ", d.base, d.size);
        mib(" is not enough for the OS: it needs ", AMBER_PMEM_BASE, PMEM_MIN);
        con_putc('\n');
        fw_fail(FW_EXIT_NO_PMEM);
    }
    p->pmem_base = d.base;
    p->pmem_size = d.size;
    if (!devtable_find(devtable, DEVID_NVDIMM, &d))
        post_fail("PMEM without its NVDIMM controller (NVDM)", "", FW_EXIT_NO_PMEM);
    p->nvdimm_base = d.base;
    mib("POST: PMEM ", p->pmem_base, p->pmem_size);
    con_putc('\n');
}
