"""Hand-made RV64 ELF executables for tests that need malformed or minimal
files (the CLI bad-input tests, the ELF fuzzer's seeds). Standard library
only; import after putting tests/lib on sys.path."""
import struct


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
