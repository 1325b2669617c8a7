/* RISC-V CSR access for the firmware; the bit layouts are shared with the
 * emulator and the OS (include/amber/riscv_priv.h). */
#ifndef FW_CSR_H
#define FW_CSR_H

#include <stdint.h>

#include "amber/riscv_priv.h"

#define csr_read(csr) ({ uint64_t v_; __asm__ volatile("csrr %0, " #csr : "=r"(v_)); v_; })
#define csr_write(csr, v) __asm__ volatile("csrw " #csr ", %0" :: "rK"((uint64_t)(v)) : "memory")
#define csr_set(csr, v) __asm__ volatile("csrs " #csr ", %0" :: "rK"((uint64_t)(v)) : "memory")
#define csr_clear(csr, v) __asm__ volatile("csrc " #csr ", %0" :: "rK"((uint64_t)(v)) : "memory")

#define EXC_ECALL_S 9u

#endif
