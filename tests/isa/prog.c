/* A program for the disassembler differential test: it is only compiled and
 * disassembled, never run, so it aims at variety of generated code (every
 * integer width, atomics with every ordering, CSR and system instructions,
 * jump tables, soft-float calls, picolibc's printf) rather than at a task. */
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))

/* --- integer arithmetic at every width ----------------------------------- */

#define ARITH(T, name)                                                        \
    NOINLINE T name##_mix(T a, T b, unsigned s)                                \
    {                                                                          \
        T r = (T)(a + b);                                                      \
        r = (T)(r * (T)(a - b));                                               \
        if (b != 0)                                                            \
            r = (T)(r + a / b + a % b);                                        \
        r = (T)(r ^ (T)(a << (s & 7)) ^ (T)(b >> (s & 7)));                    \
        r = (T)(r | (a & b));                                                  \
        return (T)(r + (a < b) + (a >= b) * 3 + (a == b) * 5);                 \
    }

ARITH(int8_t, i8)
ARITH(uint8_t, u8)
ARITH(int16_t, i16)
ARITH(uint16_t, u16)
ARITH(int32_t, i32)
ARITH(uint32_t, u32)
ARITH(int64_t, i64)
ARITH(uint64_t, u64)

NOINLINE int64_t mul_high_signed(int64_t a, int64_t b)
{
    return (int64_t)(((__int128)a * b) >> 64);
}

NOINLINE uint64_t mul_high_unsigned(uint64_t a, uint64_t b)
{
    return (uint64_t)(((unsigned __int128)a * b) >> 64);
}

NOINLINE int64_t mul_high_mixed(int64_t a, uint64_t b)
{
    return (int64_t)(((__int128)a * (unsigned __int128)b) >> 64);
}

NOINLINE int32_t shifts32(int32_t a, int32_t b)
{
    return (a << 31) + (a >> 17) + (int32_t)((uint32_t)a >> 1) + (a << (b & 31)) +
           (a >> (b & 31)) + (int32_t)((uint32_t)a >> (b & 31));
}

NOINLINE int64_t shifts64(int64_t a, int64_t b)
{
    return (a << 63) + (a >> 40) + (int64_t)((uint64_t)a >> 1) + (a << (b & 63)) +
           (a >> (b & 63)) + (int64_t)((uint64_t)a >> (b & 63));
}

NOINLINE uint64_t big_constants(uint64_t x)
{
    return x * 0x9e3779b97f4a7c15ull + 0x123456789abcdef0ull - 0x7ff + (x & 0xfff) +
           (x | 0x80000000u) + (x ^ -2048);
}

NOINLINE int compare_all(int64_t a, int64_t b, uint64_t c, uint64_t d)
{
    return (a < b) + 2 * (c < d) + 4 * (a < 100) + 8 * (c < 200) + 16 * (a == 0) +
           32 * (c != 0) + 64 * (a > -2048);
}

/* --- bit manipulation ------------------------------------------------------ */

NOINLINE unsigned popcount64(uint64_t x)
{
    unsigned n = 0;
    while (x) {
        x &= x - 1;
        n++;
    }
    return n;
}

NOINLINE uint64_t rotl64(uint64_t x, unsigned r)
{
    return (x << (r & 63)) | (x >> (-r & 63));
}

NOINLINE uint32_t bswap32(uint32_t x)
{
    return (x >> 24) | ((x >> 8) & 0xff00) | ((x << 8) & 0xff0000) | (x << 24);
}

static uint32_t crc_table[256];

NOINLINE void crc32_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

NOINLINE uint32_t crc32(const void *data, size_t len)
{
    const uint8_t *p = data;
    uint32_t c = 0xffffffffu;
    while (len--)
        c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

NOINLINE uint64_t fnv1a(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    while (*s)
        h = (h ^ (uint8_t)*s++) * 0x100000001b3ull;
    return h;
}

/* --- atomics: every operation and ordering -------------------------------- */

static _Atomic int32_t a32;
static _Atomic int64_t a64;

#define ATOMIC_OPS(obj, T, order)                                             \
    do {                                                                       \
        T e = 1;                                                               \
        sum += (int64_t)atomic_fetch_add_explicit(&obj, 3, order);             \
        sum += (int64_t)atomic_fetch_sub_explicit(&obj, 1, order);             \
        sum += (int64_t)atomic_fetch_and_explicit(&obj, 0x7f, order);          \
        sum += (int64_t)atomic_fetch_or_explicit(&obj, 0x100, order);          \
        sum += (int64_t)atomic_fetch_xor_explicit(&obj, 5, order);             \
        sum += (int64_t)atomic_exchange_explicit(&obj, 9, order);              \
        sum += atomic_compare_exchange_strong_explicit(&obj, &e, 2, order,     \
                                                       memory_order_relaxed); \
        sum += (int64_t)atomic_load_explicit(&obj, memory_order_acquire);      \
        atomic_store_explicit(&obj, (T)sum, memory_order_release);             \
    } while (0)

NOINLINE int64_t atomics(void)
{
    int64_t sum = 0;
    ATOMIC_OPS(a32, int32_t, memory_order_relaxed);
    ATOMIC_OPS(a32, int32_t, memory_order_acquire);
    ATOMIC_OPS(a32, int32_t, memory_order_release);
    ATOMIC_OPS(a32, int32_t, memory_order_acq_rel);
    ATOMIC_OPS(a32, int32_t, memory_order_seq_cst);
    ATOMIC_OPS(a64, int64_t, memory_order_relaxed);
    ATOMIC_OPS(a64, int64_t, memory_order_acquire);
    ATOMIC_OPS(a64, int64_t, memory_order_release);
    ATOMIC_OPS(a64, int64_t, memory_order_acq_rel);
    ATOMIC_OPS(a64, int64_t, memory_order_seq_cst);
    sum += atomic_load_explicit(&a64, memory_order_seq_cst);
    atomic_store_explicit(&a32, 7, memory_order_seq_cst);
    atomic_thread_fence(memory_order_acquire);
    atomic_thread_fence(memory_order_release);
    atomic_thread_fence(memory_order_acq_rel);
    atomic_thread_fence(memory_order_seq_cst);
    return sum;
}

/* A spin lock and a lock-free stack, the way guest kernels use lr/sc. */
static atomic_flag lock = ATOMIC_FLAG_INIT;

struct node {
    struct node *next;
    int value;
};

static _Atomic(struct node *) stack_top;

NOINLINE void push(struct node *n)
{
    struct node *old = atomic_load_explicit(&stack_top, memory_order_relaxed);
    do
        n->next = old;
    while (!atomic_compare_exchange_weak_explicit(&stack_top, &old, n, memory_order_release,
                                                  memory_order_relaxed));
}

NOINLINE int locked_increment(int *counter)
{
    while (atomic_flag_test_and_set_explicit(&lock, memory_order_acquire))
        ;
    int v = ++*counter;
    atomic_flag_clear_explicit(&lock, memory_order_release);
    return v;
}

/* --- privileged and system instructions ----------------------------------- */

#define CSR_READ(name) ({ uint64_t v_; __asm__ volatile("csrr %0, " #name : "=r"(v_)); v_; })

NOINLINE uint64_t machine_csrs(uint64_t x)
{
    uint64_t r = CSR_READ(mstatus) + CSR_READ(mcause) + CSR_READ(mepc) + CSR_READ(mtval) +
                 CSR_READ(mhartid) + CSR_READ(cycle) + CSR_READ(time) + CSR_READ(instret) +
                 CSR_READ(satp) + CSR_READ(sscratch) + CSR_READ(mhpmcounter3) + CSR_READ(0x7c0);
    __asm__ volatile("csrw mscratch, %0" ::"r"(x));
    __asm__ volatile("csrs mie, %0" ::"r"(x));
    __asm__ volatile("csrc mip, %0" ::"r"(x));
    __asm__ volatile("csrwi sie, 5");
    __asm__ volatile("csrsi sstatus, 2");
    __asm__ volatile("csrci mstatus, 8");
    __asm__ volatile("csrrw %0, pmpaddr0, %1" : "=r"(r) : "r"(r));
    __asm__ volatile("csrrs %0, pmpcfg0, %1" : "=r"(r) : "r"(r));
    __asm__ volatile("csrrc %0, medeleg, %1" : "=r"(r) : "r"(r));
    return r;
}

NOINLINE void system_insns(void *line)
{
    __asm__ volatile("fence.i" ::: "memory");
    __asm__ volatile("sfence.vma" ::: "memory");
    __asm__ volatile("sfence.vma %0" ::"r"(line) : "memory");
    __asm__ volatile("wfi");
    __asm__ volatile("ecall");
    __asm__ volatile("ebreak");
    __asm__ volatile("cbo.clean (%0)" ::"r"(line) : "memory");
    __asm__ volatile("cbo.flush (%0)" ::"r"(line) : "memory");
    __asm__ volatile("cbo.inval (%0)" ::"r"(line) : "memory");
    __asm__ volatile("fence rw, rw" ::: "memory");
    __asm__ volatile("fence w, o" ::: "memory");
    __asm__ volatile("fence.tso" ::: "memory");
}

NOINLINE __attribute__((noreturn)) void trap_return(int supervisor)
{
    if (supervisor)
        __asm__ volatile("sret");
    __asm__ volatile("mret");
    __builtin_unreachable();
}

/* --- data structures and algorithms --------------------------------------- */

struct tree {
    struct tree *left, *right;
    int64_t key;
    char name[12];
};

NOINLINE struct tree *tree_insert(struct tree *t, struct tree *n)
{
    if (!t)
        return n;
    if (n->key < t->key)
        t->left = tree_insert(t->left, n);
    else
        t->right = tree_insert(t->right, n);
    return t;
}

NOINLINE int tree_depth(const struct tree *t)
{
    if (!t)
        return 0;
    int l = tree_depth(t->left), r = tree_depth(t->right);
    return 1 + (l > r ? l : r);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

NOINLINE void merge_sort(int32_t *v, int32_t *tmp, size_t n)
{
    if (n < 2)
        return;
    size_t h = n / 2;
    merge_sort(v, tmp, h);
    merge_sort(v + h, tmp, n - h);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = v[i] <= v[j] ? v[i++] : v[j++];
    while (i < h)
        tmp[k++] = v[i++];
    while (j < n)
        tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

NOINLINE void heap_sort(uint16_t *v, size_t n)
{
    for (size_t end = n; end > 1; end--) {
        for (size_t i = end / 2; i-- > 0;) {
            size_t p = i;
            for (;;) {
                size_t c = 2 * p + 1;
                if (c >= end)
                    break;
                if (c + 1 < end && v[c + 1] > v[c])
                    c++;
                if (v[p] >= v[c])
                    break;
                uint16_t t = v[p];
                v[p] = v[c];
                v[c] = t;
                p = c;
            }
        }
        uint16_t t = v[0];
        v[0] = v[end - 1];
        v[end - 1] = t;
    }
}

NOINLINE size_t sieve(uint8_t *composite, size_t n)
{
    size_t count = 0;
    memset(composite, 0, n);
    for (size_t i = 2; i < n; i++) {
        if (composite[i])
            continue;
        count++;
        for (size_t j = i * i; j < n; j += i)
            composite[j] = 1;
    }
    return count;
}

/* Multi-precision arithmetic exercises carries through sltu. */
NOINLINE void bignum_mul(uint64_t *r, const uint64_t *a, const uint64_t *b, size_t n)
{
    memset(r, 0, 2 * n * sizeof *r);
    for (size_t i = 0; i < n; i++) {
        uint64_t carry = 0;
        for (size_t j = 0; j < n; j++) {
            unsigned __int128 t = (unsigned __int128)a[i] * b[j] + r[i + j] + carry;
            r[i + j] = (uint64_t)t;
            carry = (uint64_t)(t >> 64);
        }
        r[i + n] = carry;
    }
}

NOINLINE void matmul(int32_t c[8][8], int32_t a[8][8], int32_t b[8][8])
{
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++) {
            int32_t s = 0;
            for (int k = 0; k < 8; k++)
                s += a[i][k] * b[k][j];
            c[i][j] = s;
        }
}

/* A small stack machine: a dense switch becomes a jump table. */
enum { PUSH, ADD, SUB, MUL, DIV, DUP, SWAP, NEG, JZ, JMP, PRINT, HALT };

NOINLINE int64_t run(const int32_t *code, int64_t *stack)
{
    int sp = 0, pc = 0;
    for (;;) {
        switch (code[pc++]) {
        case PUSH: stack[sp++] = code[pc++]; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case DIV: sp--; stack[sp - 1] = stack[sp] ? stack[sp - 1] / stack[sp] : 0; break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case SWAP: { int64_t t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; }
        case NEG: stack[sp - 1] = -stack[sp - 1]; break;
        case JZ: pc = stack[--sp] ? pc + 1 : code[pc]; break;
        case JMP: pc = code[pc]; break;
        case PRINT: printf("%lld\n", (long long)stack[sp - 1]); break;
        default: return sp ? stack[sp - 1] : 0;
        }
    }
}

/* --- strings, varargs, soft float ----------------------------------------- */

NOINLINE size_t to_digits(uint64_t v, char *buf, unsigned base)
{
    char tmp[65];
    size_t n = 0, i = 0;
    do {
        unsigned d = v % base;
        tmp[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        v /= base;
    } while (v);
    while (n)
        buf[i++] = tmp[--n];
    buf[i] = '\0';
    return i;
}

NOINLINE int sum_ints(int count, ...)
{
    va_list ap;
    int s = 0;
    va_start(ap, count);
    while (count--)
        s += va_arg(ap, int);
    va_end(ap);
    return s;
}

NOINLINE double soft_float(double x, float y, int64_t n)
{
    double r = x * y + (double)n / 3.0 - (float)n;
    if (r > 1e10)
        r = (double)(int64_t)r;
    return r * 0.5 + (double)(uint32_t)n;
}

struct big {
    int64_t a, b, c, d;
    char tag[7];
};

NOINLINE struct big pass_big(struct big b, int k)
{
    b.a += k;
    b.d ^= b.b;
    b.tag[k & 3] = 'x';
    return b;
}

typedef int64_t (*binop)(int64_t, int64_t);

static int64_t op_add(int64_t a, int64_t b) { return a + b; }
static int64_t op_mul(int64_t a, int64_t b) { return a * b; }
static int64_t op_rem(int64_t a, int64_t b) { return b ? a % b : a; }

NOINLINE int64_t apply_all(const binop *ops, size_t n, int64_t a, int64_t b)
{
    int64_t r = 0;
    for (size_t i = 0; i < n; i++)
        r += ops[i](a, b);
    return r;
}

NOINLINE uint64_t ackermann(uint64_t m, uint64_t n)
{
    if (m == 0)
        return n + 1;
    if (n == 0)
        return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}

int main(int argc, char **argv)
{
    static int32_t code[] = { PUSH, 6, PUSH, 7, MUL, DUP, PRINT, PUSH, 2, SUB, HALT };
    static int64_t stack[64];
    static uint8_t composite[1000];
    static const binop ops[] = { op_add, op_mul, op_rem };
    uint64_t a[4] = { 1, 2, 3, ~0ull }, b[4] = { 5, 6, 7, 8 }, r[8];
    int32_t v[16], tmp[16];
    uint16_t h[16];
    int32_t ma[8][8], mb[8][8], mc[8][8];
    struct tree nodes[8];
    struct tree *root = NULL;
    struct big big = { 1, 2, 3, 4, "tag" };
    char buf[80];
    int counter = 0;

    for (int i = 0; i < 16; i++) {
        v[i] = (int32_t)(i * 7919 % 31) - 15;
        h[i] = (uint16_t)(i * 40503u);
    }
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++) {
            ma[i][j] = i - j;
            mb[i][j] = i * j;
        }
    for (int i = 0; i < 8; i++) {
        nodes[i] = (struct tree){ .key = (i * 5) % 8 };
        snprintf(nodes[i].name, sizeof nodes[i].name, "n%d", i);
        root = tree_insert(root, &nodes[i]);
    }
    crc32_init();
    merge_sort(v, tmp, 16);
    heap_sort(h, 16);
    qsort(a, 4, sizeof a[0], cmp_i64);
    bignum_mul(r, a, b, 4);
    matmul(mc, ma, mb);
    to_digits(r[3], buf, 16);

    printf("%d %u %lu %s\n", i8_mix((int8_t)argc, 3, 1), u8_mix(200, (uint8_t)argc, 2),
           (unsigned long)u64_mix(argc, 77, 3), buf);
    printf("%d %d %d %d %d %d\n", i16_mix(-5, (int16_t)argc, 4), u16_mix(9, 3, 5),
           i32_mix(argc, -7, 6), (int)u32_mix(11, 4, 7), (int)i64_mix(-99, argc, 8),
           tree_depth(root));
    printf("%lld %llu %lld\n", (long long)mul_high_signed(-argc, 1ll << 62),
           (unsigned long long)mul_high_unsigned(~0ull, (uint64_t)argc),
           (long long)mul_high_mixed(-1, (uint64_t)argc));
    printf("%d %lld %llx %d\n", shifts32(argc, 5), (long long)shifts64(argc, 9),
           (unsigned long long)big_constants((uint64_t)argc), compare_all(argc, 3, 4, 5));
    printf("%u %llx %x %x %llx\n", popcount64((uint64_t)argc * 0x1234567),
           (unsigned long long)rotl64(0x8000000000000001ull, (unsigned)argc),
           bswap32(0x11223344u), crc32(argv[0], strlen(argv[0])),
           (unsigned long long)fnv1a(argv[0]));
    printf("%lld %d %zu %lld\n", (long long)atomics(), locked_increment(&counter),
           sieve(composite, sizeof composite), (long long)run(code, stack));
    printf("%d %g %lld %lld\n", sum_ints(4, 1, 2, 3, argc), soft_float(1.5, 2.5f, argc),
           (long long)pass_big(big, argc).a, (long long)apply_all(ops, 3, argc, 7));
    printf("%llu %d %d\n", (unsigned long long)ackermann(2, (uint64_t)argc), mc[3][4], v[0]);
    printf("%ld %s\n", strtol(argc > 1 ? argv[1] : "-42", NULL, 0), strchr(argv[0], '/'));
    push(&(struct node){ NULL, argc });
    if (argc > 5) {
        system_insns(buf);
        printf("%llx\n", (unsigned long long)machine_csrs((uint64_t)argc));
        trap_return(argc & 1);
    }
    return 0;
}
