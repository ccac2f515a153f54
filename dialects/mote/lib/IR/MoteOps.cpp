//===- MoteOps.cpp - mote op shape inference and verifiers ----------------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Result type inference and verification of the mote ops. Shape rules that
// determine the result type live in the `infer*` helpers, which both
// `inferReturnTypes` (called by builders and by the InferTypeOpInterface
// verifier, before the op's own `verify`) and the diagnostics share; the
// `verify` methods check the rules that do not shape the result (bias shapes,
// element types, activation parameters).
//
//===----------------------------------------------------------------------===//

#include "mote/Dialect/Mote/IR/Mote.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/Dialect/Traits.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallBitVector.h"

using namespace mlir;
using namespace mote;

//===----------------------------------------------------------------------===//
// Shared helpers
//===----------------------------------------------------------------------===//

/// Element types agree when they are equal, or when either is quantized: a
/// quantized result carries its own scale and zero point, so it legitimately
/// differs from its operands' element types.
static bool elementTypesAgree(Type lhs, Type rhs) {
  return lhs == rhs || isa<quant::QuantizedType>(lhs) ||
         isa<quant::QuantizedType>(rhs);
}

/// The compatibility rule behind every mote op's `isCompatibleReturnTypes`:
/// same shapes, element types that agree.
static bool areCompatibleResultTypes(TypeRange inferred, TypeRange actual) {
  if (inferred.size() != actual.size())
    return false;
  for (auto [lhs, rhs] : llvm::zip(inferred, actual)) {
    auto lhsType = dyn_cast<RankedTensorType>(lhs);
    auto rhsType = dyn_cast<RankedTensorType>(rhs);
    if (!lhsType || !rhsType)
      return lhs == rhs;
    if (lhsType.getShape() != rhsType.getShape() ||
        !elementTypesAgree(lhsType.getElementType(), rhsType.getElementType()))
      return false;
  }
  return true;
}

#define MOTE_COMPATIBLE_RETURN_TYPES(OpTy)                                     \
  bool OpTy::isCompatibleReturnTypes(TypeRange lhs, TypeRange rhs) {           \
    return areCompatibleResultTypes(lhs, rhs);                                 \
  }
MOTE_COMPATIBLE_RETURN_TYPES(AddOp)
MOTE_COMPATIBLE_RETURN_TYPES(SubOp)
MOTE_COMPATIBLE_RETURN_TYPES(MulOp)
MOTE_COMPATIBLE_RETURN_TYPES(DivOp)
MOTE_COMPATIBLE_RETURN_TYPES(PowOp)
MOTE_COMPATIBLE_RETURN_TYPES(MaxOp)
MOTE_COMPATIBLE_RETURN_TYPES(MinOp)
MOTE_COMPATIBLE_RETURN_TYPES(EqualOp)
MOTE_COMPATIBLE_RETURN_TYPES(LessOp)
MOTE_COMPATIBLE_RETURN_TYPES(GreaterOp)
MOTE_COMPATIBLE_RETURN_TYPES(GreaterEqualOp)
MOTE_COMPATIBLE_RETURN_TYPES(LessEqualOp)
MOTE_COMPATIBLE_RETURN_TYPES(AndOp)
MOTE_COMPATIBLE_RETURN_TYPES(OrOp)
MOTE_COMPATIBLE_RETURN_TYPES(XorOp)
MOTE_COMPATIBLE_RETURN_TYPES(ModOp)
MOTE_COMPATIBLE_RETURN_TYPES(BitShiftLeftOp)
MOTE_COMPATIBLE_RETURN_TYPES(BitShiftRightOp)
MOTE_COMPATIBLE_RETURN_TYPES(ReduceProdOp)
MOTE_COMPATIBLE_RETURN_TYPES(ArgMaxOp)
MOTE_COMPATIBLE_RETURN_TYPES(ArgMinOp)
MOTE_COMPATIBLE_RETURN_TYPES(GatherElementsOp)
MOTE_COMPATIBLE_RETURN_TYPES(WhereOp)
MOTE_COMPATIBLE_RETURN_TYPES(ConvTransposeOp)
MOTE_COMPATIBLE_RETURN_TYPES(GemmOp)
MOTE_COMPATIBLE_RETURN_TYPES(MaxPoolOp)
MOTE_COMPATIBLE_RETURN_TYPES(AveragePoolOp)
MOTE_COMPATIBLE_RETURN_TYPES(ReduceSumOp)
MOTE_COMPATIBLE_RETURN_TYPES(ReduceMeanOp)
MOTE_COMPATIBLE_RETURN_TYPES(ReduceMaxOp)
MOTE_COMPATIBLE_RETURN_TYPES(ReduceMinOp)
MOTE_COMPATIBLE_RETURN_TYPES(TransposeOp)
MOTE_COMPATIBLE_RETURN_TYPES(ConcatOp)
MOTE_COMPATIBLE_RETURN_TYPES(SliceOp)
MOTE_COMPATIBLE_RETURN_TYPES(GatherOp)
MOTE_COMPATIBLE_RETURN_TYPES(PadOp)
MOTE_COMPATIBLE_RETURN_TYPES(ShapeOp)
MOTE_COMPATIBLE_RETURN_TYPES(ScatterNDOp)
#undef MOTE_COMPATIBLE_RETURN_TYPES

/// Whether `operand` (an element type of conv's or matmul's data operands)
/// may accumulate into `result`: the integer-only path multiplies i8/ui8 (or
/// i16/ui16) operands, extended by their signedness, into a wider signless
/// integer such as i32 (ONNX ConvInteger, MatMulInteger).
static bool isIntegerAccumulation(Type operand, Type result) {
  auto operandInt = dyn_cast<IntegerType>(operand);
  auto resultInt = dyn_cast<IntegerType>(result);
  return operandInt && resultInt && resultInt.isSignless() &&
         operandInt.getWidth() > 1 &&
         operandInt.getWidth() <= resultInt.getWidth();
}

/// conv and matmul: the usual rule, plus an integer result that accumulates
/// the inferred (operand) integer type.
static bool areCompatibleAccumulatorTypes(TypeRange inferred,
                                          TypeRange actual) {
  if (areCompatibleResultTypes(inferred, actual))
    return true;
  if (inferred.size() != 1 || actual.size() != 1)
    return false;
  auto lhsType = dyn_cast<RankedTensorType>(inferred[0]);
  auto rhsType = dyn_cast<RankedTensorType>(actual[0]);
  return lhsType && rhsType && lhsType.getShape() == rhsType.getShape() &&
         isIntegerAccumulation(lhsType.getElementType(),
                               rhsType.getElementType());
}

bool ConvOp::isCompatibleReturnTypes(TypeRange lhs, TypeRange rhs) {
  return areCompatibleAccumulatorTypes(lhs, rhs);
}
bool MatMulOp::isCompatibleReturnTypes(TypeRange lhs, TypeRange rhs) {
  return areCompatibleAccumulatorTypes(lhs, rhs);
}

/// The element-type rule of conv's and matmul's two data operands: equal (or
/// quantized), or two integers that both accumulate into the integer
/// `result` (their signedness may differ, as in ONNX ConvInteger).
static bool dataOperandTypesAgree(Type lhs, Type rhs, Type result) {
  return elementTypesAgree(lhs, rhs) || (isIntegerAccumulation(lhs, result) &&
                                         isIntegerAccumulation(rhs, result));
}

/// Inference reads operand types before the op's ODS constraints have been
/// checked (builders call it directly), so it checks them itself.
static FailureOr<RankedTensorType>
getStaticTensorOperand(std::optional<Location> loc, Value value,
                       StringRef name) {
  auto type =
      dyn_cast_if_present<RankedTensorType>(value ? value.getType() : Type());
  if (!type)
    return emitOptionalError(loc, "'", name, "' must be a ranked tensor");
  if (!type.hasStaticShape())
    return emitOptionalError(loc, "'", name, "' must have a static shape, got ",
                             type);
  return type;
}

static std::string formatShape(ArrayRef<int64_t> shape) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "[";
  llvm::interleaveComma(shape, os);
  os << "]";
  return text;
}

/// The number of parameters each fused activation reads.
static LogicalResult verifyActivation(Operation *op, Activation activation,
                                      ArrayRef<float> params) {
  size_t expected = 0;
  switch (activation) {
  case Activation::none:
  case Activation::relu:
  case Activation::sigmoid:
  case Activation::hard_swish:
  case Activation::tanh:
    expected = 0;
    break;
  case Activation::leaky_relu:
    expected = 1;
    break;
  case Activation::clip:
  case Activation::hard_sigmoid:
    expected = 2;
    break;
  }
  if (params.size() != expected)
    return op->emitOpError("activation '")
           << stringifyActivation(activation) << "' takes " << expected
           << " activation_params, got " << params.size();
  if (activation == Activation::clip && params[0] > params[1])
    return op->emitOpError("clip activation needs min <= max, got [")
           << params[0] << ", " << params[1] << "]";
  return success();
}

/// Checks that an optional per-channel operand has shape [channels].
static LogicalResult verifyChannelVector(Operation *op, Value value,
                                         StringRef name, int64_t channels) {
  if (!value)
    return success();
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getRank() != 1 || type.getDimSize(0) != channels)
    return op->emitOpError("'")
           << name << "' must have shape [" << channels << "], got " << type;
  return success();
}

//===----------------------------------------------------------------------===//
// Elementwise ops
//===----------------------------------------------------------------------===//

LogicalResult ClipOp::verify() {
  if (getMin().convertToDouble() > getMax().convertToDouble())
    return emitOpError("needs min <= max, got min = ")
           << getMin().convertToDouble()
           << " and max = " << getMax().convertToDouble();
  return success();
}

/// Numpy broadcasting of any number of static shapes.
static LogicalResult broadcastAll(std::optional<Location> loc,
                                  ArrayRef<RankedTensorType> types,
                                  SmallVectorImpl<int64_t> &shape) {
  shape.assign(types.front().getShape().begin(),
               types.front().getShape().end());
  for (RankedTensorType type : types.drop_front()) {
    SmallVector<int64_t> next;
    if (!OpTrait::util::getBroadcastedShape(shape, type.getShape(), next))
      return emitOptionalError(loc, "operand shapes ", formatShape(shape),
                               " and ", formatShape(type.getShape()),
                               " do not broadcast (numpy rules)");
    shape = std::move(next);
  }
  return success();
}

/// Shared inference of the binary ops: broadcast shape, the lhs element type
/// (or i1 for comparisons).
static LogicalResult inferBinary(MLIRContext *context,
                                 std::optional<Location> loc,
                                 ValueRange operands, bool isComparison,
                                 SmallVectorImpl<Type> &inferred) {
  if (operands.size() != 2)
    return emitOptionalError(loc, "expects two operands");
  auto lhs = getStaticTensorOperand(loc, operands[0], "lhs");
  auto rhs = getStaticTensorOperand(loc, operands[1], "rhs");
  if (failed(lhs) || failed(rhs))
    return failure();
  SmallVector<int64_t> shape;
  if (failed(broadcastAll(loc, {*lhs, *rhs}, shape)))
    return failure();
  Type elementType =
      isComparison ? IntegerType::get(context, 1) : lhs->getElementType();
  inferred.push_back(RankedTensorType::get(shape, elementType));
  return success();
}

static LogicalResult verifyBinary(Operation *op) {
  Type lhs = getElementTypeOrSelf(op->getOperand(0).getType());
  Type rhs = getElementTypeOrSelf(op->getOperand(1).getType());
  if (!elementTypesAgree(lhs, rhs))
    return op->emitOpError("operands must have the same element type, got ")
           << lhs << " and " << rhs;
  return success();
}

#define MOTE_BINARY_OP(OpTy, isComparison)                                     \
  LogicalResult OpTy::inferReturnTypes(                                        \
      MLIRContext *context, std::optional<Location> location,                  \
      ValueRange operands, DictionaryAttr, OpaqueProperties, RegionRange,      \
      SmallVectorImpl<Type> &inferred) {                                       \
    return inferBinary(context, location, operands, isComparison, inferred);   \
  }                                                                            \
  LogicalResult OpTy::verify() { return verifyBinary(getOperation()); }
MOTE_BINARY_OP(AddOp, false)
MOTE_BINARY_OP(SubOp, false)
MOTE_BINARY_OP(MulOp, false)
MOTE_BINARY_OP(DivOp, false)
MOTE_BINARY_OP(PowOp, false)
MOTE_BINARY_OP(MaxOp, false)
MOTE_BINARY_OP(MinOp, false)
MOTE_BINARY_OP(EqualOp, true)
MOTE_BINARY_OP(LessOp, true)
MOTE_BINARY_OP(GreaterOp, true)
MOTE_BINARY_OP(GreaterEqualOp, true)
MOTE_BINARY_OP(LessEqualOp, true)
MOTE_BINARY_OP(AndOp, false)
MOTE_BINARY_OP(OrOp, false)
MOTE_BINARY_OP(XorOp, false)
MOTE_BINARY_OP(ModOp, false)
MOTE_BINARY_OP(BitShiftLeftOp, false)
MOTE_BINARY_OP(BitShiftRightOp, false)
#undef MOTE_BINARY_OP

LogicalResult WhereOp::inferReturnTypes(MLIRContext *,
                                        std::optional<Location> loc,
                                        ValueRange operands, DictionaryAttr,
                                        OpaqueProperties, RegionRange,
                                        SmallVectorImpl<Type> &inferred) {
  if (operands.size() != 3)
    return emitOptionalError(loc, "expects three operands");
  auto condition = getStaticTensorOperand(loc, operands[0], "condition");
  auto trueValue = getStaticTensorOperand(loc, operands[1], "true_value");
  auto falseValue = getStaticTensorOperand(loc, operands[2], "false_value");
  if (failed(condition) || failed(trueValue) || failed(falseValue))
    return failure();
  SmallVector<int64_t> shape;
  if (failed(broadcastAll(loc, {*condition, *trueValue, *falseValue}, shape)))
    return failure();
  inferred.push_back(RankedTensorType::get(shape, trueValue->getElementType()));
  return success();
}

LogicalResult WhereOp::verify() {
  if (!getCondition().getType().getElementType().isInteger(1))
    return emitOpError("'condition' must have element type i1, got ")
           << getCondition().getType().getElementType();
  Type trueType = getTrueValue().getType().getElementType();
  Type falseType = getFalseValue().getType().getElementType();
  if (!elementTypesAgree(trueType, falseType))
    return emitOpError("'true_value' and 'false_value' must have the same "
                       "element type, got ")
           << trueType << " and " << falseType;
  return success();
}

//===----------------------------------------------------------------------===//
// Convolution
//===----------------------------------------------------------------------===//

/// Checks the window attributes shared by convolutions and pools: one stride
/// and one dilation per spatial axis, begin then end pads.
static LogicalResult checkWindowAttributes(std::optional<Location> loc,
                                           int64_t spatialRank,
                                           ArrayRef<int64_t> strides,
                                           ArrayRef<int64_t> pads,
                                           ArrayRef<int64_t> dilations,
                                           bool allowNegativePads = false) {
  if (static_cast<int64_t>(strides.size()) != spatialRank)
    return emitOptionalError(loc, "'strides' needs ", spatialRank,
                             " entries (one per spatial axis), got ",
                             strides.size());
  if (static_cast<int64_t>(dilations.size()) != spatialRank)
    return emitOptionalError(loc, "'dilations' needs ", spatialRank,
                             " entries (one per spatial axis), got ",
                             dilations.size());
  if (static_cast<int64_t>(pads.size()) != 2 * spatialRank)
    return emitOptionalError(loc, "'pads' needs ", 2 * spatialRank,
                             " entries (begin pads, then end pads), got ",
                             pads.size());
  if (llvm::any_of(strides, [](int64_t s) { return s < 1; }))
    return emitOptionalError(loc, "'strides' must be positive");
  if (llvm::any_of(dilations, [](int64_t d) { return d < 1; }))
    return emitOptionalError(loc, "'dilations' must be positive");
  if (!allowNegativePads && llvm::any_of(pads, [](int64_t p) { return p < 0; }))
    return emitOptionalError(loc, "'pads' must not be negative");
  return success();
}

/// Output size of a sliding window along one axis (ONNX Conv/Pool rules).
static FailureOr<int64_t> slidingWindowSize(std::optional<Location> loc,
                                            int64_t axis, int64_t input,
                                            int64_t kernel, int64_t stride,
                                            int64_t padBegin, int64_t padEnd,
                                            int64_t dilation, bool ceilMode) {
  int64_t window = dilation * (kernel - 1) + 1;
  int64_t span = input + padBegin + padEnd - window;
  if (span < 0)
    return emitOptionalError(loc, "spatial axis ", axis, ": the window (",
                             window,
                             " with dilation) is larger than the "
                             "padded input (",
                             input + padBegin + padEnd, ")");
  if (!ceilMode)
    return span / stride + 1;
  int64_t size = (span + stride - 1) / stride + 1;
  // ONNX drops the last window when it would start in the end padding.
  if ((size - 1) * stride >= input + padBegin)
    --size;
  return size;
}

/// The checks conv and conv_transpose share: static N x C x spatial input,
/// a weight of the same rank, one stride/dilation per spatial axis and begin
/// plus end pads, and a positive group. Returns the input and weight types.
static FailureOr<std::pair<RankedTensorType, RankedTensorType>>
getConvolutionOperands(std::optional<Location> loc, Value inputValue,
                       Value weightValue, ArrayRef<int64_t> strides,
                       ArrayRef<int64_t> pads, ArrayRef<int64_t> dilations,
                       int64_t group) {
  auto input = getStaticTensorOperand(loc, inputValue, "input");
  auto weight = getStaticTensorOperand(loc, weightValue, "weight");
  if (failed(input) || failed(weight))
    return failure();
  int64_t rank = input->getRank();
  if (rank < 3)
    return emitOptionalError(loc,
                             "'input' must be N x C x spatial (rank >= 3)"
                             ", got ",
                             *input);
  if (weight->getRank() != rank)
    return emitOptionalError(loc, "'weight' rank (", weight->getRank(),
                             ") must equal 'input' rank (", rank, ")");
  if (failed(checkWindowAttributes(loc, rank - 2, strides, pads, dilations)))
    return failure();
  if (group < 1)
    return emitOptionalError(loc, "'group' must be positive, got ", group);
  return std::make_pair(*input, *weight);
}

LogicalResult
ConvOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                         ValueRange operands, DictionaryAttr attributes,
                         OpaqueProperties properties, RegionRange regions,
                         SmallVectorImpl<Type> &inferred) {
  Adaptor adaptor(operands, attributes, properties, regions);
  ArrayRef<int64_t> strides = adaptor.getStrides();
  ArrayRef<int64_t> pads = adaptor.getPads();
  ArrayRef<int64_t> dilations = adaptor.getDilations();
  int64_t group = static_cast<int64_t>(adaptor.getGroup());
  auto operandTypes =
      getConvolutionOperands(loc, adaptor.getInput(), adaptor.getWeight(),
                             strides, pads, dilations, group);
  if (failed(operandTypes))
    return failure();
  auto [input, weight] = *operandTypes;
  int64_t spatialRank = input.getRank() - 2;
  int64_t channels = input.getDimSize(1);
  int64_t outChannels = weight.getDimSize(0);
  if (channels != weight.getDimSize(1) * group)
    return emitOptionalError(loc, "input channels (", channels,
                             ") must equal weight.shape[1] (",
                             weight.getDimSize(1), ") * group (", group, ")");
  if (outChannels % group != 0)
    return emitOptionalError(loc, "output channels (", outChannels,
                             ") must be a multiple of group (", group, ")");
  SmallVector<int64_t> shape = {input.getDimSize(0), outChannels};
  for (int64_t i = 0; i < spatialRank; ++i) {
    auto size = slidingWindowSize(loc, i, input.getDimSize(i + 2),
                                  weight.getDimSize(i + 2), strides[i],
                                  pads[i], pads[i + spatialRank], dilations[i],
                                  /*ceilMode=*/false);
    if (failed(size))
      return failure();
    shape.push_back(*size);
  }
  inferred.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

LogicalResult ConvOp::verify() {
  Type inputType = getInput().getType().getElementType();
  Type weightType = getWeight().getType().getElementType();
  if (!dataOperandTypesAgree(inputType, weightType,
                             getType().getElementType())) {
    auto diag = emitOpError("'input' and 'weight' must have the same element "
                            "type, got ")
                << inputType << " and " << weightType;
    if (isa<IntegerType>(inputType) && isa<IntegerType>(weightType))
      diag << " (integers of different types must accumulate into a wider "
              "integer result, got "
           << getType().getElementType() << ")";
    return diag;
  }
  if (failed(verifyChannelVector(*this, getBias(), "bias",
                                 getWeight().getType().getDimSize(0))))
    return failure();
  return verifyActivation(*this, getActivation(), getActivationParams());
}

LogicalResult ConvTransposeOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, ValueRange operands,
    DictionaryAttr attributes, OpaqueProperties properties, RegionRange regions,
    SmallVectorImpl<Type> &inferred) {
  Adaptor adaptor(operands, attributes, properties, regions);
  ArrayRef<int64_t> strides = adaptor.getStrides();
  ArrayRef<int64_t> pads = adaptor.getPads();
  ArrayRef<int64_t> dilations = adaptor.getDilations();
  int64_t group = static_cast<int64_t>(adaptor.getGroup());
  auto operandTypes =
      getConvolutionOperands(loc, adaptor.getInput(), adaptor.getWeight(),
                             strides, pads, dilations, group);
  if (failed(operandTypes))
    return failure();
  auto [input, weight] = *operandTypes;
  int64_t spatialRank = input.getRank() - 2;
  ArrayRef<int64_t> outputPadding = adaptor.getOutputPadding();
  if (static_cast<int64_t>(outputPadding.size()) != spatialRank)
    return emitOptionalError(loc, "'output_padding' needs ", spatialRank,
                             " entries (one per spatial axis), got ",
                             outputPadding.size());
  int64_t channels = input.getDimSize(1);
  if (channels != weight.getDimSize(0))
    return emitOptionalError(loc, "input channels (", channels,
                             ") must equal weight.shape[0] (",
                             weight.getDimSize(0), ")");
  if (channels % group != 0)
    return emitOptionalError(loc, "input channels (", channels,
                             ") must be a multiple of group (", group, ")");
  SmallVector<int64_t> shape = {input.getDimSize(0),
                                weight.getDimSize(1) * group};
  for (int64_t i = 0; i < spatialRank; ++i) {
    if (outputPadding[i] < 0 ||
        outputPadding[i] >= std::max(strides[i], dilations[i]))
      return emitOptionalError(loc, "'output_padding' of spatial axis ", i,
                               " must be in [0, max(stride, dilation)), got ",
                               outputPadding[i]);
    int64_t size = strides[i] * (input.getDimSize(i + 2) - 1) +
                   outputPadding[i] +
                   (weight.getDimSize(i + 2) - 1) * dilations[i] + 1 -
                   pads[i] - pads[i + spatialRank];
    if (size < 1)
      return emitOptionalError(loc, "spatial axis ", i,
                               ": the pads leave no output (size ", size, ")");
    shape.push_back(size);
  }
  inferred.push_back(RankedTensorType::get(shape, input.getElementType()));
  return success();
}

LogicalResult ConvTransposeOp::verify() {
  Type inputType = getInput().getType().getElementType();
  Type weightType = getWeight().getType().getElementType();
  if (!elementTypesAgree(inputType, weightType))
    return emitOpError("'input' and 'weight' must have the same element type, "
                       "got ")
           << inputType << " and " << weightType;
  return verifyChannelVector(*this, getBias(), "bias",
                             getOutput().getType().getDimSize(1));
}

//===----------------------------------------------------------------------===//
// Matrix products
//===----------------------------------------------------------------------===//

LogicalResult
GemmOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                         ValueRange operands, DictionaryAttr attributes,
                         OpaqueProperties properties, RegionRange regions,
                         SmallVectorImpl<Type> &inferred) {
  Adaptor adaptor(operands, attributes, properties, regions);
  auto a = getStaticTensorOperand(loc, adaptor.getA(), "a");
  auto b = getStaticTensorOperand(loc, adaptor.getB(), "b");
  if (failed(a) || failed(b))
    return failure();
  if (a->getRank() != 2 || b->getRank() != 2)
    return emitOptionalError(loc, "'a' and 'b' must be 2-d, got ", *a, " and ",
                             *b);
  bool transA = adaptor.getTransA(), transB = adaptor.getTransB();
  int64_t m = a->getDimSize(transA ? 1 : 0);
  int64_t k = a->getDimSize(transA ? 0 : 1);
  int64_t kB = b->getDimSize(transB ? 1 : 0);
  int64_t n = b->getDimSize(transB ? 0 : 1);
  if (k != kB)
    return emitOptionalError(loc, "inner dimensions differ: op(a) is ", m,
                             " x ", k, ", op(b) is ", kB, " x ", n);
  inferred.push_back(RankedTensorType::get({m, n}, a->getElementType()));
  return success();
}

LogicalResult GemmOp::verify() {
  Type aType = getA().getType().getElementType();
  Type bType = getB().getType().getElementType();
  if (!elementTypesAgree(aType, bType))
    return emitOpError("'a' and 'b' must have the same element type, got ")
           << aType << " and " << bType;
  if (Value c = getC()) {
    ArrayRef<int64_t> outShape = getOutput().getType().getShape();
    SmallVector<int64_t> broadcast;
    auto cType = cast<RankedTensorType>(c.getType());
    if (cType.getRank() > 2 ||
        !OpTrait::util::getBroadcastedShape(cType.getShape(), outShape,
                                            broadcast) ||
        ArrayRef<int64_t>(broadcast) != outShape)
      return emitOpError("'c' of type ")
             << cType << " does not broadcast to the result shape "
             << formatShape(outShape);
  }
  return verifyActivation(*this, getActivation(), getActivationParams());
}

LogicalResult
MatMulOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                           ValueRange operands, DictionaryAttr attributes,
                           OpaqueProperties properties, RegionRange regions,
                           SmallVectorImpl<Type> &inferred) {
  Adaptor adaptor(operands, attributes, properties, regions);
  auto a = getStaticTensorOperand(loc, adaptor.getA(), "a");
  auto b = getStaticTensorOperand(loc, adaptor.getB(), "b");
  if (failed(a) || failed(b))
    return failure();
  if (a->getRank() < 1 || b->getRank() < 1)
    return emitOptionalError(loc, "'a' and 'b' must have rank >= 1");
  // Numpy: a 1-d lhs is a row vector, a 1-d rhs a column vector; the
  // promoted axis is dropped from the result.
  SmallVector<int64_t> aShape(a->getShape()), bShape(b->getShape());
  bool aIsVector = aShape.size() == 1, bIsVector = bShape.size() == 1;
  if (aIsVector)
    aShape.insert(aShape.begin(), 1);
  if (bIsVector)
    bShape.push_back(1);
  int64_t m = aShape[aShape.size() - 2], k = aShape.back();
  int64_t kB = bShape[bShape.size() - 2], n = bShape.back();
  if (k != kB)
    return emitOptionalError(loc, "inner dimensions differ: 'a' has ", k,
                             " columns, 'b' has ", kB, " rows");
  SmallVector<int64_t> batch;
  ArrayRef<int64_t> aBatch = ArrayRef<int64_t>(aShape).drop_back(2);
  ArrayRef<int64_t> bBatch = ArrayRef<int64_t>(bShape).drop_back(2);
  if (!OpTrait::util::getBroadcastedShape(aBatch, bBatch, batch))
    return emitOptionalError(loc, "batch dimensions ", formatShape(aBatch),
                             " and ", formatShape(bBatch), " do not broadcast");
  if (!aIsVector)
    batch.push_back(m);
  if (!bIsVector)
    batch.push_back(n);
  inferred.push_back(RankedTensorType::get(batch, a->getElementType()));
  return success();
}

LogicalResult MatMulOp::verify() {
  Type aType = getA().getType().getElementType();
  Type bType = getB().getType().getElementType();
  if (!dataOperandTypesAgree(aType, bType, getType().getElementType())) {
    auto diag = emitOpError("'a' and 'b' must have the same element type, got ")
                << aType << " and " << bType;
    if (isa<IntegerType>(aType) && isa<IntegerType>(bType))
      diag << " (integers of different types must accumulate into a wider "
              "integer result, got "
           << getType().getElementType() << ")";
    return diag;
  }
  if (getBias()) {
    if (getB().getType().getRank() < 2)
      return emitOpError("'bias' needs a 2-d or higher 'b' (the bias is added "
                         "along the columns)");
    if (failed(verifyChannelVector(*this, getBias(), "bias",
                                   getB().getType().getShape().back())))
      return failure();
  }
  return verifyActivation(*this, getActivation(), getActivationParams());
}

//===----------------------------------------------------------------------===//
// Normalization and softmax
//===----------------------------------------------------------------------===//

LogicalResult BatchNormOp::verify() {
  RankedTensorType inputType = getInput().getType();
  if (inputType.getRank() < 2)
    return emitOpError("'input' must be N x C x ... (rank >= 2), got ")
           << inputType;
  int64_t channels = inputType.getDimSize(1);
  Value statistics[] = {getScale(), getBias(), getMean(), getVar()};
  StringRef names[] = {"scale", "bias", "mean", "var"};
  for (auto [value, name] : llvm::zip(statistics, names))
    if (failed(verifyChannelVector(*this, value, name, channels)))
      return failure();
  if (getEpsilon().convertToFloat() < 0)
    return emitOpError("'epsilon' must not be negative");
  return success();
}

LogicalResult LayerNormOp::verify() {
  RankedTensorType inputType = getInput().getType();
  int64_t rank = inputType.getRank();
  int64_t axis = getAxis();
  if (axis < 0 || axis >= rank)
    return emitOpError("'axis' must be in [0, ") << rank << "), got " << axis;
  ArrayRef<int64_t> normalized = inputType.getShape().drop_front(axis);
  Value affine[] = {getScale(), getBias()};
  StringRef names[] = {"scale", "bias"};
  for (auto [value, name] : llvm::zip(affine, names)) {
    if (!value)
      continue;
    auto type = cast<RankedTensorType>(value.getType());
    SmallVector<int64_t> broadcast;
    if (type.getRank() > static_cast<int64_t>(normalized.size()) ||
        !OpTrait::util::getBroadcastedShape(type.getShape(), normalized,
                                            broadcast) ||
        ArrayRef<int64_t>(broadcast) != normalized)
      return emitOpError("'") << name << "' of type " << type
                              << " does not broadcast to the normalized shape "
                              << formatShape(normalized);
  }
  return success();
}

static LogicalResult verifySoftmaxAxis(Operation *op, int64_t axis) {
  int64_t rank = cast<RankedTensorType>(op->getOperand(0).getType()).getRank();
  if (axis < 0 || axis >= rank)
    return op->emitOpError("'axis' must be in [0, ")
           << rank << "), got " << axis;
  return success();
}
LogicalResult SoftmaxOp::verify() {
  return verifySoftmaxAxis(*this, getAxis());
}
LogicalResult LogSoftmaxOp::verify() {
  return verifySoftmaxAxis(*this, getAxis());
}

//===----------------------------------------------------------------------===//
// Pooling and reductions
//===----------------------------------------------------------------------===//

template <typename Adaptor>
static LogicalResult inferPool(std::optional<Location> loc, Adaptor adaptor,
                               SmallVectorImpl<Type> &inferred) {
  auto input = getStaticTensorOperand(loc, adaptor.getInput(), "input");
  if (failed(input))
    return failure();
  int64_t rank = input->getRank();
  if (rank < 3)
    return emitOptionalError(loc,
                             "'input' must be N x C x spatial (rank >= 3)"
                             ", got ",
                             *input);
  int64_t spatialRank = rank - 2;
  ArrayRef<int64_t> kernel = adaptor.getKernelShape();
  ArrayRef<int64_t> strides = adaptor.getStrides();
  ArrayRef<int64_t> pads = adaptor.getPads();
  ArrayRef<int64_t> dilations = adaptor.getDilations();
  if (static_cast<int64_t>(kernel.size()) != spatialRank)
    return emitOptionalError(loc, "'kernel_shape' needs ", spatialRank,
                             " entries (one per spatial axis), got ",
                             kernel.size());
  if (llvm::any_of(kernel, [](int64_t k) { return k < 1; }))
    return emitOptionalError(loc, "'kernel_shape' must be positive");
  if (failed(checkWindowAttributes(loc, spatialRank, strides, pads, dilations)))
    return failure();
  SmallVector<int64_t> shape(input->getShape().take_front(2));
  for (int64_t i = 0; i < spatialRank; ++i) {
    auto size = slidingWindowSize(loc, i, input->getDimSize(i + 2), kernel[i],
                                  strides[i], pads[i], pads[i + spatialRank],
                                  dilations[i], adaptor.getCeilMode());
    if (failed(size))
      return failure();
    shape.push_back(*size);
  }
  inferred.push_back(RankedTensorType::get(shape, input->getElementType()));
  return success();
}

LogicalResult
MaxPoolOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                            ValueRange operands, DictionaryAttr attributes,
                            OpaqueProperties properties, RegionRange regions,
                            SmallVectorImpl<Type> &inferred) {
  return inferPool(loc, Adaptor(operands, attributes, properties, regions),
                   inferred);
}
LogicalResult MaxPoolOp::verify() { return success(); }

LogicalResult AveragePoolOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, ValueRange operands,
    DictionaryAttr attributes, OpaqueProperties properties, RegionRange regions,
    SmallVectorImpl<Type> &inferred) {
  return inferPool(loc, Adaptor(operands, attributes, properties, regions),
                   inferred);
}
LogicalResult AveragePoolOp::verify() { return success(); }

template <typename Adaptor>
static LogicalResult inferReduce(std::optional<Location> loc, Adaptor adaptor,
                                 SmallVectorImpl<Type> &inferred) {
  auto input = getStaticTensorOperand(loc, adaptor.getInput(), "input");
  if (failed(input))
    return failure();
  int64_t rank = input->getRank();
  ArrayRef<int64_t> axes = adaptor.getAxes();
  for (auto [i, axis] : llvm::enumerate(axes)) {
    if (axis < 0 || axis >= rank)
      return emitOptionalError(loc, "'axes' entry ", axis,
                               " is out of range [0, ", rank, ")");
    if (i > 0 && axes[i - 1] >= axis)
      return emitOptionalError(loc, "'axes' must be sorted and unique, got ",
                               formatShape(axes));
  }
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d) {
    if (!llvm::is_contained(axes, d))
      shape.push_back(input->getDimSize(d));
    else if (adaptor.getKeepdims())
      shape.push_back(1);
  }
  inferred.push_back(RankedTensorType::get(shape, input->getElementType()));
  return success();
}

#define MOTE_REDUCE_OP(OpTy)                                                   \
  LogicalResult OpTy::inferReturnTypes(                                        \
      MLIRContext *, std::optional<Location> loc, ValueRange operands,         \
      DictionaryAttr attributes, OpaqueProperties properties,                  \
      RegionRange regions, SmallVectorImpl<Type> &inferred) {                  \
    return inferReduce(                                                        \
        loc, Adaptor(operands, attributes, properties, regions), inferred);    \
  }                                                                            \
  LogicalResult OpTy::verify() { return success(); }
MOTE_REDUCE_OP(ReduceSumOp)
MOTE_REDUCE_OP(ReduceMeanOp)
MOTE_REDUCE_OP(ReduceMaxOp)
MOTE_REDUCE_OP(ReduceMinOp)
MOTE_REDUCE_OP(ReduceProdOp)
#undef MOTE_REDUCE_OP

/// Shared inference of arg_max / arg_min: the input shape with `axis`
/// dropped (or kept as 1), element type i64.
template <typename AdaptorTy>
static LogicalResult inferArgReduce(MLIRContext *context,
                                    std::optional<Location> loc,
                                    AdaptorTy adaptor,
                                    SmallVectorImpl<Type> &inferred) {
  auto input = getStaticTensorOperand(loc, adaptor.getInput(), "input");
  if (failed(input))
    return failure();
  int64_t rank = input->getRank();
  int64_t axis = static_cast<int64_t>(adaptor.getAxis());
  if (axis < 0 || axis >= rank)
    return emitOptionalError(loc, "'axis' must be in [0, ", rank, "), got ",
                             axis);
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d) {
    if (d != axis)
      shape.push_back(input->getDimSize(d));
    else if (adaptor.getKeepdims())
      shape.push_back(1);
  }
  inferred.push_back(
      RankedTensorType::get(shape, IntegerType::get(context, 64)));
  return success();
}

#define MOTE_ARG_REDUCE_OP(OpTy)                                               \
  LogicalResult OpTy::inferReturnTypes(                                        \
      MLIRContext *context, std::optional<Location> loc, ValueRange operands,  \
      DictionaryAttr attributes, OpaqueProperties properties,                  \
      RegionRange regions, SmallVectorImpl<Type> &inferred) {                  \
    return inferArgReduce(context, loc,                                        \
                          Adaptor(operands, attributes, properties, regions),  \
                          inferred);                                           \
  }                                                                            \
  LogicalResult OpTy::verify() {                                               \
    if (getInput().getType().getNumElements() == 0)                           \
      return emitOpError("needs a non-empty input");                           \
    return success();                                                          \
  }
MOTE_ARG_REDUCE_OP(ArgMaxOp)
MOTE_ARG_REDUCE_OP(ArgMinOp)
#undef MOTE_ARG_REDUCE_OP

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::verify() {
  RankedTensorType inputType = getInput().getType();
  RankedTensorType outputType = getOutput().getType();
  if (inputType.getElementType() != outputType.getElementType())
    return emitOpError("must keep the element type, got ")
           << inputType.getElementType() << " and "
           << outputType.getElementType();
  if (!inputType.hasStaticShape() || !outputType.hasStaticShape())
    return emitOpError("needs static shapes, got ")
           << inputType << " and " << outputType;
  if (inputType.getNumElements() != outputType.getNumElements())
    return emitOpError("must keep the element count, got ")
           << inputType.getNumElements() << " elements in and "
           << outputType.getNumElements() << " out";
  return success();
}

LogicalResult
TransposeOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                              ValueRange operands, DictionaryAttr attributes,
                              OpaqueProperties properties, RegionRange regions,
                              SmallVectorImpl<Type> &inferred) {
  Adaptor adaptor(operands, attributes, properties, regions);
  auto input = getStaticTensorOperand(loc, adaptor.getInput(), "input");
  if (failed(input))
    return failure();
  ArrayRef<int64_t> perm = adaptor.getPerm();
  int64_t rank = input->getRank();
  if (static_cast<int64_t>(perm.size()) != rank)
    return emitOptionalError(loc, "'perm' needs ", rank, " entries, got ",
                             perm.size());
  llvm::SmallBitVector seen(rank);
  SmallVector<int64_t> shape;
  for (int64_t axis : perm) {
    if (axis < 0 || axis >= rank || seen.test(axis))
      return emitOptionalError(loc, "'perm' ", formatShape(perm),
                               " is not a permutation of [0, ", rank, ")");
    seen.set(axis);
    shape.push_back(input->getDimSize(axis));
  }
  inferred.push_back(RankedTensorType::get(shape, input->getElementType()));
  return success();
}
LogicalResult TransposeOp::verify() { return success(); }

LogicalResult
ConcatOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                           ValueRange operands, DictionaryAttr attributes,
                           OpaqueProperties properties, RegionRange regions,
                           SmallVectorImpl<Type> &inferred) {
  Adaptor adaptor(operands, attributes, properties, regions);
  if (operands.empty())
    return emitOptionalError(loc, "needs at least one input");
  auto first = getStaticTensorOperand(loc, operands.front(), "inputs");
  if (failed(first))
    return failure();
  int64_t rank = first->getRank();
  int64_t axis = static_cast<int64_t>(adaptor.getAxis());
  if (axis < 0 || axis >= rank)
    return emitOptionalError(loc, "'axis' must be in [0, ", rank, "), got ",
                             axis);
  SmallVector<int64_t> shape(first->getShape());
  for (auto [index, value] : llvm::enumerate(operands.drop_front())) {
    auto type = getStaticTensorOperand(loc, value, "inputs");
    if (failed(type))
      return failure();
    if (type->getRank() != rank)
      return emitOptionalError(loc, "input #", index + 1, " has rank ",
                               type->getRank(), ", input #0 has rank ", rank);
    if (type->getElementType() != first->getElementType())
      return emitOptionalError(loc, "input #", index + 1, " has element type ",
                               type->getElementType(), ", input #0 has ",
                               first->getElementType());
    for (int64_t d = 0; d < rank; ++d) {
      if (d == axis)
        continue;
      if (type->getDimSize(d) != shape[d])
        return emitOptionalError(loc, "input #", index + 1, " has size ",
                                 type->getDimSize(d), " on axis ", d,
                                 ", input #0 has ", shape[d]);
    }
    shape[axis] += type->getDimSize(axis);
  }
  inferred.push_back(RankedTensorType::get(shape, first->getElementType()));
  return success();
}
LogicalResult ConcatOp::verify() { return success(); }

/// The number of elements a normalized slice takes along one axis.
static int64_t sliceSize(int64_t start, int64_t end, int64_t step) {
  if (step > 0)
    return end > start ? (end - start + step - 1) / step : 0;
  return start > end ? (start - end - step - 1) / -step : 0;
}

LogicalResult
SliceOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                          ValueRange operands, DictionaryAttr attributes,
                          OpaqueProperties properties, RegionRange regions,
                          SmallVectorImpl<Type> &inferred) {
  Adaptor adaptor(operands, attributes, properties, regions);
  auto input = getStaticTensorOperand(loc, adaptor.getInput(), "input");
  if (failed(input))
    return failure();
  int64_t rank = input->getRank();
  ArrayRef<int64_t> starts = adaptor.getStarts();
  ArrayRef<int64_t> ends = adaptor.getEnds();
  ArrayRef<int64_t> steps = adaptor.getSteps();
  if (static_cast<int64_t>(starts.size()) != rank ||
      static_cast<int64_t>(ends.size()) != rank ||
      static_cast<int64_t>(steps.size()) != rank)
    return emitOptionalError(loc, "'starts', 'ends' and 'steps' need ", rank,
                             " entries each (one per axis), got ",
                             starts.size(), ", ", ends.size(), " and ",
                             steps.size());
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t dim = input->getDimSize(d);
    int64_t start = starts[d], end = ends[d], step = steps[d];
    if (step == 0)
      return emitOptionalError(loc, "'steps' must not be 0 (axis ", d, ")");
    bool inRange =
        step > 0
            ? (start >= 0 && start <= dim && end >= 0 && end <= dim)
            : (start >= 0 && start <= dim - 1 && end >= -1 && end <= dim - 1);
    if (!inRange)
      return emitOptionalError(
          loc, "axis ", d, ": start ", start, " and end ", end,
          " are not clamped for step ", step, " and size ", dim,
          " (the importer normalizes them with ONNX's rules)");
    shape.push_back(sliceSize(start, end, step));
  }
  inferred.push_back(RankedTensorType::get(shape, input->getElementType()));
  return success();
}
LogicalResult SliceOp::verify() { return success(); }

LogicalResult
GatherOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                           ValueRange operands, DictionaryAttr attributes,
                           OpaqueProperties properties, RegionRange regions,
                           SmallVectorImpl<Type> &inferred) {
  Adaptor adaptor(operands, attributes, properties, regions);
  auto data = getStaticTensorOperand(loc, adaptor.getData(), "data");
  auto indices = getStaticTensorOperand(loc, adaptor.getIndices(), "indices");
  if (failed(data) || failed(indices))
    return failure();
  int64_t rank = data->getRank();
  int64_t axis = static_cast<int64_t>(adaptor.getAxis());
  if (axis < 0 || axis >= rank)
    return emitOptionalError(loc, "'axis' must be in [0, ", rank, "), got ",
                             axis);
  if (!isa<IntegerType>(indices->getElementType()))
    return emitOptionalError(loc, "'indices' must be an integer tensor, got ",
                             *indices);
  SmallVector<int64_t> shape(data->getShape().take_front(axis));
  llvm::append_range(shape, indices->getShape());
  llvm::append_range(shape, data->getShape().drop_front(axis + 1));
  inferred.push_back(RankedTensorType::get(shape, data->getElementType()));
  return success();
}
LogicalResult GatherOp::verify() { return success(); }

LogicalResult GatherElementsOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, ValueRange operands,
    DictionaryAttr attributes, OpaqueProperties properties,
    RegionRange regions, SmallVectorImpl<Type> &inferred) {
  Adaptor adaptor(operands, attributes, properties, regions);
  auto data = getStaticTensorOperand(loc, adaptor.getData(), "data");
  auto indices = getStaticTensorOperand(loc, adaptor.getIndices(), "indices");
  if (failed(data) || failed(indices))
    return failure();
  int64_t rank = data->getRank();
  int64_t axis = static_cast<int64_t>(adaptor.getAxis());
  if (axis < 0 || axis >= rank)
    return emitOptionalError(loc, "'axis' must be in [0, ", rank, "), got ",
                             axis);
  if (!isa<IntegerType>(indices->getElementType()))
    return emitOptionalError(loc, "'indices' must be an integer tensor, got ",
                             *indices);
  if (indices->getRank() != rank)
    return emitOptionalError(loc, "'indices' must have the rank of 'data' (",
                             rank, "), got ", *indices);
  for (int64_t d = 0; d < rank; ++d)
    if (d != axis && indices->getDimSize(d) > data->getDimSize(d))
      return emitOptionalError(loc, "'indices' dim ", d, " (",
                               indices->getDimSize(d), ") exceeds 'data' dim (",
                               data->getDimSize(d), ")");
  inferred.push_back(
      RankedTensorType::get(indices->getShape(), data->getElementType()));
  return success();
}
LogicalResult GatherElementsOp::verify() { return success(); }

/// IsNaN and IsInf classify floating-point elements into an i1 tensor.
static LogicalResult verifyClassify(Operation *op) {
  Type input = getElementTypeOrSelf(op->getOperand(0).getType());
  Type output = getElementTypeOrSelf(op->getResult(0).getType());
  if (!isa<FloatType>(input))
    return op->emitOpError("needs a floating-point operand, got ") << input;
  if (!output.isInteger(1))
    return op->emitOpError("result must have element type i1, got ")
           << output;
  return success();
}
LogicalResult IsNaNOp::verify() { return verifyClassify(getOperation()); }
LogicalResult IsInfOp::verify() { return verifyClassify(getOperation()); }

LogicalResult BroadcastToOp::verify() {
  RankedTensorType inputType = getInput().getType();
  RankedTensorType outputType = getOutput().getType();
  if (inputType.getElementType() != outputType.getElementType())
    return emitOpError("must keep the element type, got ")
           << inputType.getElementType() << " and "
           << outputType.getElementType();
  SmallVector<int64_t> broadcast;
  if (inputType.getRank() > outputType.getRank() ||
      !OpTrait::util::getBroadcastedShape(inputType.getShape(),
                                          outputType.getShape(), broadcast) ||
      ArrayRef<int64_t>(broadcast) != outputType.getShape())
    return emitOpError("operand shape ")
           << formatShape(inputType.getShape())
           << " does not broadcast to the result shape "
           << formatShape(outputType.getShape());
  return success();
}

LogicalResult
PadOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                        ValueRange operands, DictionaryAttr attributes,
                        OpaqueProperties properties, RegionRange regions,
                        SmallVectorImpl<Type> &inferred) {
  Adaptor adaptor(operands, attributes, properties, regions);
  auto input = getStaticTensorOperand(loc, adaptor.getInput(), "input");
  if (failed(input))
    return failure();
  int64_t rank = input->getRank();
  ArrayRef<int64_t> pads = adaptor.getPads();
  if (static_cast<int64_t>(pads.size()) != 2 * rank)
    return emitOptionalError(loc, "'pads' needs ", 2 * rank,
                             " entries (begin pads, then end pads), got ",
                             pads.size());
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t size = input->getDimSize(d) + pads[d] + pads[d + rank];
    if (size < 0)
      return emitOptionalError(loc, "axis ", d, " would have negative size ",
                               size);
    shape.push_back(size);
  }
  inferred.push_back(RankedTensorType::get(shape, input->getElementType()));
  return success();
}

LogicalResult PadOp::verify() {
  if (getMode() != PadMode::reflect)
    return success();
  // Reflection mirrors the interior, which has dim - 1 elements to offer.
  RankedTensorType inputType = getInput().getType();
  int64_t rank = inputType.getRank();
  for (int64_t d = 0; d < rank; ++d) {
    int64_t dim = inputType.getDimSize(d);
    if (getPads()[d] >= dim || getPads()[d + rank] >= dim)
      return emitOpError("reflect mode needs pads smaller than the axis size"
                         " (axis ")
             << d << " has size " << dim << ")";
  }
  return success();
}

LogicalResult ResizeOp::verify() {
  RankedTensorType inputType = getInput().getType();
  RankedTensorType outputType = getOutput().getType();
  if (inputType.getRank() != outputType.getRank())
    return emitOpError("must keep the rank, got ")
           << inputType.getRank() << " and " << outputType.getRank();
  if (!elementTypesAgree(inputType.getElementType(),
                         outputType.getElementType()))
    return emitOpError("must keep the element type, got ")
           << inputType.getElementType() << " and "
           << outputType.getElementType();
  if (static_cast<int64_t>(getScales().size()) != inputType.getRank())
    return emitOpError("'scales' needs ")
           << inputType.getRank() << " entries (one per axis), got "
           << getScales().size();
  if (llvm::any_of(getScales(), [](float s) { return !(s > 0); }))
    return emitOpError("'scales' must be positive");
  return success();
}

LogicalResult ShapeOp::inferReturnTypes(MLIRContext *context,
                                        std::optional<Location> loc,
                                        ValueRange operands, DictionaryAttr,
                                        OpaqueProperties, RegionRange,
                                        SmallVectorImpl<Type> &inferred) {
  if (operands.size() != 1)
    return emitOptionalError(loc, "expects one operand");
  auto input = dyn_cast<RankedTensorType>(operands[0].getType());
  if (!input)
    return emitOptionalError(loc, "'input' must be a ranked tensor");
  inferred.push_back(
      RankedTensorType::get({input.getRank()}, IntegerType::get(context, 64)));
  return success();
}

//===----------------------------------------------------------------------===//
// scatter_nd, top_k
//===----------------------------------------------------------------------===//

LogicalResult ScatterNDOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, ValueRange operands,
    DictionaryAttr attributes, OpaqueProperties properties,
    RegionRange regions, SmallVectorImpl<Type> &inferred) {
  Adaptor adaptor(operands, attributes, properties, regions);
  auto data = getStaticTensorOperand(loc, adaptor.getData(), "data");
  auto indices = getStaticTensorOperand(loc, adaptor.getIndices(), "indices");
  auto updates = getStaticTensorOperand(loc, adaptor.getUpdates(), "updates");
  if (failed(data) || failed(indices) || failed(updates))
    return failure();
  auto indexType = dyn_cast<IntegerType>(indices->getElementType());
  if (!indexType || indexType.getWidth() == 1)
    return emitOptionalError(loc, "'indices' must be an integer tensor, got ",
                             *indices);
  if (indices->getRank() < 1)
    return emitOptionalError(loc, "'indices' must have rank >= 1");
  int64_t k = indices->getShape().back();
  if (k < 1 || k > data->getRank())
    return emitOptionalError(loc, "the index tuples have ", k,
                             " coordinates; 'data' has rank ",
                             data->getRank());
  SmallVector<int64_t> expected(indices->getShape().drop_back());
  llvm::append_range(expected, data->getShape().drop_front(k));
  if (updates->getShape() != ArrayRef<int64_t>(expected))
    return emitOptionalError(loc, "'updates' must have shape ",
                             formatShape(expected), ", got ", *updates);
  if (updates->getElementType() != data->getElementType())
    return emitOptionalError(loc, "'updates' must have the element type of "
                             "'data', got ", *updates);
  inferred.push_back(*data);
  return success();
}

LogicalResult ScatterNDOp::verify() {
  StringRef reduction = getReduction();
  if (!llvm::is_contained({"none", "add", "mul", "max", "min"}, reduction))
    return emitOpError("'reduction' must be none, add, mul, max or min, got '")
           << reduction << "'";
  return success();
}

LogicalResult TopKOp::verify() {
  auto input = cast<RankedTensorType>(getInput().getType());
  int64_t rank = input.getRank();
  int64_t axis = getAxis();
  if (axis < 0 || axis >= rank)
    return emitOpError("'axis' must be in [0, ") << rank << "), got " << axis;
  if (!input.hasStaticShape())
    return emitOpError("needs a static input shape, got ") << input;
  int64_t k = getK();
  if (k < 0 || k > input.getDimSize(axis))
    return emitOpError("'k' must be in [0, ")
           << input.getDimSize(axis) << "], got " << k;
  SmallVector<int64_t> shape(input.getShape());
  shape[axis] = k;
  auto values = cast<RankedTensorType>(getValues().getType());
  auto indices = cast<RankedTensorType>(getIndices().getType());
  if (values != input.clone(shape))
    return emitOpError("'values' must have type ") << input.clone(shape)
                                                    << ", got " << values;
  if (indices.getShape() != ArrayRef<int64_t>(shape) ||
      !indices.getElementType().isInteger(64))
    return emitOpError("'indices' must have type ")
           << input.clone(shape, IntegerType::get(getContext(), 64))
           << ", got " << indices;
  return success();
}

#define GET_OP_CLASSES
#include "mote/Dialect/Mote/IR/MoteOps.cpp.inc"
