#!/usr/bin/python3
# ===- flops.py - counts the FLOPs of an ONNX graph -----------------------=== #
#
# Part of the mote project, under the Apache License v2.0 with LLVM
# Exceptions. See LICENSE for license information.
#
# ===--------------------------------------------------------------------=== #
"""Counts an ONNX model's floating-point work: 2 FLOPs per multiply-accumulate
of Conv, ConvTranspose, Gemm and MatMul (the ops that carry almost all of a
CNN's arithmetic; elementwise ops, pooling and normalization are left out, as
usual for "GFLOPs" figures of networks).

Usage: flops.py MODEL.onnx   prints `flops=<N>` and the per-op-type split.

Shapes come from ONNX shape inference, so the graph must have static shapes.
"""

import sys
from collections import Counter

import onnx
from onnx import numpy_helper, shape_inference


def _attribute(node, name, default):
    for attribute in node.attribute:
        if attribute.name == name:
            return onnx.helper.get_attribute_value(attribute)
    return default


def _product(values):
    result = 1
    for v in values:
        result *= v
    return result


def tensor_shapes(model):
    """Maps every tensor name with a fully static shape to that shape."""
    inferred = shape_inference.infer_shapes(model)
    shapes = {}
    graph = inferred.graph
    for info in list(graph.input) + list(graph.output) + list(graph.value_info):
        dims = info.type.tensor_type.shape.dim
        if dims and all(d.HasField("dim_value") for d in dims):
            shapes[info.name] = [d.dim_value for d in dims]
        elif info.type.tensor_type.HasField("shape") and not dims:
            shapes[info.name] = []
    for initializer in graph.initializer:
        shapes[initializer.name] = list(initializer.dims)
    for node in graph.node:
        if node.op_type == "Constant":
            value = _attribute(node, "value", None)
            if value is not None:
                shapes[node.output[0]] = list(numpy_helper.to_array(value).shape)
    return shapes


def node_macs(node, shapes):
    """Multiply-accumulates of one node, or 0 for ops not counted. Raises
    KeyError when a counted node's shapes are not static."""
    op = node.op_type
    if op == "Conv":
        out = shapes[node.output[0]]          # N x Cout x spatial...
        weight = shapes[node.input[1]]        # Cout x Cin/group x kernel...
        return _product(out) * _product(weight[1:])
    if op == "ConvTranspose":
        inp = shapes[node.input[0]]           # N x Cin x spatial...
        weight = shapes[node.input[1]]        # Cin x Cout/group x kernel...
        return _product(inp) * _product(weight[1:])
    if op == "Gemm":
        a = shapes[node.input[0]]
        out = shapes[node.output[0]]
        k = a[0] if _attribute(node, "transA", 0) else a[1]
        return _product(out) * k
    if op == "MatMul":
        a = shapes[node.input[0]]
        out = shapes[node.output[0]]
        return _product(out) * a[-1]
    return 0


def count(model_path):
    """Returns (total FLOPs, Counter of FLOPs by op type)."""
    model = onnx.load(model_path)
    shapes = tensor_shapes(model)
    by_op = Counter()
    for node in model.graph.node:
        try:
            macs = node_macs(node, shapes)
        except KeyError as missing:
            raise SystemExit(f"flops.py: {model_path}: node '{node.name}' "
                             f"({node.op_type}): no static shape for tensor "
                             f"{missing}; fix the input shape before counting")
        if macs:
            by_op[node.op_type] += 2 * macs
    return sum(by_op.values()), by_op


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    total, by_op = count(sys.argv[1])
    print(f"flops={total}")
    for op, flops in sorted(by_op.items()):
        print(f"  {op}: {flops}")


if __name__ == "__main__":
    sys.exit(main())
