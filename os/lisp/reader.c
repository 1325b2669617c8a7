/* The reader: R7RS datum syntax plus Interim's byte strings [deadbeef] and
 * Clojure's @x. It recurses once per nesting level, bounded by
 * LISP_C_DEPTH, and reports malformed text as a read-error condition. */
#include <string.h>

#include "reader.h"

#include "number.h"
#include "text.h"
#include "symbol.h"

/* The text: outside the heap, or the bytes of a heap string (src, a root
 * slot), in which case s is re-derived after anything that allocates. */
struct rd {
    const uint8_t *s;
    size_t n, i;
    lv *src;
};

static void refresh(const struct lisp *l, struct rd *r)
{
    if (r->src)
        r->s = bytes_of(l, *r->src);
}

/* Marks returned by read_item besides data. */
#define CLOSE AM_MAKE(AM_T_IMM, 0x100)
#define DOT AM_MAKE(AM_T_IMM, 0x101)
#define END AM_MAKE(AM_T_IMM, 0x102)

static lv read_item(struct lisp *l, struct rd *r);

static bool delimiter(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '(' || c == ')' ||
           c == '"' || c == ';' || c == '[' || c == ']' || c == '\'' || c == '`' || c == ',';
}

static int peek(const struct rd *r) { return r->i < r->n ? r->s[r->i] : -1; }

static void skip_block_comment(struct lisp *l, struct rd *r)
{
    unsigned depth = 1;
    while (depth > 0) {
        if (r->i + 1 >= r->n)
            lisp_read_error(l, "unterminated #| comment");
        if (r->s[r->i] == '|' && r->s[r->i + 1] == '#') {
            depth--;
            r->i += 2;
        } else if (r->s[r->i] == '#' && r->s[r->i + 1] == '|') {
            depth++;
            r->i += 2;
        } else {
            r->i++;
        }
    }
}

/* Skips whitespace and comments (a #; datum comment reads and drops one). */
static void skip_space(struct lisp *l, struct rd *r)
{
    for (;;) {
        int c = peek(r);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            r->i++;
        } else if (c == ';') {
            while (r->i < r->n && r->s[r->i] != '\n')
                r->i++;
        } else if (c == '#' && r->i + 1 < r->n && r->s[r->i + 1] == '|') {
            r->i += 2;
            skip_block_comment(l, r);
        } else if (c == '#' && r->i + 1 < r->n && r->s[r->i + 1] == ';') {
            r->i += 2;
            lv d = read_item(l, r);
            if (d == CLOSE || d == DOT || d == END)
                lisp_read_error(l, "#; needs a datum");
        } else {
            return;
        }
    }
}

static lv read_list(struct lisp *l, struct rd *r)
{
    size_t m = root_mark(l);
    lv *head = root(l, AM_NIL), *tail = root(l, AM_NIL);
    for (;;) {
        lv x = read_item(l, r);
        if (x == END)
            lisp_read_error(l, "unterminated list");
        if (x == CLOSE)
            break;
        if (x == DOT) {
            if (*head == AM_NIL)
                lisp_read_error(l, "nothing before . in a list");
            lv last = read_item(l, r);
            if (last == END || last == CLOSE || last == DOT)
                lisp_read_error(l, "bad datum after . in a list");
            set_cdr(l, *tail, last);
            if (read_item(l, r) != CLOSE)
                lisp_read_error(l, "more than one datum after . in a list");
            break;
        }
        lv cell = cons(l, x, AM_NIL);
        if (*head == AM_NIL)
            *head = cell;
        else
            set_cdr(l, *tail, cell);
        *tail = cell;
    }
    lv res = *head;
    unroot(l, m);
    return res;
}

static lv list_to_vector(struct lisp *l, lv list)
{
    size_t m = root_mark(l);
    lv *rl = root(l, list);
    size_t n = 0;
    for (lv p = list; is_pair(p); p = cdr(l, p))
        n++;
    lv v = lisp_alloc_obj(l, KIND_VECTOR, n);
    size_t k = 0;
    for (lv p = *rl; is_pair(p); p = cdr(l, p))
        set_field(l, v, k++, car(l, p));
    unroot(l, m);
    return v;
}

static lv read_vector(struct lisp *l, struct rd *r)
{
    lv list = read_list(l, r);
    size_t m = root_mark(l);
    lv *rl = root(l, list);
    lv p = list;
    while (is_pair(p))
        p = cdr(l, p);
    if (p != AM_NIL)
        lisp_read_error(l, "dotted vector");
    lv v = list_to_vector(l, *rl);
    unroot(l, m);
    return v;
}

static lv read_u8(struct lisp *l, struct rd *r)
{
    lv list = read_list(l, r);
    size_t m = root_mark(l);
    lv *rl = root(l, list);
    size_t n = 0;
    lv p;
    for (p = list; is_pair(p); p = cdr(l, p)) {
        lv b = car(l, p);
        if (!is_fixnum(b) || fx(b) < 0 || fx(b) > 255)
            lisp_read_error(l, "bytevector element is not a byte");
        n++;
    }
    if (p != AM_NIL)
        lisp_read_error(l, "dotted bytevector");
    lv v = lisp_alloc_raw(l, KIND_BYTEVECTOR, 1, n);
    set_field(l, v, 0, mkfx((int64_t)n));
    size_t k = 0;
    for (p = *rl; is_pair(p); p = cdr(l, p))
        bytes_of(l, v)[k++] = (uint8_t)fx(car(l, p));
    unroot(l, m);
    return v;
}

static int hexval(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Interim's byte string: hex digit pairs up to ']'. */
static lv read_bytes(struct lisp *l, struct rd *r)
{
    size_t start = r->i, digits = 0;
    for (;; r->i++) {
        int c = peek(r);
        if (c == ']')
            break;
        if (c < 0)
            lisp_read_error(l, "unterminated byte string");
        if (hexval(c) >= 0)
            digits++;
        else if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r'))
            lisp_read_error(l, "bad character in byte string");
    }
    if (digits % 2)
        lisp_read_error(l, "odd number of hex digits in byte string");
    lv v = lisp_alloc_raw(l, KIND_BYTEVECTOR, 1, digits / 2);
    refresh(l, r);
    set_field(l, v, 0, mkfx((int64_t)(digits / 2)));
    uint8_t *b = bytes_of(l, v);
    size_t k = 0;
    for (size_t i = start; i < r->i; i++) {
        int h = hexval(r->s[i]);
        if (h < 0)
            continue;
        if (k % 2 == 0)
            b[k / 2] = (uint8_t)(h << 4);
        else
            b[k / 2] |= (uint8_t)h;
        k++;
    }
    r->i++;
    return v;
}

/* Reads \x<hex>; after the x; returns the scalar value. */
static uint32_t read_hex_escape(struct lisp *l, struct rd *r)
{
    uint32_t c = 0;
    unsigned nd = 0;
    while (peek(r) >= 0 && hexval(peek(r)) >= 0) {
        c = c * 16 + (uint32_t)hexval(peek(r));
        if (c > 0x10ffff)
            lisp_read_error(l, "character code out of range");
        r->i++;
        nd++;
    }
    if (nd == 0 || peek(r) != ';' || (c >= 0xd800 && c < 0xe000))
        lisp_read_error(l, "bad \\x escape");
    r->i++;
    return c;
}

/* Strings and |symbols|: the text up to the closing quote q, with escapes,
 * written into scratch heap space and then copied. */
static lv read_quoted(struct lisp *l, struct rd *r, int q, bool symbol)
{
    /* Escapes never make the text longer, so its span bounds the bytes. */
    size_t cap = 0;
    while (r->i + cap < r->n && r->s[r->i + cap] != q)
        cap += r->s[r->i + cap] == '\\' ? 2 : 1;
    size_t m = root_mark(l);
    lv *buf = root(l, lisp_alloc_raw(l, KIND_BYTEVECTOR, 1, cap));
    refresh(l, r);
    uint8_t *b = bytes_of(l, *buf);
    size_t len = 0;
    for (;;) {
        int c = peek(r);
        if (c < 0)
            lisp_read_error(l, symbol ? "unterminated |symbol|" : "unterminated string");
        r->i++;
        if (c == q)
            break;
        if (c != '\\') {
            b[len++] = (uint8_t)c;
            continue;
        }
        c = peek(r);
        if (c < 0)
            continue;
        r->i++;
        uint32_t e;
        switch (c) {
        case 'a': e = 7; break;
        case 'b': e = 8; break;
        case 't': e = 9; break;
        case 'n': e = 10; break;
        case 'r': e = 13; break;
        case 'x': e = read_hex_escape(l, r); break;
        case '"': case '\\': case '|': e = (uint32_t)c; break;
        case ' ': case '\t': case '\n': case '\r': {
            /* \ then optional blanks, a newline and blanks: nothing. */
            r->i--;
            while (peek(r) == ' ' || peek(r) == '\t')
                r->i++;
            if (peek(r) == '\r')
                r->i++;
            if (peek(r) != '\n')
                lisp_read_error(l, "bad line continuation in string");
            r->i++;
            while (peek(r) == ' ' || peek(r) == '\t')
                r->i++;
            continue;
        }
        default:
            lisp_read_error(l, "unknown escape in string");
        }
        len += utf8_encode(e, b + len);
    }
    if (!utf8_valid(b, len))
        lisp_read_error(l, "string is not valid UTF-8");
    lv res = lisp_alloc_raw(l, KIND_STRING, 1, len);
    set_field(l, res, 0, mkfx((int64_t)len));
    memcpy(bytes_of(l, res), bytes_of(l, *buf), len);
    if (symbol)
        res = intern_string(l, res);
    unroot(l, m);
    return res;
}

static const struct {
    const char *name;
    uint32_t code;
} char_names[] = {
    {"alarm", 7}, {"backspace", 8}, {"delete", 127}, {"escape", 27}, {"newline", 10},
    {"null", 0}, {"nul", 0}, {"return", 13}, {"space", 32}, {"tab", 9},
};

static lv read_char(struct lisp *l, struct rd *r)
{
    if (r->i >= r->n)
        lisp_read_error(l, "#\\ at end of text");
    size_t start = r->i;
    uint32_t first = utf8_decode(r->s, r->n, &r->i);
    while (r->i < r->n && !delimiter(r->s[r->i]))
        r->i++;
    size_t len = r->i - start;
    const char *tok = (const char *)r->s + start;
    size_t one = start;
    utf8_decode(r->s, r->n, &one);
    if (one == r->i) {
        if (first == 0xfffd && !(len == 3 && (uint8_t)tok[0] == 0xef))
            lisp_read_error(l, "bad UTF-8 in character");
        return mkchar(first);
    }
    if (tok[0] == 'x' && len > 1) {
        uint32_t c = 0;
        for (size_t k = 1; k < len; k++) {
            int h = hexval(tok[k]);
            if (h < 0 || c > 0x10ffff)
                lisp_read_error(l, "bad #\\x character");
            c = c * 16 + (uint32_t)h;
        }
        if (c > 0x10ffff || (c >= 0xd800 && c < 0xe000))
            lisp_read_error(l, "character code out of range");
        return mkchar(c);
    }
    for (size_t k = 0; k < sizeof char_names / sizeof char_names[0]; k++)
        if (strlen(char_names[k].name) == len && memcmp(char_names[k].name, tok, len) == 0)
            return mkchar(char_names[k].code);
    lisp_read_error(l, "unknown character name");
}

static lv read_number_prefixed(struct lisp *l, struct rd *r, unsigned radix)
{
    size_t start = r->i;
    while (r->i < r->n && !delimiter(r->s[r->i]))
        r->i++;
    lv v = r->src ? num_parse_string(l, *r->src, start, r->i - start, radix)
                  : num_parse(l, (const char *)r->s + start, r->i - start, radix);
    if (v == AM_FALSE)
        lisp_read_error(l, "bad number");
    return v;
}

static lv read_atom(struct lisp *l, struct rd *r)
{
    size_t start = r->i;
    while (r->i < r->n && !delimiter(r->s[r->i]) && r->s[r->i] != '|')
        r->i++;
    const char *tok = (const char *)r->s + start;
    size_t len = r->i - start;
    if (len == 1 && tok[0] == '.')
        return DOT;
    bool numeric = (tok[0] >= '0' && tok[0] <= '9') ||
                   ((tok[0] == '+' || tok[0] == '-' || tok[0] == '.') && len > 1 && tok[1] >= '0' && tok[1] <= '9');
    if (numeric) {
        lv v = r->src ? num_parse_string(l, *r->src, start, len, 10) : num_parse(l, tok, len, 10);
        if (v == AM_FALSE)
            lisp_read_error(l, "bad number (only exact integers are supported)");
        return v;
    }
    if (!utf8_valid((const uint8_t *)tok, len))
        lisp_read_error(l, "symbol is not valid UTF-8");
    if (!r->src)
        return intern(l, tok, len);
    lv name = lisp_alloc_raw(l, KIND_STRING, 1, len);
    refresh(l, r);
    set_field(l, name, 0, mkfx((int64_t)len));
    memcpy(bytes_of(l, name), r->s + start, len);
    return intern_string(l, name);
}

static lv read_prefixed(struct lisp *l, struct rd *r, enum lisp_sym s)
{
    lv d = read_item(l, r);
    if (d == END || d == CLOSE || d == DOT)
        lisp_read_error(l, "quote-like prefix without a datum");
    return list2(l, SYM(l, s), d);
}

static lv read_hash(struct lisp *l, struct rd *r)
{
    int c = peek(r);
    if (c == '(') {
        r->i++;
        return read_vector(l, r);
    }
    if (c == '\\') {
        r->i++;
        return read_char(l, r);
    }
    if (c == 'u' && r->n - r->i >= 3 && memcmp(r->s + r->i, "u8(", 3) == 0) {
        r->i += 3;
        return read_u8(l, r);
    }
    if (c == 'x' || c == 'X' || c == 'b' || c == 'B' || c == 'o' || c == 'O' || c == 'd' || c == 'D') {
        r->i++;
        unsigned radix = (c | 0x20) == 'x' ? 16 : (c | 0x20) == 'b' ? 2 : (c | 0x20) == 'o' ? 8 : 10;
        return read_number_prefixed(l, r, radix);
    }
    size_t start = r->i;
    while (r->i < r->n && !delimiter(r->s[r->i]))
        r->i++;
    size_t len = r->i - start;
    const char *tok = (const char *)r->s + start;
    if ((len == 1 && tok[0] == 't') || (len == 4 && memcmp(tok, "true", 4) == 0))
        return AM_TRUE;
    if ((len == 1 && tok[0] == 'f') || (len == 5 && memcmp(tok, "false", 5) == 0))
        return AM_FALSE;
    lisp_read_error(l, "unknown # syntax");
}

static lv read_item(struct lisp *l, struct rd *r)
{
    refresh(l, r);
    skip_space(l, r);
    int c = peek(r);
    if (c < 0)
        return END;
    r->i++;
    lv res;
    lisp_enter(l);
    switch (c) {
    case '(': res = read_list(l, r); break;
    case ')': res = CLOSE; break;
    case '[': res = read_bytes(l, r); break;
    case ']': lisp_read_error(l, "unexpected ]");
    case '"': res = read_quoted(l, r, '"', false); break;
    case '|': res = read_quoted(l, r, '|', true); break;
    case '\'': res = read_prefixed(l, r, S_QUOTE); break;
    case '`': res = read_prefixed(l, r, S_QUASIQUOTE); break;
    case '@': res = read_prefixed(l, r, S_DEREF); break;
    case ',':
        if (peek(r) == '@') {
            r->i++;
            res = read_prefixed(l, r, S_UNQUOTE_SPLICING);
        } else {
            res = read_prefixed(l, r, S_UNQUOTE);
        }
        break;
    case '#': res = read_hash(l, r); break;
    default:
        r->i--;
        res = read_atom(l, r);
    }
    refresh(l, r);
    lisp_leave(l);
    return res;
}

/* Reads one datum under a catch; on an error r->i has moved past the
 * offending text (at least one byte). */
static int read_top(struct lisp *l, struct rd *r, lv *out)
{
    size_t start = r->i;
    struct lisp_catch c;
    lisp_catch_push(l, &c);
    if (setjmp(c.jb)) {
        if (r->i == start && r->i < r->n)
            r->i++;
        *out = l->reg[R_ERR];
        return -1;
    }
    lv v = read_item(l, r);
    if (v == CLOSE)
        lisp_read_error(l, "unexpected )");
    if (v == DOT)
        lisp_read_error(l, "unexpected .");
    lisp_catch_pop(l, &c);
    if (v == END)
        return 0;
    *out = v;
    return 1;
}

int lisp_read(struct lisp *l, const char *s, size_t n, size_t *pos, lv *out)
{
    struct rd r = {(const uint8_t *)s, n, *pos, NULL};
    int res = read_top(l, &r, out);
    *pos = r.i;
    return res;
}

int read_string(struct lisp *l, lv str, size_t *pos, lv *out)
{
    size_t m = root_mark(l);
    lv *src = root(l, str);
    struct rd r = {bytes_of(l, str), bytes_len(l, str), *pos, src};
    int res = read_top(l, &r, out);
    *pos = r.i;
    unroot(l, m);
    return res;
}
