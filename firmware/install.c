#include <stddef.h>

#include "console.h"
#include "crc32.h"
#include "install.h"
#include "mem.h"
#include "mmio.h"
#include "persist.h"
#include "superblock.h"

#define MEDIUM_PA (AMBER_FLASH_BASE + INSTALL_OFFSET)

static const struct install_header *bad_medium(const char *what)
{
    con_puts("firmware: install medium: ");
    con_puts(what);
    con_putc('\n');
    return NULL;
}

static const uint8_t *medium_image(const struct install_header *h)
{
    return (const uint8_t *)(uintptr_t)(MEDIUM_PA + h->header_size);
}

const struct install_header *medium_check(void)
{
    const struct install_header *h = (const struct install_header *)(uintptr_t)MEDIUM_PA;
    if (h->magic != INSTALL_MAGIC)
        return bad_medium("none in flash (no magic)");
    if (h->version != INSTALL_VERSION)
        return bad_medium("unknown version");
    if (h->header_size < sizeof *h || h->header_size % 8 ||
        h->header_size > AMBER_FLASH_SIZE - INSTALL_OFFSET)
        return bad_medium("bad header size");
    if (h->image_size == 0 || h->image_size > OS_LOAD_MAX ||
        h->image_size > AMBER_FLASH_SIZE - INSTALL_OFFSET - h->header_size)
        return bad_medium("kernel size out of range");
    if (h->load_pa != OS_LOAD_PA)
        return bad_medium("the kernel is not linked for OS_LOAD_PA");
    if (h->entry_pa < h->load_pa || h->entry_pa >= h->load_pa + h->image_size)
        return bad_medium("entry point outside the kernel");
    if (h->os_id[BOOT_OS_ID_BYTES - 1] != 0)
        return bad_medium("OS identity not terminated");
    if (crc32(medium_image(h), h->image_size) != h->image_crc32)
        return bad_medium("kernel checksum mismatch");
    return h;
}

void install_os(const struct install_header *h, const struct platform *p, struct os_super *out)
{
    con_puts("firmware: installing ");
    con_putsn(h->os_id, BOOT_OS_ID_BYTES);
    con_puts(" (");
    con_dec(h->image_size);
    con_puts(" bytes)\n");
    const uint8_t *src = medium_image(h);
    volatile uint64_t *dst = (volatile uint64_t *)(uintptr_t)OS_LOAD_PA;
    uint64_t words = h->image_size / 8;
    for (uint64_t i = 0; i < words; i++)
        dst[i] = ((const uint64_t *)src)[i]; /* both 8-byte aligned */
    for (uint64_t i = words * 8; i < h->image_size; i++)
        ((volatile uint8_t *)dst)[i] = src[i];
    persist(OS_LOAD_PA, h->image_size);

    struct os_super s;
    memset(&s, 0, sizeof s);
    s.magic = SUPER_MAGIC;
    s.version = SUPER_VERSION;
    s.size = sizeof s;
    s.image_size = h->image_size;
    s.entry_pa = h->entry_pa;
    s.image_crc32 = h->image_crc32;
    s.install_time_ns = p->rtc_base ? mmio_read64(p->rtc_base + RTC_TIME_NS) : 0;
    memcpy(s.os_id, h->os_id, BOOT_OS_ID_BYTES);
    s.super_crc32 = super_crc(&s);
    super_write(&s);
    con_puts("firmware: installed\n");
    *out = s;
}
