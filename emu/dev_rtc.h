/* Real-time clock: wall-clock nanoseconds that advance with simulated time
 * (so runs are reproducible), set at power-on from the host or a fixed
 * value, settable by the guest, with one alarm interrupt. */
#ifndef EMU_DEV_RTC_H
#define EMU_DEV_RTC_H

#include <stdbool.h>
#include <stdint.h>

#include "amber/hw.h"
#include "mmio.h"

struct rtc {
    const uint64_t *now;   /* machine cycles */
    uint64_t hz;           /* cycles per second */
    uint64_t offset_ns;    /* time = offset + cycles in ns */
    uint64_t alarm_ns;
    uint32_t ctrl;
    bool fired;
};

void rtc_init(struct rtc *r, const uint64_t *now, uint64_t hz, uint64_t start_ns);
uint64_t rtc_time_ns(const struct rtc *r);
uint64_t rtc_next_event(const struct rtc *r); /* cycle the alarm fires, or UINT64_MAX */
void rtc_sync(struct rtc *r);
bool rtc_irq(const struct rtc *r);
extern const struct mmio_ops rtc_mmio;

#endif
