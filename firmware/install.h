/* The install medium in flash (amber/boot.h) and installing the OS from it
 * into a fresh image. */
#ifndef FW_INSTALL_H
#define FW_INSTALL_H

#include "amber/boot.h"
#include "platform.h"

/* The medium if it is whole (header, bounds, checksum); otherwise NULL,
 * after saying what is wrong with it. */
const struct install_header *medium_check(void);
/* Copy the kernel to OS_LOAD_PA, make it durable, then write the
 * superblock (returned in out), its magic last. */
void install_os(const struct install_header *h, const struct platform *p, struct os_super *out);

#endif
