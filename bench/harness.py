#!/usr/bin/python3
# ===- harness.py - mote vs ONNX Runtime vs PyTorch, side by side ---------=== #
#
# Part of the mote project, under the Apache License v2.0 with LLVM
# Exceptions. See LICENSE for license information.
#
# ===--------------------------------------------------------------------=== #
"""Benchmarks mote against ONNX Runtime (CPU EP) and PyTorch eager, one thread.

Run it through bench/run.sh (see docs/Benchmarks.md). For each model:
  1. models.py exports it (seeded weights, one seeded input);
  2. flops.py counts its FLOPs (2 per MAC of Conv/Gemm/MatMul);
  3. motec compiles it (timed), run_mote.c is linked against the object, and
     llvm-size reads its .text/.rodata;
  4. three long-lived workers load it: run_mote (mote), ort_bench.js (ORT,
     which also times the trivial model for the per-call overhead) and
     torch_bench.py (PyTorch);
  5. the harness asks the workers for batches of timed calls in turn, round
     after round, so slow drift of the machine (frequency, other load) hits
     all three columns alike; medians and minima are over all calls, of
     wall-clock time and of CPU time (see docs/Benchmarks.md for why both).
A model mote cannot compile is a row with motec's reason; ORT and PyTorch are
still measured. A column whose runtime is missing (no node, no
onnxruntime-node) is marked unavailable and the run goes on.

Writes RESULTS/latest.json and RESULTS/latest.svg and prints the table.
"""

import argparse
import json
import math
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import chart  # noqa: E402
import flops as flops_counter  # noqa: E402
import models as model_set  # noqa: E402

PYTHON = sys.executable


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def first_error_line(text):
    """The most telling line of a tool's stderr: its first `error:` line,
    else its last non-empty line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines:
        if "error:" in line:
            return line
    return lines[-1] if lines else "no diagnostic"


# --------------------------------------------------------------------------
# Workers: processes that load a model once, then time batches on request.
# --------------------------------------------------------------------------


class WorkerError(Exception):
    pass


class Worker:
    """A benchmark worker speaking the line protocol of run_mote.c,
    ort_bench.js and torch_bench.py: a `ready key=value...` line after
    loading, then one reply per command."""

    def __init__(self, label, argv, cwd=None, timeout=900):
        self.label = label
        self.process = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, cwd=cwd)
        self.timeout = timeout
        line = self._read_line()
        if not line.startswith("ready"):
            raise WorkerError(f"{label}: unexpected first line '{line}'")
        self.info = dict(item.split("=", 1) for item in line.split()[1:])

    def _read_line(self):
        line = self.process.stdout.readline()
        if not line:
            self.process.wait()
            stderr = self.process.stderr.read()
            raise WorkerError(f"{self.label} exited with status "
                              f"{self.process.returncode}: "
                              f"{first_error_line(stderr)}")
        return line.strip()

    def command(self, text, reply_lines=1):
        self.process.stdin.write(text + "\n")
        self.process.stdin.flush()
        return [[float(v) for v in self._read_line().split()]
                for _ in range(reply_lines)]

    def close(self):
        if self.process.poll() is None:
            try:
                self.process.stdin.write("quit\n")
                self.process.stdin.flush()
                self.process.wait(timeout=30)
            except (BrokenPipeError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()


# --------------------------------------------------------------------------
# Building the mote column.
# --------------------------------------------------------------------------


def section_sizes(object_path, llvm_size):
    """(.text bytes, .rodata bytes) of an object file: sums over the
    .text* and .rodata*/.lrodata* sections (constant pools included)."""
    output = subprocess.run([llvm_size, "-A", object_path], check=True,
                            capture_output=True, text=True).stdout
    text = rodata = 0
    for line in output.splitlines():
        fields = line.split()
        if len(fields) < 2 or not fields[1].isdigit():
            continue
        name, size = fields[0], int(fields[1])
        if name.startswith(".text"):
            text += size
        elif name.startswith((".rodata", ".lrodata")):
            rodata += size
    return text, rodata


# The top-level phases of `motec --time-report`, in the order motec runs
# them, and their short names in the JSON and the compile-time table.
COMPILE_PHASES = (("model import", "import"), ("MLIR pipeline", "mlir"),
                  ("translation to LLVM IR", "translate"),
                  ("LLVM optimization", "llvm_opt"),
                  ("LLVM code generation", "codegen"))


def parse_time_report(stderr):
    """Wall seconds of each top-level phase in motec's --time-report (MLIR's
    timing tree on stderr), keyed by COMPILE_PHASES' short names; phases the
    report lacks are left out."""
    names = dict(COMPILE_PHASES)
    phases = {}
    for line in stderr.splitlines():
        # "  <user> (  p%)  <wall> (  p%)  <name>": the wall column is the
        # last one; nested timers are indented further than top-level ones.
        columns = list(re.finditer(r"([0-9]+\.[0-9]+) \(\s*[0-9.]+%\)", line))
        if not columns:
            continue
        label = line[columns[-1].end():]
        if not label.startswith("  ") or label[2:3] == " ":
            continue
        if label[2:] in names:
            phases[names[label[2:]]] = float(columns[-1].group(1))
    return phases


def run_motec(argv):
    """Runs motec and returns (CompletedProcess, wall s, CPU s): user plus
    system time of motec alone, which, unlike the wall time, a loaded machine
    does not inflate."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    run = subprocess.run(argv, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return run, wall, cpu


def build_mote(name, model_dir, args):
    """Compiles the model with motec and links run_mote against it. Returns
    (result dict, runner path or None)."""
    out_dir = os.path.join(model_dir, "mote")
    os.makedirs(out_dir, exist_ok=True)
    obj = os.path.join(out_dir, f"{name}.o")
    header = os.path.join(out_dir, f"{name}.h")
    argv = [args.motec, os.path.join(model_dir, "model.onnx"), "-o", obj,
            f"--name={name}", "--time-report"]
    try:
        compile_run, compile_s, compile_cpu_s = run_motec(argv)
        if (compile_run.returncode != 0
                and "--time-report" in compile_run.stderr):
            # A motec from before --time-report: time it without.
            compile_run, compile_s, compile_cpu_s = run_motec(argv[:-1])
    except OSError as error:
        return {"status": "failed", "reason": f"cannot run motec: {error}"}, None
    if compile_run.returncode != 0:
        return {"status": "failed",
                "reason": "motec: " + first_error_line(compile_run.stderr),
                "compile_s": compile_s}, None
    compile_phases = parse_time_report(compile_run.stderr)
    text, rodata = section_sizes(obj, args.llvm_size)
    runner = os.path.join(out_dir, f"run_{name}")
    link = subprocess.run(
        [args.cc, "-std=c11", "-O2", f'-DMOTE_MODEL_HEADER="{header}"',
         f"-DMOTE_MODEL_PREFIX={name}", f"-DMOTE_MODEL_MACRO={name.upper()}",
         os.path.join(HERE, "run_mote.c"), obj, "-lm", "-o", runner],
        capture_output=True, text=True)
    if link.returncode != 0:
        return {"status": "failed",
                "reason": "linking run_mote: " + first_error_line(link.stderr),
                "compile_s": compile_s}, None
    return {"status": "ok", "compile_s": compile_s,
            "compile_cpu_s": compile_cpu_s, "compile_phases_s": compile_phases,
            "text_bytes": text, "rodata_bytes": rodata}, runner


# --------------------------------------------------------------------------
# Measuring.
# --------------------------------------------------------------------------


def ort_unavailable_reason(args):
    if not args.node or not shutil.which(args.node):
        return "node not found (install Debian's nodejs)"
    if not os.path.isdir(os.path.join(HERE, "node_modules", "onnxruntime-node")):
        return ("onnxruntime-node not installed (cd bench && npm ci "
                "--ignore-scripts)")
    return None


def start_workers(name, model_dir, runner, args, results):
    """Starts the available workers; a worker that fails to start marks its
    column failed with the reason."""
    input_bin = os.path.join(model_dir, "input.bin")
    workers = {}
    specs = []
    if runner:
        specs.append(("mote", [runner, input_bin,
                               os.path.join(model_dir, "mote_output.bin")]))
    ort_missing = ort_unavailable_reason(args)
    if ort_missing:
        results["ort"] = {"status": "unavailable", "reason": ort_missing}
    else:
        specs.append(("ort", [args.node, os.path.join(HERE, "ort_bench.js"),
                              os.path.join(model_dir, "model.onnx"), input_bin,
                              os.path.join(model_dir, "input.json"),
                              os.path.join(model_dir, "ort_output.bin"),
                              os.path.join(args.work, "trivial")]))
    specs.append(("torch", [PYTHON, os.path.join(HERE, "torch_bench.py"), name,
                            input_bin,
                            os.path.join(model_dir, "torch_output.bin")]))
    for column, argv in specs:
        try:
            workers[column] = Worker(f"{column} worker for {name}", argv,
                                     cwd=HERE)
            results.setdefault(column, {})["status"] = "ok"
        except (WorkerError, OSError) as error:
            results.setdefault(column, {}).update(
                {"status": "failed", "reason": str(error)})
    return workers


def measure(workers, args, results):
    """Interleaves batches of the workers for `args.rounds` rounds. Each
    column gets about `args.budget` seconds in all, at least `args.min_calls`
    and at most `args.max_calls` calls. Every call is timed twice: wall clock
    (the latency) and CPU time (the latency without the time slices other
    processes took, which inflate long calls most on a shared machine)."""
    def ask(column, worker, count):
        """(wall ms, cpu ms) of `count` calls, plus the trivial model's for ORT."""
        if column == "ort":
            wall, cpu, trivial_wall, trivial_cpu = worker.command(
                f"{count} {args.trivial_calls}", 4)
            return wall, cpu, trivial_wall, trivial_cpu
        wall, cpu = worker.command(str(count), 2)
        return wall, cpu, [], []

    per_call = {}
    for column, worker in list(workers.items()):
        # One calibration call (after the workers' own warm-up call).
        try:
            per_call[column] = max(ask(column, worker, 1)[0][0], 1e-4) / 1e3
        except WorkerError as error:
            results[column].update({"status": "failed", "reason": str(error)})
            del workers[column]
    batch = {}
    for column, seconds in per_call.items():
        calls = args.budget / seconds
        calls = max(args.min_calls, min(args.max_calls, calls))
        batch[column] = max(1, math.ceil(calls / args.rounds))
    samples = {column: ([], []) for column in workers}
    overhead = ([], [])
    live = dict(workers)
    for _ in range(args.rounds):
        for column, worker in list(live.items()):
            try:
                wall, cpu, trivial_wall, trivial_cpu = ask(column, worker,
                                                           batch[column])
            except WorkerError as error:
                # A crashing runtime loses its column, not the others'.
                results[column].update({"status": "failed", "reason": str(error)})
                del live[column]
                del samples[column]
                continue
            samples[column][0].extend(wall)
            samples[column][1].extend(cpu)
            overhead[0].extend(trivial_wall)
            overhead[1].extend(trivial_cpu)
    for column, (wall, cpu) in samples.items():
        results[column].update({
            "median_ms": statistics.median(wall),
            "min_ms": min(wall),
            "cpu_median_ms": statistics.median(cpu),
            "calls": len(wall),
        })
    if "ort" in samples:
        ort = results["ort"]
        ort["overhead_median_ms"] = statistics.median(overhead[0])
        ort["overhead_min_ms"] = min(overhead[0])
        ort["overhead_cpu_median_ms"] = statistics.median(overhead[1])
        ort["corrected_median_ms"] = ort["median_ms"] - ort["overhead_median_ms"]
        ort["corrected_min_ms"] = ort["min_ms"] - ort["overhead_min_ms"]
        ort["corrected_cpu_median_ms"] = (ort["cpu_median_ms"]
                                          - ort["overhead_cpu_median_ms"])


def compare_outputs(model_dir, results):
    """Max |difference| of mote's and PyTorch's first output from ORT's (a
    wrong answer measured fast is no result)."""
    reference_path = os.path.join(model_dir, "ort_output.bin")
    if results.get("ort", {}).get("status") != "ok":
        reference_path = os.path.join(model_dir, "torch_output.bin")
        if results.get("torch", {}).get("status") != "ok":
            return
    reference = np.fromfile(reference_path, dtype="<f4")
    reference_name = os.path.basename(reference_path).split("_")[0]
    for column in ("mote", "torch"):
        path = os.path.join(model_dir, f"{column}_output.bin")
        if results.get(column, {}).get("status") != "ok" or \
                path == reference_path:
            continue
        output = np.fromfile(path, dtype="<f4")
        if output.shape != reference.shape:
            results[column]["max_abs_diff"] = None
            continue
        results[column]["max_abs_diff"] = float(np.abs(output - reference).max())
        results[column]["max_abs_diff_from"] = reference_name


def benchmark_model(name, args, peak_gflops):
    model_dir = os.path.join(args.work, name)
    row = {"name": name}
    try:
        row["flops"] = flops_counter.count(os.path.join(model_dir, "model.onnx"))[0]
    except SystemExit as error:
        row["flops"] = None
        log(str(error))
    log(f"{name}: compiling with motec")
    row["mote"], runner = build_mote(name, model_dir, args)
    if runner is None:
        log(f"{name}: {row['mote']['reason']}")
    workers = start_workers(name, model_dir, runner, args, row)
    try:
        log(f"{name}: measuring {', '.join(workers)}")
        measure(workers, args, row)
    except WorkerError as error:
        log(f"{name}: {error}")
        for column in workers:
            if "median_ms" not in row[column]:
                row[column].update({"status": "failed", "reason": str(error)})
    finally:
        for worker in workers.values():
            worker.close()
    if "mote" in workers and "arena" in workers["mote"].info:
        row["mote"]["arena_bytes"] = int(workers["mote"].info["arena"])
    for column in ("ort", "torch"):
        if column in workers and "version" in workers[column].info:
            row[column]["version"] = workers[column].info["version"]
    compare_outputs(model_dir, row)

    def ok(column):
        return row.get(column, {}).get("median_ms") is not None

    for column in ("mote", "ort", "torch"):
        if ok(column) and row["flops"]:
            median = (row[column]["corrected_median_ms"] if column == "ort"
                      else row[column]["median_ms"])
            if median > 0:
                gflops = row["flops"] / (median * 1e-3) / 1e9
                row[column]["gflops"] = gflops
                row[column]["peak_fraction"] = gflops / peak_gflops
    if ok("mote") and ok("ort"):
        row["ratio_raw"] = row["mote"]["median_ms"] / row["ort"]["median_ms"]
        corrected = row["ort"]["corrected_median_ms"]
        row["ratio_corrected"] = (row["mote"]["median_ms"] / corrected
                                  if corrected > 0 else None)
        corrected_cpu = row["ort"]["corrected_cpu_median_ms"]
        row["ratio_cpu_corrected"] = (row["mote"]["cpu_median_ms"] / corrected_cpu
                                      if corrected_cpu > 0 else None)
    return row


# --------------------------------------------------------------------------
# Reporting.
# --------------------------------------------------------------------------


def fmt_ms(value):
    if value is None:
        return "-"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def fmt_bytes(value):
    if value is None:
        return "-"
    if value >= 1 << 20:
        return f"{value / (1 << 20):.1f}M"
    if value >= 1 << 10:
        return f"{value / (1 << 10):.1f}K"
    return str(value)


def geomean(values):
    values = [v for v in values if v]
    if not values:
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


def format_table(rows, peak_gflops):
    headers = ["model", "GFLOP", "mote ms med/min", "ORT ms raw med/min",
               "ORT ms corr", "mote/ORT raw", "mote/ORT corr", "mote/ORT cpu",
               "torch ms med/min", "mote GF/s", "%peak", "ORT GF/s",
               "compile s", ".text", ".rodata", "arena", "max|d| vs ORT"]
    table = [headers]
    notes = []
    for row in rows:
        mote, ort, torch_ = row.get("mote", {}), row.get("ort", {}), row.get("torch", {})

        def med_min(column):
            if column.get("median_ms") is None:
                return column.get("status", "-")
            return f"{fmt_ms(column['median_ms'])}/{fmt_ms(column['min_ms'])}"

        def ratio(key):
            return f"{row[key]:.2f}x" if row.get(key) else "-"

        table.append([
            row["name"],
            f"{row['flops'] / 1e9:.4f}" if row.get("flops") else "-",
            med_min(mote), med_min(ort), fmt_ms(ort.get("corrected_median_ms")),
            ratio("ratio_raw"), ratio("ratio_corrected"),
            ratio("ratio_cpu_corrected"), med_min(torch_),
            f"{mote['gflops']:.2f}" if mote.get("gflops") else "-",
            f"{100 * mote['peak_fraction']:.2f}%" if mote.get("peak_fraction") else "-",
            f"{ort['gflops']:.2f}" if ort.get("gflops") else "-",
            f"{mote['compile_s']:.1f}" if mote.get("compile_s") is not None else "-",
            fmt_bytes(mote.get("text_bytes")), fmt_bytes(mote.get("rodata_bytes")),
            fmt_bytes(mote.get("arena_bytes")),
            (f"{mote['max_abs_diff']:.2e}"
             + ("" if mote.get("max_abs_diff_from") == "ort" else " (torch)"))
            if mote.get("max_abs_diff") is not None else "-",
        ])
        for column, label in ((mote, "mote"), (ort, "ORT"), (torch_, "torch")):
            if column.get("reason"):
                notes.append(f"  {row['name']}: {label} {column['status']}: "
                             f"{column['reason']}")
    widths = [max(len(r[i]) for r in table) for i in range(len(headers))]
    lines = []
    for index, r in enumerate(table):
        lines.append("  ".join(cell.ljust(widths[i]) if i == 0 else
                               cell.rjust(widths[i]) for i, cell in enumerate(r)))
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    if notes:
        lines += ["", "not measured:"] + notes
    return "\n".join(lines)


def format_compile_table(rows):
    """motec's wall and CPU time per model and, from --time-report, the wall
    time of each phase."""
    headers = (["model", "compile wall s", "cpu s"]
               + [f"{short} s" for _, short in COMPILE_PHASES])
    table = [headers]
    for row in rows:
        mote = row.get("mote", {})
        if mote.get("compile_s") is None:
            continue
        phases = mote.get("compile_phases_s") or {}

        def seconds(value):
            return f"{value:.2f}" if value is not None else "-"

        table.append([row["name"], seconds(mote["compile_s"]),
                      seconds(mote.get("compile_cpu_s"))]
                     + [seconds(phases.get(short)) for _, short in COMPILE_PHASES])
    widths = [max(len(r[i]) for r in table) for i in range(len(headers))]
    lines = []
    for index, r in enumerate(table):
        lines.append("  ".join(cell.ljust(widths[i]) if i == 0 else
                               cell.rjust(widths[i]) for i, cell in enumerate(r)))
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def measure_peak(args):
    binary = os.path.join(args.work, "peak_fma")
    subprocess.run([args.cc, "-std=c11", "-O3", "-march=native",
                    os.path.join(HERE, "peak_fma.c"), "-o", binary], check=True)
    output = subprocess.run([binary, "0.2" if args.quick else "0.5"],
                            check=True, capture_output=True, text=True).stdout
    info = dict(item.split("=", 1) for item in output.split())
    return float(info["peak_gflops"]), info["isa"]


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def print_report(report):
    """Prints the table of a report (fresh, or loaded from its JSON)."""
    machine = report["machine"]
    print(f"mote vs ONNX Runtime (CPU EP) vs PyTorch eager, 1 thread, "
          f"{machine['cpu']}, peak {machine['peak_gflops']:.1f} GFLOP/s fp32 "
          f"({machine['peak_isa']})")
    print(format_table(report["models"], machine["peak_gflops"]))
    print()
    geo_corrected = report.get("geomean_ratio_corrected")
    geo_raw = report.get("geomean_ratio_raw")
    geo_cpu = report.get("geomean_ratio_cpu_corrected")

    def show(value):
        return f"{value:.2f}x" if value else "n/a"

    print(f"geomean mote/ORT (corrected): {show(geo_corrected)}, raw: "
          f"{show(geo_raw)}, cpu time (corrected): {show(geo_cpu)}")
    print()
    print("motec compile time (phases: wall time from motec --time-report)")
    print(format_compile_table(report["models"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default=",".join(model_set.MODELS),
                        help="comma-separated subset of: "
                        + ", ".join(model_set.MODELS))
    parser.add_argument("--quick", action="store_true",
                        help="a short run (about 0.3 s per column and model)")
    parser.add_argument("--show", metavar="JSON",
                        help="print the table of a saved report and exit")
    parser.add_argument("--motec", help="the motec binary")
    parser.add_argument("--work",
                        help="directory for exported models and binaries")
    parser.add_argument("--results", default=os.path.join(HERE, "results"),
                        help="directory for latest.json and latest.svg")
    parser.add_argument("--node", default="node", help="the node binary")
    parser.add_argument("--cc", default="cc", help="C compiler for the drivers")
    parser.add_argument("--llvm-size", default="llvm-size")
    args = parser.parse_args()
    if args.show:
        with open(args.show) as f:
            print_report(json.load(f))
        return 0
    if not args.motec or not args.work:
        parser.error("--motec and --work are required (bench/run.sh sets them)")

    names = args.models.split(",")
    unknown = [n for n in names if n not in model_set.MODELS]
    if unknown:
        parser.error(f"unknown model(s) {', '.join(unknown)}; known: "
                     + ", ".join(model_set.MODELS))
    # Seconds per column and model, spread over the rounds; slow models get
    # at least min_calls calls however long they take.
    args.budget, args.rounds, args.min_calls, args.max_calls = (
        (0.3, 2, 2, 200) if args.quick else (3.0, 5, 5, 2000))
    args.trivial_calls = 50 if args.quick else 200
    args.work = os.path.abspath(args.work)
    os.makedirs(args.work, exist_ok=True)
    os.makedirs(args.results, exist_ok=True)

    # Export whatever is missing or older than models.py.
    stamp = os.path.getmtime(os.path.join(HERE, "models.py"))
    stale = [n for n in names + ["trivial"]
             if not os.path.exists(os.path.join(args.work, n, "model.onnx"))
             or os.path.getmtime(os.path.join(args.work, n, "model.onnx")) < stamp]
    if stale:
        log(f"exporting {', '.join(stale)}")
        subprocess.run([PYTHON, os.path.join(HERE, "models.py"), args.work,
                        "--models", ",".join(stale)], check=True,
                       stderr=subprocess.DEVNULL)

    peak_gflops, isa = measure_peak(args)
    log(f"peak: {peak_gflops:.1f} GFLOP/s fp32 single core ({isa})")

    rows = [benchmark_model(name, args, peak_gflops) for name in names]
    geo_corrected = geomean([r.get("ratio_corrected") for r in rows])
    geo_raw = geomean([r.get("ratio_raw") for r in rows])
    geo_cpu = geomean([r.get("ratio_cpu_corrected") for r in rows])

    import torch
    report = {
        "machine": {"cpu": cpu_name(), "peak_gflops": peak_gflops,
                    "peak_isa": isa, "load_average": os.getloadavg()},
        "versions": {"torch": torch.__version__,
                     "onnxruntime": next((r["ort"].get("version") for r in rows
                                          if "version" in r.get("ort", {})), None)},
        "settings": {"quick": args.quick, "budget_s": args.budget,
                     "rounds": args.rounds, "min_calls": args.min_calls,
                     "max_calls": args.max_calls, "threads": 1},
        "models": rows,
        "geomean_ratio_corrected": geo_corrected,
        "geomean_ratio_raw": geo_raw,
        "geomean_ratio_cpu_corrected": geo_cpu,
        "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    json_path = os.path.join(args.results, "latest.json")
    with open(json_path, "w") as f:
        json.dump(report, f, indent=1)
    svg_path = os.path.join(args.results, "latest.svg")
    with open(svg_path, "w") as f:
        f.write(chart.render(report))

    print_report(report)
    print(f"wrote {json_path}")
    print(f"wrote {svg_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
