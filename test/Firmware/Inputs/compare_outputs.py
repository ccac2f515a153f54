#!/usr/bin/python3
# ===- compare_outputs.py - check a firmware run against the host run ---=== #
#
# Part of the mote project, under the Apache License v2.0 with LLVM
# Exceptions. See LICENSE for license information.
#
# ===--------------------------------------------------------------------=== #
"""Compares the outputs a firmware image printed with the host's outputs.

Usage: compare_outputs.py LABEL LOG HOST.npy

LOG is what firmware_main.c printed (`status: success`, then one
`output[i] = 0xXXXXXXXX` line per element with the float's bit pattern);
HOST.npy is `mote-run --output` of the same model and input on the host.
Passes when every element is within the project's acceptance bar,
max abs error <= 1e-4 * max(1, max|host|), and prints one line:
  LABEL: N outputs match the host run (max_abs_err=E, atol=A)
Anything else (a bad status, a missing or extra element, a NaN, an error over
the bar) prints `LABEL: FAIL: ...` and exits 1.
"""

import re
import sys

import numpy as np


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    label, log_path, host_path = sys.argv[1:]
    host = np.load(host_path).astype(np.float32).ravel()
    with open(log_path, errors="replace") as f:
        log = f.read()

    def fail(message):
        print(f"{label}: FAIL: {message}")
        sys.exit(1)

    status = re.search(r"^status: (.*)$", log, re.MULTILINE)
    if not status:
        fail("the image printed no status line; it did not run to the end:\n"
             + log[-2000:])
    if status.group(1) != "success":
        fail(f"the model returned '{status.group(1)}'")
    bits = {}
    for index, value in re.findall(r"^output\[(\d+)\] = 0x([0-9a-f]{8})$",
                                   log, re.MULTILINE):
        bits[int(index)] = int(value, 16)
    if sorted(bits) != list(range(host.size)):
        fail(f"expected {host.size} output elements, the image printed "
             f"{len(bits)}")
    device = np.array([bits[i] for i in range(host.size)],
                      dtype=np.uint32).view(np.float32)
    if not np.all(np.isfinite(device)):
        fail(f"non-finite outputs at {np.flatnonzero(~np.isfinite(device))}")
    atol = 1e-4 * max(1.0, float(np.abs(host).max()))
    error = np.abs(device.astype(np.float64) - host.astype(np.float64))
    worst = int(error.argmax())
    if error[worst] > atol:
        fail(f"output[{worst}] = {device[worst]!r}, host {host[worst]!r}: "
             f"abs error {error[worst]:.3g} > atol {atol:.3g}")
    print(f"{label}: {host.size} outputs match the host run "
          f"(max_abs_err={error[worst]:.3g}, atol={atol:.3g})")


if __name__ == "__main__":
    main()
