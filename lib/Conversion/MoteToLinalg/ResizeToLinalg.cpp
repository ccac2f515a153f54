//===- ResizeToLinalg.cpp - mote.resize to linalg -------------------------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Resize maps each output coordinate of an axis to input coordinates that
// depend only on static attributes, so they are computed at compile time
// (in double precision, following the ONNX reference implementation) and
// stored as small constant tables: one source index per output position for
// nearest mode; two clamped neighbours and their weights for linear mode.
// One linalg.generic reads the tables through per-axis indexing maps and
// gathers the input with tensor.extract; linear mode sums the 2^k corners of
// the k resized axes.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>
#include <vector>

using namespace mlir;
using namespace mote;
using namespace mote::lowering;

namespace {

/// The input coordinate that output coordinate `x` maps to. Like the ONNX
/// reference implementation, align_corners and pytorch_half_pixel measure
/// the output length as `scale * inputSize`, which differs from the integer
/// output size when the scale does not divide evenly (a 4-wide axis scaled
/// by 0.6 is 2.4 long); lengths within rounding of the integer size (scales
/// derived from sizes) use the integer size.
static double getSourceCoordinate(CoordinateTransform transform, double x,
                                  double scale, int64_t inputSize,
                                  int64_t outputSize) {
  double outputLength = scale * (double)inputSize;
  if (std::fabs(outputLength - (double)outputSize) <= 1e-5 * (double)outputSize)
    outputLength = (double)outputSize;
  switch (transform) {
  case CoordinateTransform::half_pixel:
    return (x + 0.5) / scale - 0.5;
  case CoordinateTransform::pytorch_half_pixel:
    return outputLength != 1.0 ? (x + 0.5) / scale - 0.5 : -0.5;
  case CoordinateTransform::align_corners:
    return outputLength != 1.0
               ? x * (double)(inputSize - 1) / (outputLength - 1.0)
               : 0.0;
  case CoordinateTransform::asymmetric:
    return x / scale;
  case CoordinateTransform::tf_half_pixel_for_nn:
    return (x + 0.5) / scale;
  }
  llvm_unreachable("unknown coordinate transform");
}

/// The input index nearest mode picks for source coordinate `x`.
static int64_t getNearestIndex(NearestMode mode, double x) {
  double lower = std::floor(x);
  if (x == lower)
    return static_cast<int64_t>(x);
  double ratio = x - lower;
  bool up = false;
  switch (mode) {
  case NearestMode::round_prefer_floor:
    up = ratio > 0.5;
    break;
  case NearestMode::round_prefer_ceil:
    up = ratio >= 0.5;
    break;
  case NearestMode::floor:
    up = false;
    break;
  case NearestMode::ceil:
    up = true;
    break;
  }
  return static_cast<int64_t>(lower) + (up ? 1 : 0);
}

/// Compile-time tables of one resized axis.
struct AxisTables {
  int64_t axis;
  SmallVector<int32_t> low, high; // clamped source indices
  SmallVector<double> lowWeight, highWeight;
};

struct ResizeOpLowering : public OpConversionPattern<ResizeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ResizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    Value input = adaptor.getInput();
    auto inputType = cast<RankedTensorType>(input.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elementType = resultType.getElementType();
    int64_t rank = resultType.getRank();
    ArrayRef<float> scales = op.getScales();
    bool linear = op.getMode() == ResizeMode::linear;
    if ((int64_t)scales.size() != rank)
      return reportUnsupported(op, "scales needs one entry per axis");
    if (!inputType.hasStaticShape() || !resultType.hasStaticShape())
      return reportUnsupported(op, "shapes must be static");
    if (linear && !isFloat(elementType))
      return reportUnsupported(op, "linear resize needs a floating-point "
                                   "element type");
    if (resultType.getNumElements() == 0) {
      rewriter.replaceOp(op, createEmpty(rewriter, loc, resultType));
      return success();
    }

    std::vector<AxisTables> tables;
    for (int64_t axis = 0; axis < rank; ++axis) {
      int64_t inSize = inputType.getDimSize(axis);
      int64_t outSize = resultType.getDimSize(axis);
      double scale = scales[axis];
      if (inSize == outSize && scale == 1.0f)
        continue;
      if (inSize == 0 || scale <= 0)
        return reportUnsupported(op, "axis " + Twine(axis) +
                                         " has an empty input or a "
                                         "non-positive scale");
      AxisTables table;
      table.axis = axis;
      auto clampIndex = [&](int64_t i) {
        return static_cast<int32_t>(std::clamp<int64_t>(i, 0, inSize - 1));
      };
      for (int64_t o = 0; o < outSize; ++o) {
        double x = getSourceCoordinate(op.getCoordinateTransform(), (double)o,
                                       scale, inSize, outSize);
        if (!linear) {
          table.low.push_back(
              clampIndex(getNearestIndex(op.getNearestMode(), x)));
          continue;
        }
        double lower = std::floor(x);
        double ratio = x - lower;
        table.low.push_back(clampIndex(static_cast<int64_t>(lower)));
        table.high.push_back(clampIndex(static_cast<int64_t>(lower) + 1));
        table.lowWeight.push_back(1.0 - ratio);
        table.highWeight.push_back(ratio);
      }
      tables.push_back(std::move(table));
    }
    if (tables.empty()) {
      rewriter.replaceOp(op, reshapeTo(rewriter, loc, input, resultType));
      return success();
    }

    // Table operands, each read at the output index of its axis.
    SmallVector<Value> inputs;
    SmallVector<AffineMap> maps;
    auto addTable = [&](int64_t axis, DenseElementsAttr values) {
      inputs.push_back(arith::ConstantOp::create(rewriter, loc, values));
      maps.push_back(
          AffineMap::get(rank, 0, getAffineDimExpr(axis, context), context));
    };
    auto i32Table = [&](ArrayRef<int32_t> values) {
      return DenseElementsAttr::get(
          RankedTensorType::get({(int64_t)values.size()},
                                rewriter.getI32Type()),
          values);
    };
    auto weightTable = [&](ArrayRef<double> values) {
      SmallVector<Attribute> attrs;
      for (double v : values)
        attrs.push_back(rewriter.getFloatAttr(elementType, v));
      return DenseElementsAttr::get(
          RankedTensorType::get({(int64_t)values.size()}, elementType), attrs);
    };
    // Operand layout per table: low [, high, lowWeight, highWeight].
    int64_t perTable = linear ? 4 : 1;
    for (const AxisTables &table : tables) {
      addTable(table.axis, i32Table(table.low));
      if (linear) {
        addTable(table.axis, i32Table(table.high));
        addTable(table.axis, weightTable(table.lowWeight));
        addTable(table.axis, weightTable(table.highWeight));
      }
    }
    maps.push_back(rewriter.getMultiDimIdentityMap(rank));
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    Value result =
        linalg::GenericOp::create(
            rewriter, loc, TypeRange{resultType}, inputs,
            ValueRange{createEmpty(rewriter, loc, resultType)}, maps, iterators,
            [&](OpBuilder &b, Location nl, ValueRange args) {
              // Axes that are not resized read the output index itself.
              SmallVector<Value> coords(rank);
              for (int64_t i = 0; i < rank; ++i)
                if (llvm::none_of(tables, [&](const AxisTables &table) {
                      return table.axis == i;
                    }))
                  coords[i] = linalg::IndexOp::create(b, nl, i);
              auto toIndex = [&](Value v) -> Value {
                return arith::IndexCastOp::create(b, nl, b.getIndexType(), v);
              };
              if (!linear) {
                for (auto [t, table] : llvm::enumerate(tables))
                  coords[table.axis] = toIndex(args[t]);
                Value element = tensor::ExtractOp::create(b, nl, input, coords);
                linalg::YieldOp::create(b, nl, element);
                return;
              }
              // Sum over the 2^k corners of the neighbourhood.
              Value sum;
              int64_t numTables = tables.size();
              for (int64_t corner = 0; corner < (1 << numTables); ++corner) {
                Value weight;
                for (int64_t t = 0; t < numTables; ++t) {
                  bool high = (corner >> t) & 1;
                  ValueRange tableArgs = args.slice(t * perTable, perTable);
                  coords[tables[t].axis] =
                      toIndex(high ? tableArgs[1] : tableArgs[0]);
                  Value w = high ? tableArgs[3] : tableArgs[2];
                  weight =
                      weight
                          ? arith::MulFOp::create(b, nl, weight, w).getResult()
                          : w;
                }
                Value element = tensor::ExtractOp::create(b, nl, input, coords);
                Value term = arith::MulFOp::create(b, nl, element, weight);
                sum = sum ? arith::AddFOp::create(b, nl, sum, term).getResult()
                          : term;
              }
              linalg::YieldOp::create(b, nl, sum);
            })
            .getResult(0);
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mote::lowering::populateResizePatterns(RewritePatternSet &patterns) {
  patterns.add<ResizeOpLowering>(patterns.getContext());
}
