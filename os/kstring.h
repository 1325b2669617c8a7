/* The C library routines the kernel provides itself (string.c). */
#ifndef OS_KSTRING_H
#define OS_KSTRING_H

#include <stddef.h>

void *memcpy(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

#endif
