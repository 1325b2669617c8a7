/* Timer interrupts, memory traffic and console output together: the guest
 * of the savevm/loadvm determinism test, which needs a program whose
 * counts depend on interrupt timing, caches and devices. */
#include "amber/hw.h"
#include "rt.h"

#define TICK_CYCLES 2000u /* mtime ticks between interrupts (200 us) */
#define ROUNDS 40

static volatile uint64_t *const mtimecmp = (volatile uint64_t *)(uintptr_t)(AMBER_CLINT_BASE + CLINT_MTIMECMP);
static volatile uint64_t *const mtime = (volatile uint64_t *)(uintptr_t)(AMBER_CLINT_BASE + CLINT_MTIME);

volatile uint64_t ticks;
uint32_t data[16384];

__attribute__((interrupt("machine"))) void on_timer(void)
{
    ticks = ticks + 1;
    *mtimecmp = *mtime + TICK_CYCLES;
}

/* One round: a hash over the array, with the interrupts in between. */
static uint32_t round_hash(uint32_t seed)
{
    uint32_t h = seed;
    for (unsigned i = 0; i < sizeof data / sizeof data[0]; i += 7) {
        data[i] ^= h;
        h = (h ^ data[(i * 13) % (sizeof data / sizeof data[0])]) * 16777619u + (uint32_t)ticks;
    }
    return h;
}

int main(void)
{
    for (unsigned i = 0; i < sizeof data / sizeof data[0]; i++)
        data[i] = i * 2654435761u;
    csr_write(mtvec, (uint64_t)on_timer);
    *mtimecmp = *mtime + TICK_CYCLES;
    csr_set(mie, 1u << 7);     /* MTIE */
    csr_set(mstatus, 1u << 3); /* MIE */
    uint32_t h = 2166136261u;
    for (int r = 0; r < ROUNDS; r++) {
        h = round_hash(h);
        if (r % 8 == 7) {
            rt_puts("ticks: round ");
            rt_putdec(r);
            rt_puts(" hash ");
            rt_puthex(h);
            rt_putc('\n');
        }
    }
    csr_clear(mstatus, 1u << 3);
    rt_puts("ticks: ");
    rt_putdec((int64_t)ticks);
    rt_puts(" interrupts\n");
    return ticks > 10 ? 0 : 1;
}
