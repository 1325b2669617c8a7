#!/usr/bin/env python3
"""Run a libFuzzer target for a bounded time as a meson test.

    run_fuzz.py --fuzzer PATH --seeds DIR [--time SECONDS] [--artifacts DIR]
    run_fuzz.py --probe CLANG      exit 0 if CLANG can build a libFuzzer target

The corpus grows in a fresh temporary directory (the seed directory is only
read), so runs do not depend on each other. A crash, leak, sanitizer report
or timeout makes libFuzzer exit non-zero; the reproducer is written to the
artifacts directory and this script fails. AMBER_FUZZ_TIME overrides
--time (see README.md).
"""
import argparse
import os
import subprocess
import sys
import tempfile


def probe(clang):
    src = ("#include <stddef.h>\n#include <stdint.h>\n"
           "int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)"
           " { (void)d; (void)n; return 0; }\n")
    with tempfile.TemporaryDirectory() as tmp:
        c = os.path.join(tmp, "probe.c")
        with open(c, "w") as f:
            f.write(src)
        r = subprocess.run([clang, "-fsanitize=fuzzer,address,undefined", c, "-o",
                            os.path.join(tmp, "probe")],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return r.returncode


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--probe")
    ap.add_argument("--fuzzer")
    ap.add_argument("--seeds")
    ap.add_argument("--time", type=int, default=20)
    ap.add_argument("--artifacts", default=".")
    ap.add_argument("--max-len", type=int, default=65536, help="the longest input")
    args = ap.parse_args()
    if args.probe:
        return probe(args.probe)
    seconds = int(os.environ.get("AMBER_FUZZ_TIME", args.time))
    os.makedirs(args.artifacts, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="amber-fuzz-") as corpus:
        cmd = [args.fuzzer, "-max_total_time=%d" % seconds, "-timeout=10",
               "-rss_limit_mb=2048", "-max_len=%d" % args.max_len, "-print_final_stats=1",
               "-artifact_prefix=" + os.path.join(os.path.abspath(args.artifacts), ""),
               corpus, args.seeds]
        print(" ".join(cmd), flush=True)
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           errors="replace")
        lines = r.stdout.splitlines()
        print("\n".join(lines[-60:]))
        if r.returncode != 0:
            print("FAIL: %s exited with status %d; reproducer in %s" %
                  (os.path.basename(args.fuzzer), r.returncode, args.artifacts))
            return 1
        print("ok: no crash in %d s" % seconds)
        return 0


if __name__ == "__main__":
    sys.exit(main())
