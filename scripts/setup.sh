#!/usr/bin/env bash
# Sets up a Debian 12 machine for mote and builds it: installs the Debian
# packages mote needs (as root, or through sudo), configures with CMake and
# builds with ninja into ./build (or $MOTE_BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  # toolchain and build
  build-essential cmake ninja-build libgtest-dev
  llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools clang-22 lld-22
  # ONNX import
  libonnx-dev libprotobuf-dev protobuf-compiler
  # model generation and reference outputs for the tests (Debian's python3)
  python3 python3-numpy python3-onnx python3-torch python3-torchvision python3-sklearn
  # ONNX conformance data
  libonnx-testdata
  # firmware tests: Cortex-M images under QEMU, AArch64 Linux under qemu-user
  gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm qemu-user
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross
  # RISC-V 32 firmware (rv32imac + picolibc) under qemu-system-riscv32
  gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf qemu-system-misc
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Benchmark harness (bench/, docs/Benchmarks.md): node and ONNX Runtime's npm
# package, whose CPU libonnxruntime.so.1 ships inside it (--ignore-scripts:
# its install script would download more and fail offline). Optional: if it
# fails, the harness lacks its ORT column and the `ort` lit feature is off.
# A node already on the machine (e.g. a newer one that bundles npm) is kept.
node_packages=()
command -v node >/dev/null || node_packages+=(nodejs)
command -v npm >/dev/null || node_packages+=(npm)
if [ ${#node_packages[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends \
    "${node_packages[@]}" || echo "setup: warning: could not install ${node_packages[*]}"
fi
if [ ! -d bench/node_modules/onnxruntime-node ] && command -v npm >/dev/null; then
  (cd bench && npm ci --ignore-scripts --no-audit --no-fund) ||
    echo "setup: warning: npm ci in bench/ failed; benchmarks run without ONNX Runtime"
fi

build_dir=${MOTE_BUILD_DIR:-build}
if [ ! -f "$build_dir/build.ninja" ]; then
  cmake -G Ninja -S . -B "$build_dir" \
    -DCMAKE_BUILD_TYPE=Release \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22
fi
ninja -C "$build_dir"
