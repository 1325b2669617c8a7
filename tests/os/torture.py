#!/usr/bin/env python3
"""Power cuts at random cycles on the OS (docs/os.md, "Tests"): for each
seed, `amber torture` on a fresh image with the kernel's console, then
checks from the console that
  - every power-on that resumed verified its checkpoint (the kernel's check,
    also counted by amber torture through PWR_CHECK),
  - no checkpoint reported committed before a cut was lost: a resume names
    the last committed checkpoint, or the next one when its flip reached the
    media before its console line did,
  - the workload's own invariants never failed and the kernel never panicked.
Exit 0 if every seed passed; with --expect-caught (a deliberately broken
kernel), exit 0 only if some seed caught it. --both-modes runs the seeds
plain and then adversarial."""
import argparse
import os
import re
import subprocess
import sys
import tempfile


def check_seed(args, seed, tmp):
    img = os.path.join(tmp, f"os-{seed}.img")
    subprocess.run([args.amber, "image", "create", img], check=True, capture_output=True)
    cmd = [args.amber, "torture", img, "--flash", args.flash, "--cuts", str(args.cuts),
           "--seed", str(seed), "--window", str(args.window), "--console", "stdio"]
    if args.adversarial:
        cmd.append("--adversarial")
    if args.mem:
        cmd += ["--mem", args.mem]
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                       timeout=args.timeout)
    os.unlink(img)
    committed = 0
    resumes = 0
    for line in p.stdout.splitlines():
        if m := re.match(r"ckpt (\d+) committed", line):
            n = int(m.group(1))
            if n != committed + 1:
                return False, f"seed {seed}: checkpoint {n} committed after {committed}"
            committed = n
        elif m := re.match(r"resume: checkpoint (\d+) (\S+)", line):
            n = int(m.group(1))
            if m.group(2) != "verified":
                return False, f"seed {seed}: {line}"
            if n not in (committed, committed + 1):
                return False, f"seed {seed}: resumed checkpoint {n}, but {committed} was committed"
            committed = n
            resumes += 1
        elif re.match(r"(panic|workload: FAIL|trap:|store: .*corrupt)", line):
            return False, f"seed {seed}: {line}"
    if p.returncode != 0 or not p.stdout.rstrip().endswith("torture: PASS"):
        tail = "\n".join(p.stdout.splitlines()[-5:])
        return False, f"seed {seed}: amber torture exit {p.returncode}:\n{tail}\n{p.stderr.strip()}"
    return True, (resumes, committed, p.stdout.count("Amber-1 firmware"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--amber", required=True)
    ap.add_argument("--flash", required=True)
    ap.add_argument("--seeds", type=int, default=4)
    ap.add_argument("--first-seed", type=int, default=1)
    ap.add_argument("--cuts", type=int, default=50)
    ap.add_argument("--window", type=int, default=30000000)
    ap.add_argument("--adversarial", action="store_true")
    ap.add_argument("--timeout", type=int, default=600)
    ap.add_argument("--mem", help="DRAM size (a small one makes the store reclaim frames)")
    ap.add_argument("--expect-caught", action="store_true")
    ap.add_argument("--both-modes", action="store_true")
    args = ap.parse_args()
    failed = 0
    for adversarial in ([False, True] if args.both_modes else [args.adversarial]):
        args.adversarial = adversarial
        failed += run_mode(args)
    if args.expect_caught:
        return 0 if failed else 1
    return 1 if failed else 0


def run_mode(args):
    failed = 0
    power_ons = resumes = ckpts = 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(args.first_seed, args.first_seed + args.seeds):
            ok, r = check_seed(args, seed, tmp)
            if not ok:
                print("CAUGHT" if args.expect_caught else "FAIL", r)
                failed += 1
            else:
                resumes += r[0]
                ckpts += r[1]
                power_ons += r[2]
    mode = "adversarial" if args.adversarial else "plain"
    print(f"{args.seeds - failed} of {args.seeds} seeds passed ({mode}, {args.cuts} cuts each): "
          f"{power_ons} power-ons, {resumes} verified resumes, {ckpts} checkpoints reached")
    return failed


if __name__ == "__main__":
    sys.exit(main())
