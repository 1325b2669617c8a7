#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "program.h"

uint8_t *read_whole_file(const char *path, size_t *size, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "%s: not a regular file", path);
        fclose(f);
        return NULL;
    }
    uint8_t *buf = malloc(st.st_size ? (size_t)st.st_size : 1);
    if (!buf || fread(buf, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
        snprintf(err, errlen, "%s: cannot read", path);
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    *size = (size_t)st.st_size;
    return buf;
}

bool program_open(struct program *p, const char *path, char *err, size_t errlen)
{
    memset(p, 0, sizeof *p);
    p->path = path;
    p->data = read_whole_file(path, &p->size, err, errlen);
    if (!p->data)
        return false;
    char why[192];
    if (!elf_parse(p->data, p->size, &p->img, why, sizeof why)) {
        snprintf(err, errlen, "%s: %s", path, why);
        free(p->data);
        p->data = NULL;
        return false;
    }
    return true;
}

bool program_power_on(const struct program *p, struct machine *m, char *err, size_t errlen)
{
    char why[192];
    if (!elf_load(&p->img, &m->bus, why, sizeof why)) {
        snprintf(err, errlen, "%s: %s", p->path, why);
        return false;
    }
    uint64_t tohost;
    if (elf_symbol(&p->img, "tohost", &tohost))
        machine_set_tohost(m, tohost);
    machine_reset(m, p->img.entry);
    return true;
}

void program_free(struct program *p)
{
    if (p->data)
        elf_free(&p->img);
    free(p->data);
    p->data = NULL;
}
