#!/usr/bin/env python3
"""Command-line robustness tests for amber (standard library only).

    cli_test.py --amber AMBER [--guest-elf ELF] GROUP [--jobs N] [--count N]

Groups:
  usage        --help/--version exit 0, no arguments and unknown commands exit 2
  bad-input    every malformed input or option: exit status 2, exactly one
               line on stderr starting with "amber:", no signal, no sanitizer
               report
  chaos        200+ generated guests (fixed seed) of random code, random
               jumps, random CSR and device writes, S/U mode with random
               satp/PMP: each run with --max-insns 200000 must end normally
               (any exit status but 2, not killed by a signal, no sanitizer
               report, no hang). Locked PMP entries keep the M trap handler
               and the code that installs it intact, and the random code
               does not write the trap vector or delegation CSRs, so every
               trap retires instructions (see chaos-vectors for the rest).
  chaos-vectors  guests whose traps go to an unusable vector (mtvec left at
               0, or garbage mtvec/stvec with delegation): amber must still
               stop at --max-insns or otherwise end normally.
"""
import argparse
import concurrent.futures
import os
import random
import shutil
import signal
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from elfwrite import elf  # noqa: E402

DRAM = 0x80000000
HANDLER = DRAM + 0x10000        # M trap handler, in a locked PMP region
SOUP = DRAM + 0x1000            # the generated code (DRAM..DRAM+8K is locked R/X)
SCRATCH = DRAM + 0x4000         # writable code for the self-modifying guests
CLINT, PLIC, UART, FINISHER, ROM, HOLE = 0x2000000, 0xC000000, 0x10000000, 0x100000, 0x1000, 0x40000000
MAX_INSNS = "200000"
RUN_TIMEOUT = 5.0               # seconds per amber run: more is a hang

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, flush=True)


# ---------------------------------------------------------------- ELF ----

# ------------------------------------------------------ tiny assembler ----

def r_type(f7, rs2, rs1, f3, rd, op):
    return (f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op) & 0xffffffff


def i_type(imm, rs1, f3, rd, op):
    return ((imm & 0xfff) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op) & 0xffffffff


def s_type(imm, rs2, rs1, f3, op=0x23):
    return (((imm >> 5) & 0x7f) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (imm & 0x1f) << 7 | op)


def b_type(imm, rs2, rs1, f3):
    return (((imm >> 12) & 1) << 31 | ((imm >> 5) & 0x3f) << 25 | rs2 << 20 | rs1 << 15 |
            f3 << 12 | ((imm >> 1) & 0xf) << 8 | ((imm >> 11) & 1) << 7 | 0x63)


def j_type(imm, rd):
    return (((imm >> 20) & 1) << 31 | ((imm >> 1) & 0x3ff) << 21 | ((imm >> 11) & 1) << 20 |
            ((imm >> 12) & 0xff) << 12 | rd << 7 | 0x6f)


def csr_op(f3, rd, csr, rs1):
    return (csr & 0xfff) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | 0x73


def sext(v, bits):
    v &= (1 << bits) - 1
    return v - (1 << bits) if v >> (bits - 1) else v


def li(rd, v):
    """Words loading the 64-bit constant v into rd (as in the unit tests)."""
    v &= (1 << 64) - 1
    s = sext(v, 64)
    if -2048 <= s < 2048:
        return [i_type(s, 0, 0, rd, 0x13)]
    if -(1 << 31) <= s < (1 << 31):
        lo = sext(v, 12)
        hi = ((s - lo) >> 12) & 0xfffff
        words = [hi << 12 | rd << 7 | 0x37]
        if lo:
            words.append(i_type(lo, rd, 0, rd, 0x1b))  # addiw
        return words
    words = li(rd, sext(v >> 32, 32))
    low = v & 0xffffffff
    for shift, part in ((11, (low >> 21) & 0x7ff), (11, (low >> 10) & 0x7ff), (10, low & 0x3ff)):
        words.append(i_type(shift, rd, 1, rd, 0x13))      # slli
        words.append(i_type(part, rd, 0, rd, 0x13))       # addi
    return words


def csrw(csr, rs):
    return csr_op(1, 0, csr, rs)


def words(ws):
    return b"".join(struct.pack("<I", w & 0xffffffff) for w in ws)


T0, T1, T6, SP = 5, 6, 31, 2
POINTER_REGS = list(range(8, 10)) + list(range(18, 24))   # s0, s1, s2..s7
MRET, SRET, WFI, ECALL, EBREAK = 0x30200073, 0x10200073, 0x10500073, 0x73, 0x00100073

# CSRs the soup of the "chaos" group may touch: everything but the trap
# vectors and delegation (the "chaos-vectors" group covers those).
SAFE_CSRS = [0x300, 0x304, 0x344, 0x340, 0x341, 0x342, 0x343, 0x100, 0x104, 0x144, 0x140, 0x141,
             0x142, 0x143, 0x180, 0x306, 0x106, 0x30A, 0x10A, 0x320, 0xB00, 0xB02, 0xC00, 0xC01,
             0xC02, 0x3A0, 0x3A2, 0x3B0, 0x3B1, 0x3B5, 0x3BF, 0x7A0, 0x7A1, 0x301, 0xF14, 0x323,
             0xB03, 0xC03]
VECTOR_CSRS = [0x305, 0x105, 0x302, 0x303]


def interesting_pointers(rng):
    return [DRAM + 0x20000 + rng.randrange(0, 0x8000, 8), CLINT + rng.choice([0, 0x4000, 0xBFF8]),
            PLIC + rng.choice([0, 0x1000, 0x2000, 0x200000, 0x200004, 0x201004]),
            UART + rng.randrange(8), ROM, HOLE, DRAM + (1 << 20) - rng.randrange(1, 16),
            rng.getrandbits(64), DRAM + 0x1000 + rng.randrange(0, 0x400, 2), 0]


def writes_vector_csr(w):
    """Is 32-bit word w a CSR instruction on mtvec/stvec/medeleg/mideleg?"""
    return (w & 0x7f) == 0x73 and (w >> 12) & 7 not in (0, 4) and (w >> 20) in VECTOR_CSRS


def random_insn(rng, csrs):
    """One random but mostly well-formed instruction word (or halfword
    pair); unless csrs includes them, never one that writes a trap vector
    or delegation register."""
    while True:
        w = random_insn1(rng, csrs)
        if not writes_vector_csr(w) or any(c in csrs for c in VECTOR_CSRS):
            return w


def random_insn1(rng, csrs):
    k = rng.random()
    rd, rs1, rs2 = rng.randrange(1, 31), rng.randrange(32), rng.randrange(32)
    if k < 0.20:   # ALU, incl. M and W forms
        op = rng.choice([0x33, 0x3b])
        f7 = rng.choice([0, 0x20, 1])
        return r_type(f7, rs2, rs1, rng.randrange(8), rd, op)
    if k < 0.30:
        return i_type(rng.randrange(-2048, 2048), rs1, rng.randrange(8), rd, rng.choice([0x13, 0x1b]))
    if k < 0.45:   # loads/stores through pointer registers
        base = rng.choice(POINTER_REGS)
        off = rng.choice([0, 0, 4, 8, -8, 1, 3, 2047, -2048, rng.randrange(-64, 64)])
        if rng.random() < 0.5:
            return i_type(off, base, rng.choice([0, 1, 2, 3, 4, 5, 6]), rd, 0x03)
        return s_type(off, rs2, base, rng.randrange(4))
    if k < 0.52:   # AMO / LR / SC
        f5 = rng.choice([0, 1, 2, 3, 4, 8, 0xc, 0x10, 0x14, 0x18, 0x1c])
        return (f5 << 27 | rng.randrange(4) << 25 | rs2 << 20 | rng.choice(POINTER_REGS) << 15 |
                rng.choice([2, 3]) << 12 | rd << 7 | 0x2f)
    if k < 0.60:   # short branches and jumps
        off = rng.randrange(-32, 33) * 2
        if rng.random() < 0.7:
            return b_type(off, rs2, rs1, rng.choice([0, 1, 4, 5, 6, 7]))
        return j_type(off, rng.choice([0, 1]))
    if k < 0.62:
        return i_type(rng.randrange(-16, 16) * 2, rng.choice(POINTER_REGS + [1]), 0, rng.choice([0, 1]), 0x67)
    if k < 0.74:   # CSR access
        csr = rng.choice(csrs) if rng.random() < 0.9 else rng.randrange(4096)
        f3 = rng.choice([1, 2, 3, 5, 6, 7])
        return csr_op(f3, rng.randrange(32), csr, rng.randrange(32))
    if k < 0.80:   # system and fences
        return rng.choice([MRET, SRET, WFI, ECALL, EBREAK, 0x12000073, r_type(9, rs2, rs1, 0, 0, 0x73),
                           0x0000100f, 0x0ff0000f, 0x8330000f,
                           i_type(rng.randrange(3), rng.choice(POINTER_REGS), 2, 0, 0x0f)])
    if k < 0.92:   # two compressed halfwords
        return rng.getrandbits(16) | rng.getrandbits(16) << 16
    return rng.getrandbits(32)


def prologue(rng, protect=True):
    """M-mode setup: trap handler, locked PMP over it, pointers, values.
    With protect, it starts with a sled of c.nop (as 32-bit words of two),
    so that code arriving anywhere near the start of DRAM (say mepc + 4
    from a fault just below it) runs the setup from the top."""
    ws = []
    if protect:
        ws += [0x00010001] * 64
        ws += li(T0, HANDLER) + [csrw(0x305, T0)]
        ws += li(T0, (HANDLER >> 2) | 0x1ff) + [csrw(0x3B0, T0)]          # pmpaddr0: 4 KiB NAPOT
        ws += li(T0, 0x3FFFFFFFFFFFFF) + [csrw(0x3BF, T0)]                 # pmpaddr15: everything
        ws += li(T0, (DRAM >> 2) | 0x3ff) + [csrw(0x3B1, T0)]             # pmpaddr1: code, 8 KiB
        ws += li(T0, 0x1f << 56) + [csrw(0x3A2, T0)]                       # pmpcfg2: entry 15 RWX
        ws += li(T0, 0x9d9d) + [csrw(0x3A0, T0)]                           # pmpcfg0: L NAPOT R X
    ptrs = interesting_pointers(rng)
    for reg in POINTER_REGS:
        ws += li(reg, rng.choice(ptrs))
    for reg in range(10, 18):                                              # a0..a7
        ws += li(reg, rng.choice([0, 1, -1, 1 << 63, rng.getrandbits(64), rng.getrandbits(12)]))
    return ws


def handler():
    # mepc += 4; mret. Retires instructions on every trap, so a trap loop
    # still reaches --max-insns.
    return [csr_op(2, T6, 0x341, 0), i_type(4, T6, 0, T6, 0x13), csrw(0x341, T6), MRET]


def program(code_at_entry, extra_segments=()):
    segs = [(DRAM, len(code_at_entry), code_at_entry), (HANDLER, 16, words(handler()))]
    segs += list(extra_segments)
    return elf(segs)


def chaos_variants(rng, n):
    kinds = ["soup", "soup", "soup", "bytes", "jump", "smode", "umode", "timer", "selfmod", "rvc"]
    for i in range(n):
        kind = kinds[i % len(kinds)]
        ws = prologue(rng)
        if kind == "soup":
            body = [random_insn(rng, SAFE_CSRS) for _ in range(rng.randrange(50, 600))]
            ws += [j_type(4, 0)] + body
            yield kind, program(words(ws))
        elif kind == "bytes":
            ws += li(T0, SOUP) + [i_type(0, T0, 0, 0, 0x67)]
            soup = bytes(rng.getrandbits(8) for _ in range(rng.choice([64, 1024, 4096])))
            yield kind, program(words(ws), [(SOUP, len(soup), soup)])
        elif kind == "jump":
            target = rng.choice([rng.getrandbits(64), rng.getrandbits(32), DRAM + rng.randrange(1 << 20),
                                 UART, CLINT, ROM + rng.randrange(0x1000), 0, HOLE])
            ws += li(T0, target) + [i_type(0, T0, 0, 1, 0x67)]
            yield kind, program(words(ws))
        elif kind in ("smode", "umode"):
            satp = rng.choice([0, 8 << 60 | rng.getrandbits(44), 8 << 60 | (DRAM + 0x20000) >> 12,
                               rng.getrandbits(64)])
            mpp = 1 if kind == "smode" else 0
            ws += li(T0, satp) + [csrw(0x180, T0)]
            ws += li(T0, mpp << 11 | rng.choice([0, 1 << 18, 1 << 19, 1 << 17])) + [csrw(0x300, T0)]
            ws += li(T0, rng.choice([SOUP, SOUP, rng.getrandbits(64)]))
            ws += [csrw(0x341, T0), MRET]
            body = [random_insn(rng, SAFE_CSRS) for _ in range(300)]
            yield kind, program(words(ws + body), [(SOUP, 1200, words(body))])
        elif kind == "timer":
            ws += li(T0, CLINT + 0x4000) + li(T1, rng.randrange(0, 2000)) + [s_type(0, T1, T0, 3)]
            ws += li(T0, rng.choice([0x80, 0x888, 0xaaa, 0x8])) + [csrw(0x304, T0)]
            ws += li(T0, rng.choice([0, 8])) + [csrw(0x300, T0), WFI]
            body = [random_insn(rng, SAFE_CSRS) for _ in range(200)]
            yield kind, program(words(ws + body))
        elif kind == "selfmod":
            # Write random code into a scratch area (sometimes running it
            # half-written), then run it.
            body = []
            for _ in range(100):
                body += li(T0, SCRATCH + rng.randrange(0, 0x400, 4)) + li(T1, rng.getrandbits(32))
                body += [s_type(0, T1, T0, 2), 0x0000100f]
                if rng.random() < 0.05:
                    body += li(T0, SCRATCH) + [i_type(0, T0, 0, 1, 0x67)]
            body += li(T0, SCRATCH) + [i_type(0, T0, 0, 1, 0x67)]
            yield kind, program(words(ws + body))
        else:  # rvc
            body = bytes(rng.getrandbits(8) for _ in range(2000))
            yield kind, program(words(ws) + body)


def vector_variants(rng, n):
    """Traps that land on an unusable vector."""
    for i in range(n):
        k = i % 5
        if k == 0:      # random bytes, nothing set up: mtvec is the reset value 0
            yield "reset-mtvec", elf([(DRAM, 256, bytes(rng.getrandbits(8) for _ in range(256)))])
        elif k == 1:    # garbage mtvec, then an illegal instruction
            vec = rng.choice([0, HOLE, UART, rng.getrandbits(64), DRAM + (2 << 20)])
            yield "garbage-mtvec", elf([(DRAM, 64, words(li(T0, vec) + [csrw(0x305, T0), 0]))])
        elif k == 2:    # delegate everything to S with a garbage stvec, ecall from U
            ws = li(T0, 0x3FFFFFFFFFFFFF) + [csrw(0x3B0, T0)] + li(T0, 0x1f) + [csrw(0x3A0, T0)]
            ws += li(T0, -1) + [csrw(0x302, T0), csrw(0x303, T0)]
            ws += li(T0, rng.choice([HOLE, rng.getrandbits(64)])) + [csrw(0x105, T0)]
            ws += li(T0, HANDLER) + [csrw(0x305, T0)]
            ws += li(T0, DRAM + 0x100) + [csrw(0x341, T0), csrw(0x300, 0), MRET]
            code = bytearray(words(ws).ljust(0x100, b"\0"))
            code += words([ECALL])
            yield "garbage-stvec", elf([(DRAM, len(code), bytes(code)), (HANDLER, 16, words(handler()))])
        elif k == 3:    # random CSR soup including the vectors, no protection
            ws = prologue(rng, protect=False)
            ws += [random_insn(rng, SAFE_CSRS + VECTOR_CSRS * 5) for _ in range(300)]
            yield "vector-soup", elf([(DRAM, 4 * len(ws), words(ws))])
        else:           # jump to a random address with the reset mtvec
            ws = li(T0, rng.getrandbits(64)) + [i_type(0, T0, 0, 0, 0x67)]
            yield "reset-mtvec-jump", elf([(DRAM, 4 * len(ws), words(ws))])


# ---------------------------------------------------------------- runs ----

def run(amber, args, timeout=RUN_TIMEOUT):
    """Returns (status, stdout, stderr); status None on a hang."""
    try:
        r = subprocess.run([amber] + args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, b"", b""
    return r.returncode, r.stdout, r.stderr


def sanitizer_report(err):
    text = err.decode(errors="replace")
    for marker in ("Sanitizer", "runtime error:", "LeakSanitizer", "AddressSanitizer"):
        if marker in text:
            return text
    return None


def describe(status):
    if status is None:
        return "hang (killed after %.0f s)" % RUN_TIMEOUT
    if status < 0:
        return "killed by signal %s" % signal.Signals(-status).name
    return "exit status %d" % status


def expect_usage_error(amber, name, args):
    status, out, err = run(amber, args)
    lines = err.decode(errors="replace").splitlines()
    rep = sanitizer_report(err)
    if rep:
        fail("%s: sanitizer report:\n%s" % (name, rep))
    elif status != 2:
        fail("%s: %s, want 2 (stderr: %r)" % (name, describe(status), err[-300:]))
    elif len(lines) != 1 or not lines[0].startswith("amber:"):
        fail("%s: stderr must be one line starting with 'amber:', got %r" % (name, lines))
    elif out:
        fail("%s: unexpected stdout %r" % (name, out[:200]))
    else:
        print("ok   %-28s %s" % (name, lines[0]))


def group_usage(amber, tmp, guest):
    for args in (["--help"], ["-h"], ["help"]):
        status, out, err = run(amber, args)
        if status != 0 or b"usage:" not in out or err:
            fail("%s: %s, stdout %r, stderr %r" % (args, describe(status), out[:80], err[:200]))
    status, out, err = run(amber, ["--version"])
    if status != 0 or not out.startswith(b"amber "):
        fail("--version: %s, %r" % (describe(status), out))
    status, out, err = run(amber, [])
    if status != 2 or b"usage:" not in err or out:
        fail("no arguments: %s, stderr %r" % (describe(status), err[:200]))
    for cmd in ("frobnicate", "--frob", "-x", ""):
        status, out, err = run(amber, [cmd])
        first = err.decode(errors="replace").splitlines()[:1]
        if status != 2 or not first or not first[0].startswith("amber:") or sanitizer_report(err):
            fail("unknown command %r: %s, stderr %r" % (cmd, describe(status), err[:200]))
    print("usage checks done")


def group_bad_input(amber, tmp, guest):
    def path(name, data):
        p = os.path.join(tmp, name)
        with open(p, "wb") as f:
            f.write(data)
        return p

    code = words(li(10, 1) + [j_type(0, 0)])
    good = path("good.elf", elf([(DRAM, 64, code)]))
    status, _, err = run(amber, ["exec", good, "--max-insns", "1000"])
    if status != 124:
        fail("control: a valid looping ELF should hit the limit (124), got %s %r" % (describe(status), err))

    cases = [
        ("text file", ["exec", path("text.txt", b"hello, world\nthis is not an ELF\n")]),
        ("empty file", ["exec", path("empty.elf", b"")]),
        ("three bytes", ["exec", path("short.elf", b"\x7fEL")]),
        ("32-bit ELF", ["exec", path("elf32.elf", elf([(DRAM, 64, code)], cls=1))]),
        ("big-endian ELF", ["exec", path("elfbe.elf", elf([(DRAM, 64, code)], data=2))]),
        ("x86-64 ELF (hand-made)", ["exec", path("x86.elf", elf([(DRAM, 64, code)], machine=62))]),
        ("shared object", ["exec", path("dyn.elf", elf([(DRAM, 64, code)], etype=3))]),
        ("no segments", ["exec", path("noseg.elf", elf([]))]),
        ("segment above 1M of DRAM", ["exec", path("high.elf", elf([(DRAM + (2 << 20), 64, code)])),
                                      "--mem", "1M"]),
        ("bss past the end of DRAM", ["exec", path("bss.elf", elf([(DRAM, 2 << 20, code)])), "--mem", "1M"]),
        ("segment at address 0", ["exec", path("zero.elf", elf([(0, 64, code)]))]),
        ("segment in the boot ROM", ["exec", path("rom.elf", elf([(ROM, 64, code)]))]),
        ("segment in the UART", ["exec", path("uart.elf", elf([(UART, 64, code)]))]),
        ("segment across DRAM end", ["exec", path("across.elf", elf([(DRAM + (1 << 20) - 8, 64, code)])),
                                     "--mem", "1M"]),
        ("missing file", ["exec", os.path.join(tmp, "does-not-exist.elf")]),
        ("directory", ["exec", tmp]),
        ("character device", ["exec", "/dev/null"]),
        ("unknown option", ["exec", good, "--bogus"]),
        ("unknown short option", ["exec", "-x", good]),
        ("two programs", ["exec", good, good]),
        ("no program", ["exec"]),
        ("--mem without value", ["exec", good, "--mem"]),
        ("--max-insns without value", ["exec", good, "--max-insns"]),
        ("--trace without value", ["exec", good, "--trace"]),
        ("--trace unwritable", ["exec", good, "--trace", os.path.join(tmp, "no", "such", "dir")]),
    ]
    for v in ["0", "1K", "512K", "abc", "-1M", "1.5G", "63G", "100G", "1048577", "", "16E",
              "99999999999999999999", "1M5", "M", "0x", " -1M", "1Mi", "4294967296G"]:
        cases.append(("--mem %r" % v, ["exec", good, "--mem", v]))
    for v in ["abc", "-1", " -1", "", "1e6", "99999999999999999999999", "0x", "10 ", "+-1", "1K"]:
        cases.append(("--max-insns %r" % v, ["exec", good, "--max-insns", v]))
    if os.path.exists("/bin/true"):
        cases.append(("host executable /bin/true", ["exec", os.path.realpath("/bin/true")]))
    if guest:
        data = open(guest, "rb").read()
        phoff, = struct.unpack_from("<Q", data, 32)
        shoff, = struct.unpack_from("<Q", data, 40)
        phnum, = struct.unpack_from("<H", data, 56)
        load = [phoff + 56 * i for i in range(phnum) if struct.unpack_from("<I", data, phoff + 56 * i)[0] == 1]
        seg0_off, = struct.unpack_from("<Q", data, load[0] + 8)
        seg0_filesz, = struct.unpack_from("<Q", data, load[0] + 32)
        cuts = sorted({10, 52, 63, 64, phoff + 56 * phnum - 1, seg0_off + seg0_filesz - 1,
                       shoff + 10, len(data) - 1, len(data) // 2})
        for n in cuts:
            if 0 < n < len(data):
                cases.append(("guest ELF cut at %d of %d" % (n, len(data)),
                              ["exec", path("cut%d.elf" % n, data[:n])]))
    for name, args in cases:
        expect_usage_error(amber, name, args)


def run_generated(amber, tmp, variants, jobs, stop_after_hangs=None):
    files = []
    for i, (kind, data) in enumerate(variants):
        p = os.path.join(tmp, "g%03d-%s.elf" % (i, kind))
        with open(p, "wb") as f:
            f.write(data)
        files.append((p, kind))
    statuses = {}
    hangs = 0

    def one(item):
        p, kind = item
        return p, kind, run(amber, ["exec", p, "--max-insns", MAX_INSNS])

    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        pending = [pool.submit(one, f) for f in files]
        for fut in pending:
            p, kind, (status, out, err) = fut.result()
            rep = sanitizer_report(err)
            name = os.path.basename(p)
            if rep:
                fail("%s: sanitizer report:\n%s" % (name, rep[-3000:]))
            elif status is None or status < 0:
                fail("%s: %s (kept in %s)" % (name, describe(status), keep(p)))
                hangs += status is None
                if stop_after_hangs and hangs >= stop_after_hangs:
                    for f in pending:
                        f.cancel()
                    fail("stopping after %d hangs; %d variants not checked" %
                         (hangs, sum(1 for f in pending if f.cancelled())))
                    break
            elif status == 2:
                fail("%s: amber rejected a generated ELF: %r" % (name, err[-300:]))
            statuses[status] = statuses.get(status, 0) + 1
    print("%d guests run; exit statuses: %s" %
          (sum(statuses.values()), ", ".join("%s: %d" % kv for kv in sorted(statuses.items(), key=str))))


KEEP_DIR = None


def keep(p):
    """Copy a failing guest next to the test log so it can be replayed."""
    if not KEEP_DIR:
        return p
    os.makedirs(KEEP_DIR, exist_ok=True)
    dst = os.path.join(KEEP_DIR, os.path.basename(p))
    shutil.copyfile(p, dst)
    return dst


def main():
    global KEEP_DIR
    ap = argparse.ArgumentParser()
    ap.add_argument("--amber", required=True)
    ap.add_argument("--guest-elf")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--count", type=int, default=240)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--keep", help="directory for guests that failed")
    ap.add_argument("group", choices=["usage", "bad-input", "chaos", "chaos-vectors"])
    args = ap.parse_args()
    KEEP_DIR = args.keep
    amber = os.path.abspath(args.amber)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="amber-cli-") as tmp:
        if args.group == "usage":
            group_usage(amber, tmp, args.guest_elf)
        elif args.group == "bad-input":
            group_bad_input(amber, tmp, args.guest_elf)
        elif args.group == "chaos":
            run_generated(amber, tmp, list(chaos_variants(rng, args.count)), args.jobs)
        else:
            run_generated(amber, tmp, list(vector_variants(rng, max(10, args.count // 12))), args.jobs,
                          stop_after_hangs=2)
    if failures:
        print("%d failure(s)" % len(failures))
        return 1
    print("all ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
