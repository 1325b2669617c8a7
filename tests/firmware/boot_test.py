#!/usr/bin/env python3
"""The firmware's boot paths (docs/firmware.md), end to end on the emulator:
install on a fresh image, resume, another OS build on the install medium,
damaged images (diagnosed, exit 12, file left byte for byte as it was), an
install cut short, power cuts during boot, and the machines the firmware
refuses (no PMEM, too little PMEM, nothing to install)."""
import argparse
import hashlib
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

PMEM_BASE = 0x10_0000_0000
SUPER = 0                  # the superblock, as a PMEM offset
SUPER_KERNEL = 256         # the kernel's part of it
KERNEL = 0x100000          # the installed kernel (OS_LOAD_PA - PMEM base)
SUPER_FMT = struct.Struct("<QIIQQIIQ32s")  # struct os_super
EXIT_NO_PMEM, EXIT_DAMAGED, EXIT_NO_MEDIUM = 11, 12, 13

failures = []


def check(cond, what, out=""):
    if not cond:
        failures.append(what)
        print(f"FAIL: {what}")
        if out:
            print("  output:\n    " + out.replace("\n", "\n    "))


class Machine:
    def __init__(self, amber, tmp):
        self.amber, self.tmp = amber, tmp

    def image(self, name, size="16M"):
        path = os.path.join(self.tmp, name)
        subprocess.run([self.amber, "image", "create", path, "--size", size], check=True,
                       stdout=subprocess.DEVNULL)
        return path

    def boot(self, flash, image=None, *extra, cmd="exec"):
        args = [self.amber, cmd] + (["--flash", flash, "--headless"] if cmd == "run" else [flash])
        args += (["--image", image] if image else []) + ["--max-insns", "100000000"] + list(extra)
        r = subprocess.run(args, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                           timeout=60)
        return r.returncode, r.stdout + r.stderr

    def info_os(self, image):
        r = subprocess.run([self.amber, "image", "info", image], capture_output=True, text=True)
        m = re.search(r"^os: (.*)$", r.stdout, re.M)
        return m.group(1) if m else None


def data_offset(image):
    with open(image, "rb") as f:
        return struct.unpack_from("<Q", f.read(80), 72)[0]


def poke(image, pmem_off, data):
    with open(image, "r+b") as f:
        f.seek(data_offset(image) + pmem_off)
        f.write(data)


def peek(image, pmem_off, n):
    with open(image, "rb") as f:
        f.seek(data_offset(image) + pmem_off)
        return f.read(n)


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def medium_id(out):
    m = re.search(r"installing (amber-os-[0-9a-f]{16})", out)
    return m.group(1) if m else None


def booted(out, build, fresh, mismatch, boot):
    return (f"testos build {build}:" in out and
            f"testos: flags fresh={fresh} mismatch={mismatch}" in out and
            f"testos: boot {boot}," in out and "testos: all checks passed" in out)


def test_lifecycle(m, flash1, flash2, bare):
    img = m.image("life.img")
    rc, out = m.boot(flash1, img)
    id1 = medium_id(out)
    check(rc == 0 and id1 and booted(out, 1, 1, 0, 1), "fresh image: install and run", out)
    check(m.info_os(img) == id1, "the image header records the installed OS build")

    rc, out = m.boot(flash1, img)
    check(rc == 0 and f"resuming {id1}" in out and "installing" not in out and
          booted(out, 1, 0, 0, 2), "second power-on resumes without reinstalling", out)

    rc, out = m.boot(flash2, img)
    m2 = re.search(r"another OS build, (amber-os-[0-9a-f]{16})", out)
    check(rc == 0 and m2 and m2.group(1) != id1 and f"resuming {id1}" in out and
          booted(out, 1, 0, 1, 3) and f"testos: running {id1}" in out and
          f"testos: install medium {m2.group(1)}" in out,
          "another OS build on the medium: notice, mismatch flag, the installed OS runs", out)
    check(m.info_os(img) == id1, "the header keeps the running OS's identity")

    rc, out = m.boot(bare, img)
    check(rc == 0 and "install medium: none in flash" in out and booted(out, 1, 0, 0, 4),
          "no install medium: an installed image still resumes", out)
    return img


def superblock(img):
    return list(SUPER_FMT.unpack(peek(img, SUPER, SUPER_FMT.size)))


def with_crc(fields):
    fields[6] = 0
    fields[6] = zlib.crc32(SUPER_FMT.pack(*fields))
    return SUPER_FMT.pack(*fields)


def test_damaged(m, flash1, good):
    def version_2(img):
        f = superblock(img)
        f[1] = 2
        poke(img, SUPER, with_crc(f))

    def flip(off):
        return lambda img: poke(img, off, bytes([peek(img, off, 1)[0] ^ 0x40]))

    def zero_magic_kernel_part_used(img):
        poke(img, SUPER_KERNEL, b"\x01")
        poke(img, SUPER, bytes(8))

    cases = {
        "kernel byte": (flip(KERNEL + 200), "installed kernel checksum mismatch"),
        "superblock field": (flip(SUPER + 48), "superblock checksum mismatch"),
        "magic": (flip(SUPER + 3), "bad superblock magic"),
        "version": (version_2, "unknown superblock version 0x2"),
        "lost magic": (zero_magic_kernel_part_used, "the superblock's magic is zero but the "
                                                    "kernel's part of it is not"),
    }
    for name, (damage, message) in cases.items():
        img = os.path.join(m.tmp, "damaged.img")
        shutil.copyfile(good, img)
        damage(img)
        before = digest(img)
        rc, out = m.boot(flash1, img)
        check(rc == EXIT_DAMAGED and message in out and "left untouched" in out and
              "testos" not in out, f"damaged ({name}): diagnostic and exit {EXIT_DAMAGED}", out)
        check(digest(img) == before, f"damaged ({name}): the image file is unchanged")
        os.unlink(img)


def test_unfinished_install(m, flash1, good):
    """A cut before the magic reached the media: the fields are there, the
    magic is not, the kernel never ran. The firmware installs again."""
    img = os.path.join(m.tmp, "unfinished.img")
    shutil.copyfile(good, img)
    poke(img, SUPER, bytes(8))
    rc, out = m.boot(flash1, img)
    check(rc == 0 and "an earlier install did not finish" in out and "installing" in out and
          booted(out, 1, 1, 0, 5), "an unfinished install is done again", out)


def boot_cycles(out):
    m = re.search(r"^cycles: (\d+)$", out, re.M)
    return int(m.group(1)) if m else None


def test_power_cuts(m, flash1):
    """A power cut at any point of the first boot (with and without
    adversarial write-back), then a power-on: the firmware installs again or
    resumes, never finds the image damaged, and the OS comes up. The cuts
    sweep the whole boot and, densely, the end of the install, where the
    superblock is written."""
    img = m.image("cut.img")
    rc, out = m.boot(flash1, img, "--stats")
    total = boot_cycles(out)
    check(rc == 0 and total, "power cuts: an uncut boot", out)
    if not total:
        return
    cut_runs = []

    def cut_then_boot(cycle, adversarial):
        img = m.image("cut.img")
        extra = ["--adversarial"] if adversarial else []
        rc, out = m.boot(flash1, img, "--power-cut-at", str(cycle), *extra)
        check(rc == 123, f"power cut at cycle {cycle}: the cut happened", out)
        rc, out = m.boot(flash1, img)
        os.unlink(img)
        ok = rc == 0 and "testos: all checks passed" in out and "damaged" not in out
        check(ok, f"power cut at cycle {cycle} (adversarial {adversarial}): the next power-on "
                  "installs or resumes", out)
        cut_runs.append(out)
        return "resuming" in out

    os.unlink(img)
    # The install is done once a cut no longer makes the next power-on install.
    lo, hi = 0, total
    while hi - lo > 2000:
        mid = (lo + hi) // 2
        if cut_then_boot(mid, False):
            hi = mid
        else:
            lo = mid
    step = total // 10
    for i, cycle in enumerate(range(step, total - step, step)):
        cut_then_boot(cycle, i % 2 == 1)
    # The superblock's window (fields durable, magic not yet) is some 500
    # cycles wide and ends at most 2000 cycles before hi.
    for i, cycle in enumerate(range(max(0, hi - 3000), hi + 300, 300)):
        cut_then_boot(cycle, i % 2 == 1)
    check(any("an earlier install did not finish" in out for out in cut_runs),
          "power cuts: some cut fell between the install's first superblock write and its magic")

    img = m.image("cuts.img")
    rc, out = m.boot(flash1, img, "--adversarial", "--power-cut-random", "2",
                     "--power-cut-window", str(total), "--power-on-after-cut", "--power-cuts", "8")
    check(rc == 0 and out.count("powering on again") == 8 and
          "testos: all checks passed" in out and "damaged" not in out,
          "eight random adversarial cuts in a row, then a boot that runs", out)


def test_refusals(m, flash1, bare):
    rc, out = m.boot(flash1)
    check(rc == EXIT_NO_PMEM and "no persistent memory" in out, "no image: exit 11", out)
    small = m.image("small.img", "4M")
    before = digest(small)
    rc, out = m.boot(flash1, small)
    check(rc == EXIT_NO_PMEM and "not enough for the OS" in out, "4 MiB of PMEM: exit 11", out)
    check(digest(small) == before, "too small: the image file is unchanged")
    fresh = m.image("fresh.img")
    rc, out = m.boot(bare, fresh)
    check(rc == EXIT_NO_MEDIUM and "no OS to install" in out, "fresh image, no medium: exit 13", out)


def test_run(m, flash1, img):
    rc, out = m.boot(flash1, img, cmd="run")
    check(rc == 0 and "resuming" in out and "testos: all checks passed" in out,
          "amber run --flash boots the flash image", out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--amber", required=True)
    ap.add_argument("--flash1", required=True, help="firmware + test OS build 1")
    ap.add_argument("--flash2", required=True, help="firmware + test OS build 2")
    ap.add_argument("--bare", required=True, help="firmware without an install medium")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        m = Machine(a.amber, tmp)
        good = test_lifecycle(m, a.flash1, a.flash2, a.bare)
        test_damaged(m, a.flash1, good)
        test_unfinished_install(m, a.flash1, good)
        test_power_cuts(m, a.flash1)
        test_refusals(m, a.flash1, a.bare)
        test_run(m, a.flash1, good)
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("all firmware boot tests passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
