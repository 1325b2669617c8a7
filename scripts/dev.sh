#!/usr/bin/env bash
# Set up, build and run Amber on a Debian 12 machine.
#   scripts/dev.sh run    install what is missing, build, start the machine
#   scripts/dev.sh test   install what is missing, build, run every test
#   scripts/dev.sh build  install what is missing and build
set -euo pipefail

cd "$(dirname "$0")/.."

# Debian packages the build and the tests need.
PACKAGES=(
  meson ninja-build gcc g++ pkg-config python3
  libgtest-dev
  gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf picolibc-riscv64-unknown-elf
  qemu-system-misc
  clang
  gdb-multiarch
  libsdl2-dev libpng-dev xvfb xauth
  verilator yosys nextpnr-ice40 fpga-icestorm iverilog
)

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
  install_missing
  [ -f build/build.ninja ] || meson setup build
  ninja -C build
}

case "${1:-run}" in
  build)
    build
    ;;
  run)
    build
    echo "Switching on the Amber-1 on your default image (Ctrl-C or the end of input presses"
    echo "the power button: the OS checkpoints and switches off; the next run resumes)."
    exec build/emu/amber run "${@:2}"
    ;;
  test)
    build
    meson test -C build --print-errorlogs "${@:2}"
    ;;
  *)
    echo "usage: scripts/dev.sh [run|test|build]" >&2
    exit 2
    ;;
esac
