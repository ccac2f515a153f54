#!/usr/bin/env bash
# Compiles the bundled digit classifier with motec, links it with main.c and
# classifies the bundled samples.
#
#   examples/digits/run.sh [BUILD_DIR]
#
# BUILD_DIR is the CMake build directory holding bin/motec (default: build/
# at the top of the repository). The generated digits.o, digits.h and the
# demo program go to BUILD_DIR/examples/digits/. Set CC to use another C
# compiler than `cc`.
set -euo pipefail

example_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_dir="$(cd "$example_dir/../.." && pwd)"
build_dir="${1:-$repo_dir/build}"
motec="$build_dir/bin/motec"
out_dir="$build_dir/examples/digits"

if [[ ! -x "$motec" ]]; then
  echo "error: $motec not found; build it first: ninja -C $build_dir motec" >&2
  exit 1
fi
mkdir -p "$out_dir"

run() {
  echo "+ $*"
  "$@"
}

# 1. The model: an object file with the weights and code, and its C header.
run "$motec" "$example_dir/digits_cnn.onnx" -o "$out_dir/digits.o" \
  --header="$out_dir/digits.h" --name=digits

# 2. The program: any C99 compiler, linked with nothing but digits.o and libc.
run "${CC:-cc}" -std=c99 -O2 -Wall -Wextra \
  -I "$out_dir" -I "$example_dir" -I "$repo_dir/runtime/include" \
  "$example_dir/main.c" "$out_dir/digits.o" -o "$out_dir/digits-demo"

# 3. Classify the samples.
run "$out_dir/digits-demo"
