//===- Passes.td - mote conversion passes ------------------*- tablegen -*-===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_CONVERSION_PASSES_TD
#define MOTE_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertMoteToLinalg : Pass<"convert-mote-to-linalg", "mlir::func::FuncOp"> {
  let summary = "Lower mote ops to linalg, tensor, arith and math on tensors";
  let description = [{
    Rewrites every `mote` op into upstream ops on statically shaped tensors:
    `linalg` named ops where one exists (convolutions, matmuls, pooling,
    transposes, reductions) and `linalg.generic` otherwise (elementwise ops
    with numpy broadcasting through indexing maps, index arithmetic for
    resize, reflect padding, negative-step slices, gathers), `tensor` ops for
    padding, slicing, concatenation and reshapes, `arith` for scalar
    arithmetic and `math` for transcendental functions (expanded later into
    polynomial approximations, so no libm is needed).

    The result is ready for tiling, vectorization and one-shot
    bufferization. Every mote op is illegal afterwards: an op or an element
    type the lowering does not support is reported at the op's location
    (which carries the ONNX node name) and the pass fails.
  }];
  let dependentDialects = [
    "mlir::arith::ArithDialect",
    "mlir::linalg::LinalgDialect",
    "mlir::math::MathDialect",
    "mlir::scf::SCFDialect",
    "mlir::tensor::TensorDialect"
  ];
}

#endif // MOTE_CONVERSION_PASSES_TD
