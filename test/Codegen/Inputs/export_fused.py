#!/usr/bin/python3
# ===- export_fused.py - kernels followed by elementwise epilogues ------=== #
#
# Part of the mote project, under the Apache License v2.0 with LLVM
# Exceptions. See LICENSE for license information.
#
# ===--------------------------------------------------------------------=== #
"""Exports small networks whose convolutions and fully connected layers are
followed by the elementwise ops mote-tile-and-vectorize folds into the
kernels' stores (ReLU, ReLU6, HardSwish, Sigmoid, the residual Add), with
odd channel counts and widths so the partial vectors and remainder blocks
go through the epilogue too.

Usage:
  export_fused.py residual OUTDIR   ResNet basic blocks (conv+relu, conv+add+relu)
  export_fused.py mobile OUTDIR     MobileNet-like activations after 1x1/3x3 convs
  export_fused.py mlp OUTDIR        Linear (Gemm transB=1) layers with ReLU, batch 1

Writes model.onnx, input.npy, reference.npy and tolerance.rsp (mote-run
options, atol = 1e-4 * max(1, max|reference|)) into OUTDIR.
"""

import os
import sys

import torch
import torch.nn as nn

# The shared exporter lives in test/Inputs.
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..",
                                "Inputs"))
from reference_export import export_with_reference  # noqa: E402


class BasicBlock(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1)

    def forward(self, x):
        y = torch.relu(self.conv1(x))
        return torch.relu(self.conv2(y) + x)


class Residual(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 20, 3, stride=2, padding=1)
        self.block1 = BasicBlock(20)
        self.block2 = BasicBlock(20)

    def forward(self, x):
        return self.block2(self.block1(torch.relu(self.stem(x))))


class Mobile(nn.Module):
    def __init__(self):
        super().__init__()
        self.expand = nn.Conv2d(5, 37, 1)
        self.spatial = nn.Conv2d(37, 19, 3, padding=1)
        self.project = nn.Conv2d(19, 24, 1)
        self.gate = nn.Conv2d(24, 24, 1)

    def forward(self, x):
        x = torch.clamp(self.expand(x), 0.0, 6.0)
        x = nn.functional.hardswish(self.spatial(x))
        x = self.project(x)
        return x * torch.sigmoid(self.gate(x))


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList(
            [nn.Linear(640, 128), nn.Linear(128, 37), nn.Linear(37, 8),
             nn.Linear(8, 130)])

    def forward(self, x):
        for layer in self.layers[:-1]:
            x = torch.relu(layer(x))
        return self.layers[-1](x)


def main():
    kind, outdir = sys.argv[1], sys.argv[2]
    torch.manual_seed(0)
    if kind == "residual":
        model, example = Residual(), torch.randn(1, 3, 26, 27)
    elif kind == "mobile":
        model, example = Mobile(), torch.randn(1, 5, 11, 13)
    elif kind == "mlp":
        model, example = Mlp(), torch.randn(1, 640)
    else:
        sys.exit(f"unknown network '{kind}' (expected residual, mobile or mlp)")
    export_with_reference(model, example, outdir, opset_version=14)


if __name__ == "__main__":
    main()
