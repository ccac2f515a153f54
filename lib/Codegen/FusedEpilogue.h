//===- FusedEpilogue.h - elementwise consumers folded into kernel stores --===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// After bufferization a convolution or matmul is usually followed by an
// elementwise linalg.generic over its output buffer (ReLU, Clip, HardSwish,
// the residual Add). The kernels of mote-tile-and-vectorize hold each output
// block in registers before storing it; applying the generic's body there
// saves one full pass over the output.
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_LIB_CODEGEN_FUSEDEPILOGUE_H
#define MOTE_LIB_CODEGEN_FUSEDEPILOGUE_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace mote {

/// An elementwise `linalg.generic` applied to a kernel's accumulators in
/// registers, the kernel storing the generic's result instead of its own.
struct FusedEpilogue {
  mlir::linalg::GenericOp generic;
  /// Per input of the generic: the buffer read at the element being stored,
  /// or a null value where the input is the kernel's output (that operand
  /// becomes the accumulator itself).
  llvm::SmallVector<mlir::Value> inputs;
  /// The generic's output buffer, which the kernel stores into.
  mlir::Value output;
};

/// The elementwise generic that can be folded into the store of `kernel`,
/// which writes `kernelOutput` and reads `kernelInputs` (besides constants
/// and the output itself): the first op after `kernel` with memory effects,
/// when it is a `linalg.generic` with parallel iterators and identity maps
/// over buffers of the output's shape, reads `kernelOutput`, has a body of
/// elementwise arith/math ops on f32, and moving its writes into the kernel
/// is safe under the arena plan (see the implementation). The kernel must
/// then be emitted at the generic's position and the generic erased.
/// `singleBlock` says the kernel is one accumulator block (one output row,
/// one channel block, one position block: a small GEMV), so it finishes
/// reading its input and output before its first store.
std::optional<FusedEpilogue>
findFusableEpilogue(mlir::Operation *kernel, mlir::Value kernelOutput,
                    mlir::ArrayRef<mlir::Value> kernelInputs,
                    bool singleBlock);

/// The op that writes a kernel's initial output: a `linalg.generic` that
/// broadcasts a constant bias along the channel dimension into the whole
/// output, right before the kernel (only ops without memory effects in
/// between). The kernel then starts its accumulators from `bias` and the
/// generic is erased.
struct BiasPrologue {
  mlir::linalg::GenericOp generic;
  /// The 1-D constant bias, indexed by channel.
  mlir::Value bias;
};

/// The bias broadcast into `kernelOutput` right before `kernel`, whose
/// `channelDim` holds the channels; std::nullopt when there is none.
std::optional<BiasPrologue> findBiasPrologue(mlir::Operation *kernel,
                                             mlir::Value kernelOutput,
                                             unsigned channelDim);

/// Whether `buffer`'s dimension `dim` has a static unit stride, so
/// consecutive elements along it move with one vector load or store.
bool hasUnitStride(mlir::Value buffer, unsigned dim);

/// Emits `generic`'s body on vectors: `inputVectors[j]` holds the j-th
/// input's elements; scalar values from outside the body are broadcast.
/// Returns the vector the body yields.
mlir::Value emitEpilogueBody(mlir::OpBuilder &b, mlir::Location loc,
                             mlir::linalg::GenericOp generic,
                             mlir::ArrayRef<mlir::Value> inputVectors);

} // namespace mote

#endif // MOTE_LIB_CODEGEN_FUSEDEPILOGUE_H
