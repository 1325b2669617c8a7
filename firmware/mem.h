/* The few memory functions the firmware uses (the compiler may also call
 * memcpy and memset for structure copies). */
#ifndef FW_MEM_H
#define FW_MEM_H

#include <stddef.h>

void *memcpy(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

#endif
