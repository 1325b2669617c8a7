/* The demo the README's run command starts until the OS exists: the guest
 * draws the Mandelbrot set in characters on its UART, in fixed point (the
 * Amber-1 has no FPU), then reports its own cycle count. */
#include "rt.h"

#define W 72
#define H 28
#define FRAC 24 /* fixed point: value * 2^24 */
#define MAXIT 200

static int64_t fmul(int64_t a, int64_t b)
{
    return (a * b) >> FRAC;
}

int main(void)
{
    static const char shade[] = " .:-=+*#%@";
    uint64_t c0 = csr_read(mcycle), i0 = csr_read(minstret);
    for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
            int64_t cr = ((int64_t)x << FRAC) * 3 / W - (2ll << FRAC) - (1ll << FRAC) / 4;
            int64_t ci = ((int64_t)y << FRAC) * 5 / 2 / H - (5ll << FRAC) / 4;
            int64_t zr = 0, zi = 0;
            int it = 0;
            while (it < MAXIT && fmul(zr, zr) + fmul(zi, zi) < (4ll << FRAC)) {
                int64_t t = fmul(zr, zr) - fmul(zi, zi) + cr;
                zi = 2 * fmul(zr, zi) + ci;
                zr = t;
                it++;
            }
            rt_putc(it == MAXIT ? '@' : shade[it % 9]);
        }
        rt_putc('\n');
    }
    uint64_t cycles = csr_read(mcycle) - c0, insns = csr_read(minstret) - i0;
    rt_puts("Amber-1: ");
    rt_putdec((int64_t)insns);
    rt_puts(" instructions in ");
    rt_putdec((int64_t)cycles);
    rt_puts(" simulated cycles\n");
    return 0;
}
