//===- IndexArithmetic.h - index constants and offsets for the kernels ----===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The kernels compute many addresses as `loop variable * constant + constant`.
// These helpers skip the identity cases (+0, *1) so the emitted IR carries no
// ops the canonicalizer would only have to remove again.
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_LIB_CODEGEN_INDEXARITHMETIC_H
#define MOTE_LIB_CODEGEN_INDEXARITHMETIC_H

#include "mlir/Dialect/Arith/IR/Arith.h"

namespace mote::codegen {

inline mlir::Value constantIndex(mlir::OpBuilder &b, mlir::Location loc,
                                 int64_t value) {
  return mlir::arith::ConstantIndexOp::create(b, loc, value);
}

/// `lhs + rhs`; `lhs` itself when `rhs` is 0.
inline mlir::Value addIndex(mlir::OpBuilder &b, mlir::Location loc,
                            mlir::Value lhs, int64_t rhs) {
  if (rhs == 0)
    return lhs;
  return mlir::arith::AddIOp::create(b, loc, lhs, constantIndex(b, loc, rhs));
}

/// `lhs * rhs`; `lhs` itself when `rhs` is 1.
inline mlir::Value mulIndex(mlir::OpBuilder &b, mlir::Location loc,
                            mlir::Value lhs, int64_t rhs) {
  if (rhs == 1)
    return lhs;
  return mlir::arith::MulIOp::create(b, loc, lhs, constantIndex(b, loc, rhs));
}

} // namespace mote::codegen

#endif // MOTE_LIB_CODEGEN_INDEXARITHMETIC_H
