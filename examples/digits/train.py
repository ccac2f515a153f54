#!/usr/bin/python3
"""Trains the small digit classifier bundled with mote and exports it to ONNX.

The committed outputs (digits_cnn.onnx, samples.h) are what the demo uses, so
the demo needs neither training nor Python. Rerun this script only to
regenerate them:

    /usr/bin/python3 examples/digits/train.py

It uses scikit-learn's `load_digits` (1797 8x8 grayscale digits, shipped with
scikit-learn, no download) and trains in a few seconds on one CPU core. Every
source of randomness is seeded, so a rerun on the same software versions
gives the same weights and the same samples.
"""

import argparse
import inspect
import os
import sys

import numpy as np
import onnx
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn

SEED = 0
HERE = os.path.dirname(os.path.abspath(__file__))


class DigitsCNN(nn.Module):
    """Two 3x3 convolutions, a pooling step and two dense layers.

    BatchNorm and Softmax are in the model on purpose: the demo is meant to
    exercise mote's lowering of those ops, not just conv and gemm.
    """

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 8, kernel_size=3, padding=1),
            nn.BatchNorm2d(8),
            nn.ReLU(),
            nn.Conv2d(8, 16, kernel_size=3, padding=1),
            nn.BatchNorm2d(16),
            nn.ReLU(),
            nn.MaxPool2d(2),
        )
        self.classifier = nn.Sequential(
            nn.Flatten(),
            nn.Linear(16 * 4 * 4, 32),
            nn.ReLU(),
            nn.Linear(32, 10),
        )

    def forward(self, image):
        return self.classifier(self.features(image))


class WithSoftmax(nn.Module):
    """The exported graph: the classifier followed by a Softmax, so the
    compiled model returns probabilities. Training uses the logits."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, image):
        return torch.softmax(self.net(image), dim=1)


def load_data():
    digits = load_digits()
    # Pixels are integers 0..16; x/16 maps them exactly onto [0, 1].
    images = (digits.images.astype(np.float32) / 16.0)[:, None, :, :]
    labels = digits.target.astype(np.int64)
    return train_test_split(images, labels, test_size=0.25, random_state=SEED,
                            stratify=labels)


def train(net, x_train, y_train, epochs, batch_size=32):
    optimizer = torch.optim.Adam(net.parameters(), lr=3e-3)
    loss_fn = nn.CrossEntropyLoss()
    x = torch.from_numpy(x_train)
    y = torch.from_numpy(y_train)
    generator = torch.Generator().manual_seed(SEED)
    net.train()
    for epoch in range(epochs):
        order = torch.randperm(len(x), generator=generator)
        total = 0.0
        for start in range(0, len(x), batch_size):
            batch = order[start:start + batch_size]
            optimizer.zero_grad()
            loss = loss_fn(net(x[batch]), y[batch])
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
        print(f"epoch {epoch + 1:2d}: loss {total / len(x):.4f}")


@torch.no_grad()
def predict(model, images):
    model.eval()
    return model(torch.from_numpy(images)).argmax(dim=1).numpy()


def export_onnx(model, path):
    model.eval()
    kwargs = dict(
        input_names=["image"],
        output_names=["probabilities"],
        opset_version=13,
        # Keep BatchNormalization (and every other node) as the model
        # defines it: folding it is mote's job, and the demo should show it.
        do_constant_folding=False,
        # The model is in eval mode, so BatchNormalization is exported in its
        # inference form either way. PRESERVE (not EVAL) also skips the
        # exporter's eval-only peephole pass, which would fold each
        # BatchNormalization into the Conv before it.
        training=torch.onnx.TrainingMode.PRESERVE,
    )
    # Newer PyTorch defaults to the dynamo exporter; ask for the TorchScript
    # one explicitly where the option exists (older versions only have it).
    if "dynamo" in inspect.signature(torch.onnx.export).parameters:
        kwargs["dynamo"] = False
    torch.onnx.export(model, torch.zeros(1, 1, 8, 8), path, **kwargs)

    proto = onnx.load(path)
    onnx.checker.check_model(proto, full_check=True)
    op_types = [node.op_type for node in proto.graph.node]
    for required in ("Conv", "BatchNormalization", "Relu", "MaxPool", "Gemm",
                     "Softmax"):
        if required not in op_types:
            sys.exit(f"error: exported graph has no {required} node; "
                     f"ops are {sorted(set(op_types))}")
    print(f"wrote {os.path.relpath(path)} ({os.path.getsize(path)} bytes): "
          f"{len(op_types)} nodes: {' '.join(op_types)}")


def write_samples_header(path, images, labels, reference):
    """Writes the digits the C demo classifies, their labels and what the
    PyTorch model outputs for them (to check the compiled model against)."""
    count = len(labels)
    lines = [
        "/* Generated by examples/digits/train.py: held-out test digits from",
        " * scikit-learn's load_digits, scaled to [0, 1]. Do not edit. */",
        "#ifndef DIGITS_SAMPLES_H",
        "#define DIGITS_SAMPLES_H",
        "",
        f"#define DIGITS_SAMPLE_COUNT {count}",
        "",
        "static const float digits_sample_images[DIGITS_SAMPLE_COUNT][1][8][8] = {",
    ]
    for image in images:
        rows = []
        for row in image[0]:
            # Every pixel is k/16, so %.4f prints it exactly.
            rows.append("{" + ", ".join(f"{v:.4f}f" for v in row) + "}")
        lines.append("  {{" + ",\n     ".join(rows) + "}},")
    lines += [
        "};",
        "",
        "static const int digits_sample_labels[DIGITS_SAMPLE_COUNT] = {",
        "  " + ", ".join(str(int(label)) for label in labels),
        "};",
        "",
        "/* The PyTorch model's probabilities for each sample. */",
        "static const float digits_sample_reference[DIGITS_SAMPLE_COUNT][10] = {",
    ]
    for row in reference:
        # %.9g round-trips a float32 exactly.
        lines.append("  {" + ", ".join(f"{float(v):.9g}f" for v in row) + "},")
    lines += [
        "};",
        "",
        "#endif /* DIGITS_SAMPLES_H */",
        "",
    ]
    with open(path, "w") as f:
        f.write("\n".join(lines))
    print(f"wrote {os.path.relpath(path)} ({count} samples)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", default=HERE,
                        help="where to write digits_cnn.onnx and samples.h")
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--samples", type=int, default=40,
                        help="how many test digits to put in samples.h")
    args = parser.parse_args()

    torch.manual_seed(SEED)
    np.random.seed(SEED)
    torch.use_deterministic_algorithms(True)
    # One thread: multithreaded reductions may sum in a different order.
    torch.set_num_threads(1)

    x_train, x_test, y_train, y_test = load_data()
    net = DigitsCNN()
    train(net, x_train, y_train, args.epochs)

    test_accuracy = (predict(net, x_test) == y_test).mean()
    print(f"test accuracy: {test_accuracy * 100:.1f}% on {len(y_test)} digits")
    if test_accuracy < 0.95:
        sys.exit("error: test accuracy below 95%; not exporting")

    model = WithSoftmax(net)
    export_onnx(model, os.path.join(args.out_dir, "digits_cnn.onnx"))

    sample_images = x_test[:args.samples]
    sample_labels = y_test[:args.samples]
    model.eval()
    with torch.no_grad():
        reference = model(torch.from_numpy(sample_images)).numpy()
    write_samples_header(os.path.join(args.out_dir, "samples.h"),
                         sample_images, sample_labels, reference)
    correct = int((reference.argmax(axis=1) == sample_labels).sum())
    print(f"PyTorch accuracy on the samples: {correct}/{len(sample_labels)} "
          f"({100.0 * correct / len(sample_labels):.1f}%)")


if __name__ == "__main__":
    main()
