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
    `[channel blocks][kernel rows][reduction][kernel columns][block]`,
    with the last block zero-padded. The packed constant replaces the
    original one when nothing else uses it. The kernel-row loop is the
    outer reduction loop and the input-channel loop the inner one, so the
    hot loop is the long one.

    Cache blocking: a convolution whose packed weights exceed
    `weight-cache-bytes` loops over channel blocks outside its output rows,
    so one block's weights stay in the core's cache for every row instead
    of the whole filter streaming through it once per row.

    Few output channels and long rows: a stride-1 convolution may instead
    be vectorized along the output row (the row kernel), a block being
    several channels times several row vectors, with one broadcast weight
    per channel and whole-vector (masked at the row's end) loads and stores
    of the NCHW rows. The cost model picks it when it models clearly fewer
    cycles than the channel kernel: with one channel vector the channel
    kernel is bound by loads at half the FMA rate.

    The block shape comes from a small cost model
    (`chooseKernelBlocking`) over the layer's exact shape and the target's
    vector width and register count; output widths that the block does not
    divide get a second, smaller kernel instead of dynamic tiles. No buffer
    is added to the arena. With `vector-width` below 2 (targets without
    SIMD) the pass does nothing.

    `linalg.matmul` also matches with the right-hand side read transposed
    (`[n, k]`, from `Gemm` with `transB = 1`): packing absorbs the
    transpose.

    Fused epilogues (`fuse-epilogues`, on by default): when the first op
    with memory effects after the kernel is an elementwise `linalg.generic`
    (parallel iterators, identity maps, buffers of the output's shape, a
    body of arith/math ops) that reads the kernel's output, its body is
    applied to the accumulator vectors in registers, its other inputs (a
    residual) are read at the stored elements, the result is stored into
    its output buffer, and the generic is erased: one pass over the output
    instead of two. It is done only when the planned byte ranges prove the
    earlier writes safe: the generic's output is disjoint from the kernel's
    input and either identical to or disjoint from the kernel's output and
    the generic's other inputs, and nothing after the generic (nor the
    caller) reads the kernel's output when it is not written in place.
    Likewise, the `linalg.generic` right before the kernel that broadcasts
    a constant bias over the whole output is erased and the accumulators
    start from bias vectors instead of the output's contents.

    Depthwise convolutions are vectorized along the output width, in blocks
    of several vectors and several output rows; so are max and sum pooling
    windows (`linalg.pooling_nchw_max`/`_sum`), which reduce each input row
    of a block once and share it between the output rows it serves. Every `linalg.generic` the
    kernels leave (activations, broadcast scales, global pooling, dot
    products) becomes a vector loop along its innermost loops when every
    operand walks them contiguously or not at all: trailing loops merge,
    values that depend only on non-walking operands are computed once
    outside the vector loop, and add/mul/max/min reductions carry vector
    accumulators (docs/Codegen.md).
  }];
  let options = [
    Option<"vectorWidth", "vector-width", "unsigned", "0",
           "f32 lanes per SIMD register (0 or 1: no SIMD, pass disabled)">,
    Option<"vectorRegisters", "vector-registers", "unsigned", "16",
           "Number of architectural SIMD registers">,
    Option<"alignment", "alignment", "uint64_t", "64",
           "Byte alignment of the packed weight constants">,
    Option<"weightCacheBytes", "weight-cache-bytes", "int64_t", "524288",
           "Packed convolution weights larger than this many bytes are "
           "walked one channel block at a time outside the output rows "
           "(default: half of a 1 MiB per-core L2)">,
    Option<"rowKernel", "row-kernel", "bool", "true",
           "Let the cost model vectorize stride-1 convolutions along the "
           "output row instead of the output channels where that models "
           "faster (false: always the channel kernel)">,
    Option<"fuseEpilogues", "fuse-epilogues", "bool", "true",
           "Fold the constant bias broadcast before a kernel into its "
           "accumulators' initial values, and the elementwise "
           "linalg.generic that consumes its output into its store">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect"];
}

#endif // MOTE_CODEGEN_PASSES_TD
