/* RISC-V CSR access and the architectural bits the firmware uses
 * (privileged specification). */
#ifndef FW_CSR_H
#define FW_CSR_H

#include <stdint.h>

#define csr_read(csr) ({ uint64_t v_; __asm__ volatile("csrr %0, " #csr : "=r"(v_)); v_; })
#define csr_write(csr, v) __asm__ volatile("csrw " #csr ", %0" :: "rK"((uint64_t)(v)) : "memory")
#define csr_set(csr, v) __asm__ volatile("csrs " #csr ", %0" :: "rK"((uint64_t)(v)) : "memory")
#define csr_clear(csr, v) __asm__ volatile("csrc " #csr ", %0" :: "rK"((uint64_t)(v)) : "memory")

#define MSTATUS_SIE   (1ull << 1)
#define MSTATUS_MIE   (1ull << 3)
#define MSTATUS_SPIE  (1ull << 5)
#define MSTATUS_MPIE  (1ull << 7)
#define MSTATUS_SPP   (1ull << 8)
#define MSTATUS_MPP   (3ull << 11)
#define MSTATUS_MPP_S (1ull << 11)
#define MSTATUS_MPRV  (1ull << 17)
#define MSTATUS_SUM   (1ull << 18)
#define MSTATUS_MXR   (1ull << 19)
#define MSTATUS_TVM   (1ull << 20)
#define MSTATUS_TW    (1ull << 21)
#define MSTATUS_TSR   (1ull << 22)

#define MIP_SSIP (1ull << 1)
#define MIP_STIP (1ull << 5)
#define MIP_MTIP (1ull << 7)
#define MIP_SEIP (1ull << 9)
#define MIE_MTIE (1ull << 7)

#define MCAUSE_INTERRUPT (1ull << 63)
#define IRQ_M_TIMER      7u
#define EXC_ECALL_S      9u

#define MENVCFG_CBIE_INVAL (3ull << 4) /* cbo.inval invalidates */
#define MENVCFG_CBCFE      (1ull << 6) /* cbo.clean and cbo.flush allowed */

#define PMP_R     0x01u
#define PMP_W     0x02u
#define PMP_X     0x04u
#define PMP_NAPOT 0x18u

#endif
