/* Machine snapshots (savevm/loadvm): the whole machine - CPU, TLB, cache
 * model, devices, boot ROM, DRAM and its tags - in a versioned,
 * checksummed file (format in docs/monitor.md). Loading the snapshot and
 * running on gives the same instructions and cycles as running on from the
 * moment it was saved.
 *
 * Host-side caches (decoded blocks) and debugger state (breakpoints,
 * traces) are not part of a snapshot. */
#ifndef EMU_SNAPSHOT_H
#define EMU_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>

struct machine;

/* Write the machine to path (through a temporary file renamed into place,
 * so a failed save never leaves a partial file under that name). False
 * with a one-line reason in err. */
bool snapshot_save(const struct machine *m, const char *path, char *err, size_t errlen);

/* Restore the machine from path. The file is checked completely first: a
 * bad, truncated, foreign or mismatched file is refused with a one-line
 * reason and the machine is left exactly as it was. */
bool snapshot_load(struct machine *m, const char *path, char *err, size_t errlen);

/* The same from and to memory, for tests and fuzzing: save returns a
 * malloc'd buffer (*size bytes) or NULL. */
void *snapshot_save_mem(const struct machine *m, size_t *size, char *err, size_t errlen);
bool snapshot_load_mem(struct machine *m, const void *data, size_t size, char *err, size_t errlen);

/* Check that the field tables cover every member of the device and CPU
 * structs (a new member must be saved or declared transient). */
bool snapshot_check_layout(char *err, size_t errlen);

#endif
