#!/usr/bin/env python3
"""Seed snapshots for fuzz_snapshot: `amber exec PROG.elf --mem 1M` saving
the machine at power-on and after a few hundred steps, so that the seeds
have the fuzz machine's memory map and this build's section layout.

    mksnapseeds.py AMBER PROG.elf --out DIR

Standard library only.
"""
import argparse
import os
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("amber")
    ap.add_argument("elf")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    out = os.path.abspath(args.out)
    with tempfile.NamedTemporaryFile("w", suffix=".cmd", delete=False) as f:
        f.write("savevm %s/power-on\nstep 300\nsavevm %s/stepped\nquit\n" % (out, out))
        script = f.name
    try:
        r = subprocess.run([args.amber, "exec", args.elf, "--mem", "1M", "--script", script],
                           stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    finally:
        os.unlink(script)
    if r.returncode != 0 or "error" in r.stdout:
        sys.stderr.write(r.stdout + r.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
