#!/usr/bin/env python3
"""Power-cut torture for the durable log (plog.c): for each seed, a fresh
image, then one amber run that cuts the power at --cuts random cycles and
powers on again after each. After every power-on the log must hold every
entry acknowledged before the cut (the guest itself checks that the log is
whole). Exit 0 if every seed passed, 1 if any failed. With --expect-caught
(for deliberately broken programs) exit 0 only if some seed caught lost or
corrupt entries and no run failed for another reason."""
import argparse
import os
import re
import subprocess
import sys
import tempfile


def run_seed(args, seed, tmp):
    img = os.path.join(tmp, f"log-{seed}.img")
    subprocess.run([args.amber, "image", "create", img, "--size", "4M"], check=True)
    cmd = [args.amber, "exec", args.elf, "--image", img, "--power-cut-random", str(seed),
           "--power-cut-window", str(args.window), "--power-on-after-cut",
           "--power-cuts", str(args.cuts), "--max-insns", "200000000"]
    if args.adversarial:
        cmd.append("--adversarial")
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    os.unlink(img)
    acked, boots = -1, 0
    for line in p.stdout.splitlines():
        if m := re.fullmatch(r"ack (\d+) \.", line):
            acked = max(acked, int(m.group(1)))
        elif m := re.fullmatch(r"recovered (\d+) \.", line):
            boots += 1
            if int(m.group(1)) <= acked:
                return "caught", f"seed {seed}: boot {boots} recovered {m.group(1)} entries, but {acked + 1} were acknowledged"
        elif line.startswith("corrupt"):
            return "caught", f"seed {seed}: boot {boots}: {line}"
    if p.returncode != 0:
        return "error", f"seed {seed}: exit status {p.returncode}: {p.stderr.strip()}"
    if boots < 1:
        return "error", f"seed {seed}: the program never ran"
    # A cut after the last append finds the run over: count the cuts made.
    return p.stderr.count("powering on again")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--amber", required=True)
    ap.add_argument("--elf", required=True)
    ap.add_argument("--seeds", type=int, default=8)
    ap.add_argument("--first-seed", type=int, default=1)
    ap.add_argument("--cuts", type=int, default=25)
    ap.add_argument("--window", type=int, default=40000)
    ap.add_argument("--adversarial", action="store_true")
    ap.add_argument("--expect-caught", action="store_true")
    args = ap.parse_args()
    caught = errors = total = 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(args.first_seed, args.first_seed + args.seeds):
            r = run_seed(args, seed, tmp)
            if isinstance(r, tuple):
                print("CAUGHT" if r[0] == "caught" else "ERROR", r[1])
                caught += r[0] == "caught"
                errors += r[0] == "error"
            else:
                total += r
    passed = args.seeds - caught - errors
    print(f"{passed} of {args.seeds} seeds passed ({total} power cuts survived), {caught} caught losses")
    if args.expect_caught:
        return 0 if caught and not errors else 1
    return 1 if caught or errors else 0


if __name__ == "__main__":
    sys.exit(main())
