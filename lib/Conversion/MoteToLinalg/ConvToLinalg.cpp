//===- ConvToLinalg.cpp - mote.conv and mote.conv_transpose to linalg -----===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Convolutions become linalg named convolution ops on an explicitly padded
// input (tensor.pad), accumulating into an init tensor that already holds
// the broadcast bias; a fused activation follows as one linalg.generic.
// 1-d convolutions run as 2-d ones with a unit height. Transposed
// convolutions become ordinary convolutions of the zero-interleaved, padded
// input with the spatially flipped kernel whose channel axes are swapped.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mote;
using namespace mote::lowering;

namespace {

/// Broadcasts the 1-d `vector` along dimension `dim` of `resultType`: the
/// result holds vector[i] wherever index `dim` is i (bias initialization).
static Value broadcastAlongDim(OpBuilder &b, Location loc, Value vector,
                               RankedTensorType resultType, int64_t dim) {
  MLIRContext *context = b.getContext();
  int64_t rank = resultType.getRank();
  AffineMap inputMap =
      AffineMap::get(rank, 0, getAffineDimExpr(dim, context), context);
  SmallVector<AffineMap> maps = {inputMap, b.getMultiDimIdentityMap(rank)};
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, TypeRange{resultType}, vector,
             ValueRange{createEmpty(b, loc, resultType)}, maps, iterators,
             [](OpBuilder &nb, Location nl, ValueRange args) {
               linalg::YieldOp::create(nb, nl, args[0]);
             })
      .getResult(0);
}

/// The init tensor of a convolution: the bias broadcast along the channel
/// axis when there is one, zeros otherwise.
static Value createConvInit(OpBuilder &b, Location loc,
                            RankedTensorType resultType, Value bias) {
  if (bias)
    return broadcastAlongDim(b, loc, bias, resultType, 1);
  return createFilled(b, loc, resultType,
                      createScalar(b, loc, resultType.getElementType(), 0.0));
}

/// Collapses a [M, 1, k...] depthwise weight into [M, k...].
static Value collapseDepthwiseWeight(OpBuilder &b, Location loc, Value weight) {
  auto type = cast<RankedTensorType>(weight.getType());
  SmallVector<ReassociationIndices> groups = {{0, 1}};
  for (int64_t i = 2; i < type.getRank(); ++i)
    groups.push_back({i});
  return tensor::CollapseShapeOp::create(b, loc, weight, groups);
}

/// Splits dimension `dim` of `value` into [outer, size / outer].
static Value splitDim(OpBuilder &b, Location loc, Value value, int64_t dim,
                      int64_t outer) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<int64_t> shape;
  SmallVector<ReassociationIndices> groups;
  for (int64_t i = 0; i < type.getRank(); ++i) {
    if (i == dim) {
      groups.push_back({(int64_t)shape.size(), (int64_t)shape.size() + 1});
      shape.push_back(outer);
      shape.push_back(type.getDimSize(i) / outer);
      continue;
    }
    groups.push_back({(int64_t)shape.size()});
    shape.push_back(type.getDimSize(i));
  }
  return tensor::ExpandShapeOp::create(
      b, loc, RankedTensorType::get(shape, type.getElementType()), value,
      groups);
}

/// Merges dimensions `dim` and `dim + 1` of `value`.
static Value mergeDims(OpBuilder &b, Location loc, Value value, int64_t dim) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<ReassociationIndices> groups;
  for (int64_t i = 0; i < type.getRank(); ++i) {
    if (i == dim + 1)
      continue;
    if (i == dim)
      groups.push_back({i, i + 1});
    else
      groups.push_back({i});
  }
  return tensor::CollapseShapeOp::create(b, loc, value, groups);
}

/// Emits the linalg convolution of the already padded NC(D)HW `input` with
/// the M x C/group x k... `weight`, accumulating into `init` (N x M x O...).
/// The operands were checked by checkConvOperands.
static Value buildConvolution(OpBuilder &b, Location loc, Value input,
                              Value weight, Value init,
                              ArrayRef<int64_t> strides,
                              ArrayRef<int64_t> dilations, int64_t group) {
  auto inputType = cast<RankedTensorType>(input.getType());
  auto initType = cast<RankedTensorType>(init.getType());
  int64_t spatialRank = inputType.getRank() - 2;
  int64_t channels = inputType.getDimSize(1);
  int64_t outChannels = initType.getDimSize(1);
  bool depthwise = group == channels && outChannels == channels && group > 1;

  if (spatialRank == 1) {
    // A 1-d convolution is a 2-d one with a unit height.
    SmallVector<int64_t> strides2d = {1, strides[0]};
    SmallVector<int64_t> dilations2d = {1, dilations[0]};
    Value result = buildConvolution(b, loc, insertUnitDim(b, loc, input, 2),
                                    insertUnitDim(b, loc, weight, 2),
                                    insertUnitDim(b, loc, init, 2), strides2d,
                                    dilations2d, group);
    return dropUnitDim(b, loc, result, 2);
  }

  auto stridesAttr = b.getI64VectorAttr(strides);
  auto dilationsAttr = b.getI64VectorAttr(dilations);
  if (spatialRank == 2) {
    if (group == 1)
      return linalg::Conv2DNchwFchwOp::create(
                 b, loc, TypeRange{initType}, ValueRange{input, weight},
                 ValueRange{init}, stridesAttr, dilationsAttr)
          .getResult(0);
    if (depthwise)
      return linalg::DepthwiseConv2DNchwChwOp::create(
                 b, loc, TypeRange{initType},
                 ValueRange{input, collapseDepthwiseWeight(b, loc, weight)},
                 ValueRange{init}, stridesAttr, dilationsAttr)
          .getResult(0);
    // Grouped: N x G x C/G x H x W input, G x M/G x C/G x kH x kW weight.
    Value groupedInput = splitDim(b, loc, input, 1, group);
    Value groupedWeight = splitDim(b, loc, weight, 0, group);
    Value groupedInit = splitDim(b, loc, init, 1, group);
    Value result = linalg::Conv2DNgchwGfchwOp::create(
                       b, loc, TypeRange{groupedInit.getType()},
                       ValueRange{groupedInput, groupedWeight},
                       ValueRange{groupedInit}, stridesAttr, dilationsAttr)
                       .getResult(0);
    return mergeDims(b, loc, result, 1);
  }

  if (spatialRank == 3) {
    if (group == 1)
      return linalg::Conv3DNcdhwFcdhwOp::create(
                 b, loc, TypeRange{initType}, ValueRange{input, weight},
                 ValueRange{init}, stridesAttr, dilationsAttr)
          .getResult(0);
    if (depthwise)
      return linalg::DepthwiseConv3DNcdhwCdhwOp::create(
                 b, loc, TypeRange{initType},
                 ValueRange{input, collapseDepthwiseWeight(b, loc, weight)},
                 ValueRange{init}, stridesAttr, dilationsAttr)
          .getResult(0);
  }
  llvm_unreachable("checkConvOperands admits 1-d to 3-d convolutions only");
}

/// Checks what conv and conv_transpose share before any IR is created:
/// static shapes, float elements, attribute sizes, and a group the linalg
/// convolutions can express (`outChannels` of the equivalent direct
/// convolution).
static LogicalResult checkConvOperands(Operation *op, Value input, Value weight,
                                       ArrayRef<int64_t> strides,
                                       ArrayRef<int64_t> pads,
                                       ArrayRef<int64_t> dilations,
                                       int64_t group, int64_t outChannels) {
  auto inputType = cast<RankedTensorType>(input.getType());
  auto weightType = cast<RankedTensorType>(weight.getType());
  if (!inputType.hasStaticShape() || !weightType.hasStaticShape())
    return reportUnsupported(op, "operands must have static shapes");
  if (!isFloat(inputType.getElementType()))
    return reportUnsupported(op, "only floating-point convolutions are "
                                 "supported");
  int64_t spatialRank = inputType.getRank() - 2;
  if (spatialRank < 1 || spatialRank > 3)
    return reportUnsupported(op, "input must be 3-d, 4-d or 5-d (N, C and "
                                 "1 to 3 spatial axes)");
  if ((int64_t)strides.size() != spatialRank ||
      (int64_t)dilations.size() != spatialRank ||
      (int64_t)pads.size() != 2 * spatialRank)
    return reportUnsupported(op, "strides/dilations need one entry and pads "
                                 "two entries per spatial axis");
  int64_t channels = inputType.getDimSize(1);
  if (group < 1 || channels % group != 0 || outChannels % group != 0)
    return reportUnsupported(op, "group " + Twine(group) +
                                     " does not divide the input (" +
                                     Twine(channels) + ") and output (" +
                                     Twine(outChannels) + ") channels");
  bool depthwise = group == channels && outChannels == channels;
  if (spatialRank == 3 && group != 1 && !depthwise)
    return reportUnsupported(op, "3-d convolution with group " + Twine(group) +
                                     " is supported only as group 1 or "
                                     "depthwise (group == channels == output "
                                     "channels); split the groups in the "
                                     "model");
  return success();
}

struct ConvOpLowering : public OpConversionPattern<ConvOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConvOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Value input = adaptor.getInput(), weight = adaptor.getWeight();
    if (failed(checkConvOperands(op, input, weight, op.getStrides(),
                                 op.getPads(), op.getDilations(), op.getGroup(),
                                 resultType.getDimSize(1))) ||
        failed(checkActivation(op, op.getActivation(), op.getActivationParams(),
                               resultType.getElementType())))
      return failure();
    int64_t spatialRank = resultType.getRank() - 2;
    ArrayRef<int64_t> pads = op.getPads();
    SmallVector<int64_t> low = {0, 0}, high = {0, 0};
    low.append(pads.begin(), pads.begin() + spatialRank);
    high.append(pads.begin() + spatialRank, pads.end());
    Type elementType = resultType.getElementType();
    Value padded = padOrCrop(rewriter, loc, input, low, high,
                             createScalar(rewriter, loc, elementType, 0.0));
    Value init = createConvInit(rewriter, loc, resultType, adaptor.getBias());
    Value conv =
        buildConvolution(rewriter, loc, padded, weight, init, op.getStrides(),
                         op.getDilations(), op.getGroup());
    rewriter.replaceOp(op,
                       applyActivation(rewriter, loc, conv, op.getActivation(),
                                       op.getActivationParams()));
    return success();
  }
};

/// Turns a C x M/G x k... transposed-convolution weight into the
/// M x C/G x k... weight of the equivalent direct convolution: channel axes
/// swapped within each group, every spatial axis reversed.
static Value flipTransposedWeight(OpBuilder &b, Location loc, Value weight,
                                  int64_t group) {
  MLIRContext *context = b.getContext();
  auto type = cast<RankedTensorType>(weight.getType());
  int64_t spatialRank = type.getRank() - 2;
  int64_t inPerGroup = type.getDimSize(0) / group;
  int64_t outPerGroup = type.getDimSize(1);
  // G x C/G x M/G x k...
  Value grouped = splitDim(b, loc, weight, 0, group);
  // Iterate over G x M/G x C/G x k... and read (g, c, m, K - 1 - k...).
  SmallVector<int64_t> resultShape = {group, outPerGroup, inPerGroup};
  SmallVector<AffineExpr> reads = {getAffineDimExpr(0, context),
                                   getAffineDimExpr(2, context),
                                   getAffineDimExpr(1, context)};
  for (int64_t i = 0; i < spatialRank; ++i) {
    int64_t size = type.getDimSize(2 + i);
    resultShape.push_back(size);
    reads.push_back(getAffineConstantExpr(size - 1, context) -
                    getAffineDimExpr(3 + i, context));
  }
  int64_t rank = resultShape.size();
  auto resultType = RankedTensorType::get(resultShape, type.getElementType());
  SmallVector<AffineMap> maps = {AffineMap::get(rank, 0, reads, context),
                                 b.getMultiDimIdentityMap(rank)};
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  Value flipped =
      linalg::GenericOp::create(
          b, loc, TypeRange{resultType}, grouped,
          ValueRange{createEmpty(b, loc, resultType)}, maps, iterators,
          [](OpBuilder &nb, Location nl, ValueRange args) {
            linalg::YieldOp::create(nb, nl, args[0]);
          })
          .getResult(0);
  return mergeDims(b, loc, flipped, 0);
}

struct ConvTransposeOpLowering : public OpConversionPattern<ConvTransposeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConvTransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Value input = adaptor.getInput(), weight = adaptor.getWeight();
    ArrayRef<int64_t> strides = op.getStrides(), pads = op.getPads(),
                      dilations = op.getDilations();
    if (failed(checkConvOperands(op, input, weight, strides, pads, dilations,
                                 op.getGroup(), resultType.getDimSize(1))))
      return failure();
    int64_t spatialRank = resultType.getRank() - 2;
    SmallVector<int64_t> outputPadding(op.getOutputPadding());
    if (outputPadding.empty())
      outputPadding.assign(spatialRank, 0);
    if ((int64_t)outputPadding.size() != spatialRank)
      return reportUnsupported(op, "output_padding needs one entry per "
                                   "spatial axis");
    int64_t group = op.getGroup();
    auto inputType = cast<RankedTensorType>(input.getType());
    auto weightType = cast<RankedTensorType>(weight.getType());
    Type elementType = resultType.getElementType();
    Value zero = createScalar(rewriter, loc, elementType, 0.0);

    // 1. Spread the input: (I - 1) * s + 1 positions, input at multiples of s.
    Value spread = input;
    if (llvm::any_of(strides, [](int64_t s) { return s != 1; })) {
      SmallVector<int64_t> spreadShape(inputType.getShape().take_front(2));
      SmallVector<OpFoldResult> offsets(inputType.getRank(),
                                        rewriter.getIndexAttr(0));
      SmallVector<OpFoldResult> sizes,
          steps = {rewriter.getIndexAttr(1), rewriter.getIndexAttr(1)};
      for (int64_t i = 0; i < inputType.getRank(); ++i)
        sizes.push_back(rewriter.getIndexAttr(inputType.getDimSize(i)));
      for (int64_t i = 0; i < spatialRank; ++i) {
        spreadShape.push_back((inputType.getDimSize(2 + i) - 1) * strides[i] +
                              1);
        steps.push_back(rewriter.getIndexAttr(strides[i]));
      }
      Value zeros = createFilled(
          rewriter, loc, RankedTensorType::get(spreadShape, elementType), zero);
      spread = tensor::InsertSliceOp::create(rewriter, loc, input, zeros,
                                             offsets, sizes, steps);
    }

    // 2. Pad by d * (k - 1) - pad on each side (negative amounts crop), and
    //    by output_padding more at the end.
    SmallVector<int64_t> low = {0, 0}, high = {0, 0};
    for (int64_t i = 0; i < spatialRank; ++i) {
      int64_t reach = dilations[i] * (weightType.getDimSize(2 + i) - 1);
      low.push_back(reach - pads[i]);
      high.push_back(reach - pads[spatialRank + i] + outputPadding[i]);
    }
    Value padded = padOrCrop(rewriter, loc, spread, low, high, zero);

    // 3. Direct convolution with the flipped kernel, stride 1.
    Value flipped = flipTransposedWeight(rewriter, loc, weight, group);
    Value init = createConvInit(rewriter, loc, resultType, adaptor.getBias());
    SmallVector<int64_t> unitStrides(spatialRank, 1);
    rewriter.replaceOp(op,
                       buildConvolution(rewriter, loc, padded, flipped, init,
                                        unitStrides, dilations, group));
    return success();
  }
};

} // namespace

void mote::lowering::populateConvPatterns(RewritePatternSet &patterns) {
  patterns.add<ConvOpLowering, ConvTransposeOpLowering>(patterns.getContext());
}
