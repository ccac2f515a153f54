//===- LoweringUtils.h - shared helpers of the mote lowering ----*- C++ -*-===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Helpers shared by the MoteToLinalg patterns: broadcasting indexing maps,
// elementwise linalg.generic construction, scalar constants, fused
// activations, padding and cropping, and the per-family pattern populators.
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_LIB_CONVERSION_MOTETOLINALG_LOWERINGUTILS_H
#define MOTE_LIB_CONVERSION_MOTETOLINALG_LOWERINGUTILS_H

#include "mote/Dialect/Mote/IR/Mote.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Builders.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mote {
namespace lowering {

/// Body of an elementwise linalg.generic: receives one scalar per input and
/// returns the scalar to yield.
using ScalarFn = llvm::function_ref<mlir::Value(
    mlir::OpBuilder &, mlir::Location, mlir::ValueRange)>;

/// Reports that `op` cannot be lowered, as an error at the op's location (the
/// ONNX node name), and returns failure so that the conversion stops.
mlir::LogicalResult reportUnsupported(mlir::Operation *op,
                                      const llvm::Twine &message);

/// The textual form of `type`, for diagnostics.
std::string typeToString(mlir::Type type);

/// True for f16/bf16/f32/f64.
bool isFloat(mlir::Type type);
/// True for signless integers of any width, including i1.
bool isSignlessInt(mlir::Type type);
/// True for unsigned integers (`ui8` ... `ui64`, from ONNX UINT8..UINT64).
bool isUnsignedInt(mlir::Type type);
/// True for integers that hold numbers: signless or unsigned, but not i1
/// (bool).
bool isIntegerNumber(mlir::Type type);

/// Replaces every unsigned integer type in `op` (result and block argument
/// types, the function type, constant attributes) by the signless integer
/// of the same width. The mote ops keep ONNX's signedness (`ui8`) so that
/// the patterns can pick unsigned arith ops (divui, maxui, cmpi ult, uitofp,
/// ...) from the types of the values they see; arith, linalg and the LLVM
/// lowering only take signless integers, so the pass erases signedness once
/// every mote op is lowered. Bit patterns are unchanged.
void eraseIntegerSignedness(mlir::Operation *op);

/// The indexing map that reads an operand of shape `operandShape` while
/// iterating over `resultShape`, with numpy broadcasting: trailing dimensions
/// align, and a size-1 operand dimension that meets a larger result dimension
/// reads index 0. No broadcast tensor is materialized.
mlir::AffineMap getBroadcastMap(llvm::ArrayRef<int64_t> operandShape,
                                llvm::ArrayRef<int64_t> resultShape,
                                mlir::MLIRContext *context);

/// An empty tensor of `type` (the init operand of a linalg op).
mlir::Value createEmpty(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::RankedTensorType type);

/// A tensor of `type` filled with `value` (linalg.fill on tensor.empty).
mlir::Value createFilled(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::RankedTensorType type, mlir::Value value);

/// A scalar constant of `type` (float or integer) holding `value`; integer
/// values are truncated toward zero.
mlir::Value createScalar(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::Type type, double value);

/// The lowest value of `type` (-inf for floats, the signed minimum for
/// integers, 0 for unsigned integers, false for i1): the identity of max.
mlir::Value createLowest(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::Type type);
/// The highest value of `type` (+inf, the signed or unsigned maximum, true):
/// the identity of min.
mlir::Value createHighest(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Type type);

/// An all-parallel linalg.generic over `resultType` (a fresh tensor.empty as
/// its init) reading `inputs` through `inputMaps`; `body` computes each
/// element from the inputs' scalars. The builders below are all this one
/// with their own maps.
mlir::Value buildParallelGeneric(mlir::OpBuilder &b, mlir::Location loc,
                                 mlir::RankedTensorType resultType,
                                 mlir::ValueRange inputs,
                                 llvm::ArrayRef<mlir::AffineMap> inputMaps,
                                 ScalarFn body);

/// An all-parallel linalg.generic over `resultType` whose inputs broadcast to
/// the result shape following numpy's rules; `body` computes each element.
mlir::Value buildElementwise(mlir::OpBuilder &b, mlir::Location loc,
                             mlir::RankedTensorType resultType,
                             mlir::ValueRange inputs, ScalarFn body);

/// Scalar max/min that propagate NaN for floats (ONNX semantics) and compare
/// signed for signless integers, unsigned for unsigned integers and i1.
mlir::Value createMax(mlir::OpBuilder &b, mlir::Location loc, mlir::Value lhs,
                      mlir::Value rhs);
mlir::Value createMin(mlir::OpBuilder &b, mlir::Location loc, mlir::Value lhs,
                      mlir::Value rhs);

/// Scalar `1 / (1 + exp(-x))`.
mlir::Value createSigmoid(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Value x);
/// Scalar `max(0, min(1, alpha * x + beta))`.
mlir::Value createHardSigmoid(mlir::OpBuilder &b, mlir::Location loc,
                              mlir::Value x, double alpha, double beta);

/// Checks that `activation` with `params` can be applied to elements of
/// `elementType`; reports on `op` otherwise.
mlir::LogicalResult checkActivation(mlir::Operation *op, Activation activation,
                                    llvm::ArrayRef<float> params,
                                    mlir::Type elementType);

/// Applies a fused activation to one scalar (checked by checkActivation).
mlir::Value applyActivationScalar(mlir::OpBuilder &b, mlir::Location loc,
                                  mlir::Value x, Activation activation,
                                  llvm::ArrayRef<float> params);

/// Applies a fused activation to every element of `tensor`; returns `tensor`
/// itself for Activation::none.
mlir::Value applyActivation(mlir::OpBuilder &b, mlir::Location loc,
                            mlir::Value tensor, Activation activation,
                            llvm::ArrayRef<float> params);

/// Pads `source` by `low`/`high` per dimension with the scalar `padValue`;
/// negative amounts crop instead (tensor.extract_slice), positive ones pad
/// (tensor.pad). Returns `source` when every amount is zero.
mlir::Value padOrCrop(mlir::OpBuilder &b, mlir::Location loc,
                      mlir::Value source, llvm::ArrayRef<int64_t> low,
                      llvm::ArrayRef<int64_t> high, mlir::Value padValue);

/// Reshapes `source` to `resultType` (same element count) with
/// tensor.collapse_shape / tensor.expand_shape: directly when one
/// reassociation fits, otherwise through a 1-d tensor.
mlir::Value reshapeTo(mlir::OpBuilder &b, mlir::Location loc,
                      mlir::Value source, mlir::RankedTensorType resultType);

/// Inserts a unit dimension at `position` (tensor.expand_shape).
mlir::Value insertUnitDim(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Value source, int64_t position);
/// Removes the unit dimension at `position` (tensor.collapse_shape).
mlir::Value dropUnitDim(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::Value source, int64_t position);

/// The numpy-broadcast batch shape of matmul operands of shapes
/// [batchA..., M, K] and [batchB..., K, N].
llvm::SmallVector<int64_t> getMatmulBatchShape(llvm::ArrayRef<int64_t> aShape,
                                               llvm::ArrayRef<int64_t> bShape);

/// A contraction linalg.generic over (batch..., m, n, k) that accumulates
/// `a` [batch..., M, K] times `b` [batch..., K, N] into `init`
/// [batchShape..., M, N], reading the operands through numpy-broadcasting
/// maps; `multiplyAdd(lhs, rhs, acc)` builds the body. Returns the result.
mlir::Value buildBatchedContraction(
    mlir::OpBuilder &b, mlir::Location loc, mlir::Value lhs, mlir::Value rhs,
    mlir::Value init, llvm::ArrayRef<int64_t> batchShape,
    llvm::function_ref<mlir::Value(mlir::OpBuilder &, mlir::Location,
                                   mlir::Value, mlir::Value, mlir::Value)>
        multiplyAdd);

/// The per-family pattern populators (one source file each).
void populateElementwisePatterns(mlir::RewritePatternSet &patterns);
void populateConvPatterns(mlir::RewritePatternSet &patterns);
void populateMatmulPatterns(mlir::RewritePatternSet &patterns);
void populatePoolingPatterns(mlir::RewritePatternSet &patterns);
void populateReductionPatterns(mlir::RewritePatternSet &patterns);
void populateDataMovementPatterns(mlir::RewritePatternSet &patterns);
void populateResizePatterns(mlir::RewritePatternSet &patterns);
void populateQuantizePatterns(mlir::RewritePatternSet &patterns);
void populateIndexingPatterns(mlir::RewritePatternSet &patterns);

} // namespace lowering
} // namespace mote

#endif // MOTE_LIB_CONVERSION_MOTETOLINALG_LOWERINGUTILS_H
