/* Field layouts of the RISC-V privileged architecture that the emulator
 * implements and the firmware and the OS program: status, interrupt,
 * envcfg and PMP bits (the RISC-V privileged specification). One copy for
 * all three; the guest conformance tests keep their own on purpose, so that
 * a wrong bit here cannot hide from them.
 * Plain C constants only; safe for freestanding code. */
#ifndef AMBER_RISCV_PRIV_H
#define AMBER_RISCV_PRIV_H

#define MSTATUS_SIE  (1ull << 1)
#define MSTATUS_MIE  (1ull << 3)
#define MSTATUS_SPIE (1ull << 5)
#define MSTATUS_MPIE (1ull << 7)
#define MSTATUS_SPP  (1ull << 8)
#define MSTATUS_MPP_SHIFT 11
#define MSTATUS_MPP  (3ull << MSTATUS_MPP_SHIFT)
#define MSTATUS_MPP_S (1ull << MSTATUS_MPP_SHIFT)
#define MSTATUS_MPRV (1ull << 17)
#define MSTATUS_SUM  (1ull << 18)
#define MSTATUS_MXR  (1ull << 19)
#define MSTATUS_TVM  (1ull << 20)
#define MSTATUS_TW   (1ull << 21)
#define MSTATUS_TSR  (1ull << 22)

/* sstatus is a view of mstatus: the same bits */
#define SSTATUS_SIE  MSTATUS_SIE
#define SSTATUS_SPIE MSTATUS_SPIE
#define SSTATUS_SPP  MSTATUS_SPP

/* mip/mie (and sip/sie) bits; bit n is interrupt cause n */
#define MIP_SSIP (1ull << 1)
#define MIP_MSIP (1ull << 3)
#define MIP_STIP (1ull << 5)
#define MIP_MTIP (1ull << 7)
#define MIP_SEIP (1ull << 9)
#define MIP_MEIP (1ull << 11)
#define IRQ_S_SOFT  1u
#define IRQ_S_TIMER 5u
#define IRQ_M_TIMER 7u
#define IRQ_S_EXT   9u
#define MCAUSE_INTERRUPT (1ull << 63)

#define MENVCFG_CBIE  (3ull << 4) /* 3: cbo.inval invalidates */
#define MENVCFG_CBCFE (1ull << 6) /* cbo.clean and cbo.flush allowed */
#define MENVCFG_CBZE  (1ull << 7)

/* pmpcfg fields */
#define PMP_R     0x01u
#define PMP_W     0x02u
#define PMP_X     0x04u
#define PMP_A     0x18u
#define PMP_TOR   0x08u
#define PMP_NA4   0x10u
#define PMP_NAPOT 0x18u
#define PMP_L     0x80u

#endif
