/* The guest program of the monitor and GDB tests: calls to step over, a
 * variable to watch, a string and a table to examine, tagged words for the
 * tags command, a trap to trace, and a known result. */
#include "rt.h"
#include "xamber.h"

volatile uint64_t counter;
uint64_t table[4] = { 1, 2, 3, 4 };
const char greeting[] = "hello, monitor";
uint64_t cell[2];   /* a cons cell once main has run set_cell */

__attribute__((noinline)) uint64_t add(uint64_t a, uint64_t b)
{
    return a + b;
}

__attribute__((noinline)) void bump(void)
{
    counter = counter + 1;
}

/* A tagged pair in cell: car a fixnum, cdr the empty list. */
__attribute__((noinline)) uint64_t set_cell(void)
{
    am_sd(AM_FIXNUM(42), cell, 0);
    am_sd(AM_NIL, cell, 8);
    return am_settagi((uint64_t)cell, AM_TAG(AM_T_CONS, AM_ACC_R | AM_ACC_W));
}

/* ecall into a handler that steps over it. */
extern void skip_trap(void);
__asm__(".align 2\n"
        "skip_trap:\n"
        "    csrr t0, mepc\n"
        "    addi t0, t0, 4\n"
        "    csrw mepc, t0\n"
        "    mret\n");

int main(void)
{
    uint64_t sum = 0;
    for (int i = 0; i < 4; i++)
        sum = add(sum, table[i]);
    for (int i = 0; i < 3; i++)
        bump();
    uint64_t pair = set_cell();
    uint64_t old = csr_read(mtvec);
    csr_write(mtvec, (uint64_t)skip_trap);
    __asm__ volatile("ecall");
    csr_write(mtvec, old);
    rt_puts("prog: sum ");
    rt_putdec((int64_t)sum);
    rt_puts(", counter ");
    rt_putdec((int64_t)counter);
    rt_putc('\n');
    return sum == 10 && counter == 3 && AM_TYPEOF(pair) == AM_T_CONS ? 0 : 1;
}
