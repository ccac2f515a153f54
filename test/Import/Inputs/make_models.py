"""Writes binary ONNX fixtures for the importer tests.

Usage: make_models.py KIND OUT_DIR
Each kind writes OUT_DIR/model.onnx (plus any external data files) with
the onnx package, so that the tests cover storage forms the text syntax
cannot express: named nodes, raw_data, external data, corrupt files.
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def save(model, out_dir, check=True):
    if check:
        onnx.checker.check_model(model)
    onnx.save(model, os.path.join(out_dir, "model.onnx"))


def conv_model(weight_tensor, opset=13):
    """y = Conv(x, w) + named nodes, with `w` supplied by the caller."""
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4, 8, 8])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 16, 8, 8])
    nodes = [
        helper.make_node("Conv", ["x", "w"], ["c"], name="stem/conv",
                         pads=[1, 1, 1, 1]),
        helper.make_node("Abs", ["c"], ["y"], name="stem/abs"),
    ]
    graph = helper.make_graph(nodes, "g", [x], [y], [weight_tensor])
    return helper.make_model(graph,
                             opset_imports=[helper.make_opsetid("", opset)])


def weights():
    # 16*4*3*3 = 576 floats: large enough to become a resource blob.
    return np.arange(16 * 4 * 3 * 3, dtype=np.float32).reshape(16, 4, 3, 3)


def external(out_dir, location, offset=0, length=None, write_file=True,
             short_file=False):
    w = weights()
    tensor = numpy_helper.from_array(w, "w")
    data = w.tobytes()
    if write_file:
        target = os.path.join(out_dir, "weights.bin")
        with open(target, "wb") as f:
            f.write(b"\xAB" * offset + data[: len(data) // 2 if short_file else None])
    tensor.ClearField("raw_data")
    tensor.data_location = TensorProto.EXTERNAL
    entries = {"location": location, "offset": str(offset)}
    if length is not None:
        entries["length"] = str(length)
    for key, value in entries.items():
        entry = tensor.external_data.add()
        entry.key = key
        entry.value = value
    save(conv_model(tensor), out_dir, check=False)


def main():
    kind, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    w = weights()
    if kind == "raw":
        save(conv_model(numpy_helper.from_array(w, "w")), out_dir)
    elif kind == "typed":
        tensor = helper.make_tensor("w", TensorProto.FLOAT, w.shape,
                                    w.flatten().tolist(), raw=False)
        save(conv_model(tensor), out_dir)
    elif kind == "external":
        external(out_dir, "weights.bin", offset=16, length=w.nbytes)
    elif kind == "external-dotdot":
        external(out_dir, "../weights.bin")
    elif kind == "external-absolute":
        external(out_dir, "/etc/passwd", write_file=False)
    elif kind == "external-missing":
        external(out_dir, "missing.bin", write_file=False)
    elif kind == "external-length":
        external(out_dir, "weights.bin", length=w.nbytes * 2)
    elif kind == "external-short-file":
        external(out_dir, "weights.bin", short_file=True)
    elif kind == "truncated":
        save(conv_model(numpy_helper.from_array(w, "w")), out_dir)
        path = os.path.join(out_dir, "model.onnx")
        data = open(path, "rb").read()
        open(path, "wb").write(data[: len(data) // 2])
    elif kind == "garbage":
        open(os.path.join(out_dir, "model.onnx"), "wb").write(
            b"\xff\xff\xff\xff this is not a protobuf \x00\x01")
    elif kind == "checker":
        # A Conv without its weight input: the ONNX checker rejects it.
        model = conv_model(numpy_helper.from_array(w, "w"))
        del model.graph.node[0].input[1]
        save(model, out_dir, check=False)
    else:
        sys.exit("unknown kind " + kind)


if __name__ == "__main__":
    main()
