/* A program the front ends load at every power-on: a bare-metal ELF
 * (amber exec, amber torture) or the flash image with the firmware and the
 * install medium (amber run). The file is read once and kept, so powering
 * on again does not depend on the file staying as it was. */
#ifndef EMU_PROGRAM_H
#define EMU_PROGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "elf.h"
#include "machine.h"

struct program {
    const char *path;
    uint8_t *data;
    size_t size;
    struct elf_image img;
};

/* Read and parse path; false with "PATH: reason" in err. */
bool program_open(struct program *p, const char *path, char *err, size_t errlen);
/* Power-on: program memory (DRAM, flash), set up tohost, reset the machine
 * to the program's entry. */
bool program_power_on(const struct program *p, struct machine *m, char *err, size_t errlen);
void program_free(struct program *p);

/* Read a whole regular file; NULL with "PATH: reason" in err. */
uint8_t *read_whole_file(const char *path, size_t *size, char *err, size_t errlen);

#endif
