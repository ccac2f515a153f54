//===- Passes.td - mote graph rewrites ---------------------*- tablegen -*-===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_DIALECT_MOTE_TRANSFORMS_PASSES_TD
#define MOTE_DIALECT_MOTE_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def MoteFoldBatchNorm : Pass<"mote-fold-batchnorm", "::mlir::func::FuncOp"> {
  let summary = "Folds inference-mode batch normalization into conv and gemm";
  let description = [{
    A `mote.batch_norm` whose input is a `mote.conv` (any group count), a
    `mote.gemm` (with or without `trans_b`) or a 2-d `mote.matmul` with
    constant weights, a constant or absent bias, no fused activation and no
    other user becomes part of that op. With
    `factor = scale / sqrt(var + epsilon)` and
    `shift = bias - mean * factor`, the weights of output channel c are
    scaled by `factor[c]` and its bias `b[c]` becomes
    `b[c] * factor[c] + shift[c]`, computed once at compile time. For gemm,
    `beta * c` becomes the new `c` and `beta` becomes 1. New weights of 256
    elements or more are stored as resource blobs. Batch norms whose
    statistics are not constant, or whose producer is anything else, stay.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

def MoteFuseActivation : Pass<"mote-fuse-activation", "::mlir::func::FuncOp"> {
  let summary = "Fuses bias adds and activations into conv, gemm and matmul";
  let description = [{
    Two rewrites on `mote.conv`, `mote.gemm` and `mote.matmul` results whose
    producer has one user and no fused activation yet:

    - `add` of a float constant that is uniform within each output channel
      (every axis of size 1 except the channel axis, which is 1 or the
      channel count: `[1, M, 1, 1]`, `[M, 1, 1]` or a scalar for conv,
      `[N]` or `[1, N]` for the last axis of gemm and matmul) is added to the
      producer's bias, creating one if needed (gemm: `beta * c + constant`
      becomes `c`, `beta` becomes 1; matmul needs a `b` of rank >= 2);
    - `relu`, `clip`, `leaky_relu`, `sigmoid`, `hard_sigmoid`, `hard_swish`
      or `tanh` of the result becomes the producer's `activation` and
      `activation_params`.

    Bias adds fuse first, so `conv -> add -> relu` becomes one conv.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

#endif // MOTE_DIALECT_MOTE_TRANSFORMS_PASSES_TD
