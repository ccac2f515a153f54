//===- FusionUtils.h - helpers shared by mote's fusion passes ---*- C++ -*-===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Private to lib/Transforms: rebuilding a conv, gemm or matmul with new
// constants for its weights and per-output-channel bias.
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_LIB_TRANSFORMS_FUSIONUTILS_H
#define MOTE_LIB_TRANSFORMS_FUSIONUTILS_H

#include "mote/Dialect/Mote/IR/Mote.h"
#include "mote/Dialect/Mote/IR/MoteConstants.h"

#include "mlir/IR/PatternMatch.h"

namespace mote {
namespace detail {

/// True when `op` can absorb more work into its result: one user and no
/// activation applied yet (anything added after an activation would change
/// the result).
inline bool canAbsorbIntoResult(mlir::Operation *op, Activation activation) {
  return op->hasOneUse() && activation == Activation::none;
}

/// The addend of a gemm (`beta * c`) as a constant: a row vector [N] when it
/// is the same for every row, the full [M, N] matrix otherwise. Absent `c`
/// is zero. std::nullopt when `c` is not a float constant.
struct GemmAddend {
  llvm::SmallVector<int64_t> shape;
  llvm::SmallVector<float> values;
  /// The column (output channel) of each entry of `values`.
  int64_t column(size_t index) const { return index % shape.back(); }
};

inline std::optional<GemmAddend> getGemmAddend(GemmOp gemm) {
  llvm::ArrayRef<int64_t> outShape = gemm.getOutput().getType().getShape();
  int64_t rows = outShape[0], columns = outShape[1];
  GemmAddend addend;
  mlir::Value c = gemm.getC();
  if (!c) {
    addend.shape = {columns};
    addend.values.assign(columns, 0.0f);
    return addend;
  }
  std::optional<llvm::SmallVector<float>> values = getConstantFloats(c);
  if (!values)
    return std::nullopt;
  auto cType = llvm::cast<mlir::RankedTensorType>(c.getType());
  // Align c's shape at the trailing axes of [M, N].
  llvm::SmallVector<int64_t> cShape(cType.getShape());
  while (cShape.size() < 2)
    cShape.insert(cShape.begin(), 1);
  bool perRow = cShape[0] != 1;
  addend.shape = perRow ? llvm::SmallVector<int64_t>{rows, columns}
                        : llvm::SmallVector<int64_t>{columns};
  float beta = gemm.getBeta().convertToFloat();
  for (int64_t i = 0; i < (perRow ? rows : 1); ++i)
    for (int64_t j = 0; j < columns; ++j)
      addend.values.push_back(
          beta *
          (*values)[(perRow ? i : 0) * cShape[1] + (cShape[1] == 1 ? 0 : j)]);
  return addend;
}

/// Rebuilds `op` with new operands, keeping its attributes and result type.
template <typename OpTy>
OpTy rebuildWithOperands(mlir::PatternRewriter &rewriter, OpTy op,
                         mlir::ValueRange operands) {
  return OpTy::create(rewriter, op.getLoc(), op->getResultTypes(), operands,
                      op->getAttrs());
}

} // namespace detail
} // namespace mote

#endif // MOTE_LIB_TRANSFORMS_FUSIONUTILS_H
