/* amber: the command-line front end. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "chardev_stdio.h"
#include "cli_args.h"
#include "cmd_image.h"
#include "elf.h"
#include "gui.h"
#include "machine.h"
#include "power.h"
#include "session.h"

#define AMBER_VERSION "0.1.0"

/* Exit statuses of `amber exec` (docs/emulator.md). */
enum { EXIT_PASS = 0, EXIT_USAGE = 2, EXIT_POWER_CUT = 123, EXIT_LIMIT = 124, EXIT_HUNG = 125 };

static void usage(FILE *f)
{
    fputs("usage: amber exec PROGRAM.elf [--mem SIZE] [--max-insns N] [--stats] [--trace FILE]\n"
          "                  [--headless | --window [--scale N] [--fullscreen] [--window-shot FILE]]\n"
          "                  [--screendump FILE.png]\n"
          "                  [--monitor stdio|tcp:127.0.0.1:PORT] [--script FILE]\n"
          "                  [--gdb tcp:127.0.0.1:PORT [--gdb-wait]]\n"
          "                  [--image PATH [--eadr] [--adversarial]]\n"
          "                  [--power-cut-at CYCLE | --power-cut-random SEED [--power-cut-window CYCLES]]\n"
          "                  [--power-fail-window CYCLES] [--power-on-after-cut [--power-cuts N]]\n"
          "       amber image create PATH [--size SIZE] | info PATH | check PATH | wear PATH\n"
          "       amber --help | --version\n"
          "\n"
          "exec    run a bare-metal RISC-V ELF on the Amber-1; its UART is this terminal.\n"
          "        --mem SIZE     DRAM size, e.g. 256M or 1G (default 256M)\n"
          "        --max-insns N  stop after N instructions (exit status 124)\n"
          "        --stats        print instructions, cycles, CPI and speed on stderr\n"
          "        --trace FILE   write every executed instruction to FILE\n"
          "        --headless     no window (the default for exec)\n"
          "        --window       show the display in a window; --scale N integer zoom,\n"
          "                       --fullscreen, --window-shot FILE saves the window at exit\n"
          "        --screendump FILE.png  save the display's picture when the run ends\n"
          "        --monitor stdio|tcp:127.0.0.1:PORT  the monitor on this terminal or on a\n"
          "                       loopback port (PORT 0: any free one); the machine starts stopped\n"
          "        --script FILE  run the monitor commands in FILE first\n"
          "        --gdb tcp:127.0.0.1:PORT  a GDB remote stub for gdb-multiarch;\n"
          "                       --gdb-wait keeps the machine stopped until GDB connects\n"
          "        (docs/monitor.md describes the monitor's commands)\n"
          "        --image PATH   persistent memory at 0x10_0000_0000 from this image (locked)\n"
          "        --eadr         caches are inside the persistence domain\n"
          "        --adversarial  a power cut persists a random subset of unflushed lines\n"
          "        --power-cut-at CYCLE, --power-cut-random SEED  cut the power then (a random\n"
          "                       cycle up to --power-cut-window, default 10000000)\n"
          "        --power-fail-window CYCLES  the power controller warns this long before a cut\n"
          "        --power-on-after-cut  reload the program and power on again, for\n"
          "                       --power-cuts N cuts in all (default 1)\n"
          "        (docs/nvdimm.md describes images and the persistence model)\n"
          "image   create, inspect and check image files\n"
          "exit status: 0 pass, the guest's failure code, 123 power cut, 124 instruction limit,\n"
          "             125 guest waits for an interrupt that cannot come, 2 bad usage or input\n",
          f);
}

static int fail_usage(const char *msg, const char *arg)
{
    fprintf(stderr, "amber: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    return EXIT_USAGE;
}

static uint8_t *read_file(const char *path, size_t *size, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "%s: not a regular file", path);
        fclose(f);
        return NULL;
    }
    uint8_t *buf = malloc(st.st_size ? (size_t)st.st_size : 1);
    if (!buf || fread(buf, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
        snprintf(err, errlen, "%s: cannot read", path);
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    *size = (size_t)st.st_size;
    return buf;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void print_stats(const struct machine *m, double host_s)
{
    const struct cpu *c = &m->cpu;
    double sim_s = (double)c->cycle / CORE_HZ;
    fprintf(stderr, "instructions: %" PRIu64 "\n", c->instret);
    fprintf(stderr, "cycles: %" PRIu64 "\n", c->cycle);
    fprintf(stderr, "cpi: %.3f\n", c->instret ? (double)c->cycle / c->instret : 0.0);
    fprintf(stderr, "sim-seconds: %.6f\n", sim_s);
    fprintf(stderr, "host-seconds: %.6f\n", host_s);
    fprintf(stderr, "host-mips: %.1f\n", host_s > 0 ? c->instret / host_s / 1e6 : 0.0);
    fprintf(stderr, "l1i-misses: %" PRIu64 "\n", c->timing.l1i_miss);
    fprintf(stderr, "l1d-misses: %" PRIu64 "\n", c->timing.l1d_miss);
    fprintf(stderr, "l2-misses: %" PRIu64 "\n", c->timing.l2_miss);
}

static int cmd_exec(int argc, char **argv)
{
    const char *prog = NULL, *trace = NULL;
    uint64_t mem = AMBER_DRAM_DEFAULT, max_insns = UINT64_MAX;
    bool stats = false, window = false;
    struct gui_options gopt = { 0 };
    const char *screendump = NULL;
    uint64_t scale = 0;
    struct session_config dbg = { 0 };
    struct power_options popt;
    char perr[128];
    power_options_init(&popt);
    for (int i = 0; i < argc; i++) {
        int taken = power_parse_option(&popt, argc, argv, &i, perr, sizeof perr);
        if (taken < 0)
            return fail_usage(perr, NULL);
        if (taken)
            continue;
        const char *a = argv[i];
        bool has_val = i + 1 < argc;
        if (strcmp(a, "--mem") == 0) {
            if (!has_val || !cli_parse_size(argv[++i], &mem))
                return fail_usage("--mem needs a size like 256M", has_val ? argv[i] : NULL);
            if (mem < (1u << 20) || mem > AMBER_PMEM_BASE - AMBER_DRAM_BASE || mem % 4096)
                return fail_usage("--mem must be a multiple of 4 KiB between 1M and 62G", argv[i]);
        } else if (strcmp(a, "--max-insns") == 0) {
            if (!has_val || !cli_parse_u64(argv[++i], &max_insns))
                return fail_usage("--max-insns needs a number", has_val ? argv[i] : NULL);
        } else if (strcmp(a, "--trace") == 0) {
            if (!has_val)
                return fail_usage("--trace needs a file name", NULL);
            trace = argv[++i];
        } else if (strcmp(a, "--stats") == 0) {
            stats = true;
        } else if (strcmp(a, "--headless") == 0 || strcmp(a, "--window") == 0) {
            window = strcmp(a, "--window") == 0;
        } else if (strcmp(a, "--fullscreen") == 0) {
            gopt.fullscreen = true;
        } else if (strcmp(a, "--scale") == 0) {
            if (!has_val || !cli_parse_u64(argv[++i], &scale) || scale < 1 || scale > 16)
                return fail_usage("--scale needs a number from 1 to 16", has_val ? argv[i] : NULL);
            gopt.scale = (unsigned)scale;
        } else if (strcmp(a, "--screendump") == 0 || strcmp(a, "--window-shot") == 0) {
            if (!has_val)
                return fail_usage("--screendump and --window-shot need a file name", NULL);
            *(a[2] == 's' ? &screendump : &gopt.window_shot) = argv[++i];
        } else if (strcmp(a, "--monitor") == 0 || strcmp(a, "--script") == 0 || strcmp(a, "--gdb") == 0) {
            if (!has_val)
                return fail_usage("--monitor, --script and --gdb need a value", NULL);
            *(a[2] == 'm' ? &dbg.monitor : a[2] == 's' ? &dbg.script : &dbg.gdb) = argv[++i];
        } else if (strcmp(a, "--gdb-wait") == 0) {
            dbg.gdb_wait = true;
        } else if (a[0] == '-' && a[1]) {
            return fail_usage("unknown option", a);
        } else if (!prog) {
            prog = a;
        } else {
            return fail_usage("more than one program given", a);
        }
    }
    if (!prog)
        return fail_usage("exec needs a program (amber exec PROGRAM.elf)", NULL);
    if (dbg.monitor && strcmp(dbg.monitor, "stdio") && strncmp(dbg.monitor, "tcp:", 4))
        return fail_usage("--monitor is stdio or tcp:127.0.0.1:PORT", dbg.monitor);
    if (dbg.gdb_wait && !dbg.gdb)
        return fail_usage("--gdb-wait needs --gdb", NULL);
    dbg.max_insns = max_insns;
    bool monitor_stdin = dbg.monitor && strcmp(dbg.monitor, "stdio") == 0;

    char err[256];
    size_t size;
    uint8_t *data = read_file(prog, &size, err, sizeof err);
    if (!data)
        return fail_usage(err, NULL);
    struct elf_image img;
    if (!elf_parse(data, size, &img, err, sizeof err)) {
        fprintf(stderr, "amber: %s: %s\n", prog, err);
        free(data);
        return EXIT_USAGE;
    }

    struct power pw;
    if (!power_open(&pw, &popt, err, sizeof err)) {
        fprintf(stderr, "amber: %s\n", err);
        elf_free(&img);
        free(data);
        return EXIT_USAGE;
    }

    static struct stdio_chardev console;
    /* Monitor commands piped into stdin are not the guest's input. */
    chardev_stdio_init(&console, monitor_stdin && !isatty(STDIN_FILENO) ? -1 : STDIN_FILENO);
    struct machine *m = malloc(sizeof *m);
    struct machine_config cfg = { .dram_size = mem, .pmem = pw.open ? &pw.pmem : NULL };
    if (!m || !machine_init(m, &cfg, &console.dev)) {
        fprintf(stderr, "amber: cannot allocate the machine (%" PRIu64 " bytes of DRAM)\n", mem);
        power_close(&pw, false, err, sizeof err);
        free(m);
        elf_free(&img);
        free(data);
        return EXIT_USAGE;
    }
    int status = EXIT_USAGE;
    bool cut = false;
    if (!elf_load(&img, &m->bus, err, sizeof err)) {
        fprintf(stderr, "amber: %s: %s\n", prog, err);
        goto out;
    }
    uint64_t tohost;
    if (elf_symbol(&img, "tohost", &tohost))
        machine_set_tohost(m, tohost);
    m->power.window = popt.warn_window;
    machine_reset(m, img.entry);
    m->power_cut_at = power_next_cut(&pw);
    powerctl_schedule(&m->power, m->power_cut_at);
    if (trace) {
        m->cpu.trace = fopen(trace, "w");
        if (!m->cpu.trace) {
            fprintf(stderr, "amber: %s: %s\n", trace, strerror(errno));
            goto out;
        }
    }

    struct gui *gui = NULL;
    if (window && !(gui = gui_open(m, &gopt, err, sizeof err)))
        fprintf(stderr, "amber: %s; running headless\n", err);

    double t0 = now_seconds();
    enum machine_stop stop;
    if (dbg.monitor || dbg.script || dbg.gdb) {
        struct symtab syms;
        bool ok = symtab_init(&syms, &img);
        if (!ok)
            snprintf(err, sizeof err, "out of memory");
        ok = ok && session_run(m, &syms, &dbg, &stop, err, sizeof err);
        symtab_free(&syms);
        if (!ok) {
            fprintf(stderr, "amber: %s\n", err);
            goto out;
        }
    } else {
        stop = machine_run(m, max_insns);
        while (stop == STOP_POWER_CUT && popt.power_on_after_cut) {
            fprintf(stderr, "amber: power cut at cycle %" PRIu64 "; powering on again\n", m->cpu.cycle);
            if (!power_cut(&pw, m, err, sizeof err) || !elf_load(&img, &m->bus, err, sizeof err)) {
                fprintf(stderr, "amber: %s\n", err);
                goto out;
            }
            machine_reset(m, img.entry);
            m->power_cut_at = power_next_cut(&pw);
            powerctl_schedule(&m->power, m->power_cut_at);
            stop = machine_run(m, max_insns);
        }
    }
    /* A frozen media is the state of a power cut at the moment it froze. */
    cut = stop == STOP_POWER_CUT || stop == STOP_HOST_ERROR;
    if (cut && !power_cut(&pw, m, err, sizeof err)) {
        fprintf(stderr, "amber: %s\n", err);
        goto out;
    }
    double host_s = now_seconds() - t0;
    if (screendump && !amberdevs_screendump(&m->devs, screendump, err, sizeof err))
        fprintf(stderr, "amber: %s\n", err);
    if (gui && !gui_close(gui, err, sizeof err))
        fprintf(stderr, "amber: %s\n", err);
    fflush(stdout);
    switch (stop) {
    case STOP_PASS:
        status = EXIT_PASS;
        break;
    case STOP_FAIL:
        status = (int)m->exit_code;
        break;
    case STOP_QUIT: /* the window's power button: no power controller yet */
    case STOP_NONE: /* the monitor's quit, or GDB's kill, before the guest ended */
        status = EXIT_PASS;
        break;
    case STOP_POWER_CUT:
        fprintf(stderr, "amber: power cut at cycle %" PRIu64 "\n", m->cpu.cycle);
        status = EXIT_POWER_CUT;
        break;
    case STOP_HOST_ERROR:
        fprintf(stderr, "amber: %s: cannot write the image: %s; stopped, the image is as after a "
                "power cut\n", popt.image, strerror(pmem_host_error(&pw.pmem)));
        status = EXIT_USAGE;
        break;
    case STOP_LIMIT:
        fprintf(stderr, "amber: instruction limit reached (%" PRIu64 ")\n", max_insns);
        status = EXIT_LIMIT;
        break;
    case STOP_STUCK:
        fprintf(stderr, "amber: the guest is stuck: its trap handler traps at once (pc 0x%" PRIx64 ")\n",
                m->cpu.pc);
        status = EXIT_HUNG;
        break;
    default:
        fprintf(stderr, "amber: the guest waits for an interrupt that cannot arrive (pc 0x%" PRIx64 ")\n",
                m->cpu.pc);
        status = EXIT_HUNG;
        break;
    }
    if (stats)
        print_stats(m, host_s);
    if (stats)
        power_print_stats(&pw, stderr);
    if (m->cpu.trace)
        fclose(m->cpu.trace);
out:
    if (!power_close(&pw, cut, err, sizeof err)) {
        fprintf(stderr, "amber: %s\n", err);
        status = EXIT_USAGE;
    }
    machine_free(m);
    free(m);
    elf_free(&img);
    free(data);
    return status;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("amber " AMBER_VERSION "\n");
        return 0;
    }
    if (strcmp(argv[1], "exec") == 0)
        return cmd_exec(argc - 2, argv + 2);
    if (strcmp(argv[1], "image") == 0)
        return cmd_image(argc - 2, argv + 2);
    fprintf(stderr, "amber: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
