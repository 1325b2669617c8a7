/* The monitor's commands for scripted input and simulated time
 * (docs/monitor.md, "Scripted input"): key and mouse events go through the
 * same device calls as the window's (kbd_event, mouse_*), and "at" and
 * "wait" run the machine to a point in simulated time, so a script drives
 * the guest the same way on every host, with or without a window. */
#ifndef EMU_MONITOR_INPUT_H
#define EMU_MONITOR_INPUT_H

#include <stdbool.h>
#include <stdint.h>

#include "monitor.h"

/* Simulated time between the characters of "type". */
#define TYPE_GAP_CYCLES 10000000ull /* 10 ms */

/* "10ms", "250us", "3s", "500ns" or "12345c" (cycles) as core cycles of
 * the 1 GHz clock; false if malformed or too large. */
bool parse_sim_time(const char *text, uint64_t *cycles);

void monitor_cmd_key(struct monitor *mon, int argc, char **argv, const char *rest);
void monitor_cmd_type(struct monitor *mon, int argc, char **argv, const char *rest);
void monitor_cmd_mouse(struct monitor *mon, int argc, char **argv, const char *rest);
void monitor_cmd_wait(struct monitor *mon, int argc, char **argv, const char *rest);
void monitor_cmd_at(struct monitor *mon, int argc, char **argv, const char *rest);

#endif
