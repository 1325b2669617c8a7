/* The power-on self test (docs/firmware.md, "POST"). The firmware's own
 * DRAM was tested by start.S before anything ran from it. */
#ifndef FW_POST_H
#define FW_POST_H

#include "platform.h"

/* Find the devices the OS needs and test DRAM; a failure ends the run with
 * FW_EXIT_POST (or FW_EXIT_NO_PMEM) after saying what is wrong. */
void post_run(struct platform *p, uint64_t devtable);

#endif
