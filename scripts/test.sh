#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and runs mote's whole test suite.
# The last line is the summary `N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
build_dir=${MOTE_BUILD_DIR:-build}

log=$(mktemp)
/usr/lib/llvm-22/bin/lit -v -j "$(nproc)" "$build_dir/test" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# lit's summary lines look like `  Passed     : 66 (98.51%)`.
count() {
  local n
  n=$(sed -nE "s/^ *$1 *: *([0-9]+).*/\1/p" "$log" | head -n1)
  echo "${n:-0}"
}
passed=$(( $(count Passed) + $(count "Expectedly Failed") ))
failed=$(( $(count Failed) + $(count "Unexpectedly Passed") + $(count Unresolved) + $(count "Timed Out") ))
skipped=$(( $(count Unsupported) + $(count Skipped) + $(count Excluded) ))
rm -f "$log"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
