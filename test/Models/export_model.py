#!/usr/bin/python3
# ===- export_model.py - export a test model and its reference output ---=== #
#
# Part of the mote project, under the Apache License v2.0 with LLVM
# Exceptions. See LICENSE for license information.
#
# ===--------------------------------------------------------------------=== #
"""Exports one of the end-to-end test models to ONNX with PyTorch.

Usage: export_model.py NAME OUTDIR

Writes into OUTDIR:
  model.onnx      the model, opset 13, BatchNorm kept in the graph
  input.npy       a random input (batch 1), float32
  reference.npy   PyTorch's output for that input, float32
  tolerance.rsp   mote-run options `--atol=A --rtol=0` (a response file, so
                  the RUN line stays independent of the shell)

The weights are random (torchvision ships no pretrained weights here) and the
BatchNorm statistics and affine parameters are randomized too: freshly
initialized BatchNorms are identities (mean 0, var 1, scale 1, shift 0), which
would let a broken BatchNorm folding pass unnoticed.

The tolerance is the acceptance bar of the end-to-end tests: the largest
absolute error may be at most 1e-4 * max(1, max|reference|).
"""

import argparse
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn as nn


class DSCNN(nn.Module):
    """MLPerf Tiny keyword-spotting DS-CNN (the "small" variant).

    Input: 1x1x49x10 MFCC features. A 10x4 stride-2 convolution to 64
    channels, four depthwise-separable blocks (3x3 depthwise + 1x1 pointwise,
    each followed by BatchNorm and ReLU), average pooling over the whole
    25x5 map, a 12-way fully connected layer and softmax.
    """

    def __init__(self, channels=64, classes=12):
        super().__init__()
        layers = [
            # TF's 'same' padding would be (4, 5) rows and (1, 1) columns;
            # symmetric (5, 1) gives the same 25x5 output map.
            nn.Conv2d(1, channels, (10, 4), stride=2, padding=(5, 1)),
            nn.BatchNorm2d(channels),
            nn.ReLU(),
        ]
        for _ in range(4):
            layers += [
                nn.Conv2d(channels, channels, 3, padding=1, groups=channels),
                nn.BatchNorm2d(channels),
                nn.ReLU(),
                nn.Conv2d(channels, channels, 1),
                nn.BatchNorm2d(channels),
                nn.ReLU(),
            ]
        layers.append(nn.AvgPool2d((25, 5)))
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Linear(channels, classes)

    def forward(self, x):
        x = torch.flatten(self.features(x), 1)
        return torch.softmax(self.classifier(x), dim=1)


class SmallCNN(nn.Module):
    """A few-millisecond CNN for quick iteration: conv/BN/ReLU, max pool,
    a second conv block, global average pool, flatten and a linear layer."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1),
            nn.BatchNorm2d(8),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, stride=2, padding=1),
            nn.BatchNorm2d(16),
            nn.ReLU(),
            nn.AdaptiveAvgPool2d(1),
        )
        self.classifier = nn.Linear(16, 10)

    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1))


def build(name):
    """Returns (model, input shape) for `name`."""
    import torchvision.models as tvm

    if name == "mobilenet_v2":
        return tvm.mobilenet_v2(weights=None), (1, 3, 224, 224)
    if name == "resnet18":
        return tvm.resnet18(weights=None), (1, 3, 224, 224)
    if name == "squeezenet1_1":
        return tvm.squeezenet1_1(weights=None), (1, 3, 224, 224)
    if name == "ds_cnn":
        return DSCNN(), (1, 1, 49, 10)
    if name == "small_cnn":
        return SmallCNN(), (1, 3, 32, 32)
    raise SystemExit(f"export_model.py: unknown model '{name}'")


MODELS = ["mobilenet_v2", "resnet18", "squeezenet1_1", "ds_cnn", "small_cnn"]


def randomize_batch_norms(model):
    """Gives every BatchNorm non-trivial statistics and affine parameters."""
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, (nn.BatchNorm1d, nn.BatchNorm2d)):
                module.running_mean.uniform_(-0.5, 0.5)
                module.running_var.uniform_(0.5, 2.0)
                module.weight.uniform_(0.5, 1.5)
                module.bias.uniform_(-0.5, 0.5)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", choices=MODELS)
    parser.add_argument("outdir")
    args = parser.parse_args()

    torch.manual_seed(0)
    model, input_shape = build(args.name)
    randomize_batch_norms(model)
    model.eval()

    example = torch.randn(*input_shape)
    with torch.no_grad():
        reference = model(example)

    os.makedirs(args.outdir, exist_ok=True)
    model_path = os.path.join(args.outdir, "model.onnx")
    # Keep BatchNorm in the graph, so mote's own folding is what gets tested:
    # in TrainingMode.EVAL the TorchScript exporter fuses Conv+BatchNorm
    # itself (even without constant folding); PRESERVE exports the model in
    # the mode it is in, eval, without that peephole. opset 13 is the legacy
    # exporter's well-trodden path (torch 1.13 has no dynamo exporter).
    torch.onnx.export(
        model,
        example,
        model_path,
        input_names=["input"],
        output_names=["output"],
        opset_version=13,
        training=torch.onnx.TrainingMode.PRESERVE,
        do_constant_folding=False,
    )
    exported = onnx.load(model_path)
    onnx.checker.check_model(exported, full_check=True)
    has_batch_norm = any(isinstance(m, nn.BatchNorm2d) for m in model.modules())
    exported_ops = {node.op_type for node in exported.graph.node}
    if has_batch_norm and "BatchNormalization" not in exported_ops:
        raise SystemExit(f"export_model.py: the exporter folded {args.name}'s "
                         "BatchNorms; the test would not exercise mote's")

    reference = reference.numpy().astype(np.float32)
    np.save(os.path.join(args.outdir, "input.npy"), example.numpy())
    np.save(os.path.join(args.outdir, "reference.npy"), reference)

    atol = 1e-4 * max(1.0, float(np.abs(reference).max()))
    with open(os.path.join(args.outdir, "tolerance.rsp"), "w") as f:
        f.write(f"--atol={atol:.9g} --rtol=0\n")
    print(f"{args.name}: input {list(input_shape)}, output "
          f"{list(reference.shape)}, max|ref| {np.abs(reference).max():.6g}, "
          f"atol {atol:.3g}")


if __name__ == "__main__":
    sys.exit(main())
