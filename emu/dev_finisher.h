/* Test finisher (sifive,test0): a guest ends a run by writing a command to
 * it. The model only records the command; the machine inspects it after the
 * access and stops, exits or resets. */
#ifndef EMU_DEV_FINISHER_H
#define EMU_DEV_FINISHER_H

#include <stdbool.h>
#include <stdint.h>

#include "mmio.h"

struct finisher {
    bool triggered; /* a command was written; the machine clears it */
    uint32_t value; /* the word written */
};

enum finisher_cmd {
    FINISHER_CMD_NONE,
    FINISHER_CMD_PASS,
    FINISHER_CMD_FAIL,
    FINISHER_CMD_RESET,
};

void finisher_init(struct finisher *f);
enum finisher_cmd finisher_cmd(const struct finisher *f); /* NONE if untriggered */
uint16_t finisher_code(const struct finisher *f);        /* bits 31:16: FAIL's code */
extern const struct mmio_ops finisher_mmio;

#endif
