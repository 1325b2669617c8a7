/* Real-time clock model; docs/devices.md specifies it. */
#include <string.h>

#include "dev_rtc.h"

static uint64_t cycles_to_ns(const struct rtc *r, uint64_t c)
{
    return (uint64_t)((unsigned __int128)c * 1000000000u / r->hz);
}

void rtc_init(struct rtc *r, const uint64_t *now, uint64_t hz, uint64_t start_ns)
{
    memset(r, 0, sizeof *r);
    r->now = now;
    r->hz = hz;
    r->offset_ns = start_ns - cycles_to_ns(r, *now);
    r->alarm_ns = UINT64_MAX;
}

uint64_t rtc_time_ns(const struct rtc *r)
{
    return r->offset_ns + cycles_to_ns(r, *r->now);
}

void rtc_sync(struct rtc *r)
{
    if ((r->ctrl & RTC_CTRL_ALARM) && rtc_time_ns(r) >= r->alarm_ns)
        r->fired = true;
}

/* The first cycle at which the time reaches the alarm. */
uint64_t rtc_next_event(const struct rtc *r)
{
    if (!(r->ctrl & RTC_CTRL_ALARM) || r->fired)
        return UINT64_MAX;
    uint64_t t = rtc_time_ns(r);
    if (t >= r->alarm_ns)
        return *r->now;
    unsigned __int128 c = ((unsigned __int128)(r->alarm_ns - t) * r->hz + 999999999u) / 1000000000u;
    return c > UINT64_MAX - *r->now ? UINT64_MAX : *r->now + (uint64_t)c;
}

bool rtc_irq(const struct rtc *r)
{
    return r->fired;
}

static bool rtc_read(void *dev, uint64_t off, unsigned size, uint64_t *val)
{
    struct rtc *r = dev;
    rtc_sync(r);
    uint64_t t = rtc_time_ns(r), v = 0;
    if (size == 8 && (off == RTC_TIME_NS || off == RTC_ALARM_NS)) {
        *val = off == RTC_TIME_NS ? t : r->alarm_ns;
        return true;
    }
    if (size != 4)
        return false;
    switch (off) {
    case DEV_ID: v = DEVID_RTC; break;
    case DEV_VERSION: v = 1; break;
    case RTC_TIME_NS: v = (uint32_t)t; break;
    case RTC_TIME_NS + 4: v = t >> 32; break;
    case RTC_ALARM_NS: v = (uint32_t)r->alarm_ns; break;
    case RTC_ALARM_NS + 4: v = r->alarm_ns >> 32; break;
    case RTC_CTRL: v = r->ctrl; break;
    case RTC_STATUS: v = r->fired ? RTC_STATUS_ALARM : 0; break;
    default: break;
    }
    *val = v;
    return true;
}

static void set_time(struct rtc *r, uint64_t t)
{
    r->offset_ns = t - cycles_to_ns(r, *r->now);
}

static bool rtc_write(void *dev, uint64_t off, unsigned size, uint64_t val)
{
    struct rtc *r = dev;
    uint64_t t = rtc_time_ns(r);
    if (size == 8 && (off == RTC_TIME_NS || off == RTC_ALARM_NS)) {
        if (off == RTC_TIME_NS)
            set_time(r, val);
        else
            r->alarm_ns = val;
    } else if (size != 4) {
        return false;
    } else {
        uint32_t v = (uint32_t)val;
        switch (off) {
        /* 32-bit halves: the low half first, as a 32-bit guest writes it. */
        case RTC_TIME_NS: set_time(r, (t & ~0xFFFFFFFFull) | v); break;
        case RTC_TIME_NS + 4: set_time(r, (t & 0xFFFFFFFFull) | (uint64_t)v << 32); break;
        case RTC_ALARM_NS: r->alarm_ns = (r->alarm_ns & ~0xFFFFFFFFull) | v; break;
        case RTC_ALARM_NS + 4: r->alarm_ns = (r->alarm_ns & 0xFFFFFFFFull) | (uint64_t)v << 32; break;
        case RTC_CTRL: r->ctrl = v & RTC_CTRL_ALARM; break;
        case RTC_STATUS:
            if (v & RTC_STATUS_ALARM)
                r->fired = false;
            break;
        default: break;
        }
    }
    rtc_sync(r);
    return true;
}

const struct mmio_ops rtc_mmio = {
    .read = rtc_read,
    .write = rtc_write,
};
