/* Minimal runtime for bare-metal guest test and benchmark programs. */
#ifndef RT_H
#define RT_H

#include <stddef.h>
#include <stdint.h>

void rt_putc(char c);
void rt_puts(const char *s);             /* no newline added */
void rt_puthex(uint64_t v);              /* 0x%016lx */
void rt_putdec(int64_t v);
__attribute__((noreturn)) void rt_exit(int code); /* 0 pass, else fail code */
void rt_unexpected_trap(uint64_t cause, uint64_t epc, uint64_t tval);

/* Persistence, out of line as in a persistence library: the calls end the
 * emulator's blocks, so power cuts can land between a clean and its fence. */
void rt_clean(volatile const void *p); /* cbo.clean of p's cache block */
void rt_fence(void);                   /* fence rw, rw: the persistence point */

void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

#define csr_read(csr) ({ uint64_t v_; __asm__ volatile("csrr %0, " #csr : "=r"(v_)); v_; })
#define csr_write(csr, v) __asm__ volatile("csrw " #csr ", %0" :: "rK"((uint64_t)(v)))
#define csr_set(csr, v) __asm__ volatile("csrs " #csr ", %0" :: "rK"((uint64_t)(v)))
#define csr_clear(csr, v) __asm__ volatile("csrc " #csr ", %0" :: "rK"((uint64_t)(v)))

/* Report a check failure with its line and stop with code 1. */
#define CHECK(cond) do { if (!(cond)) { rt_puts("CHECK failed: " #cond " line "); \
    rt_putdec(__LINE__); rt_putc('\n'); rt_exit(1); } } while (0)

#endif
