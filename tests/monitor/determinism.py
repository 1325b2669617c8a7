#!/usr/bin/env python3
"""savevm then loadvm reproduces the same run.

    determinism.py --amber AMBER --elf TICKS.elf

The guest (ticks.c) takes timer interrupts while it hashes memory and
prints, so its instruction count, cycles and output depend on interrupt
timing, the cache model and the devices. Checks, each comparing
instructions, cycles, cache misses and the guest's output:

1. a snapshot taken at power-on: the run after it equals a plain
   `amber exec --stats` run, and the run after loading it again (in the
   same process, after the guest ended) equals both;
2. a snapshot taken in the middle (after stepping): the run after saving
   equals the run after loading, in the same process and in a new one;
3. loading a damaged copy of the snapshot (a flipped byte, a truncated
   file, another machine's DRAM size) is refused and changes nothing: the
   run after the refusals equals the others;
4. a run that stops at watchpoints and breakpoints (with interrupts
   pending around them) and goes on equals the plain run.

Standard library only.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

STATS = ("instructions", "cycles", "l1i-misses", "l1d-misses", "l2-misses")


def run(amber, elf, cwd, script=None, extra=()):
    cmd = [amber, "exec", elf] + list(extra)
    if script is not None:
        path = os.path.join(cwd, "s.cmd")
        with open(path, "w") as f:
            f.write(script)
        cmd += ["--script", path]
    r = subprocess.run(cmd, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                       timeout=300)
    return r


def runs(out):
    """Split a session's stdout at each stats command: (guest output, stats)."""
    parts = []
    for chunk in out.split("(amber) stats\n")[1:]:
        stats = dict(re.findall(r"^(%s): (\d+)$" % "|".join(STATS), chunk, re.M))
        parts.append(stats)
    return parts


def guest_lines(out):
    return [l for l in out.splitlines() if l.startswith("ticks:")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--amber", required=True)
    ap.add_argument("--elf", required=True)
    args = ap.parse_args()
    args.amber, args.elf = os.path.abspath(args.amber), os.path.abspath(args.elf)
    failed = []

    def check(what, a, b):
        if a != b:
            failed.append(what)
            print("FAIL %s:\n  %s\n  %s" % (what, a, b))
        else:
            print("ok   %s" % what)

    with tempfile.TemporaryDirectory(prefix="amber-determinism-") as tmp:
        plain = run(args.amber, args.elf, tmp, extra=["--stats"])
        plain_stats = dict(re.findall(r"^(%s): (\d+)$" % "|".join(STATS), plain.stderr, re.M))
        if plain.returncode != 0 or len(plain_stats) != len(STATS):
            print("the plain run failed:\n" + plain.stdout + plain.stderr)
            return 1

        # 1. a snapshot at power-on
        r = run(args.amber, args.elf, tmp, "savevm start.snap\ncont\nstats\n"
                                            "loadvm start.snap\ncont\nstats\n")
        s = runs(r.stdout)
        check("power-on snapshot: run after savevm = plain run", s[0] if s else None, plain_stats)
        check("power-on snapshot: run after loadvm = plain run", s[1] if len(s) > 1 else None, plain_stats)
        check("power-on snapshot: guest output twice the plain output",
              guest_lines(r.stdout), guest_lines(plain.stdout) * 2)

        # 2. a snapshot in the middle, after stepping there
        r = run(args.amber, args.elf, tmp, "step 500000\nsavevm mid.snap\ncont\nstats\n"
                                            "loadvm mid.snap\ncont\nstats\n")
        s = runs(r.stdout)
        out = r.stdout.split("(amber) loadvm mid.snap\n")
        check("mid-run snapshot: same process", s[0] if s else None, s[1] if len(s) > 1 else 1)
        check("mid-run snapshot: same output after save and after load",
              guest_lines(out[0].split("(amber) savevm")[-1]), guest_lines(out[1]) if len(out) > 1 else 1)
        r2 = run(args.amber, args.elf, tmp, "loadvm mid.snap\ncont\nstats\n")
        s2 = runs(r2.stdout)
        check("mid-run snapshot: new process", s2[0] if s2 else None, s[0] if s else 1)
        check("mid-run snapshot: new process output", guest_lines(r2.stdout), guest_lines(out[1]) if len(out) > 1 else 1)

        # 4. stopping at watchpoints and breakpoints does not change the run
        r = run(args.amber, args.elf, tmp, "watch ticks\ncont\ncont\ncont\nbreak round_hash\ncont\n"
                                            "delete\ncont\nstats\n")
        s4 = runs(r.stdout)
        check("stops at watchpoints and breakpoints change nothing", s4[0] if s4 else None, plain_stats)
        check("stops change no output", guest_lines(r.stdout), guest_lines(plain.stdout))

        # 3. damaged snapshots change nothing
        data = open(os.path.join(tmp, "mid.snap"), "rb").read()
        flipped = bytearray(data)
        flipped[len(flipped) // 2] ^= 0x40
        open(os.path.join(tmp, "flipped.snap"), "wb").write(flipped)
        open(os.path.join(tmp, "short.snap"), "wb").write(data[: len(data) - 100])
        r3 = run(args.amber, args.elf, tmp, "loadvm mid.snap\nloadvm flipped.snap\nloadvm short.snap\n"
                                             "cont\nstats\n")
        errors = [l for l in r3.stdout.splitlines() if l.startswith("error:")]
        print("\n".join(errors))
        check("damaged snapshots are refused", len(errors), 2)
        s3 = runs(r3.stdout)
        check("damaged snapshots change nothing", s3[0] if s3 else None, s[0] if s else 1)
        r4 = run(args.amber, args.elf, tmp, "loadvm mid.snap\n", extra=["--mem", "128M"])
        check("another DRAM size is refused", "use --mem" in r4.stdout, True)

    print("FAIL: %s" % ", ".join(failed) if failed else "ok")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
