/* The machine the monitor, RSP and snapshot fuzz targets work on: 1 MiB of
 * DRAM holding a small program (a loop that stores, calls and computes),
 * its symbols, and a pristine copy to go back to before every input, so
 * that a crash reproduces from its input alone. libFuzzer's entry point
 * takes no context, hence the one static instance. */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "debug.h"
#include "elf.h"
#include "machine.h"
#include "monitor.h"
#include "symbols.h"

#define FUZZ_DRAM (1u << 20)
#define FUZZ_STEPS 20000u /* every run ends after this many instructions */

struct fuzz_machine {
    struct machine m;
    uint8_t *pristine;
    struct symtab syms;
    struct debug dbg;
    struct monitor mon;
    FILE *null;
};

static struct fuzz_machine *fuzz_setup(void)
{
    static struct fuzz_machine *f;
    if (f)
        return f;
    f = calloc(1, sizeof *f);
    struct machine_config cfg = { .dram_size = FUZZ_DRAM };
    if (!f || !machine_init(&f->m, &cfg, NULL))
        abort();
    /* auipc t0,8 (data); loop: addi a0,a0,1; sd a0,0(t0); jal ra,func;
     * j loop; func: addi a1,a1,2; ret */
    static const uint32_t prog[] = {
        0x00008297, 0x00150513, 0x00a2b023, 0x008000ef, 0xff5ff06f, 0x00258593, 0x00008067,
    };
    memcpy(f->m.dram, prog, sizeof prog);
    static struct elf_symbol sym[] = {
        { 0x80000004, 0, "loop" }, { 0x80000014, 8, "func" }, { 0x80008000, 8, "data" },
    };
    struct elf_image img = { .sym = sym, .nsym = 3 };
    if (!symtab_init(&f->syms, &img) || !(f->null = fopen("/dev/null", "w")))
        abort();
    f->pristine = malloc(FUZZ_DRAM);
    if (!f->pristine)
        abort();
    memcpy(f->pristine, f->m.dram, FUZZ_DRAM);
    return f;
}

/* Power-on state, as fuzz_setup left it, for the next input. */
static void fuzz_reset(struct fuzz_machine *f)
{
    f->m.cpu.hooks = NULL;
    f->m.cpu.trace = NULL;
    memcpy(f->m.dram, f->pristine, FUZZ_DRAM);
    machine_reset(&f->m, AMBER_DRAM_BASE);
    debug_init(&f->dbg, &f->m, f->m.cpu.instret + FUZZ_STEPS, f->null);
    monitor_init(&f->mon, &f->m, &f->dbg, &f->syms);
}

#endif
