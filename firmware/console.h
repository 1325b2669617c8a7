/* The firmware's console: UART0 (16550A), polled, output only. */
#ifndef FW_CONSOLE_H
#define FW_CONSOLE_H

#include <stddef.h>
#include <stdint.h>

void con_init(void);
void con_putc(char c);
void con_puts(const char *s);
void con_putsn(const char *s, size_t max); /* at most max bytes, up to a NUL */
void con_hex(uint64_t v);                  /* 0x%lx */
void con_dec(uint64_t v);

#endif
