#!/usr/bin/env python3
"""Run a guest program that draws, and look at what the display shows.

    check_scene.py --amber AMBER --elf PROG [--expect SHA256] [--window XVFB_RUN]

Runs `amber exec PROG --screendump OUT.png`; the SHA-256 of the decoded
pixels must equal --expect. With --window, the run happens in an SDL window
under xvfb-run, and the window's own pixels (--window-shot) must equal the
screendump, pixel for pixel. Prints the hash, so a deliberate change of the
scene can update the golden value.
"""
import argparse
import hashlib
import os
import struct
import subprocess
import sys
import tempfile
import zlib


def read_png(path):
    """8-bit RGB, non-interlaced PNGs as libpng writes them: (w, h, rows)."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(path + ": not a PNG")
    pos, idat, w, h = 8, b"", None, None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if (depth, colour, interlace) != (8, 2, 0):
                raise ValueError(path + ": not 8-bit RGB")
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride, rows, prev = zlib.decompress(idat), 3 * w, [], bytearray(3 * w)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - 3] if i >= 3 else 0
            b, c = prev[i], prev[i - 3] if i >= 3 else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--amber", required=True)
    ap.add_argument("--elf", required=True)
    ap.add_argument("--expect")
    ap.add_argument("--window")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        dump, shot = os.path.join(tmp, "dump.png"), os.path.join(tmp, "window.png")
        cmd = [args.amber, "exec", args.elf, "--screendump", dump, "--max-insns", "200000000"]
        if args.window:
            cmd = [args.window, "-a", "-s", "-screen 0 1280x1024x24"] + cmd + \
                  ["--window", "--scale", "1", "--window-shot", shot]
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        print(r.stdout)
        if r.returncode != 0:
            print("FAIL: amber exited with status %d" % r.returncode)
            return 1
        w, h, rows = read_png(dump)
        digest = hashlib.sha256(b"".join(rows)).hexdigest()
        print("screendump %dx%d sha256 %s" % (w, h, digest))
        if args.expect and digest != args.expect:
            print("FAIL: the screendump differs from the golden image (%s)" % args.expect)
            return 1
        if args.window:
            if "running headless" in r.stdout:
                print("FAIL: no window was opened")
                return 1
            ww, wh, wrows = read_png(shot)
            if (ww, wh) != (w, h) or wrows != rows:
                bad = sum(a != b for a, b in zip(wrows, rows))
                print("FAIL: window %dx%d differs from the frame buffer %dx%d (%d rows)" % (ww, wh, w, h, bad))
                return 1
            print("window matches the frame buffer")
    return 0


if __name__ == "__main__":
    sys.exit(main())
