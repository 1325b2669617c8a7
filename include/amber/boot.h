/* The contract between the firmware (firmware/, M-mode, in flash) and the
 * OS (os/, S-mode, installed in PMEM): the install medium in flash, the
 * firmware's part of the PMEM superblock, the handoff block and the few
 * services the firmware keeps providing. docs/firmware.md explains it.
 * Plain C with fixed-size types only; shared by firmware, OS, emulator tests. */
#ifndef AMBER_BOOT_H
#define AMBER_BOOT_H

#include <stdint.h>

#include "amber/hw.h"

#define BOOT_OS_ID_BYTES 32u /* OS build identity: NUL-padded text */

/* ---- install medium: in flash at AMBER_FLASH_BASE + INSTALL_OFFSET ----
 * A header, then the kernel's flat binary image (its first byte belongs at
 * load_pa; it is entered at entry_pa). */
#define INSTALL_OFFSET  0x00100000ULL
#define INSTALL_MAGIC   0x54534e4952424d41ULL /* "AMBRINST" */
#define INSTALL_VERSION 1u
struct install_header {
    uint64_t magic;
    uint32_t version;
    uint32_t header_size;  /* bytes before the kernel image */
    uint64_t image_size;   /* bytes of kernel image */
    uint64_t load_pa;      /* where the image is installed (in PMEM) */
    uint64_t entry_pa;     /* the kernel's entry point */
    uint32_t image_crc32;  /* CRC-32 (IEEE) of the image bytes */
    uint32_t reserved;
    char os_id[BOOT_OS_ID_BYTES];
};

/* ---- PMEM: where the OS lives ----
 * [0, 4 KiB)            the superblock: the firmware's part (struct below)
 *                       in its first 256 bytes, the kernel's from byte 256
 * [1 MiB, 8 MiB)        the installed kernel image (OS_LOAD_PA)
 * [8 MiB, end)          the kernel's single-level store (docs/os.md) */
#define OS_SUPER_PA      AMBER_PMEM_BASE
#define OS_SUPER_KERNEL  256u                          /* kernel-owned from here */
#define OS_LOAD_PA       (AMBER_PMEM_BASE + 0x00100000ULL)
#define OS_LOAD_MAX      0x00700000ULL
#define OS_STORE_PA      (AMBER_PMEM_BASE + 0x00800000ULL)

#define SUPER_MAGIC   0x31534f5245424d41ULL /* "AMBEROS1" */
#define SUPER_VERSION 1u
struct os_super {
    uint64_t magic;        /* written last at install; zero on a fresh image */
    uint32_t version;
    uint32_t size;         /* sizeof (struct os_super) */
    uint64_t image_size;   /* the installed kernel image, at OS_LOAD_PA */
    uint64_t entry_pa;
    uint32_t image_crc32;
    uint32_t super_crc32;  /* CRC-32 of this struct with this field zero */
    uint64_t install_time_ns; /* RTC time of the install */
    char os_id[BOOT_OS_ID_BYTES];
};

/* ---- handoff: the firmware enters the kernel in S-mode at entry_pa with
 * a0 = hart id, a1 = physical address of this block, paging off. ---- */
#define HANDOFF_MAGIC   0x46464f4852424d41ULL /* "AMBRHOFF" */
#define HANDOFF_VERSION 1u
#define HANDOFF_FRESH       0x1u /* the OS was installed in this power-on */
#define HANDOFF_OS_MISMATCH 0x2u /* the install medium carries another OS build */
struct handoff {
    uint64_t magic;
    uint32_t version;
    uint32_t flags;
    uint64_t dram_base, dram_size;   /* all of DRAM */
    uint64_t fw_base, fw_size;       /* DRAM the firmware keeps (PMP: no S/U access,
                                        but S/U may read this block) */
    uint64_t pmem_base, pmem_size;   /* 0 size: no PMEM */
    uint64_t devtable_pa;
    uint64_t timebase_hz;            /* CLINT mtime frequency */
    uint64_t power_cycles;           /* NVDIMM_POWER_CYCLES at power-on */
    char install_os_id[BOOT_OS_ID_BYTES]; /* the install medium's OS build */
};

/* The firmware's DRAM: its stack, trap frame and this handoff block. */
#define FW_DRAM_SIZE 0x00010000ULL /* at the start of DRAM */

/* ---- services: SBI calling convention (a7 extension, a6 function,
 * result in a0, 0 = success, -2 = not supported) ---- */
#define SBI_EXT_TIME   0x54494d45u /* "TIME": function 0 sets the S timer to
                                      absolute mtime a0 and clears sip.STIP */
#define SBI_SUCCESS        0
#define SBI_ERR_NOT_SUPPORTED (-2)

/* The firmware's diagnostics end the run through the test finisher with
 * FINISHER_FAIL and one of these codes (the emulator exits with it). */
#define FW_EXIT_POST       10u /* power-on self test failed */
#define FW_EXIT_NO_PMEM    11u /* no persistent memory to run from */
#define FW_EXIT_DAMAGED    12u /* the image's OS area is damaged; left untouched */
#define FW_EXIT_NO_MEDIUM  13u /* fresh image but no valid install medium */
#define FW_EXIT_TRAP       14u /* an unexpected trap reached the firmware */

#endif
