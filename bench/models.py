#!/usr/bin/python3
# ===- models.py - the benchmark's model set ------------------------------=== #
#
# Part of the mote project, under the Apache License v2.0 with LLVM
# Exceptions. See LICENSE for license information.
#
# ===--------------------------------------------------------------------=== #
"""Builds the benchmark's models with seeded random weights and exports them.

Usage: models.py OUTDIR [--models a,b,...]

For each model NAME this writes OUTDIR/NAME/:
  model.onnx   opset 13, legacy TorchScript exporter, BatchNorm kept
  input.bin    one random input, raw little-endian float32 (C order)
  input.json   {"name": ..., "shape": [...]} of the graph input

The same weights can be rebuilt in-process with `build_model(NAME)` (the
PyTorch column of the harness does that instead of re-reading ONNX), so the
three runtimes all see one model and one input.

Models: torchvision's mobilenet_v2, resnet18, squeezenet1_1,
mobilenet_v3_small and efficientnet_b0 at 1x3x224x224; the four MLPerf Tiny
networks (DS-CNN keyword spotting, MobileNetV1-0.25 visual wake words,
ResNet-8 on CIFAR-10, the fully connected anomaly-detection autoencoder); and
`trivial`, a single Add on four floats that measures a runtime's fixed
per-call cost.
"""

import argparse
import json
import os
import sys

import torch
import torch.nn as nn

_HERE = os.path.dirname(os.path.abspath(__file__))
# DS-CNN and the BatchNorm randomization live with the end-to-end model tests.
sys.path.insert(0, os.path.join(_HERE, "..", "test", "Models"))
import export_model  # noqa: E402


def _conv_bn_relu(cin, cout, kernel, stride=1, groups=1):
    return [
        nn.Conv2d(cin, cout, kernel, stride=stride, padding=kernel // 2,
                  groups=groups, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(),
    ]


class MobileNetV1VWW(nn.Module):
    """MLPerf Tiny visual wake words: MobileNetV1 with width multiplier 0.25
    on 1x3x96x96 images, two classes."""

    # (output channels at width 1.0, stride) of the 13 depthwise-separable blocks.
    BLOCKS = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2),
              (512, 1), (512, 1), (512, 1), (512, 1), (512, 1), (1024, 2),
              (1024, 1)]

    def __init__(self, alpha=0.25, classes=2):
        super().__init__()
        channels = int(32 * alpha)
        layers = _conv_bn_relu(3, channels, 3, stride=2)
        for width, stride in self.BLOCKS:
            out = int(width * alpha)
            layers += _conv_bn_relu(channels, channels, 3, stride, groups=channels)
            layers += _conv_bn_relu(channels, out, 1)
            channels = out
        layers.append(nn.AdaptiveAvgPool2d(1))
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Linear(channels, classes)

    def forward(self, x):
        x = torch.flatten(self.features(x), 1)
        return torch.softmax(self.classifier(x), dim=1)


class ResidualStack(nn.Module):
    """One ResNet-8 stage: conv-BN-ReLU, conv-BN, plus a shortcut (a strided
    1x1 convolution when the shape changes), then ReLU."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(cin, cout, 3, stride=stride, padding=1),
            nn.BatchNorm2d(cout),
            nn.ReLU(),
            nn.Conv2d(cout, cout, 3, padding=1),
            nn.BatchNorm2d(cout),
        )
        self.shortcut = (nn.Identity() if stride == 1 and cin == cout else
                         nn.Conv2d(cin, cout, 1, stride=stride))

    def forward(self, x):
        return torch.relu(self.body(x) + self.shortcut(x))


class ResNet8(nn.Module):
    """MLPerf Tiny image classification: ResNet-8 on 1x3x32x32 CIFAR-10."""

    def __init__(self, classes=10):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1),
                                  nn.BatchNorm2d(16), nn.ReLU())
        self.stacks = nn.Sequential(ResidualStack(16, 16, 1),
                                    ResidualStack(16, 32, 2),
                                    ResidualStack(32, 64, 2))
        self.pool = nn.AvgPool2d(8)
        self.classifier = nn.Linear(64, classes)

    def forward(self, x):
        x = torch.flatten(self.pool(self.stacks(self.stem(x))), 1)
        return torch.softmax(self.classifier(x), dim=1)


class FCAutoencoder(nn.Module):
    """MLPerf Tiny anomaly detection: 640-128-128-128-128-8-128-128-128-128-640,
    every hidden Dense layer followed by BatchNorm and ReLU, a plain Dense
    output layer."""

    def __init__(self, inputs=640, hidden=128, bottleneck=8):
        super().__init__()
        widths = [inputs] + [hidden] * 4 + [bottleneck] + [hidden] * 4
        layers = []
        for cin, cout in zip(widths, widths[1:]):
            layers += [nn.Linear(cin, cout), nn.BatchNorm1d(cout), nn.ReLU()]
        layers.append(nn.Linear(hidden, inputs))
        self.layers = nn.Sequential(*layers)

    def forward(self, x):
        return self.layers(x)


class TrivialAdd(nn.Module):
    """y = x + x on four floats: almost no work, so its latency is the
    runtime's fixed cost per call."""

    def forward(self, x):
        return x + x


TORCHVISION = ["mobilenet_v2", "resnet18", "squeezenet1_1",
               "mobilenet_v3_small", "efficientnet_b0"]
MLPERF_TINY = ["ds_cnn", "mobilenet_v1_vww", "resnet8", "fc_autoencoder"]
MODELS = TORCHVISION + MLPERF_TINY
ALL = MODELS + ["trivial"]


def build_model(name):
    """Returns (model in eval mode, input shape): seeded and deterministic, so
    every call gives the same weights."""
    torch.manual_seed(0)
    if name in TORCHVISION:
        import torchvision.models as tvm
        model, shape = getattr(tvm, name)(weights=None), (1, 3, 224, 224)
    elif name == "ds_cnn":
        model, shape = export_model.DSCNN(), (1, 1, 49, 10)
    elif name == "mobilenet_v1_vww":
        model, shape = MobileNetV1VWW(), (1, 3, 96, 96)
    elif name == "resnet8":
        model, shape = ResNet8(), (1, 3, 32, 32)
    elif name == "fc_autoencoder":
        model, shape = FCAutoencoder(), (1, 640)
    elif name == "trivial":
        model, shape = TrivialAdd(), (4,)
    else:
        raise SystemExit(f"models.py: unknown model '{name}' "
                         f"(known: {', '.join(ALL)})")
    export_model.randomize_batch_norms(model)
    model.eval()
    return model, shape


def make_input(shape):
    """The benchmark input of a model: seeded, so every runtime gets it."""
    generator = torch.Generator().manual_seed(1)
    return torch.randn(*shape, generator=generator)


def export(name, outdir):
    """Exports `name` into outdir/name/ (see the module doc)."""
    model, shape = build_model(name)
    example = make_input(shape)
    directory = os.path.join(outdir, name)
    os.makedirs(directory, exist_ok=True)
    # PRESERVE keeps BatchNorm as its own node (EVAL lets the exporter fuse it
    # into the convolution), so mote's folding is part of what is measured.
    torch.onnx.export(model, example, os.path.join(directory, "model.onnx"),
                      input_names=["input"], output_names=["output"],
                      opset_version=13,
                      training=torch.onnx.TrainingMode.PRESERVE,
                      do_constant_folding=False)
    example.numpy().astype("<f4").tofile(os.path.join(directory, "input.bin"))
    with open(os.path.join(directory, "input.json"), "w") as f:
        json.dump({"name": "input", "shape": list(shape)}, f)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir")
    parser.add_argument("--models", default=",".join(ALL),
                        help="comma-separated subset of: " + ", ".join(ALL))
    args = parser.parse_args()
    for name in args.models.split(","):
        export(name, args.outdir)


if __name__ == "__main__":
    sys.exit(main())
