//===- DecomposePaddedConv.cpp - convolutions without a padded copy -------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// A zero-padded convolution reads a padded copy of its input, and that copy
// is live together with the convolution's output. On the small models that
// run on microcontrollers this pair is often the arena's peak. Zeros
// contribute nothing to the sum, so each output position only needs the
// kernel taps that read real input: the output is cut into regions that see
// the same taps, and each region is an unpadded convolution of those taps
// over a slice of the input. The padded copy disappears and the peak becomes
// input plus output.
//
// The pass lives in lib/Compiler, not lib/Conversion: it is a linalg-to-
// linalg rewrite chosen by the back end's optimization goal (it trades a few
// instructions for arena bytes), not a lowering of the mote dialect.
//
//===----------------------------------------------------------------------===//

#include "mote/Compiler/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/Support/MathExtras.h"

namespace mote {
#define GEN_PASS_DEF_MOTEDECOMPOSEPADDEDCONV
#include "mote/Compiler/Passes.h.inc"
} // namespace mote

using namespace mlir;

namespace {

/// The output positions `[begin, end)` along one spatial dimension at which
/// one kernel tap reads inside the unpadded input.
struct TapRange {
  int64_t begin = 0;
  int64_t end = 0;
  int64_t size() const { return end - begin; }
};

/// Output position `o` of a tap at kernel offset `k` reads padded index
/// `o * stride + k * dilation`, i.e. input index
/// `o * stride + k * dilation - padLow`, which must lie in `[0, inputSize)`.
TapRange computeTapRange(int64_t k, int64_t stride, int64_t dilation,
                         int64_t padLow, int64_t inputSize,
                         int64_t outputSize) {
  int64_t offset = k * dilation - padLow;
  TapRange range;
  range.begin = std::max<int64_t>(0, llvm::divideCeilSigned(-offset, stride));
  range.end = std::min<int64_t>(
      outputSize, llvm::divideFloorSigned(inputSize - 1 - offset, stride) + 1);
  if (range.end < range.begin)
    range.end = range.begin;
  return range;
}

/// The zero-padded source of `input` when `input` is a `tensor.pad` that adds
/// a static number of zeros to the two spatial dimensions of an NCHW tensor
/// only; null otherwise.
tensor::PadOp getSpatialZeroPad(Value input) {
  auto pad = input.getDefiningOp<tensor::PadOp>();
  if (!pad)
    return {};
  Value padValue = pad.getConstantPaddingValue();
  if (!padValue || !(matchPattern(padValue, m_AnyZeroFloat()) ||
                     matchPattern(padValue, m_Zero())))
    return {};
  auto sourceType = dyn_cast<RankedTensorType>(pad.getSource().getType());
  if (!sourceType || sourceType.getRank() != 4 || !sourceType.hasStaticShape())
    return {};
  ArrayRef<int64_t> low = pad.getStaticLow(), high = pad.getStaticHigh();
  for (int64_t amount : llvm::concat<const int64_t>(low, high))
    if (ShapedType::isDynamic(amount) || amount < 0)
      return {};
  // Batch and channel padding would change what is convolved, not just
  // where: leave those to the padded path.
  if (low[0] != 0 || low[1] != 0 || high[0] != 0 || high[1] != 0)
    return {};
  return pad;
}

/// A run of output positions `[begin, end)` along one spatial dimension over
/// which the kernel offsets that read inside the unpadded input are the same,
/// `[kernelBegin, kernelEnd)`.
struct OutputInterval {
  int64_t begin = 0;
  int64_t end = 0;
  int64_t kernelBegin = 0;
  int64_t kernelEnd = 0;
};

/// Cuts `[0, outputSize)` where some tap starts or stops reading real input.
/// Between two cuts every position sees the same taps, and they are
/// contiguous (the input index grows with the kernel offset). Positions that
/// see no tap (they only read padding) are left out.
SmallVector<OutputInterval> splitOutput(int64_t kernelSize, int64_t stride,
                                        int64_t dilation, int64_t padLow,
                                        int64_t inputSize, int64_t outputSize) {
  SmallVector<TapRange> taps;
  SmallVector<int64_t> cuts = {0, outputSize};
  for (int64_t k = 0; k < kernelSize; ++k) {
    taps.push_back(
        computeTapRange(k, stride, dilation, padLow, inputSize, outputSize));
    if (taps.back().size() > 0) {
      cuts.push_back(taps.back().begin);
      cuts.push_back(taps.back().end);
    }
  }
  llvm::sort(cuts);
  cuts.erase(llvm::unique(cuts), cuts.end());
  SmallVector<OutputInterval> intervals;
  for (auto [begin, end] :
       llvm::zip(ArrayRef(cuts).drop_back(), ArrayRef(cuts).drop_front())) {
    OutputInterval interval{begin, end, kernelSize, 0};
    for (auto [k, tap] : llvm::enumerate(taps)) {
      if (tap.begin <= begin && begin < tap.end) {
        interval.kernelBegin = std::min<int64_t>(interval.kernelBegin, k);
        interval.kernelEnd = std::max<int64_t>(interval.kernelEnd, k + 1);
      }
    }
    if (interval.kernelBegin < interval.kernelEnd)
      intervals.push_back(interval);
  }
  return intervals;
}

/// Rewrites one convolution whose input is a spatial zero pad. Returns
/// failure (and changes nothing) when the shapes are not static.
///
/// The output is cut into a grid of regions over each of which the same
/// kernel taps read real input (for a 3x3 kernel with padding 1: the four
/// corners, the four edges and the interior). Each region is an unpadded
/// convolution of the taps it sees over its slice of the input, written in
/// place into its slice of the output: every output element is computed
/// once, by a loop nest like the padded convolution's, so the rewrite costs
/// little besides the loop set-up of the small border regions. Taps that
/// never read the input vanish; regions that read only padding keep the
/// initial value (the bias).
LogicalResult decompose(RewriterBase &rewriter, linalg::LinalgOp conv,
                        tensor::PadOp pad, bool depthwise) {
  Value source = pad.getSource();
  Value weight = conv.getDpsInputOperand(1)->get();
  Value init = conv.getDpsInitOperand(0)->get();
  auto sourceType = cast<RankedTensorType>(source.getType());
  auto weightType = dyn_cast<RankedTensorType>(weight.getType());
  auto initType = dyn_cast<RankedTensorType>(init.getType());
  if (!weightType || !weightType.hasStaticShape() || !initType ||
      !initType.hasStaticShape())
    return failure();

  DenseIntElementsAttr stridesAttr, dilationsAttr;
  if (auto depthwiseOp = dyn_cast<linalg::DepthwiseConv2DNchwChwOp>(*conv)) {
    stridesAttr = depthwiseOp.getStrides();
    dilationsAttr = depthwiseOp.getDilations();
  } else {
    auto fullOp = cast<linalg::Conv2DNchwFchwOp>(*conv);
    stridesAttr = fullOp.getStrides();
    dilationsAttr = fullOp.getDilations();
  }
  auto strides = llvm::to_vector<2>(stridesAttr.getValues<int64_t>());
  auto dilations = llvm::to_vector<2>(dilationsAttr.getValues<int64_t>());

  // Depthwise weights are C x KH x KW, full ones F x C x KH x KW.
  ArrayRef<int64_t> weightShape = weightType.getShape();
  int64_t rank = weightShape.size();
  ArrayRef<int64_t> inputShape = sourceType.getShape();
  ArrayRef<int64_t> outputShape = initType.getShape();
  ArrayRef<int64_t> padLow = pad.getStaticLow();
  SmallVector<OutputInterval> rowIntervals =
      splitOutput(weightShape[rank - 2], strides[0], dilations[0], padLow[2],
                  inputShape[2], outputShape[2]);
  SmallVector<OutputInterval> colIntervals =
      splitOutput(weightShape[rank - 1], strides[1], dilations[1], padLow[3],
                  inputShape[3], outputShape[3]);

  Location loc = conv.getLoc();
  rewriter.setInsertionPoint(conv);
  auto index = [&](int64_t value) -> OpFoldResult {
    return rewriter.getIndexAttr(value);
  };
  SmallVector<OpFoldResult> unit4(4, index(1));
  // The input rows or columns an interval reads, from its first output
  // position's first tap to its last position's last tap.
  auto inputStart = [](const OutputInterval &interval, int64_t stride,
                       int64_t dilation, int64_t padLow) {
    return interval.begin * stride + interval.kernelBegin * dilation - padLow;
  };
  auto inputExtent = [](const OutputInterval &interval, int64_t stride,
                        int64_t dilation) {
    return (interval.end - interval.begin - 1) * stride +
           (interval.kernelEnd - interval.kernelBegin - 1) * dilation + 1;
  };

  Value output = init;
  for (const OutputInterval &rows : rowIntervals) {
    for (const OutputInterval &cols : colIntervals) {
      Value inputSlice = tensor::ExtractSliceOp::create(
          rewriter, loc, source,
          {index(0), index(0),
           index(inputStart(rows, strides[0], dilations[0], padLow[2])),
           index(inputStart(cols, strides[1], dilations[1], padLow[3]))},
          {index(inputShape[0]), index(inputShape[1]),
           index(inputExtent(rows, strides[0], dilations[0])),
           index(inputExtent(cols, strides[1], dilations[1]))},
          unit4);
      SmallVector<OpFoldResult> outputOffsets = {
          index(0), index(0), index(rows.begin), index(cols.begin)};
      SmallVector<OpFoldResult> outputSizes = {
          index(outputShape[0]), index(outputShape[1]),
          index(rows.end - rows.begin), index(cols.end - cols.begin)};
      Value outputSlice = tensor::ExtractSliceOp::create(
          rewriter, loc, output, outputOffsets, outputSizes, unit4);
      auto regionType = cast<RankedTensorType>(outputSlice.getType());

      // The taps this region sees; the channel dimensions are whole.
      SmallVector<OpFoldResult> weightOffsets(rank - 2, index(0));
      SmallVector<OpFoldResult> weightSizes;
      for (int64_t size : weightShape.drop_back(2))
        weightSizes.push_back(index(size));
      weightOffsets.append({index(rows.kernelBegin), index(cols.kernelBegin)});
      weightSizes.append({index(rows.kernelEnd - rows.kernelBegin),
                          index(cols.kernelEnd - cols.kernelBegin)});
      Value weightSlice = tensor::ExtractSliceOp::create(
          rewriter, loc, weight, weightOffsets, weightSizes,
          SmallVector<OpFoldResult>(rank, index(1)));

      // The named ops keep the original's element-type promotion rules.
      Value region;
      if (depthwise)
        region = linalg::DepthwiseConv2DNchwChwOp::create(
                     rewriter, loc, TypeRange{regionType},
                     ValueRange{inputSlice, weightSlice},
                     ValueRange{outputSlice}, stridesAttr, dilationsAttr)
                     .getResult(0);
      else
        region = linalg::Conv2DNchwFchwOp::create(
                     rewriter, loc, TypeRange{regionType},
                     ValueRange{inputSlice, weightSlice},
                     ValueRange{outputSlice}, stridesAttr, dilationsAttr)
                     .getResult(0);
      output = tensor::InsertSliceOp::create(rewriter, loc, region, output,
                                             outputOffsets, outputSizes, unit4);
    }
  }
  rewriter.replaceOp(conv, output);
  if (pad->use_empty())
    rewriter.eraseOp(pad);
  return success();
}

struct MoteDecomposePaddedConvPass
    : public mote::impl::MoteDecomposePaddedConvBase<
          MoteDecomposePaddedConvPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<std::pair<linalg::LinalgOp, tensor::PadOp>> candidates;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (!isa<linalg::DepthwiseConv2DNchwChwOp, linalg::Conv2DNchwFchwOp>(
              *op) ||
          !op.hasPureTensorSemantics())
        return;
      if (tensor::PadOp pad =
              getSpatialZeroPad(op.getDpsInputOperand(0)->get()))
        candidates.emplace_back(op, pad);
    });
    IRRewriter rewriter(&getContext());
    for (auto [conv, pad] : candidates)
      (void)decompose(rewriter, conv, pad,
                      isa<linalg::DepthwiseConv2DNchwChwOp>(*conv));
  }
};

} // namespace
