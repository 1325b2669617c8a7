#include <stdbool.h>
#include <stddef.h>

#include "console.h"
#include "crc32.h"
#include "mem.h"
#include "persist.h"
#include "superblock.h"

#define SUPER_PAGE 4096u

uint32_t super_crc(const struct os_super *s)
{
    struct os_super c = *s;
    c.super_crc32 = 0;
    return crc32(&c, sizeof c);
}

static bool all_zero(const uint8_t *p, uint64_t n)
{
    for (uint64_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}

static enum super_state damaged(const char *what)
{
    con_puts("firmware: the image's OS area is damaged: ");
    con_puts(what);
    return SUPER_DAMAGED;
}

static enum super_state damaged_value(const char *what, uint64_t found, const char *than,
                                      uint64_t want)
{
    damaged(what);
    con_hex(found);
    con_puts(than);
    con_hex(want);
    con_putc('\n');
    return SUPER_DAMAGED;
}

enum super_state super_check(struct os_super *out)
{
    const uint8_t *page = (const uint8_t *)(uintptr_t)OS_SUPER_PA;
    struct os_super s;
    memcpy(&s, page, sizeof s);
    if (s.magic == 0) {
        /* The magic is made durable last, and before the OS first runs: with
         * it zero the kernel's part was never written, and whatever else is
         * here is a partial install. A kernel part that is not zero means
         * the magic was lost, not that nothing was installed. */
        if (!all_zero(page + OS_SUPER_KERNEL, SUPER_PAGE - OS_SUPER_KERNEL)) {
            damaged("the superblock's magic is zero but the kernel's part of it is not\n");
            return SUPER_DAMAGED;
        }
        if (!all_zero(page, OS_SUPER_KERNEL))
            con_puts("firmware: an earlier install did not finish\n");
        return SUPER_FRESH;
    }
    if (s.magic != SUPER_MAGIC)
        return damaged_value("bad superblock magic ", s.magic, ", expected ", SUPER_MAGIC);
    if (s.version != SUPER_VERSION)
        return damaged_value("unknown superblock version ", s.version, ", this firmware knows ",
                             SUPER_VERSION);
    if (s.size != sizeof s)
        return damaged_value("superblock size ", s.size, ", expected ", sizeof s);
    uint32_t crc = super_crc(&s);
    if (crc != s.super_crc32)
        return damaged_value("superblock checksum mismatch: stored ", s.super_crc32,
                             ", computed ", crc);
    if (s.image_size == 0 || s.image_size > OS_LOAD_MAX)
        return damaged_value("installed kernel size ", s.image_size, " out of range, at most ",
                             OS_LOAD_MAX);
    if (s.entry_pa < OS_LOAD_PA || s.entry_pa >= OS_LOAD_PA + s.image_size)
        return damaged_value("kernel entry ", s.entry_pa, " outside the kernel, which starts at ",
                             OS_LOAD_PA);
    if (s.os_id[BOOT_OS_ID_BYTES - 1] != 0) {
        damaged("the OS identity is not terminated\n");
        return SUPER_DAMAGED;
    }
    crc = crc32((const void *)(uintptr_t)OS_LOAD_PA, s.image_size);
    if (crc != s.image_crc32)
        return damaged_value("installed kernel checksum mismatch: stored ", s.image_crc32,
                             ", computed ", crc);
    *out = s;
    return SUPER_VALID;
}

void super_write(const struct os_super *s)
{
    volatile uint64_t *dst = (volatile uint64_t *)(uintptr_t)OS_SUPER_PA;
    uint64_t words[sizeof *s / 8];
    _Static_assert(sizeof *s % 8 == 0 && offsetof(struct os_super, magic) == 0,
                   "the superblock is written in words, the magic first");
    memcpy(words, s, sizeof words);
    for (unsigned i = 1; i < sizeof words / 8; i++)
        dst[i] = words[i];
    persist(OS_SUPER_PA, sizeof *s);
    dst[0] = words[0]; /* the magic */
    persist(OS_SUPER_PA, 8);
}
