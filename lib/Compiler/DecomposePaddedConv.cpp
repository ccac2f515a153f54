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
#include "mlir/Interfaces/DestinationStyleOpInterface.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/MathExtras.h"

#include <limits>

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
LogicalResult decomposeConv(RewriterBase &rewriter, linalg::LinalgOp conv,
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

/// The estimate of the arena that decides which convolutions to rewrite:
/// byte liveness over the tensor program, in the function body's order.
///
/// A buffer is a set of tensor values that bufferization writes into one
/// allocation: a destination-style op's results and their inits,
/// `tensor.extract_slice` / reshapes / casts and their sources. It is live
/// from the first op that defines one of its values to the last op that uses
/// one (the top-level op containing the use), and takes the bytes of its
/// largest value. Function arguments and constants are not in the arena, so
/// they are left out, as in mote-plan-arena; returned values stay live to the
/// end. A padded copy that is the last use of its source holds that source in
/// its interior (mote-plan-arena's copy elision), so the two share a buffer
/// of the padded size. The estimate ignores the planner's reordering and
/// in-place elementwise ops: it only has to rank the pads by what they cost
/// at the peak.
class ArenaEstimate {
public:
  explicit ArenaEstimate(Block &body) : body(body) {
    for (auto [index, op] : llvm::enumerate(body))
      position[&op] = index;
  }

  /// The peak live bytes when only the pads in `kept` materialize their
  /// padded copy; the convolutions of the other pads read the pad's source.
  /// Sets `peakPoint` to the first op at the peak and `livePads` to the kept
  /// pads whose copy is live there.
  uint64_t getPeak(const llvm::SetVector<tensor::PadOp> &kept,
                   unsigned &peakPoint, SmallVector<tensor::PadOp> &livePads);

private:
  /// Union-find over the tensor values that may live in the arena.
  unsigned find(unsigned id) {
    while (parent[id] != id)
      id = parent[id] = parent[parent[id]];
    return id;
  }
  void unite(Value a, Value b) {
    auto itA = valueIds.find(a), itB = valueIds.find(b);
    if (itA == valueIds.end() || itB == valueIds.end())
      return;
    parent[find(itA->second)] = find(itB->second);
  }

  Block &body;
  DenseMap<Operation *, unsigned> position;
  DenseMap<Value, unsigned> valueIds;
  SmallVector<unsigned> parent;
};

/// Bytes of a statically shaped tensor, rounded up to whole bytes per
/// element; nullopt for other types.
std::optional<uint64_t> getTensorBytes(Type type) {
  auto tensorType = dyn_cast<RankedTensorType>(type);
  if (!tensorType || !tensorType.hasStaticShape() ||
      !tensorType.getElementType().isIntOrIndexOrFloat())
    return std::nullopt;
  unsigned bits = tensorType.getElementType().isIndex()
                      ? 64
                      : tensorType.getElementTypeBitWidth();
  return tensorType.getNumElements() * llvm::divideCeil(bits, 8);
}

uint64_t ArenaEstimate::getPeak(const llvm::SetVector<tensor::PadOp> &kept,
                                unsigned &peakPoint,
                                SmallVector<tensor::PadOp> &livePads) {
  valueIds.clear();
  parent.clear();
  SmallVector<Value> values;
  SmallVector<uint64_t> bytes;
  for (Operation &op : body) {
    if (matchPattern(&op, m_Constant()))
      continue;
    for (Value result : op.getResults()) {
      std::optional<uint64_t> size = getTensorBytes(result.getType());
      if (!size)
        continue;
      auto pad = dyn_cast<tensor::PadOp>(op);
      // A pad that is rewritten away has no copy: its convolutions read the
      // source, whose buffer the pad's value stands for.
      if (pad && !kept.contains(pad))
        size = 0;
      valueIds[result] = values.size();
      parent.push_back(values.size());
      values.push_back(result);
      bytes.push_back(*size);
    }
  }

  // Aliases: the values bufferization writes into one buffer.
  for (Operation &op : body) {
    if (auto dps = dyn_cast<DestinationStyleOpInterface>(op)) {
      for (OpResult result : op.getResults())
        if (isa<RankedTensorType>(result.getType()))
          unite(result, dps.getTiedOpOperand(result)->get());
      continue;
    }
    if (isa<tensor::ExtractSliceOp, tensor::CollapseShapeOp,
            tensor::ExpandShapeOp, tensor::CastOp, tensor::ReshapeOp>(op))
      unite(op.getResult(0), op.getOperand(0));
    else if (auto pad = dyn_cast<tensor::PadOp>(op); pad && !kept.contains(pad))
      unite(pad.getResult(), pad.getSource());
  }

  // Live ranges per buffer, before the elided copies join their sources.
  auto computeRanges = [&](SmallVector<unsigned> &begin,
                           SmallVector<unsigned> &end) {
    begin.assign(values.size(), std::numeric_limits<unsigned>::max());
    end.assign(values.size(), 0);
    unsigned last = body.getOperations().size() - 1;
    for (auto [id, value] : llvm::enumerate(values)) {
      unsigned root = find(id);
      unsigned def =
          position[body.findAncestorOpInBlock(*value.getDefiningOp())];
      begin[root] = std::min(begin[root], def);
      end[root] = std::max(end[root], def);
      for (Operation *user : value.getUsers()) {
        Operation *ancestor = body.findAncestorOpInBlock(*user);
        if (!ancestor)
          continue;
        unsigned use = ancestor->hasTrait<OpTrait::IsTerminator>()
                           ? last
                           : position[ancestor];
        end[root] = std::max(end[root], use);
      }
    }
  };
  SmallVector<unsigned> begin, end;
  computeRanges(begin, end);
  bool elided = false;
  for (tensor::PadOp pad : kept) {
    auto source = valueIds.find(pad.getSource());
    if (source == valueIds.end() ||
        end[find(source->second)] != position[pad.getOperation()])
      continue;
    unite(pad.getResult(), pad.getSource());
    elided = true;
  }
  if (elided)
    computeRanges(begin, end);

  SmallVector<uint64_t> bufferBytes(values.size(), 0);
  for (auto [id, size] : llvm::enumerate(bytes))
    bufferBytes[find(id)] = std::max(bufferBytes[find(id)], size);

  uint64_t peak = 0;
  peakPoint = 0;
  for (unsigned point = 0, e = body.getOperations().size(); point < e;
       ++point) {
    uint64_t live = 0;
    for (unsigned id = 0, n = values.size(); id < n; ++id)
      if (find(id) == id && begin[id] <= point && point <= end[id])
        live += bufferBytes[id];
    if (live > peak) {
      peak = live;
      peakPoint = point;
    }
  }
  livePads.clear();
  for (tensor::PadOp pad : kept) {
    unsigned root = find(valueIds.lookup(pad.getResult()));
    if (begin[root] <= peakPoint && peakPoint <= end[root])
      livePads.push_back(pad);
  }
  return peak;
}

/// Picks the pads whose convolutions are rewritten under `decompose=peak`:
/// F is the estimated peak with no padded copy at all; while the estimate
/// with the remaining copies is above F, the largest copy live at the peak
/// goes. A copy that is not at the peak costs no arena bytes, and keeping it
/// saves the border regions' code.
llvm::SetVector<tensor::PadOp>
choosePadsAtPeak(Block &body, ArrayRef<tensor::PadOp> candidates) {
  ArenaEstimate estimate(body);
  unsigned peakPoint;
  SmallVector<tensor::PadOp> livePads;
  uint64_t floor = estimate.getPeak({}, peakPoint, livePads);
  llvm::SetVector<tensor::PadOp> kept(llvm::from_range, candidates);
  llvm::SetVector<tensor::PadOp> chosen;
  auto paddedBytes = [](tensor::PadOp pad) {
    return getTensorBytes(pad.getResult().getType()).value_or(0);
  };
  while (!kept.empty() && estimate.getPeak(kept, peakPoint, livePads) > floor) {
    // No copy live at the peak means the copies raise it only through the
    // sources they hold: fall back to the largest copy left.
    ArrayRef<tensor::PadOp> pool =
        livePads.empty() ? kept.getArrayRef() : ArrayRef(livePads);
    tensor::PadOp largest =
        *llvm::max_element(pool, [&](tensor::PadOp a, tensor::PadOp b) {
          return paddedBytes(a) < paddedBytes(b);
        });
    kept.remove(largest);
    chosen.insert(largest);
  }
  return chosen;
}

struct MoteDecomposePaddedConvPass
    : public mote::impl::MoteDecomposePaddedConvBase<
          MoteDecomposePaddedConvPass> {
  using Base::Base;

  void runOnOperation() override {
    if (decomposeMode != "all" && decomposeMode != "peak") {
      getOperation()->emitError()
          << "mote-decompose-padded-conv: unknown decompose='" << decomposeMode
          << "'; use 'peak' (only the padded copies that set the arena's "
             "peak) or 'all'";
      return signalPassFailure();
    }
    IRRewriter rewriter(&getContext());
    getOperation()->walk([&](FunctionOpInterface function) {
      if (function.isExternal())
        return;
      // The convolutions reading each zero pad, in program order.
      llvm::MapVector<tensor::PadOp, SmallVector<linalg::LinalgOp>> convsOfPad;
      function->walk([&](linalg::LinalgOp op) {
        if (!isa<linalg::DepthwiseConv2DNchwChwOp, linalg::Conv2DNchwFchwOp>(
                *op) ||
            !op.hasPureTensorSemantics())
          return;
        if (tensor::PadOp pad =
                getSpatialZeroPad(op.getDpsInputOperand(0)->get()))
          convsOfPad[pad].push_back(op);
      });

      SmallVector<tensor::PadOp> pads;
      for (auto &entry : convsOfPad) {
        tensor::PadOp pad = entry.first;
        ArrayRef<linalg::LinalgOp> convs = entry.second;
        // Under `peak` a pad that something else also reads keeps its copy
        // anyway: rewriting its convolutions would save no bytes.
        bool onlyConvs = llvm::all_of(pad->getUsers(), [&](Operation *user) {
          return llvm::is_contained(convs, user);
        });
        if (decomposeMode == "all" || onlyConvs)
          pads.push_back(pad);
      }
      llvm::SetVector<tensor::PadOp> chosen =
          decomposeMode == "all"
              ? llvm::SetVector<tensor::PadOp>(llvm::from_range, pads)
              : choosePadsAtPeak(function.getFunctionBody().front(), pads);
      for (tensor::PadOp pad : chosen)
        for (linalg::LinalgOp conv : convsOfPad[pad])
          (void)decomposeConv(rewriter, conv, pad,
                              isa<linalg::DepthwiseConv2DNchwChwOp>(*conv));
    });
  }
};

} // namespace
