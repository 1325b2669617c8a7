/* The PLIC's S-mode context on hart 0. */
#ifndef OS_PLIC_H
#define OS_PLIC_H

#include <stdint.h>

void plic_enable(uint32_t source);
uint32_t plic_claim(void);
void plic_complete(uint32_t source);

#endif
