//===- ReductionToLinalg.cpp - reductions and normalizations to linalg ----===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// reduce_* become linalg.reduce (plus tensor.expand_shape for keepdims);
// softmax and log_softmax the numerically stable max / exp / sum sequence;
// batch_norm and layer_norm elementwise generics around reductions.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mote;
using namespace mote::lowering;

namespace {

enum class ReductionKind { sum, prod, max, min };

/// The identity of a reduction kind for `type`.
static Value createReductionInit(OpBuilder &b, Location loc, ReductionKind kind,
                                 Type type) {
  switch (kind) {
  case ReductionKind::sum:
    return createScalar(b, loc, type, 0.0);
  case ReductionKind::prod:
    return createScalar(b, loc, type, 1.0);
  case ReductionKind::max:
    return createLowest(b, loc, type);
  case ReductionKind::min:
    return createHighest(b, loc, type);
  }
  llvm_unreachable("unknown reduction");
}

/// Combines an element into a running reduction.
static Value combine(OpBuilder &b, Location loc, ReductionKind kind,
                     Value element, Value acc) {
  switch (kind) {
  case ReductionKind::sum:
    if (isFloat(acc.getType()))
      return arith::AddFOp::create(b, loc, element, acc);
    return arith::AddIOp::create(b, loc, element, acc);
  case ReductionKind::prod:
    if (isFloat(acc.getType()))
      return arith::MulFOp::create(b, loc, element, acc);
    return arith::MulIOp::create(b, loc, element, acc);
  case ReductionKind::max:
    return createMax(b, loc, element, acc);
  case ReductionKind::min:
    return createMin(b, loc, element, acc);
  }
  llvm_unreachable("unknown reduction");
}

/// Reduces `input` over the sorted `axes` with linalg.reduce; the reduced
/// axes disappear from the result.
static Value buildReduce(OpBuilder &b, Location loc, Value input,
                         ArrayRef<int64_t> axes, ReductionKind kind) {
  auto type = cast<RankedTensorType>(input.getType());
  SmallVector<int64_t> shape;
  for (int64_t i = 0; i < type.getRank(); ++i)
    if (!llvm::is_contained(axes, i))
      shape.push_back(type.getDimSize(i));
  auto resultType = RankedTensorType::get(shape, type.getElementType());
  Value init =
      createFilled(b, loc, resultType,
                   createReductionInit(b, loc, kind, type.getElementType()));
  return linalg::ReduceOp::create(
             b, loc, ValueRange{input}, ValueRange{init}, axes,
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               linalg::YieldOp::create(nb, nl,
                                       combine(nb, nl, kind, args[0], args[1]));
             })
      .getResult(0);
}

template <typename OpTy>
struct ReduceOpLowering : public OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using OpAdaptor = typename OpTy::Adaptor;

  LogicalResult
  matchAndRewrite(OpTy op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto inputType = cast<RankedTensorType>(input.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elementType = inputType.getElementType();
    bool isMean = isa<ReduceMeanOp>(op);
    if (!isFloat(elementType) && !isIntegerNumber(elementType))
      return reportUnsupported(op, "element type " + typeToString(elementType) +
                                       " is not supported");
    ArrayRef<int64_t> axes = op.getAxes();
    for (int64_t axis : axes)
      if (axis < 0 || axis >= inputType.getRank())
        return reportUnsupported(op,
                                 "axis " + Twine(axis) + " is out of range");
    if (axes.empty()) {
      rewriter.replaceOp(op, reshapeTo(rewriter, loc, input, resultType));
      return success();
    }
    ReductionKind kind = isa<ReduceMaxOp>(op)   ? ReductionKind::max
                         : isa<ReduceMinOp>(op)  ? ReductionKind::min
                         : isa<ReduceProdOp>(op) ? ReductionKind::prod
                                                 : ReductionKind::sum;
    Value result = buildReduce(rewriter, loc, input, axes, kind);
    if (isMean) {
      int64_t count = 1;
      for (int64_t axis : axes)
        count *= inputType.getDimSize(axis);
      auto reducedType = cast<RankedTensorType>(result.getType());
      result = buildElementwise(
          rewriter, loc, reducedType, result,
          [&](OpBuilder &b, Location nl, ValueRange args) -> Value {
            Value divisor = createScalar(b, nl, elementType, (double)count);
            if (isFloat(elementType))
              return arith::DivFOp::create(b, nl, args[0], divisor);
            if (isUnsignedInt(elementType))
              return arith::DivUIOp::create(b, nl, args[0], divisor);
            return arith::DivSIOp::create(b, nl, args[0], divisor);
          });
    }
    // keepdims: the result type has the reduced axes as unit dimensions,
    // which one tensor.expand_shape restores.
    rewriter.replaceOp(op, reshapeTo(rewriter, loc, result, resultType));
    return success();
  }
};

/// arg_max / arg_min: one linalg.generic that reduces over `axis` into two
/// accumulators, the best value so far and its index.
template <typename OpTy>
struct ArgReduceOpLowering : public OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using OpAdaptor = typename OpTy::Adaptor;

  LogicalResult
  matchAndRewrite(OpTy op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    Value input = adaptor.getInput();
    auto inputType = cast<RankedTensorType>(input.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elementType = inputType.getElementType();
    if (!isFloat(elementType) && !isIntegerNumber(elementType))
      return reportUnsupported(op, "element type " + typeToString(elementType) +
                                       " is not supported");
    int64_t rank = inputType.getRank();
    int64_t axis = op.getAxis();
    bool isMax = isa<ArgMaxOp>(op);
    bool lastIndex = op.getSelectLastIndex();

    SmallVector<int64_t> reducedShape;
    SmallVector<AffineExpr> reducedExprs;
    for (int64_t d = 0; d < rank; ++d) {
      if (d == axis)
        continue;
      reducedShape.push_back(inputType.getDimSize(d));
      reducedExprs.push_back(getAffineDimExpr(d, context));
    }
    Type indexType = resultType.getElementType();
    auto valuesType = RankedTensorType::get(reducedShape, elementType);
    auto indicesType = RankedTensorType::get(reducedShape, indexType);
    // The running best starts at the identity of the comparison, so the
    // first element always replaces it (index 0 if none ever does).
    Value valuesInit = createFilled(
        rewriter, loc, valuesType,
        isMax ? createLowest(rewriter, loc, elementType)
              : createHighest(rewriter, loc, elementType));
    Value indicesInit = createFilled(rewriter, loc, indicesType,
                                     createScalar(rewriter, loc, indexType, 0));
    AffineMap reducedMap = AffineMap::get(rank, 0, reducedExprs, context);
    SmallVector<AffineMap> maps = {rewriter.getMultiDimIdentityMap(rank),
                                   reducedMap, reducedMap};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    iterators[axis] = utils::IteratorType::reduction;
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{valuesType, indicesType}, ValueRange{input},
        ValueRange{valuesInit, indicesInit}, maps, iterators,
        [&](OpBuilder &b, Location nl, ValueRange args) {
          Value x = args[0], best = args[1], bestIndex = args[2];
          Value better;
          if (isFloat(elementType)) {
            // Strict comparison keeps the first of equal values; with
            // select_last_index ties move to the later element.
            arith::CmpFPredicate predicate =
                isMax ? (lastIndex ? arith::CmpFPredicate::OGE
                                   : arith::CmpFPredicate::OGT)
                      : (lastIndex ? arith::CmpFPredicate::OLE
                                   : arith::CmpFPredicate::OLT);
            better = arith::CmpFOp::create(b, nl, predicate, x, best);
          } else {
            bool isUnsigned = isUnsignedInt(elementType);
            arith::CmpIPredicate predicate =
                isMax ? (lastIndex ? (isUnsigned ? arith::CmpIPredicate::uge
                                                 : arith::CmpIPredicate::sge)
                                   : (isUnsigned ? arith::CmpIPredicate::ugt
                                                 : arith::CmpIPredicate::sgt))
                      : (lastIndex ? (isUnsigned ? arith::CmpIPredicate::ule
                                                 : arith::CmpIPredicate::sle)
                                   : (isUnsigned ? arith::CmpIPredicate::ult
                                                 : arith::CmpIPredicate::slt));

            better = arith::CmpIOp::create(b, nl, predicate, x, best);
          }
          Value position = arith::IndexCastOp::create(
              b, nl, indexType, linalg::IndexOp::create(b, nl, axis));
          linalg::YieldOp::create(
              b, nl,
              ValueRange{arith::SelectOp::create(b, nl, better, x, best),
                         arith::SelectOp::create(b, nl, better, position,
                                                 bestIndex)});
        });
    rewriter.replaceOp(
        op, reshapeTo(rewriter, loc, generic.getResult(1), resultType));
    return success();
  }
};

/// The map that reads a tensor reduced over `axis` from the iteration space
/// of the full `rank`-d tensor.
static AffineMap getReducedMap(int64_t rank, int64_t axis,
                               MLIRContext *context) {
  SmallVector<AffineExpr> exprs;
  for (int64_t i = 0; i < rank; ++i)
    if (i != axis)
      exprs.push_back(getAffineDimExpr(i, context));
  return AffineMap::get(rank, 0, exprs, context);
}

/// An all-parallel generic over `resultType` whose inputs are read through
/// explicit `inputMaps`.
static Value buildMapped(OpBuilder &b, Location loc,
                         RankedTensorType resultType, ValueRange inputs,
                         ArrayRef<AffineMap> inputMaps, ScalarFn body) {
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(b.getMultiDimIdentityMap(resultType.getRank()));
  SmallVector<utils::IteratorType> iterators(resultType.getRank(),
                                             utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, TypeRange{resultType}, inputs,
             ValueRange{createEmpty(b, loc, resultType)}, maps, iterators,
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               linalg::YieldOp::create(nb, nl, body(nb, nl, args.drop_back()));
             })
      .getResult(0);
}

template <typename OpTy>
struct SoftmaxOpLowering : public OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using OpAdaptor = typename OpTy::Adaptor;

  LogicalResult
  matchAndRewrite(OpTy op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    Value input = adaptor.getInput();
    auto type = cast<RankedTensorType>(input.getType());
    Type elementType = type.getElementType();
    if (!isFloat(elementType))
      return reportUnsupported(op, "needs a floating-point element type, "
                                   "got " +
                                       typeToString(elementType));
    int64_t rank = type.getRank();
    int64_t axis = op.getAxis();
    if (axis < 0 || axis >= rank)
      return reportUnsupported(op, "axis " + Twine(axis) + " is out of range");
    bool isLog = isa<LogSoftmaxOp>(op);
    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
    AffineMap reduced = getReducedMap(rank, axis, context);

    // max, then sum(exp(x - max)).
    Value max = buildReduce(rewriter, loc, input, {axis}, ReductionKind::max);
    Value exps = buildMapped(
        rewriter, loc, type, ValueRange{input, max}, {identity, reduced},
        [](OpBuilder &b, Location nl, ValueRange args) -> Value {
          return math::ExpOp::create(
              b, nl, arith::SubFOp::create(b, nl, args[0], args[1]));
        });
    Value sum = buildReduce(rewriter, loc, exps, {axis}, ReductionKind::sum);
    Value result;
    if (isLog) {
      // x - max - log(sum)
      result = buildMapped(
          rewriter, loc, type, ValueRange{input, max, sum},
          {identity, reduced, reduced},
          [](OpBuilder &b, Location nl, ValueRange args) -> Value {
            Value shifted = arith::SubFOp::create(b, nl, args[0], args[1]);
            return arith::SubFOp::create(b, nl, shifted,
                                         math::LogOp::create(b, nl, args[2]));
          });
    } else {
      result = buildMapped(
          rewriter, loc, type, ValueRange{exps, sum}, {identity, reduced},
          [](OpBuilder &b, Location nl, ValueRange args) -> Value {
            return arith::DivFOp::create(b, nl, args[0], args[1]);
          });
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct BatchNormOpLowering : public OpConversionPattern<BatchNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(BatchNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    auto type = cast<RankedTensorType>(op.getType());
    Type elementType = type.getElementType();
    if (!isFloat(elementType))
      return reportUnsupported(op, "needs a floating-point element type");
    int64_t rank = type.getRank();
    if (rank < 2)
      return reportUnsupported(op,
                               "the input needs a channel axis (rank >= 2)");
    for (Value param : {adaptor.getScale(), adaptor.getBias(),
                        adaptor.getMean(), adaptor.getVar()})
      if (cast<RankedTensorType>(param.getType()).getRank() != 1)
        return reportUnsupported(op, "scale, bias, mean and var must be 1-d");
    double epsilon = op.getEpsilon().convertToDouble();
    AffineMap channel =
        AffineMap::get(rank, 0, getAffineDimExpr(1, context), context);
    Value result = buildMapped(
        rewriter, loc, type,
        ValueRange{adaptor.getInput(), adaptor.getScale(), adaptor.getBias(),
                   adaptor.getMean(), adaptor.getVar()},
        {rewriter.getMultiDimIdentityMap(rank), channel, channel, channel,
         channel},
        [&](OpBuilder &b, Location nl, ValueRange args) -> Value {
          // scale * (x - mean) / sqrt(var + epsilon) + bias
          Value centered = arith::SubFOp::create(b, nl, args[0], args[3]);
          Value variance = arith::AddFOp::create(
              b, nl, args[4], createScalar(b, nl, elementType, epsilon));
          Value normalized = arith::DivFOp::create(
              b, nl, centered, math::SqrtOp::create(b, nl, variance));
          return arith::AddFOp::create(
              b, nl, arith::MulFOp::create(b, nl, normalized, args[1]),
              args[2]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct LayerNormOpLowering : public OpConversionPattern<LayerNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(LayerNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    Value input = adaptor.getInput();
    auto type = cast<RankedTensorType>(op.getType());
    Type elementType = type.getElementType();
    if (!isFloat(elementType))
      return reportUnsupported(op, "needs a floating-point element type");
    int64_t rank = type.getRank();
    int64_t axis = op.getAxis();
    if (axis < 0)
      axis += rank;
    if (axis < 0 || axis >= rank)
      return reportUnsupported(op, "axis " + Twine(op.getAxis()) +
                                       " is out of range");
    SmallVector<int64_t> axes;
    int64_t count = 1;
    for (int64_t i = axis; i < rank; ++i) {
      axes.push_back(i);
      count *= type.getDimSize(i);
    }
    SmallVector<AffineExpr> outerExprs;
    for (int64_t i = 0; i < axis; ++i)
      outerExprs.push_back(getAffineDimExpr(i, context));
    AffineMap outer = AffineMap::get(rank, 0, outerExprs, context);
    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
    auto scalarOf = [&](OpBuilder &b, Location nl, double v) {
      return createScalar(b, nl, elementType, v);
    };

    // mean = sum(x) / n; var = sum((x - mean)^2) / n.
    Value sum = buildReduce(rewriter, loc, input, axes, ReductionKind::sum);
    auto statType = cast<RankedTensorType>(sum.getType());
    Value mean = buildElementwise(
        rewriter, loc, statType, sum,
        [&](OpBuilder &b, Location nl, ValueRange args) -> Value {
          return arith::DivFOp::create(b, nl, args[0],
                                       scalarOf(b, nl, (double)count));
        });
    Value squares = buildMapped(
        rewriter, loc, type, ValueRange{input, mean}, {identity, outer},
        [](OpBuilder &b, Location nl, ValueRange args) -> Value {
          Value centered = arith::SubFOp::create(b, nl, args[0], args[1]);
          return arith::MulFOp::create(b, nl, centered, centered);
        });
    Value squareSum =
        buildReduce(rewriter, loc, squares, axes, ReductionKind::sum);
    double epsilon = op.getEpsilon().convertToDouble();
    // 1 / sqrt(var + epsilon), once per normalized group.
    Value invStdDev = buildElementwise(
        rewriter, loc, statType, squareSum,
        [&](OpBuilder &b, Location nl, ValueRange args) -> Value {
          Value variance = arith::DivFOp::create(
              b, nl, args[0], scalarOf(b, nl, (double)count));
          Value shifted =
              arith::AddFOp::create(b, nl, variance, scalarOf(b, nl, epsilon));
          return arith::DivFOp::create(b, nl, scalarOf(b, nl, 1.0),
                                       math::SqrtOp::create(b, nl, shifted));
        });

    // (x - mean) * invStdDev * scale + bias, scale/bias broadcast numpy-style.
    SmallVector<Value> inputs = {input, mean, invStdDev, adaptor.getScale()};
    SmallVector<AffineMap> maps = {
        identity, outer, outer,
        getBroadcastMap(
            cast<RankedTensorType>(adaptor.getScale().getType()).getShape(),
            type.getShape(), context)};
    Value bias = adaptor.getBias();
    if (bias) {
      inputs.push_back(bias);
      maps.push_back(
          getBroadcastMap(cast<RankedTensorType>(bias.getType()).getShape(),
                          type.getShape(), context));
    }
    Value result = buildMapped(
        rewriter, loc, type, inputs, maps,
        [&](OpBuilder &b, Location nl, ValueRange args) -> Value {
          Value centered = arith::SubFOp::create(b, nl, args[0], args[1]);
          Value normalized = arith::MulFOp::create(b, nl, centered, args[2]);
          Value scaled = arith::MulFOp::create(b, nl, normalized, args[3]);
          if (args.size() > 4)
            return arith::AddFOp::create(b, nl, scaled, args[4]);
          return scaled;
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mote::lowering::populateReductionPatterns(RewritePatternSet &patterns) {
  MLIRContext *context = patterns.getContext();
  patterns.add<ArgReduceOpLowering<ArgMaxOp>, ArgReduceOpLowering<ArgMinOp>,
               ReduceOpLowering<ReduceProdOp>>(context);
  patterns.add<ReduceOpLowering<ReduceSumOp>, ReduceOpLowering<ReduceMeanOp>,
               ReduceOpLowering<ReduceMaxOp>, ReduceOpLowering<ReduceMinOp>>(
      context);
  patterns.add<SoftmaxOpLowering<SoftmaxOp>, SoftmaxOpLowering<LogSoftmaxOp>>(
      context);
  patterns.add<BatchNormOpLowering, LayerNormOpLowering>(context);
}
