/* The UART console: polled output (safe from any context), receive
 * interrupts delivered through the PLIC. */
#ifndef OS_CONSOLE_H
#define OS_CONSOLE_H

#include <stdint.h>

void console_init(void);
void kputs(const char *s);
/* %s %c %d %u %x with optional l/ll (all 64-bit here), and %%. */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The UART's interrupt: drain received bytes; returns the last one, -1 if none. */
int console_irq(void);

#endif
