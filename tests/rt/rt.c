#include "rt.h"
#include "amber/hw.h"

#define REG8(a) (*(volatile uint8_t *)(uintptr_t)(a))

void rt_putc(char c)
{
    while (!(REG8(AMBER_UART0_BASE + UART_LSR) & UART_LSR_THRE))
        ;
    REG8(AMBER_UART0_BASE + UART_THR) = (uint8_t)c;
}

void rt_puts(const char *s)
{
    while (*s)
        rt_putc(*s++);
}

void rt_puthex(uint64_t v)
{
    rt_puts("0x");
    for (int i = 60; i >= 0; i -= 4)
        rt_putc("0123456789abcdef"[(v >> i) & 15]);
}

void rt_putdec(int64_t v)
{
    char buf[24];
    int n = 0;
    uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
    do {
        buf[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        rt_putc('-');
    while (n)
        rt_putc(buf[--n]);
}

void rt_exit(int code)
{
    volatile uint32_t *fin = (volatile uint32_t *)(uintptr_t)AMBER_FINISHER_BASE;
    *fin = code == 0 ? FINISHER_PASS : ((uint32_t)code << 16) | FINISHER_FAIL;
    for (;;)
        ;
}

void rt_unexpected_trap(uint64_t cause, uint64_t epc, uint64_t tval)
{
    rt_puts("unexpected trap: mcause=");
    rt_puthex(cause);
    rt_puts(" mepc=");
    rt_puthex(epc);
    rt_puts(" mtval=");
    rt_puthex(tval);
    rt_putc('\n');
    rt_exit(0x7e);
}

void *memcpy(void *d, const void *s, size_t n)
{
    uint8_t *dp = d;
    const uint8_t *sp = s;
    while (n--)
        *dp++ = *sp++;
    return d;
}

void *memmove(void *d, const void *s, size_t n)
{
    uint8_t *dp = d;
    const uint8_t *sp = s;
    if (dp < sp)
        return memcpy(d, s, n);
    while (n--)
        dp[n] = sp[n];
    return d;
}

void *memset(void *d, int c, size_t n)
{
    uint8_t *dp = d;
    while (n--)
        *dp++ = (uint8_t)c;
    return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const uint8_t *x = a, *y = b;
    for (; n; n--, x++, y++)
        if (*x != *y)
            return *x - *y;
    return 0;
}

__attribute__((noinline)) void rt_clean(volatile const void *p)
{
    /* cbo.clean 0(p), spelled out: the runtime is also built without Zicbom */
    __asm__ volatile(".insn i 0x0f, 2, x0, %0, 1" :: "r"(p) : "memory");
}

__attribute__((noinline)) void rt_fence(void)
{
    __asm__ volatile("fence rw, rw" ::: "memory");
}
