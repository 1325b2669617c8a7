/* Reads "ADDRESS WORD" lines (hex, as objdump prints them) and writes one
 * disassembly line per input line, for the differential test against objdump. */
#include <inttypes.h>
#include <stdio.h>

#include "isa_ops.h"

int main(void)
{
    char line[256], text[128];
    uint64_t pc;
    uint32_t raw;

    while (fgets(line, sizeof line, stdin)) {
        if (sscanf(line, "%" SCNx64 " %" SCNx32, &pc, &raw) != 2) {
            fprintf(stderr, "isa_disas_tool: bad input line: %s", line);
            return 2;
        }
        isa_disas(pc, raw, text, sizeof text);
        puts(text);
    }
    return 0;
}
