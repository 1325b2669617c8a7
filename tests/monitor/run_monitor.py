#!/usr/bin/env python3
"""Run a scripted monitor session and compare its transcript.

    run_monitor.py --amber AMBER --elf PROG.elf --script S.cmd --expect S.out
                   [--merge-stderr] [--status N] [--update]

Runs `amber exec PROG.elf --script S.cmd` in a fresh temporary directory
(savevm files land there, next to two bad snapshot files, garbage.snap and
empty.snap), with stdin closed, and compares standard output (and standard
error, with --merge-stderr)
with S.out after masking what varies between hosts or with the timing
model: host seconds, and cycle-derived numbers (cycles, CPI, simulated
time, mtime, cache misses). The instruction counts, registers, memory and
every message stay exact. A difference prints a unified diff and fails.
--update rewrites S.out instead (review the diff before committing).

Standard library only.
"""
import argparse
import difflib
import os
import re
import subprocess
import sys
import tempfile

MASKS = [
    (re.compile(r"(host-seconds: )[0-9.]+"), r"\1*"),
    (re.compile(r"\b(cycles?|cpi|mcycle|mtime|sim-seconds|simulated time|misses|due at cycle)"
                r"([:,]? )[0-9][0-9.]*"), r"\1\2*"),
    (re.compile(r"\b[0-9]+( of [0-9]+ lines valid)"), r"*\1"),
    (re.compile(r"\b[0-9]+( (l1i|l1d|l2)-misses)"), r"*\1"),
]


def mask(text):
    for pattern, repl in MASKS:
        text = pattern.sub(repl, text)
    return text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--amber", required=True)
    ap.add_argument("--elf", required=True)
    ap.add_argument("--script", required=True)
    ap.add_argument("--expect", required=True)
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--status", type=int, default=None, help="expected exit status")
    ap.add_argument("--merge-stderr", action="store_true", help="compare stderr too (traces)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="amber-monitor-") as tmp:
        # Bad snapshot files for loadvm to refuse.
        with open(os.path.join(tmp, "garbage.snap"), "w") as f:
            f.write("this is not a snapshot\n" * 10)
        open(os.path.join(tmp, "empty.snap"), "w").close()
        r = subprocess.run([os.path.abspath(args.amber), "exec", os.path.abspath(args.elf), "--script",
                            os.path.abspath(args.script)],
                           cwd=tmp, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT if args.merge_stderr else subprocess.PIPE,
                           text=True, errors="replace", timeout=120)
    got = mask(r.stdout)
    if r.stderr and not args.merge_stderr:
        print("stderr:\n" + r.stderr)
    if args.update:
        with open(args.expect, "w") as f:
            f.write(got)
        print("updated %s" % args.expect)
        return 0
    with open(args.expect) as f:
        want = f.read()
    ok = True
    if got != want:
        sys.stdout.writelines(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                                   args.expect, "actual"))
        ok = False
    if args.status is not None and r.returncode != args.status:
        print("exit status %d, expected %d" % (r.returncode, args.status))
        ok = False
    print("ok" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
