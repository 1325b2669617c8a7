#!/usr/bin/env python3
"""Scripted input reaching the guest, end to end.

    check_input.py --amber AMBER --elf INPUT_ELF --script input.script [--window XVFB_RUN]

Runs tests/gfx/input.c under the script (timed typing, mouse moves, clicks,
wheel, screendumps) and checks the guest's UART report and the pixels of
the screendumps it asked for. With --window the same run happens in an SDL
window under xvfb-run and must give the same transcript and screendumps.
"""
import argparse
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_scene import read_png  # noqa: E402

TEXT = "Hi, Amber!"
BACKGROUND = (0x10, 0x20, 0x30)


def pixel(img, x, y):
    w, _, rows = img
    return tuple(rows[y][3 * x:3 * x + 3])


def check(cond, what, failures):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def run(args, tmp, window):
    cmd = [args.amber, "exec", args.elf, "--script", os.path.abspath(args.script), "--max-insns", "100000000"]
    if window:
        cmd = [window, "-a", "-s", "-screen 0 1280x1024x24"] + cmd + ["--window", "--scale", "1"]
    r = subprocess.run(cmd, cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                       stdin=subprocess.DEVNULL, timeout=60)
    return r.returncode, r.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--amber", required=True)
    ap.add_argument("--elf", required=True)
    ap.add_argument("--script", required=True)
    ap.add_argument("--window")
    args = ap.parse_args()
    args.amber, args.elf = os.path.abspath(args.amber), os.path.abspath(args.elf)
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        status, out = run(args, tmp, None)
        print(out)
        check(status == 0, "amber exits with status 0 (got %d)" % status, failures)
        lines = out.splitlines()
        check("typed: " + TEXT + "Z" in lines, "the guest saw the typed text and the chord", failures)
        check("clicks: 2" in lines, "the guest saw two button presses", failures)
        check("wheel: 2" in lines, "the guest summed the wheel steps", failures)
        check("mouse 400 300 buttons 0 wheel 0" in lines, "the guest saw the last move", failures)
        typed, mouse = read_png(os.path.join(tmp, "typed.png")), read_png(os.path.join(tmp, "mouse.png"))
        for i, ch in enumerate(TEXT):
            check(pixel(typed, 13 + 12 * i, 16) == (ord(ch), 0, 0xA0),
                  "block %d encodes %r" % (i, ch), failures)
        check(pixel(typed, 13 + 12 * len(TEXT), 16) == BACKGROUND, "nothing typed yet after the text", failures)
        check(pixel(typed, 100, 150) == BACKGROUND, "no click mark before the clicks", failures)
        check(pixel(mouse, 100, 150) == (0xFF, 0, 0), "left click mark at (100, 150)", failures)
        check(pixel(mouse, 300, 200) == (0, 0xFF, 0), "right click mark at (300, 200)", failures)
        check(pixel(mouse, 400, 300) == (0, 0, 0) and pixel(mouse, 403, 303) == (0xFF, 0xFF, 0xFF),
              "the cursor at (400, 300)", failures)
        check(pixel(mouse, 13 + 12 * len(TEXT), 16) == BACKGROUND, "the chord comes after the screendump",
              failures)
        if args.window:
            with tempfile.TemporaryDirectory() as wtmp:
                wstatus, wout = run(args, wtmp, args.window)
                print(wout)
                check(wstatus == 0 and "running headless" not in wout, "the windowed run passes", failures)
                check(wout == out, "the windowed run's transcript is the headless one", failures)
                for name in ("typed.png", "mouse.png"):
                    check(read_png(os.path.join(wtmp, name)) == read_png(os.path.join(tmp, name)),
                          "the windowed run's %s is the headless one" % name, failures)
    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
