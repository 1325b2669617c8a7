/* Making PMEM stores durable: write back every 64-byte line of a range
 * (cbo.flush), then fence, the platform's persistence point
 * (docs/nvdimm.md). */
#ifndef FW_PERSIST_H
#define FW_PERSIST_H

#include <stdint.h>

void persist(uint64_t pa, uint64_t len);

#endif
