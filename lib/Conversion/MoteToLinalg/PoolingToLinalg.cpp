//===- PoolingToLinalg.cpp - mote pooling ops to linalg -------------------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Max and average pooling become linalg.pooling_nchw_max / _sum on an input
// padded with the pooling identity (-inf or 0). The padding is extended at
// the end when ceil_mode makes the last window overhang. Average pooling
// then divides by the number of counted positions of each window, computed
// at compile time: a scalar when every window counts the same, otherwise a
// constant [OH, OW] tensor. 1-d pooling runs as 2-d with a unit height; 3-d
// pooling (no NCDHW named op upstream) is a linalg.generic with window
// reduction dimensions.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mote;
using namespace mote::lowering;

namespace {

/// Pooling geometry of one op (per spatial axis), with 1-d pooling already
/// lifted to 2-d.
struct PoolGeometry {
  SmallVector<int64_t> kernel, strides, dilations, padBegin, padEnd;
};

/// Reads and checks the attributes of a pooling op.
template <typename OpTy>
static FailureOr<PoolGeometry> getPoolGeometry(OpTy op) {
  auto inputType = cast<RankedTensorType>(op.getInput().getType());
  int64_t spatialRank = inputType.getRank() - 2;
  if (spatialRank < 1 || spatialRank > 3) {
    (void)reportUnsupported(op, Twine(spatialRank) +
                                    "-d pooling is not supported; only 1-d "
                                    "to 3-d are");
    return failure();
  }
  if (!inputType.hasStaticShape()) {
    (void)reportUnsupported(op, "the input must have a static shape");
    return failure();
  }
  PoolGeometry geometry;
  ArrayRef<int64_t> kernel = op.getKernelShape(), strides = op.getStrides(),
                    pads = op.getPads(), dilations = op.getDilations();
  SmallVector<int64_t> ones(spatialRank, 1);
  if (strides.empty())
    strides = ones;
  if (dilations.empty())
    dilations = ones;
  SmallVector<int64_t> zeros(2 * spatialRank, 0);
  if (pads.empty())
    pads = zeros;
  if ((int64_t)kernel.size() != spatialRank ||
      (int64_t)strides.size() != spatialRank ||
      (int64_t)dilations.size() != spatialRank ||
      (int64_t)pads.size() != 2 * spatialRank) {
    (void)reportUnsupported(op, "kernel_shape, strides and dilations need "
                                "one entry and pads two entries per spatial "
                                "axis");
    return failure();
  }
  if (spatialRank == 1) {
    geometry.kernel = {1, kernel[0]};
    geometry.strides = {1, strides[0]};
    geometry.dilations = {1, dilations[0]};
    geometry.padBegin = {0, pads[0]};
    geometry.padEnd = {0, pads[1]};
  } else {
    geometry.kernel.assign(kernel.begin(), kernel.end());
    geometry.strides.assign(strides.begin(), strides.end());
    geometry.dilations.assign(dilations.begin(), dilations.end());
    geometry.padBegin.assign(pads.begin(), pads.begin() + spatialRank);
    geometry.padEnd.assign(pads.begin() + spatialRank, pads.end());
  }
  return geometry;
}

/// Pads the NC... `input` for pooling into an [N, C, O...] result: the
/// declared pads, plus extra end padding when ceil_mode's last window reaches
/// past them. Padded positions hold `padValue`.
static Value padForPooling(OpBuilder &b, Location loc, Value input,
                           const PoolGeometry &geometry,
                           ArrayRef<int64_t> outputShape, Value padValue) {
  auto type = cast<RankedTensorType>(input.getType());
  SmallVector<int64_t> low = {0, 0}, high = {0, 0};
  for (int64_t i = 0, e = geometry.kernel.size(); i < e; ++i) {
    int64_t size = type.getDimSize(2 + i);
    int64_t needed = (outputShape[2 + i] - 1) * geometry.strides[i] +
                     geometry.dilations[i] * (geometry.kernel[i] - 1) + 1;
    int64_t available = size + geometry.padBegin[i] + geometry.padEnd[i];
    low.push_back(geometry.padBegin[i]);
    high.push_back(geometry.padEnd[i] +
                   std::max<int64_t>(0, needed - available));
  }
  return padOrCrop(b, loc, input, low, high, padValue);
}

/// The shape-only window operand of a linalg pooling op.
static Value createWindow(OpBuilder &b, Location loc,
                          const PoolGeometry &geometry, Type elementType) {
  return tensor::EmptyOp::create(b, loc, geometry.kernel, elementType);
}

/// Pools the padded NC... `input` into `init` (N x C x O...): with the
/// named NCHW op for 2-d, with an equivalent generic for 3-d, iterating over
/// (n, c, o..., k...) and reading input[n, c, o * stride + k * dilation].
static Value buildPooling(OpBuilder &b, Location loc, Value input, Value init,
                          const PoolGeometry &geometry, bool isMax) {
  auto initType = cast<RankedTensorType>(init.getType());
  Type elementType = initType.getElementType();
  Value window = createWindow(b, loc, geometry, elementType);
  int64_t spatialRank = geometry.kernel.size();
  if (spatialRank == 2) {
    auto strides = b.getI64VectorAttr(geometry.strides);
    auto dilations = b.getI64VectorAttr(geometry.dilations);
    if (isMax)
      return linalg::PoolingNchwMaxOp::create(
                 b, loc, TypeRange{initType}, ValueRange{input, window},
                 ValueRange{init}, strides, dilations)
          .getResult(0);
    return linalg::PoolingNchwSumOp::create(
               b, loc, TypeRange{initType}, ValueRange{input, window},
               ValueRange{init}, strides, dilations)
        .getResult(0);
  }
  MLIRContext *context = b.getContext();
  int64_t numLoops = 2 + 2 * spatialRank;
  SmallVector<AffineExpr> inputExprs = {getAffineDimExpr(0, context),
                                        getAffineDimExpr(1, context)};
  SmallVector<AffineExpr> windowExprs, outputExprs = inputExprs;
  for (int64_t i = 0; i < spatialRank; ++i) {
    AffineExpr out = getAffineDimExpr(2 + i, context);
    AffineExpr tap = getAffineDimExpr(2 + spatialRank + i, context);
    inputExprs.push_back(out * geometry.strides[i] +
                         tap * geometry.dilations[i]);
    windowExprs.push_back(tap);
    outputExprs.push_back(out);
  }
  SmallVector<AffineMap> maps = {
      AffineMap::get(numLoops, 0, inputExprs, context),
      AffineMap::get(numLoops, 0, windowExprs, context),
      AffineMap::get(numLoops, 0, outputExprs, context)};
  SmallVector<utils::IteratorType> iterators(2 + spatialRank,
                                             utils::IteratorType::parallel);
  iterators.append(spatialRank, utils::IteratorType::reduction);
  return linalg::GenericOp::create(
             b, loc, TypeRange{initType}, ValueRange{input, window},
             ValueRange{init}, maps, iterators,
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               Value combined =
                   isMax ? createMax(nb, nl, args[0], args[2])
                         : arith::AddFOp::create(nb, nl, args[0], args[2])
                               .getResult();
               linalg::YieldOp::create(nb, nl, combined);
             })
      .getResult(0);
}

struct MaxPoolOpLowering : public OpConversionPattern<MaxPoolOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MaxPoolOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elementType = resultType.getElementType();
    if (!isFloat(elementType) && !isIntegerNumber(elementType))
      return reportUnsupported(op, "element type " + typeToString(elementType) +
                                       " is not supported");
    FailureOr<PoolGeometry> geometry = getPoolGeometry(op);
    if (failed(geometry))
      return failure();
    bool is1d = resultType.getRank() == 3;
    Value input = adaptor.getInput();
    RankedTensorType outType = resultType;
    if (is1d) {
      input = insertUnitDim(rewriter, loc, input, 2);
      SmallVector<int64_t> shape(resultType.getShape());
      shape.insert(shape.begin() + 2, 1);
      outType = RankedTensorType::get(shape, elementType);
    }
    Value lowest = createLowest(rewriter, loc, elementType);
    Value padded = padForPooling(rewriter, loc, input, *geometry,
                                 outType.getShape(), lowest);
    Value init = createFilled(rewriter, loc, outType, lowest);
    Value result =
        buildPooling(rewriter, loc, padded, init, *geometry, /*isMax=*/true);
    if (is1d)
      result = dropUnitDim(rewriter, loc, result, 2);
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// How many positions of each window along one axis are counted by average
/// pooling: positions inside the input, plus the declared padding when
/// `countPad`; never the extra positions ceil_mode adds.
static SmallVector<int64_t>
countWindowPositions(int64_t inputSize, int64_t outputSize, int64_t kernel,
                     int64_t stride, int64_t dilation, int64_t padBegin,
                     int64_t padEnd, bool countPad) {
  int64_t first = countPad ? -padBegin : 0;
  int64_t last = countPad ? inputSize + padEnd : inputSize; // exclusive
  SmallVector<int64_t> counts;
  for (int64_t o = 0; o < outputSize; ++o) {
    int64_t count = 0;
    for (int64_t j = 0; j < kernel; ++j) {
      int64_t position = o * stride - padBegin + j * dilation;
      if (position >= first && position < last)
        ++count;
    }
    counts.push_back(count);
  }
  return counts;
}

struct AveragePoolOpLowering : public OpConversionPattern<AveragePoolOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(AveragePoolOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elementType = resultType.getElementType();
    if (!isFloat(elementType))
      return reportUnsupported(op, "average pooling needs a floating-point "
                                   "element type, got " +
                                       typeToString(elementType));
    FailureOr<PoolGeometry> geometry = getPoolGeometry(op);
    if (failed(geometry))
      return failure();
    bool is1d = resultType.getRank() == 3;
    Value input = adaptor.getInput();
    RankedTensorType outType = resultType;
    if (is1d) {
      input = insertUnitDim(rewriter, loc, input, 2);
      SmallVector<int64_t> shape(resultType.getShape());
      shape.insert(shape.begin() + 2, 1);
      outType = RankedTensorType::get(shape, elementType);
    }
    auto inputType = cast<RankedTensorType>(input.getType());
    Value zero = createScalar(rewriter, loc, elementType, 0.0);
    Value padded = padForPooling(rewriter, loc, input, *geometry,
                                 outType.getShape(), zero);
    Value sum =
        buildPooling(rewriter, loc, padded,
                     createFilled(rewriter, loc, outType, zero), *geometry,
                     /*isMax=*/false);

    // The divisor of window (o1, o2, ...) is count1[o1] * count2[o2] * ...,
    // enumerated in row-major order over the spatial output shape.
    int64_t spatialRank = geometry->kernel.size();
    SmallVector<SmallVector<int64_t>> counts;
    for (int64_t i = 0; i < spatialRank; ++i)
      counts.push_back(countWindowPositions(
          inputType.getDimSize(2 + i), outType.getDimSize(2 + i),
          geometry->kernel[i], geometry->strides[i], geometry->dilations[i],
          geometry->padBegin[i], geometry->padEnd[i], op.getCountIncludePad()));
    ArrayRef<int64_t> spatialShape = outType.getShape().drop_front(2);
    SmallVector<double> divisors = {1.0};
    for (int64_t i = 0; i < spatialRank; ++i) {
      SmallVector<double> next;
      for (double prefix : divisors)
        for (int64_t count : counts[i])
          next.push_back(prefix * (double)count);
      divisors = std::move(next);
    }
    for (double &divisor : divisors)
      divisor = std::max(1.0, divisor);
    bool uniform = llvm::all_equal(divisors);

    Value result;
    if (uniform) {
      double divisor = divisors.front();
      result = buildElementwise(
          rewriter, loc, outType, sum,
          [&](OpBuilder &b, Location nl, ValueRange args) -> Value {
            return arith::DivFOp::create(
                b, nl, args[0], createScalar(b, nl, elementType, divisor));
          });
    } else {
      auto divisorType = RankedTensorType::get(spatialShape, elementType);
      SmallVector<Attribute> values;
      for (double divisor : divisors)
        values.push_back(rewriter.getFloatAttr(elementType, divisor));
      Value divisorTensor = arith::ConstantOp::create(
          rewriter, loc, DenseElementsAttr::get(divisorType, values));
      result = buildElementwise(
          rewriter, loc, outType, ValueRange{sum, divisorTensor},
          [](OpBuilder &b, Location nl, ValueRange args) -> Value {
            return arith::DivFOp::create(b, nl, args[0], args[1]);
          });
    }
    if (is1d)
      result = dropUnitDim(rewriter, loc, result, 2);
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mote::lowering::populatePoolingPatterns(RewritePatternSet &patterns) {
  patterns.add<MaxPoolOpLowering, AveragePoolOpLowering>(patterns.getContext());
}
