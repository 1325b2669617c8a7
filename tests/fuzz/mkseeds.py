#!/usr/bin/env python3
"""Write the seed corpus of the ELF fuzzer: small hand-made RV64 executables
(no sections, a symbol table, several segments with bss, and a few that are
rejected at different points) plus copies of any ELF files given.

    mkseeds.py [FILE.elf ...] --out OUTDIR
"""
import argparse
import os
import shutil
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from elfwrite import elf  # noqa: E402


CODE = struct.pack("<4I", 0x00100513, 0x00a50533, 0x0000006f, 0)  # li a0,1; add; j .


def seeds():
    yield "minimal", elf([(0x80000000, 16, CODE)])
    yield "symbols", elf([(0x80000000, 0x40, CODE)],
                         [("_start", 0x80000000, 4), ("tohost", 0x80001000, 8),
                          ("fromhost", 0x80001008, 8)])
    yield "bss", elf([(0x80000000, 16, CODE), (0x80001000, 0x1000, b"\1\2\3\4")],
                     [("tohost", 0x80001000, 8)])
    yield "outside", elf([(0x90000000, 16, CODE)])
    yield "class32", elf([(0x80000000, 16, CODE)], cls=1)
    yield "bigendian", elf([(0x80000000, 16, CODE)], data=2)
    yield "x86", elf([(0x80000000, 16, CODE)], machine=62)
    yield "dyn", elf([(0x80000000, 16, CODE)], etype=3)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    out = args.out
    os.makedirs(out, exist_ok=True)
    for name, data in seeds():
        with open(os.path.join(out, name + ".elf"), "wb") as f:
            f.write(data)
    for path in args.files:
        shutil.copyfile(path, os.path.join(out, "copy-" + os.path.basename(path)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
