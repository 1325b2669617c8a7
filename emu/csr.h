/* CSR numbers and field layouts the emulator implements. */
#ifndef EMU_CSR_H
#define EMU_CSR_H

enum {
    CSR_CYCLE = 0xC00, CSR_TIME = 0xC01, CSR_INSTRET = 0xC02,
    CSR_HPMCOUNTER3 = 0xC03, CSR_HPMCOUNTER31 = 0xC1F,
    CSR_SSTATUS = 0x100, CSR_SIE = 0x104, CSR_STVEC = 0x105, CSR_SCOUNTEREN = 0x106,
    CSR_SENVCFG = 0x10A, CSR_SSCRATCH = 0x140, CSR_SEPC = 0x141, CSR_SCAUSE = 0x142,
    CSR_STVAL = 0x143, CSR_SIP = 0x144, CSR_SATP = 0x180,
    CSR_MSTATUS = 0x300, CSR_MISA = 0x301, CSR_MEDELEG = 0x302, CSR_MIDELEG = 0x303,
    CSR_MIE = 0x304, CSR_MTVEC = 0x305, CSR_MCOUNTEREN = 0x306, CSR_MENVCFG = 0x30A,
    CSR_MCOUNTINHIBIT = 0x320, CSR_MHPMEVENT3 = 0x323, CSR_MHPMEVENT31 = 0x33F,
    CSR_MSCRATCH = 0x340, CSR_MEPC = 0x341, CSR_MCAUSE = 0x342, CSR_MTVAL = 0x343,
    CSR_MIP = 0x344, CSR_PMPCFG0 = 0x3A0, CSR_PMPCFG15 = 0x3AF,
    CSR_PMPADDR0 = 0x3B0, CSR_PMPADDR63 = 0x3EF,
    CSR_TSELECT = 0x7A0, CSR_TDATA1 = 0x7A1, CSR_TDATA2 = 0x7A2, CSR_TDATA3 = 0x7A3,
    CSR_MCYCLE = 0xB00, CSR_MINSTRET = 0xB02,
    CSR_MHPMCOUNTER3 = 0xB03, CSR_MHPMCOUNTER31 = 0xB1F,
    CSR_MVENDORID = 0xF11, CSR_MARCHID = 0xF12, CSR_MIMPID = 0xF13, CSR_MHARTID = 0xF14,
    CSR_MCONFIGPTR = 0xF15,
};

#define MSTATUS_SIE  (1ull << 1)
#define MSTATUS_MIE  (1ull << 3)
#define MSTATUS_SPIE (1ull << 5)
#define MSTATUS_MPIE (1ull << 7)
#define MSTATUS_SPP  (1ull << 8)
#define MSTATUS_MPP_SHIFT 11
#define MSTATUS_MPP  (3ull << MSTATUS_MPP_SHIFT)
#define MSTATUS_MPRV (1ull << 17)
#define MSTATUS_SUM  (1ull << 18)
#define MSTATUS_MXR  (1ull << 19)
#define MSTATUS_TVM  (1ull << 20)
#define MSTATUS_TW   (1ull << 21)
#define MSTATUS_TSR  (1ull << 22)
#define MSTATUS_UXL  (2ull << 32) /* XLEN 64, fixed */
#define MSTATUS_SXL  (2ull << 34)

#define SSTATUS_MASK (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM | \
                      MSTATUS_MXR | (3ull << 32))

#define SATP_PPN  0x00000FFFFFFFFFFFull
#define SATP_ASID 0x0FFFF00000000000ull
#define SATP_MODE_SV39 8u

#define MENVCFG_CBIE  (3ull << 4)
#define MENVCFG_CBCFE (1ull << 6)
#define MENVCFG_CBZE  (1ull << 7)

#define MIP_SSIP (1ull << 1)
#define MIP_MSIP (1ull << 3)
#define MIP_STIP (1ull << 5)
#define MIP_MTIP (1ull << 7)
#define MIP_SEIP (1ull << 9)
#define MIP_MEIP (1ull << 11)
#define MIP_S_MASK (MIP_SSIP | MIP_STIP | MIP_SEIP)
#define MIP_ALL (MIP_S_MASK | MIP_MSIP | MIP_MTIP | MIP_MEIP)

#define MCAUSE_INTERRUPT (1ull << 63)

/* RV64 I, M, A, C, S, U */
#define MISA_VALUE ((2ull << 62) | (1u << 0) | (1u << 2) | (1u << 8) | (1u << 12) | \
                    (1u << 18) | (1u << 20))

#endif
