#!/usr/bin/env python3
"""Link the firmware and an install medium into one flash ELF for
AMBER_FLASH_BASE (docs/firmware.md, "The install medium and the flash
image"). Without --kernel the flash holds the firmware alone."""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import hwconst
import mkinstall


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cc", required=True, help="riscv64-unknown-elf-gcc")
    ap.add_argument("--firmware", required=True, help="the firmware object (firmware.o)")
    ap.add_argument("--ld", required=True, help="firmware/link.ld")
    ap.add_argument("--include", required=True, help="the directory holding amber/boot.h")
    ap.add_argument("--kernel", help="the kernel ELF to put on the install medium")
    ap.add_argument("--medium", help="also write the install medium here")
    ap.add_argument("-o", "--output", required=True)
    a = ap.parse_args()
    c = hwconst.header_constants(a.include)
    syms = {
        "FW_FLASH_BASE": c["AMBER_FLASH_BASE"],
        "FW_FLASH_END": c["AMBER_FLASH_BASE"] + c["AMBER_FLASH_SIZE"],
        "FW_INSTALL_BASE": c["AMBER_FLASH_BASE"] + c["INSTALL_OFFSET"],
        "FW_DRAM_BASE": c["AMBER_DRAM_BASE"],
        "FW_DRAM_SIZE": c["FW_DRAM_SIZE"],
    }
    with tempfile.TemporaryDirectory() as tmp:
        stub = Path(tmp) / "install.S"
        if a.kernel:
            try:
                medium, os_id = mkinstall.make_medium(Path(a.kernel).read_bytes(), c)
            except mkinstall.MediumError as e:
                sys.exit(f"mkflash: {a.kernel}: {e}")
            path = Path(a.medium) if a.medium else Path(tmp) / "medium.bin"
            path.write_bytes(medium)
            stub.write_text(f'    .section .install, "a"\n    .incbin {json.dumps(str(path.resolve()))}\n')
        else:
            stub.write_text("")
        cmd = [a.cc, "-march=rv64imac_zicsr_zifencei_zicbom", "-mabi=lp64", "-nostdlib",
               "-nostartfiles", "-static", "-T", a.ld, "-Wl,--no-warn-rwx-segments",
               "-Wl,--build-id=none"]
        cmd += [f"-Wl,--defsym={k}={v:#x}" for k, v in syms.items()]
        cmd += [a.firmware, str(stub), "-o", a.output]
        r = subprocess.run(cmd)
        if r.returncode:
            sys.exit(r.returncode)


if __name__ == "__main__":
    main()
