#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "monitor_power.h"

static double host_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void show(struct monitor *mon)
{
    const struct machine *m = mon->m;
    const struct powerctl *p = &m->power;
    fprintf(mon->out, "events 0x%" PRIx32 "%s%s, interrupt enable 0x%" PRIx32 ", pending 0x%" PRIx32 "\n",
            p->status, p->status & PWR_EV_BUTTON ? " button" : "", p->status & PWR_EV_WARN ? " warning" : "",
            p->irq_enable, p->irq_status);
    fprintf(mon->out, "warning window %" PRIu64 " cycles; ", p->window);
    if (m->power_cut_at == UINT64_MAX)
        fprintf(mon->out, "no power cut scheduled\n");
    else
        fprintf(mon->out, "power cut scheduled at cycle %" PRIu64 "\n", m->power_cut_at);
    fprintf(mon->out, "checks since power-on: %" PRIu64 " passed, %" PRIu64 " failed", p->checks_passed,
            p->checks_failed);
    if (p->last_check)
        fprintf(mon->out, "; the last, id %" PRIu64 ", %s", p->last_check_id,
                p->last_check == PWR_CHECK_PASS ? "passed" : "failed");
    fprintf(mon->out, "\n");
}

/* The power goes off where the machine stands: run it, so that the stop
 * is taken (before any instruction) and reported like any other end.
 * From inside a run (the window's overlay) the run itself takes it next. */
static void off_now(struct monitor *mon)
{
    if (mon->no_run) {
        fprintf(mon->out, "the power goes off now\n");
        return;
    }
    double t0 = host_seconds();
    struct stop st = debug_run(mon->dbg, &(struct run_req){ .steps = 1 });
    mon->run_seconds += host_seconds() - t0;
    monitor_report_stop(mon, &st, mon->out);
}

void monitor_cmd_power(struct monitor *mon, int argc, char **argv, const char *rest)
{
    (void)rest;
    struct machine *m = mon->m;
    if (argc == 0) {
        show(mon);
    } else if (argc == 1 && strcmp(argv[0], "button") == 0) {
        powerctl_press(&m->power);
        fprintf(mon->out, "pressed the power button%s\n", m->power.irq_enable & PWR_EV_BUTTON ? ""
                : " (the guest has not enabled its interrupt)");
    } else if (argc == 2 && strcmp(argv[0], "button") == 0 && strcmp(argv[1], "long") == 0) {
        powerctl_long_press(&m->power);
        fprintf(mon->out, "holding the power button down: forced off\n");
        off_now(mon);
    } else if (argc == 1 && strcmp(argv[0], "cut") == 0) {
        m->power_cut_at = m->cpu.cycle;
        off_now(mon);
    } else {
        monitor_fail(mon, "usage: power [button [long] | cut]");
    }
}
