//===- MoteConstants.h - reading and building constant tensors --*- C++ -*-===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Constant tensors in mote are `arith.constant`s holding either a
// DenseElementsAttr (small tensors, every integer tensor) or a
// DenseResourceElementsAttr (large weights, kept as a blob so that the IR
// stays small and the bytes are copied once). These helpers read and build
// them without callers caring which storage is used.
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_DIALECT_MOTE_IR_MOTECONSTANTS_H
#define MOTE_DIALECT_MOTE_IR_MOTECONSTANTS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace mote {

/// Constants with at least this many elements are built as resource blobs.
inline constexpr int64_t kResourceBlobMinElements = 256;

/// The elements attribute of a constant tensor value (DenseElementsAttr or
/// DenseResourceElementsAttr), or null when `value` is not produced by an
/// `arith.constant` of a ranked tensor.
mlir::ElementsAttr getConstantElements(mlir::Value value);

/// Every element of a float constant, converted to float (f16, bf16, f32 and
/// f64 are accepted). std::nullopt if the value is not a float constant, or
/// is a resource whose blob is not available (elided).
std::optional<llvm::SmallVector<float>> getConstantFloats(mlir::Value value);
std::optional<llvm::SmallVector<float>>
getElementsAsFloats(mlir::Attribute elements);

/// Every element of an integer constant, sign-extended to int64_t (i1 and
/// unsigned types zero-extend). std::nullopt if it is not an integer
/// constant or its blob is unavailable.
std::optional<llvm::SmallVector<int64_t>> getConstantInts(mlir::Value value);
std::optional<llvm::SmallVector<int64_t>>
getElementsAsInts(mlir::Attribute elements);

/// A float constant attribute of `type` (which must have a static shape and
/// a float element type, one value per element): a DenseResourceElementsAttr
/// for f32 tensors of at least kResourceBlobMinElements elements, named after
/// `blobNameHint` (made unique), a DenseElementsAttr otherwise.
mlir::ElementsAttr buildFloatElements(mlir::RankedTensorType type,
                                      llvm::ArrayRef<float> values,
                                      llvm::StringRef blobNameHint = "mote");

/// Creates an `arith.constant` holding buildFloatElements(type, values).
mlir::Value createFloatConstant(mlir::OpBuilder &builder, mlir::Location loc,
                                mlir::RankedTensorType type,
                                llvm::ArrayRef<float> values,
                                llvm::StringRef blobNameHint = "mote");

} // namespace mote

#endif // MOTE_DIALECT_MOTE_IR_MOTECONSTANTS_H
