# ===- export_tail.py - MobileNet-family tails for the vector loop tests --=== #
#
# Part of the mote project, under the Apache License v2.0 with LLVM
# Exceptions. See LICENSE for license information.
#
# ===--------------------------------------------------------------------=== #
"""Exports one MobileNet-family block between the convolutions to ONNX with
PyTorch, for the shapes the elementwise/reduction vector loops specialize on
(merged trailing loops, a short last vector, per-channel values computed
outside the vector loop, reductions with several accumulators).

Usage:
  export_tail.py se OUTDIR CHANNELS SQUEEZE H W     squeeze-excite, SiLU/sigmoid
  export_tail.py hswish OUTDIR CHANNELS H W         HardSwish
  export_tail.py head OUTDIR CHANNELS H W CLASSES   ReLU6, global average pool,
                                                    flatten, Linear

Writes model.onnx, input.npy, reference.npy and tolerance.rsp (mote-run
options, atol = 1e-4 * max(1, max|reference|)) into OUTDIR.
"""

import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

# The shared exporter lives in test/Inputs.
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..",
                                "Inputs"))
from reference_export import export_with_reference  # noqa: E402


class SqueezeExcite(nn.Module):
    """EfficientNet's block tail: x * sigmoid(fc2(silu(fc1(avgpool(x)))))."""

    def __init__(self, channels, squeeze):
        super().__init__()
        self.fc1 = nn.Conv2d(channels, squeeze, 1)
        self.fc2 = nn.Conv2d(squeeze, channels, 1)

    def forward(self, x):
        gate = F.adaptive_avg_pool2d(x, 1)
        gate = torch.sigmoid(self.fc2(F.silu(self.fc1(gate))))
        return x * gate


class Head(nn.Module):
    """MobileNetV2's classifier head: ReLU6, global average pool, Linear."""

    def __init__(self, channels, classes):
        super().__init__()
        self.fc = nn.Linear(channels, classes)

    def forward(self, x):
        x = F.adaptive_avg_pool2d(F.relu6(x), 1)
        return self.fc(torch.flatten(x, 1))


def main():
    kind, outdir = sys.argv[1], sys.argv[2]
    sizes = [int(value) for value in sys.argv[3:]]
    torch.manual_seed(0)
    if kind == "se":
        channels, squeeze, h, w = sizes
        model = SqueezeExcite(channels, squeeze)
        example = torch.randn(1, channels, h, w)
    elif kind == "hswish":
        channels, h, w = sizes
        model = nn.Hardswish()
        example = 4 * torch.randn(1, channels, h, w)
    elif kind == "head":
        channels, h, w, classes = sizes
        model = Head(channels, classes)
        example = 4 * torch.randn(1, channels, h, w)
    else:
        sys.exit(f"unknown block kind '{kind}' (expected se, hswish or head)")
    export_with_reference(model, example, outdir, opset_version=13)


if __name__ == "__main__":
    main()
