/* Checksums: CRC-32 for on-media records, a page hash for the store's
 * consistency check, a build hash for the kernel's identity. */
#ifndef OS_HASH_H
#define OS_HASH_H

#include <stddef.h>
#include <stdint.h>

void hash_init(void);
uint32_t crc32(const void *p, size_t n);
/* Hash of page `page` holding `words` (512 words), data and Xamber tags.
 * Linear in the content, so an all-zero RAW page hashes to 0 and any one
 * changed word or tag changes it. */
uint64_t page_hash(uint64_t page, const uint64_t *words);
/* FNV-1a over 64-bit words. */
uint64_t words_hash(const uint64_t *p, size_t nwords);

#endif
