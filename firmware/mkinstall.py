#!/usr/bin/env python3
"""Turn a kernel ELF into the Amber-1 install medium (include/amber/boot.h):
struct install_header, then the kernel's flat image from OS_LOAD_PA.

The OS build identity is "amber-os-" and the first 16 hex digits of the
image's SHA-256, so two different builds never share one. Usable alone:
    mkinstall.py --include include KERNEL.elf OUT.bin
"""
import argparse
import hashlib
import struct
import sys
import zlib
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from hwconst import header_constants

HEADER = struct.Struct("<QIIQQQII32s")  # struct install_header
PT_LOAD = 1
EM_RISCV = 243


class MediumError(Exception):
    pass


def flat_image(elf, c):
    """The bytes from OS_LOAD_PA to the end of the last loaded byte, and the
    entry point's physical address."""
    if elf[:6] != b"\x7fELF\x02\x01":
        raise MediumError("not a little-endian ELF64 file")
    (_, e_machine, _, e_entry, e_phoff, _, _, _, e_phentsize, e_phnum) = \
        struct.unpack_from("<HHIQQQIHHH", elf, 16)
    if e_machine != EM_RISCV:
        raise MediumError("not a RISC-V ELF")
    base, limit = c["OS_LOAD_PA"], c["OS_LOAD_PA"] + c["OS_LOAD_MAX"]
    segs = []
    entry_pa = None
    for i in range(e_phnum):
        (p_type, _, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, _) = \
            struct.unpack_from("<IIQQQQQQ", elf, e_phoff + i * e_phentsize)
        if p_type != PT_LOAD:
            continue
        if p_vaddr <= e_entry < p_vaddr + p_memsz:
            entry_pa = p_paddr + (e_entry - p_vaddr)
        if p_filesz == 0:
            continue  # bss: the kernel clears its own
        if p_paddr < base or p_paddr + p_filesz > limit:
            raise MediumError(f"segment at {p_paddr:#x} is outside the kernel area "
                              f"[{base:#x}, {limit:#x})")
        data = elf[p_offset:p_offset + p_filesz]
        if len(data) != p_filesz:
            raise MediumError(f"segment at {p_paddr:#x} is cut short: the file is truncated")
        segs.append((p_paddr - base, data))
    if not segs:
        raise MediumError("nothing to load")
    end = max(off + len(data) for off, data in segs)
    image = bytearray(end)
    for off, data in segs:
        image[off:off + len(data)] = data
    if entry_pa is None or not base <= entry_pa < base + end:
        raise MediumError(f"entry point {e_entry:#x} is not in the loaded image")
    return bytes(image), entry_pa


def make_medium(elf, c):
    """(medium bytes, os_id) for a kernel ELF's contents."""
    try:
        image, entry_pa = flat_image(elf, c)
    except struct.error:
        raise MediumError("truncated ELF headers") from None
    os_id = "amber-os-" + hashlib.sha256(image).hexdigest()[:16]
    header = HEADER.pack(c["INSTALL_MAGIC"], c["INSTALL_VERSION"], HEADER.size, len(image),
                         c["OS_LOAD_PA"], entry_pa, zlib.crc32(image), 0,
                         os_id.encode().ljust(c["BOOT_OS_ID_BYTES"], b"\0"))
    medium = header + image
    room = c["AMBER_FLASH_SIZE"] - c["INSTALL_OFFSET"]
    if len(medium) > room:
        raise MediumError(f"the install medium ({len(medium)} bytes) does not fit in flash ({room})")
    return medium, os_id


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--include", required=True, help="the directory holding amber/boot.h")
    ap.add_argument("kernel")
    ap.add_argument("out")
    a = ap.parse_args()
    try:
        medium, os_id = make_medium(Path(a.kernel).read_bytes(), header_constants(a.include))
    except MediumError as e:
        sys.exit(f"mkinstall: {a.kernel}: {e}")
    Path(a.out).write_bytes(medium)
    print(os_id)


if __name__ == "__main__":
    main()
