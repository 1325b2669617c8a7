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
#include "cmd_exec.h"
#include "gui.h"
#include "host_button.h"
#include "machine.h"
#include "power.h"
#include "program.h"
#include "session.h"

#ifndef AMBER_FLASH_DEFAULT
#error "meson passes the built flash image's path as AMBER_FLASH_DEFAULT"
#endif

struct front_opts {
    bool run;                /* amber run, else amber exec */
    const char *prog;        /* exec: the ELF; run: the flash image */
    const char *trace, *screendump;
    uint64_t mem, max_insns, off_timeout;
    bool stats, window, window_given, console_none;
    struct gui_options gopt;
    struct session_config dbg;
    struct power_options popt;
    char image_buf[4096];    /* run's default image path */
};

static int fail_usage(const char *msg, const char *arg)
{
    fprintf(stderr, "amber: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    return EXIT_USAGE;
}

/* Parse the options of exec (run false) or run; -1 when they are good,
 * else the exit status. */
static int parse(struct front_opts *o, int argc, char **argv)
{
    uint64_t scale;
    char perr[128];
    for (int i = 0; i < argc; i++) {
        int taken = power_parse_option(&o->popt, argc, argv, &i, perr, sizeof perr);
        if (taken < 0)
            return fail_usage(perr, NULL);
        if (taken)
            continue;
        const char *a = argv[i];
        bool has_val = i + 1 < argc;
        if (strcmp(a, "--mem") == 0) {
            if (!has_val || !cli_parse_size(argv[++i], &o->mem))
                return fail_usage("--mem needs a size like 256M", has_val ? argv[i] : NULL);
            if (o->mem < (1u << 20) || o->mem > AMBER_PMEM_BASE - AMBER_DRAM_BASE || o->mem % 4096)
                return fail_usage("--mem must be a multiple of 4 KiB between 1M and 62G", argv[i]);
        } else if (strcmp(a, "--max-insns") == 0) {
            if (!has_val || !cli_parse_u64(argv[++i], &o->max_insns))
                return fail_usage("--max-insns needs a number", has_val ? argv[i] : NULL);
        } else if (strcmp(a, "--shutdown-timeout") == 0) {
            if (!has_val || !cli_parse_u64(argv[++i], &o->off_timeout) || o->off_timeout == 0)
                return fail_usage("--shutdown-timeout needs a positive number of cycles",
                                  has_val ? argv[i] : NULL);
        } else if (strcmp(a, "--trace") == 0) {
            if (!has_val)
                return fail_usage("--trace needs a file name", NULL);
            o->trace = argv[++i];
        } else if (strcmp(a, "--stats") == 0) {
            o->stats = true;
        } else if (strcmp(a, "--headless") == 0 || strcmp(a, "--window") == 0) {
            o->window = strcmp(a, "--window") == 0;
            o->window_given = true;
        } else if (strcmp(a, "--fullscreen") == 0) {
            o->gopt.fullscreen = true;
        } else if (strcmp(a, "--scale") == 0) {
            if (!has_val || !cli_parse_u64(argv[++i], &scale) || scale < 1 || scale > 16)
                return fail_usage("--scale needs a number from 1 to 16", has_val ? argv[i] : NULL);
            o->gopt.scale = (unsigned)scale;
        } else if (strcmp(a, "--screendump") == 0 || strcmp(a, "--window-shot") == 0) {
            if (!has_val)
                return fail_usage("--screendump and --window-shot need a file name", NULL);
            *(a[2] == 's' ? &o->screendump : &o->gopt.window_shot) = argv[++i];
        } else if (strcmp(a, "--console") == 0) {
            if (!has_val || (strcmp(argv[i + 1], "stdio") && strcmp(argv[i + 1], "none")))
                return fail_usage("--console is stdio or none", has_val ? argv[i + 1] : NULL);
            o->console_none = strcmp(argv[++i], "none") == 0;
        } else if (strcmp(a, "--monitor") == 0 || strcmp(a, "--script") == 0 || strcmp(a, "--gdb") == 0) {
            if (!has_val)
                return fail_usage("--monitor, --script and --gdb need a value", NULL);
            *(a[2] == 'm' ? &o->dbg.monitor : a[2] == 's' ? &o->dbg.script : &o->dbg.gdb) = argv[++i];
        } else if (strcmp(a, "--gdb-wait") == 0) {
            o->dbg.gdb_wait = true;
        } else if (o->run && strcmp(a, "--flash") == 0) {
            if (!has_val)
                return fail_usage("--flash needs a file name", NULL);
            o->prog = argv[++i];
        } else if (a[0] == '-' && a[1]) {
            return fail_usage("unknown option", a);
        } else if (o->run) {
            return fail_usage("run takes no program (the flash image is --flash FILE)", a);
        } else if (!o->prog) {
            o->prog = a;
        } else {
            return fail_usage("more than one program given", a);
        }
    }
    if (!o->prog && !o->run)
        return fail_usage("exec needs a program (amber exec PROGRAM.elf)", NULL);
    if (o->dbg.monitor && strcmp(o->dbg.monitor, "stdio") && strncmp(o->dbg.monitor, "tcp:", 4))
        return fail_usage("--monitor is stdio or tcp:127.0.0.1:PORT", o->dbg.monitor);
    if (o->dbg.gdb_wait && !o->dbg.gdb)
        return fail_usage("--gdb-wait needs --gdb", NULL);
    o->dbg.max_insns = o->max_insns;
    return -1;
}

const char *flash_default_path(void)
{
    const char *env = getenv("AMBER_FLASH");
    return env && *env ? env : AMBER_FLASH_DEFAULT;
}

bool flash_check_default(const char *path)
{
    if (access(path, F_OK) == 0)
        return true;
    fprintf(stderr, "amber: no flash image at %s: build the firmware or pass --flash FILE\n", path);
    return false;
}

/* run's flash image: --flash, $AMBER_FLASH, or the one this build made.
 * It is checked before the default image is made, so that a bad flash
 * leaves nothing behind. */
static int find_flash(struct front_opts *o)
{
    if (!o->prog) {
        o->prog = flash_default_path();
        if (!flash_check_default(o->prog))
            return EXIT_USAGE;
    }
    char err[512];
    struct program prog;
    if (!program_open(&prog, o->prog, err, sizeof err))
        return fail_usage(err, NULL);
    program_free(&prog);
    return -1;
}

/* mkdir -p for the directories of the default image's path. */
static bool make_parents(char *path)
{
    for (char *s = strchr(path + 1, '/'); s; s = strchr(s + 1, '/')) {
        *s = '\0';
        bool ok = mkdir(path, 0700) == 0 || errno == EEXIST;
        *s = '/';
        if (!ok)
            return false;
    }
    return true;
}

/* run's image: --image, $AMBER_IMAGE, else the XDG data directory's
 * amber/default.img. A missing one is made (never over an existing file). */
static int find_image(struct front_opts *o)
{
    const char *env = getenv("AMBER_IMAGE"), *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    bool is_default = !o->popt.image && !(env && *env);
    int n = 0;
    if (o->popt.image)
        n = snprintf(o->image_buf, sizeof o->image_buf, "%s", o->popt.image);
    else if (env && *env)
        n = snprintf(o->image_buf, sizeof o->image_buf, "%s", env);
    else if (xdg && xdg[0] == '/')
        n = snprintf(o->image_buf, sizeof o->image_buf, "%s/amber/default.img", xdg);
    else if (home && *home)
        n = snprintf(o->image_buf, sizeof o->image_buf, "%s/.local/share/amber/default.img", home);
    else
        return fail_usage("no image: pass --image PATH or set AMBER_IMAGE (HOME is not set)", NULL);
    if (n < 0 || (size_t)n >= sizeof o->image_buf)
        return fail_usage("the image's path is too long", NULL);
    o->popt.image = o->image_buf;
    struct stat st;
    if (stat(o->image_buf, &st) == 0 || errno != ENOENT)
        return -1; /* image_open says what is wrong with it, if anything */
    char err[512];
    if (is_default && !make_parents(o->image_buf)) {
        fprintf(stderr, "amber: cannot make the directory for %s: %s\n", o->image_buf, strerror(errno));
        return EXIT_USAGE;
    }
    if (!image_create(o->image_buf, IMAGE_DEFAULT_SIZE, err, sizeof err)) {
        if (!strstr(err, "already exists")) { /* another amber made it just now: use it */
            fprintf(stderr, "amber: %s\n", err);
            return EXIT_USAGE;
        }
    } else {
        fprintf(stderr, "amber: created a new image %s (%llu MiB of persistent memory, sparse); "
                "the firmware installs the OS on it\n", o->image_buf,
                (unsigned long long)(IMAGE_DEFAULT_SIZE >> 20));
    }
    return -1;
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

/* --console none: the UART's output goes nowhere, and its input never ends. */
static void null_put(void *opaque, uint8_t byte)
{
    (void)opaque, (void)byte;
}

static int null_get(void *opaque)
{
    (void)opaque;
    return CHARDEV_NONE;
}

/* What the end of the run means for the exit status (docs/emulator.md). */
static int report(const struct front_opts *o, const struct machine *m, const struct host_button *hb,
                  const struct power *pw, enum machine_stop stop)
{
    switch (stop) {
    case STOP_PASS:
        return EXIT_PASS;
    case STOP_FAIL:
        return (int)m->exit_code;
    case STOP_QUIT: /* quit in the window's monitor overlay */
    case STOP_NONE: /* the monitor's quit, or GDB's kill, before the guest ended */
        if (!o->run)
            return EXIT_PASS;
        fprintf(stderr, "amber: switched off at cycle %" PRIu64 " before the guest shut down; "
                "the image is as after a power cut\n", m->cpu.cycle);
        return EXIT_POWER_CUT;
    case STOP_POWER_CUT:
        if (m->power.forced_off)
            fprintf(stderr, "amber: forced off at cycle %" PRIu64 " (%s); the image is as after a power cut\n",
                    m->cpu.cycle, hb && hb->why ? hb->why : "the power button was held down");
        else
            fprintf(stderr, "amber: power cut at cycle %" PRIu64 "\n", m->cpu.cycle);
        return EXIT_POWER_CUT;
    case STOP_HOST_ERROR:
        fprintf(stderr, "amber: %s: cannot write the image: %s; stopped, the image is as after a "
                "power cut\n", o->popt.image, strerror(pmem_host_error(&pw->pmem)));
        return EXIT_USAGE;
    case STOP_LIMIT:
        fprintf(stderr, "amber: instruction limit reached (%" PRIu64 ")\n", o->max_insns);
        return EXIT_LIMIT;
    case STOP_STUCK:
        fprintf(stderr, "amber: the guest is stuck: its trap handler traps at once (pc 0x%" PRIx64 ")\n",
                m->cpu.pc);
        return EXIT_HUNG;
    default:
        fprintf(stderr, "amber: the guest waits for an interrupt that cannot arrive (pc 0x%" PRIx64 ")\n",
                m->cpu.pc);
        return EXIT_HUNG;
    }
}

/* Run under the monitor, the GDB stub or a script. */
static bool run_session(const struct front_opts *o, struct machine *m, const struct program *prog,
                        enum machine_stop *stop, char *err, size_t errlen)
{
    struct symtab syms;
    bool ok = symtab_init(&syms, &prog->img);
    if (!ok)
        snprintf(err, errlen, "out of memory");
    ok = ok && session_run(m, &syms, &o->dbg, stop, err, errlen);
    symtab_free(&syms);
    return ok;
}

static void schedule_cut(struct power *pw, struct machine *m)
{
    m->power_cut_at = power_next_cut(pw);
    powerctl_schedule(&m->power, m->power_cut_at);
}

static int front_run(struct front_opts *o)
{
    char err[512];
    struct program prog;
    if (!program_open(&prog, o->prog, err, sizeof err))
        return fail_usage(err, NULL);
    struct power pw;
    if (!power_open(&pw, &o->popt, err, sizeof err)) {
        program_free(&prog);
        return fail_usage(err, NULL);
    }
    bool monitor_stdin = o->dbg.monitor && strcmp(o->dbg.monitor, "stdio") == 0;
    struct stdio_chardev console;
    struct chardev null_console = { .put = null_put, .get = null_get };
    /* Monitor commands piped into stdin are not the guest's input. */
    chardev_stdio_init(&console, monitor_stdin && !isatty(STDIN_FILENO) ? -1 : STDIN_FILENO);
    struct machine *m = malloc(sizeof *m);
    struct machine_config cfg = { .dram_size = o->mem, .pmem = pw.open ? &pw.pmem : NULL };
    if (!m || !machine_init(m, &cfg, o->console_none ? &null_console : &console.dev)) {
        fprintf(stderr, "amber: cannot allocate the machine (%" PRIu64 " bytes of DRAM)\n", o->mem);
        power_close(&pw, false, err, sizeof err);
        free(m);
        program_free(&prog);
        return EXIT_USAGE;
    }
    int status = EXIT_USAGE;
    bool cut = false, hooked = false;
    struct gui *gui = NULL;
    struct host_button hb;
    m->power.window = o->popt.warn_window;
    if (!program_power_on(&prog, m, err, sizeof err)) {
        fprintf(stderr, "amber: %s\n", err);
        goto out;
    }
    schedule_cut(&pw, m);
    if (o->trace && !(m->cpu.trace = fopen(o->trace, "w"))) {
        fprintf(stderr, "amber: %s: %s\n", o->trace, strerror(errno));
        goto out;
    }
    if (o->window && !(gui = gui_open(m, &o->gopt, err, sizeof err)))
        fprintf(stderr, "amber: %s; running headless\n", err);
    /* run: the end of input, the signals and the window press the button;
     * exec: a button pressed in the window still gets its time limit. */
    hooked = o->run || gui;
    if (hooked)
        host_button_attach(&hb, m, o->run && !o->console_none && !monitor_stdin, o->run && !monitor_stdin,
                           o->off_timeout);

    double t0 = now_seconds();
    enum machine_stop stop;
    if (o->dbg.monitor || o->dbg.script || o->dbg.gdb) {
        if (!run_session(o, m, &prog, &stop, err, sizeof err)) {
            fprintf(stderr, "amber: %s\n", err);
            goto out;
        }
    } else {
        stop = machine_run(m, o->max_insns);
        while (stop == STOP_POWER_CUT && o->popt.power_on_after_cut && !m->power.forced_off) {
            fprintf(stderr, "amber: power cut at cycle %" PRIu64 "; powering on again\n", m->cpu.cycle);
            if (!power_cut(&pw, m, err, sizeof err) || !program_power_on(&prog, m, err, sizeof err)) {
                fprintf(stderr, "amber: %s\n", err);
                goto out;
            }
            schedule_cut(&pw, m);
            if (hooked)
                host_button_power_on(&hb);
            stop = machine_run(m, o->max_insns);
        }
    }
    /* A frozen media is the state of a power cut at the moment it froze.
     * For run, only the guest's own switching off is a shutdown. */
    cut = stop == STOP_POWER_CUT || stop == STOP_HOST_ERROR ||
          (o->run && stop != STOP_PASS && stop != STOP_FAIL);
    if (cut && !power_cut(&pw, m, err, sizeof err)) {
        fprintf(stderr, "amber: %s\n", err);
        goto out;
    }
    double host_s = now_seconds() - t0;
    if (o->screendump && !amberdevs_screendump(&m->devs, o->screendump, err, sizeof err))
        fprintf(stderr, "amber: %s\n", err);
    fflush(stdout);
    status = report(o, m, hooked ? &hb : NULL, &pw, stop);
    if (o->stats) {
        print_stats(m, host_s);
        power_print_stats(&pw, stderr);
    }
out:
    if (hooked)
        host_button_detach(&hb);
    if (gui && !gui_close(gui, err, sizeof err))
        fprintf(stderr, "amber: %s\n", err);
    if (m->cpu.trace)
        fclose(m->cpu.trace);
    if (!power_close(&pw, cut, err, sizeof err)) {
        fprintf(stderr, "amber: %s\n", err);
        status = EXIT_USAGE;
    }
    machine_free(m);
    free(m);
    program_free(&prog);
    return status;
}

static void defaults(struct front_opts *o, bool run)
{
    memset(o, 0, sizeof *o);
    o->run = run;
    o->mem = AMBER_DRAM_DEFAULT;
    o->max_insns = UINT64_MAX;
    o->off_timeout = HOST_BUTTON_TIMEOUT;
    power_options_init(&o->popt);
}

int cmd_exec(int argc, char **argv)
{
    struct front_opts *o = malloc(sizeof *o);
    if (!o)
        return fail_usage("out of memory", NULL);
    defaults(o, false);
    int status = parse(o, argc, argv);
    if (status < 0)
        status = front_run(o);
    free(o);
    return status;
}

int cmd_run(int argc, char **argv)
{
    struct front_opts *o = malloc(sizeof *o);
    if (!o)
        return fail_usage("out of memory", NULL);
    defaults(o, true);
    int status = parse(o, argc, argv);
    if (status < 0 && !o->window_given) /* the desktop wants a window, where there is a screen */
        o->window = (getenv("DISPLAY") && *getenv("DISPLAY")) ||
                    (getenv("WAYLAND_DISPLAY") && *getenv("WAYLAND_DISPLAY"));
    if (status < 0)
        status = find_flash(o);
    if (status < 0)
        status = find_image(o);
    if (status < 0)
        status = front_run(o);
    free(o);
    return status;
}
