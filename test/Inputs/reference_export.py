# ===- reference_export.py - ONNX model + PyTorch reference for lit tests --=== #
#
# Part of the mote project, under the Apache License v2.0 with LLVM
# Exceptions. See LICENSE for license information.
#
# ===--------------------------------------------------------------------=== #
"""Shared by the test exporters: writes a PyTorch module as OUTDIR/model.onnx
with the example input (input.npy), PyTorch's output (reference.npy) and the
mote-run tolerance options (tolerance.rsp, atol = 1e-4 * max(1, max|ref|),
the suite-wide fp32 rule)."""

import os

import numpy as np
import torch


def export_with_reference(model, example, outdir, opset_version=13):
    """Exports `model` (put in eval mode) on `example`; returns the reference
    output as a float32 array."""
    model.eval()
    os.makedirs(outdir, exist_ok=True)
    with torch.no_grad():
        reference = model(example).numpy().astype(np.float32)
    torch.onnx.export(model, (example,), os.path.join(outdir, "model.onnx"),
                      input_names=["input"], output_names=["output"],
                      opset_version=opset_version)
    np.save(os.path.join(outdir, "input.npy"), example.numpy())
    np.save(os.path.join(outdir, "reference.npy"), reference)
    atol = 1e-4 * max(1.0, float(np.abs(reference).max()))
    with open(os.path.join(outdir, "tolerance.rsp"), "w") as file:
        file.write(f"--atol={atol:.9g} --rtol=0\n")
    return reference
