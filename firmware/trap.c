#include "amber/boot.h"
#include "console.h"
#include "csr.h"
#include "halt.h"
#include "mmio.h"
#include "trap.h"

enum { REG_A0 = 10, REG_A1 = 11, REG_A6 = 16, REG_A7 = 17 };

/* SBI_EXT_TIME: the S timer is the machine timer, multiplexed. Setting it
 * clears the pending S timer interrupt and arms MTIE; when mtime reaches
 * mtimecmp, fw_trap turns MTIP into STIP. */
static void sbi_call(struct trap_frame *f)
{
    if (f->x[REG_A7] == SBI_EXT_TIME && f->x[REG_A6] == 0) {
        mmio_write64(AMBER_CLINT_BASE + CLINT_MTIMECMP, f->x[REG_A0]);
        csr_clear(mip, MIP_STIP);
        csr_set(mie, MIP_MTIP);
        f->x[REG_A0] = SBI_SUCCESS;
    } else {
        f->x[REG_A0] = (uint64_t)(int64_t)SBI_ERR_NOT_SUPPORTED;
    }
    f->x[REG_A1] = 0;
}

static __attribute__((noreturn)) void unexpected(uint64_t cause)
{
    static const char *const modes[4] = { "U", "S", "?", "M" };
    con_puts("\nfirmware: unexpected trap from ");
    con_puts(modes[(csr_read(mstatus) >> 11) & 3]);
    con_puts("-mode: mcause ");
    con_hex(cause);
    con_puts(" mepc ");
    con_hex(csr_read(mepc));
    con_puts(" mtval ");
    con_hex(csr_read(mtval));
    con_putc('\n');
    fw_fail(FW_EXIT_TRAP);
}

void fw_trap(struct trap_frame *f)
{
    uint64_t cause = csr_read(mcause);
    if (cause == (MCAUSE_INTERRUPT | IRQ_M_TIMER)) {
        csr_set(mip, MIP_STIP);
        csr_clear(mie, MIP_MTIP);
    } else if (cause == EXC_ECALL_S) {
        sbi_call(f);
        csr_write(mepc, csr_read(mepc) + 4);
    } else {
        unexpected(cause);
    }
}
