/* libFuzzer target for loadvm's file parser (emu/snapshot.c): each input
 * is loaded as it is and with its checksum made right, so that the checks
 * behind the checksum get fuzzed too. A refused input must leave the
 * machine exactly as it was; an accepted one must be saved again without
 * trouble, and the machine must run. */
#include "crc32.h"
#include "fuzz_common.h"
#include "snapshot.h"

#define CHECK(cond) do { if (!(cond)) __builtin_trap(); } while (0)

static void one(struct fuzz_machine *f, const uint8_t *data, size_t size)
{
    char err[256];
    uint64_t pc = f->m.cpu.pc, cycle = f->m.cpu.cycle, x10 = f->m.cpu.x[10];
    uint8_t first = f->m.dram[0];
    if (!snapshot_load_mem(&f->m, data, size, err, sizeof err)) {
        CHECK(err[0] && memchr(err, 0, sizeof err));
        CHECK(f->m.cpu.pc == pc && f->m.cpu.cycle == cycle && f->m.cpu.x[10] == x10 &&
              f->m.dram[0] == first);
        return;
    }
    size_t n;
    void *again = snapshot_save_mem(&f->m, &n, err, sizeof err);
    CHECK(again != NULL);
    free(again);
    struct run_req r = { .steps = 1000 };
    debug_run(&f->dbg, &r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_machine *f = fuzz_setup();
    fuzz_reset(f);
    one(f, data, size);
    if (size >= 36) {
        uint8_t *fixed = malloc(size);
        static struct crc32 c;
        if (!fixed)
            return 0;
        memcpy(fixed, data, size);
        crc32_init(&c);
        crc32_add(&c, fixed, size - 4);
        uint32_t sum = crc32_value(&c);
        memcpy(fixed + size - 4, &sum, 4);
        fuzz_reset(f);
        one(f, fixed, size);
        free(fixed);
    }
    return 0;
}
