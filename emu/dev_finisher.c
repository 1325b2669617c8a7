/* Test finisher model. The command is in bits 15:0 of a 32-bit write to
 * offset 0; for FAIL, bits 31:16 carry the exit code. Other values and
 * offsets are ignored, reads return 0. Accesses other than 32-bit fault. */
#include "amber/hw.h"
#include "dev_finisher.h"

void finisher_init(struct finisher *f)
{
    *f = (struct finisher){0};
}

static enum finisher_cmd decode(uint32_t v)
{
    switch (v & 0xFFFF) {
    case FINISHER_PASS:  return FINISHER_CMD_PASS;
    case FINISHER_FAIL:  return FINISHER_CMD_FAIL;
    case FINISHER_RESET: return FINISHER_CMD_RESET;
    default:             return FINISHER_CMD_NONE;
    }
}

enum finisher_cmd finisher_cmd(const struct finisher *f)
{
    return f->triggered ? decode(f->value) : FINISHER_CMD_NONE;
}

uint16_t finisher_code(const struct finisher *f)
{
    return (uint16_t)(f->value >> 16);
}

static bool finisher_read(void *dev, uint64_t off, unsigned size, uint64_t *val)
{
    (void)dev;
    (void)off;
    if (size != 4)
        return false;
    *val = 0;
    return true;
}

static bool finisher_write(void *dev, uint64_t off, unsigned size, uint64_t val)
{
    struct finisher *f = dev;
    if (size != 4)
        return false;
    if (off == 0 && decode((uint32_t)val) != FINISHER_CMD_NONE) {
        f->triggered = true;
        f->value = (uint32_t)val;
    }
    return true;
}

const struct mmio_ops finisher_mmio = {
    .read = finisher_read,
    .write = finisher_write,
};
