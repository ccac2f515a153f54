//===- DepthwiseKernel.h - vector kernel for depthwise convolutions -------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_LIB_CODEGEN_DEPTHWISEKERNEL_H
#define MOTE_LIB_CODEGEN_DEPTHWISEKERNEL_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

namespace mote {

/// Replaces a buffer-level `linalg.depthwise_conv_2d_nchw_chw` by loops over
/// (batch, channel, output row) around a kernel vectorized along the output
/// width, `lanes` f32 per vector. Leaves the op alone (and fails) when its
/// operands are not static f32 memrefs with unit innermost stride.
mlir::LogicalResult
rewriteDepthwiseConvolution(mlir::linalg::DepthwiseConv2DNchwChwOp conv,
                            int64_t lanes, int64_t registers);

} // namespace mote

#endif // MOTE_LIB_CODEGEN_DEPTHWISEKERNEL_H
