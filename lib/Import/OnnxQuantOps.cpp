//===- OnnxQuantOps.cpp - ONNX quantization nodes to mote ops -------------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The integer-only path: QuantizeLinear / DequantizeLinear map to their mote
// ops; ConvInteger / MatMulInteger become mote.conv / mote.matmul whose
// i8/ui8 operands accumulate into an i32 result; QLinearConv /
// QLinearMatMul add a mote.requantize to the output scale and zero point.
// Nothing is emulated in float except requantize's multiplier.
//
// Zero points: a zero point that is a constant 0 costs nothing (the lowering
// extends the narrow operands inside the contraction); any other zero point
// is subtracted up front in i32, which keeps the contraction a plain
// integer product and makes padding with 0 equal to padding with the zero
// point, as ONNX requires.
//
//===----------------------------------------------------------------------===//

#include "OnnxNodeContext.h"

#include "llvm/ADT/STLExtras.h"

#include <numeric>

using namespace mlir;

namespace mote {
namespace onnx_import {

/// Whether `zeroPoint` is absent or a constant whose elements are all 0.
static bool isZeroConstant(Value zeroPoint) {
  if (!zeroPoint)
    return true;
  std::optional<SmallVector<int64_t>> values = getConstantInts(zeroPoint);
  return values && llvm::all_of(*values, [](int64_t v) { return v == 0; });
}

/// Checks that `v` has an 8-bit integer element type (the types ONNX's
/// integer ops take).
static LogicalResult requireInt8(NodeContext &n, Value v, StringRef what) {
  auto integer = dyn_cast<IntegerType>(n.typeOf(v).getElementType());
  if (integer && integer.getWidth() == 8 && !integer.isSigned())
    return success();
  n.error() << what << " has type " << n.typeOf(v)
            << "; it must be int8 or uint8";
  return failure();
}

/// A scale or zero point's rank must be 0 or 1 (per-tensor or per-axis); the
/// mote op verifies the rest, this names the ONNX input.
static LogicalResult requireScalarOrVector(NodeContext &n, Value v,
                                           StringRef what) {
  if (n.typeOf(v).getRank() <= 1)
    return success();
  n.error() << what << " has type " << n.typeOf(v)
            << "; it must be a scalar or a 1-d tensor";
  return failure();
}

/// `x - zeroPoint` in i32 (or `x` itself for a zero-point of constant 0).
/// `vectorDim` is where a 1-d zero point with several elements lies in `x`
/// (the row of MatMulInteger's A, the output channel of a conv weight): it is
/// reshaped to broadcast along that dimension.
static FailureOr<Value> subtractZeroPoint(NodeContext &n, Value x,
                                          Value zeroPoint, int64_t vectorDim,
                                          StringRef what) {
  if (isZeroConstant(zeroPoint))
    return x;
  if (failed(requireScalarOrVector(n, zeroPoint, what)))
    return failure();
  auto xType = n.typeOf(x);
  auto zpType = n.typeOf(zeroPoint);
  if (zpType.getElementType() != xType.getElementType()) {
    n.error() << what << " " << zpType << " must have the element type of "
              << xType;
    return failure();
  }
  Type i32 = n.b.getI32Type();
  FailureOr<Value> wide = n.create<CastOp>(xType.clone(i32), x);
  FailureOr<Value> zp = n.create<CastOp>(zpType.clone(i32), zeroPoint);
  if (failed(wide) || failed(zp))
    return failure();
  Value zpValue = *zp;
  if (zpType.getRank() == 1 && zpType.getDimSize(0) != 1) {
    if (vectorDim < 0 || zpType.getDimSize(0) != xType.getDimSize(vectorDim)) {
      n.error() << what << " " << zpType << " does not match dimension "
                << vectorDim << " of " << xType;
      return failure();
    }
    SmallVector<int64_t> shape(xType.getRank() - vectorDim, 1);
    shape[0] = zpType.getDimSize(0);
    FailureOr<Value> reshaped = n.reshape(zpValue, shape);
    if (failed(reshaped))
      return failure();
    zpValue = *reshaped;
  }
  return n.create<SubOp>(Type(), *wide, zpValue);
}

/// The `axis` attribute (default 1), normalized. It only matters for a
/// per-axis scale; with a per-tensor one any axis, even one past the rank
/// (ONNX's default 1 on a 1-d tensor), is ignored and recorded as 0.
static FailureOr<int64_t> readQuantAxis(NodeContext &n, RankedTensorType xType,
                                        Value scale) {
  int64_t axis = n.getInt("axis", 1);
  int64_t rank = xType.getRank();
  if (n.typeOf(scale).getNumElements() > 1)
    return n.normalizeAxis(axis, rank);
  return axis >= -rank && axis < rank ? (axis + rank) % rank : 0;
}

/// The operands shared by QuantizeLinear and DequantizeLinear: x, a scalar
/// or per-axis scale and an optional zero point of the scale's shape.
struct LinearQuantOperands {
  Value x, scale, zeroPoint;
};
static FailureOr<LinearQuantOperands>
readLinearQuantOperands(NodeContext &n, StringRef scaleName,
                        StringRef zeroPointName) {
  FailureOr<Value> x = n.requiredInput(0, "x");
  FailureOr<Value> scale = n.requiredInput(1, scaleName);
  if (failed(x) || failed(scale) ||
      failed(requireScalarOrVector(n, *scale, scaleName)))
    return failure();
  Value zeroPoint = n.input(2);
  if (zeroPoint && failed(requireScalarOrVector(n, zeroPoint, zeroPointName)))
    return failure();
  return LinearQuantOperands{*x, *scale, zeroPoint};
}

LogicalResult convertQuantizeLinear(NodeContext &n) {
  FailureOr<LinearQuantOperands> operands =
      readLinearQuantOperands(n, "y_scale", "y_zero_point");
  if (failed(operands))
    return failure();
  auto [x, scale, zeroPoint] = *operands;
  auto xType = n.typeOf(x);
  if (!isa<FloatType>(xType.getElementType())) {
    n.error() << "x has type " << xType
              << "; mote quantizes floating-point tensors only";
    return failure();
  }
  // Without a zero point ONNX produces uint8.
  Type resultElement =
      zeroPoint ? n.typeOf(zeroPoint).getElementType()
                : IntegerType::get(&n.context, 8, IntegerType::Unsigned);
  FailureOr<int64_t> axis = readQuantAxis(n, xType, scale);
  if (failed(axis))
    return failure();
  FailureOr<Value> y =
      n.create<QuantizeLinearOp>(xType.clone(resultElement), x, scale,
                                 zeroPoint, n.b.getI64IntegerAttr(*axis));
  return failed(y) ? failure() : n.setOutput(0, *y);
}

LogicalResult convertDequantizeLinear(NodeContext &n) {
  FailureOr<LinearQuantOperands> operands =
      readLinearQuantOperands(n, "x_scale", "x_zero_point");
  if (failed(operands))
    return failure();
  auto [x, scale, zeroPoint] = *operands;
  auto xType = n.typeOf(x);
  FailureOr<int64_t> axis = readQuantAxis(n, xType, scale);
  if (failed(axis))
    return failure();
  FailureOr<Value> y = n.create<DequantizeLinearOp>(
      xType.clone(n.typeOf(scale).getElementType()), x, scale, zeroPoint,
      n.b.getI64IntegerAttr(*axis));
  return failed(y) ? failure() : n.setOutput(0, *y);
}

/// DynamicQuantizeLinear (uint8): with the data range widened to include 0,
/// `scale = (max - min) / 255`, `zero_point = saturate(round(-min / scale))`
/// and `y = quantize_linear(x, scale, zero_point)`, as ONNX specifies.
LogicalResult convertDynamicQuantizeLinear(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "x");
  if (failed(x))
    return failure();
  auto xType = n.typeOf(*x);
  if (!xType.getElementType().isF32()) {
    n.error() << "x has type " << xType << "; ONNX defines it for float only";
    return failure();
  }
  SmallVector<int64_t> axes(xType.getRank());
  std::iota(axes.begin(), axes.end(), 0);
  auto reduce = [&](auto tag) -> FailureOr<Value> {
    using OpTy = decltype(tag);
    return n.create<OpTy>(Type(), *x, n.b.getDenseI64ArrayAttr(axes),
                          n.b.getBoolAttr(false));
  };
  auto scalar = [&](float value) {
    auto type = RankedTensorType::get({}, n.b.getF32Type());
    return n.constant(DenseElementsAttr::get(type, value));
  };
  FailureOr<Value> low = reduce(ReduceMinOp());
  FailureOr<Value> high = reduce(ReduceMaxOp());
  if (failed(low) || failed(high))
    return failure();
  FailureOr<Value> low0 = n.create<MinOp>(Type(), *low, scalar(0.0f));
  FailureOr<Value> high0 = n.create<MaxOp>(Type(), *high, scalar(0.0f));
  if (failed(low0) || failed(high0))
    return failure();
  FailureOr<Value> range = n.create<SubOp>(Type(), *high0, *low0);
  if (failed(range))
    return failure();
  FailureOr<Value> scale = n.create<DivOp>(Type(), *range, scalar(255.0f));
  FailureOr<Value> negLow = n.create<NegOp>(n.typeOf(*low0), *low0);
  if (failed(scale) || failed(negLow))
    return failure();
  Type u8 = IntegerType::get(&n.context, 8, IntegerType::Unsigned);
  FailureOr<Value> zeroPoint = n.create<QuantizeLinearOp>(
      n.typeOf(*negLow).clone(u8), *negLow, *scale, Value(),
      n.b.getI64IntegerAttr(0));
  if (failed(zeroPoint))
    return failure();
  FailureOr<Value> y =
      n.create<QuantizeLinearOp>(xType.clone(u8), *x, *scale, *zeroPoint,
                                 n.b.getI64IntegerAttr(0));
  if (failed(y) || failed(n.setOutput(0, *y)) || failed(n.setOutput(1, *scale)))
    return failure();
  return n.setOutput(2, *zeroPoint);
}

/// The i32 product of MatMulInteger's operands with their zero points.
static FailureOr<Value> buildIntegerMatMul(NodeContext &n, Value a, Value aZero,
                                           Value b, Value bZero) {
  if (failed(requireInt8(n, a, "A")) || failed(requireInt8(n, b, "B")))
    return failure();
  // A per-row a_zero_point lies along A's second-to-last axis, a per-column
  // b_zero_point along B's last one.
  auto aType = n.typeOf(a);
  FailureOr<Value> aCentered =
      subtractZeroPoint(n, a, aZero, aType.getRank() - 2, "a_zero_point");
  FailureOr<Value> bCentered = subtractZeroPoint(
      n, b, bZero, n.typeOf(b).getRank() - 1, "b_zero_point");
  if (failed(aCentered) || failed(bCentered))
    return failure();
  SmallVector<Type, 1> inferred;
  OperationState state(n.loc, MatMulOp::getOperationName());
  MatMulOp::build(n.b, state, Type(), *aCentered, *bCentered, Value());
  if (failed(MatMulOp::inferReturnTypes(
          &n.context, std::nullopt, state.operands,
          state.attributes.getDictionary(&n.context), state.getRawProperties(),
          state.regions, inferred))) {
    n.error() << "cannot multiply " << aType << " by " << n.typeOf(b);
    return failure();
  }
  return n.create<MatMulOp>(
      cast<RankedTensorType>(inferred[0]).clone(n.b.getI32Type()), *aCentered,
      *bCentered, Value());
}

LogicalResult convertMatMulInteger(NodeContext &n) {
  FailureOr<Value> a = n.requiredInput(0, "A");
  FailureOr<Value> b = n.requiredInput(1, "B");
  if (failed(a) || failed(b))
    return failure();
  FailureOr<Value> y = buildIntegerMatMul(n, *a, n.input(2), *b, n.input(3));
  return failed(y) ? failure() : n.setOutput(0, *y);
}

/// The i32 convolution of ConvInteger's operands with their zero points
/// (x_zero_point per-tensor, w_zero_point per-tensor or per output channel).
static FailureOr<Value> buildIntegerConv(NodeContext &n, Value x, Value xZero,
                                         Value w, Value wZero, Value bias) {
  if (failed(requireInt8(n, x, "x")) || failed(requireInt8(n, w, "w")))
    return failure();
  if (xZero && n.typeOf(xZero).getNumElements() != 1) {
    n.error() << "x_zero_point " << n.typeOf(xZero)
              << " must be per-tensor (one element)";
    return failure();
  }
  FailureOr<Value> xCentered = subtractZeroPoint(n, x, xZero, -1,
                                                 "x_zero_point");
  FailureOr<Value> wCentered = subtractZeroPoint(n, w, wZero, 0,
                                                 "w_zero_point");
  if (failed(xCentered) || failed(wCentered))
    return failure();
  if (bias && !n.typeOf(bias).getElementType().isInteger(32)) {
    n.error() << "bias has type " << n.typeOf(bias) << "; it must be int32";
    return failure();
  }
  return buildConvWithAttributes(n, *xCentered, *wCentered, bias,
                                 n.b.getI32Type());
}

LogicalResult convertConvInteger(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "x");
  FailureOr<Value> w = n.requiredInput(1, "w");
  if (failed(x) || failed(w))
    return failure();
  FailureOr<Value> y =
      buildIntegerConv(n, *x, n.input(2), *w, n.input(3), Value());
  return failed(y) ? failure() : n.setOutput(0, *y);
}

/// Requantizes the i32 `acc` whose scale is `lhsScale * rhsScale` to
/// `outScale` / `outZero` (output `outIndex` of the node). A per-axis
/// `rhsScale` lies along `axis` of the accumulator.
static LogicalResult requantizeOutput(NodeContext &n, Value acc, Value lhsScale,
                                      Value rhsScale, Value outScale,
                                      Value outZero, int64_t axis) {
  for (auto [v, what] : {std::pair(lhsScale, "the input scale"),
                         std::pair(rhsScale, "the weight scale"),
                         std::pair(outScale, "y_scale")})
    if (failed(requireScalarOrVector(n, v, what)))
      return failure();
  if (n.typeOf(lhsScale).getNumElements() != 1) {
    n.error() << "the input scale " << n.typeOf(lhsScale)
              << " must be per-tensor (one element)";
    return failure();
  }
  FailureOr<Value> accScale = n.create<MulOp>(Type(), rhsScale, lhsScale);
  if (failed(accScale))
    return failure();
  Type resultElement = outZero ? n.typeOf(outZero).getElementType()
                               : IntegerType::get(&n.context, 8,
                                                  IntegerType::Unsigned);
  FailureOr<Value> y = n.create<RequantizeOp>(
      n.typeOf(acc).clone(resultElement), acc, *accScale, outScale, outZero,
      n.b.getI64IntegerAttr(axis));
  return failed(y) ? failure() : n.setOutput(0, *y);
}

LogicalResult convertQLinearMatMul(NodeContext &n) {
  static const char *const names[] = {"a", "a_scale", "a_zero_point",
                                      "b", "b_scale", "b_zero_point",
                                      "y_scale", "y_zero_point"};
  FailureOr<SmallVector<Value, 8>> inputs = n.requiredInputs(names);
  if (failed(inputs))
    return failure();
  ArrayRef<Value> in = *inputs;
  FailureOr<Value> acc = buildIntegerMatMul(n, in[0], in[2], in[3], in[5]);
  if (failed(acc))
    return failure();
  // A per-column b_scale scales the accumulator's last axis.
  return requantizeOutput(n, *acc, in[1], in[4], in[6], in[7],
                          n.typeOf(*acc).getRank() - 1);
}

LogicalResult convertQLinearConv(NodeContext &n) {
  static const char *const names[] = {"x",      "x_scale", "x_zero_point",
                                      "w",      "w_scale", "w_zero_point",
                                      "y_scale", "y_zero_point"};
  FailureOr<SmallVector<Value, 8>> inputs = n.requiredInputs(names);
  if (failed(inputs))
    return failure();
  ArrayRef<Value> in = *inputs;
  FailureOr<Value> acc =
      buildIntegerConv(n, in[0], in[2], in[3], in[5], n.input(8));
  if (failed(acc))
    return failure();
  // A per-channel w_scale scales the output channels (axis 1).
  return requantizeOutput(n, *acc, in[1], in[4], in[6], in[7], 1);
}

} // namespace onnx_import
} // namespace mote
