/* `amber torture` (docs/emulator.md, "amber torture"): cut the power at
 * reproducible random cycles, power on after each cut, and count what the
 * workload's own consistency check reports through PWR_CHECK. */
#ifndef EMU_CMD_TORTURE_H
#define EMU_CMD_TORTURE_H

/* argv holds the arguments after "torture"; returns the exit status:
 * 0 no check failed and the last power-on passed, 1 otherwise, 2 bad usage. */
int cmd_torture(int argc, char **argv);

#endif
