#!/usr/bin/env python3
"""Persistence benchmark: pbench.c on PMEM and on DRAM; prints simulated
cycles per durable 256-byte record and host MIPS for each."""
import argparse
import os
import re
import subprocess
import sys
import tempfile


def run(a, elf, img):
    cmd = [a.amber, "exec", elf, "--stats"] + (["--image", img] if img else [])
    r = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        sys.exit(f"{elf}: exit status {r.returncode}: {r.stderr.strip()}")
    cpr = re.search(r"cycles-per-record: (\d+)", r.stdout).group(1)
    mips = re.search(r"host-mips: ([\d.]+)", r.stderr).group(1)
    return cpr, mips


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--amber", required=True)
    ap.add_argument("--pmem", required=True)
    ap.add_argument("--dram", required=True)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        img = os.path.join(tmp, "b.img")
        subprocess.run([a.amber, "image", "create", img, "--size", "16M"], check=True)
        for name, elf, i in (("pmem", a.pmem, img), ("dram", a.dram, None)):
            cpr, mips = run(a, elf, i)
            print(f"{name}: {cpr} cycles per durable record, {mips} host MIPS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
