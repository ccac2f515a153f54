//===- MoteQuantOps.cpp - verifiers of the quantization ops ---------------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// quantize_linear, dequantize_linear and requantize share one rule for their
// scale and zero-point operands (per-tensor or per-axis, see the ops'
// descriptions); it lives here so that every op checks it the same way.
//
//===----------------------------------------------------------------------===//

#include "mote/Dialect/Mote/IR/Mote.h"

#include "mlir/IR/Diagnostics.h"

using namespace mlir;
using namespace mote;

/// Integer element types a quantized tensor may have: 8 or 16 bits, signed
/// (signless) or unsigned.
static bool isQuantizedStorageType(Type type) {
  auto integer = dyn_cast<IntegerType>(type);
  return integer && !integer.isSigned() &&
         (integer.getWidth() == 8 || integer.getWidth() == 16);
}

/// Checks one scale or zero-point operand of an op whose data operand has
/// type `dataType`: rank 0, or rank 1 with one element (per-tensor), or rank
/// 1 with `dataType.shape[axis]` elements (per-axis).
static LogicalResult verifyQuantParam(Operation *op, Value param,
                                      StringRef name,
                                      RankedTensorType dataType,
                                      int64_t axis) {
  if (!param)
    return success();
  auto type = cast<RankedTensorType>(param.getType());
  if (type.getRank() == 0)
    return success();
  if (type.getRank() != 1)
    return op->emitOpError("'")
           << name << "' must be a scalar (per-tensor) or 1-d (per-axis), got "
           << type;
  int64_t count = type.getDimSize(0);
  if (count == 1)
    return success();
  if (axis < 0 || axis >= dataType.getRank())
    return op->emitOpError("'axis' ")
           << axis << " is out of range for " << dataType
           << " (a per-axis '" << name << "' needs a valid axis)";
  if (count != dataType.getDimSize(axis))
    return op->emitOpError("per-axis '")
           << name << "' must have " << dataType.getDimSize(axis)
           << " elements (input dimension " << axis << "), got " << type;
  return success();
}

/// Checks that `scale` is a float tensor and, with a zero point, that both
/// have the same layout.
static LogicalResult verifyScaleAndZeroPoint(Operation *op, Value scale,
                                             StringRef scaleName,
                                             Value zeroPoint,
                                             StringRef zeroPointName,
                                             RankedTensorType dataType,
                                             int64_t axis) {
  auto scaleType = cast<RankedTensorType>(scale.getType());
  if (!isa<FloatType>(scaleType.getElementType()))
    return op->emitOpError("'")
           << scaleName << "' must have a floating-point element type, got "
           << scaleType;
  if (failed(verifyQuantParam(op, scale, scaleName, dataType, axis)) ||
      failed(verifyQuantParam(op, zeroPoint, zeroPointName, dataType, axis)))
    return failure();
  if (zeroPoint) {
    auto zeroPointType = cast<RankedTensorType>(zeroPoint.getType());
    if (zeroPointType.getNumElements() != scaleType.getNumElements())
      return op->emitOpError("'")
             << zeroPointName << "' " << zeroPointType << " and '"
             << scaleName << "' " << scaleType
             << " must have the same number of elements";
  }
  return success();
}

/// The result has the input's shape.
static LogicalResult verifySameShape(Operation *op, RankedTensorType input,
                                     RankedTensorType output) {
  if (input.getShape() != output.getShape())
    return op->emitOpError("result shape must equal the input shape, got ")
           << output << " for input " << input;
  return success();
}

LogicalResult QuantizeLinearOp::verify() {
  RankedTensorType inputType = getInput().getType();
  RankedTensorType outputType = getOutput().getType();
  if (!isa<FloatType>(inputType.getElementType()))
    return emitOpError("'input' must be a floating-point tensor, got ")
           << inputType;
  if (!isQuantizedStorageType(outputType.getElementType()))
    return emitOpError("result element type must be i8, ui8, i16 or ui16, "
                       "got ")
           << outputType.getElementType();
  if (Value zeroPoint = getZeroPoint()) {
    Type zeroPointElement =
        cast<RankedTensorType>(zeroPoint.getType()).getElementType();
    if (zeroPointElement != outputType.getElementType())
      return emitOpError("'zero_point' element type ")
             << zeroPointElement << " must be the result element type "
             << outputType.getElementType();
  }
  if (failed(verifySameShape(*this, inputType, outputType)))
    return failure();
  return verifyScaleAndZeroPoint(*this, getScale(), "scale", getZeroPoint(),
                                 "zero_point", inputType, getAxis());
}

LogicalResult DequantizeLinearOp::verify() {
  RankedTensorType inputType = getInput().getType();
  RankedTensorType outputType = getOutput().getType();
  Type inputElement = inputType.getElementType();
  if (!isQuantizedStorageType(inputElement) && !inputElement.isInteger(32))
    return emitOpError("'input' element type must be i8, ui8, i16, ui16 or "
                       "i32, got ")
           << inputElement;
  if (Value zeroPoint = getZeroPoint()) {
    Type zeroPointElement =
        cast<RankedTensorType>(zeroPoint.getType()).getElementType();
    if (zeroPointElement != inputElement)
      return emitOpError("'zero_point' element type ")
             << zeroPointElement << " must be the input element type "
             << inputElement;
  }
  Type scaleElement = getScale().getType().getElementType();
  if (outputType.getElementType() != scaleElement)
    return emitOpError("result element type must be the scale's (")
           << scaleElement << "), got " << outputType.getElementType();
  if (failed(verifySameShape(*this, inputType, outputType)))
    return failure();
  return verifyScaleAndZeroPoint(*this, getScale(), "scale", getZeroPoint(),
                                 "zero_point", inputType, getAxis());
}

LogicalResult RequantizeOp::verify() {
  RankedTensorType inputType = getInput().getType();
  RankedTensorType outputType = getOutput().getType();
  if (!inputType.getElementType().isSignlessInteger(32))
    return emitOpError("'input' must be an i32 accumulator, got ")
           << inputType;
  if (!isQuantizedStorageType(outputType.getElementType()))
    return emitOpError("result element type must be i8, ui8, i16 or ui16, "
                       "got ")
           << outputType.getElementType();
  if (Value zeroPoint = getOutputZeroPoint()) {
    Type zeroPointElement =
        cast<RankedTensorType>(zeroPoint.getType()).getElementType();
    if (zeroPointElement != outputType.getElementType())
      return emitOpError("'output_zero_point' element type ")
             << zeroPointElement << " must be the result element type "
             << outputType.getElementType();
  }
  if (getInputScale().getType().getElementType() !=
      getOutputScale().getType().getElementType())
    return emitOpError("'input_scale' and 'output_scale' must have the same "
                       "element type");
  if (failed(verifySameShape(*this, inputType, outputType)))
    return failure();
  if (failed(verifyScaleAndZeroPoint(*this, getInputScale(), "input_scale",
                                     Value(), "", inputType, getAxis())))
    return failure();
  return verifyScaleAndZeroPoint(*this, getOutputScale(), "output_scale",
                                 getOutputZeroPoint(), "output_zero_point",
                                 inputType, getAxis());
}
