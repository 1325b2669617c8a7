#!/usr/bin/env python3
"""firmware/mkinstall.py: the install medium it makes from hand-made kernel
ELFs (header fields, flat image, checksum, build identity), and the kernels
it refuses."""
import argparse
import os
import re
import struct
import subprocess
import sys
import tempfile
import zlib

HEADER = struct.Struct("<QIIQQQII32s")
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print(f"FAIL: {what}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--firmware-dir", required=True)
    ap.add_argument("--include", required=True)
    ap.add_argument("--lib", required=True, help="tests/lib")
    a = ap.parse_args()
    sys.dont_write_bytecode = True
    sys.path[:0] = [a.firmware_dir, a.lib]
    import elfwrite
    import hwconst
    c = hwconst.header_constants(a.include)
    load = c["OS_LOAD_PA"]
    text, data = bytes(range(1, 65)), b"DATA" * 4

    def kernel(segments, entry=load + 8, machine=243):
        return elfwrite.elf(segments, entry=entry, machine=machine)

    def mkinstall(elf_bytes):
        with tempfile.TemporaryDirectory() as tmp:
            src, out = os.path.join(tmp, "k.elf"), os.path.join(tmp, "k.inst")
            with open(src, "wb") as f:
                f.write(elf_bytes)
            r = subprocess.run([sys.executable, os.path.join(a.firmware_dir, "mkinstall.py"),
                                "--include", a.include, src, out], capture_output=True, text=True)
            medium = open(out, "rb").read() if r.returncode == 0 else None
            return r.returncode, r.stdout + r.stderr, medium

    # Text, a gap, data with a bss tail, and a bss-only segment in DRAM.
    good = kernel([(load, 64, text), (load + 0x1000, 0x2000, data), (0x80100000, 0x8000, b"")])
    rc, out, medium = mkinstall(good)
    check(rc == 0 and medium, "a kernel with a gap and bss makes a medium")
    if medium:
        h = HEADER.unpack_from(medium)
        image = medium[HEADER.size:]
        want = text + bytes(0x1000 - len(text)) + data
        check(h[0] == c["INSTALL_MAGIC"] and h[1] == c["INSTALL_VERSION"] and h[2] == HEADER.size,
              "header magic, version and size")
        check(image == want and h[3] == len(want), "flat image from OS_LOAD_PA, gap zero-filled, no bss")
        check(h[4] == load and h[5] == load + 8, "load and entry addresses")
        check(h[6] == zlib.crc32(want), "the image's CRC-32")
        os_id = h[8].rstrip(b"\0").decode()
        check(re.fullmatch(r"amber-os-[0-9a-f]{16}", os_id) and out.strip() == os_id,
              "the build identity, printed")
        _, _, again = mkinstall(good)
        check(again == medium, "the same kernel gives the same medium")
        other = kernel([(load, 64, text[:-1] + b"\0"), (load + 0x1000, 0x2000, data)])
        _, _, m2 = mkinstall(other)
        check(m2 and HEADER.unpack_from(m2)[8] != h[8], "another image gives another identity")

    refusals = {
        "segment below the kernel area": (kernel([(load - 0x1000, 64, text)]), "outside the kernel area"),
        "segment past OS_LOAD_MAX": (kernel([(load + c["OS_LOAD_MAX"] - 32, 64, text)]),
                                     "outside the kernel area"),
        "entry outside the image": (kernel([(load, 64, text)], entry=load + 0x100), "entry point"),
        "not RISC-V": (kernel([(load, 64, text)], machine=62), "not a RISC-V ELF"),
        "nothing to load": (kernel([(0x80100000, 0x8000, b"")], entry=0x80100000), "nothing to load"),
        "not an ELF": (b"\x7fEL" + bytes(100), "not a little-endian ELF64"),
        "empty file": (b"", "not a little-endian ELF64"),
        "truncated headers": (good[:70], "truncated ELF headers"),
        "truncated segment": (good[:-8], "cut short"),
    }
    for name, (elf_bytes, message) in refusals.items():
        rc, out, medium = mkinstall(elf_bytes)
        check(rc != 0 and message in out and medium is None, f"refused: {name} ({out.strip()})")

    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("mkinstall tests passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
