//===- QuantizeToLinalg.cpp - the integer-only path to linalg -------------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Lowers the quantization ops (quantize_linear, dequantize_linear,
// requantize) to elementwise linalg.generic ops, and conv / matmul whose
// integer operands accumulate into a wider integer (i8 x i8 -> i32, ONNX
// ConvInteger / MatMulInteger / QLinear*) to contraction generics that
// extend each operand by its own signedness (extsi for signless, extui for
// unsigned) and accumulate in the result type. These patterns are kept apart
// from the float conv/matmul lowerings (ConvToLinalg.cpp, MatmulToLinalg.cpp)
// and outrank them, so those stay free to change for speed.
//
// Unsigned element types (ui8) are still visible here: they select extui,
// uitofp and fptoui; the pass erases signedness after the conversion.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "mote/Dialect/Mote/IR/Mote.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>

using namespace mlir;
using namespace mote;
using namespace mote::lowering;

namespace {

//===----------------------------------------------------------------------===//
// Scalar helpers
//===----------------------------------------------------------------------===//

static bool isUnsignedInteger(Type type) {
  auto integer = dyn_cast<IntegerType>(type);
  return integer && integer.isUnsigned();
}

/// Extends (or keeps) the integer `value` to `type`'s width, following the
/// signedness of `value`'s type: extui for unsigned, extsi otherwise.
static Value extendInteger(OpBuilder &b, Location loc, Value value,
                           Type type) {
  auto from = cast<IntegerType>(value.getType());
  auto to = cast<IntegerType>(type);
  // Equal widths differ at most in signedness, which the pass erases.
  if (from.getWidth() == to.getWidth())
    return value;
  if (from.isUnsigned())
    return arith::ExtUIOp::create(b, loc, to, value);
  return arith::ExtSIOp::create(b, loc, to, value);
}

/// An integer converted to `floatType`, by its signedness.
static Value integerToFloat(OpBuilder &b, Location loc, Value value,
                            Type floatType) {
  if (isUnsignedInteger(value.getType()))
    return arith::UIToFPOp::create(b, loc, floatType, value);
  return arith::SIToFPOp::create(b, loc, floatType, value);
}

/// `saturate(round_half_to_even(value) + zeroPoint)` in the integer
/// `resultType`: the common tail of quantize_linear and requantize. The sum
/// is formed in float (exact: both terms are integers well inside the float
/// mantissa for 8- and 16-bit results), clamped, then converted.
static Value roundAndSaturate(OpBuilder &b, Location loc, Value value,
                              Value zeroPoint, Type resultType) {
  Type floatType = value.getType();
  Value rounded = math::RoundEvenOp::create(b, loc, value);
  if (zeroPoint)
    rounded = arith::AddFOp::create(
        b, loc, rounded, integerToFloat(b, loc, zeroPoint, floatType));
  auto integer = cast<IntegerType>(resultType);
  unsigned width = integer.getWidth();
  double lowest = integer.isUnsigned() ? 0.0 : -std::ldexp(1.0, width - 1);
  double highest = integer.isUnsigned() ? std::ldexp(1.0, width) - 1.0
                                        : std::ldexp(1.0, width - 1) - 1.0;
  Value clamped = arith::MinimumFOp::create(
      b, loc,
      arith::MaximumFOp::create(b, loc, rounded,
                                createScalar(b, loc, floatType, lowest)),
      createScalar(b, loc, floatType, highest));
  if (integer.isUnsigned())
    return arith::FPToUIOp::create(b, loc, resultType, clamped);
  return arith::FPToSIOp::create(b, loc, resultType, clamped);
}

/// The map that reads a scale or zero point of type `paramType` while
/// iterating over a tensor of rank `rank`: a scalar, the single element of a
/// [1] tensor, or element `axis` of a per-axis vector.
static AffineMap getQuantParamMap(RankedTensorType paramType, int64_t rank,
                                  int64_t axis, MLIRContext *context) {
  if (paramType.getRank() == 0)
    return AffineMap::get(rank, 0, {}, context);
  if (paramType.getDimSize(0) == 1)
    return AffineMap::get(rank, 0, {getAffineConstantExpr(0, context)},
                          context);
  return AffineMap::get(rank, 0, {getAffineDimExpr(axis, context)}, context);
}

/// An elementwise generic over `resultType` that reads `data` directly and
/// each of `params` (possibly null) through getQuantParamMap; `body`
/// receives the scalars in that order, a null Value for an absent param.
static Value
buildQuantElementwise(OpBuilder &b, Location loc, RankedTensorType resultType,
                      Value data, ArrayRef<Value> params, int64_t axis,
                      function_ref<Value(OpBuilder &, Location,
                                         ArrayRef<Value>)>
                          body) {
  MLIRContext *context = b.getContext();
  int64_t rank = resultType.getRank();
  SmallVector<Value> inputs = {data};
  SmallVector<AffineMap> maps = {AffineMap::getMultiDimIdentityMap(rank,
                                                                    context)};
  for (Value param : params) {
    if (!param)
      continue;
    inputs.push_back(param);
    maps.push_back(getQuantParamMap(cast<RankedTensorType>(param.getType()),
                                    rank, axis, context));
  }
  return buildParallelGeneric(
      b, loc, resultType, inputs, maps,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        SmallVector<Value> scalars = {args[0]};
        unsigned next = 1;
        for (Value param : params)
          scalars.push_back(param ? args[next++] : Value());
        return body(nb, nl, scalars);
      });
}

//===----------------------------------------------------------------------===//
// Quantization ops
//===----------------------------------------------------------------------===//

struct QuantizeLinearLowering : public OpConversionPattern<QuantizeLinearOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(QuantizeLinearOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    Type resultElement = resultType.getElementType();
    Value result = buildQuantElementwise(
        rewriter, op.getLoc(), resultType, adaptor.getInput(),
        {adaptor.getScale(), adaptor.getZeroPoint()}, op.getAxis(),
        [&](OpBuilder &b, Location loc, ArrayRef<Value> s) {
          Value x = s[0], scale = s[1];
          if (scale.getType() != x.getType())
            scale = arith::ExtFOp::create(b, loc, x.getType(), scale);
          Value scaled = arith::DivFOp::create(b, loc, x, scale);
          return roundAndSaturate(b, loc, scaled, s[2], resultElement);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct DequantizeLinearLowering
    : public OpConversionPattern<DequantizeLinearOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(DequantizeLinearOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    Type floatType = resultType.getElementType();
    Value result = buildQuantElementwise(
        rewriter, op.getLoc(), resultType, adaptor.getInput(),
        {adaptor.getScale(), adaptor.getZeroPoint()}, op.getAxis(),
        [&](OpBuilder &b, Location loc, ArrayRef<Value> s) {
          Value x = s[0], scale = s[1], zeroPoint = s[2];
          Value centered;
          if (!zeroPoint) {
            centered = integerToFloat(b, loc, x, floatType);
          } else {
            // The difference of two i8/ui8/i16/ui16 values is exact in i32;
            // an i32 input and zero point subtract in i32 as ONNX's
            // reference does.
            Type i32 = b.getI32Type();
            Value diff = arith::SubIOp::create(
                b, loc, extendInteger(b, loc, x, i32),
                extendInteger(b, loc, zeroPoint, i32));
            centered = arith::SIToFPOp::create(b, loc, floatType, diff);
          }
          return arith::MulFOp::create(b, loc, centered, scale).getResult();
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct RequantizeLowering : public OpConversionPattern<RequantizeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RequantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    Type resultElement = resultType.getElementType();
    Value result = buildQuantElementwise(
        rewriter, op.getLoc(), resultType, adaptor.getInput(),
        {adaptor.getInputScale(), adaptor.getOutputScale(),
         adaptor.getOutputZeroPoint()},
        op.getAxis(), [&](OpBuilder &b, Location loc, ArrayRef<Value> s) {
          Value inputScale = s[1], outputScale = s[2];
          Type floatType = inputScale.getType();
          // One multiplier per element (or per channel once hoisted): the
          // value a fixed-point lowering would encode as multiply + shift.
          Value multiplier =
              arith::DivFOp::create(b, loc, inputScale, outputScale);
          Value scaled = arith::MulFOp::create(
              b, loc, arith::SIToFPOp::create(b, loc, floatType, s[0]),
              multiplier);
          return roundAndSaturate(b, loc, scaled, s[3], resultElement);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Integer convolution and matmul
//===----------------------------------------------------------------------===//

/// acc + ext(lhs) * ext(rhs) in the accumulator's integer type.
static Value createExtendedMulAdd(OpBuilder &b, Location loc, Value lhs,
                                  Value rhs, Value acc) {
  Type accType = acc.getType();
  Value product =
      arith::MulIOp::create(b, loc, extendInteger(b, loc, lhs, accType),
                            extendInteger(b, loc, rhs, accType));
  return arith::AddIOp::create(b, loc, acc, product);
}

/// The init tensor of an integer contraction: `bias` (a vector along `dim`)
/// broadcast to `type`, or zeros.
static Value createIntegerInit(OpBuilder &b, Location loc,
                               RankedTensorType type, Value bias,
                               int64_t dim) {
  if (!bias)
    return createFilled(b, loc, type,
                        createScalar(b, loc, type.getElementType(), 0.0));
  AffineMap channelMap =
      AffineMap::get(type.getRank(), 0, {b.getAffineDimExpr(dim)},
                     b.getContext());
  return buildParallelGeneric(
      b, loc, type, bias, channelMap,
      [](OpBuilder &, Location, ValueRange args) { return args[0]; });
}

/// mote.conv whose operands are integers: one contraction generic over
/// (n, m, out..., c, k...) for any spatial rank and group, reading the
/// explicitly padded input at channel `(m floordiv (M / group)) * (C /
/// group) + c` and position `out * stride + k * dilation`.
struct IntegerConvLowering : public OpConversionPattern<ConvOp> {
  IntegerConvLowering(MLIRContext *context)
      : OpConversionPattern(context, /*benefit=*/2) {}
  LogicalResult
  matchAndRewrite(ConvOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    if (!isa<IntegerType>(op.getInput().getType().getElementType()))
      return failure();
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    Type accType = resultType.getElementType();
    if (!isa<IntegerType>(accType) || accType.isInteger(1))
      return reportUnsupported(op, "an integer convolution needs an integer "
                                   "accumulator result (such as i32), got " +
                                       typeToString(accType));
    if (failed(checkActivation(op, op.getActivation(), op.getActivationParams(),
                               accType)))
      return failure();
    Value input = adaptor.getInput(), weight = adaptor.getWeight();
    auto inputType = cast<RankedTensorType>(input.getType());
    auto weightType = cast<RankedTensorType>(weight.getType());
    int64_t spatialRank = inputType.getRank() - 2;
    ArrayRef<int64_t> pads = op.getPads();
    ArrayRef<int64_t> strides = op.getStrides();
    ArrayRef<int64_t> dilations = op.getDilations();

    SmallVector<int64_t> low = {0, 0}, high = {0, 0};
    low.append(pads.begin(), pads.begin() + spatialRank);
    high.append(pads.begin() + spatialRank, pads.end());
    Value padded =
        padOrCrop(rewriter, loc, input, low, high,
                  createScalar(rewriter, loc, inputType.getElementType(), 0.0));

    // Loop dimensions: n, m, out_0.., c, k_0...
    int64_t numDims = 3 + 2 * spatialRank;
    auto dim = [&](int64_t i) { return getAffineDimExpr(i, context); };
    AffineExpr n = dim(0), m = dim(1), c = dim(2 + spatialRank);
    int64_t group = op.getGroup();
    int64_t outPerGroup = resultType.getDimSize(1) / group;
    int64_t inPerGroup = weightType.getDimSize(1);
    SmallVector<AffineExpr> inputExprs = {
        n, m.floorDiv(outPerGroup) * inPerGroup + c};
    SmallVector<AffineExpr> weightExprs = {m, c};
    SmallVector<AffineExpr> outputExprs = {n, m};
    for (int64_t i = 0; i < spatialRank; ++i) {
      AffineExpr out = dim(2 + i), k = dim(3 + spatialRank + i);
      inputExprs.push_back(out * strides[i] + k * dilations[i]);
      weightExprs.push_back(k);
      outputExprs.push_back(out);
    }
    SmallVector<AffineMap> maps = {
        AffineMap::get(numDims, 0, inputExprs, context),
        AffineMap::get(numDims, 0, weightExprs, context),
        AffineMap::get(numDims, 0, outputExprs, context)};
    SmallVector<utils::IteratorType> iterators(2 + spatialRank,
                                               utils::IteratorType::parallel);
    iterators.append(1 + spatialRank, utils::IteratorType::reduction);
    Value init =
        createIntegerInit(rewriter, loc, resultType, adaptor.getBias(), 1);
    Value conv =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{resultType}, ValueRange{padded, weight},
            ValueRange{init}, maps, iterators,
            [](OpBuilder &nb, Location nl, ValueRange args) {
              linalg::YieldOp::create(
                  nb, nl,
                  createExtendedMulAdd(nb, nl, args[0], args[1], args[2]));
            })
            .getResult(0);
    rewriter.replaceOp(op,
                       applyActivation(rewriter, loc, conv, op.getActivation(),
                                       op.getActivationParams()));
    return success();
  }
};

/// mote.matmul whose integer operands accumulate into a wider integer:
/// one contraction generic over (batch..., m, n, k), numpy promotion of 1-d
/// operands and batch broadcasting included.
struct IntegerMatMulLowering : public OpConversionPattern<MatMulOp> {
  IntegerMatMulLowering(MLIRContext *context)
      : OpConversionPattern(context, /*benefit=*/2) {}
  LogicalResult
  matchAndRewrite(MatMulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    Type accType = resultType.getElementType();
    Type aElement = op.getA().getType().getElementType();
    Type bElement = op.getB().getType().getElementType();
    if (!isa<IntegerType>(accType) ||
        (aElement == accType && bElement == accType))
      return failure();
    Location loc = op.getLoc();
    if (failed(checkActivation(op, op.getActivation(), op.getActivationParams(),
                               accType)))
      return failure();
    Value a = adaptor.getA(), b = adaptor.getB();
    if (cast<RankedTensorType>(a.getType()).getRank() == 1)
      a = insertUnitDim(rewriter, loc, a, 0);
    if (cast<RankedTensorType>(b.getType()).getRank() == 1)
      b = insertUnitDim(rewriter, loc, b, 1);
    ArrayRef<int64_t> aShape = cast<RankedTensorType>(a.getType()).getShape();
    ArrayRef<int64_t> bShape = cast<RankedTensorType>(b.getType()).getShape();
    int64_t m = aShape[aShape.size() - 2], n = bShape.back();
    SmallVector<int64_t> shape = getMatmulBatchShape(aShape, bShape);
    int64_t numBatch = shape.size();
    shape.push_back(m);
    shape.push_back(n);
    auto type = RankedTensorType::get(shape, accType);
    Value init = createIntegerInit(rewriter, loc, type, adaptor.getBias(),
                                   numBatch + 1);
    Value result = buildBatchedContraction(
        rewriter, loc, a, b, init, ArrayRef<int64_t>(shape).drop_back(2),
        createExtendedMulAdd);
    result = reshapeTo(rewriter, loc, result, resultType);
    rewriter.replaceOp(op, applyActivation(rewriter, loc, result,
                                           op.getActivation(),
                                           op.getActivationParams()));
    return success();
  }
};

} // namespace

void mote::lowering::populateQuantizePatterns(RewritePatternSet &patterns) {
  patterns.add<QuantizeLinearLowering, DequantizeLinearLowering,
               RequantizeLowering, IntegerConvLowering, IntegerMatMulLowering>(
      patterns.getContext());
}
