//===- DataMovementToLinalg.cpp - data movement ops to linalg/tensor ------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// reshape → tensor.collapse_shape / expand_shape; transpose →
// linalg.transpose; concat → tensor.insert_slice into tensor.empty; slice →
// tensor.extract_slice (positive steps) or a generic with a reversed
// indexing map (negative steps); gather → a generic with tensor.extract;
// broadcast_to → a broadcasting generic; pad → tensor.pad (constant) or a
// generic computing reflected / clamped source indices; shape → a constant.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mote;
using namespace mote::lowering;

namespace {

/// An all-parallel generic over `resultType` whose body computes each
/// element from the scalars of `inputs` (read through `inputMaps`) and the
/// iteration indices, typically to tensor.extract from a computed position.
static Value buildIndexed(
    OpBuilder &b, Location loc, RankedTensorType resultType, ValueRange inputs,
    ArrayRef<AffineMap> inputMaps,
    function_ref<Value(OpBuilder &, Location, ValueRange, ArrayRef<Value>)>
        body) {
  return buildParallelGeneric(
      b, loc, resultType, inputs, inputMaps,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        SmallVector<Value> indices;
        for (int64_t i = 0; i < resultType.getRank(); ++i)
          indices.push_back(linalg::IndexOp::create(nb, nl, i));
        return body(nb, nl, args, indices);
      });
}

struct ReshapeOpLowering : public OpConversionPattern<ReshapeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ReshapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
    if (!resultType.hasStaticShape() || !inputType.hasStaticShape() ||
        resultType.getNumElements() != inputType.getNumElements())
      return reportUnsupported(op, "reshape needs static shapes with the same "
                                   "element count");
    rewriter.replaceOp(
        op, reshapeTo(rewriter, op.getLoc(), adaptor.getInput(), resultType));
    return success();
  }
};

struct TransposeOpLowering : public OpConversionPattern<TransposeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(TransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    Value init = createEmpty(rewriter, op.getLoc(), resultType);
    rewriter.replaceOp(op, linalg::TransposeOp::create(rewriter, op.getLoc(),
                                                       adaptor.getInput(), init,
                                                       op.getPerm())
                               .getResult()[0]);
    return success();
  }
};

struct ConcatOpLowering : public OpConversionPattern<ConcatOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConcatOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    int64_t axis = op.getAxis();
    int64_t rank = resultType.getRank();
    if (axis < 0 || axis >= rank)
      return reportUnsupported(op, "axis " + Twine(axis) + " is out of range");
    Value result = createEmpty(rewriter, loc, resultType);
    int64_t offset = 0;
    for (Value input : adaptor.getInputs()) {
      auto type = cast<RankedTensorType>(input.getType());
      SmallVector<OpFoldResult> offsets(rank, rewriter.getIndexAttr(0));
      SmallVector<OpFoldResult> sizes, strides(rank, rewriter.getIndexAttr(1));
      for (int64_t i = 0; i < rank; ++i)
        sizes.push_back(rewriter.getIndexAttr(type.getDimSize(i)));
      offsets[axis] = rewriter.getIndexAttr(offset);
      offset += type.getDimSize(axis);
      if (type.getDimSize(axis) == 0)
        continue;
      result = tensor::InsertSliceOp::create(rewriter, loc, input, result,
                                             offsets, sizes, strides);
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct SliceOpLowering : public OpConversionPattern<SliceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    auto resultType = cast<RankedTensorType>(op.getType());
    int64_t rank = resultType.getRank();
    ArrayRef<int64_t> starts = op.getStarts(), steps = op.getSteps();
    if ((int64_t)starts.size() != rank || (int64_t)steps.size() != rank ||
        llvm::is_contained(steps, 0))
      return reportUnsupported(op, "starts/steps need one nonzero entry per "
                                   "axis");
    if (resultType.getNumElements() == 0) {
      rewriter.replaceOp(op, createEmpty(rewriter, loc, resultType));
      return success();
    }
    if (llvm::all_of(steps, [](int64_t s) { return s > 0; })) {
      SmallVector<OpFoldResult> offsets, sizes, strides;
      for (int64_t i = 0; i < rank; ++i) {
        offsets.push_back(rewriter.getIndexAttr(starts[i]));
        sizes.push_back(rewriter.getIndexAttr(resultType.getDimSize(i)));
        strides.push_back(rewriter.getIndexAttr(steps[i]));
      }
      rewriter.replaceOp(op, tensor::ExtractSliceOp::create(
                                 rewriter, loc, resultType, adaptor.getInput(),
                                 offsets, sizes, strides));
      return success();
    }
    // Any step: result index d reads input index start + d * step, an affine
    // map (with a negative coefficient for reversed axes).
    SmallVector<AffineExpr> exprs;
    for (int64_t i = 0; i < rank; ++i)
      exprs.push_back(getAffineConstantExpr(starts[i], context) +
                      getAffineDimExpr(i, context) * steps[i]);
    AffineMap read = AffineMap::get(rank, 0, exprs, context);
    SmallVector<AffineMap> maps = {read, rewriter.getMultiDimIdentityMap(rank)};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType}, adaptor.getInput(),
        ValueRange{createEmpty(rewriter, loc, resultType)}, maps, iterators,
        [](OpBuilder &b, Location nl, ValueRange args) {
          linalg::YieldOp::create(b, nl, args[0]);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

struct GatherOpLowering : public OpConversionPattern<GatherOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(GatherOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    auto resultType = cast<RankedTensorType>(op.getType());
    Value data = adaptor.getData(), indices = adaptor.getIndices();
    auto dataType = cast<RankedTensorType>(data.getType());
    auto indicesType = cast<RankedTensorType>(indices.getType());
    if (!isSignlessInt(indicesType.getElementType()) ||
        indicesType.getElementType().isInteger(1))
      return reportUnsupported(op, "indices must be a signless integer "
                                   "tensor (i32 or i64)");
    int64_t axis = op.getAxis();
    if (axis < 0 || axis >= dataType.getRank())
      return reportUnsupported(op, "axis " + Twine(axis) + " is out of range");
    int64_t indexRank = indicesType.getRank();
    int64_t axisSize = dataType.getDimSize(axis);
    if (axisSize == 0)
      return reportUnsupported(op, "cannot gather from an empty axis");
    // The result iterates over data[:axis] + indices + data[axis+1:].
    SmallVector<AffineExpr> indexExprs;
    for (int64_t i = 0; i < indexRank; ++i)
      indexExprs.push_back(getAffineDimExpr(axis + i, context));
    AffineMap indexMap =
        AffineMap::get(resultType.getRank(), 0, indexExprs, context);
    Value result = buildIndexed(
        rewriter, loc, resultType, indices, {indexMap},
        [&](OpBuilder &b, Location nl, ValueRange args,
            ArrayRef<Value> ivs) -> Value {
          // Negative indices count from the end; anything still out of range
          // is clamped so the access stays in bounds.
          Value index =
              arith::IndexCastOp::create(b, nl, b.getIndexType(), args[0]);
          Value zero = arith::ConstantIndexOp::create(b, nl, 0);
          Value size = arith::ConstantIndexOp::create(b, nl, axisSize);
          Value isNegative = arith::CmpIOp::create(
              b, nl, arith::CmpIPredicate::slt, index, zero);
          Value wrapped = arith::AddIOp::create(b, nl, index, size);
          index = arith::SelectOp::create(b, nl, isNegative, wrapped, index);
          index = arith::MaxSIOp::create(b, nl, index, zero);
          index = arith::MinSIOp::create(
              b, nl, index,
              arith::ConstantIndexOp::create(b, nl, axisSize - 1));
          SmallVector<Value> coords;
          for (int64_t i = 0; i < axis; ++i)
            coords.push_back(ivs[i]);
          coords.push_back(index);
          for (int64_t i = axis + 1; i < dataType.getRank(); ++i)
            coords.push_back(ivs[i - 1 + indexRank]);
          return tensor::ExtractOp::create(b, nl, data, coords);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// Normalizes a gather index: negative values count from the end, anything
/// still out of range is clamped so that the access stays in bounds.
static Value clampGatherIndex(OpBuilder &b, Location loc, Value rawIndex,
                              int64_t axisSize) {
  Value index = arith::IndexCastOp::create(b, loc, b.getIndexType(), rawIndex);
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value size = arith::ConstantIndexOp::create(b, loc, axisSize);
  Value isNegative =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, index, zero);
  Value wrapped = arith::AddIOp::create(b, loc, index, size);
  index = arith::SelectOp::create(b, loc, isNegative, wrapped, index);
  index = arith::MaxSIOp::create(b, loc, index, zero);
  return arith::MinSIOp::create(
      b, loc, index, arith::ConstantIndexOp::create(b, loc, axisSize - 1));
}

/// gather_elements iterates over the indices' shape and reads data at the
/// same position, except along `axis` where the index tensor says where.
struct GatherElementsOpLowering
    : public OpConversionPattern<GatherElementsOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(GatherElementsOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Value data = adaptor.getData(), indices = adaptor.getIndices();
    auto dataType = cast<RankedTensorType>(data.getType());
    auto indicesType = cast<RankedTensorType>(indices.getType());
    if (!isSignlessInt(indicesType.getElementType()) ||
        indicesType.getElementType().isInteger(1))
      return reportUnsupported(op, "indices must be a signless integer "
                                   "tensor (i32 or i64)");
    int64_t axis = op.getAxis();
    if (axis < 0 || axis >= dataType.getRank() ||
        indicesType.getRank() != dataType.getRank())
      return reportUnsupported(op, "axis or index rank is out of range");
    int64_t axisSize = dataType.getDimSize(axis);
    if (axisSize == 0)
      return reportUnsupported(op, "cannot gather from an empty axis");
    Value result = buildIndexed(
        rewriter, loc, resultType, indices,
        {rewriter.getMultiDimIdentityMap(resultType.getRank())},
        [&](OpBuilder &b, Location nl, ValueRange args,
            ArrayRef<Value> ivs) -> Value {
          SmallVector<Value> coords(ivs);
          coords[axis] = clampGatherIndex(b, nl, args[0], axisSize);
          return tensor::ExtractOp::create(b, nl, data, coords);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct BroadcastToOpLowering : public OpConversionPattern<BroadcastToOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(BroadcastToOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    Value result = buildElementwise(
        rewriter, op.getLoc(), resultType, adaptor.getInput(),
        [](OpBuilder &, Location, ValueRange args) { return args[0]; });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct PadOpLowering : public OpConversionPattern<PadOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(PadOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto inputType = cast<RankedTensorType>(input.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elementType = inputType.getElementType();
    int64_t rank = inputType.getRank();
    ArrayRef<int64_t> pads = op.getPads();
    if ((int64_t)pads.size() != 2 * rank)
      return reportUnsupported(op, "pads needs two entries per axis");
    if (!isFloat(elementType) && !isSignlessInt(elementType))
      return reportUnsupported(op, "element type " + typeToString(elementType) +
                                       " is not supported");
    SmallVector<int64_t> low(pads.take_front(rank)),
        high(pads.drop_front(rank));

    if (op.getMode() == PadMode::constant) {
      Value value = createScalar(rewriter, loc, elementType,
                                 op.getValue().convertToDouble());
      rewriter.replaceOp(op, padOrCrop(rewriter, loc, input, low, high, value));
      return success();
    }

    // Crop first, then fill the border from the cropped input.
    SmallVector<int64_t> cropLow, cropHigh;
    for (int64_t i = 0; i < rank; ++i) {
      cropLow.push_back(std::min<int64_t>(0, low[i]));
      cropHigh.push_back(std::min<int64_t>(0, high[i]));
      low[i] = std::max<int64_t>(0, low[i]);
    }
    Value source = padOrCrop(rewriter, loc, input, cropLow, cropHigh, Value());
    auto sourceType = cast<RankedTensorType>(source.getType());
    bool reflect = op.getMode() == PadMode::reflect;
    for (int64_t i = 0; i < rank; ++i) {
      int64_t size = sourceType.getDimSize(i);
      if (size == 0 && resultType.getDimSize(i) != 0)
        return reportUnsupported(op, "cannot pad an empty axis in reflect or "
                                     "edge mode");
      if (reflect && resultType.getDimSize(i) != size &&
          (low[i] > size - 1 || std::max<int64_t>(0, high[i]) > size - 1))
        return reportUnsupported(op, "reflect padding of axis " + Twine(i) +
                                         " by more than " + Twine(size - 1) +
                                         " (its size - 1) is not supported");
    }
    Value result = buildIndexed(
        rewriter, loc, resultType, ValueRange{}, {},
        [&](OpBuilder &b, Location nl, ValueRange, ArrayRef<Value> ivs) {
          SmallVector<Value> coords;
          for (int64_t i = 0; i < rank; ++i) {
            int64_t size = sourceType.getDimSize(i);
            if (low[i] == 0 && resultType.getDimSize(i) == size) {
              coords.push_back(ivs[i]);
              continue;
            }
            Value zero = arith::ConstantIndexOp::create(b, nl, 0);
            Value last = arith::ConstantIndexOp::create(b, nl, size - 1);
            Value position = arith::SubIOp::create(
                b, nl, ivs[i], arith::ConstantIndexOp::create(b, nl, low[i]));
            if (reflect) {
              // -p before the start, 2 * (size - 1) - p after the end.
              Value mirroredLow = arith::SubIOp::create(b, nl, zero, position);
              Value isLow = arith::CmpIOp::create(
                  b, nl, arith::CmpIPredicate::slt, position, zero);
              position =
                  arith::SelectOp::create(b, nl, isLow, mirroredLow, position);
              Value twiceLast =
                  arith::ConstantIndexOp::create(b, nl, 2 * (size - 1));
              Value mirroredHigh =
                  arith::SubIOp::create(b, nl, twiceLast, position);
              Value isHigh = arith::CmpIOp::create(
                  b, nl, arith::CmpIPredicate::sgt, position, last);
              position = arith::SelectOp::create(b, nl, isHigh, mirroredHigh,
                                                 position);
            }
            // Edge mode clamps; for reflect it only guards the bounds.
            position = arith::MaxSIOp::create(b, nl, position, zero);
            position = arith::MinSIOp::create(b, nl, position, last);
            coords.push_back(position);
          }
          return tensor::ExtractOp::create(b, nl, source, coords);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct ShapeOpLowering : public OpConversionPattern<ShapeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ShapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
    if (!inputType.hasStaticShape() || !resultType.hasStaticShape() ||
        resultType.getNumElements() != inputType.getRank() ||
        !isSignlessInt(resultType.getElementType()))
      return reportUnsupported(op, "needs a static input shape and a 1-d "
                                   "integer result with one entry per axis");
    SmallVector<APInt> dims;
    unsigned width = resultType.getElementType().getIntOrFloatBitWidth();
    for (int64_t size : inputType.getShape())
      dims.push_back(APInt(width, size));
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        op, DenseElementsAttr::get(resultType, dims));
    return success();
  }
};

} // namespace

void mote::lowering::populateDataMovementPatterns(RewritePatternSet &patterns) {
  patterns.add<ReshapeOpLowering, TransposeOpLowering, ConcatOpLowering,
               SliceOpLowering, GatherOpLowering, GatherElementsOpLowering,
               BroadcastToOpLowering,
               PadOpLowering, ShapeOpLowering>(patterns.getContext());
}
