/* The Amber-1 firmware: power-on self test, image check, install or
 * resume, handoff to the OS (docs/firmware.md). start.S calls fw_main with
 * the boot ROM's a0 (hart id) and a1 (device table). */
#include "amber/boot.h"
#include "console.h"
#include "crc32.h"
#include "halt.h"
#include "handoff.h"
#include "install.h"
#include "mem.h"
#include "post.h"
#include "superblock.h"

__attribute__((noreturn)) void fw_main(uint64_t hartid, uint64_t devtable);

static struct platform platform;

static void say_os(const char *what, const char *os_id)
{
    con_puts(what);
    con_putsn(os_id, BOOT_OS_ID_BYTES);
    con_putc('\n');
}

void fw_main(uint64_t hartid, uint64_t devtable)
{
    struct platform *p = &platform;
    con_init();
    con_puts("\nAmber-1 firmware " FW_VERSION "\n");
    p->hartid = hartid;
    post_run(p, devtable);
    crc32_init();

    const struct install_header *medium = medium_check();
    struct os_super s;
    uint32_t flags = 0;
    switch (super_check(&s)) {
    case SUPER_DAMAGED:
        con_puts("firmware: the image was left untouched\n");
        fw_fail(FW_EXIT_DAMAGED);
    case SUPER_FRESH:
        if (!medium) {
            con_puts("firmware: fresh image but no OS to install\n");
            fw_fail(FW_EXIT_NO_MEDIUM);
        }
        install_os(medium, p, &s);
        flags |= HANDOFF_FRESH;
        break;
    case SUPER_VALID:
        say_os("firmware: resuming ", s.os_id);
        /* The image keeps running the OS it was installed with: its store
         * belongs to that build. The OS is told, and may upgrade itself. */
        if (medium && memcmp(medium->os_id, s.os_id, BOOT_OS_ID_BYTES) != 0) {
            say_os("firmware: notice: the install medium carries another OS build, ", medium->os_id);
            flags |= HANDOFF_OS_MISMATCH;
        }
        break;
    }
    nvdimm_set_os_id(p, s.os_id);
    con_puts("firmware: entering the OS at ");
    con_hex(s.entry_pa);
    con_putc('\n');
    handoff_enter(p, &s, flags, medium ? medium->os_id : "");
}
