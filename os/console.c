#include "console.h"

#include <stdarg.h>

#include "amber/hw.h"
#include "riscv.h"

#define UART(r) (AMBER_UART0_BASE + (r))

void console_init(void)
{
    mmio_w8(UART(UART_FCR), UART_FCR_ENABLE | UART_FCR_CLR_RX | UART_FCR_CLR_TX);
    mmio_w8(UART(UART_MCR), UART_MCR_OUT2);
    mmio_w8(UART(UART_IER), UART_IER_RDI);
}

static void putc_raw(char c)
{
    while (!(mmio_r8(UART(UART_LSR)) & UART_LSR_THRE))
        ;
    mmio_w8(UART(UART_THR), (uint8_t)c);
}

static void put_locked(const char *s)
{
    for (; *s; s++) {
        if (*s == '\n')
            putc_raw('\r');
        putc_raw(*s);
    }
}

void kputs(const char *s)
{
    uint64_t f = irq_save();
    put_locked(s);
    irq_restore(f);
}

static char *fmt_u64(char *end, uint64_t v, unsigned base)
{
    *--end = 0;
    do {
        *--end = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    return end;
}

void kprintf(const char *fmt, ...)
{
    char buf[24];
    va_list ap;
    va_start(ap, fmt);
    uint64_t f = irq_save();
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            char s[2] = {*p, 0};
            put_locked(s);
            continue;
        }
        p++;
        int is_long = 0;
        while (*p == 'l') {
            is_long = 1;
            p++;
        }
        switch (*p) {
        case 's': put_locked(va_arg(ap, const char *)); break;
        case 'c': { char s[2] = {(char)va_arg(ap, int), 0}; put_locked(s); break; }
        case 'd': {
            int64_t v = is_long ? va_arg(ap, int64_t) : va_arg(ap, int);
            if (v < 0)
                put_locked("-");
            put_locked(fmt_u64(buf + sizeof buf, v < 0 ? -(uint64_t)v : (uint64_t)v, 10));
            break;
        }
        case 'u':
        case 'x': {
            uint64_t v = is_long ? va_arg(ap, uint64_t) : va_arg(ap, unsigned);
            put_locked(fmt_u64(buf + sizeof buf, v, *p == 'u' ? 10 : 16));
            break;
        }
        case '%': put_locked("%"); break;
        default: break;
        }
    }
    irq_restore(f);
    va_end(ap);
}

int console_irq(void)
{
    int last = -1;
    while (mmio_r8(UART(UART_LSR)) & UART_LSR_DR)
        last = mmio_r8(UART(UART_RBR));
    return last;
}
