#include "hash.h"

#include "xamber.h"

static uint32_t crc_table[256];
static uint64_t word_key[512];

static uint64_t splitmix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

void hash_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
    for (uint32_t i = 0; i < 512; i++)
        word_key[i] = splitmix64(i) | 1;
}

uint32_t crc32(const void *p, size_t n)
{
    const uint8_t *b = p;
    uint32_t c = 0xffffffffu;
    while (n--)
        c = crc_table[(c ^ *b++) & 0xff] ^ (c >> 8);
    return ~c;
}

/* Odd, so a tag change alone (by less than 256) always changes the sum. */
#define TAG_WEIGHT 0x9e3779b97f4a7c15ull

uint64_t page_hash(uint64_t page, const uint64_t *words)
{
    uint64_t s = 0;
    for (uint32_t i = 0; i < 512; i++)
        s += (words[i] + (am_ld(&words[i], 0) >> AM_TAG_SHIFT) * TAG_WEIGHT) * word_key[i];
    return s * (splitmix64(page) | 1);
}

uint64_t words_hash(const uint64_t *p, size_t nwords)
{
    uint64_t h = 0xcbf29ce484222325ull;
    while (nwords--)
        h = (h ^ *p++) * 0x100000001b3ull;
    return h;
}
