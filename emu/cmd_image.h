/* `amber image ...`: create, inspect and check image files (docs/nvdimm.md). */
#ifndef EMU_CMD_IMAGE_H
#define EMU_CMD_IMAGE_H

/* argv[0] is the subcommand; returns the process exit status. */
int cmd_image(int argc, char **argv);

#endif
