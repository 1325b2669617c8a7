#!/usr/bin/env python3
"""amber run and the power button (docs/emulator.md, "amber run",
"Switching off"), with button.c standing in for the firmware and OS:

- the end of the console's input presses the button; a guest that answers
  switches off (exit 0, image clean) and the next power-on finds what it
  persisted; one that does not is forced off after --shutdown-timeout
  (exit 123, image "power cut");
- SIGINT presses the button; a second signal forces the power off;
- the guest's failure code is the exit status; --console none and the
  instruction limit close the image as a power cut;
- the OS identity the guest writes reaches the header (image info);
- the default image comes from $AMBER_IMAGE or $XDG_DATA_HOME, is made once
  with a note, and is never made again or overwritten; the flash image from
  $AMBER_FLASH; a missing one is a one-line error (exit 2);
- the monitor's power button, power cut and power button long; savevm and
  loadvm refuse a machine with PMEM;
- with --os-flash, the real firmware and OS: echo | amber run installs,
  switches off at the end of input, and resumes (exit 0, image clean).
Standard library only."""
import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL: " + msg, flush=True)


def run(amber, args, stdin_text="", env=None, timeout=60):
    p = subprocess.run([amber, "run", "--headless", *args], input=stdin_text, capture_output=True,
                       text=True, timeout=timeout, env=env)
    return p.returncode, p.stdout, p.stderr


def info(amber, img):
    return subprocess.run([amber, "image", "info", img], capture_output=True, text=True).stdout


def state(amber, img):
    m = re.search(r"shutdown state: (.*)", info(amber, img))
    return m.group(1) if m else None


def signalled(amber, args, signals):
    """Start amber run with an open stdin, send the signals, return (rc, out, err)."""
    p = subprocess.Popen([amber, "run", "--headless", *args], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # Wait until the guest is up (it prints its power-on line).
    line = p.stdout.readline()
    for sig in signals:
        p.send_signal(sig)
        time.sleep(0.3)
    try:
        out, err = p.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
    return p.returncode, line + out, err


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--amber", required=True)
    ap.add_argument("--guest", required=True)
    ap.add_argument("--ignoring", required=True)
    ap.add_argument("--os-flash", help="the real flash image (firmware and OS), when built")
    a = ap.parse_args()
    am = a.amber
    with tempfile.TemporaryDirectory() as tmp:
        img = os.path.join(tmp, "a.img")
        subprocess.run([am, "image", "create", img, "--size", "4M"], check=True)
        base = ["--flash", a.guest, "--image", img]

        rc, out, err = run(am, base, "hello\n")
        check(rc == 0 and "hello" in out and "button: switching off" in out,
              f"end of input: rc {rc}\n{out}{err}")
        check(state(am, img) == "clean", "a switched-off guest leaves the image clean")
        check("os: button-os 1" in info(am, img), "NVDIMM_OS_ID did not reach the header:\n" + info(am, img))
        rc, out, err = run(am, base, "")
        check(rc == 0 and "power-on 2, shutdowns 1" in out, f"the second power-on: rc {rc}\n{out}{err}")

        rc, out, err = run(am, ["--flash", a.ignoring, "--image", img, "--shutdown-timeout", "20000000"], "x\n")
        check(rc == 123 and "forced off" in err and err.count("\n") == 1, f"forced off: rc {rc}\n{out}{err}")
        check(state(am, img) == "power cut", "a forced off leaves the image as after a power cut")

        rc, out, err = run(am, base, "f")
        check(rc == 12, f"the guest's failure code: rc {rc}\n{out}{err}")
        rc, out, err = run(am, base + ["--console", "none", "--max-insns", "100000"])
        check(rc == 124 and state(am, img) == "power cut",
              f"an instruction limit in run is a power cut for the image: rc {rc} {state(am, img)}")

        rc, out, err = signalled(am, base, [signal.SIGINT])
        check(rc == 0 and "button: switching off" in out and "SIGINT: pressed the power button" in err,
              f"SIGINT: rc {rc}\n{out}{err}")
        rc, out, err = signalled(am, ["--flash", a.ignoring, "--image", img], [signal.SIGTERM, signal.SIGINT])
        check(rc == 123 and "a second signal" in err, f"two signals: rc {rc}\n{out}{err}")

        # The monitor: press the button, cut the power, hold the button down.
        for cmds, want_rc, want in (("step 3000\npower\npower button\ncont\n", 0,
                                     "checks since power-on: 1 passed"),
                                    ("step 3000\npower cut\n", 123, "the power was cut"),
                                    ("power button long\n", 123, "forced off")):
            script = os.path.join(tmp, "s.cmd")
            with open(script, "w") as f:
                f.write(cmds)
            rc, out, err = run(am, base + ["--script", script, "--console", "none"])
            check(rc == want_rc and want in out + err and ("cont" not in cmds or "the guest passed" in out),
                  f"monitor {cmds!r}: rc {rc}\n{out}{err}")

        # Snapshots refuse a machine with PMEM, and write nothing.
        snap = os.path.join(tmp, "m.snap")
        with open(script, "w") as f:
            f.write(f"savevm {snap}\nloadvm {script}\n")
        rc, out, err = run(am, base + ["--script", script, "--console", "none", "--max-insns", "1000"])
        check(out.count("snapshots of a machine with persistent memory") == 2 and not os.path.exists(snap),
              f"savevm/loadvm with PMEM:\n{out}{err}")

        # The default image: made once, with a note, never again.
        xdg = os.path.join(tmp, "xdg")
        env = {k: v for k, v in os.environ.items() if k not in ("AMBER_IMAGE", "AMBER_FLASH")}
        env["XDG_DATA_HOME"] = xdg
        rc, out, err = run(am, ["--flash", a.guest], "", env=env)
        default = os.path.join(xdg, "amber", "default.img")
        check(rc == 0 and os.path.exists(default) and "created a new image" in err,
              f"the default image: rc {rc}\n{err}")
        uuid = re.search(r"uuid: (\S+)", info(am, default))
        rc, out, err = run(am, ["--flash", a.guest], "", env=env)
        check(rc == 0 and "created" not in err and "shutdowns 1" in out and
              re.search(r"uuid: (\S+)", info(am, default)).group(1) == uuid.group(1),
              f"the default image was made again: rc {rc}\n{out}{err}")
        env["AMBER_IMAGE"] = img
        env["AMBER_FLASH"] = a.guest
        rc, out, err = run(am, [], "", env=env)
        check(rc == 0 and "created" not in err, f"$AMBER_IMAGE and $AMBER_FLASH: rc {rc}\n{err}")
        junk_flash = os.path.join(tmp, "junk.elf")
        with open(junk_flash, "w") as f:
            f.write("not a flash image\n")
        env["AMBER_FLASH"] = os.path.join(tmp, "missing.elf")
        rc, out, err = run(am, [], "", env=env)
        check(rc == 2 and "no flash image" in err and err.count("\n") == 1, f"missing flash: rc {rc} {err!r}")
        # A flash that is not an ELF is refused before the image is made.
        fresh = os.path.join(tmp, "never-made.img")
        rc, out, err = run(am, ["--flash", junk_flash, "--image", fresh], "")
        check(rc == 2 and "not an ELF" in err and not os.path.exists(fresh),
              f"bad flash: rc {rc} {err!r}, image made: {os.path.exists(fresh)}")

        if a.os_flash:
            # The whole system: the firmware installs the OS on a new image, the
            # end of input presses the button, the OS checkpoints and switches off.
            osimg = os.path.join(tmp, "os.img")
            for first in (True, False):
                rc, out, err = run(am, ["--flash", a.os_flash, "--image", osimg], "(define x 42)\n")
                check(rc == 0 and ("created a new image" in err) == first and state(am, osimg) == "clean",
                      f"echo | amber run with the OS (first {first}): rc {rc}\n{out}{err}")

        # Bad input: one line, exit 2, the image untouched.
        junk = os.path.join(tmp, "junk.img")
        with open(junk, "wb") as f:
            f.write(b"not an image at all" * 100)
        before = open(junk, "rb").read()
        for args in (["--flash", a.guest, "--image", junk], ["--flash", junk, "--image", img],
                     ["--flash", a.guest, "--image", img, "--console", "tty"],
                     ["--flash", a.guest, "--image", img, "--shutdown-timeout", "0"],
                     ["--flash", a.guest, "--image", img, "stray"]):
            rc, out, err = run(am, args)
            check(rc == 2 and err.startswith("amber: ") and err.count("\n") == 1,
                  f"run {args}: rc {rc}, stderr {err!r}")
        check(open(junk, "rb").read() == before, "a bad image was modified")

    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
