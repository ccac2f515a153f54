//===- Passes.td - mote code generation passes -------------*- tablegen -*-===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_CODEGEN_PASSES_TD
#define MOTE_CODEGEN_PASSES_TD

include "mlir/Pass/PassBase.td"

def MoteTileAndVectorize : Pass<"mote-tile-and-vectorize", "::mlir::ModuleOp"> {
  let summary = "Register-blocked vector kernels for convolutions and matmuls";
  let description = [{
    Runs on buffers, after arena planning and before
    `convert-linalg-to-loops`, and replaces the heavy linalg ops whose
    weights are constants with tiled loops around a register-blocked
    micro-kernel in the vector dialect:

    - `linalg.conv_2d_nchw_fchw` (any kernel size, stride and dilation;
      1x1 convolutions included) and
    - `linalg.matmul` with the default indexing maps whose right-hand side
      is a constant (fully connected layers, `Gemm`).

    The kernel keeps an accumulator block of `positions x vectors` SIMD
    registers: `positions` output pixels along the output width (or rows of
    the matmul) times `vectors` vectors of `vector-width` output channels
    (or matmul columns). Each step of the reduction over (input channel,
    kernel row, kernel column) loads the weight vectors once, broadcasts one
    input value per position and issues `positions x vectors` `vector.fma`.
    The accumulators are loop-carried values of the reduction loop, so they
    stay in registers; they are read from and written back to the output
    buffer once per block, which also keeps the bias the output was
    initialized with.

    Weights are re-packed at compile time, in C++ over the raw constant
    bytes, into the layout the kernel reads contiguously:
    `[channel blocks][reduction][kernel rows][kernel columns][block]`,
    with the last block zero-padded. The packed constant replaces the
    original one when nothing else uses it.

    The block shape comes from a small cost model
    (`chooseKernelBlocking`) over the layer's exact shape and the target's
    vector width and register count; output widths that the block does not
    divide get a second, smaller kernel instead of dynamic tiles. No buffer
    is added to the arena. With `vector-width` below 2 (targets without
    SIMD) the pass does nothing.
  }];
  let options = [
    Option<"vectorWidth", "vector-width", "unsigned", "0",
           "f32 lanes per SIMD register (0 or 1: no SIMD, pass disabled)">,
    Option<"vectorRegisters", "vector-registers", "unsigned", "16",
           "Number of architectural SIMD registers">,
    Option<"alignment", "alignment", "uint64_t", "64",
           "Byte alignment of the packed weight constants">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect"];
}

#endif // MOTE_CODEGEN_PASSES_TD
