/* The Amber-1 machine: one hart, the bus and the devices, wired together.
 * The machine drives everything: it runs the CPU until the next event, then
 * moves interrupt lines from devices to the PLIC and the CPU, polls host
 * input and checks for the end of the run. */
#ifndef EMU_MACHINE_H
#define EMU_MACHINE_H

#include <stdbool.h>
#include <stdint.h>

#include "amber/hw.h"
#include "amberdevs.h"
#include "bus.h"
#include "chardev.h"
#include "cpu.h"
#include "dev_clint.h"
#include "dev_finisher.h"
#include "dev_nvdimm.h"
#include "dev_power.h"
#include "dev_plic.h"
#include "dev_uart.h"

struct monitor;

struct machine_config {
    uint64_t dram_size;
    struct pmem *pmem; /* PMEM backed by an image (emu/pmem.h), or NULL for none */
};

enum machine_stop {
    STOP_NONE,
    STOP_PASS,     /* finisher pass, or tohost = 1 */
    STOP_FAIL,     /* finisher fail or tohost failure; see exit_code */
    STOP_LIMIT,    /* the instruction limit was reached */
    STOP_HUNG,     /* WFI with no interrupt that could ever arrive */
    STOP_STUCK,    /* the trap handler itself traps, again and again */
    STOP_QUIT,     /* the host front end set host_quit */
    STOP_BREAK,    /* the debugger stopped the run (cpu.stop or debug_poll); it resumes
                      exactly where it stopped */
    STOP_POWER_CUT, /* the cycle power_cut_at was reached (emu/power.h) */
    STOP_HOST_ERROR, /* the host refused PMEM's media disk space (pmem_host_error) */
};

struct machine {
    struct cpu cpu;
    struct bus bus;
    struct uart uart;
    struct clint clint;
    struct plic plic;
    struct finisher finisher;
    struct amberdevs devs; /* display, accelerator, keyboard, mouse, RTC, device table */
    struct nvdimm nvdimm;  /* with PMEM only */
    struct powerctl power; /* power button and power-fail warning */
    /* Called with host_ctx at every host-input poll (each simulated
     * millisecond): the front end presents frames and feeds input there. */
    void (*host_poll)(void *host_ctx, struct machine *m);
    void *host_ctx;
    bool host_quit;
    /* The debugger (emu/session.c): asked at every host-input poll whether
     * to stop the run (STOP_BREAK). */
    bool (*debug_poll)(void *debug_ctx);
    void *debug_ctx;
    uint8_t *dram;
    uint64_t dram_size;
    struct tagmem dram_tags;
    uint8_t *flash;      /* AMBER_FLASH_SIZE bytes: firmware and install medium */
    uint8_t rom[AMBER_BOOTROM_SIZE];
    struct chardev *console;
    bool console_eof;
    uint64_t entry;      /* where the boot ROM jumps */
    bool has_tohost;
    uint64_t tohost;     /* physical address of the HTIF tohost word */
    uint64_t next_poll;  /* cycle of the next host-input poll */
    uint64_t next_tohost;
    unsigned exit_code;  /* with STOP_FAIL */
    uint64_t power_cut_at; /* cycle of a scheduled power cut; UINT64_MAX: none */
    /* The debugger's alarm (timed scripted input, emu/monitor_input.c):
     * the run stops (STOP_BREAK) at the first natural block end at or after
     * this cycle; a sleeping hart wakes for it. UINT64_MAX: none. */
    uint64_t stop_at;
    /* The session's monitor (emu/session.c), for the window's overlay;
     * NULL without a session. */
    struct monitor *monitor;
};

/* Returns false (with nothing to free) if host memory could not be had. */
bool machine_init(struct machine *m, const struct machine_config *cfg, struct chardev *console);
void machine_free(struct machine *m);

/* Power-on reset: the CPU starts in the boot ROM, which jumps to entry. */
void machine_reset(struct machine *m, uint64_t entry);
void machine_set_tohost(struct machine *m, uint64_t pa);

/* Run until the guest ends the run or instret reaches max_insns. */
enum machine_stop machine_run(struct machine *m, uint64_t max_insns);

#endif
