// Unit tests for the 16550A UART model.
#include <gtest/gtest.h>

#include <string>

extern "C" {
#include "amber/hw.h"
#include "dev_uart.h"
}

namespace {

struct UartTest : ::testing::Test {
    struct uart u;
    struct chardev out;
    std::string sent;

    void SetUp() override
    {
        out.opaque = &sent;
        out.put = [](void *opaque, uint8_t b) { static_cast<std::string *>(opaque)->push_back(char(b)); };
        out.get = nullptr;
        uart_init(&u, &out);
    }
    uint8_t rd(unsigned off)
    {
        uint64_t v = 0xDEAD;
        EXPECT_TRUE(uart_mmio.read(&u, off, 1, &v));
        EXPECT_LE(v, 0xFFu);
        return uint8_t(v);
    }
    void wr(unsigned off, uint8_t v) { EXPECT_TRUE(uart_mmio.write(&u, off, 1, v)); }
    uint8_t iir() { return rd(UART_IIR); }
};

TEST_F(UartTest, ResetState)
{
    EXPECT_EQ(rd(UART_IER), 0);
    EXPECT_EQ(iir(), UART_IIR_NONE);
    EXPECT_EQ(rd(UART_LCR), 0);
    EXPECT_EQ(rd(UART_MCR), 0);
    EXPECT_EQ(rd(UART_LSR), UART_LSR_THRE | UART_LSR_TEMT);
    EXPECT_EQ(rd(UART_MSR), UART_MSR_CTS | UART_MSR_DSR | UART_MSR_DCD);
    EXPECT_EQ(rd(UART_SCR), 0);
    EXPECT_EQ(rd(UART_RBR), 0);
    EXPECT_FALSE(uart_irq(&u));
    EXPECT_TRUE(uart_rx_ready(&u));
}

TEST_F(UartTest, OnlyByteAccesses)
{
    uint64_t v;
    for (unsigned size : {2u, 4u, 8u}) {
        EXPECT_FALSE(uart_mmio.read(&u, 0, size, &v));
        EXPECT_FALSE(uart_mmio.write(&u, 0, size, 'x'));
    }
    EXPECT_TRUE(sent.empty());
}

TEST_F(UartTest, OffsetsPastTheRegistersReadZero)
{
    wr(8, 0x55);
    wr(0xFF, 0x55);
    EXPECT_EQ(rd(8), 0);
    EXPECT_EQ(rd(0xFF), 0);
    EXPECT_EQ(rd(UART_SCR), 0);
    EXPECT_TRUE(sent.empty());
}

TEST_F(UartTest, TransmitGoesToChardev)
{
    wr(UART_THR, 'h');
    wr(UART_THR, 'i');
    EXPECT_EQ(sent, "hi");
    EXPECT_EQ(rd(UART_LSR) & (UART_LSR_THRE | UART_LSR_TEMT), UART_LSR_THRE | UART_LSR_TEMT);
    EXPECT_FALSE(uart_irq(&u)); // THRI not enabled
}

TEST_F(UartTest, TransmitWithoutChardev)
{
    uart_init(&u, nullptr);
    wr(UART_THR, 'x');
    EXPECT_EQ(rd(UART_LSR), UART_LSR_THRE | UART_LSR_TEMT);
}

TEST_F(UartTest, ScratchAndLineControl)
{
    wr(UART_SCR, 0xA5);
    EXPECT_EQ(rd(UART_SCR), 0xA5);
    wr(UART_LCR, 0x1B); // 8 data bits, even parity, no DLAB
    EXPECT_EQ(rd(UART_LCR), 0x1B);
    wr(UART_MCR, 0xFF & ~UART_MCR_LOOP);
    EXPECT_EQ(rd(UART_MCR), 0x0F); // bits 7:5 are always 0
    wr(UART_IER, 0xFF);
    EXPECT_EQ(rd(UART_IER), 0x0F); // bits 7:4 are always 0
}

TEST_F(UartTest, DlabSwitchesToDivisorLatch)
{
    wr(UART_IER, UART_IER_RDI);
    uart_rx_push(&u, 'r');
    wr(UART_LCR, UART_LCR_DLAB | 0x03);
    wr(UART_DLL, 0x12);
    wr(UART_DLM, 0x34);
    EXPECT_EQ(rd(UART_DLL), 0x12);
    EXPECT_EQ(rd(UART_DLM), 0x34);
    EXPECT_TRUE(sent.empty());                 // DLL write is not a THR write
    EXPECT_EQ(rd(UART_LSR) & UART_LSR_DR, UART_LSR_DR); // DLL read did not pop
    EXPECT_EQ(rd(UART_LCR), UART_LCR_DLAB | 0x03);

    wr(UART_LCR, 0x03);
    EXPECT_EQ(rd(UART_IER), UART_IER_RDI);     // IER was untouched
    EXPECT_EQ(rd(UART_RBR), 'r');
    wr(UART_THR, 't');
    EXPECT_EQ(sent, "t");
    wr(UART_LCR, UART_LCR_DLAB);
    EXPECT_EQ(rd(UART_DLL), 0x12);             // divisor kept
    EXPECT_EQ(rd(UART_DLM), 0x34);
}

TEST_F(UartTest, ReceiveWithoutFifo)
{
    uart_rx_push(&u, 'a');
    EXPECT_FALSE(uart_rx_ready(&u)); // 1-byte holding register
    EXPECT_EQ(rd(UART_LSR) & UART_LSR_DR, UART_LSR_DR);
    EXPECT_EQ(rd(UART_RBR), 'a');
    EXPECT_EQ(rd(UART_LSR) & UART_LSR_DR, 0);
    EXPECT_TRUE(uart_rx_ready(&u));
}

TEST_F(UartTest, OverrunWithoutFifoKeepsNewest)
{
    uart_rx_push(&u, 'a');
    uart_rx_push(&u, 'b');
    uint8_t lsr = rd(UART_LSR);
    EXPECT_EQ(lsr & (UART_LSR_DR | UART_LSR_OE), UART_LSR_DR | UART_LSR_OE);
    EXPECT_EQ(rd(UART_LSR) & UART_LSR_OE, 0); // OE clears on read
    EXPECT_EQ(rd(UART_RBR), 'b');
    EXPECT_EQ(rd(UART_LSR) & UART_LSR_DR, 0);
}

TEST_F(UartTest, FifoFillAndOverrun)
{
    wr(UART_FCR, UART_FCR_ENABLE);
    EXPECT_EQ(iir(), UART_IIR_FIFO | UART_IIR_NONE);
    for (unsigned i = 0; i < UART_FIFO_SIZE; i++) {
        EXPECT_TRUE(uart_rx_ready(&u)) << i;
        uart_rx_push(&u, uint8_t('A' + i));
    }
    EXPECT_FALSE(uart_rx_ready(&u));
    EXPECT_EQ(rd(UART_LSR) & UART_LSR_OE, 0);
    uart_rx_push(&u, '!'); // lost: the FIFO is kept
    EXPECT_EQ(rd(UART_LSR) & UART_LSR_OE, UART_LSR_OE);
    EXPECT_EQ(rd(UART_LSR) & UART_LSR_OE, 0);
    for (unsigned i = 0; i < UART_FIFO_SIZE; i++)
        EXPECT_EQ(rd(UART_RBR), 'A' + i);
    EXPECT_EQ(rd(UART_LSR) & UART_LSR_DR, 0);
    // The ring wraps correctly.
    for (int round = 0; round < 3; round++) {
        uart_rx_push(&u, 'x');
        uart_rx_push(&u, 'y');
        EXPECT_EQ(rd(UART_RBR), 'x');
        EXPECT_EQ(rd(UART_RBR), 'y');
    }
}

TEST_F(UartTest, FcrClearsReceiveFifo)
{
    wr(UART_FCR, UART_FCR_ENABLE);
    uart_rx_push(&u, '1');
    uart_rx_push(&u, '2');
    wr(UART_FCR, UART_FCR_ENABLE | UART_FCR_CLR_RX | UART_FCR_CLR_TX);
    EXPECT_EQ(rd(UART_LSR) & UART_LSR_DR, 0);
    EXPECT_EQ(iir() & UART_IIR_FIFO, UART_IIR_FIFO); // clear bits self-clear, FIFO stays on
    uart_rx_push(&u, '3');
    EXPECT_EQ(rd(UART_RBR), '3');
}

TEST_F(UartTest, DisablingFifoClearsItAndSetsHoldingMode)
{
    wr(UART_FCR, UART_FCR_ENABLE);
    uart_rx_push(&u, '1');
    uart_rx_push(&u, '2');
    wr(UART_FCR, 0);
    EXPECT_EQ(iir(), UART_IIR_NONE);
    EXPECT_EQ(rd(UART_LSR) & UART_LSR_DR, 0);
    uart_rx_push(&u, '3');
    EXPECT_FALSE(uart_rx_ready(&u));
    // Other bits are not programmed while FCR0 is 0.
    wr(UART_FCR, UART_FCR_CLR_RX);
    EXPECT_EQ(rd(UART_RBR), '3');
}

TEST_F(UartTest, TriggerLevelSelectsRdiOrTimeout)
{
    wr(UART_IER, UART_IER_RDI);
    wr(UART_FCR, UART_FCR_ENABLE | 0xC0); // trigger at 14
    for (int i = 0; i < 13; i++)
        uart_rx_push(&u, 'a');
    EXPECT_EQ(iir(), UART_IIR_FIFO | UART_IIR_CTI);
    EXPECT_TRUE(uart_irq(&u));
    uart_rx_push(&u, 'a');
    EXPECT_EQ(iir(), UART_IIR_FIFO | UART_IIR_RDI);
    rd(UART_RBR);
    EXPECT_EQ(iir(), UART_IIR_FIFO | UART_IIR_CTI);
    for (int i = 0; i < 13; i++)
        rd(UART_RBR);
    EXPECT_EQ(iir(), UART_IIR_FIFO | UART_IIR_NONE);
    EXPECT_FALSE(uart_irq(&u));

    const struct { uint8_t fcr; unsigned level; } levels[] = {
        {0x00, 1}, {0x40, 4}, {0x80, 8}, {0xC0, 14}};
    for (auto l : levels) {
        wr(UART_FCR, UART_FCR_ENABLE | UART_FCR_CLR_RX | l.fcr);
        for (unsigned i = 0; i + 1 < l.level; i++)
            uart_rx_push(&u, 'b');
        if (l.level > 1) {
            EXPECT_EQ(iir(), UART_IIR_FIFO | UART_IIR_CTI) << l.level;
        }
        uart_rx_push(&u, 'b');
        EXPECT_EQ(iir(), UART_IIR_FIFO | UART_IIR_RDI) << l.level;
    }
}

TEST_F(UartTest, ReceiveInterruptWithoutFifo)
{
    uart_rx_push(&u, 'a');
    EXPECT_FALSE(uart_irq(&u)); // not enabled
    wr(UART_IER, UART_IER_RDI);
    EXPECT_TRUE(uart_irq(&u));
    EXPECT_EQ(iir(), UART_IIR_RDI);
    rd(UART_RBR);
    EXPECT_FALSE(uart_irq(&u));
}

TEST_F(UartTest, ThreInterruptSemantics)
{
    EXPECT_FALSE(uart_irq(&u));
    wr(UART_IER, UART_IER_THRI); // enabling with THR empty raises it
    EXPECT_TRUE(uart_irq(&u));
    EXPECT_EQ(iir(), UART_IIR_THRI);
    // Reading IIR while THRI is the reported source acknowledges it.
    EXPECT_FALSE(uart_irq(&u));
    EXPECT_EQ(iir(), UART_IIR_NONE);
    // Rewriting IER with THRI already set does not raise it again.
    wr(UART_IER, UART_IER_THRI);
    EXPECT_FALSE(uart_irq(&u));
    // A THR write empties at once, so the interrupt is pending again.
    wr(UART_THR, 'x');
    EXPECT_TRUE(uart_irq(&u));
    // Masking hides it, unmasking raises it.
    wr(UART_IER, 0);
    EXPECT_FALSE(uart_irq(&u));
    EXPECT_EQ(iir(), UART_IIR_NONE);
    wr(UART_IER, UART_IER_THRI);
    EXPECT_EQ(iir(), UART_IIR_THRI);
    EXPECT_EQ(iir(), UART_IIR_NONE);
}

TEST_F(UartTest, IirReadDoesNotAckThreWhenAnotherSourceIsReported)
{
    wr(UART_IER, UART_IER_THRI | UART_IER_RDI);
    uart_rx_push(&u, 'a');
    EXPECT_EQ(iir(), UART_IIR_RDI);
    EXPECT_EQ(iir(), UART_IIR_RDI);
    rd(UART_RBR);
    EXPECT_EQ(iir(), UART_IIR_THRI); // still pending
    EXPECT_EQ(iir(), UART_IIR_NONE);
}

TEST_F(UartTest, IirPriorities)
{
    wr(UART_MCR, UART_MCR_LOOP);       // loopback so the test drives the modem lines
    rd(UART_MSR);                      // drop deltas of entering loopback
    wr(UART_MCR, UART_MCR_LOOP | UART_MCR_RTS); // sets DCTS
    wr(UART_THR, 'a');                 // loops back into RX; THRE pending
    wr(UART_THR, 'b');                 // overrun (no FIFO)
    wr(UART_IER, 0x0F);
    EXPECT_EQ(iir(), UART_IIR_RLSI);
    EXPECT_EQ(iir(), UART_IIR_RLSI);   // stays until LSR is read
    rd(UART_LSR);
    EXPECT_EQ(iir(), UART_IIR_RDI);
    EXPECT_EQ(rd(UART_RBR), 'b');
    EXPECT_EQ(iir(), UART_IIR_THRI);   // reported and acknowledged
    EXPECT_EQ(iir(), UART_IIR_MSI);
    EXPECT_TRUE(uart_irq(&u));
    EXPECT_EQ(rd(UART_MSR) & 0x0F, UART_MSR_DCTS);
    EXPECT_EQ(iir(), UART_IIR_NONE);
    EXPECT_FALSE(uart_irq(&u));
}

TEST_F(UartTest, LineStatusInterruptNeedsEnable)
{
    wr(UART_IER, UART_IER_RLSI);
    uart_rx_push(&u, 'a');
    EXPECT_FALSE(uart_irq(&u));
    uart_rx_push(&u, 'b');
    EXPECT_TRUE(uart_irq(&u));
    EXPECT_EQ(iir(), UART_IIR_RLSI);
    rd(UART_LSR);
    EXPECT_FALSE(uart_irq(&u));
}

TEST_F(UartTest, LoopbackRoutesTransmitToReceive)
{
    wr(UART_FCR, UART_FCR_ENABLE);
    wr(UART_MCR, UART_MCR_LOOP);
    EXPECT_FALSE(uart_rx_ready(&u)); // serial input is disconnected
    uart_rx_push(&u, 'X');           // and what arrives on it is lost
    wr(UART_THR, 'l');
    wr(UART_THR, 'o');
    EXPECT_TRUE(sent.empty());
    EXPECT_EQ(rd(UART_RBR), 'l');
    EXPECT_EQ(rd(UART_RBR), 'o');
    EXPECT_EQ(rd(UART_LSR) & UART_LSR_DR, 0);
    for (unsigned i = 0; i <= UART_FIFO_SIZE; i++)
        wr(UART_THR, 'f');
    EXPECT_EQ(rd(UART_LSR) & UART_LSR_OE, UART_LSR_OE);

    wr(UART_MCR, 0);
    wr(UART_FCR, UART_FCR_ENABLE | UART_FCR_CLR_RX);
    EXPECT_TRUE(uart_rx_ready(&u));
    wr(UART_THR, 'n');
    EXPECT_EQ(sent, "n");
    EXPECT_EQ(rd(UART_LSR) & UART_LSR_DR, 0);
}

TEST_F(UartTest, LoopbackModemLines)
{
    wr(UART_MCR, UART_MCR_LOOP);
    // Entering loopback drops CTS, DSR and DCD, which the deltas record.
    EXPECT_EQ(rd(UART_MSR), UART_MSR_DCTS | UART_MSR_DDSR | UART_MSR_DDCD);
    EXPECT_EQ(rd(UART_MSR), 0); // deltas clear on read

    wr(UART_MCR, UART_MCR_LOOP | UART_MCR_DTR);
    EXPECT_EQ(rd(UART_MSR), UART_MSR_DSR | UART_MSR_DDSR);
    wr(UART_MCR, UART_MCR_LOOP | UART_MCR_DTR | UART_MCR_RTS);
    EXPECT_EQ(rd(UART_MSR), UART_MSR_DSR | UART_MSR_CTS | UART_MSR_DCTS);
    wr(UART_MCR, UART_MCR_LOOP | UART_MCR_OUT2);
    EXPECT_EQ(rd(UART_MSR), UART_MSR_DCD | UART_MSR_DDCD | UART_MSR_DCTS | UART_MSR_DDSR);
    // RI: only its trailing edge is recorded.
    wr(UART_MCR, UART_MCR_LOOP | UART_MCR_OUT2 | UART_MCR_OUT1);
    EXPECT_EQ(rd(UART_MSR), UART_MSR_DCD | UART_MSR_RI);
    wr(UART_MCR, UART_MCR_LOOP | UART_MCR_OUT2);
    EXPECT_EQ(rd(UART_MSR), UART_MSR_DCD | UART_MSR_TERI);

    wr(UART_IER, UART_IER_MSI);
    EXPECT_FALSE(uart_irq(&u));
    wr(UART_MCR, UART_MCR_LOOP);
    EXPECT_TRUE(uart_irq(&u));
    EXPECT_EQ(iir(), UART_IIR_MSI);
    rd(UART_MSR);
    EXPECT_FALSE(uart_irq(&u));

    // Leaving loopback restores the host-side lines.
    wr(UART_MCR, 0);
    EXPECT_EQ(rd(UART_MSR), UART_MSR_CTS | UART_MSR_DSR | UART_MSR_DCD |
                                UART_MSR_DCTS | UART_MSR_DDSR | UART_MSR_DDCD);
}

TEST_F(UartTest, LsrAndMsrWritesIgnored)
{
    wr(UART_LSR, 0xFF);
    wr(UART_MSR, 0xFF);
    EXPECT_EQ(rd(UART_LSR), UART_LSR_THRE | UART_LSR_TEMT);
    EXPECT_EQ(rd(UART_MSR), UART_MSR_CTS | UART_MSR_DSR | UART_MSR_DCD);
}

TEST_F(UartTest, IndependentInstances)
{
    struct uart v;
    uart_init(&v, nullptr);
    wr(UART_SCR, 1);
    uint64_t x = 9;
    ASSERT_TRUE(uart_mmio.read(&v, UART_SCR, 1, &x));
    EXPECT_EQ(x, 0u);
}

} // namespace
