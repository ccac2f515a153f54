#!/usr/bin/python3
# ===- make_suite.py - a small ONNX backend-test suite for mote-conformance -=== #
#
# Part of the mote project, under the Apache License v2.0 with LLVM
# Exceptions. See LICENSE for license information.
#
# ===--------------------------------------------------------------------=== #
"""Writes DIR/<test>/{model.onnx,test_data_set_0/{input,output}_K.pb} in the
layout of ONNX's backend tests, one test for each status mote-conformance
reports:

  test_add             Add, correct reference              -> pass
  test_add_wrong       Add, reference off by one            -> fail
  test_reshape_input   Reshape whose shape is a graph input -> pass-bound
  test_unsupported     an op mote does not import           -> unsupported
  test_random          RandomUniformLike                    -> out-of-scope

Usage: make_suite.py DIR
"""

import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def save(directory, name, nodes, inputs, outputs, feeds, expected, opset=13):
    graph = helper.make_graph(nodes, name, inputs, outputs)
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 8
    test_dir = os.path.join(directory, name)
    data_dir = os.path.join(test_dir, "test_data_set_0")
    os.makedirs(data_dir, exist_ok=True)
    onnx.save(model, os.path.join(test_dir, "model.onnx"))
    for prefix, values, infos in (("input", feeds, inputs),
                                  ("output", expected, outputs)):
        for k, (value, info) in enumerate(zip(values, infos)):
            tensor = numpy_helper.from_array(value, info.name)
            with open(os.path.join(data_dir, f"{prefix}_{k}.pb"), "wb") as f:
                f.write(tensor.SerializeToString())


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    directory = sys.argv[1]
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    b = np.full((2, 3), 0.5, dtype=np.float32)
    add_inputs = [
        helper.make_tensor_value_info("a", TensorProto.FLOAT, [2, 3]),
        helper.make_tensor_value_info("b", TensorProto.FLOAT, [2, 3])
    ]
    add_output = [helper.make_tensor_value_info("sum", TensorProto.FLOAT,
                                                [2, 3])]
    add = helper.make_node("Add", ["a", "b"], ["sum"])
    save(directory, "test_add", [add], add_inputs, add_output, [a, b], [a + b])
    save(directory, "test_add_wrong", [add], add_inputs, add_output, [a, b],
         [a + b + 1])

    shape = np.array([3, 2], dtype=np.int64)
    save(directory, "test_reshape_input",
         [helper.make_node("Reshape", ["data", "shape"], ["reshaped"])], [
             helper.make_tensor_value_info("data", TensorProto.FLOAT, [2, 3]),
             helper.make_tensor_value_info("shape", TensorProto.INT64, [2])
         ], [helper.make_tensor_value_info("reshaped", TensorProto.FLOAT,
                                           [3, 2])], [a, shape],
         [a.reshape(3, 2)])

    x = np.array([[1, 2], [3, 4]], dtype=np.float32)
    save(directory, "test_unsupported",
         [helper.make_node("Det", ["x"], ["det"])],
         [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 2])],
         [helper.make_tensor_value_info("det", TensorProto.FLOAT, [])], [x],
         [np.array(np.linalg.det(x), dtype=np.float32)])

    save(directory, "test_random",
         [helper.make_node("RandomUniformLike", ["x"], ["r"])],
         [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 2])],
         [helper.make_tensor_value_info("r", TensorProto.FLOAT, [2, 2])], [x],
         [x])


if __name__ == "__main__":
    main()
