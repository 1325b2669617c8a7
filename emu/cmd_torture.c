#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chardev_stdio.h"
#include "cli_args.h"
#include "cmd_exec.h"
#include "cmd_torture.h"
#include "image_copy.h"
#include "machine.h"
#include "power.h"
#include "program.h"

#define DEFAULT_RUN_INSNS 4000000000ull /* per power-on: enough for an OS to boot */
#define MAX_SELF_OFFS     100u          /* power-ons in a row that end before their cut */

struct torture_opts {
    const char *target;       /* an ELF workload, or an image */
    const char *image, *flash;
    uint64_t cuts, seed, window, mem, run_insns;
    bool have_cuts, have_seed, adversarial, in_place, console;
};

struct tally {
    uint64_t power_ons, passed, failed, unchecked, self_offs;
    uint64_t last_id;
    uint32_t last;            /* the final power-on's result; 0: none */
};

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "amber: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    return EXIT_USAGE;
}

static int parse(struct torture_opts *o, int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        uint64_t *num = NULL;
        const char **str = NULL;
        if (strcmp(a, "--adversarial") == 0)
            o->adversarial = true;
        else if (strcmp(a, "--in-place") == 0)
            o->in_place = true;
        else if (strcmp(a, "--console") == 0) {
            if (!val || (strcmp(val, "stdio") && strcmp(val, "none")))
                return usage_error("--console is stdio or none", val);
            o->console = strcmp(argv[++i], "stdio") == 0;
        } else if (strcmp(a, "--cuts") == 0)
            num = &o->cuts, o->have_cuts = true;
        else if (strcmp(a, "--seed") == 0)
            num = &o->seed, o->have_seed = true;
        else if (strcmp(a, "--window") == 0)
            num = &o->window;
        else if (strcmp(a, "--max-insns-per-run") == 0)
            num = &o->run_insns;
        else if (strcmp(a, "--mem") == 0) {
            if (!val || !cli_parse_size(val, &o->mem) || o->mem < (1u << 20) || o->mem % 4096 ||
                o->mem > AMBER_PMEM_BASE - AMBER_DRAM_BASE)
                return usage_error("--mem must be a multiple of 4 KiB between 1M and 62G", val);
            i++;
        } else if (strcmp(a, "--image") == 0)
            str = &o->image;
        else if (strcmp(a, "--flash") == 0)
            str = &o->flash;
        else if (a[0] == '-' && a[1])
            return usage_error("unknown option", a);
        else if (o->target)
            return usage_error("more than one workload given", a);
        else
            o->target = a;
        if (num) {
            if (!val || !cli_parse_u64(val, num) || ((num == &o->window || num == &o->run_insns) && !*num))
                return usage_error(num == &o->cuts || num == &o->seed ? "--cuts and --seed need a number"
                                                                       : "--window and --max-insns-per-run "
                                                                         "need a positive number", val);
            i++;
        }
        if (str) {
            if (!val)
                return usage_error("--image and --flash need a file name", NULL);
            *str = argv[++i];
        }
    }
    if (!o->target)
        return usage_error("torture needs a workload (amber torture PROGRAM.elf|IMAGE --cuts N --seed S)", NULL);
    if (!o->have_cuts || !o->have_seed)
        return usage_error("torture needs --cuts N and --seed S (the run repeats exactly for a seed)", NULL);
    return -1;
}

/* What the target is, by its first bytes: 'e' ELF, 'i' image, 0 neither. */
static char target_kind(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    char magic[8] = { 0 };
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return 0;
    }
    size_t n = fread(magic, 1, sizeof magic, f);
    fclose(f);
    if (n >= 4 && memcmp(magic, "\177ELF", 4) == 0)
        return 'e';
    if (n == 8 && memcmp(magic, IMAGE_MAGIC, 8) == 0)
        return 'i';
    snprintf(err, errlen, "%s: neither an ELF workload nor an Amber image", path);
    return 0;
}

/* The last power-on runs until its check has spoken. */
static void stop_at_check(void *ctx, struct machine *m)
{
    (void)ctx;
    if (m->power.checks_passed + m->power.checks_failed)
        m->host_quit = true;
}

static void take_checks(struct tally *t, const struct machine *m)
{
    t->passed += m->power.checks_passed;
    t->failed += m->power.checks_failed;
    if (m->power.checks_failed)
        printf("torture: power-on %" PRIu64 ": check %" PRIu64 " FAILED\n", t->power_ons, m->power.last_check_id);
}

/* Run power-on after power-on; 0 when the torture ran to its end (the
 * tally says how it went), else the exit status of an error. */
static int torture(const struct torture_opts *o, struct power *pw, struct machine *m,
                   const struct program *prog, struct tally *t)
{
    char err[512];
    if (!program_power_on(prog, m, err, sizeof err))
        return usage_error(err, NULL);
    for (;;) {
        t->power_ons++;
        m->power_cut_at = power_next_cut(pw);
        powerctl_schedule(&m->power, m->power_cut_at);
        bool last = m->power_cut_at == UINT64_MAX;
        m->host_poll = last ? stop_at_check : NULL;
        m->host_quit = false;
        enum machine_stop stop = machine_run(m, o->run_insns);
        take_checks(t, m);
        bool checked = m->power.checks_passed + m->power.checks_failed != 0;
        if (last && checked) {
            t->last = m->power.last_check;
            t->last_id = m->power.last_check_id;
            return 0;
        }
        bool ok;
        switch (stop) {
        case STOP_POWER_CUT:
            t->unchecked += !checked;
            t->self_offs = 0;
            ok = power_cut(pw, m, err, sizeof err);
            break;
        case STOP_PASS: /* the workload switched itself off: on again, the cut still to come */
            if (++t->self_offs > MAX_SELF_OFFS) {
                fprintf(stderr, "amber: the workload switches itself off before the cuts land; "
                        "make --window smaller\n");
                return 1;
            }
            ok = power_restart(pw, m, err, sizeof err);
            break;
        case STOP_FAIL:
            printf("torture: power-on %" PRIu64 ": the workload failed with status %u\n", t->power_ons,
                   m->exit_code);
            t->failed += !m->power.checks_failed; /* not counted twice */
            return 0;
        case STOP_LIMIT:
            printf("torture: power-on %" PRIu64 ": no %s within %" PRIu64 " instructions\n", t->power_ons,
                   last ? "check" : "power cut", o->run_insns);
            return 1;
        case STOP_HOST_ERROR:
            fprintf(stderr, "amber: cannot write the image: %s\n", strerror(pmem_host_error(&pw->pmem)));
            return EXIT_USAGE;
        default:
            printf("torture: power-on %" PRIu64 ": the workload hung or its trap handler is stuck "
                   "(pc 0x%" PRIx64 ")\n", t->power_ons, m->cpu.pc);
            return 1;
        }
        if (!ok || !program_power_on(prog, m, err, sizeof err))
            return usage_error(err, NULL);
    }
}

/* --console none: output nowhere, input never. */
static void null_put(void *opaque, uint8_t byte)
{
    (void)opaque, (void)byte;
}

static int null_get(void *opaque)
{
    (void)opaque;
    return CHARDEV_NONE;
}

static int torture_on(const struct torture_opts *o, const char *image, const char *program)
{
    char err[512];
    struct program prog;
    if (!program_open(&prog, program, err, sizeof err))
        return usage_error(err, NULL);
    struct power_options po;
    power_options_init(&po);
    po.image = image;
    po.adversarial = o->adversarial;
    po.cut_random = true;
    po.seed = o->seed;
    po.window = o->window;
    po.cuts = o->cuts;
    po.power_on_after_cut = true;
    struct power pw;
    if (!power_open(&pw, &po, err, sizeof err)) {
        program_free(&prog);
        return usage_error(err, NULL);
    }
    struct stdio_chardev out;
    struct chardev quiet = { .put = null_put, .get = null_get };
    chardev_stdio_init(&out, -1);
    struct machine *m = malloc(sizeof *m);
    struct machine_config cfg = { .dram_size = o->mem, .pmem = &pw.pmem };
    int status = EXIT_USAGE;
    struct tally t = { 0 };
    if (!m || !machine_init(m, &cfg, o->console ? &out.dev : &quiet)) {
        fprintf(stderr, "amber: cannot allocate the machine (%" PRIu64 " bytes of DRAM)\n", o->mem);
        free(m);
        m = NULL;
    } else {
        status = torture(o, &pw, m, &prog, &t);
        fflush(stdout);
    }
    /* The torture stops the last power-on where it stands: as a cut. */
    if (m)
        power_cut(&pw, m, err, sizeof err);
    if (!power_close(&pw, true, err, sizeof err)) {
        fprintf(stderr, "amber: %s\n", err);
        status = EXIT_USAGE;
    }
    if (m) {
        machine_free(m);
        free(m);
    }
    program_free(&prog);
    if (status == EXIT_USAGE)
        return status;
    printf("torture: seed %" PRIu64 ", %" PRIu64 " cuts%s, %" PRIu64 " power-ons\n", o->seed, o->cuts,
           o->adversarial ? " (adversarial)" : "", t.power_ons);
    printf("torture: checks passed %" PRIu64 ", failed %" PRIu64 "; power-ons cut before their check ran %"
           PRIu64 "\n", t.passed, t.failed, t.unchecked);
    printf("torture: final power-on: %s\n", t.last == PWR_CHECK_PASS ? "check passed"
                                          : t.last == PWR_CHECK_FAIL ? "check FAILED" : "no check");
    bool good = status == 0 && t.failed == 0 && t.last == PWR_CHECK_PASS;
    printf("torture: %s\n", good ? "PASS" : "FAIL");
    return good ? 0 : 1;
}

int cmd_torture(int argc, char **argv)
{
    struct torture_opts o = { .window = 10000000, .mem = AMBER_DRAM_DEFAULT, .run_insns = DEFAULT_RUN_INSNS };
    int status = parse(&o, argc, argv);
    if (status >= 0)
        return status;
    char err[512];
    char kind = target_kind(o.target, err, sizeof err);
    if (!kind)
        return usage_error(err, NULL);
    if (kind == 'e' && (o.flash || o.in_place))
        return usage_error("--flash and --in-place are for an image; an ELF workload uses --image PATH", NULL);
    if (kind == 'i' && o.image)
        return usage_error("the image to torture is the workload argument; --image is for an ELF workload", NULL);
    const char *program = kind == 'e' ? o.target : o.flash ? o.flash : flash_default_path();
    if (kind == 'i' && !o.flash && !flash_check_default(program))
        return EXIT_USAGE;
    if ((kind == 'e' && o.image) || (kind == 'i' && o.in_place))
        return torture_on(&o, kind == 'e' ? o.image : o.target, program);
    /* A scratch image for an ELF workload, a sparse copy of an image:
     * either way a temporary file, deleted afterwards. */
    const char *tmp = getenv("TMPDIR");
    char dir[4096], path[4200];
    snprintf(dir, sizeof dir, "%s/amber-torture-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        fprintf(stderr, "amber: %s: %s\n", dir, strerror(errno));
        return EXIT_USAGE;
    }
    snprintf(path, sizeof path, "%s/torture.img", dir);
    bool ok = kind == 'e' ? image_create(path, IMAGE_DEFAULT_SIZE, err, sizeof err)
                          : image_copy(o.target, path, err, sizeof err);
    status = ok ? torture_on(&o, path, program) : usage_error(err, NULL);
    unlink(path);
    rmdir(dir);
    return status;
}
