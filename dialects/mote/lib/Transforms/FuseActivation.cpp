//===- FuseActivation.cpp - fuse bias adds and activations ----------------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Two rewrites that let conv, gemm and matmul finish their own epilogue:
//  - `add(producer, constant)` whose constant is the same for every element of
//    an output channel becomes part of the producer's bias;
//  - an activation of the producer's result becomes its `activation`.
// Both need the producer to have a single user and no activation yet.
//
//===----------------------------------------------------------------------===//

#include "FusionUtils.h"
#include "mote/Dialect/Mote/Transforms/Passes.h"

#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mote {
#define GEN_PASS_DEF_MOTEFUSEACTIVATION
#include "mote/Dialect/Mote/Transforms/Passes.h.inc"
} // namespace mote

using namespace mlir;
using namespace mote;
using namespace mote::detail;

namespace {

/// The fused-activation state of a conv, gemm or matmul, or std::nullopt for
/// any other op.
std::optional<Activation> getProducerActivation(Operation *op) {
  if (auto conv = dyn_cast_if_present<ConvOp>(op))
    return conv.getActivation();
  if (auto gemm = dyn_cast_if_present<GemmOp>(op))
    return gemm.getActivation();
  if (auto matmul = dyn_cast_if_present<MatMulOp>(op))
    return matmul.getActivation();
  return std::nullopt;
}

/// Reads a constant that, broadcast against a result of `outShape`, is the
/// same for every element of a channel along `channelAxis`: every axis has
/// size 1 except, possibly, the channel axis. Returns one value per channel.
std::optional<SmallVector<float>>
getPerChannelConstant(Value value, ArrayRef<int64_t> outShape,
                      int64_t channelAxis) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || type.getRank() > static_cast<int64_t>(outShape.size()))
    return std::nullopt;
  int64_t channels = outShape[channelAxis];
  int64_t offset = outShape.size() - type.getRank();
  bool varies = false;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    int64_t size = type.getDimSize(d);
    if (d + offset == channelAxis && size == channels) {
      varies = true;
      continue;
    }
    if (size != 1)
      return std::nullopt;
  }
  std::optional<SmallVector<float>> values = getConstantFloats(value);
  if (!values)
    return std::nullopt;
  if (!varies)
    return SmallVector<float>(channels, values->front());
  return values;
}

/// add(producer, per-channel constant) -> producer with a shifted bias.
struct FuseBiasAdd : OpRewritePattern<AddOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(AddOp add,
                                PatternRewriter &rewriter) const override {
    for (auto [producerValue, constant] :
         {std::pair(add.getLhs(), add.getRhs()),
          std::pair(add.getRhs(), add.getLhs())}) {
      Operation *producer = producerValue.getDefiningOp();
      std::optional<Activation> activation = getProducerActivation(producer);
      if (!activation || !canAbsorbIntoResult(producer, *activation) ||
          producerValue.getType() != add.getType() ||
          !isa<FloatType>(add.getType().getElementType()))
        continue;
      ArrayRef<int64_t> outShape = add.getType().getShape();
      int64_t channelAxis =
          isa<ConvOp>(producer) ? 1 : static_cast<int64_t>(outShape.size()) - 1;
      std::optional<SmallVector<float>> shift =
          getPerChannelConstant(constant, outShape, channelAxis);
      if (!shift)
        continue;
      Value fused;
      if (auto conv = dyn_cast<ConvOp>(producer))
        fused = addToBias(conv, conv.getBias(), *shift, rewriter);
      else if (auto matmul = dyn_cast<MatMulOp>(producer))
        fused = matmul.getB().getType().getRank() >= 2
                    ? addToBias(matmul, matmul.getBias(), *shift, rewriter)
                    : Value();
      else
        fused = addToGemm(cast<GemmOp>(producer), *shift, rewriter);
      if (!fused)
        continue;
      rewriter.replaceOp(add, fused);
      rewriter.eraseOp(producer);
      return success();
    }
    return rewriter.notifyMatchFailure(add, "no per-channel bias to fuse");
  }

  /// Conv and matmul: operands (x, weight, [bias]), bias of shape [channels].
  template <typename OpTy>
  static Value addToBias(OpTy op, Value bias, ArrayRef<float> shift,
                         PatternRewriter &rewriter) {
    int64_t channels = shift.size();
    SmallVector<float> values(channels, 0.0f);
    if (bias) {
      std::optional<SmallVector<float>> old = getConstantFloats(bias);
      if (!old)
        return {};
      values = std::move(*old);
    }
    for (int64_t c = 0; c < channels; ++c)
      values[c] += shift[c];
    Type elementType = op.getOutput().getType().getElementType();
    Value newBias = createFloatConstant(
        rewriter, op.getLoc(), RankedTensorType::get({channels}, elementType),
        values, "mote_fused_bias");
    SmallVector<Value> operands(op->getOperands().take_front(2));
    operands.push_back(newBias);
    return rebuildWithOperands(rewriter, op, operands);
  }

  static Value addToGemm(GemmOp gemm, ArrayRef<float> shift,
                         PatternRewriter &rewriter) {
    std::optional<GemmAddend> addend = getGemmAddend(gemm);
    if (!addend)
      return {};
    for (size_t i = 0; i < addend->values.size(); ++i)
      addend->values[i] += shift[addend->column(i)];
    Type elementType = gemm.getOutput().getType().getElementType();
    Value newC =
        createFloatConstant(rewriter, gemm.getLoc(),
                            RankedTensorType::get(addend->shape, elementType),
                            addend->values, "mote_fused_bias");
    GemmOp fused =
        rebuildWithOperands(rewriter, gemm, {gemm.getA(), gemm.getB(), newC});
    fused.setBetaAttr(rewriter.getF32FloatAttr(1.0f));
    return fused;
  }
};

/// The activation an elementwise op computes, with its parameters.
std::pair<Activation, SmallVector<float>> describeActivation(Operation *op) {
  if (isa<ReluOp>(op))
    return {Activation::relu, {}};
  if (isa<SigmoidOp>(op))
    return {Activation::sigmoid, {}};
  if (isa<TanhOp>(op))
    return {Activation::tanh, {}};
  if (isa<HardSwishOp>(op))
    return {Activation::hard_swish, {}};
  if (auto clip = dyn_cast<ClipOp>(op))
    return {Activation::clip,
            {static_cast<float>(clip.getMin().convertToDouble()),
             static_cast<float>(clip.getMax().convertToDouble())}};
  if (auto leaky = dyn_cast<LeakyReluOp>(op))
    return {Activation::leaky_relu, {leaky.getAlpha().convertToFloat()}};
  auto hardSigmoid = cast<HardSigmoidOp>(op);
  return {Activation::hard_sigmoid,
          {hardSigmoid.getAlpha().convertToFloat(),
           hardSigmoid.getBeta().convertToFloat()}};
}

/// activation(producer) -> producer {activation = ...}.
template <typename ActivationOp>
struct FuseActivationPattern : OpRewritePattern<ActivationOp> {
  using OpRewritePattern<ActivationOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(ActivationOp op,
                                PatternRewriter &rewriter) const override {
    Value input = op.getInput();
    Operation *producer = input.getDefiningOp();
    std::optional<Activation> current = getProducerActivation(producer);
    if (!current || !canAbsorbIntoResult(producer, *current) ||
        input.getType() != op.getType())
      return rewriter.notifyMatchFailure(op, "no producer to fuse into");
    std::pair<Activation, SmallVector<float>> described =
        describeActivation(op);
    auto activationAttr = ActivationAttr::get(op.getContext(), described.first);
    auto paramsAttr = rewriter.getDenseF32ArrayAttr(described.second);
    rewriter.modifyOpInPlace(producer, [&] {
      producer->setAttr("activation", activationAttr);
      producer->setAttr("activation_params", paramsAttr);
    });
    rewriter.replaceOp(op, input);
    return success();
  }
};

struct MoteFuseActivationPass
    : mote::impl::MoteFuseActivationBase<MoteFuseActivationPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<
        FuseBiasAdd, FuseActivationPattern<ReluOp>,
        FuseActivationPattern<ClipOp>, FuseActivationPattern<LeakyReluOp>,
        FuseActivationPattern<SigmoidOp>, FuseActivationPattern<HardSigmoidOp>,
        FuseActivationPattern<HardSwishOp>, FuseActivationPattern<TanhOp>>(
        &getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
