//===- ExpandMath.cpp - math ops without libm -----------------------------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Firmware images link no libm (and newlib has no roundevenf), so every math
// op that the LLVM backends would turn into a library call is rewritten into
// plain arithmetic here, before the LLVM conversion.
//
//===----------------------------------------------------------------------===//

#include "mote/Compiler/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>
#include <limits>

namespace mote {
#define GEN_PASS_DEF_MOTEEXPANDMATH
#include "mote/Compiler/Passes.h.inc"
} // namespace mote

using namespace mlir;

namespace {

/// Which way ExpandRoundingPattern rounds.
enum class Rounding { Down, Up, TowardZero, HalfAwayFromZero };

/// Rounds scalar f32/f64 `math.floor`, `math.ceil`, `math.trunc` or
/// `math.round` through a same-width integer
/// conversion. Upstream does not expand floor and trunc, and expands ceil
/// and round (which its roundeven expansion uses) through i64, which costs
/// libgcc calls on 32-bit cores; LLVM turns them into floorf/truncf calls on
/// cores without rounding instructions (Cortex-M4). Values of magnitude
/// 2^mantissa or more are already integral and, like NaN and infinities, pass
/// through unchanged; copysign keeps the sign of -0.0.
template <typename OpTy, Rounding rounding>
struct ExpandRoundingPattern : public OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    auto floatType = dyn_cast<FloatType>(op.getType());
    if (!floatType || !(floatType.isF32() || floatType.isF64()))
      return rewriter.notifyMatchFailure(op, "only scalar f32 and f64");
    Location loc = op.getLoc();
    Value x = op.getOperand();
    bool isF32 = floatType.isF32();
    // Integers of this many bits hold every non-integral value exactly.
    Type intType = rewriter.getIntegerType(isF32 ? 32 : 64);
    double limit = isF32 ? 8388608.0 /*2^23*/ : 4503599627370496.0 /*2^52*/;

    Value asInt = arith::FPToSIOp::create(rewriter, loc, intType, x);
    Value truncated = arith::SIToFPOp::create(rewriter, loc, floatType, asInt);
    Value rounded = truncated;
    if (rounding == Rounding::HalfAwayFromZero) {
      // Comparing the exact fraction avoids the x + 0.5 rounding error.
      Value fraction = math::AbsFOp::create(
          rewriter, loc, arith::SubFOp::create(rewriter, loc, x, truncated));
      Value half = arith::ConstantOp::create(
          rewriter, loc, rewriter.getFloatAttr(floatType, 0.5));
      Value one = arith::ConstantOp::create(
          rewriter, loc, rewriter.getFloatAttr(floatType, 1.0));
      Value away = arith::AddFOp::create(
          rewriter, loc, truncated,
          math::CopySignOp::create(rewriter, loc, one, x));
      Value roundAway = arith::CmpFOp::create(
          rewriter, loc, arith::CmpFPredicate::OGE, fraction, half);
      rounded =
          arith::SelectOp::create(rewriter, loc, roundAway, away, truncated);
    } else if (rounding != Rounding::TowardZero) {
      bool down = rounding == Rounding::Down;
      Value one = arith::ConstantOp::create(
          rewriter, loc, rewriter.getFloatAttr(floatType, down ? -1.0 : 1.0));
      Value step = arith::AddFOp::create(rewriter, loc, truncated, one);
      Value wrongSide = arith::CmpFOp::create(rewriter, loc,
                                              down ? arith::CmpFPredicate::OGT
                                                   : arith::CmpFPredicate::OLT,
                                              truncated, x);
      rounded =
          arith::SelectOp::create(rewriter, loc, wrongSide, step, truncated);
    }
    rounded = math::CopySignOp::create(rewriter, loc, rounded, x);
    Value magnitude = math::AbsFOp::create(rewriter, loc, x);
    Value limitValue = arith::ConstantOp::create(
        rewriter, loc, rewriter.getFloatAttr(floatType, limit));
    Value fractional = arith::CmpFOp::create(
        rewriter, loc, arith::CmpFPredicate::OLT, magnitude, limitValue);
    rewriter.replaceOpWithNewOp<arith::SelectOp>(op, fractional, rounded, x);
    return success();
  }
};

/// Computes scalar `math.sqrt` by Newton's iteration, for cores without a
/// floating-point square-root instruction (Cortex-M0+, rv32imac; f64 on
/// Cortex-M4F), where LLVM would call libm's sqrtf/sqrt. The first guess
/// halves the exponent in the integer bits; each iteration
/// y = (y + x / y) / 2 doubles the correct bits, so four (f32) or five (f64)
/// iterations reach the last bit. Inputs below 2^-60 (f32) or 2^-500 (f64),
/// subnormals included, are scaled up by an even power of two first, so the
/// guess stays good. Zeros (with their sign), +inf and NaN pass through;
/// negative inputs give NaN.
struct ExpandSqrtPattern : public OpRewritePattern<math::SqrtOp> {
  ExpandSqrtPattern(MLIRContext *context, bool expandF32, bool expandF64)
      : OpRewritePattern(context, /*benefit=*/2), expandF32(expandF32),
        expandF64(expandF64) {}

  LogicalResult matchAndRewrite(math::SqrtOp op,
                                PatternRewriter &rewriter) const override {
    auto floatType = dyn_cast<FloatType>(op.getType());
    if (!floatType || !((floatType.isF32() && expandF32) ||
                        (floatType.isF64() && expandF64)))
      return rewriter.notifyMatchFailure(
          op, "not a scalar f32/f64 the target lacks a square root for");
    bool isF32 = floatType.isF32();
    Location loc = op.getLoc();
    Type intType = rewriter.getIntegerType(isF32 ? 32 : 64);
    auto floatConstant = [&](double value) -> Value {
      return arith::ConstantOp::create(rewriter, loc,
                                       rewriter.getFloatAttr(floatType, value));
    };
    auto intConstant = [&](uint64_t value) -> Value {
      return arith::ConstantOp::create(rewriter, loc,
                                       rewriter.getIntegerAttr(intType, value));
    };
    Value x = op.getOperand();

    // Tiny inputs: sqrt(x) = sqrt(x * 2^2k) / 2^k.
    int scaleExponent = isF32 ? 60 : 500;
    Value tiny = arith::CmpFOp::create(
        rewriter, loc, arith::CmpFPredicate::OLT, x,
        floatConstant(std::ldexp(1.0, -scaleExponent)));
    Value scaledUp = arith::MulFOp::create(
        rewriter, loc, x, floatConstant(std::ldexp(1.0, 2 * scaleExponent)));
    Value input = arith::SelectOp::create(rewriter, loc, tiny, scaledUp, x);

    // Half the exponent: a guess within a few percent.
    Value bits = arith::BitcastOp::create(rewriter, loc, intType, input);
    Value halved = arith::ShRUIOp::create(rewriter, loc, bits, intConstant(1));
    Value guessBits = arith::AddIOp::create(
        rewriter, loc, halved,
        intConstant(isF32 ? 0x1fbd1df5u : 0x1ff7a3bea91d9b1bull));
    Value y = arith::BitcastOp::create(rewriter, loc, floatType, guessBits);
    Value half = floatConstant(0.5);
    for (int iteration = 0, e = isF32 ? 4 : 5; iteration < e; ++iteration) {
      Value quotient = arith::DivFOp::create(rewriter, loc, input, y);
      Value sum = arith::AddFOp::create(rewriter, loc, y, quotient);
      y = arith::MulFOp::create(rewriter, loc, sum, half);
    }
    Value scaledDown = arith::MulFOp::create(
        rewriter, loc, y, floatConstant(std::ldexp(1.0, -scaleExponent)));
    y = arith::SelectOp::create(rewriter, loc, tiny, scaledDown, y);

    // Special values: 0 and -0 give themselves, +inf and NaN pass through,
    // negative numbers give NaN.
    Value zero = floatConstant(0.0);
    Value isZero = arith::CmpFOp::create(rewriter, loc,
                                         arith::CmpFPredicate::OEQ, x, zero);
    Value isInfinite = arith::CmpFOp::create(
        rewriter, loc, arith::CmpFPredicate::OEQ, x,
        floatConstant(std::numeric_limits<double>::infinity()));
    Value passThrough = arith::OrIOp::create(
        rewriter, loc,
        arith::OrIOp::create(rewriter, loc, isZero, isInfinite),
        arith::CmpFOp::create(rewriter, loc, arith::CmpFPredicate::UNO, x, x));
    Value negative = arith::CmpFOp::create(
        rewriter, loc, arith::CmpFPredicate::OLT, x, zero);
    Value result = arith::SelectOp::create(
        rewriter, loc, negative,
        floatConstant(std::numeric_limits<double>::quiet_NaN()), y);
    rewriter.replaceOpWithNewOp<arith::SelectOp>(op, passThrough, x, result);
    return success();
  }

  bool expandF32, expandF64;
};

struct MoteExpandMathPass
    : public mote::impl::MoteExpandMathBase<MoteExpandMathPass> {
  using Base::Base;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    auto everyOp = [](StringRef) { return true; };
    // f16/bf16 math runs in f32, where the approximations exist.
    populateMathF32ExpansionPatterns(patterns, everyOp);
    // exp, log, tanh, erf, sin, cos, ... as polynomials.
    populateMathPolynomialApproximationPatterns(patterns, everyOp);
    // floor, ceil, round, roundeven, powf, fma, rsqrt, hyperbolic
    // functions, ... into simpler ops, including the ones the
    // approximations above produce.
    math::populateExpansionPatterns(patterns);
    // maximumf/minimumf/maxnumf/minnumf as compare + select: Arm without
    // FPv5 would otherwise call fmaxf/fminf.
    arith::populateArithExpandOpsPatterns(patterns);
    patterns
        .add<ExpandRoundingPattern<math::FloorOp, Rounding::Down>,
             ExpandRoundingPattern<math::CeilOp, Rounding::Up>,
             ExpandRoundingPattern<math::TruncOp, Rounding::TowardZero>,
             ExpandRoundingPattern<math::RoundOp, Rounding::HalfAwayFromZero>>(
            &getContext(), /*benefit=*/2);
    if (expandF32Sqrt || expandF64Sqrt)
      patterns.add<ExpandSqrtPattern>(&getContext(), expandF32Sqrt,
                                      expandF64Sqrt);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
