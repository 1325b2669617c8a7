/* libFuzzer target for the GDB stub (emu/gdbstub.c): the input is what a
 * debugger sends, fed in pieces of varying size (the first byte of each
 * piece says how long it is), with every run it asks for carried out on a
 * small machine. The stub gets no monitor, so "monitor" packets (which
 * could reach host files through savevm) are refused. */
#include "fuzz_common.h"
#include "gdbstub.h"

static void discard(void *ctx, const void *data, size_t len)
{
    (void)ctx, (void)data, (void)len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_machine *f = fuzz_setup();
    static struct gdbstub g;
    static bool ready;
    if (!ready && !gdb_init(&g, &f->m, &f->dbg, NULL, discard, NULL))
        abort();
    ready = true;
    fuzz_reset(f);
    gdb_connect(&g);
    size_t i = 0;
    while (i < size) {
        size_t n = 1 + data[i] % 64;
        i++;
        if (n > size - i)
            n = size - i;
        if (!gdb_feed(&g, data + i, n))
            gdb_connect(&g); /* the session drops such a client */
        i += n;
        enum gdb_action a;
        while ((a = gdb_process(&g)) != GDB_NONE) {
            if (a == GDB_CONT || a == GDB_STEP) {
                struct run_req r = { .steps = a == GDB_STEP };
                struct stop st = debug_run(&f->dbg, &r);
                gdb_report_stop(&g, &st);
            } else {
                gdb_connect(&g); /* kill, detach: a new debugger comes */
            }
        }
        gdb_take_interrupt(&g);
    }
    return 0;
}
