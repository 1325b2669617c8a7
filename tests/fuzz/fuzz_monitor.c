/* libFuzzer target for the monitor's command language (emu/monitor.c,
 * monitor_expr.c): each input is a session, one command per line, run on a
 * small machine. Commands that touch host files (savevm, loadvm,
 * screendump, trace file) are left out: they would write where the fuzzer
 * runs. Every run ends within FUZZ_STEPS instructions. */
#include <ctype.h>

#include "fuzz_common.h"

/* Would monitor_exec reach the host's file system with this line? The
 * command name is found as monitor_exec finds it, behind any number of
 * "at TIME" prefixes (which run the command that follows). */
static bool touches_files(const char *line)
{
    for (;;) {
        while (isspace((unsigned char)*line))
            line++;
        if (strncmp(line, "at", 2) || !isspace((unsigned char)line[2]))
            break;
        for (line += 2; isspace((unsigned char)*line); line++)
            ;
        while (*line && !isspace((unsigned char)*line))
            line++;
    }
    size_t n = strcspn(line, " \t/");
    static const char *const names[] = { "savevm", "loadvm", "screendump", "trace" };
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
        if (n == strlen(names[i]) && strncmp(line, names[i], n) == 0)
            return i < 3 || strstr(line, "file");
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_machine *f = fuzz_setup();
    fuzz_reset(f);
    char line[2048];
    size_t start = 0;
    for (unsigned lines = 0; start < size && lines < 64 && !f->mon.quit; lines++) {
        size_t end = start;
        while (end < size && data[end] != '\n')
            end++;
        size_t n = end - start < sizeof line - 1 ? end - start : sizeof line - 1;
        memcpy(line, data + start, n);
        line[n] = '\0';
        if (!touches_files(line))
            monitor_exec(&f->mon, line, f->null);
        start = end + 1;
    }
    return 0;
}
