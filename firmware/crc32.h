/* CRC-32 (IEEE 802.3, as zlib's crc32): the install medium's and the
 * superblock's checksums. */
#ifndef FW_CRC32_H
#define FW_CRC32_H

#include <stdint.h>

void crc32_init(void); /* builds the table; before the first crc32 */
uint32_t crc32(const void *p, uint64_t n);

#endif
