#include "amber/hw.h"
#include "console.h"
#include "mmio.h"

#define UART(reg) (AMBER_UART0_BASE + (reg))

void con_init(void)
{
    mmio_write8(UART(UART_IER), 0);
    mmio_write8(UART(UART_LCR), UART_LCR_DLAB);
    mmio_write8(UART(UART_DLL), 1); /* the emulated line has no baud rate */
    mmio_write8(UART(UART_DLM), 0);
    mmio_write8(UART(UART_LCR), 0x03); /* 8 data bits, no parity, 1 stop bit */
    mmio_write8(UART(UART_FCR), UART_FCR_ENABLE | UART_FCR_CLR_RX | UART_FCR_CLR_TX);
    mmio_write8(UART(UART_MCR), UART_MCR_DTR | UART_MCR_RTS);
}

void con_putc(char c)
{
    while (!(mmio_read8(UART(UART_LSR)) & UART_LSR_THRE))
        ;
    mmio_write8(UART(UART_THR), (uint8_t)c);
}

void con_puts(const char *s)
{
    while (*s)
        con_putc(*s++);
}

void con_putsn(const char *s, size_t max)
{
    for (size_t i = 0; i < max && s[i]; i++)
        con_putc(s[i]);
}

void con_hex(uint64_t v)
{
    int shift = 60;
    con_puts("0x");
    while (shift > 0 && !(v >> shift))
        shift -= 4;
    for (; shift >= 0; shift -= 4)
        con_putc("0123456789abcdef"[(v >> shift) & 15]);
}

void con_dec(uint64_t v)
{
    char buf[20];
    int n = 0;
    do {
        buf[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        con_putc(buf[--n]);
}
