/* Number arguments of the command line, shared by every subcommand. */
#ifndef EMU_CLI_ARGS_H
#define EMU_CLI_ARGS_H

#include <stdbool.h>
#include <stdint.h>

/* Sizes like 4096, 64K, 256M, 1G, 1GiB, 2T. */
bool cli_parse_size(const char *s, uint64_t *out);

/* A plain unsigned number (decimal, or 0x hex); no sign, no spaces. */
bool cli_parse_u64(const char *s, uint64_t *out);

#endif
