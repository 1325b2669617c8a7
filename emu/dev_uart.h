/* UART0: a 16550A as QEMU's virt machine has it (registers one byte apart,
 * byte accesses only). Transmission is instantaneous: a byte written to THR
 * goes straight to the output chardev, so THR and the transmitter are always
 * empty. The machine feeds host input with uart_rx_push when uart_rx_ready
 * and wires uart_irq to the PLIC. */
#ifndef EMU_DEV_UART_H
#define EMU_DEV_UART_H

#include <stdbool.h>
#include <stdint.h>

#include "amber/hw.h"
#include "chardev.h"
#include "mmio.h"

struct uart {
    struct chardev *out;
    uint8_t ier, lcr, mcr, lsr, scr;
    uint8_t fcr;        /* FIFO enable and trigger level bits as written */
    uint8_t dll, dlm;   /* divisor latch: kept for the guest, no timing effect */
    uint8_t msr;        /* modem status: input levels and delta bits */
    bool thr_ipending;  /* THR-empty interrupt condition (see dev_uart.c) */
    uint8_t rx[UART_FIFO_SIZE];
    uint8_t rx_head, rx_count;
};

void uart_init(struct uart *u, struct chardev *out); /* out may be NULL */
bool uart_irq(const struct uart *u);          /* interrupt line level */
bool uart_rx_ready(const struct uart *u);     /* room for another input byte */
void uart_rx_push(struct uart *u, uint8_t byte); /* host input arriving */
extern const struct mmio_ops uart_mmio;

#endif
