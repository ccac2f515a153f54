//===- FoldBatchNorm.cpp - fold batch_norm into conv/gemm/matmul ----------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Inference-mode batch normalization is an affine map per channel:
//   y = factor[c] * x + shift[c],  factor = scale / sqrt(var + epsilon),
//                                  shift  = bias - mean * factor.
// When x is the output of a conv, gemm or 2-d matmul with constant weights,
// scaling the weights of output channel c by factor[c] and replacing the bias
// b[c] by b[c] * factor[c] + shift[c] gives the same result with one op less.
//
//===----------------------------------------------------------------------===//

#include "FusionUtils.h"
#include "mote/Dialect/Mote/Transforms/Passes.h"

#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>

namespace mote {
#define GEN_PASS_DEF_MOTEFOLDBATCHNORM
#include "mote/Dialect/Mote/Transforms/Passes.h.inc"
} // namespace mote

using namespace mlir;
using namespace mote;
using namespace mote::detail;

namespace {

/// The per-channel affine map of a batch_norm with constant parameters.
struct ChannelAffine {
  SmallVector<float> factor;
  SmallVector<float> shift;

  float apply(int64_t channel, float value) const {
    return value * factor[channel] + shift[channel];
  }
};

std::optional<ChannelAffine> getChannelAffine(BatchNormOp batchNorm) {
  auto scale = getConstantFloats(batchNorm.getScale());
  auto bias = getConstantFloats(batchNorm.getBias());
  auto mean = getConstantFloats(batchNorm.getMean());
  auto var = getConstantFloats(batchNorm.getVar());
  if (!scale || !bias || !mean || !var)
    return std::nullopt;
  float epsilon = batchNorm.getEpsilon().convertToFloat();
  ChannelAffine affine;
  for (size_t c = 0; c < scale->size(); ++c) {
    float factor = (*scale)[c] / std::sqrt((*var)[c] + epsilon);
    affine.factor.push_back(factor);
    affine.shift.push_back((*bias)[c] - (*mean)[c] * factor);
  }
  return affine;
}

/// The bias of output channel c of a conv or matmul, zero when absent.
std::optional<SmallVector<float>> getBiasOrZeros(Value bias, int64_t channels) {
  if (!bias)
    return SmallVector<float>(channels, 0.0f);
  return getConstantFloats(bias);
}

RankedTensorType vectorType(int64_t size, Type elementType) {
  return RankedTensorType::get({size}, elementType);
}

struct FoldBatchNormPattern : OpRewritePattern<BatchNormOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(BatchNormOp batchNorm,
                                PatternRewriter &rewriter) const override {
    if (!isa<FloatType>(batchNorm.getInput().getType().getElementType()))
      return rewriter.notifyMatchFailure(batchNorm, "not a float tensor");
    Operation *producer = batchNorm.getInput().getDefiningOp();
    if (!producer)
      return rewriter.notifyMatchFailure(batchNorm, "input is an argument");
    std::optional<ChannelAffine> affine = getChannelAffine(batchNorm);
    if (!affine)
      return rewriter.notifyMatchFailure(batchNorm,
                                         "statistics are not constant");
    Value replacement;
    if (auto conv = dyn_cast<ConvOp>(producer))
      replacement = foldIntoConv(conv, *affine, rewriter);
    else if (auto gemm = dyn_cast<GemmOp>(producer))
      replacement = foldIntoGemm(gemm, *affine, rewriter);
    else if (auto matmul = dyn_cast<MatMulOp>(producer))
      replacement = foldIntoMatMul(matmul, *affine, rewriter);
    if (!replacement)
      return rewriter.notifyMatchFailure(batchNorm,
                                         "producer cannot absorb it");
    rewriter.replaceOp(batchNorm, replacement);
    rewriter.eraseOp(producer);
    return success();
  }

  /// Conv weights are M x C/group x k...: output channel m owns the m-th
  /// contiguous block of weights, whatever the group count.
  static Value foldIntoConv(ConvOp conv, const ChannelAffine &affine,
                            PatternRewriter &rewriter) {
    if (!canAbsorbIntoResult(conv, conv.getActivation()))
      return {};
    RankedTensorType weightType = conv.getWeight().getType();
    int64_t channels = weightType.getDimSize(0);
    auto weights = getConstantFloats(conv.getWeight());
    auto bias = getBiasOrZeros(conv.getBias(), channels);
    if (!weights || !bias ||
        static_cast<int64_t>(affine.factor.size()) != channels)
      return {};
    int64_t block = weightType.getNumElements() / channels;
    for (int64_t i = 0, e = weights->size(); i < e; ++i)
      (*weights)[i] *= affine.factor[i / block];
    for (int64_t c = 0; c < channels; ++c)
      (*bias)[c] = affine.apply(c, (*bias)[c]);
    Location loc = conv.getLoc();
    Value newWeight = createFloatConstant(rewriter, loc, weightType, *weights,
                                          "mote_bn_weight");
    Value newBias = createFloatConstant(
        rewriter, loc, vectorType(channels, weightType.getElementType()), *bias,
        "mote_bn_bias");
    return rebuildWithOperands(rewriter, conv,
                               {conv.getInput(), newWeight, newBias});
  }

  /// y = alpha * op(a) * op(b) + beta * c: scale column n of op(b), and
  /// rewrite beta * c as a new c with beta = 1.
  static Value foldIntoGemm(GemmOp gemm, const ChannelAffine &affine,
                            PatternRewriter &rewriter) {
    if (!canAbsorbIntoResult(gemm, gemm.getActivation()))
      return {};
    RankedTensorType bType = gemm.getB().getType();
    int64_t columns = gemm.getOutput().getType().getDimSize(1);
    auto weights = getConstantFloats(gemm.getB());
    std::optional<GemmAddend> addend = getGemmAddend(gemm);
    if (!weights || !addend ||
        static_cast<int64_t>(affine.factor.size()) != columns)
      return {};
    bool transB = gemm.getTransB();
    int64_t innerSize = bType.getNumElements() / columns;
    for (int64_t i = 0, e = weights->size(); i < e; ++i)
      (*weights)[i] *= affine.factor[transB ? i / innerSize : i % columns];
    for (size_t i = 0; i < addend->values.size(); ++i)
      addend->values[i] = affine.apply(addend->column(i), addend->values[i]);
    Location loc = gemm.getLoc();
    Value newB =
        createFloatConstant(rewriter, loc, bType, *weights, "mote_bn_weight");
    Value newC = createFloatConstant(
        rewriter, loc,
        RankedTensorType::get(addend->shape, bType.getElementType()),
        addend->values, "mote_bn_bias");
    GemmOp folded =
        rebuildWithOperands(rewriter, gemm, {gemm.getA(), newB, newC});
    folded.setBetaAttr(rewriter.getF32FloatAttr(1.0f));
    return folded;
  }

  /// A 2-d matmul with a constant K x N rhs: scale column n.
  static Value foldIntoMatMul(MatMulOp matmul, const ChannelAffine &affine,
                              PatternRewriter &rewriter) {
    if (!canAbsorbIntoResult(matmul, matmul.getActivation()))
      return {};
    RankedTensorType bType = matmul.getB().getType();
    if (matmul.getA().getType().getRank() != 2 || bType.getRank() != 2)
      return {};
    int64_t columns = bType.getDimSize(1);
    auto weights = getConstantFloats(matmul.getB());
    auto bias = getBiasOrZeros(matmul.getBias(), columns);
    if (!weights || !bias ||
        static_cast<int64_t>(affine.factor.size()) != columns)
      return {};
    for (int64_t i = 0, e = weights->size(); i < e; ++i)
      (*weights)[i] *= affine.factor[i % columns];
    for (int64_t c = 0; c < columns; ++c)
      (*bias)[c] = affine.apply(c, (*bias)[c]);
    Location loc = matmul.getLoc();
    Value newB =
        createFloatConstant(rewriter, loc, bType, *weights, "mote_bn_weight");
    Value newBias = createFloatConstant(
        rewriter, loc, vectorType(columns, bType.getElementType()), *bias,
        "mote_bn_bias");
    return rebuildWithOperands(rewriter, matmul,
                               {matmul.getA(), newB, newBias});
  }
};

struct MoteFoldBatchNormPass
    : mote::impl::MoteFoldBatchNormBase<MoteFoldBatchNormPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldBatchNormPattern>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
