#include "amber/hw.h"
#include "dev_power.h"

void powerctl_init(struct powerctl *p, const uint64_t *now, uint64_t window)
{
    p->now = now;
    p->window = window;
    powerctl_reset(p);
}

void powerctl_reset(struct powerctl *p)
{
    p->warn_at = UINT64_MAX;
    p->status = p->irq_status = p->irq_enable = 0;
    p->forced_off = false;
    p->checks_passed = p->checks_failed = p->last_check_id = 0;
    p->last_check = 0;
}

void powerctl_schedule(struct powerctl *p, uint64_t cut)
{
    p->warn_at = cut == UINT64_MAX || p->window == 0 ? UINT64_MAX
               : cut > p->window ? cut - p->window : 0;
}

static void event(struct powerctl *p, uint32_t ev)
{
    p->status |= ev;
    p->irq_status |= ev;
}

void powerctl_press(struct powerctl *p)
{
    event(p, PWR_EV_BUTTON);
}

void powerctl_long_press(struct powerctl *p)
{
    event(p, PWR_EV_BUTTON);
    p->forced_off = true;
}

/* A workload's consistency check: (id << 8) | result. Other results are
 * not reports and are ignored. */
static void check_report(struct powerctl *p, uint64_t val)
{
    uint32_t result = (uint32_t)(val & 0xff);
    if (result != PWR_CHECK_PASS && result != PWR_CHECK_FAIL)
        return;
    if (result == PWR_CHECK_PASS)
        p->checks_passed++;
    else
        p->checks_failed++;
    p->last_check = result;
    p->last_check_id = val >> 8;
}

bool powerctl_irq(struct powerctl *p)
{
    if (*p->now >= p->warn_at) {
        event(p, PWR_EV_WARN);
        p->warn_at = UINT64_MAX;
    }
    return (p->irq_status & p->irq_enable) != 0;
}

uint64_t powerctl_next_event(const struct powerctl *p)
{
    return p->warn_at;
}

static bool pw_read(void *dev, uint64_t off, unsigned size, uint64_t *val)
{
    struct powerctl *p = dev;
    powerctl_irq(p);
    switch (off) {
    case DEV_ID: *val = DEVID_POWER; break;
    case DEV_VERSION: *val = 1; break;
    case PWR_STATUS: *val = p->status; break;
    case PWR_IRQ_STATUS: *val = p->irq_status; break;
    case PWR_IRQ_ENABLE: *val = p->irq_enable; break;
    case PWR_WINDOW: *val = p->window; break;
    default: return false;
    }
    if (size < 8)
        *val &= size == 4 ? 0xffffffffull : (1ull << (8 * size)) - 1;
    return true;
}

static bool pw_write(void *dev, uint64_t off, unsigned size, uint64_t val)
{
    struct powerctl *p = dev;
    if (size < 4)
        return false;
    switch (off) {
    case PWR_IRQ_STATUS:
        p->irq_status &= ~(uint32_t)val;
        return true;
    case PWR_IRQ_ENABLE:
        p->irq_enable = (uint32_t)val & (PWR_EV_BUTTON | PWR_EV_WARN);
        return true;
    case PWR_CHECK:
        check_report(p, val);
        return true;
    default:
        return false;
    }
}

const struct mmio_ops powerctl_mmio = { pw_read, pw_write };
