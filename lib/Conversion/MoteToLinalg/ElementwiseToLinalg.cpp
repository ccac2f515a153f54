//===- ElementwiseToLinalg.cpp - elementwise mote ops to linalg -----------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Unary, binary (numpy broadcasting), where and cast ops become one
// all-parallel linalg.generic each. Broadcasting is expressed in the
// indexing maps (size-1 dimensions read index 0), never materialized.
//
// Integer semantics follow the element type the mote op carries: unsigned
// tensors (`ui8`, from ONNX UINT8) divide, compare, take max/min and convert
// with the unsigned arith ops; the pass erases signedness afterwards (see
// eraseIntegerSignedness).
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mote;
using namespace mote::lowering;

namespace {

/// True for the 16-bit float types, which few targets compute in (x86
/// without AVX512-FP16, Cortex-M without the half-precision extension).
static bool isHalfFloat(Type type) { return type.isF16() || type.isBF16(); }

/// Runs `body` on `args` in f32 when they are f16 or bf16 and rounds a float
/// result back once: ONNX computes these types as if exactly, and rounding
/// every intermediate step (a quotient in Mod, the exponential in Sigmoid)
/// to 11 or 8 bits of precision would not match.
static Value buildInF32IfHalf(OpBuilder &b, Location loc, ValueRange args,
                              llvm::function_ref<Value(ValueRange)> body) {
  Type type = args.front().getType();
  if (!isHalfFloat(type))
    return body(args);
  SmallVector<Value> wide;
  for (Value arg : args)
    wide.push_back(arith::ExtFOp::create(b, loc, b.getF32Type(), arg));
  Value result = body(wide);
  if (!result.getType().isF32())
    return result; // a comparison's i1
  return arith::TruncFOp::create(b, loc, type, result);
}

//===----------------------------------------------------------------------===//
// Unary ops
//===----------------------------------------------------------------------===//

/// True when the unary op `op` is defined on integer tensors of
/// `elementType` too (ONNX Neg has no unsigned variant).
static bool acceptsIntegers(Operation *op, Type elementType) {
  if (isUnsignedInt(elementType))
    return isa<ReluOp, AbsOp, ClipOp, SignOp>(op);
  return isa<ReluOp, NegOp, AbsOp, ClipOp, SignOp>(op);
}

/// `alpha * (exp(x) - 1)`, through expm1 so that small |x| keeps its
/// relative precision.
static Value createScaledExpm1(OpBuilder &b, Location loc, Value x,
                               double alpha) {
  Value expm1 = math::ExpM1Op::create(b, loc, x);
  return arith::MulFOp::create(b, loc,
                               createScalar(b, loc, x.getType(), alpha), expm1);
}

/// Clamps a bound given as a double to the range of `type` so that it can be
/// materialized as a constant of that type (a missing Clip bound arrives as
/// the lowest/highest float).
static double clampToType(double value, Type type) {
  auto intType = dyn_cast<IntegerType>(type);
  if (!intType)
    return value;
  unsigned width = intType.getWidth();
  double lowest = intType.isUnsigned() ? 0.0 : -std::ldexp(1.0, width - 1);
  double highest = intType.isUnsigned() ? std::ldexp(1.0, width) - 1
                                        : std::ldexp(1.0, width - 1) - 1;
  return std::min(std::max(value, lowest), highest);
}

/// The scalar computation of a unary op on element `x`.
static Value buildUnaryScalar(Operation *op, OpBuilder &b, Location loc,
                              Value x) {
  Type type = x.getType();
  bool isF = isFloat(type);
  return llvm::TypeSwitch<Operation *, Value>(op)
      .Case([&](ReluOp) {
        return createMax(b, loc, x, createScalar(b, loc, type, 0.0));
      })
      .Case([&](SigmoidOp) { return createSigmoid(b, loc, x); })
      .Case([&](TanhOp) { return math::TanhOp::create(b, loc, x); })
      .Case([&](ErfOp) { return math::ErfOp::create(b, loc, x); })
      .Case([&](ExpOp) { return math::ExpOp::create(b, loc, x); })
      .Case([&](LogOp) { return math::LogOp::create(b, loc, x); })
      .Case([&](SqrtOp) { return math::SqrtOp::create(b, loc, x); })
      .Case([&](ReciprocalOp) {
        return arith::DivFOp::create(b, loc, createScalar(b, loc, type, 1.0),
                                     x);
      })
      .Case([&](NegOp) -> Value {
        if (isF)
          return arith::NegFOp::create(b, loc, x);
        return arith::SubIOp::create(b, loc, createScalar(b, loc, type, 0.0),
                                     x);
      })
      .Case([&](AbsOp) -> Value {
        if (isF)
          return math::AbsFOp::create(b, loc, x);
        if (isUnsignedInt(type))
          return x;
        return math::AbsIOp::create(b, loc, x);
      })
      .Case([&](HardSwishOp) {
        return arith::MulFOp::create(
            b, loc, x, createHardSigmoid(b, loc, x, 1.0 / 6.0, 0.5));
      })
      .Case([&](FloorOp) { return math::FloorOp::create(b, loc, x); })
      .Case([&](CeilOp) { return math::CeilOp::create(b, loc, x); })
      .Case([&](RoundOp) { return math::RoundEvenOp::create(b, loc, x); })
      .Case([&](SignOp) -> Value {
        Value zero = createScalar(b, loc, type, 0.0);
        Value one = createScalar(b, loc, type, 1.0);
        Value minusOne = createScalar(b, loc, type, -1.0);
        Value positive, negative;
        if (isF) {
          positive = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT,
                                           x, zero);
          negative = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT,
                                           x, zero);
        } else if (isUnsignedInt(type)) {
          // Never negative; -1 does not exist and is never selected.
          positive = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ugt,
                                           x, zero);
          negative = arith::ConstantOp::create(b, loc, b.getBoolAttr(false));
        } else {
          positive = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt,
                                           x, zero);
          negative = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt,
                                           x, zero);
        }
        // Zero (and NaN) stay themselves.
        Value result = arith::SelectOp::create(b, loc, negative, minusOne, x);
        return arith::SelectOp::create(b, loc, positive, one, result);
      })
      .Case([&](SinOp) { return math::SinOp::create(b, loc, x); })
      .Case([&](CosOp) { return math::CosOp::create(b, loc, x); })
      .Case([&](TanOp) { return math::TanOp::create(b, loc, x); })
      .Case([&](AsinOp) { return math::AsinOp::create(b, loc, x); })
      .Case([&](AcosOp) { return math::AcosOp::create(b, loc, x); })
      .Case([&](AtanOp) { return math::AtanOp::create(b, loc, x); })
      .Case([&](SinhOp) { return math::SinhOp::create(b, loc, x); })
      .Case([&](CoshOp) { return math::CoshOp::create(b, loc, x); })
      .Case([&](AsinhOp) { return math::AsinhOp::create(b, loc, x); })
      .Case([&](AcoshOp) { return math::AcoshOp::create(b, loc, x); })
      .Case([&](AtanhOp) { return math::AtanhOp::create(b, loc, x); })
      .Case([&](SoftplusOp) -> Value {
        // max(x, 0) + log1p(exp(-|x|)): never overflows, exact for large x.
        Value zero = createScalar(b, loc, type, 0.0);
        Value negAbs =
            arith::NegFOp::create(b, loc, math::AbsFOp::create(b, loc, x));
        Value tail = math::Log1pOp::create(
            b, loc, math::ExpOp::create(b, loc, negAbs));
        return arith::AddFOp::create(b, loc, createMax(b, loc, x, zero), tail);
      })
      .Case([&](SoftsignOp) -> Value {
        Value denominator = arith::AddFOp::create(
            b, loc, createScalar(b, loc, type, 1.0),
            math::AbsFOp::create(b, loc, x));
        return arith::DivFOp::create(b, loc, x, denominator);
      })
      .Case([&](NotOp) -> Value {
        return arith::XOrIOp::create(b, loc, x,
                                     arith::ConstantOp::create(
                                         b, loc, b.getBoolAttr(true)));
      })
      .Case([&](EluOp elu) -> Value {
        Value zero = createScalar(b, loc, type, 0.0);
        Value negative =
            arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x, zero);
        return arith::SelectOp::create(
            b, loc, negative,
            createScaledExpm1(b, loc, x, elu.getAlpha().convertToDouble()), x);
      })
      .Case([&](CeluOp celu) -> Value {
        double alpha = celu.getAlpha().convertToDouble();
        Value zero = createScalar(b, loc, type, 0.0);
        Value scaled = arith::DivFOp::create(
            b, loc, x, createScalar(b, loc, type, alpha));
        Value negativePart =
            createMin(b, loc, zero, createScaledExpm1(b, loc, scaled, alpha));
        return arith::AddFOp::create(b, loc, createMax(b, loc, x, zero),
                                     negativePart);
      })
      .Case([&](SeluOp selu) -> Value {
        double alpha = selu.getAlpha().convertToDouble();
        Value gamma =
            createScalar(b, loc, type, selu.getGamma().convertToDouble());
        Value zero = createScalar(b, loc, type, 0.0);
        Value nonPositive =
            arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLE, x, zero);
        Value inner = arith::SelectOp::create(
            b, loc, nonPositive, createScaledExpm1(b, loc, x, alpha), x);
        return arith::MulFOp::create(b, loc, gamma, inner);
      })
      .Case([&](ThresholdedReluOp relu) -> Value {
        Value alpha =
            createScalar(b, loc, type, relu.getAlpha().convertToDouble());
        Value above =
            arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, alpha);
        return arith::SelectOp::create(b, loc, above, x,
                                       createScalar(b, loc, type, 0.0));
      })
      .Case([&](LeakyReluOp leaky) {
        float alpha = leaky.getAlpha().convertToFloat();
        return applyActivationScalar(b, loc, x, Activation::leaky_relu,
                                     {alpha});
      })
      .Case([&](HardSigmoidOp hardSigmoid) {
        return createHardSigmoid(b, loc, x,
                                 hardSigmoid.getAlpha().convertToFloat(),
                                 hardSigmoid.getBeta().convertToFloat());
      })
      .Case([&](ClipOp clip) {
        double low = clip.getMin().convertToDouble();
        double high = clip.getMax().convertToDouble();
        Value result = x;
        // An infinite bound is no bound; skipping it also keeps NaN inputs
        // NaN without an extra comparison.
        if (!std::isinf(low))
          result =
              createMax(b, loc, result,
                        createScalar(b, loc, type, clampToType(low, type)));
        if (!std::isinf(high))
          result =
              createMin(b, loc, result,
                        createScalar(b, loc, type, clampToType(high, type)));
        return result;
      })
      .Default([](Operation *) -> Value {
        llvm_unreachable("not a unary mote op");
      });
}

/// Lowers every unary elementwise op to one linalg.generic.
template <typename OpTy>
struct UnaryOpLowering : public OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using OpAdaptor = typename OpTy::Adaptor;

  LogicalResult
  matchAndRewrite(OpTy op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elementType = resultType.getElementType();
    if (isa<NotOp>(op)) {
      if (!elementType.isInteger(1))
        return reportUnsupported(op, "element type " +
                                         typeToString(elementType) +
                                         " is not supported; not needs i1");
    } else if (!isFloat(elementType) &&
               !(acceptsIntegers(op, elementType) &&
                 isIntegerNumber(elementType))) {
      return reportUnsupported(op, "element type " + typeToString(elementType) +
                                       " is not supported by this op; "
                                       "it needs floating-point tensors");
    }
    Value result = buildElementwise(
        rewriter, op.getLoc(), resultType, adaptor.getInput(),
        [&](OpBuilder &b, Location loc, ValueRange args) {
          return buildInF32IfHalf(b, loc, args, [&](ValueRange wide) {
            return buildUnaryScalar(op, b, loc, wide[0]);
          });
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct IdentityOpLowering : public OpConversionPattern<IdentityOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(IdentityOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, adaptor.getInput());
    return success();
  }
};

/// is_nan / is_inf: floating-point classification into i1.
template <typename OpTy>
struct ClassifyOpLowering : public OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using OpAdaptor = typename OpTy::Adaptor;

  LogicalResult
  matchAndRewrite(OpTy op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    Value result = buildElementwise(
        rewriter, op.getLoc(), resultType, adaptor.getInput(),
        [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
          Value x = args[0];
          if constexpr (std::is_same_v<OpTy, IsNaNOp>) {
            return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, x,
                                         x);
          } else {
            double inf = std::numeric_limits<double>::infinity();
            Value detected =
                arith::ConstantOp::create(b, loc, b.getBoolAttr(false));
            if (op.getDetectPositive())
              detected = arith::OrIOp::create(
                  b, loc, detected,
                  arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ, x,
                                        createScalar(b, loc, x.getType(),
                                                     inf)));
            if (op.getDetectNegative())
              detected = arith::OrIOp::create(
                  b, loc, detected,
                  arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ, x,
                                        createScalar(b, loc, x.getType(),
                                                     -inf)));
            return detected;
          }
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Cast
//===----------------------------------------------------------------------===//

/// Converts float `x` to bf16 by dropping the low 16 bits of its f32 value,
/// which is what ONNX's reference (and its backend test data) does, rather
/// than arith.truncf's round-to-nearest-even. A NaN whose payload lies only
/// in the dropped bits would become an infinity: it is made quiet instead.
static Value buildTruncateToBF16(OpBuilder &b, Location loc, Value x) {
  Type from = x.getType();
  Value single = x;
  if (from.getIntOrFloatBitWidth() > 32)
    single = arith::TruncFOp::create(b, loc, b.getF32Type(), x);
  else if (!from.isF32())
    single = arith::ExtFOp::create(b, loc, b.getF32Type(), x);
  Value bits = arith::BitcastOp::create(b, loc, b.getI32Type(), single);
  Value high = arith::TruncIOp::create(
      b, loc, b.getI16Type(),
      arith::ShRUIOp::create(
          b, loc, bits,
          arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(16))));
  // Setting the quiet bit keeps a NaN a NaN, with its sign.
  Value isNaN =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, single, single);
  Value quieted = arith::OrIOp::create(
      b, loc, high,
      arith::ConstantOp::create(b, loc, b.getI16IntegerAttr(0x0040)));
  high = arith::SelectOp::create(b, loc, isNaN, quieted, high);
  return arith::BitcastOp::create(b, loc, b.getBF16Type(), high);
}

/// Converts scalar `x` to `to` with ONNX Cast semantics. Unsigned integers
/// (`ui8`...) extend with zeros and convert with uitofp/fptoui; the
/// integer-to-integer cases only look at widths, as C's conversions do.
static Value buildCastScalar(OpBuilder &b, Location loc, Value x, Type to) {
  Type from = x.getType();
  if (from == to)
    return x;
  // Anything to bool is `x != 0`.
  if (to.isInteger(1)) {
    if (isFloat(from))
      return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNE, x,
                                   createScalar(b, loc, from, 0.0));
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, x,
                                 createScalar(b, loc, from, 0.0));
  }
  if (isFloat(from) && to.isBF16())
    return buildTruncateToBF16(b, loc, x);
  if (isFloat(from) && isFloat(to)) {
    // f16 <-> bf16 have the same width but neither holds the other.
    if (from.getIntOrFloatBitWidth() < to.getIntOrFloatBitWidth() ||
        (from.isBF16() && to.isF16()))
      return arith::ExtFOp::create(b, loc, to, x);
    return arith::TruncFOp::create(b, loc, to, x);
  }
  if (isFloat(from)) {
    // Both truncate toward zero.
    if (isUnsignedInt(to))
      return arith::FPToUIOp::create(b, loc, to, x);
    return arith::FPToSIOp::create(b, loc, to, x);
  }
  // Bools are 0/1, never -1: extend and convert them unsigned.
  bool zeroExtends = from.isInteger(1) || isUnsignedInt(from);
  if (isFloat(to)) {
    if (zeroExtends)
      return arith::UIToFPOp::create(b, loc, to, x);
    return arith::SIToFPOp::create(b, loc, to, x);
  }
  unsigned fromWidth = from.getIntOrFloatBitWidth();
  unsigned toWidth = to.getIntOrFloatBitWidth();
  if (fromWidth < toWidth) {
    if (zeroExtends)
      return arith::ExtUIOp::create(b, loc, to, x);
    return arith::ExtSIOp::create(b, loc, to, x);
  }
  if (fromWidth > toWidth)
    return arith::TruncIOp::create(b, loc, to, x);
  // Same width, other signedness (i8 <-> ui8): the bits do not change; once
  // signedness is erased this is an i8 -> i8 bitcast, which folds away.
  return arith::BitcastOp::create(b, loc, to, x);
}

struct CastOpLowering : public OpConversionPattern<CastOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(CastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    Type from =
        cast<RankedTensorType>(adaptor.getInput().getType()).getElementType();
    Type to = resultType.getElementType();
    for (Type type : {from, to})
      if (!isFloat(type) && !isSignlessInt(type) && !isUnsignedInt(type))
        return reportUnsupported(op, "cannot cast from " + typeToString(from) +
                                         " to " + typeToString(to) +
                                         "; only floats, signless and "
                                         "unsigned integers are supported");
    Value result =
        buildElementwise(rewriter, op.getLoc(), resultType, adaptor.getInput(),
                         [&](OpBuilder &b, Location loc, ValueRange args) {
                           return buildCastScalar(b, loc, args[0], to);
                         });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Binary ops
//===----------------------------------------------------------------------===//

/// Returns the integral exponent of a `pow` whose exponent operand is a
/// splat constant holding an integer value, such as x^2 or x^-1.
static std::optional<int64_t> getIntegralSplatExponent(Value exponent) {
  DenseElementsAttr splat;
  if (!matchPattern(exponent, m_Constant(&splat)) || !splat.isSplat())
    return std::nullopt;
  Type type = splat.getElementType();
  if (isa<FloatType>(type)) {
    double value = splat.getSplatValue<APFloat>().convertToDouble();
    if (value == std::trunc(value) && std::fabs(value) <= 64)
      return static_cast<int64_t>(value);
  }
  return std::nullopt;
}

/// ONNX Mod on scalars. Floats (fmod=1) compute `a - trunc(a / b) * b`
/// instead of arith.remf, which would become a libm `fmodf` call; the result
/// is exact while the quotient is representable. Integers use remsi with a
/// divisor of 1 in place of 0 and -1 (no trap, the remainder is 0 for -1 and
/// defined as 0 for 0); without fmod a non-zero remainder whose sign differs
/// from the divisor's moves by one divisor (floored division). Unsigned
/// integers have no signs: remui with a divisor of 1 in place of 0.
static Value buildModScalar(OpBuilder &b, Location loc, Value lhs, Value rhs,
                            ModOp mod) {
  Type type = lhs.getType();
  if (isFloat(type)) {
    Value quotient = math::TruncOp::create(
        b, loc, arith::DivFOp::create(b, loc, lhs, rhs));
    return arith::SubFOp::create(
        b, loc, lhs, arith::MulFOp::create(b, loc, quotient, rhs));
  }
  Value zero = createScalar(b, loc, type, 0.0);
  Value one = createScalar(b, loc, type, 1.0);
  Value isZero =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, rhs, zero);
  if (isUnsignedInt(type))
    return arith::RemUIOp::create(
        b, loc, lhs, arith::SelectOp::create(b, loc, isZero, one, rhs));
  Value isMinusOne = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                           rhs, createScalar(b, loc, type, -1));
  Value safeDivisor = arith::SelectOp::create(
      b, loc, arith::OrIOp::create(b, loc, isZero, isMinusOne), one, rhs);
  Value remainder = arith::RemSIOp::create(b, loc, lhs, safeDivisor);
  if (mod.getFmod())
    return remainder;
  Value nonZero =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, remainder, zero);
  Value signsDiffer = arith::CmpIOp::create(
      b, loc, arith::CmpIPredicate::slt,
      arith::XOrIOp::create(b, loc, remainder, safeDivisor), zero);
  Value adjust = arith::AndIOp::create(b, loc, nonZero, signsDiffer);
  return arith::SelectOp::create(
      b, loc, adjust, arith::AddIOp::create(b, loc, remainder, safeDivisor),
      remainder);
}

/// An ordered float comparison, or an integer one: signed on signless
/// integers, unsigned on unsigned integers and on i1 (booleans, where ONNX's
/// false < true needs the unsigned predicate).
static Value createCompare(OpBuilder &b, Location loc, Value lhs, Value rhs,
                           arith::CmpFPredicate floatPredicate,
                           arith::CmpIPredicate signedPredicate,
                           arith::CmpIPredicate unsignedPredicate) {
  Type type = lhs.getType();
  if (isFloat(type))
    return arith::CmpFOp::create(b, loc, floatPredicate, lhs, rhs);
  bool isUnsigned = type.isInteger(1) || isUnsignedInt(type);
  return arith::CmpIOp::create(
      b, loc, isUnsigned ? unsignedPredicate : signedPredicate, lhs, rhs);
}

/// ONNX BitShift on unsigned scalars: a shift by the bit width or more
/// yields 0 (arith's shifts would be poison there).
static Value buildShiftScalar(OpBuilder &b, Location loc, Value lhs, Value rhs,
                              bool left) {
  Type type = lhs.getType();
  Value shifted = left ? Value(arith::ShLIOp::create(b, loc, lhs, rhs))
                       : Value(arith::ShRUIOp::create(b, loc, lhs, rhs));
  Value inRange = arith::CmpIOp::create(
      b, loc, arith::CmpIPredicate::ult, rhs,
      createScalar(b, loc, type, type.getIntOrFloatBitWidth()));
  return arith::SelectOp::create(b, loc, inRange, shifted,
                                 createScalar(b, loc, type, 0.0));
}

/// The scalar computation of binary op `op` on `lhs`, `rhs`.
static Value buildBinaryScalar(Operation *op, OpBuilder &b, Location loc,
                               Value lhs, Value rhs) {
  bool isF = isFloat(lhs.getType());
  return llvm::TypeSwitch<Operation *, Value>(op)
      .Case([&](AddOp) -> Value {
        if (isF)
          return arith::AddFOp::create(b, loc, lhs, rhs);
        return arith::AddIOp::create(b, loc, lhs, rhs);
      })
      .Case([&](SubOp) -> Value {
        if (isF)
          return arith::SubFOp::create(b, loc, lhs, rhs);
        return arith::SubIOp::create(b, loc, lhs, rhs);
      })
      .Case([&](MulOp) -> Value {
        if (isF)
          return arith::MulFOp::create(b, loc, lhs, rhs);
        return arith::MulIOp::create(b, loc, lhs, rhs);
      })
      .Case([&](DivOp) -> Value {
        if (isF)
          return arith::DivFOp::create(b, loc, lhs, rhs);
        if (isUnsignedInt(lhs.getType()))
          return arith::DivUIOp::create(b, loc, lhs, rhs);
        return arith::DivSIOp::create(b, loc, lhs, rhs);
      })
      .Case([&](PowOp) -> Value {
        if (isF)
          return math::PowFOp::create(b, loc, lhs, rhs);
        return math::IPowIOp::create(b, loc, lhs, rhs);
      })
      .Case([&](MaxOp) { return createMax(b, loc, lhs, rhs); })
      .Case([&](MinOp) { return createMin(b, loc, lhs, rhs); })
      .Case([&](EqualOp) {
        return createCompare(b, loc, lhs, rhs, arith::CmpFPredicate::OEQ,
                             arith::CmpIPredicate::eq, arith::CmpIPredicate::eq);
      })
      .Case([&](LessOp) {
        return createCompare(b, loc, lhs, rhs, arith::CmpFPredicate::OLT,
                             arith::CmpIPredicate::slt, arith::CmpIPredicate::ult);
      })
      .Case([&](GreaterOp) {
        return createCompare(b, loc, lhs, rhs, arith::CmpFPredicate::OGT,
                             arith::CmpIPredicate::sgt, arith::CmpIPredicate::ugt);
      })
      .Case([&](GreaterEqualOp) {
        return createCompare(b, loc, lhs, rhs, arith::CmpFPredicate::OGE,
                             arith::CmpIPredicate::sge, arith::CmpIPredicate::uge);
      })
      .Case([&](LessEqualOp) {
        return createCompare(b, loc, lhs, rhs, arith::CmpFPredicate::OLE,
                             arith::CmpIPredicate::sle, arith::CmpIPredicate::ule);
      })
      .Case([&](AndOp) { return arith::AndIOp::create(b, loc, lhs, rhs); })
      .Case([&](OrOp) { return arith::OrIOp::create(b, loc, lhs, rhs); })
      .Case([&](XorOp) { return arith::XOrIOp::create(b, loc, lhs, rhs); })
      .Case([&](ModOp mod) { return buildModScalar(b, loc, lhs, rhs, mod); })
      .Case([&](BitShiftLeftOp) {
        return buildShiftScalar(b, loc, lhs, rhs, /*left=*/true);
      })
      .Case([&](BitShiftRightOp) {
        return buildShiftScalar(b, loc, lhs, rhs, /*left=*/false);
      })
      .Default([](Operation *) -> Value {
        llvm_unreachable("not a binary mote op");
      });
}

/// Lowers every broadcasting binary op to one linalg.generic whose indexing
/// maps broadcast the operands.
template <typename OpTy>
struct BinaryOpLowering : public OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using OpAdaptor = typename OpTy::Adaptor;

  LogicalResult
  matchAndRewrite(OpTy op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    Value lhs = adaptor.getLhs(), rhs = adaptor.getRhs();
    Type elementType = cast<RankedTensorType>(lhs.getType()).getElementType();
    if (elementType != cast<RankedTensorType>(rhs.getType()).getElementType())
      return reportUnsupported(op, "operands have different element types");
    bool boolFriendly = isa<MaxOp, MinOp, EqualOp, LessOp, GreaterOp,
                            GreaterEqualOp, LessEqualOp, AndOp, OrOp, XorOp>(
        op);
    if (isa<AndOp, OrOp, XorOp>(op) && !elementType.isInteger(1))
      return reportUnsupported(op, "logical ops need i1 (bool) operands, got " +
                                       typeToString(elementType));
    if (isa<ModOp>(op) && isFloat(elementType) &&
        !cast<ModOp>(op.getOperation()).getFmod())
      return reportUnsupported(op, "a floating-point mod needs fmod = true");
    if (isa<BitShiftLeftOp, BitShiftRightOp>(op) && !isUnsignedInt(elementType))
      return reportUnsupported(op, "bit shifts need unsigned integer operands, "
                                   "got " +
                                       typeToString(elementType));
    if (!isFloat(elementType) && !isSignlessInt(elementType) &&
        !isUnsignedInt(elementType))
      return reportUnsupported(op, "element type " + typeToString(elementType) +
                                       " is not supported; use floats, "
                                       "signless or unsigned integers");
    if (elementType.isInteger(1) && !boolFriendly)
      return reportUnsupported(op, "arithmetic on i1 (bool) tensors is not "
                                   "defined; cast to an integer type first");
    Location loc = op.getLoc();

    // x^n with a constant integral n: math.fpowi is exact for negative bases
    // (powf is NaN there) and expands to multiplications; x^2 is x * x.
    if (isa<PowOp>(op) && isFloat(elementType)) {
      if (std::optional<int64_t> exponent = getIntegralSplatExponent(rhs)) {
        Value result = buildElementwise(
            rewriter, loc, resultType, lhs,
            [&](OpBuilder &b, Location nl, ValueRange args) -> Value {
              if (*exponent == 1)
                return args[0];
              if (*exponent == 2)
                return arith::MulFOp::create(b, nl, args[0], args[0]);
              Value n = arith::ConstantOp::create(
                  b, nl, b.getI32IntegerAttr(static_cast<int32_t>(*exponent)));
              return math::FPowIOp::create(b, nl, args[0], n);
            });
        rewriter.replaceOp(op, result);
        return success();
      }
    }

    Value result = buildElementwise(
        rewriter, loc, resultType, ValueRange{lhs, rhs},
        [&](OpBuilder &b, Location nl, ValueRange args) {
          return buildInF32IfHalf(b, nl, args, [&](ValueRange wide) {
            return buildBinaryScalar(op, b, nl, wide[0], wide[1]);
          });
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct WhereOpLowering : public OpConversionPattern<WhereOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(WhereOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    auto conditionType =
        cast<RankedTensorType>(adaptor.getCondition().getType());
    if (!conditionType.getElementType().isInteger(1))
      return reportUnsupported(op, "the condition must be an i1 tensor");
    Value result = buildElementwise(
        rewriter, op.getLoc(), resultType,
        ValueRange{adaptor.getCondition(), adaptor.getTrueValue(),
                   adaptor.getFalseValue()},
        [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
          return arith::SelectOp::create(b, loc, args[0], args[1], args[2]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mote::lowering::populateElementwisePatterns(RewritePatternSet &patterns) {
  MLIRContext *context = patterns.getContext();
  patterns.add<IdentityOpLowering, CastOpLowering, WhereOpLowering>(context);
  patterns.add<UnaryOpLowering<ReluOp>, UnaryOpLowering<SigmoidOp>,
               UnaryOpLowering<TanhOp>, UnaryOpLowering<ErfOp>,
               UnaryOpLowering<ExpOp>, UnaryOpLowering<LogOp>,
               UnaryOpLowering<SqrtOp>, UnaryOpLowering<ReciprocalOp>,
               UnaryOpLowering<NegOp>, UnaryOpLowering<AbsOp>,
               UnaryOpLowering<HardSwishOp>, UnaryOpLowering<LeakyReluOp>,
               UnaryOpLowering<HardSigmoidOp>, UnaryOpLowering<ClipOp>>(
      context);
  patterns.add<UnaryOpLowering<FloorOp>, UnaryOpLowering<CeilOp>,
               UnaryOpLowering<RoundOp>, UnaryOpLowering<SignOp>,
               UnaryOpLowering<SinOp>, UnaryOpLowering<CosOp>,
               UnaryOpLowering<TanOp>, UnaryOpLowering<AsinOp>,
               UnaryOpLowering<AcosOp>, UnaryOpLowering<AtanOp>,
               UnaryOpLowering<SinhOp>, UnaryOpLowering<CoshOp>,
               UnaryOpLowering<AsinhOp>, UnaryOpLowering<AcoshOp>,
               UnaryOpLowering<AtanhOp>, UnaryOpLowering<SoftplusOp>,
               UnaryOpLowering<SoftsignOp>, UnaryOpLowering<NotOp>,
               UnaryOpLowering<EluOp>, UnaryOpLowering<CeluOp>,
               UnaryOpLowering<SeluOp>, UnaryOpLowering<ThresholdedReluOp>>(
      context);
  patterns.add<ClassifyOpLowering<IsNaNOp>, ClassifyOpLowering<IsInfOp>>(
      context);
  patterns.add<BinaryOpLowering<AddOp>, BinaryOpLowering<SubOp>,
               BinaryOpLowering<MulOp>, BinaryOpLowering<DivOp>,
               BinaryOpLowering<PowOp>, BinaryOpLowering<MaxOp>,
               BinaryOpLowering<MinOp>, BinaryOpLowering<EqualOp>,
               BinaryOpLowering<LessOp>, BinaryOpLowering<GreaterOp>>(context);
  patterns.add<BinaryOpLowering<GreaterEqualOp>, BinaryOpLowering<LessEqualOp>,
               BinaryOpLowering<AndOp>, BinaryOpLowering<OrOp>,
               BinaryOpLowering<XorOp>, BinaryOpLowering<ModOp>,
               BinaryOpLowering<BitShiftLeftOp>,
               BinaryOpLowering<BitShiftRightOp>>(context);
}
