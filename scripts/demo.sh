#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and runs mote's main job on the bundled
# example: compiles examples/digits/digits_cnn.onnx to an object file and a
# header, links it with a small C program and classifies the bundled samples.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash examples/digits/run.sh "${MOTE_BUILD_DIR:-build}"
