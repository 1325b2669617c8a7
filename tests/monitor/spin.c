/* Runs until it is stopped: the guest for interrupting a running machine
 * (Ctrl-C in GDB, stop on the TCP monitor). */
#include "rt.h"

volatile uint64_t spins;

int main(void)
{
    for (;;)
        spins = spins + 1;
}
