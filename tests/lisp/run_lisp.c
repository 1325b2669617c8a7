/* Host runner for the Lisp test files: evaluates every datum of each file
 * in a fresh instance and checks the annotation on the line where the
 * datum ends (with --gc-every N, under the test collector of semispace.c,
 * which moves every object every N allocations):
 *     expr   ; => text    the result, printed with write, is text
 *     expr   ; !! text    evaluation raises, and the printed object
 *                         contains text
 * A datum without annotation must not raise. Exit status 1 on failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lisp.h"
#include "semispace.h"

#define HEAP_WORDS (8u << 20)

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)len + 1);
    if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len) {
        fclose(f);
        free(buf);
        return NULL;
    }
    fclose(f);
    buf[len] = 0;
    *n = (size_t)len;
    return buf;
}

static void to_stdout(void *ctx, const char *s, size_t n)
{
    (void)ctx;
    fwrite(s, 1, n, stdout);
}

/* The annotation on the rest of the line from pos: kind '=' or '!' (0 if
 * none) and its text. */
static int annotation(const char *s, size_t n, size_t pos, const char **text, size_t *len)
{
    size_t end = pos;
    while (end < n && s[end] != '\n')
        end++;
    for (size_t i = pos; i + 3 < end; i++) {
        if (s[i] == ';' && s[i + 1] == ' ' && ((s[i + 2] == '=' && s[i + 3] == '>') || (s[i + 2] == '!' && s[i + 3] == '!'))) {
            size_t b = i + 4;
            while (b < end && s[b] == ' ')
                b++;
            size_t e = end;
            while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\r'))
                e--;
            *text = s + b;
            *len = e - b;
            return s[i + 2];
        }
    }
    return 0;
}

static unsigned line_of(const char *s, size_t pos)
{
    unsigned line = 1;
    for (size_t i = 0; i < pos; i++)
        line += s[i] == '\n';
    return line;
}

static int run_file(const char *path, uint64_t *words, uint8_t *tags, unsigned gc_every)
{
    size_t n;
    char *src = slurp(path, &n);
    if (!src) {
        fprintf(stderr, "%s: cannot read\n", path);
        return 1;
    }
    static struct lisp l;
    static struct semispace gc;
    struct lisp_mem mem = {words, tags, HEAP_WORDS};
    struct lisp_port out = {to_stdout, NULL};
    struct lisp_channels chan = {0};
    int init = gc_every ? semispace_init(&gc, &l, words, tags, HEAP_WORDS / 2, gc_every, out)
                        : lisp_init(&l, &mem, out, chan);
    if (init < 0) {
        fprintf(stderr, "%s: lisp_init failed\n", path);
        free(src);
        return 1;
    }
    size_t pos = 0;
    unsigned failures = 0, checks = 0;
    static char got[65536];
    for (;;) {
        lv x, v;
        int r = lisp_read(&l, src, n, &pos, &x);
        if (r == 0)
            break;
        const char *want = NULL;
        size_t wlen = 0;
        int kind = annotation(src, n, pos, &want, &wlen);
        int er = r < 0 ? -1 : lisp_eval(&l, x, &v);
        if (r < 0)
            v = x;
        lisp_print_buf(&l, v, false, got, sizeof got);
        unsigned line = line_of(src, pos);
        checks++;
        if (kind == '=' && (er < 0 || strlen(got) != wlen || memcmp(got, want, wlen) != 0)) {
            fprintf(stderr, "%s:%u: expected %.*s, got %s%s\n", path, line, (int)wlen, want,
                    er < 0 ? "error " : "", got);
            failures++;
        } else if (kind == '!' && (er == 0 || !memmem(got, strlen(got), want, wlen))) {
            fprintf(stderr, "%s:%u: expected an error with %.*s, got %s%s\n", path, line, (int)wlen,
                    want, er < 0 ? "error " : "", got);
            failures++;
        } else if (kind == 0 && er < 0) {
            fprintf(stderr, "%s:%u: unexpected error %s\n", path, line, got);
            failures++;
        }
    }
    fflush(stdout);
    printf("%s: %u checks, %u failures\n", path, checks, failures);
    free(src);
    return failures != 0;
}

int main(int argc, char **argv)
{
    uint64_t *words = calloc(HEAP_WORDS, sizeof *words);
    uint8_t *tags = calloc(HEAP_WORDS, 1);
    if (!words || !tags) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    int status = 0;
    unsigned gc_every = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--gc-every") == 0 && i + 1 < argc)
            gc_every = (unsigned)atoi(argv[++i]);
        else
            status |= run_file(argv[i], words, tags, gc_every);
    }
    free(words);
    free(tags);
    return status;
}
