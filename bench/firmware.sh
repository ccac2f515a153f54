#!/usr/bin/env bash
# ===- firmware.sh - firmware figures of the MLPerf Tiny networks ----------=== #
#
# Part of the mote project, under the Apache License v2.0 with LLVM
# Exceptions. See LICENSE for license information.
#
# ===--------------------------------------------------------------------=== #
#
# Usage: bench/firmware.sh [BUILD_DIR] [BOARD]
#
# For each MLPerf Tiny network (test/Firmware/Inputs/mlperf_tiny.py) builds a
# firmware image for BOARD (default mps2-an386, the Cortex-M4F) with
# BUILD_DIR/bin/motec (default ./build), checks it against the host run and
# prints one row: instructions per inference (exact under QEMU's
# -icount shift=0), flash and RAM of the whole image (text+data, data+bss)
# and the model's arena. Not a timed benchmark: the numbers are deterministic.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
board=${2:-mps2-an386}
inputs=$root/test/Firmware/Inputs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '%-5s %14s %10s %10s %10s\n' network instructions flash ram arena
for net in kws vww ic ad; do
  /usr/bin/python3 "$inputs/mlperf_tiny.py" $net "$work/$net" > /dev/null
  "$build/bin/mote-run" "$work/$net/model.onnx" --input "$work/$net/input.npy" \
    --output "$work/$net/host.npy" > /dev/null
  result=$("$inputs/firmware.sh" "$board" "$work/$net" "$work/$net/$board" \
    "$build/bin/motec")
  instructions=$(sed -n 's/.*: instructions=//p' <<< "$result")
  read -r flash ram arena < <(sed -n \
    's/.*: flash=\([0-9]*\) ram=\([0-9]*\) arena=\([0-9]*\)/\1 \2 \3/p' \
    <<< "$result")
  printf '%-5s %14s %10s %10s %10s\n' $net "${instructions:--}" $flash $ram \
    $arena
done
