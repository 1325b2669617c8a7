/* The window's status line (docs/devices.md, "The window"): simulated MHz
 * and host MIPS over the last update, the power state, and the persistence
 * age. Kept apart from SDL so that it can be tested. */
#ifndef GUI_STATUS_H
#define GUI_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct machine;
struct pmem;

struct status {
    uint64_t host_ms;            /* at the last update */
    uint64_t cycle, instret;     /* at the last update */
    /* The persistence age: the cycle at which the persistence domain was
     * last seen holding nothing that a power cut would lose. */
    uint64_t clean_at;
    uint64_t volatile_lines;     /* at the last poll */
};

/* Lines a power cut now would lose or leave to chance: dirty in the
 * modelled caches or queued for the media; 0 with eADR. */
uint64_t pmem_volatile_lines(const struct pmem *p);

void status_init(struct status *s, const struct machine *m, uint64_t host_ms);
/* At every host poll (each simulated millisecond): follow the persistence
 * domain. */
void status_poll(struct status *s, const struct machine *m);
/* The line for now, and start the next rate interval. */
void status_format(struct status *s, const struct machine *m, uint64_t host_ms, const char *extra,
                   char *buf, size_t size);

#endif
