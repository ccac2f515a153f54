//===- PoolingKernel.h - vector kernel for max and sum pooling ------------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_LIB_CODEGEN_POOLINGKERNEL_H
#define MOTE_LIB_CODEGEN_POOLINGKERNEL_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

namespace mote {

/// Replaces a buffer-level `linalg.pooling_nchw_max` or
/// `linalg.pooling_nchw_sum` by loops over (batch, channel, output row)
/// around a kernel vectorized along the output width, `lanes` f32 per
/// vector, with `registers` vector registers for its accumulators. Leaves
/// the op alone (and fails) for any other op, or when its operands are not
/// static f32 memrefs with unit innermost stride.
mlir::LogicalResult rewritePooling(mlir::linalg::LinalgOp pooling,
                                   int64_t lanes, int64_t registers);

} // namespace mote

#endif // MOTE_LIB_CODEGEN_POOLINGKERNEL_H
