/* The power controller: the button snapshots and switches off; the
 * power-fail warning snapshots if the residual-energy window allows. */
#ifndef OS_POWER_H
#define OS_POWER_H

#include <stdint.h>

void power_init(void);
void power_irq(void);
__attribute__((noreturn)) void power_button(void);
/* A workload's consistency check result (hw.h PWR_CHECK). */
void power_report_check(uint64_t id, int pass);

#endif
