/* amber: the command-line front end. */
#include <stdio.h>
#include <string.h>

#include "cmd_exec.h"
#include "cmd_image.h"
#include "cmd_torture.h"

#define AMBER_VERSION "0.1.0"

static void usage(FILE *f)
{
    fputs("usage: amber run [--image PATH] [--flash FILE] [OPTIONS]\n"
          "       amber exec PROGRAM.elf [OPTIONS]\n"
          "       amber torture PROGRAM.elf|IMAGE --cuts N --seed S [--adversarial] [--window CYCLES]\n"
          "                     [--image PATH] [--flash FILE] [--mem SIZE] [--max-insns-per-run N]\n"
          "                     [--in-place]\n"
          "       amber image create PATH [--size SIZE] | info PATH | check PATH | wear PATH\n"
          "       amber --help | --version\n"
          "\n"
          "run     switch on the Amber-1: the firmware and install medium from the flash image on\n"
          "        a persistent image. The power button is pressed at the end of the console's\n"
          "        input, at SIGINT or SIGTERM and when the window closes; the guest then has\n"
          "        --shutdown-timeout cycles to switch off, else it is forced off (a power cut).\n"
          "        --image PATH   the image (default $AMBER_IMAGE, else $XDG_DATA_HOME/amber/default.img,\n"
          "                       else ~/.local/share/amber/default.img); made, 1 GiB sparse, if missing\n"
          "        --flash FILE   the flash image (default $AMBER_FLASH, else this build's firmware)\n"
          "        --console stdio|none  the UART on this terminal (the default) or nowhere\n"
          "        --shutdown-timeout CYCLES  after the power button (default 10000000000 = 10 s)\n"
          "        a window by default when there is a display; --headless for none\n"
          "exec    run a bare-metal RISC-V ELF on the Amber-1; its UART is this terminal.\n"
          "options of run and exec:\n"
          "        --mem SIZE     DRAM size, e.g. 256M or 1G (default 256M)\n"
          "        --max-insns N  stop after N instructions (exit status 124)\n"
          "        --stats        print instructions, cycles, CPI and speed on stderr\n"
          "        --trace FILE   write every executed instruction to FILE\n"
          "        --headless     no window (the default for exec)\n"
          "        --window       show the display in a window; --scale N integer zoom,\n"
          "                       --fullscreen, --window-shot FILE saves the window at exit\n"
          "        --screendump FILE.png  save the display's picture when the run ends\n"
          "        --console stdio|none  where the UART goes (default stdio)\n"
          "        --monitor stdio|tcp:127.0.0.1:PORT  the monitor on this terminal or on a\n"
          "                       loopback port (PORT 0: any free one); the machine starts stopped\n"
          "        --script FILE  run the monitor commands in FILE first\n"
          "        --gdb tcp:127.0.0.1:PORT  a GDB remote stub for gdb-multiarch;\n"
          "                       --gdb-wait keeps the machine stopped until GDB connects\n"
          "        (docs/monitor.md describes the monitor's commands)\n"
          "        --image PATH   persistent memory at 0x10_0000_0000 from this image (locked)\n"
          "        --eadr         caches are inside the persistence domain\n"
          "        --adversarial  a power cut persists a random subset of unflushed lines\n"
          "        --power-cut-at CYCLE, --power-cut-random SEED  cut the power then (a random\n"
          "                       cycle up to --power-cut-window, default 10000000)\n"
          "        --power-fail-window CYCLES  the power controller warns this long before a cut\n"
          "        --power-on-after-cut  reload the program (or flash) and power on again, for\n"
          "                       --power-cuts N cuts in all (default 1)\n"
          "        (docs/nvdimm.md describes images and the persistence model)\n"
          "torture cut the power N times at reproducible random cycles, power on after each, and\n"
          "        count the workload's consistency checks (PWR_CHECK); exit 0 only if none failed\n"
          "        and the last power-on passed. An ELF is a bare-metal workload on --image PATH or\n"
          "        a scratch image; an image runs from flash on a sparse copy (--in-place: itself)\n"
          "image   create, inspect and check image files\n"
          "exit status: 0 pass (or the guest switched off), the guest's failure code, 123 power cut\n"
          "             or forced off, 124 instruction limit, 125 guest waits for an interrupt that\n"
          "             cannot come, 2 bad usage or input; torture: 0 all checks passed, 1 not\n",
          f);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("amber " AMBER_VERSION "\n");
        return 0;
    }
    if (strcmp(argv[1], "exec") == 0)
        return cmd_exec(argc - 2, argv + 2);
    if (strcmp(argv[1], "run") == 0)
        return cmd_run(argc - 2, argv + 2);
    if (strcmp(argv[1], "torture") == 0)
        return cmd_torture(argc - 2, argv + 2);
    if (strcmp(argv[1], "image") == 0)
        return cmd_image(argc - 2, argv + 2);
    fprintf(stderr, "amber: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
