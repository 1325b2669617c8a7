/* The monitor's power command (docs/monitor.md, "power"): the power
 * controller's state, the power button (briefly, or held down: forced
 * off) and a power cut, taken where the machine stands. */
#ifndef EMU_MONITOR_POWER_H
#define EMU_MONITOR_POWER_H

#include "monitor.h"

void monitor_cmd_power(struct monitor *mon, int argc, char **argv, const char *rest);

#endif
