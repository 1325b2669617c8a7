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
#define AMBER_FLASH_SIZE     0x01000000ULL /* 16 MiB: firmware and install medium */
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

/* ---- Amber devices (docs/devices.md): one 4 KiB page each from
 * AMBER_DEV_BASE; the first page is the read-only device table. ---- */
#define AMBER_DEVTABLE_BASE  (AMBER_DEV_BASE + 0 * AMBER_DEV_STRIDE)
#define AMBER_DISPLAY_BASE   (AMBER_DEV_BASE + 1 * AMBER_DEV_STRIDE)
#define AMBER_GFX_BASE       (AMBER_DEV_BASE + 2 * AMBER_DEV_STRIDE)
#define AMBER_KBD_BASE       (AMBER_DEV_BASE + 3 * AMBER_DEV_STRIDE)
#define AMBER_MOUSE_BASE     (AMBER_DEV_BASE + 4 * AMBER_DEV_STRIDE)
#define AMBER_RTC_BASE       (AMBER_DEV_BASE + 5 * AMBER_DEV_STRIDE)
#define AMBER_NVDIMM_BASE    (AMBER_DEV_BASE + 6 * AMBER_DEV_STRIDE)
#define AMBER_POWER_BASE     (AMBER_DEV_BASE + 7 * AMBER_DEV_STRIDE)
#define AMBER_GC_BASE        (AMBER_DEV_BASE + 8 * AMBER_DEV_STRIDE)
#define PLIC_SRC_DISPLAY 11u
#define PLIC_SRC_GFX     12u
#define PLIC_SRC_KBD     13u
#define PLIC_SRC_MOUSE   14u
#define PLIC_SRC_RTC     15u
#define PLIC_SRC_POWER   16u
#define PLIC_SRC_GC      17u

/* Every Amber device page starts with its id (four ASCII characters, first
 * in the low byte) and version. */
#define DEV_ID      0x000u
#define DEV_VERSION 0x004u
#define DEV_FOURCC(a, b, c, d) ((unsigned)(a) | (unsigned)(b) << 8 | (unsigned)(c) << 16 | (unsigned)(d) << 24)
#define DEVID_TABLE   DEV_FOURCC('A', 'M', 'B', 'R')
#define DEVID_DISPLAY DEV_FOURCC('D', 'I', 'S', 'P')
#define DEVID_GFX     DEV_FOURCC('G', 'F', 'X', '0')
#define DEVID_KBD     DEV_FOURCC('K', 'B', 'D', '0')
#define DEVID_MOUSE   DEV_FOURCC('M', 'O', 'U', 'S')
#define DEVID_RTC     DEV_FOURCC('R', 'T', 'C', '0')
#define DEVID_NVDIMM  DEV_FOURCC('N', 'V', 'D', 'M')
#define DEVID_PMEM    DEV_FOURCC('P', 'M', 'E', 'M')
#define DEVID_POWER   DEV_FOURCC('P', 'W', 'R', '0')
#define DEVID_UART    DEV_FOURCC('U', 'A', 'R', 'T')
#define DEVID_CLINT   DEV_FOURCC('C', 'L', 'N', 'T')
#define DEVID_PLIC    DEV_FOURCC('P', 'L', 'I', 'C')
#define DEVID_FINISHER DEV_FOURCC('T', 'E', 'S', 'T')
#define DEVID_DRAM    DEV_FOURCC('D', 'R', 'A', 'M')
#define DEVID_FLASH   DEV_FOURCC('F', 'L', 'S', 'H')
#define DEVID_GC      DEV_FOURCC('G', 'C', '0', '0')

/* ---- device table (read-only page at AMBER_DEVTABLE_BASE) ---- */
#define DEVTABLE_MAGIC     0x000u /* DEVID_TABLE */
#define DEVTABLE_VERSION   0x004u /* 1 */
#define DEVTABLE_COUNT     0x008u /* number of entries */
#define DEVTABLE_ENTRY_SIZE 0x00Cu /* 32 */
#define DEVTABLE_ENTRIES   0x020u /* first entry */
#define DEVTABLE_MAX       64u
/* entry fields */
#define DTE_ID      0x00u /* u32 fourcc */
#define DTE_VERSION 0x04u /* u16 */
#define DTE_IRQ     0x06u /* u16 PLIC source, 0 = none */
#define DTE_BASE    0x08u /* u64 */
#define DTE_SIZE    0x10u /* u64 */
#define DTE_FLAGS   0x18u /* u32, reserved 0 */

/* ---- display controller ---- */
#define DISP_CTRL        0x008u
#define DISP_MODE        0x00Cu /* width | height << 16 */
#define DISP_FORMAT      0x010u
#define DISP_STRIDE      0x014u /* bytes per line */
#define DISP_FB_BASE     0x018u /* u64: next frame's base, latched at vsync */
#define DISP_FB_CUR      0x020u /* u64, read-only: base being scanned out */
#define DISP_FRAME       0x028u /* u32, read-only: vsyncs since reset */
#define DISP_STATUS      0x02Cu /* read-only */
#define DISP_IRQ_STATUS  0x030u /* write 1 to clear */
#define DISP_IRQ_ENABLE  0x034u
#define DISP_CURSOR_POS  0x040u /* x | y << 16, signed 16-bit each */
#define DISP_CURSOR_HOT  0x044u /* hot spot x | y << 16, 0..31 */
#define DISP_CURSOR_COLOR0 0x048u
#define DISP_CURSOR_COLOR1 0x04Cu
#define DISP_CURSOR_IMAGE 0x100u /* 32 rows of {mask, colour} u32 pairs */
#define DISP_CTRL_ENABLE 0x1u
#define DISP_CTRL_CURSOR 0x2u
#define DISP_STATUS_BAD_MODE 0x1u /* mode or format unsupported: scan-out black */
#define DISP_STATUS_FB_FAULT 0x2u /* frame buffer not wholly in RAM */
#define DISP_IRQ_VSYNC   0x1u
#define DISP_FMT_XRGB8888 0u
#define DISP_FMT_RGB565   1u
#define DISP_MAX_W       2048u
#define DISP_MAX_H       2048u
#define DISP_DEFAULT_W   1024u
#define DISP_DEFAULT_H   768u
#define DISP_REFRESH_HZ  60u
#define DISP_CURSOR_SIZE 32u

/* ---- graphics accelerator ---- */
#define GFX_CTRL        0x008u
#define GFX_STATUS      0x00Cu /* read-only */
#define GFX_IRQ_STATUS  0x010u /* write 1 to clear */
#define GFX_IRQ_ENABLE  0x014u
#define GFX_FIFO        0x018u /* write-only: one command word */
#define GFX_FIFO_FREE   0x01Cu /* read-only: words the FIFO can take */
#define GFX_RING_BASE   0x020u /* u64 */
#define GFX_RING_SIZE   0x028u /* bytes: a power of two, 64 B .. 1 MiB */
#define GFX_RING_HEAD   0x02Cu /* read-only byte offset */
#define GFX_RING_TAIL   0x030u /* byte offset; writing it submits */
#define GFX_FENCE       0x034u /* read-only: value of the last completed fence */
#define GFX_ERROR       0x038u /* read-only: error code (GFX_ERR_*) */
#define GFX_ERROR_WORD  0x03Cu /* read-only: header of the failing command */
#define GFX_CYCLES      0x040u /* u64 read-only: busy cycles since reset */
#define GFX_PIXELS      0x048u /* u64 read-only: pixels written since reset */
#define GFX_CTRL_RING   0x1u   /* enable the ring */
#define GFX_CTRL_ABORT  0x2u   /* write 1: drop everything pending, clear the error */
#define GFX_STATUS_BUSY    0x1u
#define GFX_STATUS_ERROR   0x2u
#define GFX_STATUS_PARTIAL 0x4u /* the decoder holds part of a command */
#define GFX_IRQ_FENCE   0x1u
#define GFX_IRQ_ERROR   0x2u
#define GFX_FIFO_DEPTH  256u
/* commands: header word = opcode | arg << 8 (bits 31:8 per command) */
#define GFX_OP_NOP     0x00u /* 1 word */
#define GFX_OP_SURFACE 0x01u /* 5: hdr(fmt<<8), base lo, base hi, stride, w|h<<16 */
#define GFX_OP_CLIP    0x02u /* 3: hdr, x0|y0<<16, x1|y1<<16 (exclusive) */
#define GFX_OP_FILL    0x03u /* 4: hdr(rop<<8), colour, x|y<<16, w|h<<16 */
#define GFX_OP_COPY    0x04u /* 4: hdr(rop<<8), sx|sy<<16, dx|dy<<16, w|h<<16 */
#define GFX_OP_LINE    0x05u /* 4: hdr(rop<<8), colour, x0|y0<<16, x1|y1<<16 */
#define GFX_OP_TRI     0x06u /* 5: hdr(rop<<8), colour, v0, v1, v2 */
#define GFX_OP_GLYPH   0x07u /* 8: hdr(rop<<8|transp<<12), fg, bg, x|y<<16, w|h<<16, src lo, src hi, src stride */
#define GFX_OP_FENCE   0x08u /* 2: hdr, value */
#define GFX_GLYPH_TRANSPARENT 0x1000u /* in the header: 0 bits leave the pixel */
#define GFX_GLYPH_PATTERN     0x2000u /* in the header: source is an 8x8 tile, one word a row */
#define GFX_SURFACE_MAX 4096u /* widest and tallest surface */
/* raster operations (X11 numbering): result of source S and destination D */
#define GFX_ROP_CLEAR 0x0u
#define GFX_ROP_AND   0x1u
#define GFX_ROP_COPY  0x3u
#define GFX_ROP_NOOP  0x5u
#define GFX_ROP_XOR   0x6u
#define GFX_ROP_OR    0x7u
#define GFX_ROP_INVERT 0xAu
#define GFX_ROP_SET   0xFu
#define GFX_ERR_NONE     0u
#define GFX_ERR_OPCODE   1u /* unknown opcode or reserved header bits set */
#define GFX_ERR_SURFACE  2u /* bad surface, or drawing before one is set */
#define GFX_ERR_BUS      3u /* a memory access failed */
#define GFX_ERR_TRUNCATED 4u /* a ring submission ended inside a command */
#define GFX_ERR_RING     5u /* bad ring base, size or tail */
#define GFX_ERR_OVERFLOW 6u /* FIFO written while full */
#define GFX_ERR_ARG      7u /* misaligned glyph source or stride */

/* ---- keyboard ---- */
#define KBD_CTRL        0x008u /* bit 0: interrupt enable */
#define KBD_STATUS      0x00Cu /* bit 0: event available, bit 1: overflowed */
#define KBD_DATA        0x010u /* read pops: usage | pressed << 16 | mods << 24; 0 if empty */
#define KBD_MODS        0x014u /* current modifier bits */
#define KBD_CTRL_IRQ    0x1u
#define KBD_STATUS_READY 0x1u
#define KBD_STATUS_OVERFLOW 0x2u
#define KBD_EV_PRESSED  0x10000u
#define KBD_FIFO_DEPTH  64u

/* ---- mouse ---- */
#define MOUSE_CTRL      0x008u /* bit 0: interrupt enable */
#define MOUSE_STATUS    0x00Cu /* bit 0: changed since last read of MOUSE_POS */
#define MOUSE_POS       0x010u /* x | y << 16; reading clears MOUSE_STATUS */
#define MOUSE_BUTTONS   0x014u /* bit 0 left, 1 right, 2 middle, 3 back, 4 forward */
#define MOUSE_WHEEL     0x018u /* signed wheel steps since the last read; read clears */
#define MOUSE_CTRL_IRQ  0x1u
#define MOUSE_STATUS_CHANGED 0x1u

/* ---- real-time clock ---- */
#define RTC_TIME_NS     0x008u /* u64 nanoseconds since 1970 UTC; writing sets */
#define RTC_ALARM_NS    0x010u /* u64; the interrupt fires when time >= alarm */
#define RTC_CTRL        0x018u /* bit 0: alarm interrupt enable */
#define RTC_STATUS      0x01Cu /* bit 0: alarm fired (write 1 to clear) */
#define RTC_CTRL_ALARM  0x1u
#define RTC_STATUS_ALARM 0x1u

/* ---- NVDIMM controller (docs/nvdimm.md, "The NVDIMM controller"); present
 * with PMEM only. 64-bit registers unless noted. ---- */
#define NVDIMM_SIZE         0x008u /* read-only: bytes of PMEM */
#define NVDIMM_STATUS       0x010u /* read-only u32 */
#define NVDIMM_STATUS_EADR  0x1u   /* caches are in the persistence domain */
#define NVDIMM_BARRIER      0x018u /* write: drain the write-pending queue (as fence);
                                      read: lines queued */
#define NVDIMM_WEAR_SEL     0x020u /* media line index (PMEM offset / 256) */
#define NVDIMM_WEAR         0x028u /* read-only u32: writes to the selected line */
#define NVDIMM_WEAR_MAX     0x030u /* read-only u32: the most worn line's writes */
#define NVDIMM_MEDIA_WRITES 0x038u /* read-only: media-line writes since power-on */
#define NVDIMM_POWER_CYCLES 0x040u /* read-only: power cuts the image has seen */
#define NVDIMM_OS_ID        0x080u /* 32 bytes: the OS build identity the image header
                                      records (NUL-padded text); byte or word writes */
#define NVDIMM_OS_ID_BYTES  32u

/* ---- power controller (docs/nvdimm.md, "The power controller") ---- */
#define PWR_STATUS      0x008u /* read-only u32: events seen (below) */
#define PWR_IRQ_STATUS  0x00Cu /* u32, write 1 to clear; an event sets its bit */
#define PWR_IRQ_ENABLE  0x010u /* u32 */
#define PWR_WINDOW      0x018u /* read-only u64: cycles from the warning to the cut */
#define PWR_EV_BUTTON   0x1u   /* the power button was pressed (briefly) */
#define PWR_EV_WARN     0x2u   /* power is failing: the cut comes PWR_WINDOW cycles later */
/* A workload's consistency check reports here (`amber torture`, docs/os.md):
 * write (id << 8) | result, id naming what was checked (e.g. a checkpoint). */
#define PWR_CHECK       0x020u /* write-only u64 */
#define PWR_CHECK_PASS  0x1u
#define PWR_CHECK_FAIL  0x2u

/* ---- GC core (docs/gc-core.md, docs/devices.md "GC core"); addresses
 * and sizes in bytes, all u64 from GC_ERROR_ADDR on ---- */
#define GC_CTRL         0x008u /* write 1 to bit 0: start a collection */
#define GC_STATUS       0x00Cu /* read-only */
#define GC_IRQ_STATUS   0x010u /* write 1 to clear */
#define GC_IRQ_ENABLE   0x014u
#define GC_ERROR        0x018u /* read-only: GC_ERR_* of the last collection */
#define GC_ERROR_ADDR   0x020u /* read-only: address of the offending word */
#define GC_ERROR_VALUE  0x028u /* read-only: the offending word, tag << 56 | datum */
#define GC_HEAP_BASE    0x030u
#define GC_HEAP_TOP     0x038u /* end of the objects; the collector sets the new top */
#define GC_HEAP_LIMIT   0x040u /* end of the heap's address range */
#define GC_SIDE_BASE    0x048u /* side tables: bitmaps, offsets, mark stack */
#define GC_SIDE_SIZE    0x050u
#define GC_ROOT_BASE    0x058u /* root table: tagged words */
#define GC_ROOT_COUNT   0x060u /* words */
#define GC_LIVE_WORDS   0x068u /* read-only statistics of the last collection */
#define GC_LIVE_OBJECTS 0x070u
#define GC_MOVED_BYTES  0x078u
#define GC_CYCLES       0x080u
#define GC_MARK_CYCLES  0x088u
#define GC_ACCESSES     0x090u
#define GC_TOTAL_CYCLES 0x098u /* read-only: busy cycles since power-on */
#define GC_CTRL_START   0x1u
#define GC_STATUS_BUSY  0x1u
#define GC_STATUS_ERROR 0x2u
#define GC_IRQ_DONE     0x1u   /* a collection ended without error */
#define GC_IRQ_ERROR    0x2u   /* a collection stopped with an error */
#define GC_ERR_NONE     0u
#define GC_ERR_CONFIG   1u /* bad or overlapping regions */
#define GC_ERR_HEADER   2u /* an object does not fit below HEAP_TOP */
#define GC_ERR_POINTER  3u /* a reference into the heap not at an object start */
#define GC_ERR_TYPE     4u /* cons to a headed object, symbol/object to a pair */
#define GC_ERR_FIELD    5u /* header, forward or reserved type as a value */
#define GC_ERR_STACK    6u /* mark stack full */
#define GC_ERR_BUS      7u /* a memory access failed */
#define GC_STACK_ONCHIP 8u /* mark-stack entries the core keeps on chip */

#endif
