#!/usr/bin/env bash
# ===- run.sh - mote's benchmark harness, one command ---------------------=== #
#
# Part of the mote project, under the Apache License v2.0 with LLVM
# Exceptions. See LICENSE for license information.
#
# ===--------------------------------------------------------------------=== #
#
# Usage: bash bench/run.sh [--models a,b,...] [--quick] [harness options]
#
# Compares mote with ONNX Runtime (CPU EP, via onnxruntime-node) and PyTorch
# eager, single thread, and prints one table row per model; writes
# bench/results/latest.json and bench/results/latest.svg. See
# docs/Benchmarks.md. Options after the first two are passed to harness.py
# (--motec, --work, --results, --node, --cc, --llvm-size).
#
# Environment: MOTE_BUILD_DIR (default: build) picks motec; exported models
# and compiled binaries go to $MOTE_BUILD_DIR/bench.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${MOTE_BUILD_DIR:-$repo/build}
case $build_dir in /*) ;; *) build_dir=$repo/$build_dir ;; esac

# Debian's interpreters and tools, not whatever comes first on PATH: the
# harness needs the python3 with torch and onnx, and node must be the one
# onnxruntime-node was installed for.
node=/usr/bin/node
[ -x "$node" ] || node=$(command -v node || echo node)
cc=$(command -v clang-22 || command -v cc)
llvm_size=/usr/lib/llvm-22/bin/llvm-size
[ -x "$llvm_size" ] || llvm_size=$(command -v llvm-size || command -v size)

exec /usr/bin/python3 "$repo/bench/harness.py" \
  --motec "$build_dir/bin/motec" --work "$build_dir/bench" \
  --node "$node" --cc "$cc" --llvm-size "$llvm_size" "$@"
