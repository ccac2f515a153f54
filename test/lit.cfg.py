# -*- Python -*-
# lit configuration for mote's regression tests.

import os
import shutil

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "MOTE"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".onnxtxt", ".test", ".c"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.mote_obj_root, "test")

config.environment["FILECHECK_OPTS"] = "-enable-var-scope --allow-unused-prefixes=false"
llvm_config.use_default_substitutions()

# Python with torch/onnx/numpy: Debian's interpreter, not whatever is first on PATH.
config.substitutions.append(("%python", "/usr/bin/python3"))
config.substitutions.append(("%mote_src", config.mote_src_root))
config.substitutions.append(("%mote_obj", config.mote_obj_root))
config.substitutions.append(("%host_cc", config.host_cc))
config.substitutions.append(
    ("%runtime_include", os.path.join(config.mote_src_root, "runtime", "include")))

llvm_config.with_system_environment(["HOME", "TMPDIR"])
# `not` and `count` at the start of a RUN line are looked up on PATH (the
# default substitutions only cover them after a pipe).
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
tool_dirs = [config.mote_tools_dir, config.llvm_tools_dir]
tools = ["mote-opt", "motec", "mote-run", "mote-conformance", "llvm-nm", "llvm-objdump", "llvm-readelf"]
llvm_config.add_tool_substitutions(tools, tool_dirs)

# Optional features, so tests needing a cross toolchain or emulator say so.
if shutil.which("arm-none-eabi-gcc"):
    config.available_features.add("arm-gcc")
if shutil.which("qemu-system-arm"):
    config.available_features.add("qemu-arm")
# RISC-V 32 firmware: GCC with picolibc (Debian's gcc-riscv64-unknown-elf and
# picolibc-riscv64-unknown-elf), run under qemu-system-riscv32 (qemu-system-misc).
if shutil.which("riscv64-unknown-elf-gcc") and os.path.exists(
        "/usr/lib/picolibc/riscv64-unknown-elf/picolibc.specs"):
    config.available_features.add("riscv-gcc")
if shutil.which("qemu-system-riscv32"):
    config.available_features.add("qemu-riscv32")
if os.path.exists("/usr/lib/python3/dist-packages/torch"):
    config.available_features.add("torch")
# ONNX's backend test data (Debian's libonnx-testdata), for test/Conformance.
if os.path.exists("/usr/share/libonnx-testdata/data/node"):
    config.available_features.add("onnx-testdata")
# ONNX Runtime for the benchmark harness (bench/): onnxruntime-node installed
# in bench/ by scripts/setup.sh, and a node to load it with.
if os.path.isdir(os.path.join(config.mote_src_root, "bench", "node_modules",
                              "onnxruntime-node")) and (
        os.path.exists("/usr/bin/node") or shutil.which("node")):
    config.available_features.add("ort")
