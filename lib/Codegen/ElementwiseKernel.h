//===- ElementwiseKernel.h - vector loops for elementwise/reduction generics ===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_LIB_CODEGEN_ELEMENTWISEKERNEL_H
#define MOTE_LIB_CODEGEN_ELEMENTWISEKERNEL_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

namespace mote {

/// Replaces a buffer-level `linalg.generic` whose innermost loops run along
/// contiguous memory (activations, broadcast scales, global pooling, dot
/// products) by scalar outer loops around a loop of `lanes`-wide vectors.
/// Body values that do not depend on the innermost loops (e.g. the
/// squeeze-excite gate of one channel) are computed once outside it. Fails,
/// leaving the op alone, for anything else: dynamic shapes, transposed or
/// strided innermost accesses, `linalg.index`, several outputs, math
/// without a vector expansion, reductions that are not a plain
/// add/mul/max/min into the output.
mlir::LogicalResult vectorizeGenericOnBuffers(mlir::linalg::GenericOp generic,
                                              int64_t lanes);

} // namespace mote

#endif // MOTE_LIB_CODEGEN_ELEMENTWISEKERNEL_H
