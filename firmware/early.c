/* Numbers for start.S, which runs before the firmware's DRAM is known to
 * work and cannot use the C headers' constants (the assembler takes no
 * integer suffixes). The layout is mirrored in start.S. */
#include <stddef.h>

#include "amber/boot.h"
#include "amber/hw.h"

struct early_consts {
    uint64_t uart_thr, uart_lsr, lsr_thre, finisher, fail_post;
};
_Static_assert(offsetof(struct early_consts, uart_lsr) == 8 &&
               offsetof(struct early_consts, lsr_thre) == 16 &&
               offsetof(struct early_consts, finisher) == 24 &&
               offsetof(struct early_consts, fail_post) == 32, "start.S reads these offsets");

const struct early_consts fw_early = {
    .uart_thr = AMBER_UART0_BASE + UART_THR,
    .uart_lsr = AMBER_UART0_BASE + UART_LSR,
    .lsr_thre = UART_LSR_THRE,
    .finisher = AMBER_FINISHER_BASE,
    .fail_post = FINISHER_FAIL | FW_EXIT_POST << 16,
};
