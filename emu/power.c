#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "power.h"

/* The dirty-line capacity: what L1D (32 KiB) and L2 (512 KiB) hold. */
#define DIRTY_SETS 1088u
#define DIRTY_WAYS 8u
#define WPQ_LINES  64u
#define DEFAULT_WINDOW 10000000ull /* 10 ms of simulated time */

void power_options_init(struct power_options *o)
{
    *o = (struct power_options){ .cut_at = UINT64_MAX, .window = DEFAULT_WINDOW, .cuts = 1 };
}

static bool number(const char *s, uint64_t *out)
{
    char *end;
    if (!s || !isdigit((unsigned char)s[0]))
        return false;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || *end)
        return false;
    *out = v;
    return true;
}

int power_parse_option(struct power_options *o, int argc, char **argv, int *i,
                       char *err, size_t errlen)
{
    const char *a = argv[*i], *val = *i + 1 < argc ? argv[*i + 1] : NULL;
    uint64_t *num = NULL;
    if (strcmp(a, "--eadr") == 0)
        o->eadr = true;
    else if (strcmp(a, "--adversarial") == 0)
        o->adversarial = true;
    else if (strcmp(a, "--power-on-after-cut") == 0)
        o->power_on_after_cut = true;
    else if (strcmp(a, "--image") == 0) {
        if (!val) {
            snprintf(err, errlen, "--image needs a file name");
            return -1;
        }
        o->image = val;
        ++*i;
    } else if (strcmp(a, "--power-cut-at") == 0)
        num = &o->cut_at;
    else if (strcmp(a, "--power-cut-random") == 0)
        num = &o->seed, o->cut_random = true;
    else if (strcmp(a, "--power-cut-window") == 0)
        num = &o->window;
    else if (strcmp(a, "--power-cuts") == 0)
        num = &o->cuts;
    else if (strcmp(a, "--power-fail-window") == 0)
        num = &o->warn_window;
    else
        return 0;
    if (num) {
        bool zero_ok = num == &o->seed || num == &o->warn_window;
        if (!number(val, num) || (!zero_ok && *num == 0)) {
            snprintf(err, errlen, "%s needs a%s number", a, zero_ok ? "" : " positive");
            return -1;
        }
        ++*i;
    }
    return 1;
}

bool power_open(struct power *pw, const struct power_options *o, char *err, size_t errlen)
{
    memset(pw, 0, sizeof *pw);
    pw->opt = *o;
    /* The adversary's coins come from the cut's seed, so a run repeats exactly. */
    pw->rng = o->cut_random ? o->seed : o->cut_at;
    if (!o->image)
        return true;
    if (!image_open(&pw->im, o->image, true, err, errlen))
        return false;
    struct pmem_config cfg = { .sets = DIRTY_SETS, .ways = DIRTY_WAYS, .wpq = WPQ_LINES,
                               .eadr = o->eadr, .adversarial = o->adversarial,
                               .seed = pw->rng ^ 0xadadadadull };
    if (!pmem_open(&pw->pmem, &pw->im, &cfg, err, errlen)) {
        char ignored[64];
        image_close(&pw->im, IMAGE_CLEAN, ignored, sizeof ignored);
        return false;
    }
    pw->open = true;
    return true;
}

static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

uint64_t power_next_cut(struct power *pw)
{
    if (pw->cuts_done >= pw->opt.cuts)
        return UINT64_MAX;
    if (pw->opt.cut_random)
        return 1 + splitmix(&pw->rng) % pw->opt.window;
    return pw->opt.cut_at;
}

static void lose_dram(struct machine *m)
{
    /* Private anonymous memory reads as zeros once dropped. */
    madvise(m->dram, m->dram_size, MADV_DONTNEED);
    madvise(m->dram_tags.word, m->dram_size >> TAG_WORD_SHIFT, MADV_DONTNEED);
    madvise(m->dram_tags.page, m->dram_size >> TAG_PAGE_SHIFT, MADV_DONTNEED);
}

bool power_cut(struct power *pw, struct machine *m, char *err, size_t errlen)
{
    pw->cuts_done++;
    lose_dram(m);
    if (!pw->open)
        return true;
    pw->im.h.power_cycles++;
    if (!pmem_power_cut(&pw->pmem)) {
        snprintf(err, errlen, "cannot map PMEM again after the cut: %s", strerror(errno));
        return false;
    }
    return true;
}

bool power_restart(struct power *pw, struct machine *m, char *err, size_t errlen)
{
    lose_dram(m);
    if (!pw->open)
        return true;
    pmem_write_back_all(&pw->pmem);
    if (!pmem_power_cut(&pw->pmem)) { /* nothing is left to lose: this only maps the media afresh */
        snprintf(err, errlen, "cannot map PMEM again after the power-off: %s", strerror(errno));
        return false;
    }
    return true;
}

void power_print_stats(const struct power *pw, FILE *f)
{
    if (!pw->open)
        return;
    const struct pmem_stats *s = &pw->pmem.st;
    fprintf(f, "pmem-stores: %" PRIu64 "\npmem-evictions: %" PRIu64 "\npmem-cleans: %" PRIu64 "\n"
            "pmem-fences: %" PRIu64 "\npmem-media-writes: %" PRIu64 "\npmem-combined: %" PRIu64 "\n"
            "pmem-lost-lines: %" PRIu64 "\npmem-host-flushes: %" PRIu64 "\npower-cuts: %" PRIu64 "\n",
            s->stores, s->evictions, s->cleans, s->fences, s->media_writes, s->combined,
            s->lost_lines, s->host_flushes, pw->cuts_done);
}

bool power_close(struct power *pw, bool after_cut, char *err, size_t errlen)
{
    if (!pw->open)
        return true;
    /* An orderly end (the guest stopped the machine) is a shutdown: the
     * platform writes its caches back first, as an OS does before power-off. */
    if (!after_cut)
        pmem_write_back_all(&pw->pmem);
    bool ok = pmem_sync(&pw->pmem);
    if (!ok)
        snprintf(err, errlen, "cannot write the image: %s", strerror(errno));
    pmem_close(&pw->pmem);
    ok = image_close(&pw->im, after_cut ? IMAGE_POWER_CUT : IMAGE_CLEAN, err, errlen) && ok;
    pw->open = false;
    return ok;
}
