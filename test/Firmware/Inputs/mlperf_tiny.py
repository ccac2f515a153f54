#!/usr/bin/python3
# ===- mlperf_tiny.py - MLPerf Tiny networks for the firmware tests -----=== #
#
# Part of the mote project, under the Apache License v2.0 with LLVM
# Exceptions. See LICENSE for license information.
#
# ===--------------------------------------------------------------------=== #
"""Exports one of the four MLPerf Tiny networks to ONNX with PyTorch.

Usage: mlperf_tiny.py NAME OUTDIR

NAME is one of:
  kws   DS-CNN keyword spotting, input 1x1x49x10 (test/Models/export_model.py)
  vww   MobileNetV1 (width 0.25) visual wake words, input 1x3x96x96
  ic    ResNet-8 CIFAR-10 image classification, input 1x3x32x32
  ad    fully connected autoencoder anomaly detection, input 1x640

Writes into OUTDIR:
  model.onnx      opset 13, BatchNorm kept in the graph (mote folds it)
  input.npy       a random input, float32
  input.h         the same input as a C array of exact hexadecimal floats,
                  `static const float kInput[]`, for images that bake it in
  reference.npy   PyTorch's output for that input
  tolerance.rsp   mote-run options `--atol=A --rtol=0` with the project's
                  acceptance bar A = 1e-4 * max(1, max|reference|)

The weights are seeded random (no pretrained weights are available offline)
and BatchNorm statistics are randomized, so a broken BatchNorm folding cannot
hide behind identity BatchNorms. When bench/models.py is in the tree its
`build_model` and `make_input` are used, so the benchmark and these tests run
the same weights and input; the definitions here are the fallback without it.
"""

import argparse
import importlib.util
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))


def load_module(name, path):
    """Imports the Python file at `path` as module `name`."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# DS-CNN has one definition in the tree: the host model tests' exporter.
DSCNN = load_module("export_model",
                    os.path.join(SOURCE_ROOT, "test", "Models",
                                 "export_model.py")).DSCNN


class MobileNetV1(nn.Module):
    """MLPerf Tiny visual wake words: MobileNetV1 with width multiplier 0.25.

    A 3x3 stride-2 convolution to 8 channels, thirteen depthwise-separable
    blocks (3x3 depthwise + 1x1 pointwise, each with BatchNorm and ReLU),
    global average pooling, a 2-way classifier and softmax.
    """

    # (output channels, stride) of each depthwise-separable block at width 1.
    BLOCKS = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2),
              (512, 1), (512, 1), (512, 1), (512, 1), (512, 1), (1024, 2),
              (1024, 1)]

    def __init__(self, width=0.25, classes=2):
        super().__init__()
        channels = int(32 * width)
        layers = [nn.Conv2d(3, channels, 3, stride=2, padding=1, bias=False),
                  nn.BatchNorm2d(channels), nn.ReLU()]
        for out, stride in self.BLOCKS:
            out = int(out * width)
            layers += [
                nn.Conv2d(channels, channels, 3, stride=stride, padding=1,
                          groups=channels, bias=False),
                nn.BatchNorm2d(channels), nn.ReLU(),
                nn.Conv2d(channels, out, 1, bias=False),
                nn.BatchNorm2d(out), nn.ReLU(),
            ]
            channels = out
        layers.append(nn.AdaptiveAvgPool2d(1))
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Linear(channels, classes)

    def forward(self, x):
        x = torch.flatten(self.features(x), 1)
        return torch.softmax(self.classifier(x), dim=1)


class ResidualStack(nn.Module):
    """One ResNet-8 stage: two 3x3 convolutions with BatchNorm, added to the
    input (through a strided 1x1 convolution when the shape changes)."""

    def __init__(self, inputs, outputs, stride):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(inputs, outputs, 3, stride=stride, padding=1),
            nn.BatchNorm2d(outputs), nn.ReLU(),
            nn.Conv2d(outputs, outputs, 3, padding=1),
            nn.BatchNorm2d(outputs))
        self.shortcut = (nn.Identity() if stride == 1 and inputs == outputs
                         else nn.Conv2d(inputs, outputs, 1, stride=stride))

    def forward(self, x):
        return torch.relu(self.body(x) + self.shortcut(x))


class ResNet8(nn.Module):
    """MLPerf Tiny image classification: ResNet-8 for 32x32 CIFAR-10 images
    (16-32-64 channels, global average pooling, 10-way softmax)."""

    def __init__(self, classes=10):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1),
                                  nn.BatchNorm2d(16), nn.ReLU())
        self.stages = nn.Sequential(ResidualStack(16, 16, 1),
                                    ResidualStack(16, 32, 2),
                                    ResidualStack(32, 64, 2))
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Linear(64, classes)

    def forward(self, x):
        x = torch.flatten(self.pool(self.stages(self.stem(x))), 1)
        return torch.softmax(self.classifier(x), dim=1)


class AutoEncoder(nn.Module):
    """MLPerf Tiny anomaly detection: a fully connected autoencoder on 640
    log-mel features (4x Dense(128)+BN+ReLU, an 8-wide bottleneck,
    4x Dense(128)+BN+ReLU, Dense(640))."""

    def __init__(self, features=640, hidden=128, bottleneck=8):
        super().__init__()
        layers = []
        widths = [features] + [hidden] * 4 + [bottleneck] + [hidden] * 4
        for inputs, outputs in zip(widths[:-1], widths[1:]):
            layers += [nn.Linear(inputs, outputs), nn.BatchNorm1d(outputs),
                       nn.ReLU()]
        layers.append(nn.Linear(hidden, features))
        self.layers = nn.Sequential(*layers)

    def forward(self, x):
        return self.layers(x)


# This script's network names and bench/models.py's.
BENCH_NAMES = {"kws": "ds_cnn", "vww": "mobilenet_v1_vww", "ic": "resnet8",
               "ad": "fc_autoencoder"}


def build_from_bench(name):
    """Returns (model in eval mode with randomized BatchNorms, input) from
    bench/models.py, so the benchmark and the firmware tests run the same
    weights and input; None when that file is not in the tree."""
    shared = os.path.join(SOURCE_ROOT, "bench", "models.py")
    if not os.path.exists(shared):
        return None
    models = load_module("bench_models", shared)
    model, shape = models.build_model(BENCH_NAMES[name])
    return model, models.make_input(shape)


def build(name):
    """Returns (model, input shape) for `name` from the definitions here."""
    if name == "kws":
        return DSCNN(), (1, 1, 49, 10)
    if name == "vww":
        return MobileNetV1(), (1, 3, 96, 96)
    if name == "ic":
        return ResNet8(), (1, 3, 32, 32)
    if name == "ad":
        return AutoEncoder(), (1, 640)
    raise SystemExit(f"mlperf_tiny.py: unknown network '{name}'")


NETWORKS = ["kws", "vww", "ic", "ad"]


def randomize_batch_norms(model):
    """Gives every BatchNorm non-trivial statistics and affine parameters."""
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, (nn.BatchNorm1d, nn.BatchNorm2d)):
                module.running_mean.uniform_(-0.5, 0.5)
                module.running_var.uniform_(0.5, 2.0)
                module.weight.uniform_(0.5, 1.5)
                module.bias.uniform_(-0.5, 0.5)


def write_c_array(path, name, values):
    """Writes `values` as a C array of hexadecimal float literals, which
    round-trip exactly."""
    with open(path, "w") as f:
        f.write(f"/* Generated by mlperf_tiny.py: {values.size} floats. */\n")
        f.write(f"static const float {name}[{values.size}] = {{\n")
        for start in range(0, values.size, 6):
            chunk = values.flat[start:start + 6]
            f.write("  " + ", ".join(float(v).hex() + "f" for v in chunk) +
                    ",\n")
        f.write("};\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", choices=NETWORKS)
    parser.add_argument("outdir")
    args = parser.parse_args()

    shared = build_from_bench(args.name)
    if shared:
        model, example = shared
        input_shape = tuple(example.shape)
    else:
        torch.manual_seed(0)
        model, input_shape = build(args.name)
        randomize_batch_norms(model)
        model.eval()
        example = torch.randn(*input_shape)
    with torch.no_grad():
        reference = model(example).numpy().astype(np.float32)

    os.makedirs(args.outdir, exist_ok=True)
    model_path = os.path.join(args.outdir, "model.onnx")
    # PRESERVE exports the eval-mode model without the exporter's own
    # Conv+BatchNorm fusion, so mote's folding is what runs (see
    # test/Models/export_model.py).
    torch.onnx.export(model, example, model_path, input_names=["input"],
                      output_names=["output"], opset_version=13,
                      training=torch.onnx.TrainingMode.PRESERVE,
                      do_constant_folding=False)
    exported = onnx.load(model_path)
    onnx.checker.check_model(exported, full_check=True)
    if "BatchNormalization" not in {n.op_type for n in exported.graph.node}:
        raise SystemExit(f"mlperf_tiny.py: the exporter folded {args.name}'s "
                         "BatchNorms; the test would not exercise mote's")

    inputs = example.numpy().astype(np.float32)
    np.save(os.path.join(args.outdir, "input.npy"), inputs)
    write_c_array(os.path.join(args.outdir, "input.h"), "kInput", inputs)
    np.save(os.path.join(args.outdir, "reference.npy"), reference)
    atol = 1e-4 * max(1.0, float(np.abs(reference).max()))
    with open(os.path.join(args.outdir, "tolerance.rsp"), "w") as f:
        f.write(f"--atol={atol:.9g} --rtol=0\n")
    print(f"{args.name}: input {list(input_shape)}, output "
          f"{list(reference.shape)}, "
          f"{sum(p.numel() for p in model.parameters())} parameters, "
          f"atol {atol:.3g}")


if __name__ == "__main__":
    sys.exit(main())
