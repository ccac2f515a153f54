//===- LoweringUtils.cpp - shared helpers of the mote lowering ------------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/IR/AttrTypeSubElements.h"

#include <cmath>

using namespace mlir;

namespace mote {
namespace lowering {

LogicalResult reportUnsupported(Operation *op, const Twine &message) {
  op->emitOpError() << "cannot be lowered to linalg: " << message;
  return failure();
}

std::string typeToString(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  type.print(os);
  return text;
}

bool isFloat(Type type) { return isa<FloatType>(type); }

bool isSignlessInt(Type type) {
  auto intType = dyn_cast<IntegerType>(type);
  return intType && intType.isSignless();
}

bool isUnsignedInt(Type type) {
  auto intType = dyn_cast<IntegerType>(type);
  return intType && intType.isUnsigned();
}

bool isIntegerNumber(Type type) {
  auto intType = dyn_cast<IntegerType>(type);
  return intType && !intType.isSigned() && intType.getWidth() != 1;
}

void eraseIntegerSignedness(Operation *op) {
  // Dense constants keep their bytes: only the element type is renamed.
  op->walk([](arith::ConstantOp constant) {
    auto dense = dyn_cast<DenseElementsAttr>(constant.getValue());
    if (!dense || !isUnsignedInt(dense.getElementType()))
      return;
    auto signless = IntegerType::get(
        constant.getContext(), dense.getElementType().getIntOrFloatBitWidth());
    DenseElementsAttr renamed = dense.bitcast(signless);
    constant.setValueAttr(cast<TypedAttr>(renamed));
    constant.getResult().setType(renamed.getType());
  });
  AttrTypeReplacer replacer;
  replacer.addReplacement([](IntegerType type) -> std::optional<Type> {
    if (type.isSignless())
      return std::nullopt;
    return IntegerType::get(type.getContext(), type.getWidth());
  });
  replacer.recursivelyReplaceElementsIn(op, /*replaceAttrs=*/true,
                                        /*replaceLocs=*/false,
                                        /*replaceTypes=*/true);
}

AffineMap getBroadcastMap(ArrayRef<int64_t> operandShape,
                          ArrayRef<int64_t> resultShape, MLIRContext *context) {
  int64_t offset = resultShape.size() - operandShape.size();
  SmallVector<AffineExpr> exprs;
  for (auto [i, size] : llvm::enumerate(operandShape)) {
    int64_t resultDim = offset + i;
    if (size == 1 && resultShape[resultDim] != 1)
      exprs.push_back(getAffineConstantExpr(0, context));
    else
      exprs.push_back(getAffineDimExpr(resultDim, context));
  }
  return AffineMap::get(resultShape.size(), 0, exprs, context);
}

Value createEmpty(OpBuilder &b, Location loc, RankedTensorType type) {
  return tensor::EmptyOp::create(b, loc, type.getShape(),
                                 type.getElementType());
}

Value createFilled(OpBuilder &b, Location loc, RankedTensorType type,
                   Value value) {
  Value empty = createEmpty(b, loc, type);
  return linalg::FillOp::create(b, loc, ValueRange{value}, ValueRange{empty})
      .getResult(0);
}

Value createScalar(OpBuilder &b, Location loc, Type type, double value) {
  if (auto floatType = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(b, loc, b.getFloatAttr(floatType, value));
  auto intType = cast<IntegerType>(type);
  if (intType.getWidth() == 1)
    return arith::ConstantOp::create(b, loc,
                                     b.getIntegerAttr(intType, value != 0));
  if (intType.isUnsigned()) {
    // Unsigned 64-bit values above INT64_MAX do not survive int64_t.
    double clamped = std::max(value, 0.0);
    uint64_t bits = clamped >= 0x1p64 ? UINT64_MAX
                                      : static_cast<uint64_t>(clamped);
    return arith::ConstantOp::create(
        b, loc,
        b.getIntegerAttr(intType, APInt(intType.getWidth(), bits,
                                        /*isSigned=*/false,
                                        /*implicitTrunc=*/true)));
  }
  return arith::ConstantOp::create(
      b, loc, b.getIntegerAttr(intType, static_cast<int64_t>(value)));
}

Value createLowest(OpBuilder &b, Location loc, Type type) {
  if (auto floatType = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(
        b, loc,
        b.getFloatAttr(floatType,
                       APFloat::getInf(floatType.getFloatSemantics(), true)));
  auto intType = cast<IntegerType>(type);
  APInt lowest = intType.getWidth() == 1 || intType.isUnsigned()
                     ? APInt::getZero(intType.getWidth())
                     : APInt::getSignedMinValue(intType.getWidth());
  return arith::ConstantOp::create(b, loc, b.getIntegerAttr(intType, lowest));
}

Value createHighest(OpBuilder &b, Location loc, Type type) {
  if (auto floatType = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(
        b, loc,
        b.getFloatAttr(floatType,
                       APFloat::getInf(floatType.getFloatSemantics(), false)));
  auto intType = cast<IntegerType>(type);
  APInt highest = intType.getWidth() == 1 || intType.isUnsigned()
                      ? APInt::getAllOnes(intType.getWidth())
                      : APInt::getSignedMaxValue(intType.getWidth());
  return arith::ConstantOp::create(b, loc, b.getIntegerAttr(intType, highest));
}

Value buildParallelGeneric(OpBuilder &b, Location loc,
                           RankedTensorType resultType, ValueRange inputs,
                           ArrayRef<AffineMap> inputMaps, ScalarFn body) {
  int64_t rank = resultType.getRank();
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(b.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, TypeRange{resultType}, inputs,
             ValueRange{createEmpty(b, loc, resultType)}, maps, iterators,
             [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
               linalg::YieldOp::create(
                   nested, nestedLoc,
                   body(nested, nestedLoc, args.drop_back()));
             })
      .getResult(0);
}

Value buildElementwise(OpBuilder &b, Location loc, RankedTensorType resultType,
                       ValueRange inputs, ScalarFn body) {
  SmallVector<AffineMap> maps;
  for (Value input : inputs)
    maps.push_back(getBroadcastMap(
        cast<RankedTensorType>(input.getType()).getShape(),
        resultType.getShape(), b.getContext()));
  return buildParallelGeneric(b, loc, resultType, inputs, maps, body);
}

Value createMax(OpBuilder &b, Location loc, Value lhs, Value rhs) {
  Type type = lhs.getType();
  if (isFloat(type))
    return arith::MaximumFOp::create(b, loc, lhs, rhs);
  if (type.isInteger(1))
    return arith::OrIOp::create(b, loc, lhs, rhs);
  if (isUnsignedInt(type))
    return arith::MaxUIOp::create(b, loc, lhs, rhs);
  return arith::MaxSIOp::create(b, loc, lhs, rhs);
}

Value createMin(OpBuilder &b, Location loc, Value lhs, Value rhs) {
  Type type = lhs.getType();
  if (isFloat(type))
    return arith::MinimumFOp::create(b, loc, lhs, rhs);
  if (type.isInteger(1))
    return arith::AndIOp::create(b, loc, lhs, rhs);
  if (isUnsignedInt(type))
    return arith::MinUIOp::create(b, loc, lhs, rhs);
  return arith::MinSIOp::create(b, loc, lhs, rhs);
}

Value createSigmoid(OpBuilder &b, Location loc, Value x) {
  Type type = x.getType();
  Value one = createScalar(b, loc, type, 1.0);
  Value negated = arith::NegFOp::create(b, loc, x);
  Value exp = math::ExpOp::create(b, loc, negated);
  Value denominator = arith::AddFOp::create(b, loc, one, exp);
  return arith::DivFOp::create(b, loc, one, denominator);
}

Value createHardSigmoid(OpBuilder &b, Location loc, Value x, double alpha,
                        double beta) {
  Type type = x.getType();
  Value scaled =
      arith::MulFOp::create(b, loc, x, createScalar(b, loc, type, alpha));
  Value shifted =
      arith::AddFOp::create(b, loc, scaled, createScalar(b, loc, type, beta));
  Value lower = arith::MaximumFOp::create(b, loc, shifted,
                                          createScalar(b, loc, type, 0.0));
  return arith::MinimumFOp::create(b, loc, lower,
                                   createScalar(b, loc, type, 1.0));
}

LogicalResult checkActivation(Operation *op, Activation activation,
                              ArrayRef<float> params, Type elementType) {
  size_t expectedParams = 0;
  switch (activation) {
  case Activation::none:
    return success();
  case Activation::relu:
    break;
  case Activation::clip:
  case Activation::hard_sigmoid:
    expectedParams = 2;
    break;
  case Activation::leaky_relu:
    expectedParams = 1;
    break;
  case Activation::sigmoid:
  case Activation::hard_swish:
  case Activation::tanh:
    break;
  }
  if (params.size() != expectedParams)
    return reportUnsupported(
        op, "fused activation '" + stringifyActivation(activation) +
                "' expects " + Twine(expectedParams) +
                " activation_params, got " + Twine(params.size()));
  bool intFriendly =
      activation == Activation::relu || activation == Activation::clip;
  if (!isFloat(elementType) && !(intFriendly && isIntegerNumber(elementType)))
    return reportUnsupported(
        op, "fused activation '" + stringifyActivation(activation) +
                "' needs a floating-point result element type");
  return success();
}

Value applyActivationScalar(OpBuilder &b, Location loc, Value x,
                            Activation activation, ArrayRef<float> params) {
  Type type = x.getType();
  switch (activation) {
  case Activation::none:
    return x;
  case Activation::relu:
    return createMax(b, loc, x, createScalar(b, loc, type, 0.0));
  case Activation::clip:
    return createMin(
        b, loc, createMax(b, loc, x, createScalar(b, loc, type, params[0])),
        createScalar(b, loc, type, params[1]));
  case Activation::leaky_relu: {
    Value zero = createScalar(b, loc, type, 0.0);
    Value isNegative =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x, zero);
    Value scaled =
        arith::MulFOp::create(b, loc, x, createScalar(b, loc, type, params[0]));
    return arith::SelectOp::create(b, loc, isNegative, scaled, x);
  }
  case Activation::sigmoid:
    return createSigmoid(b, loc, x);
  case Activation::hard_sigmoid:
    return createHardSigmoid(b, loc, x, params[0], params[1]);
  case Activation::hard_swish:
    return arith::MulFOp::create(b, loc, x,
                                 createHardSigmoid(b, loc, x, 1.0 / 6.0, 0.5));
  case Activation::tanh:
    return math::TanhOp::create(b, loc, x);
  }
  llvm_unreachable("unknown activation");
}

Value applyActivation(OpBuilder &b, Location loc, Value tensor,
                      Activation activation, ArrayRef<float> params) {
  if (activation == Activation::none)
    return tensor;
  auto type = cast<RankedTensorType>(tensor.getType());
  return buildElementwise(
      b, loc, type, tensor, [&](OpBuilder &nb, Location nl, ValueRange args) {
        return applyActivationScalar(nb, nl, args[0], activation, params);
      });
}

Value padOrCrop(OpBuilder &b, Location loc, Value source, ArrayRef<int64_t> low,
                ArrayRef<int64_t> high, Value padValue) {
  auto type = cast<RankedTensorType>(source.getType());
  int64_t rank = type.getRank();
  bool crops = false, pads = false;
  for (int64_t i = 0; i < rank; ++i) {
    crops |= low[i] < 0 || high[i] < 0;
    pads |= low[i] > 0 || high[i] > 0;
  }
  if (crops) {
    SmallVector<OpFoldResult> offsets, sizes, strides;
    for (int64_t i = 0; i < rank; ++i) {
      int64_t cropLow = std::max<int64_t>(0, -low[i]);
      int64_t cropHigh = std::max<int64_t>(0, -high[i]);
      offsets.push_back(b.getIndexAttr(cropLow));
      sizes.push_back(b.getIndexAttr(type.getDimSize(i) - cropLow - cropHigh));
      strides.push_back(b.getIndexAttr(1));
    }
    source =
        tensor::ExtractSliceOp::create(b, loc, source, offsets, sizes, strides);
    type = cast<RankedTensorType>(source.getType());
  }
  if (!pads)
    return source;
  SmallVector<OpFoldResult> lowAmounts, highAmounts;
  SmallVector<int64_t> paddedShape;
  for (int64_t i = 0; i < rank; ++i) {
    int64_t padLow = std::max<int64_t>(0, low[i]);
    int64_t padHigh = std::max<int64_t>(0, high[i]);
    lowAmounts.push_back(b.getIndexAttr(padLow));
    highAmounts.push_back(b.getIndexAttr(padHigh));
    paddedShape.push_back(type.getDimSize(i) + padLow + padHigh);
  }
  auto paddedType = RankedTensorType::get(paddedShape, type.getElementType());
  return tensor::PadOp::create(b, loc, paddedType, source, lowAmounts,
                               highAmounts, padValue);
}

Value reshapeTo(OpBuilder &b, Location loc, Value source,
                RankedTensorType resultType) {
  auto sourceType = cast<RankedTensorType>(source.getType());
  if (sourceType == resultType)
    return source;
  if (sourceType.getRank() > resultType.getRank()) {
    if (auto reassociation =
            getReassociationIndicesForReshape(sourceType, resultType))
      return tensor::CollapseShapeOp::create(b, loc, resultType, source,
                                             *reassociation);
  } else if (sourceType.getRank() < resultType.getRank()) {
    if (auto reassociation =
            getReassociationIndicesForReshape(sourceType, resultType))
      return tensor::ExpandShapeOp::create(b, loc, resultType, source,
                                           *reassociation);
  }
  // No single reassociation relates the shapes: go through 1-d, which
  // always works for static shapes and stays a view after bufferization.
  auto flatType = RankedTensorType::get({sourceType.getNumElements()},
                                        sourceType.getElementType());
  Value flat = source;
  if (sourceType.getRank() != 1) {
    ReassociationIndices all;
    for (int64_t i = 0; i < sourceType.getRank(); ++i)
      all.push_back(i);
    flat = tensor::CollapseShapeOp::create(b, loc, flatType, source,
                                           ArrayRef<ReassociationIndices>{all});
  }
  if (resultType.getRank() == 1)
    return flat;
  ReassociationIndices all;
  for (int64_t i = 0; i < resultType.getRank(); ++i)
    all.push_back(i);
  return tensor::ExpandShapeOp::create(b, loc, resultType, flat,
                                       ArrayRef<ReassociationIndices>{all});
}

/// The reassociation that maps `rank` dimensions onto `rank + 1` by
/// grouping the unit dimension at `position` with a neighbour.
static SmallVector<ReassociationIndices>
getUnitDimReassociation(int64_t rank, int64_t position) {
  SmallVector<ReassociationIndices> groups;
  for (int64_t i = 0; i < rank; ++i) {
    int64_t expanded = i < position ? i : i + 1;
    groups.push_back({expanded});
  }
  if (rank == 0)
    return groups;
  // The unit dimension joins the group of the dimension after it, or the
  // last group when it is appended at the end.
  if (position < rank)
    groups[position].insert(groups[position].begin(), position);
  else
    groups[rank - 1].push_back(position);
  return groups;
}

Value insertUnitDim(OpBuilder &b, Location loc, Value source,
                    int64_t position) {
  auto type = cast<RankedTensorType>(source.getType());
  SmallVector<int64_t> shape(type.getShape());
  shape.insert(shape.begin() + position, 1);
  auto resultType = RankedTensorType::get(shape, type.getElementType());
  return tensor::ExpandShapeOp::create(
      b, loc, resultType, source,
      getUnitDimReassociation(type.getRank(), position));
}

Value dropUnitDim(OpBuilder &b, Location loc, Value source, int64_t position) {
  auto type = cast<RankedTensorType>(source.getType());
  SmallVector<int64_t> shape(type.getShape());
  shape.erase(shape.begin() + position);
  auto resultType = RankedTensorType::get(shape, type.getElementType());
  return tensor::CollapseShapeOp::create(
      b, loc, resultType, source,
      getUnitDimReassociation(resultType.getRank(), position));
}

} // namespace lowering
} // namespace mote

SmallVector<int64_t> mote::lowering::getMatmulBatchShape(ArrayRef<int64_t> aShape,
                                                         ArrayRef<int64_t> bShape) {
  ArrayRef<int64_t> aBatch = aShape.drop_back(2), bBatch = bShape.drop_back(2);
  int64_t numBatch = std::max(aBatch.size(), bBatch.size());
  SmallVector<int64_t> batchShape(numBatch, 1);
  for (int64_t i = 0; i < numBatch; ++i) {
    int64_t ai = i - (numBatch - (int64_t)aBatch.size());
    int64_t bi = i - (numBatch - (int64_t)bBatch.size());
    batchShape[i] =
        std::max(ai >= 0 ? aBatch[ai] : 1, bi >= 0 ? bBatch[bi] : 1);
  }
  return batchShape;
}

/// The indexing map of one batched matmul operand of shape
/// [batch..., r0, r1] inside the iteration space (batch..., m, n, k):
/// batch dimensions broadcast like numpy, the last two read `rows`/`cols`.
static AffineMap getBatchedOperandMap(ArrayRef<int64_t> shape,
                                      ArrayRef<int64_t> batchShape,
                                      AffineExpr rows, AffineExpr cols,
                                      MLIRContext *context) {
  int64_t numDims = batchShape.size() + 3;
  AffineMap batchMap =
      mote::lowering::getBroadcastMap(shape.drop_back(2), batchShape, context);
  SmallVector<AffineExpr> exprs(batchMap.getResults());
  exprs.push_back(rows);
  exprs.push_back(cols);
  return AffineMap::get(numDims, 0, exprs, context);
}

Value mote::lowering::buildBatchedContraction(
    OpBuilder &b, Location loc, Value lhs, Value rhs, Value init,
    ArrayRef<int64_t> batchShape,
    function_ref<Value(OpBuilder &, Location, Value, Value, Value)>
        multiplyAdd) {
  MLIRContext *context = b.getContext();
  int64_t numBatch = batchShape.size();
  AffineExpr m = getAffineDimExpr(numBatch, context);
  AffineExpr n = getAffineDimExpr(numBatch + 1, context);
  AffineExpr k = getAffineDimExpr(numBatch + 2, context);
  auto lhsShape = cast<RankedTensorType>(lhs.getType()).getShape();
  auto rhsShape = cast<RankedTensorType>(rhs.getType()).getShape();
  SmallVector<AffineMap> maps = {
      getBatchedOperandMap(lhsShape, batchShape, m, k, context),
      getBatchedOperandMap(rhsShape, batchShape, k, n, context),
      AffineMap::getMultiDimIdentityMap(numBatch + 3, context)
          .getSubMap(llvm::to_vector(llvm::seq<unsigned>(0, numBatch + 2)))};
  SmallVector<utils::IteratorType> iterators(numBatch + 2,
                                             utils::IteratorType::parallel);
  iterators.push_back(utils::IteratorType::reduction);
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, ValueRange{lhs, rhs},
             ValueRange{init}, maps, iterators,
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               linalg::YieldOp::create(
                   nb, nl, multiplyAdd(nb, nl, args[0], args[1], args[2]));
             })
      .getResult(0);
}
