#!/usr/bin/env python3
"""The OS measurements of docs/performance.md ("The OS"), in simulated time:
  1. checkpoint pause and write-back for 10,000 dirty pages (--bench: the
     kernel with os/workload_bench.c), pages and media lines written;
  2. resume: power-on to running threads, on that 10,000-page store;
  3. the standard workload on the production kernel (--flash: checkpoints
     every 250 ms): pages and media bytes per checkpoint, and media wear
     over the run (`amber image wear`), extrapolated to one hour."""
import argparse
import os
import re
import subprocess
import sys
import tempfile


def amber(args, *a, **kw):
    return subprocess.run([args.amber, *a], stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=3600, **kw)


def ckpt_lines(text):
    return [tuple(int(x) for x in m) for m in re.findall(
        r"^ckpt \d+ committed: (\d+) pages, (\d+) media lines, pause (\d+)\.(\d) us, total (\d+) us",
        text, re.M)]


def sim_seconds(stderr):
    return float(re.search(r"^sim-seconds: ([0-9.]+)", stderr, re.M).group(1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--amber", required=True)
    ap.add_argument("--bench", required=True)
    ap.add_argument("--flash", required=True)
    ap.add_argument("--insns", type=int, default=1500000000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        img = os.path.join(tmp, "bench.img")
        amber(args, "image", "create", img, check=True)
        p = amber(args, "exec", args.bench, "--image", img, "--max-insns", "1200000000")
        big = [c for c in ckpt_lines(p.stdout) if c[0] >= 10000]
        if not big:
            print(p.stdout[-3000:], p.stderr)
            return 1
        for pages, media, pus, ptenth, total in big:
            print(f"10k pages: {pages} pages, pause {pus}.{ptenth} us, write-back {total} us, "
                  f"{media} media lines ({media * 256 / pages:.0f} media bytes per page)")
        p = amber(args, "exec", args.bench, "--image", img, "--max-insns", "300000000")
        m = re.search(r"threads running at (\d+) us after power-on \(kernel entered at (\d+) us, "
                      r"store open (\d+) us\)", p.stdout)
        v = re.search(r"verified .* in (\d+) us", p.stdout)
        print(f"resume on the 10k-page store: threads running {m.group(1)} us after power-on "
              f"(firmware {m.group(2)} us, store open {m.group(3)} us); "
              f"check of the whole store {v.group(1) if v else '?'} us, concurrent")

        img = os.path.join(tmp, "wear.img")
        amber(args, "image", "create", img, check=True)
        p = amber(args, "exec", args.flash, "--image", img, "--max-insns", str(args.insns), "--stats")
        secs = sim_seconds(p.stderr)
        cps = ckpt_lines(p.stdout)[1:]  # the first holds the start-up
        if not cps:
            print(p.stdout[-3000:])
            return 1
        pages = sum(c[0] for c in cps) / len(cps)
        media = sum(c[1] for c in cps) / len(cps)
        pause = max(c[2] + c[3] / 10 for c in cps)
        print(f"standard workload: {secs:.3f} s simulated, {len(cps) + 1} checkpoints; per checkpoint "
              f"{pages:.1f} pages ({pages * 4096 / 1024:.0f} KiB), {media:.0f} media lines "
              f"({media * 256 / 1024:.0f} KiB to the media), pause at most {pause} us")
        w = amber(args, "image", "wear", img, "--top", "3").stdout
        print("wear:", " ".join(w.split()))
        tot = re.search(r"^writes: (\d+)", w, re.M)
        mx = re.search(r"^writes: \d+, max (\d+)", w, re.M)
        if tot and mx:
            f = 3600 / secs
            print(f"extrapolated to one hour (x{f:.0f}): {int(tot.group(1)) * f:.3g} media-line writes, "
                  f"hottest line {int(mx.group(1)) * f:.3g} writes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
