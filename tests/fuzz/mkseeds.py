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


def elf(segments, symbols=(), entry=0x80000000, cls=2, data=1, machine=243, etype=2):
    """segments: [(paddr, memsz, bytes)], symbols: [(name, value, size)]."""
    phoff = 64
    off = phoff + 56 * len(segments)
    seg_off = []
    for _, _, b in segments:
        seg_off.append(off)
        off += (len(b) + 7) & ~7
    strtab = b"\0"
    names = []
    for name, _, _ in symbols:
        names.append(len(strtab))
        strtab += name.encode() + b"\0"
    shnum = 3 if symbols else 0
    shoff = off if symbols else 0
    symoff = shoff + 64 * shnum
    stroff = symoff + 24 * (len(symbols) + 1)
    out = bytearray(stroff + len(strtab) if symbols else off)
    ident = b"\x7fELF" + bytes([cls, data, 1]) + bytes(9)
    struct.pack_into("<16sHHIQQQIHHHHHH", out, 0, ident, etype, machine, 1, entry, phoff,
                     shoff, 0, 64, 56, len(segments), 64, shnum, 0)
    for i, (paddr, memsz, b) in enumerate(segments):
        struct.pack_into("<IIQQQQQQ", out, phoff + 56 * i, 1, 7, seg_off[i], paddr, paddr,
                         len(b), memsz, 8)
        out[seg_off[i]:seg_off[i] + len(b)] = b
    if symbols:
        struct.pack_into("<IIQQQQIIQQ", out, shoff + 64, 0, 2, 0, 0, symoff,
                         24 * (len(symbols) + 1), 2, 0, 8, 24)
        struct.pack_into("<IIQQQQIIQQ", out, shoff + 128, 0, 3, 0, 0, stroff, len(strtab),
                         0, 0, 1, 0)
        for i, (_, value, size) in enumerate(symbols):
            struct.pack_into("<IBBHQQ", out, symoff + 24 * (i + 1), names[i], 0x10, 0, 1,
                             value, size)
        out[stroff:] = strtab
    return bytes(out)


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
