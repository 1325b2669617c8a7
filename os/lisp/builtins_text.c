/* Strings (immutable, UTF-8), characters, symbols, and output. */
#include <string.h>

#include "builtins.h"
#include "reader.h"
#include "text.h"
#include "symbol.h"

#define PRIM(name) static lv name(struct lisp *l, lv *a, size_t n)

static lv str(struct lisp *l, lv v) { return arg_kind(l, v, KIND_STRING, "not a string"); }

static uint32_t chr(struct lisp *l, lv v)
{
    if (!is_char(v))
        lisp_error1(l, "not a character", v);
    return char_code(v);
}

/* A new string of len bytes copied from the heap bytes of src at off. */
static lv substring_bytes(struct lisp *l, lv *src, size_t off, size_t len)
{
    lv s = lisp_alloc_raw(l, KIND_STRING, 1, len);
    set_field(l, s, 0, mkfx((int64_t)len));
    if (len)
        memcpy(bytes_of(l, s), bytes_of(l, *src) + off, len);
    return s;
}

PRIM(p_string_p) { (void)n; return mkbool(is_string(l, a[0])); }
PRIM(p_string_length) { (void)n; return mkfx((int64_t)string_chars(l, str(l, a[0]))); }

PRIM(p_string_ref)
{
    (void)n;
    size_t k = arg_index(l, a[1], string_chars(l, str(l, a[0])));
    size_t off = string_offset(l, a[0], k);
    return mkchar(utf8_decode(bytes_of(l, a[0]), bytes_len(l, a[0]), &off));
}

PRIM(p_substring)
{
    size_t chars = string_chars(l, str(l, a[0]));
    size_t end = n > 2 ? arg_index(l, a[2], chars + 1) : chars;
    size_t start = n > 1 ? arg_index(l, a[1], end + 1) : 0;
    size_t b0 = string_offset(l, a[0], start), b1 = string_offset(l, a[0], end);
    return substring_bytes(l, &a[0], b0, b1 - b0);
}

PRIM(p_string_append)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += bytes_len(l, str(l, a[i]));
    lv s = lisp_alloc_raw(l, KIND_STRING, 1, len);
    set_field(l, s, 0, mkfx((int64_t)len));
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        memcpy(bytes_of(l, s) + at, bytes_of(l, a[i]), bytes_len(l, a[i]));
        at += bytes_len(l, a[i]);
    }
    return s;
}

/* A string from a list of characters. */
static lv chars_to_string(struct lisp *l, lv list)
{
    size_t len = 0;
    uint8_t tmp[4];
    for (lv p = list; is_pair(p); p = cdr(l, p))
        len += utf8_encode(chr(l, car(l, p)), tmp);
    size_t m = root_mark(l);
    lv *rl = root(l, list);
    lv s = lisp_alloc_raw(l, KIND_STRING, 1, len);
    set_field(l, s, 0, mkfx((int64_t)len));
    size_t at = 0;
    for (lv p = *rl; is_pair(p); p = cdr(l, p))
        at += utf8_encode(char_code(car(l, p)), bytes_of(l, s) + at);
    unroot(l, m);
    return s;
}

PRIM(p_list_to_string)
{
    (void)n;
    list_length(l, a[0]);
    return chars_to_string(l, a[0]);
}

PRIM(p_string) { return chars_to_string(l, list_from(l, a, n)); }

PRIM(p_make_string)
{
    int64_t k = arg_fixnum(l, a[0]);
    if (k < 0)
        lisp_error1(l, "negative length", a[0]);
    size_t m = root_mark(l);
    lv *list = root(l, AM_NIL);
    lv c = n > 1 ? a[1] : mkchar(' ');
    chr(l, c);
    for (int64_t i = 0; i < k; i++)
        *list = cons(l, c, *list);
    lv s = chars_to_string(l, *list);
    unroot(l, m);
    return s;
}

PRIM(p_string_to_list)
{
    (void)n;
    str(l, a[0]);
    size_t m = root_mark(l);
    lv *r = root(l, AM_NIL);
    size_t len = bytes_len(l, a[0]);
    /* Decode backwards: find each character's start from the end. */
    size_t end = len;
    while (end > 0) {
        size_t start = end - 1;
        while (start > 0 && (bytes_of(l, a[0])[start] & 0xc0) == 0x80)
            start--;
        size_t at = start;
        uint32_t c = utf8_decode(bytes_of(l, a[0]), len, &at);
        *r = cons(l, mkchar(c), *r);
        end = start;
    }
    lv res = *r;
    unroot(l, m);
    return res;
}

PRIM(p_string_copy)
{
    (void)n;
    str(l, a[0]);
    return substring_bytes(l, &a[0], 0, bytes_len(l, a[0]));
}

static int string_cmp(struct lisp *l, lv x, lv y)
{
    size_t nx = bytes_len(l, str(l, x)), ny = bytes_len(l, str(l, y));
    int c = memcmp(bytes_of(l, x), bytes_of(l, y), nx < ny ? nx : ny);
    return c ? (c < 0 ? -1 : 1) : nx < ny ? -1 : nx > ny;
}

static lv string_compare(struct lisp *l, lv *a, size_t n, int lo, int hi)
{
    for (size_t i = 0; i < n; i++)
        str(l, a[i]);
    for (size_t i = 0; i + 1 < n; i++) {
        int c = string_cmp(l, a[i], a[i + 1]);
        if (c < lo || c > hi)
            return AM_FALSE;
    }
    return AM_TRUE;
}

PRIM(p_string_eq) { return string_compare(l, a, n, 0, 0); }
PRIM(p_string_lt) { return string_compare(l, a, n, -1, -1); }
PRIM(p_string_gt) { return string_compare(l, a, n, 1, 1); }
PRIM(p_string_le) { return string_compare(l, a, n, -1, 0); }
PRIM(p_string_ge) { return string_compare(l, a, n, 0, 1); }

static lv string_case(struct lisp *l, lv s, bool up)
{
    lv *rs = root(l, str(l, s));
    lv r = substring_bytes(l, rs, 0, bytes_len(l, *rs));
    uint8_t *b = bytes_of(l, r);
    for (size_t i = 0; i < bytes_len(l, r); i++)
        if (up ? (b[i] >= 'a' && b[i] <= 'z') : (b[i] >= 'A' && b[i] <= 'Z'))
            b[i] ^= 0x20;
    return r;
}

PRIM(p_string_upcase) { (void)n; return string_case(l, a[0], true); }
PRIM(p_string_downcase) { (void)n; return string_case(l, a[0], false); }

PRIM(p_string_to_symbol)
{
    (void)n;
    return intern_string(l, str(l, a[0]));
}

PRIM(p_symbol_to_string)
{
    (void)n;
    if (!is_symbol(a[0]))
        lisp_error1(l, "not a symbol", a[0]);
    lv *name = root(l, sym_name(l, a[0]));
    return substring_bytes(l, name, 0, bytes_len(l, *name));
}

PRIM(p_char_p) { (void)l; (void)n; return mkbool(is_char(a[0])); }
PRIM(p_char_to_integer) { (void)n; return mkfx(chr(l, a[0])); }

PRIM(p_integer_to_char)
{
    (void)n;
    int64_t c = arg_fixnum(l, a[0]);
    if (c < 0 || c > 0x10ffff || (c >= 0xd800 && c < 0xe000))
        lisp_error1(l, "not a Unicode scalar value", a[0]);
    return mkchar((uint32_t)c);
}

PRIM(p_char_upcase)
{
    (void)n;
    uint32_t c = chr(l, a[0]);
    return mkchar(c >= 'a' && c <= 'z' ? c - 32 : c);
}

PRIM(p_char_downcase)
{
    (void)n;
    uint32_t c = chr(l, a[0]);
    return mkchar(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

PRIM(p_char_alphabetic)
{
    (void)n;
    uint32_t c = chr(l, a[0]);
    return mkbool((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

PRIM(p_char_numeric) { (void)n; uint32_t c = chr(l, a[0]); return mkbool(c >= '0' && c <= '9'); }

PRIM(p_char_whitespace)
{
    (void)n;
    uint32_t c = chr(l, a[0]);
    return mkbool(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f');
}

static lv char_compare(struct lisp *l, lv *a, size_t n, int lo, int hi)
{
    for (size_t i = 0; i < n; i++)
        chr(l, a[i]);
    for (size_t i = 0; i + 1 < n; i++) {
        uint32_t x = char_code(a[i]), y = char_code(a[i + 1]);
        int c = x < y ? -1 : x > y;
        if (c < lo || c > hi)
            return AM_FALSE;
    }
    return AM_TRUE;
}

PRIM(p_char_eq) { return char_compare(l, a, n, 0, 0); }
PRIM(p_char_lt) { return char_compare(l, a, n, -1, -1); }
PRIM(p_char_gt) { return char_compare(l, a, n, 1, 1); }
PRIM(p_char_le) { return char_compare(l, a, n, -1, 0); }
PRIM(p_char_ge) { return char_compare(l, a, n, 0, 1); }

static void out_port(void *ctx, const char *s, size_t n)
{
    struct lisp *l = ctx;
    if (l->out.write)
        l->out.write(l->out.ctx, s, n);
}

static lv print_to_string(struct lisp *l, lv v, bool display);

/* Output ports: the embedder's (field #f) or a string port, which keeps
 * the strings written to it, newest first. */
static lv make_port(struct lisp *l, lv text)
{
    size_t m = root_mark(l);
    lv *rt = root(l, text);
    lv p = lisp_alloc_obj(l, KIND_PORT, 1);
    set_field(l, p, 0, *rt);
    unroot(l, m);
    return p;
}

static void emit(struct lisp *l, lv *args, size_t n, size_t port_at, lv v, bool display)
{
    if (n <= port_at || field(l, arg_kind(l, args[port_at], KIND_PORT, "not an output port"), 0) == AM_FALSE) {
        lisp_print(l, v, display, out_port, l);
        return;
    }
    lv s = print_to_string(l, v, display);
    lv cell = cons(l, s, field(l, args[port_at], 0));
    set_field(l, args[port_at], 0, cell);
}

PRIM(p_write) { emit(l, a, n, 1, a[0], false); return AM_UNSPECIFIED; }
PRIM(p_display) { emit(l, a, n, 1, a[0], true); return AM_UNSPECIFIED; }
PRIM(p_newline) { emit(l, a, n, 0, mkchar('\n'), true); return AM_UNSPECIFIED; }

PRIM(p_write_string)
{
    str(l, a[0]);
    emit(l, a, n, 1, a[0], true);
    return AM_UNSPECIFIED;
}

PRIM(p_write_char)
{
    chr(l, a[0]);
    emit(l, a, n, 1, a[0], true);
    return AM_UNSPECIFIED;
}

PRIM(p_current_output_port) { (void)a; (void)n; return make_port(l, AM_FALSE); }
PRIM(p_open_output_string) { (void)a; (void)n; return make_port(l, AM_NIL); }

PRIM(p_get_output_string)
{
    (void)n;
    lv text = field(l, arg_kind(l, a[0], KIND_PORT, "not an output port"), 0);
    if (text == AM_FALSE)
        lisp_error1(l, "not a string port", a[0]);
    size_t len = 0;
    for (lv p = text; is_pair(p); p = cdr(l, p))
        len += bytes_len(l, car(l, p));
    lv s = lisp_alloc_raw(l, KIND_STRING, 1, len);
    set_field(l, s, 0, mkfx((int64_t)len));
    size_t end = len;
    for (lv p = field(l, a[0], 0); is_pair(p); p = cdr(l, p)) {
        size_t k = bytes_len(l, car(l, p));
        end -= k;
        memcpy(bytes_of(l, s) + end, bytes_of(l, car(l, p)), k);
    }
    return s;
}

/* (read string): the first datum of the text, or the eof object. */
PRIM(p_read)
{
    (void)n;
    size_t pos = 0;
    lv out;
    int r = read_string(l, str(l, a[0]), &pos, &out);
    if (r < 0)
        lisp_raise(l, out);
    return r == 0 ? AM_EOF : out;
}

/* (write-to-string v) and (display-to-string v): the printed text. */
struct counting {
    struct lisp *l;
    lv *buf;
    size_t len;
};

static void to_string(void *ctx, const char *s, size_t n)
{
    struct counting *c = ctx;
    if (*c->buf != AM_FALSE)
        memcpy(bytes_of(c->l, *c->buf) + c->len, s, n);
    c->len += n;
}

static lv print_to_string(struct lisp *l, lv v, bool display)
{
    size_t m = root_mark(l);
    lv *rv = root(l, v);
    struct counting c = {l, root(l, AM_FALSE), 0};
    lisp_print(l, *rv, display, to_string, &c);
    *c.buf = lisp_alloc_raw(l, KIND_STRING, 1, c.len);
    set_field(l, *c.buf, 0, mkfx((int64_t)c.len));
    c.len = 0;
    lisp_print(l, *rv, display, to_string, &c);
    lv s = *c.buf;
    unroot(l, m);
    return s;
}

PRIM(p_write_to_string) { (void)n; return print_to_string(l, a[0], false); }
PRIM(p_display_to_string) { (void)n; return print_to_string(l, a[0], true); }

static const struct lisp_prim prims[] = {
    {"string?", p_string_p, 1, 1, CTL_NONE, -1},
    {"string-length", p_string_length, 1, 1, CTL_NONE, -1},
    {"string-ref", p_string_ref, 2, 2, CTL_NONE, -1},
    {"substring", p_substring, 1, 3, CTL_NONE, -1},
    {"string-append", p_string_append, 0, -1, CTL_NONE, -1},
    {"list->string", p_list_to_string, 1, 1, CTL_NONE, -1},
    {"string", p_string, 0, -1, CTL_NONE, -1},
    {"make-string", p_make_string, 1, 2, CTL_NONE, -1},
    {"string->list", p_string_to_list, 1, 1, CTL_NONE, -1},
    {"string-copy", p_string_copy, 1, 1, CTL_NONE, -1},
    {"string=?", p_string_eq, 1, -1, CTL_NONE, -1},
    {"string<?", p_string_lt, 1, -1, CTL_NONE, -1},
    {"string>?", p_string_gt, 1, -1, CTL_NONE, -1},
    {"string<=?", p_string_le, 1, -1, CTL_NONE, -1},
    {"string>=?", p_string_ge, 1, -1, CTL_NONE, -1},
    {"string-upcase", p_string_upcase, 1, 1, CTL_NONE, -1},
    {"string-downcase", p_string_downcase, 1, 1, CTL_NONE, -1},
    {"string->symbol", p_string_to_symbol, 1, 1, CTL_NONE, -1},
    {"symbol->string", p_symbol_to_string, 1, 1, CTL_NONE, -1},
    {"char?", p_char_p, 1, 1, CTL_NONE, -1},
    {"char->integer", p_char_to_integer, 1, 1, CTL_NONE, -1},
    {"integer->char", p_integer_to_char, 1, 1, CTL_NONE, -1},
    {"char-upcase", p_char_upcase, 1, 1, CTL_NONE, -1},
    {"char-downcase", p_char_downcase, 1, 1, CTL_NONE, -1},
    {"char-alphabetic?", p_char_alphabetic, 1, 1, CTL_NONE, -1},
    {"char-numeric?", p_char_numeric, 1, 1, CTL_NONE, -1},
    {"char-whitespace?", p_char_whitespace, 1, 1, CTL_NONE, -1},
    {"char=?", p_char_eq, 1, -1, CTL_NONE, -1},
    {"char<?", p_char_lt, 1, -1, CTL_NONE, -1},
    {"char>?", p_char_gt, 1, -1, CTL_NONE, -1},
    {"char<=?", p_char_le, 1, -1, CTL_NONE, -1},
    {"char>=?", p_char_ge, 1, -1, CTL_NONE, -1},
    {"write", p_write, 1, 2, CTL_NONE, -1},
    {"display", p_display, 1, 2, CTL_NONE, -1},
    {"newline", p_newline, 0, 1, CTL_NONE, -1},
    {"write-string", p_write_string, 1, 2, CTL_NONE, -1},
    {"write-char", p_write_char, 1, 2, CTL_NONE, -1},
    {"current-output-port", p_current_output_port, 0, 0, CTL_NONE, -1},
    {"open-output-string", p_open_output_string, 0, 0, CTL_NONE, -1},
    {"get-output-string", p_get_output_string, 1, 1, CTL_NONE, -1},
    {"read", p_read, 1, 1, CTL_NONE, -1},
    {"write-to-string", p_write_to_string, 1, 1, CTL_NONE, -1},
    {"display-to-string", p_display_to_string, 1, 1, CTL_NONE, -1},
};

PRIM_TABLE(prims_text, prims);
