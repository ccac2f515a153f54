//===- MoteConstants.cpp - reading and building constant tensors ----------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#include "mote/Dialect/Mote/IR/MoteConstants.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/APFloat.h"

#include <cstring>

using namespace mlir;
using namespace mote;

ElementsAttr mote::getConstantElements(Value value) {
  auto constant = value ? value.getDefiningOp<arith::ConstantOp>() : nullptr;
  if (!constant || !isa<RankedTensorType>(constant.getType()))
    return {};
  Attribute attr = constant.getValue();
  if (isa<DenseElementsAttr, DenseResourceElementsAttr>(attr))
    return cast<ElementsAttr>(attr);
  return {};
}

/// Copies the elements of a resource blob, reinterpreted as `Stored`.
template <typename Stored, typename Result>
static std::optional<SmallVector<Result>>
readBlob(DenseResourceElementsAttr resource) {
  ArrayRef<char> data = resource.getData();
  int64_t count = resource.getType().getNumElements();
  if (data.size() != static_cast<size_t>(count) * sizeof(Stored))
    return std::nullopt;
  SmallVector<Result> result;
  result.reserve(count);
  for (int64_t i = 0; i < count; ++i) {
    Stored element;
    std::memcpy(&element, data.data() + i * sizeof(Stored), sizeof(Stored));
    result.push_back(static_cast<Result>(element));
  }
  return result;
}

std::optional<SmallVector<float>> mote::getElementsAsFloats(Attribute attr) {
  if (auto dense = dyn_cast_if_present<DenseFPElementsAttr>(attr)) {
    SmallVector<float> result;
    result.reserve(dense.getNumElements());
    for (APFloat value : dense.getValues<APFloat>()) {
      bool losesInfo = false;
      value.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven,
                    &losesInfo);
      result.push_back(value.convertToFloat());
    }
    return result;
  }
  auto resource = dyn_cast_if_present<DenseResourceElementsAttr>(attr);
  if (!resource)
    return std::nullopt;
  Type elementType = resource.getType().getElementType();
  if (elementType.isF32())
    return readBlob<float, float>(resource);
  if (elementType.isF64())
    return readBlob<double, float>(resource);
  return std::nullopt;
}

std::optional<SmallVector<int64_t>> mote::getElementsAsInts(Attribute attr) {
  if (auto dense = dyn_cast_if_present<DenseIntElementsAttr>(attr)) {
    Type elementType = dense.getElementType();
    bool zeroExtend =
        elementType.isInteger(1) || elementType.isUnsignedInteger();
    SmallVector<int64_t> result;
    result.reserve(dense.getNumElements());
    for (const APInt &value : dense.getValues<APInt>())
      result.push_back(zeroExtend ? static_cast<int64_t>(value.getZExtValue())
                                  : value.getSExtValue());
    return result;
  }
  auto resource = dyn_cast_if_present<DenseResourceElementsAttr>(attr);
  if (!resource)
    return std::nullopt;
  auto intType = dyn_cast<IntegerType>(resource.getType().getElementType());
  if (!intType)
    return std::nullopt;
  bool isUnsigned = intType.isUnsigned() || intType.getWidth() == 1;
  switch (intType.getWidth()) {
  case 1:
  case 8:
    return isUnsigned ? readBlob<uint8_t, int64_t>(resource)
                      : readBlob<int8_t, int64_t>(resource);
  case 16:
    return isUnsigned ? readBlob<uint16_t, int64_t>(resource)
                      : readBlob<int16_t, int64_t>(resource);
  case 32:
    return isUnsigned ? readBlob<uint32_t, int64_t>(resource)
                      : readBlob<int32_t, int64_t>(resource);
  case 64:
    return readBlob<int64_t, int64_t>(resource);
  default:
    return std::nullopt;
  }
}

std::optional<SmallVector<float>> mote::getConstantFloats(Value value) {
  return getElementsAsFloats(getConstantElements(value));
}

std::optional<SmallVector<int64_t>> mote::getConstantInts(Value value) {
  return getElementsAsInts(getConstantElements(value));
}

ElementsAttr mote::buildFloatElements(RankedTensorType type,
                                      ArrayRef<float> values,
                                      StringRef blobNameHint) {
  auto floatType = cast<FloatType>(type.getElementType());
  if (floatType.isF32() &&
      static_cast<int64_t>(values.size()) >= kResourceBlobMinElements)
    return DenseResourceElementsAttr::get(
        type, blobNameHint,
        HeapAsmResourceBlob::allocateAndCopyInferAlign(
            values, /*dataIsMutable=*/false));
  if (floatType.isF32())
    return DenseElementsAttr::get(type, values);
  SmallVector<APFloat> converted;
  converted.reserve(values.size());
  for (float value : values) {
    APFloat element(value);
    bool losesInfo = false;
    element.convert(floatType.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                    &losesInfo);
    converted.push_back(element);
  }
  return DenseElementsAttr::get(type, converted);
}

Value mote::createFloatConstant(OpBuilder &builder, Location loc,
                                RankedTensorType type, ArrayRef<float> values,
                                StringRef blobNameHint) {
  auto attr = cast<TypedAttr>(buildFloatElements(type, values, blobNameHint));
  return arith::ConstantOp::create(builder, loc, type, attr);
}
