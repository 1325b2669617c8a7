/* empty: does nothing and exits with 0. bench.py times it to measure each
 * emulator's start-up and exit overhead, which it subtracts from the
 * benchmark times. */
#include "rt.h"

int main(void)
{
    return 0;
}
