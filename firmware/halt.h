/* Ending the run: the test finisher stands for the machine's power switch. */
#ifndef FW_HALT_H
#define FW_HALT_H

#include <stdint.h>

/* Power off reporting failure code (FW_EXIT_* in amber/boot.h). */
__attribute__((noreturn)) void fw_fail(uint32_t code);

#endif
