/* Entering the OS (amber/boot.h, docs/firmware.md "The handoff"). */
#ifndef FW_HANDOFF_H
#define FW_HANDOFF_H

#include "amber/boot.h"
#include "platform.h"

/* Record the OS build identity in the NVDIMM controller (the image header
 * keeps it, so tools can tell which OS an image runs). */
void nvdimm_set_os_id(const struct platform *p, const char os_id[BOOT_OS_ID_BYTES]);

/* Fill the handoff block, protect the firmware's DRAM, delegate to S-mode
 * and enter the kernel at s->entry_pa in S-mode with paging off. */
__attribute__((noreturn)) void handoff_enter(const struct platform *p, const struct os_super *s,
                                             uint32_t flags, const char *install_os_id);

#endif
