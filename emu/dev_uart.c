/* 16550A UART model, written from the National/TI PC16550D datasheet.
 *
 * Not modelled, because nothing on the virtual line produces it: parity,
 * framing and break errors, and baud-rate timing (the divisor latch is plain
 * storage). Byte accesses only; other sizes fault. Offsets 8 and up in the
 * window decode to nothing: reads return 0, writes are ignored. */
#include "dev_uart.h"

static bool fifo_enabled(const struct uart *u)
{
    return u->fcr & UART_FCR_ENABLE;
}

static unsigned rx_capacity(const struct uart *u)
{
    return fifo_enabled(u) ? UART_FIFO_SIZE : 1;
}

static unsigned rx_trigger(const struct uart *u)
{
    static const uint8_t level[4] = {1, 4, 8, 14};
    return level[(u->fcr & UART_FCR_TRIGGER) >> 6];
}

static void rx_clear(struct uart *u)
{
    u->rx_head = u->rx_count = 0;
    u->lsr &= ~UART_LSR_DR;
}

/* A character completes in the receive shift register. On overrun a 16550
 * with FIFOs keeps the FIFO and loses the new character; without FIFOs the
 * new character overwrites the holding register. */
static void rx_receive(struct uart *u, uint8_t byte)
{
    if (u->rx_count == rx_capacity(u)) {
        u->lsr |= UART_LSR_OE;
        if (fifo_enabled(u))
            return;
        u->rx_count = 0;
    }
    u->rx[(u->rx_head + u->rx_count) % UART_FIFO_SIZE] = byte;
    u->rx_count++;
    u->lsr |= UART_LSR_DR;
}

static uint8_t rx_pop(struct uart *u)
{
    if (u->rx_count == 0)
        return 0; /* a real chip repeats the last byte; no guest relies on it */
    uint8_t byte = u->rx[u->rx_head];
    u->rx_head = (u->rx_head + 1) % UART_FIFO_SIZE;
    if (--u->rx_count == 0)
        u->lsr &= ~UART_LSR_DR;
    return byte;
}

/* Levels of the modem inputs CTS, DSR, RI, DCD. In loopback they are wired
 * internally to RTS, DTR, OUT1, OUT2; otherwise the host end is taken to be
 * always ready with no carrier changes (CTS, DSR, DCD asserted). */
static uint8_t modem_inputs(const struct uart *u)
{
    if (!(u->mcr & UART_MCR_LOOP))
        return UART_MSR_CTS | UART_MSR_DSR | UART_MSR_DCD;
    uint8_t in = 0;
    if (u->mcr & UART_MCR_RTS)  in |= UART_MSR_CTS;
    if (u->mcr & UART_MCR_DTR)  in |= UART_MSR_DSR;
    if (u->mcr & UART_MCR_OUT1) in |= UART_MSR_RI;
    if (u->mcr & UART_MCR_OUT2) in |= UART_MSR_DCD;
    return in;
}

/* Latch the delta bits for input changes; they stay set until MSR is read. */
static void modem_update(struct uart *u)
{
    uint8_t old = u->msr & 0xF0, now = modem_inputs(u);
    uint8_t delta = u->msr & 0x0F;
    if ((old ^ now) & UART_MSR_CTS) delta |= UART_MSR_DCTS;
    if ((old ^ now) & UART_MSR_DSR) delta |= UART_MSR_DDSR;
    if ((old & UART_MSR_RI) && !(now & UART_MSR_RI)) delta |= UART_MSR_TERI;
    if ((old ^ now) & UART_MSR_DCD) delta |= UART_MSR_DDCD;
    u->msr = now | delta;
}

/* The highest-priority pending, enabled interrupt, as IIR bits 3:0.
 * Without a clock the character timeout expires at once: whenever the FIFO
 * holds data below the trigger level, CTI is reported, so the guest never
 * waits on a partly filled FIFO. */
static uint8_t iir_id(const struct uart *u)
{
    if ((u->ier & UART_IER_RLSI) && (u->lsr & UART_LSR_OE))
        return UART_IIR_RLSI;
    if ((u->ier & UART_IER_RDI) && u->rx_count > 0) {
        if (fifo_enabled(u) && u->rx_count < rx_trigger(u))
            return UART_IIR_CTI;
        return UART_IIR_RDI;
    }
    if ((u->ier & UART_IER_THRI) && u->thr_ipending)
        return UART_IIR_THRI;
    if ((u->ier & UART_IER_MSI) && (u->msr & 0x0F))
        return UART_IIR_MSI;
    return UART_IIR_NONE;
}

void uart_init(struct uart *u, struct chardev *out)
{
    *u = (struct uart){
        .out = out,
        .lsr = UART_LSR_THRE | UART_LSR_TEMT,
    };
    u->msr = modem_inputs(u); /* no deltas at reset */
}

bool uart_irq(const struct uart *u)
{
    return iir_id(u) != UART_IIR_NONE;
}

/* In loopback the serial input is disconnected, so host input waits. */
bool uart_rx_ready(const struct uart *u)
{
    return !(u->mcr & UART_MCR_LOOP) && u->rx_count < rx_capacity(u);
}

/* A byte arriving on the serial input pin; lost while in loopback. */
void uart_rx_push(struct uart *u, uint8_t byte)
{
    if (!(u->mcr & UART_MCR_LOOP))
        rx_receive(u, byte);
}

static bool uart_read(void *dev, uint64_t off, unsigned size, uint64_t *val)
{
    struct uart *u = dev;
    bool dlab = u->lcr & UART_LCR_DLAB;
    uint8_t v = 0, id;

    if (size != 1)
        return false;
    switch (off) {
    case UART_RBR:
        v = dlab ? u->dll : rx_pop(u);
        break;
    case UART_IER:
        v = dlab ? u->dlm : u->ier;
        break;
    case UART_IIR:
        /* Reading IIR acknowledges a THR-empty interrupt it reports. */
        id = iir_id(u);
        if (id == UART_IIR_THRI)
            u->thr_ipending = false;
        v = id | (fifo_enabled(u) ? UART_IIR_FIFO : 0);
        break;
    case UART_LCR:
        v = u->lcr;
        break;
    case UART_MCR:
        v = u->mcr;
        break;
    case UART_LSR:
        v = u->lsr;
        u->lsr &= ~UART_LSR_OE; /* error bits clear on read */
        break;
    case UART_MSR:
        v = u->msr;
        u->msr &= 0xF0;
        break;
    case UART_SCR:
        v = u->scr;
        break;
    }
    *val = v;
    return true;
}

static void fcr_write(struct uart *u, uint8_t v)
{
    /* Toggling the FIFO enable empties both FIFOs; the other bits are only
     * programmed while FIFOs are being enabled (datasheet: FCR0 must be 1). */
    if ((v ^ u->fcr) & UART_FCR_ENABLE)
        rx_clear(u);
    if (!(v & UART_FCR_ENABLE)) {
        u->fcr = 0;
        return;
    }
    u->fcr = v & (UART_FCR_ENABLE | UART_FCR_TRIGGER);
    if (v & UART_FCR_CLR_RX)
        rx_clear(u);
    /* UART_FCR_CLR_TX: the transmit FIFO is always empty. */
}

static bool uart_write(void *dev, uint64_t off, unsigned size, uint64_t val)
{
    struct uart *u = dev;
    bool dlab = u->lcr & UART_LCR_DLAB;
    uint8_t v = (uint8_t)val, old;

    if (size != 1)
        return false;
    switch (off) {
    case UART_THR:
        if (dlab) {
            u->dll = v;
            break;
        }
        if (u->mcr & UART_MCR_LOOP)
            rx_receive(u, v);
        else if (u->out)
            u->out->put(u->out->opaque, v);
        /* The write fills THR, clearing the THR-empty interrupt; the byte
         * leaves at once, so THR is empty and the interrupt pending again. */
        u->thr_ipending = true;
        break;
    case UART_IER:
        if (dlab) {
            u->dlm = v;
            break;
        }
        old = u->ier;
        u->ier = v & 0x0F;
        /* Enabling THRI while THR is empty raises the interrupt at once. */
        if ((u->ier & ~old) & UART_IER_THRI)
            u->thr_ipending = true;
        break;
    case UART_FCR:
        fcr_write(u, v);
        break;
    case UART_LCR:
        u->lcr = v;
        break;
    case UART_MCR:
        u->mcr = v & 0x1F;
        modem_update(u);
        break;
    case UART_SCR:
        u->scr = v;
        break;
    }
    /* LSR and MSR are read-only; writes to them (factory test) are ignored. */
    return true;
}

const struct mmio_ops uart_mmio = {
    .read = uart_read,
    .write = uart_write,
};
