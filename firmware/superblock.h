/* The firmware's part of the PMEM superblock (amber/boot.h): checking what
 * an image holds at power-on, and writing it at install. */
#ifndef FW_SUPERBLOCK_H
#define FW_SUPERBLOCK_H

#include "amber/boot.h"

enum super_state {
    SUPER_FRESH,   /* nothing installed (or an install that did not finish) */
    SUPER_VALID,   /* an installed OS that checks out */
    SUPER_DAMAGED, /* anything else: the diagnostic has been printed */
};

/* Read and check the superblock and the installed kernel; never writes. */
enum super_state super_check(struct os_super *out);
/* The checksum of s as stored: over the struct with super_crc32 zero. */
uint32_t super_crc(const struct os_super *s);
/* Make s durable: every field but the magic, then the magic. */
void super_write(const struct os_super *s);

#endif
