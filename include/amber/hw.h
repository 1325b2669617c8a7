/* Amber-1 hardware definitions: the memory map and every device register
 * layout. This one header is shared by the emulator, the firmware, the OS and
 * the guest test programs, so the layouts cannot drift apart.
 * Plain C with fixed-size constants only; safe for freestanding code. */
#ifndef AMBER_HW_H
#define AMBER_HW_H

/* ---- memory map (the low part equals QEMU's virt machine) ---- */
#define AMBER_BOOTROM_BASE   0x00001000ULL
#define AMBER_BOOTROM_SIZE   0x00001000ULL
#define AMBER_FINISHER_BASE  0x00100000ULL
#define AMBER_FINISHER_SIZE  0x00001000ULL
#define AMBER_CLINT_BASE     0x02000000ULL
#define AMBER_CLINT_SIZE     0x00010000ULL
#define AMBER_PLIC_BASE      0x0C000000ULL
#define AMBER_PLIC_SIZE      0x04000000ULL
#define AMBER_UART0_BASE     0x10000000ULL
#define AMBER_UART0_SIZE     0x00000100ULL
#define AMBER_DEV_BASE       0x10100000ULL /* Amber devices, 4 KiB each */
#define AMBER_DEV_STRIDE     0x00001000ULL
#define AMBER_FLASH_BASE     0x20000000ULL
#define AMBER_DRAM_BASE      0x80000000ULL
#define AMBER_DRAM_DEFAULT   (256ULL << 20)
#define AMBER_PMEM_BASE      0x1000000000ULL

/* ---- test finisher (sifive,test0) ---- */
#define FINISHER_FAIL  0x3333u /* exit code in bits 31:16 */
#define FINISHER_PASS  0x5555u
#define FINISHER_RESET 0x7777u

/* ---- CLINT ---- */
#define CLINT_MSIP      0x0000u
#define CLINT_MTIMECMP  0x4000u
#define CLINT_MTIME     0xBFF8u
#define CLINT_TIMEBASE_HZ 10000000u

/* ---- PLIC (layout of the SiFive PLIC used by QEMU virt) ---- */
#define PLIC_NSOURCES      32u  /* source 0 is reserved */
#define PLIC_NCONTEXTS     2u   /* 0: hart 0 M-mode, 1: hart 0 S-mode */
#define PLIC_PRIORITY      0x000000u /* + 4 * source */
#define PLIC_PENDING       0x001000u
#define PLIC_ENABLE        0x002000u /* + 0x80 * context */
#define PLIC_ENABLE_STRIDE 0x80u
#define PLIC_THRESHOLD     0x200000u /* + 0x1000 * context */
#define PLIC_CLAIM         0x200004u /* + 0x1000 * context */
#define PLIC_CONTEXT_STRIDE 0x1000u
#define PLIC_SRC_UART0     10u

/* ---- UART0: 16550A, registers one byte apart ---- */
#define UART_RBR 0u /* read, DLAB=0 */
#define UART_THR 0u /* write, DLAB=0 */
#define UART_DLL 0u /* DLAB=1 */
#define UART_IER 1u
#define UART_DLM 1u /* DLAB=1 */
#define UART_IIR 2u /* read */
#define UART_FCR 2u /* write */
#define UART_LCR 3u
#define UART_MCR 4u
#define UART_LSR 5u
#define UART_MSR 6u
#define UART_SCR 7u
#define UART_IER_RDI  0x01u /* receive data available */
#define UART_IER_THRI 0x02u /* transmit holding register empty */
#define UART_IER_RLSI 0x04u /* receiver line status */
#define UART_IER_MSI  0x08u /* modem status */
#define UART_IIR_NONE 0x01u
#define UART_IIR_RLSI 0x06u
#define UART_IIR_RDI  0x04u
#define UART_IIR_CTI  0x0Cu /* character timeout */
#define UART_IIR_THRI 0x02u
#define UART_IIR_MSI  0x00u
#define UART_IIR_FIFO 0xC0u /* FIFOs enabled */
#define UART_FCR_ENABLE 0x01u
#define UART_FCR_CLR_RX 0x02u
#define UART_FCR_CLR_TX 0x04u
#define UART_FCR_TRIGGER 0xC0u /* RX trigger level: 1, 4, 8, 14 bytes */
#define UART_LCR_DLAB 0x80u
#define UART_MCR_DTR  0x01u
#define UART_MCR_RTS  0x02u
#define UART_MCR_OUT1 0x04u
#define UART_MCR_OUT2 0x08u
#define UART_MCR_LOOP 0x10u
#define UART_LSR_DR   0x01u /* data ready */
#define UART_LSR_OE   0x02u /* overrun */
#define UART_LSR_THRE 0x20u
#define UART_LSR_TEMT 0x40u
#define UART_MSR_DCTS 0x01u /* delta bits, cleared by reading MSR */
#define UART_MSR_DDSR 0x02u
#define UART_MSR_TERI 0x04u /* RI went from 1 to 0 */
#define UART_MSR_DDCD 0x08u
#define UART_MSR_CTS  0x10u
#define UART_MSR_DSR  0x20u
#define UART_MSR_RI   0x40u
#define UART_MSR_DCD  0x80u
#define UART_FIFO_SIZE 16u

#endif
