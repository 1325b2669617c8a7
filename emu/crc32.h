/* CRC-32 (IEEE 802.3, the zlib and PNG polynomial), for checksummed files.
 * A snapshot's checksum covers all of guest memory, so this slices by 8 to
 * run near memory speed; the tables live in the caller's struct. */
#ifndef EMU_CRC32_H
#define EMU_CRC32_H

#include <stddef.h>
#include <stdint.h>

struct crc32 {
    uint32_t t[8][256];
    uint32_t crc;
};

void crc32_init(struct crc32 *c);
void crc32_add(struct crc32 *c, const void *data, size_t len);
static inline uint32_t crc32_value(const struct crc32 *c)
{
    return c->crc;
}

#endif
