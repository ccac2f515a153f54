#!/usr/bin/python3
# ===- compare.py - two motec builds side by side on the bench models ----=== #
#
# Part of the mote project, under the Apache License v2.0 with LLVM
# Exceptions. See LICENSE for license information.
#
# ===--------------------------------------------------------------------=== #
"""Compares two motec builds on the bench models in one run.

Usage:
  bench/compare.py --before OLD/motec --after NEW/motec [--models a,b]
                   [--work DIR] [--rounds N]

Compiles each model with both compilers (bench/models.py exports the models
the first time), links the bench's runner (run_mote.c) against each object,
then times the two runners in alternation, round by round, so a shared
machine's load falls on both alike. Prints per model the CPU-time median of
each side, after/before, each side's compile CPU time and .text size. This
is how a change to the code generator is judged; bench/run.sh compares one
build with ONNX Runtime and PyTorch.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import harness  # noqa: E402
import models as model_set  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="the reference motec")
    parser.add_argument("--after", required=True, help="the motec under test")
    parser.add_argument("--models", default=",".join(model_set.MODELS))
    parser.add_argument("--work", default=os.path.join(HERE, "..", "build",
                                                       "bench-compare"))
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--seconds", type=float, default=0.2,
                        help="target time per side and round")
    parser.add_argument("--cc", default=shutil.which("clang-22") or "cc")
    parser.add_argument("--llvm-size", default="/usr/lib/llvm-22/bin/llvm-size")
    args = parser.parse_args()

    names = args.models.split(",")
    unknown = [n for n in names if n not in model_set.MODELS]
    if unknown:
        parser.error(f"unknown model(s) {', '.join(unknown)}; known: "
                     + ", ".join(model_set.MODELS))
    work = os.path.abspath(args.work)
    exported = os.path.join(work, "models")
    missing = [n for n in names
               if not os.path.exists(os.path.join(exported, n, "model.onnx"))]
    if missing:
        harness.log(f"exporting {', '.join(missing)}")
        subprocess.run([harness.PYTHON, os.path.join(HERE, "models.py"),
                        exported, "--models", ",".join(missing)], check=True,
                       stderr=subprocess.DEVNULL)

    print(f"{'model':<20}{'before ms':>11}{'after ms':>11}{'after/before':>14}"
          f"{'compile s before/after':>25}{'.text before/after':>22}")
    for name in names:
        runners, built = {}, {}
        for side, motec in (("before", args.before), ("after", args.after)):
            model_dir = os.path.join(work, side, name)
            os.makedirs(model_dir, exist_ok=True)
            for file in ("model.onnx", "input.bin"):
                shutil.copy(os.path.join(exported, name, file), model_dir)
            side_args = argparse.Namespace(motec=motec, cc=args.cc,
                                           llvm_size=args.llvm_size)
            built[side], runners[side] = harness.build_mote(name, model_dir,
                                                            side_args)
            if runners[side] is None:
                sys.exit(f"{name}: {side}: {built[side]['reason']}")
        workers = {side: harness.Worker(f"{side} runner for {name}",
                                        [runner,
                                         os.path.join(work, side, name,
                                                      "input.bin"),
                                         os.path.join(work, side, name,
                                                      "output.bin")],
                                        cwd=HERE)
                   for side, runner in runners.items()}
        try:
            # Calls per batch from one calibration call of the reference.
            first = workers["before"].command("1", 2)[0][0]
            calls = max(1, round(args.seconds * 1e3 / max(first, 1e-3)))
            cpu = {side: [] for side in workers}
            # ABBA order: whichever side runs second in a round was
            # measured faster by up to a third (same object on both sides),
            # so each side goes first in every other round.
            order = list(workers)
            for round_index in range(args.rounds):
                for side in order if round_index % 2 == 0 else order[::-1]:
                    cpu[side] += workers[side].command(str(calls), 2)[1]
        finally:
            for worker in workers.values():
                worker.close()
        before = statistics.median(cpu["before"])
        after = statistics.median(cpu["after"])
        compile_s = "/".join(f"{built[s]['compile_cpu_s']:.1f}"
                             for s in ("before", "after"))
        text = "/".join(harness.fmt_bytes(built[s]["text_bytes"])
                        for s in ("before", "after"))
        print(f"{name:<20}{before:>11.3f}{after:>11.3f}{after / before:>13.3f}x"
              f"{compile_s:>25}{text:>22}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
