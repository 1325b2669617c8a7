/* mixed: a Dhrystone-like blend of everyday integer code (our own program).
 *
 * Measures the instruction mix of ordinary systems code rather than one
 * kernel: byte loads and stores, string handling, switch statements and
 * indirect jumps, small function calls, structure and pointer manipulation,
 * hashing, and divide/remainder. One round:
 *   1. generates a pseudo-random text from a small vocabulary (words,
 *      capitalised words, numbers, punctuation);
 *   2. tokenises it with a character-class state machine, lower-cases words,
 *      counts them in an open-addressing hash table (string compares), and
 *      sums the numbers it parses;
 *   3. turns the table into records in a sorted linked list, walks it with a
 *      switch on each record's kind doing divisions and remainders, unlinks
 *      some, and formats values back to decimal strings;
 *   4. runs a small stack-machine bytecode interpreter on a program that sums
 *      Collatz sequence lengths, and checks it against the same computation
 *      in C. */
#include "bench.h"

#define BENCH_DEFAULT_ROUNDS 80

/* ---------- small string helpers (no libc) ---------- */

static __attribute__((noinline)) long str_len(const char *s)
{
    const char *p = s;
    while (*p)
        p++;
    return p - s;
}

static __attribute__((noinline)) int str_eq(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

static __attribute__((noinline)) void str_copy(char *d, const char *s)
{
    while ((*d++ = *s++))
        ;
}

static long fmt_dec(char *out, int64_t v)
{
    char tmp[24];
    long n = 0, k = 0;
    uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        out[k++] = '-';
    while (n)
        out[k++] = tmp[--n];
    out[k] = 0;
    return k;
}

static int64_t parse_dec(const char *s)
{
    int64_t v = 0, sign = 1;
    if (*s == '-') {
        sign = -1;
        s++;
    }
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (*s++ - '0');
    return sign * v;
}

/* ---------- 1. text generation ---------- */

static const char *const vocab[] = {
    "amber", "lisp", "cons", "car", "cdr", "lambda", "atom", "value",
    "image", "memory", "persistent", "window", "object", "store", "tag",
    "pointer", "garbage", "collector", "machine", "register", "page", "flip",
    "checkpoint", "ticket", "device", "display", "keyboard", "cursor",
    "compiler", "closure", "symbol", "environment",
};
#define NVOCAB (sizeof vocab / sizeof vocab[0])
#define TEXT_MAX 40960
#define NWORDS 4000

static char text[TEXT_MAX];

static long gen_text(uint64_t *rs)
{
    long n = 0;
    for (int w = 0; w < NWORDS; w++) {
        uint64_t r = rng_next(rs);
        if ((r & 15) == 0) {
            n += fmt_dec(text + n, (int64_t)((r >> 8) % 100000) - ((r & 16) ? 5000 : 0));
        } else {
            const char *s = vocab[(r >> 8) % NVOCAB];
            long k = n;
            str_copy(text + n, s);
            n += str_len(s);
            if ((r >> 16) % 7 == 0)
                text[k] = (char)(text[k] - 'a' + 'A');
        }
        switch ((r >> 24) % 11) {
        case 0: text[n++] = ','; text[n++] = ' '; break;
        case 1: text[n++] = '.'; text[n++] = '\n'; break;
        case 2: text[n++] = ' '; text[n++] = ' '; break;
        default: text[n++] = ' '; break;
        }
    }
    text[n] = 0;
    BENCH_CHECK(n < TEXT_MAX);
    return n;
}

/* ---------- 2. tokeniser and word table ---------- */

enum cclass { C_SPACE, C_ALPHA, C_DIGIT, C_MINUS, C_PUNCT };

static enum cclass classify(char c)
{
    if (c == ' ' || c == '\n' || c == '\t')
        return C_SPACE;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return C_ALPHA;
    if (c >= '0' && c <= '9')
        return C_DIGIT;
    if (c == '-')
        return C_MINUS;
    return C_PUNCT;
}

#define TABSZ 128 /* power of two, more than twice the vocabulary */
struct entry {
    char word[16];
    uint32_t hash;
    int32_t count;
};
static struct entry table[TABSZ];

static uint32_t hash_str(const char *s)
{
    uint32_t h = 2166136261u;
    while (*s)
        h = (h ^ (uint8_t)*s++) * 16777619u;
    return h;
}

static void count_word(const char *w)
{
    uint32_t h = hash_str(w);
    for (uint32_t i = h & (TABSZ - 1);; i = (i + 1) & (TABSZ - 1)) {
        struct entry *e = &table[i];
        if (e->count == 0) {
            str_copy(e->word, w);
            e->hash = h;
            e->count = 1;
            return;
        }
        if (e->hash == h && str_eq(e->word, w)) {
            e->count++;
            return;
        }
    }
}

struct tokstats {
    long words, numbers, punct, sentences;
    int64_t numsum;
};

static void tokenise(const char *p, struct tokstats *st)
{
    char tok[24];
    int n = 0;
    enum { S_IDLE, S_WORD, S_NUM } state = S_IDLE;
    for (;; p++) {
        char c = *p;
        enum cclass cl = c ? classify(c) : C_SPACE;
        switch (state) {
        case S_WORD:
            if (cl == C_ALPHA) {
                tok[n++] = (char)(c | 0x20);
                continue;
            }
            tok[n] = 0;
            count_word(tok);
            st->words++;
            break;
        case S_NUM:
            if (cl == C_DIGIT) {
                tok[n++] = c;
                continue;
            }
            tok[n] = 0;
            st->numsum += parse_dec(tok);
            st->numbers++;
            break;
        case S_IDLE:
            break;
        }
        if (!c)
            return;
        n = 0;
        switch (cl) {
        case C_ALPHA:
            tok[n++] = (char)(c | 0x20);
            state = S_WORD;
            break;
        case C_DIGIT:
        case C_MINUS:
            tok[n++] = c;
            state = S_NUM;
            break;
        case C_PUNCT:
            st->punct++;
            if (c == '.')
                st->sentences++;
            state = S_IDLE;
            break;
        case C_SPACE:
            state = S_IDLE;
            break;
        }
    }
}

/* ---------- 3. records in a sorted linked list ---------- */

enum kind { K_PLAIN, K_SCALED, K_MODULAR, K_MIRROR, K_DECAY };
struct rec {
    struct rec *next;
    int32_t id;
    enum kind kind;
    int64_t value;
    char label[24];
};
static struct rec recs[TABSZ];

static struct rec *insert_sorted(struct rec *head, struct rec *r)
{
    struct rec **pp = &head;
    while (*pp && ((*pp)->value < r->value ||
                   ((*pp)->value == r->value && (*pp)->id < r->id)))
        pp = &(*pp)->next;
    r->next = *pp;
    *pp = r;
    return head;
}

static int64_t step_rec(struct rec *r, int pass)
{
    int64_t v = r->value;
    switch (r->kind) {
    case K_PLAIN:
        v += pass;
        break;
    case K_SCALED:
        v = v * 3 / 2 + r->id % 5;
        break;
    case K_MODULAR:
        v = (v * 31 + pass) % 1000003;
        break;
    case K_MIRROR:
        v = -v + (int64_t)r->id * (pass + 1);
        break;
    case K_DECAY:
        v = v / (r->id % 7 + 2);
        break;
    }
    r->value = v;
    return v;
}

static uint64_t process_records(uint64_t h)
{
    struct rec *head = 0;
    int nrec = 0;
    for (int i = 0; i < TABSZ; i++) {
        if (!table[i].count)
            continue;
        struct rec *r = &recs[nrec];
        r->id = nrec;
        r->kind = (enum kind)(table[i].hash % 5);
        r->value = (int64_t)table[i].count * 1000 + (int64_t)(table[i].hash & 0xfff);
        str_copy(r->label, table[i].word);
        head = insert_sorted(head, r);
        nrec++;
    }
    for (int pass = 0; pass < 48; pass++) {
        struct rec *list = head;
        head = 0;
        while (list) { /* update every record and re-sort the list */
            struct rec *r = list;
            list = list->next;
            step_rec(r, pass);
            if (pass == 20 && r->value % 3 == 0)
                continue; /* unlinked */
            head = insert_sorted(head, r);
        }
    }
    char num[24];
    for (struct rec *r = head; r; r = r->next) {
        long k = fmt_dec(num, r->value);
        BENCH_CHECK(parse_dec(num) == r->value);
        h = mix(h, (uint64_t)r->value);
        h = mix(h, hash_str(r->label) ^ ((uint64_t)k << 32));
    }
    return h;
}

/* ---------- 4. a stack-machine bytecode interpreter ---------- */

enum op { OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD,
          OP_LT, OP_EQ, OP_JMP, OP_JZ, OP_DUP, OP_DROP, OP_HALT };

/* Sum over n in 1..LIMIT of the number of Collatz steps from n to 1.
 * vars: 0 = n, 1 = x, 2 = total, 3 = LIMIT. The numbers on the left are the
 * word offsets that the jumps use. */
static const int32_t collatz_prog[] = {
    /*  0 */ OP_PUSH, 1, OP_STORE, 0,                     /* n = 1 */
    /*  4 */ OP_PUSH, 0, OP_STORE, 2,                     /* total = 0 */
    /*  8 */ OP_LOAD, 3, OP_LOAD, 0, OP_LT,               /* outer: LIMIT < n? */
    /* 13 */ OP_JZ, 16,
    /* 15 */ OP_HALT,
    /* 16 */ OP_LOAD, 0, OP_STORE, 1,                     /* x = n */
    /* 20 */ OP_LOAD, 1, OP_PUSH, 1, OP_EQ,               /* inner: x == 1? */
    /* 25 */ OP_JZ, 36,
    /* 27 */ OP_LOAD, 0, OP_PUSH, 1, OP_ADD, OP_STORE, 0, /* n++ */
    /* 34 */ OP_JMP, 8,
    /* 36 */ OP_LOAD, 1, OP_DUP, OP_PUSH, 2, OP_MOD,       /* x, x % 2 */
    /* 42 */ OP_JZ, 53,
    /* 44 */ OP_PUSH, 3, OP_MUL, OP_PUSH, 1, OP_ADD,      /* 3x + 1 */
    /* 50 */ OP_JMP, 56,
    /* 52 */ OP_HALT,                                     /* (unreachable) */
    /* 53 */ OP_PUSH, 2, OP_DIV,                          /* x / 2 */
    /* 56 */ OP_STORE, 1,
    /* 58 */ OP_LOAD, 2, OP_PUSH, 1, OP_ADD, OP_STORE, 2, /* total++ */
    /* 65 */ OP_JMP, 20,
};

static int64_t run_vm(const int32_t *pc0, int64_t *vars)
{
    int64_t stack[32];
    int sp = 0;
    const int32_t *pc = pc0;
    for (;;) {
        int64_t a, b;
        switch ((enum op)*pc++) {
        case OP_PUSH: stack[sp++] = *pc++; break;
        case OP_LOAD: stack[sp++] = vars[*pc++]; break;
        case OP_STORE: vars[*pc++] = stack[--sp]; break;
        case OP_ADD: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a + b; break;
        case OP_SUB: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a - b; break;
        case OP_MUL: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a * b; break;
        case OP_DIV: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a / b; break;
        case OP_MOD: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a % b; break;
        case OP_LT: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a < b; break;
        case OP_EQ: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a == b; break;
        case OP_JMP: pc = pc0 + *pc; break;
        case OP_JZ:
            if (stack[--sp] == 0)
                pc = pc0 + *pc;
            else
                pc++;
            break;
        case OP_DUP: a = stack[sp - 1]; stack[sp++] = a; break;
        case OP_DROP: sp--; break;
        case OP_HALT: return vars[2];
        }
        BENCH_CHECK(sp >= 0 && sp < 32);
    }
}

#define COLLATZ_LIMIT 150

static uint64_t mixed_round(void)
{
    uint64_t rs = opaque(0xd1a0001);
    uint64_t h = MIX_INIT;

    long n = gen_text(&rs);
    h = mix(h, (uint64_t)n);

    for (int i = 0; i < TABSZ; i++)
        table[i].count = 0;
    struct tokstats st = {0, 0, 0, 0, 0};
    tokenise(text, &st);
    BENCH_CHECK(st.words + st.numbers == NWORDS);
    long counted = 0;
    for (int i = 0; i < TABSZ; i++)
        counted += table[i].count;
    BENCH_CHECK(counted == st.words);
    h = mix(h, (uint64_t)st.words);
    h = mix(h, (uint64_t)st.numbers);
    h = mix(h, (uint64_t)st.punct);
    h = mix(h, (uint64_t)st.sentences);
    h = mix(h, (uint64_t)st.numsum);

    h = process_records(h);

    int64_t vars[4] = {0, 0, 0, (int64_t)opaque(COLLATZ_LIMIT)};
    int64_t total = run_vm(collatz_prog, vars);

    int64_t ref = 0;
    for (int64_t m = 1; m <= COLLATZ_LIMIT; m++)
        for (int64_t x = m; x != 1; x = (x & 1) ? 3 * x + 1 : x / 2)
            ref++;
    BENCH_CHECK(total == ref);
    h = mix(h, (uint64_t)total);
    return h;
}

BENCH_MAIN("mixed", mixed_round, 0x870e5c00c3233c36ULL)
