#!/usr/bin/python3
# ===- padded_convs.py - zero-padded convolutions and their reference ----=== #
#
# Part of the mote project, under the Apache License v2.0 with LLVM
# Exceptions. See LICENSE for license information.
#
# ===--------------------------------------------------------------------=== #
"""Exports a chain of zero-padded convolutions to ONNX with PyTorch.

Usage: padded_convs.py OUTDIR

The model covers the cases mote-decompose-padded-conv handles tap by tap:
depthwise 3x3 with padding 1, a strided full convolution, padding larger
than the kernel's reach (output borders that only see padding), asymmetric
padding (ONNX Pad before an unpadded conv), dilation, a stride that leaves
some taps on padding only, and single-channel convolutions.

Writes model.onnx, input.npy, reference.npy (PyTorch's output, float32) and
tolerance.rsp (`--atol=A --rtol=0`, A = 1e-4 * max(1, max|reference|)).
"""

import os
import sys

import torch
import torch.nn as nn

# The shared exporter lives in test/Inputs.
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..",
                                "Inputs"))
from reference_export import export_with_reference  # noqa: E402


class PaddedConvs(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(
            # One channel in and out, 5x3 kernel, padding wider than high.
            nn.Conv2d(1, 1, (5, 3), padding=(2, 1)),
            nn.Conv2d(1, 8, 3, stride=2, padding=1),
            nn.ReLU(),
            # Depthwise 3x3, the DS-CNN block.
            nn.Conv2d(8, 8, 3, padding=1, groups=8),
            # Padding 3 around a 3x3 kernel: the outermost output ring reads
            # padding only and keeps the bias.
            nn.Conv2d(8, 6, 3, padding=3),
            # Dilated depthwise.
            nn.Conv2d(6, 6, 3, padding=2, dilation=2, groups=6),
            # Asymmetric: ONNX Pad (left 1, right 0, top 2, bottom 1).
            nn.ZeroPad2d((1, 0, 2, 1)),
            nn.Conv2d(6, 4, 3),
            # Stride 3 with padding 1 on a 3x3 kernel: some taps never read
            # the input at some borders.
            nn.Conv2d(4, 4, 3, stride=3, padding=2, groups=4),
        )

    def forward(self, x):
        return self.layers(x)


def main():
    outdir = sys.argv[1]
    torch.manual_seed(0)
    model = PaddedConvs()
    example = torch.randn(1, 1, 13, 10)
    reference = export_with_reference(model, example, outdir)
    print(f"padded_convs: input {list(example.shape)}, output "
          f"{list(reference.shape)}")


if __name__ == "__main__":
    sys.exit(main())
