/* A semispace copying collector for testing the Lisp core's roots: it
 * finds references by their tags alone (no object layouts), can run
 * before every allocation (or every nth), and poisons the space it leaves,
 * so a value the core held across an allocation without rooting it is
 * noticed. Test use only: the real collector is os/gc's. */
#ifndef LISP_TEST_SEMISPACE_H
#define LISP_TEST_SEMISPACE_H

#include "lisp.h"

struct semispace {
    uint64_t *words;   /* 2 * half words */
    uint8_t *tags;
    size_t half;
    int current;
    unsigned every, countdown;
    uint64_t collections;
};

/* Sets up s over words/tags (2 * half each) and an instance over the
 * first half; 0 on success. The collector runs every `every` allocations. */
int semispace_init(struct semispace *s, struct lisp *l, uint64_t *words, uint8_t *tags, size_t half,
                   unsigned every, struct lisp_port out);

#endif
