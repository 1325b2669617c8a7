// googletest unit tests of Amber Lisp's C core on the host: the memory
// porting layer, reader/printer round trips, bignums, and the bounds that
// turn deep recursion and a full heap into Lisp errors.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

extern "C" {
#include "lisp.h"
#include "semispace.h"
}

namespace {

struct Instance {
    std::vector<uint64_t> words;
    std::vector<uint8_t> tags;
    std::string out;
    struct lisp l;
    int init_status;

    explicit Instance(size_t nwords = 1u << 20) : words(nwords), tags(nwords)
    {
        struct lisp_mem mem = {words.data(), tags.data(), nwords};
        struct lisp_port port = {[](void *ctx, const char *s, size_t n) {
                                     static_cast<std::string *>(ctx)->append(s, n);
                                 },
                                 &out};
        struct lisp_channels chan = {};
        init_status = lisp_init(&l, &mem, port, chan);
    }

    std::string print(lv v, bool display = false)
    {
        char buf[4096];
        lisp_print_buf(&l, v, display, buf, sizeof buf);
        return buf;
    }

    // Evaluates text; "error: <printed condition>" when it raises.
    std::string eval(const std::string &text)
    {
        lv v;
        int r = lisp_eval_string(&l, text.data(), text.size(), &v);
        return (r < 0 ? "error: " : "") + print(v);
    }
};

// Every test case below runs with the test collector (semispace.c)
// moving every object before every allocation.
struct Moving {
    std::vector<uint64_t> words, spare;
    std::vector<uint8_t> tags;
    struct semispace s;
    struct lisp l;

    explicit Moving(size_t half) : words(2 * half), tags(2 * half) {}

    int init() { return semispace_init(&s, &l, words.data(), tags.data(), words.size() / 2, 1, {nullptr, nullptr}); }

    std::string eval(const std::string &text)
    {
        lv v;
        int r = lisp_eval_string(&l, text.data(), text.size(), &v);
        char buf[4096];
        lisp_print_buf(&l, v, false, buf, sizeof buf);
        return (r < 0 ? "error: " : "") + std::string(buf);
    }
};

TEST(LispHeap, EverythingSurvivesAMovingCollectorAtEveryAllocation)
{
    static Moving s(1u << 16);
    ASSERT_EQ(s.init(), 0);
    const std::pair<const char *, const char *> cases[] = {
        {"(read \"(a |b c| #(1 \\\"x\\\") [ff00] 123456789012345678901234567890 . z)\")",
         "(a |b c| #(1 \"x\") #u8(255 0) 123456789012345678901234567890 . z)"},
        {"(string->symbol (string-append \"new-\" \"symbol\"))", "new-symbol"},
        {"(string->number \"-123456789012345678901234567890\")", "-123456789012345678901234567890"},
        {"(list (expt 3 60) (quotient (expt 10 40) 7) (remainder (expt 10 40) 7))",
         "(42391158275216203514294433201 1428571428571428571428571428571428571428 4)"},
        {"(define (f n acc) (if (= n 0) acc (f (- n 1) (cons n acc)))) (f 50 '())", ""},
        {"(let loop ((i 0) (acc '())) (if (= i 30) (length acc) (loop (+ i 1) (cons (make-string 3 #\\a) acc))))", "30"},
        {"(define-syntax my-or (syntax-rules () ((_) #f) ((_ e r ...) (let ((t e)) (if t t (my-or r ...)))))) "
         "(let ((t 5)) (my-or #f t))", "5"},
        {"`(1 ,@(map (lambda (x) (* x x)) '(2 3)) #(,(+ 2 2)))", "(1 4 9 #(4))"},
        {"(let ((h (make-hash-table))) (do ((i 0 (+ i 1))) ((= i 40)) (hash-table-set! h (number->string i) i)) "
         "(list (hash-table-ref h \"17\") (hash-table-count h)))", "(17 40)"},
        {"(let ((k2 #f) (n 0) (trail '())) (dynamic-wind (lambda () (set! trail (cons 'in trail))) "
         "(lambda () (call/cc (lambda (k) (set! k2 k))) (set! n (+ n 1))) "
         "(lambda () (set! trail (cons 'out trail)))) (if (< n 2) (k2 #f)) trail)", "(out in out in)"},
        {"(guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e)))) "
         "(error \"bad\" (expt 2 80) \"s\"))", "(\"bad\" (1208925819614629174706176 \"s\"))"},
        {"(define-record-type pt (mk x y) pt? (x px) (y py)) (let ((p (mk 1 (list 2)))) (list (px p) p))", "(1 #<pt 1 (2)>)"},
        {"(call-with-values (lambda () (values 1 (expt 2 64) 'c)) list)", "(1 18446744073709551616 c)"},
        {"(let ((p (open-output-string))) (write (list (expt 2 70) \"q\") p) (get-output-string p))",
         "\"(1180591620717411303424 \\\"q\\\")\""},
        {"(list (expt 2 65) (vector (expt 2 66)) (atom (expt 2 67)))",
         "(36893488147419103232 #(73786976294838206464) #<atom 147573952589676412928>)"},
    };
    for (auto &c : cases) {
        std::string r = s.eval(c.first);
        if (*c.second)
            EXPECT_EQ(r, c.second) << c.first;
        else
            EXPECT_EQ(r.find("error"), std::string::npos) << c.first << " -> " << r;
    }
    EXPECT_GT(s.s.collections, 4000u);
}

TEST(LispMem, HostLayerKeepsTagsOutOfBand)
{
    uint64_t words[4] = {};
    uint8_t tags[4] = {};
    struct lisp_mem m = {words, tags, 4};
    uint64_t a = (uint64_t)(uintptr_t)&words[1];
    mem_store(&m, a, AM_FIXNUM(-5));
    EXPECT_EQ(words[1], (uint64_t)-5);  // memory form: the sign-extended datum
    EXPECT_EQ(tags[1], AM_T_FIXNUM);
    EXPECT_EQ(mem_load(&m, a), AM_FIXNUM(-5));
    mem_store(&m, a + 8, AM_MAKE(AM_TAG(AM_T_CONS, AM_ACC_R | AM_ACC_W), a));
    EXPECT_EQ(mem_tag(&m, a + 8), (unsigned)AM_TAG(AM_T_CONS, AM_ACC_R | AM_ACC_W));
    EXPECT_EQ(words[2], a);
}

TEST(LispHeap, EveryHeapWordIsTaggedAndObjectsAreWalkable)
{
    Instance in(1u << 18);
    ASSERT_EQ(in.init_status, 0);
    in.eval("(define v (list (vector 1 \"abc\" 123456789012345678901234567890) (cons 1 2)))");
    // Walk the heap as a collector would: a header says how many words to
    // skip, anything else is a pair (two words). Raw words only follow a
    // header of a string, bytevector or bignum.
    size_t used = (size_t)((in.l.hp - (uint64_t)(uintptr_t)in.words.data()) / 8);
    size_t i = 0, objects = 0, pairs = 0;
    while (i < used) {
        unsigned type = in.tags[i] & 15;
        if (type == AM_T_HEADER) {
            i += 1 + (size_t)(in.words[i] & ((UINT64_C(1) << 48) - 1));
            objects++;
        } else {
            ASSERT_NE(type, (unsigned)AM_T_RAW) << "raw word outside an object at " << i;
            i += 2;
            pairs++;
        }
    }
    EXPECT_EQ(i, used);
    EXPECT_GT(objects, 100u);
    EXPECT_GT(pairs, 100u);
}

TEST(LispReader, RoundTrips)
{
    Instance in;
    ASSERT_EQ(in.init_status, 0);
    const char *cases[] = {
        "(1 2 3)", "(a . b)", "#(1 #(2) \"x\")", "#u8(1 2 255)", "\"tab\\there\"",
        "|two words|", "#\\x7", "-123456789012345678901234567890", "'(quote)", "`(a ,b ,@c)",
        "@atom", "#\\λ", "\"\\x1;\"", "(() #t #f)",
    };
    for (const char *c : cases) {
        size_t pos = 0;
        lv v;
        ASSERT_EQ(lisp_read(&in.l, c, strlen(c), &pos, &v), 1) << c;
        std::string printed = in.print(v);
        size_t pos2 = 0;
        lv w;
        ASSERT_EQ(lisp_read(&in.l, printed.data(), printed.size(), &pos2, &w), 1) << printed;
        EXPECT_EQ(in.print(w), printed) << c;
    }
}

TEST(LispReader, MalformedInputGivesReadErrors)
{
    Instance in;
    ASSERT_EQ(in.init_status, 0);
    const char *cases[] = {"(", ")", "#(1", "\"abc", "#\\", "[ab", "[abc]", "#|", "(1 . 2 3)", "#<", "\"\\q\""};
    for (const char *c : cases) {
        size_t pos = 0;
        lv v;
        EXPECT_EQ(lisp_read(&in.l, c, strlen(c), &pos, &v), -1) << c;
        EXPECT_NE(in.print(v).find("read-error"), std::string::npos) << c;
    }
}

TEST(LispReader, DeepNestingIsBounded)
{
    Instance in;
    ASSERT_EQ(in.init_status, 0);
    std::string deep(100000, '(');
    size_t pos = 0;
    lv v;
    EXPECT_EQ(lisp_read(&in.l, deep.data(), deep.size(), &pos, &v), -1);
    EXPECT_NE(in.print(v).find("nesting too deep"), std::string::npos);
    // And the instance still works afterwards.
    EXPECT_EQ(in.eval("(+ 1 2)"), "3");
}

TEST(LispNumbers, Bignums)
{
    Instance in;
    ASSERT_EQ(in.init_status, 0);
    EXPECT_EQ(in.eval("(expt 2 100)"), "1267650600228229401496703205376");
    EXPECT_EQ(in.eval("(- (expt 2 100))"), "-1267650600228229401496703205376");
    EXPECT_EQ(in.eval("(* 99999999999999999999 99999999999999999999)"), "9999999999999999999800000000000000000001");
    EXPECT_EQ(in.eval("(quotient (expt 10 40) (expt 10 20))"), "100000000000000000000");
    EXPECT_EQ(in.eval("(remainder (+ (expt 10 40) 7) (expt 10 20))"), "7");
    EXPECT_EQ(in.eval("(quotient (- (expt 3 90)) 12345678901)"), "-706965055391222541070639293753710");
    EXPECT_EQ(in.eval("(modulo (- (expt 2 70)) 1000)"), "576");
    EXPECT_EQ(in.eval("(- (expt 2 55) 1)"), "36028797018963967");
    EXPECT_EQ(in.eval("(fixnum? (- (expt 2 55) 1))"), "#t");
    EXPECT_EQ(in.eval("(fixnum? (expt 2 55))"), "#f");
    EXPECT_EQ(in.eval("(fixnum? (- (expt 2 55)))"), "#t");
    EXPECT_EQ(in.eval("(+ 36028797018963967 1)"), "36028797018963968");
    EXPECT_EQ(in.eval("(number->string (expt 2 64) 16)"), "\"10000000000000000\"");
    EXPECT_EQ(in.eval("(string->number \"-ffffffffffffffffffff\" 16)"), "-1208925819614629174706175");
    EXPECT_EQ(in.eval("(= (expt 2 80) (* (expt 2 40) (expt 2 40)))"), "#t");
    EXPECT_EQ(in.eval("(< (- (expt 2 80)) 0 (expt 2 80))"), "#t");
    EXPECT_EQ(in.eval("(eqv? (expt 2 80) (expt 2 80))"), "#t");
}

TEST(LispNumbers, DivisionMatchesFixnumArithmetic)
{
    // Knuth division against 128-bit host arithmetic on many operands.
    Instance in;
    ASSERT_EQ(in.init_status, 0);
    uint64_t seed = 12345;
    auto next = [&seed]() {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        return seed;
    };
    for (int i = 0; i < 200; i++) {
        unsigned __int128 a = (unsigned __int128)next() << 64 | next();
        uint64_t b = next() >> (next() % 60);
        if (b == 0)
            b = 3;
        auto str = [](unsigned __int128 v) {
            std::string s;
            do {
                s.insert(s.begin(), (char)('0' + (int)(v % 10)));
                v /= 10;
            } while (v);
            return s;
        };
        std::string expr = "(list (quotient " + str(a) + " " + str(b) + ") (remainder " + str(a) + " " + str(b) + "))";
        EXPECT_EQ(in.eval(expr), "(" + str(a / b) + " " + str(a % b) + ")") << expr;
    }
}

TEST(LispEval, DeepRecursionIsAnErrorNotACrash)
{
    Instance in(1u << 18);
    ASSERT_EQ(in.init_status, 0);
    std::string r = in.eval("(define (down n) (+ 1 (down (- n 1)))) (down 10000000)");
    EXPECT_NE(r.find("heap exhausted"), std::string::npos) << r;
    // Tail calls run in constant space whatever the count... until the heap
    // (with no collector yet) fills with the garbage of each iteration.
    Instance big;
    EXPECT_EQ(big.eval("(define (loop n) (if (= n 0) 'done (loop (- n 1)))) (loop 10000)"), "done");
}

TEST(LispEval, HeapExhaustionCanBeCaught)
{
    Instance in(1u << 18);
    ASSERT_EQ(in.init_status, 0);
    std::string r = in.eval("(guard (e (#t (error-object-message e))) (let loop ((l '())) (loop (cons 1 l))))");
    EXPECT_EQ(r, "\"heap exhausted\"");
}

TEST(LispEval, StepLimitAndInterruptStopRunawayPrograms)
{
    Instance in;
    ASSERT_EQ(in.init_status, 0);
    in.l.steps_left = 100000;
    EXPECT_EQ(in.eval("(define (spin) (spin)) (spin)"), "error: #<error \"step limit reached\">");
    // Handlers run, but the limit is raised again at their every step.
    EXPECT_EQ(in.eval("(guard (e (#t 'caught)) (spin))"), "error: #<error \"step limit reached\">");
    in.l.steps_left = 0;
    in.l.interrupt = 1;
    EXPECT_EQ(in.eval("(spin)"), "error: #<error \"interrupted\">");
    EXPECT_EQ(in.eval("(guard (e ((error-object? e) (error-object-message e))) (car '()))"), "\"not a pair\"");
}

TEST(LispEval, InstancesAreIndependent)
{
    Instance a, b;
    ASSERT_EQ(a.init_status, 0);
    ASSERT_EQ(b.init_status, 0);
    a.eval("(define x 1)");
    b.eval("(define x 2)");
    EXPECT_EQ(a.eval("x"), "1");
    EXPECT_EQ(b.eval("x"), "2");
}

TEST(LispEval, OutputGoesThroughThePort)
{
    Instance in;
    ASSERT_EQ(in.init_status, 0);
    in.eval("(display \"hi \") (write \"hi\") (newline) (write #\\a) (display 1 (current-output-port))");
    EXPECT_EQ(in.out, "hi \"hi\"\n#\\a1");
}

TEST(LispEval, ChannelsReachTheEmbedder)
{
    struct Sink {
        std::string got;
    } sink;
    std::vector<uint64_t> words(1u << 20);
    std::vector<uint8_t> tags(1u << 20);
    struct lisp_mem mem = {words.data(), tags.data(), words.size()};
    struct lisp_channels chan = {
        [](struct lisp *l, void *ctx, lv name, lv value) {
            size_t n;
            const char *s = lisp_string_bytes(l, name, &n);
            if (std::string(s, n) != "/dev/log")
                return -1;
            char buf[64];
            lisp_print_buf(l, value, false, buf, sizeof buf);
            static_cast<Sink *>(ctx)->got += buf;
            return 0;
        },
        // A receive callback may itself evaluate Lisp (nested in the running program).
        [](struct lisp *l, void *, lv) -> lv {
            lv v;
            const char *text = "(* 6 7)";
            return lisp_eval_string(l, text, strlen(text), &v) == 0 ? v : AM_EOF;
        },
        &sink,
    };
    static struct lisp l;
    ASSERT_EQ(lisp_init(&l, &mem, {nullptr, nullptr}, chan), 0);
    lv v;
    const char *prog = "(send \"/dev/log\" '(triangle 1 2)) (list 1 (receive '/dev/mouse) 3)";
    ASSERT_EQ(lisp_eval_string(&l, prog, strlen(prog), &v), 0);
    char buf[64];
    lisp_print_buf(&l, v, false, buf, sizeof buf);
    EXPECT_STREQ(buf, "(1 42 3)");
    EXPECT_EQ(sink.got, "(triangle 1 2)");
    const char *bad = "(send \"/dev/none\" 1)";
    EXPECT_EQ(lisp_eval_string(&l, bad, strlen(bad), &v), -1);
}

TEST(LispEval, HeapTooSmallFailsInit)
{
    Instance tiny(1000);
    EXPECT_EQ(tiny.init_status, -1);
    Instance small(12000);  // room for the reserve, not for the prelude
    EXPECT_EQ(small.init_status, -1);
}

}  // namespace
