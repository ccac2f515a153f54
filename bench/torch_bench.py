#!/usr/bin/python3
# ===- torch_bench.py - times one model in PyTorch eager mode -------------=== #
#
# Part of the mote project, under the Apache License v2.0 with LLVM
# Exceptions. See LICENSE for license information.
#
# ===--------------------------------------------------------------------=== #
"""The PyTorch column of the benchmark harness: eager mode, one thread.

Usage: torch_bench.py NAME INPUT.bin OUTPUT.bin

Rebuilds model NAME with models.py's seeded weights (the ones its ONNX file
has), reads the input, makes one warm-up call, writes the first output to
OUTPUT.bin (raw float32) and prints `ready version=<torch> warmup_ms=<ms>`.
Then it serves the harness on stdin, one command a line:
  <N>    makes N timed calls and prints two lines: their wall-clock
         latencies and their thread CPU times (time.thread_time), in ms
  quit   exits
"""

import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models  # noqa: E402


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    name, input_bin, output_bin = sys.argv[1:]
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    model, shape = models.build_model(name)
    example = torch.from_numpy(np.fromfile(input_bin, dtype="<f4").reshape(shape))

    with torch.no_grad():
        start = time.perf_counter()
        output = model(example)
        warmup_ms = (time.perf_counter() - start) * 1e3
        output.numpy().astype("<f4").tofile(output_bin)
        print(f"ready version={torch.__version__} warmup_ms={warmup_ms:.6f}",
              flush=True)
        for line in sys.stdin:
            if line.startswith("quit"):
                break
            count = int(line)
            times, cpu_times = [], []
            for _ in range(count):
                start, cpu_start = time.perf_counter(), time.thread_time()
                model(example)
                cpu_times.append((time.thread_time() - cpu_start) * 1e3)
                times.append((time.perf_counter() - start) * 1e3)
            print(" ".join(f"{t:.6f}" for t in times), flush=True)
            print(" ".join(f"{t:.6f}" for t in cpu_times), flush=True)


if __name__ == "__main__":
    sys.exit(main())
