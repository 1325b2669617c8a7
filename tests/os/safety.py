#!/usr/bin/env python3
"""The power button, the power-fail warning and bad input (docs/os.md,
"Tests"), each on its own image through `amber run` (whose console input
ending presses the button) and `amber exec` (for a timed cut):
  button     the state after power-on is exactly the state at the press
  warning    with a residual-energy window the kernel checkpoints before the cut
  fallback   a corrupt current version table copy: the previous checkpoint
  bothbad    both copies corrupt: refusal (exit 22), image left as it was
  header     a corrupt store header: refusal (exit 21), image left as it was
  foreign    a store made by another OS build: refusal (exit 23)
  fresh      a fresh image: install, a new store, checkpoint 0, the first
             checkpoints, and power-on again resumes the last of them
The image file's PMEM data starts at 0x10000 (docs/nvdimm.md)."""
import argparse
import hashlib
import os
import re
import struct
import subprocess
import sys
import tempfile
import zlib

DATA = 0x10000                     # PMEM data in the image file
SUPER_KERNEL = DATA + 256          # the store header (os/store_media.h)
SELECTOR = DATA + 0x800
TABLE = [DATA + 0x800000, DATA + 0x810000]
TABLE_MAP = 48 + 16 * 34 * 8       # offset of the page map in a table copy
HEADER_SIZE = 120                  # sizeof (struct store_header)


class Fail(Exception):
    pass


def run(args, img, feed_seconds=0.0, expect=0):
    """Power on with `amber run`; the button is pressed when the input ends."""
    cmd = [args.amber, "run", "--image", img, "--flash", args.flash, "--headless"]
    if feed_seconds:
        cmd = ["sh", "-c", f"sleep {feed_seconds} | \"$@\"", "sh"] + cmd
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    if p.returncode != expect:
        raise Fail(f"exit {p.returncode}, expected {expect}:\n{p.stdout[-2000:]}\n{p.stderr}")
    return p.stdout


def last(pattern, text):
    m = re.findall(pattern, text, re.M)
    if not m:
        raise Fail(f"no line matching {pattern!r} in:\n{text[-2000:]}")
    return m[-1]


def patch(img, off, data):
    with open(img, "r+b") as f:
        f.seek(off)
        f.write(data)


def read(img, off, n):
    with open(img, "rb") as f:
        f.seek(off)
        return f.read(n)


def flip_byte(img, off):
    patch(img, off, bytes([read(img, off, 1)[0] ^ 0x5a]))


def store_digest(img):
    """The superblock and the store's tables: what a refusal must not touch."""
    return hashlib.sha256(read(img, DATA, 0x1000) + read(img, TABLE[0], 0x20000)).hexdigest()


def made_store(args, tmp, name):
    """An image whose store has a few checkpoints (two power-ons)."""
    img = os.path.join(tmp, name + ".img")
    subprocess.run([args.amber, "image", "create", img], check=True, capture_output=True)
    run(args, img)
    out = run(args, img, feed_seconds=0.5)
    return img, int(last(r"^power: checkpoint (\d+) durable", out))


def t_fresh(args, tmp):
    img = os.path.join(tmp, "fresh.img")
    subprocess.run([args.amber, "image", "create", img], check=True, capture_output=True)
    out = run(args, img, feed_seconds=0.5)
    last(r"^store: made a new store", out)
    last(r"^resume: checkpoint 0 verified \(hash 0, recorded 0\)", out)
    last(r"^workload: started", out)
    first = last(r"^ckpt (1) committed", out)
    seq = last(r"^power: checkpoint (\d+) durable; switching off", out)
    out = run(args, img)
    if "made a new store" in out or last(r"^resume: checkpoint (\d+) verified", out) != seq:
        raise Fail(f"the second power-on did not resume checkpoint {seq}")
    subprocess.run([args.amber, "image", "check", img], check=True, capture_output=True)
    return f"new store, checkpoint {first} then {seq} at the button, resumed"


def t_button(args, tmp):
    img, _ = made_store(args, tmp, "button")
    out = run(args, img, feed_seconds=0.5)
    seq, h = last(r"^ckpt (\d+) committed: .* hash ([0-9a-f]+)$", out)
    if last(r"^power: checkpoint (\d+) durable; switching off", out) != seq:
        raise Fail("the button's checkpoint is not the last one")
    out = run(args, img)
    got = last(r"^resume: checkpoint (\d+) verified \(hash ([0-9a-f]+)", out)
    if got != (seq, h):
        raise Fail(f"pressed at checkpoint {seq} hash {h}, resumed {got}")
    return f"checkpoint {seq} at the press, hash {h}, resumed equal"


def cut_with_warning(args, img, window):
    cmd = [args.amber, "exec", args.flash, "--image", img, "--power-cut-at", "40000000",
           "--power-fail-window", str(window)]
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    if p.returncode != 123:
        raise Fail(f"exit {p.returncode}, expected 123 (power cut):\n{p.stdout[-2000:]}")
    return p.stdout


def t_warning(args, tmp):
    img, _ = made_store(args, tmp, "warning")
    out = cut_with_warning(args, img, 20000000)
    seq = last(r"^power: failing; checkpoint (\d+) durable before the cut", out)
    if last(r"^resume: checkpoint (\d+) verified", run(args, img)) != seq:
        raise Fail(f"the warning's checkpoint {seq} was not resumed")
    # Too short a window: the kernel leaves the last checkpoint standing.
    out = cut_with_warning(args, img, 300000)
    seq2 = last(r"^power: failing in \d+ cycles, too soon for \d+ pages; checkpoint (\d+) stands", out)
    if int(last(r"^resume: checkpoint (\d+) verified", run(args, img))) not in (int(seq2), int(seq2) + 1):
        raise Fail(f"checkpoint {seq2} (or the one in flight) was not resumed")
    return f"checkpoint {seq} made in a 20 ms window and resumed; 0.3 ms: checkpoint {seq2} stood"


def t_fallback(args, tmp):
    img, seq = made_store(args, tmp, "fallback")
    sel = struct.unpack("<Q", read(img, SELECTOR, 8))[0]
    if sel >> 1 != seq:
        raise Fail(f"selector names checkpoint {sel >> 1}, expected {seq}")
    flip_byte(img, TABLE[sel & 1] + TABLE_MAP + 3)
    out = run(args, img)
    last(r"^store: version table copy \d+ \(checkpoint \d+\) is corrupt; falling back", out)
    if int(last(r"^resume: checkpoint (\d+) verified", out)) != seq - 1:
        raise Fail(f"expected to resume checkpoint {seq - 1}")
    out = run(args, img, feed_seconds=0.3)  # and the store carries on normally
    last(r"^resume: checkpoint \d+ verified", out)
    return f"copy {sel & 1} damaged: resumed checkpoint {seq - 1}, then carried on"


def refused(args, img, code, pattern):
    before = store_digest(img)
    for _ in range(2):  # and again: nothing was "repaired" in between
        out = run(args, img, expect=code)
        last(pattern, out)
    if store_digest(img) != before:
        raise Fail("the refused store was modified")


def t_bothbad(args, tmp):
    img, _ = made_store(args, tmp, "bothbad")
    flip_byte(img, TABLE[0] + 40)
    flip_byte(img, TABLE[1] + TABLE_MAP + 100)
    refused(args, img, 22, r"^store: both version table copies are corrupt")
    return "refused with exit 22, store unchanged"


def t_header(args, tmp):
    img, _ = made_store(args, tmp, "header")
    flip_byte(img, SUPER_KERNEL + 20)
    refused(args, img, 21, r"^store: the store header is corrupt")
    return "refused with exit 21, store unchanged"


def t_foreign(args, tmp):
    img, _ = made_store(args, tmp, "foreign")
    hdr = bytearray(read(img, SUPER_KERNEL, HEADER_SIZE))
    hdr[16:48] = b"amber-os 0.0.9 store-0".ljust(32, b"\0")
    hdr[-4:] = b"\0\0\0\0"
    hdr[-4:] = struct.pack("<I", zlib.crc32(bytes(hdr)))
    patch(img, SUPER_KERNEL, bytes(hdr))
    refused(args, img, 23, r"^store: made by a different OS build")
    return "refused with exit 23, store unchanged"


TESTS = {"fresh": t_fresh, "button": t_button, "warning": t_warning, "fallback": t_fallback,
         "bothbad": t_bothbad, "header": t_header, "foreign": t_foreign}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--amber", required=True)
    ap.add_argument("--flash", required=True)
    ap.add_argument("tests", nargs="*", default=list(TESTS))
    args = ap.parse_args()
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.tests:
            try:
                print(f"{name}: ok: {TESTS[name](args, tmp)}")
            except (Fail, subprocess.TimeoutExpired) as e:
                print(f"{name}: FAIL: {e}")
                failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
