#!/usr/bin/python3
# ===- export_layer.py - one conv or linear layer and its reference -----=== #
#
# Part of the mote project, under the Apache License v2.0 with LLVM
# Exceptions. See LICENSE for license information.
#
# ===--------------------------------------------------------------------=== #
"""Exports a single Conv2d (or Linear) layer to ONNX with PyTorch, for the
shapes mote-tile-and-vectorize specializes on (channel and width remainders,
one channel, strides and padding larger than the kernel, dilation).

Usage:
  export_layer.py conv OUTDIR CIN COUT KH KW H W STRIDE PAD DILATION
  export_layer.py depthwise OUTDIR CHANNELS KH KW H W STRIDE PAD DILATION
  export_layer.py linear OUTDIR ROWS IN OUT

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


def main():
    kind, outdir = sys.argv[1], sys.argv[2]
    sizes = [int(value) for value in sys.argv[3:]]
    torch.manual_seed(0)
    if kind == "conv":
        cin, cout, kh, kw, h, w, stride, pad, dilation = sizes
        model = nn.Conv2d(cin, cout, (kh, kw), stride=stride, padding=pad,
                          dilation=dilation)
        example = torch.randn(1, cin, h, w)
    elif kind == "depthwise":
        channels, kh, kw, h, w, stride, pad, dilation = sizes
        model = nn.Conv2d(channels, channels, (kh, kw), stride=stride,
                          padding=pad, dilation=dilation, groups=channels)
        example = torch.randn(1, channels, h, w)
    elif kind == "linear":
        rows, inputs, outputs = sizes
        model = nn.Linear(inputs, outputs)
        example = torch.randn(rows, inputs)
    else:
        sys.exit(f"unknown layer kind '{kind}' (expected conv, depthwise or linear)")
    export_with_reference(model, example, outdir, opset_version=13)


if __name__ == "__main__":
    main()
