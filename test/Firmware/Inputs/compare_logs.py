#!/usr/bin/env python3
# ===- compare_logs.py - compare a target's outputs with the host's -----=== #
#
# Part of the mote project, under the Apache License v2.0 with LLVM
# Exceptions. See LICENSE for license information.
#
# ===--------------------------------------------------------------------=== #
#
# Usage: compare_logs.py NAME HOST_LOG TARGET_LOG
#
# Both logs come from print_outputs_main.c: a status line, one integer per
# output (round(y * 1e6)) and "done". Prints "NAME: N outputs match the host"
# when every output is within 1e-4 * max(1, max|host|) of the host's, and
# exits with 1 and the first differences otherwise.
import sys


def read(path):
    with open(path, errors="replace") as f:
        lines = [line.strip() for line in f if line.strip()]
    if not lines or not lines[0].startswith("status:") or lines[-1] != "done":
        sys.exit(f"{path}: not a complete log: {lines[:3]} ... {lines[-3:]}")
    return lines[0], [int(v) / 1e6 for v in lines[1:-1]]


name, host_path, target_path = sys.argv[1:]
host_status, host = read(host_path)
target_status, target = read(target_path)
if target_status != host_status or len(host) != len(target) or not host:
    sys.exit(f"{name}: {target_status} with {len(target)} outputs; the host "
             f"gave {host_status} with {len(host)}")
tolerance = 1e-4 * max(1.0, max(abs(v) for v in host))
bad = [(i, h, t) for i, (h, t) in enumerate(zip(host, target))
       if abs(h - t) > tolerance]
if bad:
    sys.exit(f"{name}: {len(bad)} outputs differ beyond {tolerance:g}, "
             f"first (index, host, target): {bad[:5]}")
print(f"{name}: {len(host)} outputs match the host")
