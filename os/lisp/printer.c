/* The printer: write syntax (readable back, strings and characters
 * escaped) and display syntax. It recurses on cars only, and prints "..."
 * below LISP_C_DEPTH levels rather than failing. */
#include <string.h>

#include "heap.h"
#include "number.h"
#include "text.h"
#include "symbol.h"

struct out {
    void (*fn)(void *ctx, const char *s, size_t n);
    void *ctx;
    bool display;
};

static void puts_(struct out *o, const char *s) { o->fn(o->ctx, s, strlen(s)); }

static void put_hex(struct out *o, uint32_t c)
{
    char buf[12];
    int n = 0;
    do {
        buf[n++] = "0123456789abcdef"[c & 15];
        c >>= 4;
    } while (c);
    char rev[12];
    for (int i = 0; i < n; i++)
        rev[i] = buf[n - 1 - i];
    o->fn(o->ctx, rev, (size_t)n);
}

static void put_int(struct out *o, int64_t v)
{
    char buf[24];
    int n = 0;
    uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
    do {
        buf[sizeof buf - 1 - n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        buf[sizeof buf - 1 - n++] = '-';
    o->fn(o->ctx, buf + sizeof buf - n, (size_t)n);
}

static const char *const char_names[128] = {
    [0] = "null", [7] = "alarm", [8] = "backspace", [9] = "tab", [10] = "newline",
    [13] = "return", [27] = "escape", [32] = "space", [127] = "delete",
};

static void print_char(struct out *o, uint32_t c)
{
    uint8_t b[4];
    if (o->display) {
        o->fn(o->ctx, (const char *)b, utf8_encode(c, b));
        return;
    }
    puts_(o, "#\\");
    if (c < 128 && char_names[c])
        puts_(o, char_names[c]);
    else if (c < 32)
        puts_(o, "x"), put_hex(o, c);
    else
        o->fn(o->ctx, (const char *)b, utf8_encode(c, b));
}

static void print_string(struct lisp *l, struct out *o, lv s)
{
    const uint8_t *b = bytes_of(l, s);
    size_t n = bytes_len(l, s);
    if (o->display) {
        o->fn(o->ctx, (const char *)b, n);
        return;
    }
    puts_(o, "\"");
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t c = b[i];
        const char *esc = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\n' ? "\\n" : c == '\t' ? "\\t"
                        : c == '\r' ? "\\r" : c == 7 ? "\\a" : c == 8 ? "\\b" : NULL;
        if (!esc && c >= 32 && c != 127)
            continue;
        o->fn(o->ctx, (const char *)b + run, i - run);
        run = i + 1;
        if (esc) {
            puts_(o, esc);
        } else {
            puts_(o, "\\x");
            put_hex(o, c);
            puts_(o, ";");
        }
    }
    o->fn(o->ctx, (const char *)b + run, n - run);
    puts_(o, "\"");
}

/* Whether a symbol's name reads back as that symbol without bars. */
static bool plain_symbol(const uint8_t *b, size_t n)
{
    if (n == 0 || (n == 1 && b[0] == '.') || b[0] == '#' || b[0] == '@')
        return false;
    if ((b[0] >= '0' && b[0] <= '9') ||
        ((b[0] == '+' || b[0] == '-' || b[0] == '.') && n > 1 && b[1] >= '0' && b[1] <= '9'))
        return false;
    for (size_t i = 0; i < n; i++) {
        uint8_t c = b[i];
        if (c <= 32 || c == 127 || c == '(' || c == ')' || c == '"' || c == ';' || c == '\'' ||
            c == '`' || c == ',' || c == '|' || c == '[' || c == ']')
            return false;
    }
    return true;
}

static void print_symbol(struct lisp *l, struct out *o, lv s)
{
    lv name = sym_name(l, s);
    const uint8_t *b = bytes_of(l, name);
    size_t n = bytes_len(l, name);
    if (o->display || plain_symbol(b, n)) {
        o->fn(o->ctx, (const char *)b, n);
        return;
    }
    puts_(o, "|");
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (b[i] != '|' && b[i] != '\\' && b[i] >= 32)
            continue;
        o->fn(o->ctx, (const char *)b + run, i - run);
        run = i + 1;
        if (b[i] < 32) {
            puts_(o, "\\x");
            put_hex(o, b[i]);
            puts_(o, ";");
        } else {
            puts_(o, b[i] == '|' ? "\\|" : "\\\\");
        }
    }
    o->fn(o->ctx, (const char *)b + run, n - run);
    puts_(o, "|");
}

static void print(struct lisp *l, struct out *o, lv v, unsigned depth);

/* Printing a bignum allocates, so a compound printer keeps what it still
 * has to print in root slots. */
static void print_seq(struct lisp *l, struct out *o, lv v, uint64_t from, unsigned depth)
{
    size_t m = root_mark(l);
    lv *rv = root(l, v);
    for (uint64_t i = from; i < obj_size(l, *rv); i++) {
        if (i > from)
            puts_(o, " ");
        print(l, o, field(l, *rv, i), depth + 1);
    }
    unroot(l, m);
}

/* The elements of a list, space-separated. */
static void print_items(struct lisp *l, struct out *o, lv list, unsigned depth)
{
    size_t m = root_mark(l);
    for (lv *p = root(l, list); is_pair(*p); *p = cdr(l, *p)) {
        puts_(o, " ");
        print(l, o, car(l, *p), depth + 1);
    }
    unroot(l, m);
}

static const char *prefix_of(struct lisp *l, lv head)
{
    return head == SYM(l, S_QUOTE) ? "'" : head == SYM(l, S_QUASIQUOTE) ? "`"
         : head == SYM(l, S_UNQUOTE) ? "," : head == SYM(l, S_UNQUOTE_SPLICING) ? ",@"
         : head == SYM(l, S_DEREF) ? "@" : NULL;
}

static void print_pair(struct lisp *l, struct out *o, lv v, unsigned depth)
{
    lv rest = cdr(l, v);
    const char *pre = prefix_of(l, car(l, v));
    if (pre && is_pair(rest) && cdr(l, rest) == AM_NIL) {
        puts_(o, pre);
        /* ,@x would read as unquote-splicing: keep , and @x apart. */
        lv x = car(l, rest);
        if (pre[0] == ',' && !pre[1] && is_pair(x) && car(l, x) == SYM(l, S_DEREF) && is_pair(cdr(l, x)) &&
            cdr(l, cdr(l, x)) == AM_NIL)
            puts_(o, " ");
        print(l, o, car(l, rest), depth + 1);
        return;
    }
    size_t m = root_mark(l);
    lv *p = root(l, v), *slow = root(l, v);
    puts_(o, "(");
    print(l, o, car(l, *p), depth + 1);
    /* A slow pointer at half speed detects a circular list. */
    bool step = false;
    for (*p = cdr(l, *p); is_pair(*p); *p = cdr(l, *p)) {
        if (*p == *slow) {
            puts_(o, " ...");
            break;
        }
        if (step)
            *slow = cdr(l, *slow);
        step = !step;
        puts_(o, " ");
        print(l, o, car(l, *p), depth + 1);
    }
    if (!is_pair(*p) && *p != AM_NIL) {
        puts_(o, " . ");
        print(l, o, *p, depth + 1);
    }
    puts_(o, ")");
    unroot(l, m);
}

static void print_named(struct lisp *l, struct out *o, const char *what, lv name)
{
    puts_(o, "#<");
    puts_(o, what);
    if (is_symbol(name)) {
        puts_(o, " ");
        print_symbol(l, o, name);
    }
    puts_(o, ">");
}

static void print_object(struct lisp *l, struct out *o, lv v, unsigned depth)
{
    size_t m = root_mark(l);
    lv *rv = root(l, v);
    struct out w = {o->fn, o->ctx, false};
    switch (obj_kind(l, v)) {
    case KIND_STRING: print_string(l, o, v); break;
    case KIND_VECTOR:
        puts_(o, "#(");
        print_seq(l, o, v, 0, depth);
        puts_(o, ")");
        break;
    case KIND_BYTEVECTOR:
        puts_(o, "#u8(");
        for (size_t i = 0; i < bytes_len(l, v); i++) {
            if (i)
                puts_(o, " ");
            put_int(o, bytes_of(l, v)[i]);
        }
        puts_(o, ")");
        break;
    case KIND_BIGNUM: {
        lv s = num_to_string(l, v, 10);
        o->fn(o->ctx, (const char *)bytes_of(l, s), bytes_len(l, s));
        break;
    }
    case KIND_CLOSURE: print_named(l, o, "procedure", field(l, field(l, v, 0), 5)); break;
    case KIND_PRIM: print_named(l, o, "procedure", field(l, v, 1)); break;
    case KIND_MACRO: puts_(o, "#<macro>"); break;
    case KIND_CONT: puts_(o, "#<continuation>"); break;
    case KIND_VALUES:
        /* Printed as the values, space-separated, as a REPL shows them. */
        if (is_pair(field(l, v, 0))) {
            print(l, o, car(l, field(l, v, 0)), depth + 1);
            print_items(l, o, cdr(l, field(l, *rv, 0)), depth);
        }
        break;
    case KIND_CONDITION:
        puts_(o, "#<");
        print(l, o, field(l, v, 0), depth + 1);
        puts_(o, " ");
        print_string(l, &w, field(l, *rv, 1));
        print_items(l, &w, field(l, *rv, 2), depth);
        puts_(o, ">");
        break;
    case KIND_HASHTABLE:
        puts_(o, "#<hash-table ");
        put_int(o, fx(field(l, v, 0)));
        puts_(o, ">");
        break;
    case KIND_ATOM:
        puts_(o, "#<atom ");
        print(l, o, field(l, v, 0), depth + 1);
        puts_(o, ">");
        break;
    case KIND_CHANNEL: puts_(o, "#<channel>"); break;
    case KIND_PORT: puts_(o, "#<port>"); break;
    case KIND_ALIAS: print(l, o, field(l, v, 0), depth); break;
    case KIND_RECORD:
        puts_(o, "#<");
        print(l, o, field(l, field(l, v, 0), 0), depth + 1);
        if (obj_size(l, *rv) > 1)
            puts_(o, " ");
        print_seq(l, o, *rv, 1, depth);
        puts_(o, ">");
        break;
    default: puts_(o, "#<object>"); break;
    }
    unroot(l, m);
}

static void print(struct lisp *l, struct out *o, lv v, unsigned depth)
{
    if (depth > LISP_C_DEPTH) {
        puts_(o, "...");
        return;
    }
    switch (lv_type(v)) {
    case AM_T_FIXNUM: put_int(o, fx(v)); return;
    case AM_T_CHAR: print_char(o, char_code(v)); return;
    case AM_T_IMM: {
        static const char *const imm[] = {"()", "#f", "#t", "#<unbound>", "#<eof>", "#<unspecified>", "#<default>"};
        uint64_t d = (uint64_t)AM_DATUM(v);
        puts_(o, d < 7 ? imm[d] : "#<imm>");
        return;
    }
    case AM_T_CONS: print_pair(l, o, v, depth); return;
    case AM_T_SYMBOL: print_symbol(l, o, v); return;
    case AM_T_OBJECT: print_object(l, o, v, depth); return;
    default: puts_(o, "#<raw>"); return;
    }
}

void lisp_print(struct lisp *l, lv v, bool display, void (*fn)(void *ctx, const char *s, size_t n), void *ctx)
{
    struct out o = {fn, ctx, display};
    struct lisp_catch c;
    lisp_catch_push(l, &c);
    if (setjmp(c.jb)) {
        puts_(&o, "#<error while printing>");
        return;
    }
    size_t m = root_mark(l);
    root(l, v);
    print(l, &o, v, 0);
    unroot(l, m);
    lisp_catch_pop(l, &c);
}

struct bufsink {
    char *buf;
    size_t size, len;
};

static void to_buf(void *ctx, const char *s, size_t n)
{
    struct bufsink *b = ctx;
    for (size_t i = 0; i < n; i++, b->len++)
        if (b->len + 1 < b->size)
            b->buf[b->len] = s[i];
}

size_t lisp_print_buf(struct lisp *l, lv v, bool display, char *buf, size_t size)
{
    struct bufsink b = {buf, size, 0};
    lisp_print(l, v, display, to_buf, &b);
    if (size)
        buf[b.len < size ? b.len : size - 1] = 0;
    return b.len;
}
