#!/usr/bin/python3
# ===- save_tensor.py - write a small tensor for mote-run's tests --------=== #
#
# Part of the mote project, under the Apache License v2.0 with LLVM
# Exceptions. See LICENSE for license information.
#
# ===--------------------------------------------------------------------=== #
"""Writes a tensor given on the command line as .npy or ONNX TensorProto .pb.

Usage: save_tensor.py FILE DTYPE SHAPE VALUES [--typed]

  FILE    output path; `.npy` writes NumPy, `.pb` a serialized TensorProto
  DTYPE   a NumPy dtype name: float32, int64, bool, ...
  SHAPE   dims joined by 'x' (`2x3`), or `scalar`
  VALUES  whitespace-separated elements in C order (`nan`, `inf` allowed)
  --typed for .pb: store the elements in the typed field (float_data,
          int64_data, ...) instead of raw_data
"""

import sys

import numpy as np


def main():
    args = sys.argv[1:]
    typed = "--typed" in args
    if typed:
        args.remove("--typed")
    if len(args) != 4:
        sys.exit(__doc__)
    path, dtype, shape_text, values_text = args
    shape = () if shape_text == "scalar" else tuple(
        int(dim) for dim in shape_text.split("x"))
    values = [float(v) for v in values_text.split()]
    array = np.array(values, dtype=np.float64).astype(dtype).reshape(shape)
    if path.endswith(".npy"):
        np.save(path, array)
    elif path.endswith(".pb"):
        import onnx
        from onnx import helper, numpy_helper
        if typed:
            tensor = helper.make_tensor(
                "t", helper.np_dtype_to_tensor_dtype(array.dtype)
                if hasattr(helper, "np_dtype_to_tensor_dtype") else
                onnx.mapping.NP_TYPE_TO_TENSOR_TYPE[array.dtype],
                array.shape, array.flatten().tolist())
        else:
            tensor = numpy_helper.from_array(array)
        with open(path, "wb") as f:
            f.write(tensor.SerializeToString())
    else:
        sys.exit(f"save_tensor.py: unknown extension of '{path}'")


if __name__ == "__main__":
    main()
