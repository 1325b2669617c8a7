#include <inttypes.h>
#include <stdio.h>

#include "machine.h"
#include "pmem.h"
#include "status.h"
#include "timing.h"

uint64_t pmem_volatile_lines(const struct pmem *p)
{
    if (p->cfg.eadr)
        return 0;
    uint64_t n = p->npending;
    for (size_t i = 0; i < (size_t)p->cfg.sets * p->cfg.ways; i++)
        n += p->dirty[i] != 0;
    return n;
}

void status_init(struct status *s, const struct machine *m, uint64_t host_ms)
{
    *s = (struct status){ .host_ms = host_ms, .cycle = m->cpu.cycle, .instret = m->cpu.instret,
                          .clean_at = m->cpu.cycle };
    status_poll(s, m);
}

void status_poll(struct status *s, const struct machine *m)
{
    if (!m->bus.pmem)
        return;
    s->volatile_lines = pmem_volatile_lines(m->bus.pmem);
    if (s->volatile_lines == 0 || m->cpu.cycle < s->clean_at) /* clean, or a power cycle restarted time */
        s->clean_at = m->cpu.cycle;
}

static const char *power_state(const struct machine *m)
{
    if (m->power.forced_off)
        return "forced off";
    if (m->power.status & PWR_EV_WARN)
        return "power failing";
    if (m->power.status & PWR_EV_BUTTON)
        return "button pressed";
    return "on";
}

void status_format(struct status *s, const struct machine *m, uint64_t host_ms, const char *extra,
                   char *buf, size_t size)
{
    double secs = (host_ms - s->host_ms) / 1000.0;
    double mhz = secs > 0 ? (m->cpu.cycle - s->cycle) / secs / 1e6 : 0;
    double mips = secs > 0 ? (m->cpu.instret - s->instret) / secs / 1e6 : 0;
    char persist[96];
    if (!m->bus.pmem)
        snprintf(persist, sizeof persist, "no PMEM");
    else if (s->volatile_lines == 0)
        snprintf(persist, sizeof persist, "persisted");
    else
        snprintf(persist, sizeof persist, "persist age %.0f ms (%" PRIu64 " lines)",
                 (m->cpu.cycle - s->clean_at) * 1e3 / CORE_HZ, s->volatile_lines);
    snprintf(buf, size, "Amber-1 | %.0f sim MHz | %.0f host MIPS | power %s | %s%s", mhz, mips,
             power_state(m), persist, extra);
    s->host_ms = host_ms;
    s->cycle = m->cpu.cycle;
    s->instret = m->cpu.instret;
}
