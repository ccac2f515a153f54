#!/usr/bin/python3
# ===- qlinear_matmul_ref.py - numpy reference of qlinear_matmul.onnxtxt -=== #
#
# Part of the mote project, under the Apache License v2.0 with LLVM
# Exceptions. See LICENSE for license information.
#
# ===--------------------------------------------------------------------=== #
"""Writes a.npy, b.npy (random int8 operands, saturating values included)
and y.npy (ONNX QLinearMatMul computed with numpy) into the given folder.

The parameters repeat the initializers of qlinear_matmul.onnxtxt. The
requantization multiplier a_scale * b_scale / y_scale is formed in float32,
as ONNX runtimes do, and the product is rounded half to even and saturated.
"""

import os
import sys

import numpy as np


def main():
    out = sys.argv[1]
    rng = np.random.default_rng(7)
    a = rng.integers(-128, 128, size=(3, 5), dtype=np.int8)
    b = rng.integers(-128, 128, size=(5, 4), dtype=np.int8)
    # Extremes: the accumulator saturates at both ends of int8 in row 0.
    a[0, :] = 127
    b[:, 0] = 127
    b[:, 1] = -128
    a_scale, a_zero = np.float32(0.05), 3
    b_scale = np.array([0.02, 0.04, 0.03, 0.1], dtype=np.float32)
    b_zero = np.array([0, -2, 1, 0], dtype=np.int32)
    y_scale, y_zero = np.float32(0.1), -5
    acc = (a.astype(np.int32) - a_zero) @ (b.astype(np.int32) - b_zero)
    multiplier = (b_scale * a_scale) / y_scale
    scaled = acc.astype(np.float32) * multiplier
    y = np.clip(np.rint(scaled) + y_zero, -128, 127).astype(np.int8)
    np.save(os.path.join(out, "a.npy"), a)
    np.save(os.path.join(out, "b.npy"), b)
    np.save(os.path.join(out, "y.npy"), y)


if __name__ == "__main__":
    main()
