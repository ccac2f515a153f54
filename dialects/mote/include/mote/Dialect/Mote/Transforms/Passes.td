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
    A `mote.batch_norm` whose input is a `mote.conv` (or `mote.gemm` /
    2-d `mote.matmul`) with constant weights and no other user becomes
    part of that op: the weights are scaled per output channel and the
    bias shifted, computed once at compile time.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

def MoteFuseActivation : Pass<"mote-fuse-activation", "::mlir::func::FuncOp"> {
  let summary = "Fuses bias adds and activations into conv, gemm and matmul";
  let description = [{
    Folds an `add` of a per-output-channel constant into the bias of the
    producing `mote.conv`, `mote.gemm` or `mote.matmul`, then an activation
    (`relu`, `clip`, `leaky_relu`, `sigmoid`, `hard_sigmoid`, `hard_swish`,
    `tanh`) into its `activation` attribute, when the producer has no other
    user.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

#endif // MOTE_DIALECT_MOTE_TRANSFORMS_PASSES_TD
