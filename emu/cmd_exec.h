/* `amber exec` and `amber run` (docs/emulator.md): one option parser, one
 * machine set-up and one run loop for both. exec runs a bare-metal ELF,
 * with persistent memory only if asked; run powers on the whole machine:
 * the flash image (firmware and install medium) on the user's image. */
#ifndef EMU_CMD_EXEC_H
#define EMU_CMD_EXEC_H

/* Exit statuses shared by the subcommands (docs/emulator.md). */
enum { EXIT_PASS = 0, EXIT_USAGE = 2, EXIT_POWER_CUT = 123, EXIT_LIMIT = 124, EXIT_HUNG = 125 };

#include <stdbool.h>

/* The flash image when none is given: $AMBER_FLASH, else the one this
 * build's firmware/ makes. */
const char *flash_default_path(void);
/* Say what to do (on stderr) if that default file does not exist. */
bool flash_check_default(const char *path);

/* argv holds the arguments after the subcommand; returns the exit status. */
int cmd_exec(int argc, char **argv);
int cmd_run(int argc, char **argv);

#endif
