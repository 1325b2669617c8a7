#!/usr/bin/env python3
"""Summarise the Verilator coverage the co-simulation tests wrote.

usage: coverage_summary.py COVERAGE.dat [ANNOTATE_DIR [BUILD_ROOT]]

Prints, per coverage kind (line, branch, ...), the points hit at least once
out of all points, and lists the source lines never reached. With
ANNOTATE_DIR it also runs verilator_coverage --annotate there, from
BUILD_ROOT (where Verilator ran, so the source paths it recorded resolve).
"""
import collections
import re
import shutil
import subprocess
import sys


def parse(path):
    points = []
    for line in open(path, encoding="latin-1"):
        m = re.match(r"C '(.*)' (\d+)$", line.rstrip("\n"))
        if not m:
            continue
        fields = dict(kv.split("\x02", 1) for kv in m.group(1).split("\x01") if "\x02" in kv)
        points.append((fields, int(m.group(2))))
    return points


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    points = parse(sys.argv[1])
    if not points:
        sys.exit(f"{sys.argv[1]}: no coverage points (run meson test --suite rtl first)")
    # Several model instances write the same point: merge by location.
    merged = collections.defaultdict(int)
    for f, n in points:
        kind = f.get("page", "?").split("/")[0]
        key = (kind, f.get("f", "?"), int(f.get("l", 0)), f.get("n", ""), f.get("o", ""))
        merged[key] += n
    by_kind = collections.defaultdict(lambda: [0, 0])
    missed = []
    for (kind, f, l, n, o), count in sorted(merged.items()):
        by_kind[kind][1] += 1
        if count:
            by_kind[kind][0] += 1
        else:
            missed.append(f"{f}:{l} {kind} {o}")
    for kind, (hit, total) in sorted(by_kind.items()):
        print(f"{kind:10} {hit:5} / {total:5}  {100.0 * hit / total:5.1f}%")
    if missed:
        print("never reached:")
        for m in missed:
            print("  " + m)
    if len(sys.argv) > 2 and shutil.which("verilator_coverage"):
        cwd = sys.argv[3] if len(sys.argv) > 3 else None
        subprocess.run(["verilator_coverage", "--annotate-all", "--annotate", sys.argv[2], sys.argv[1]], cwd=cwd, check=False)


if __name__ == "__main__":
    main()
