/* RISC-V privileged-architecture constants and CSR access for S-mode (the
 * bit layouts shared with the emulator and the firmware are in
 * include/amber/riscv_priv.h). */
#ifndef OS_RISCV_H
#define OS_RISCV_H

#include <stdint.h>

#include "amber/riscv_priv.h"

#define EXC_LOAD_PAGE    13u
#define EXC_STORE_PAGE   15u

#define PTE_V (1ull << 0)
#define PTE_R (1ull << 1)
#define PTE_W (1ull << 2)
#define PTE_X (1ull << 3)
#define PTE_A (1ull << 6)
#define PTE_D (1ull << 7)
#define PTE_PPN_SHIFT 10
#define SATP_SV39 (8ull << 60)
#define PAGE_SIZE 4096u
#define LINE_SIZE 64u

#define csr_read(csr) ({ uint64_t v_; __asm__ volatile("csrr %0, " #csr : "=r"(v_)); v_; })
#define csr_write(csr, v) __asm__ volatile("csrw " #csr ", %0" :: "rK"((uint64_t)(v)))
#define csr_set(csr, v) __asm__ volatile("csrs " #csr ", %0" :: "rK"((uint64_t)(v)))
#define csr_clear(csr, v) __asm__ volatile("csrc " #csr ", %0" :: "rK"((uint64_t)(v)))

static inline uint64_t rdtime(void) { return csr_read(time); }

/* Interrupts off/on around short critical sections; returns the old state. */
static inline uint64_t irq_save(void)
{
    uint64_t s;
    __asm__ volatile("csrrc %0, sstatus, %1" : "=r"(s) : "rK"(SSTATUS_SIE) : "memory");
    return s & SSTATUS_SIE;
}
static inline void irq_restore(uint64_t s) { if (s) csr_set(sstatus, SSTATUS_SIE); }

static inline void mmio_w32(uint64_t a, uint32_t v) { *(volatile uint32_t *)a = v; }
static inline uint32_t mmio_r32(uint64_t a) { return *(volatile uint32_t *)a; }
static inline void mmio_w64(uint64_t a, uint64_t v) { *(volatile uint64_t *)a = v; }
static inline uint64_t mmio_r64(uint64_t a) { return *(volatile uint64_t *)a; }
static inline void mmio_w8(uint64_t a, uint8_t v) { *(volatile uint8_t *)a = v; }
static inline uint8_t mmio_r8(uint64_t a) { return *(volatile uint8_t *)a; }

#endif
