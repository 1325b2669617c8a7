/* Power cuts for `amber exec` (docs/nvdimm.md, "Power cuts"): when to cut,
 * what a cut discards, and powering on again within the same run. */
#ifndef EMU_POWER_H
#define EMU_POWER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "image.h"
#include "machine.h"
#include "pmem.h"

struct power_options {
    const char *image;      /* --image PATH; NULL: no PMEM */
    bool eadr, adversarial, power_on_after_cut;
    uint64_t cut_at;        /* --power-cut-at CYCLE; UINT64_MAX: none */
    bool cut_random;        /* --power-cut-random SEED */
    uint64_t seed;
    uint64_t window;        /* random cuts fall in [1, window] cycles after power-on */
    uint64_t cuts;          /* with --power-on-after-cut: how many cuts in all */
    uint64_t warn_window;   /* --power-fail-window: warning this many cycles before a cut */
};

void power_options_init(struct power_options *o);
/* Parse the option at argv[*i] if it is ours: 1 taken (and *i advanced past
 * its value), 0 not ours, -1 bad value (err says why). */
int power_parse_option(struct power_options *o, int argc, char **argv, int *i,
                       char *err, size_t errlen);

struct power {
    struct power_options opt;
    struct image im;
    struct pmem pmem;
    bool open;
    uint64_t rng;
    uint64_t cuts_done;
};

/* Open and lock the image and map PMEM (nothing to do without --image). */
bool power_open(struct power *pw, const struct power_options *o, char *err, size_t errlen);
/* The cycle of the next cut, or UINT64_MAX. */
uint64_t power_next_cut(struct power *pw);
/* Cut the power: unflushed PMEM lines meet their fate, DRAM and its tags
 * are lost. The caller reloads the program and resets the machine. */
bool power_cut(struct power *pw, struct machine *m, char *err, size_t errlen);
/* An orderly power-off and on (the guest switched itself off): every line
 * reaches the media, DRAM and its tags are lost; not counted as a cut. */
bool power_restart(struct power *pw, struct machine *m, char *err, size_t errlen);
/* The persistence model's counters, for --stats. */
void power_print_stats(const struct power *pw, FILE *f);
/* Make the media durable, record the shutdown state and unlock. */
bool power_close(struct power *pw, bool after_cut, char *err, size_t errlen);

#endif
