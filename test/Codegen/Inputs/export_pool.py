# ===- export_pool.py - pooling and fire-module models for the kernel tests -=== #
#
# Part of the mote project, under the Apache License v2.0 with LLVM
# Exceptions. See LICENSE for license information.
#
# ===--------------------------------------------------------------------=== #
"""Exports a pooling layer or a SqueezeNet fire module to ONNX with PyTorch,
for the shapes the pooling vector kernel (lib/Codegen/PoolingKernel.cpp)
and the in-place concat specialize on: odd sizes, short last vectors,
strides, padding, ceil_mode.

Usage:
  export_pool.py max OUTDIR C H W KERNEL STRIDE PAD CEIL   MaxPool2d
  export_pool.py avg OUTDIR C H W KERNEL STRIDE PAD CEIL   AvgPool2d
                                                (count_include_pad=False)
  export_pool.py fire OUTDIR C H W SQUEEZE EXPAND          fire module,
                                                then 3x3 s2 ceil max pool

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


class Fire(nn.Module):
    """SqueezeNet 1.1's fire module (squeeze 1x1, expand 1x1 and 3x3,
    concatenated along channels) followed by its 3x3 stride-2 ceil_mode
    max pool."""

    def __init__(self, channels, squeeze, expand):
        super().__init__()
        self.squeeze = nn.Conv2d(channels, squeeze, 1)
        self.expand1x1 = nn.Conv2d(squeeze, expand, 1)
        self.expand3x3 = nn.Conv2d(squeeze, expand, 3, padding=1)
        self.pool = nn.MaxPool2d(3, 2, ceil_mode=True)

    def forward(self, x):
        x = torch.relu(self.squeeze(x))
        x = torch.cat([torch.relu(self.expand1x1(x)),
                       torch.relu(self.expand3x3(x))], 1)
        return self.pool(x)


def main():
    kind, outdir = sys.argv[1], sys.argv[2]
    args = [int(a) for a in sys.argv[3:]]
    torch.manual_seed(0)
    channels, height, width = args[0], args[1], args[2]
    if kind == "fire":
        model = Fire(channels, args[3], args[4])
    else:
        kernel, stride, pad, ceil = args[3:7]
        if kind == "max":
            model = nn.MaxPool2d(kernel, stride, pad, ceil_mode=bool(ceil))
        else:
            model = nn.AvgPool2d(kernel, stride, pad, ceil_mode=bool(ceil),
                                 count_include_pad=False)
    example = torch.randn(1, channels, height, width)
    export_with_reference(model, example, outdir)


if __name__ == "__main__":
    main()
