//===- OnnxOps.cpp - ONNX nodes to mote ops -------------------------------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// One function per ONNX op (or op family). Each reads the node's attributes
// for the model's opset, turns shape-determining operands into static
// attributes (their producers have been folded to constants while they were
// built), and creates mote ops whose result types the ops infer themselves.
// docs/SupportedOps.md lists what is mapped and the limits.
//
//===----------------------------------------------------------------------===//

#include "OnnxNodeContext.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Traits.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MathExtras.h"

#include <cmath>
#include <limits>
#include <numeric>

using namespace mlir;

namespace mote {
namespace onnx_import {

using onnx::AttributeProto;
using onnx::NodeProto;

// NodeContext (per-node helpers) is in OnnxNodeContext.h, shared with
// OnnxIndexingOps.cpp.

//===----------------------------------------------------------------------===//
// Elementwise ops
//===----------------------------------------------------------------------===//

template <typename OpTy> static LogicalResult convertUnary(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "X");
  if (failed(x))
    return failure();
  FailureOr<Value> y = n.create<OpTy>((*x).getType(), *x);
  return failed(y) ? failure() : n.setOutput(0, *y);
}

/// Dropout. At inference (no training_mode, or a false one) and with a ratio
/// of 0 the output is the input and the mask is all true; training mode with
/// a positive ratio draws random numbers, which compiled firmware does not.
static LogicalResult convertDropout(NodeContext &n) {
  // Opset 6's is_test is ignored like BatchNormalization's: mote compiles
  // for inference.
  bool training = false;
  if (Value trainingMode = n.input(2)) {
    std::optional<SmallVector<int64_t>> flag = getConstantInts(trainingMode);
    if (!flag || flag->size() != 1) {
      n.error() << "training_mode must be a compile-time constant scalar "
                   "(bind the graph input with --bind-input)";
      return failure();
    }
    training = (*flag)[0] != 0;
  }
  if (training) {
    double ratio = 0.5;
    if (n.input(1)) {
      std::optional<SmallVector<float>> value = getConstantFloats(n.input(1));
      if (!value || value->size() != 1) {
        n.error() << "ratio must be a compile-time constant scalar in "
                     "training mode (bind the graph input with --bind-input)";
        return failure();
      }
      ratio = (*value)[0];
    }
    if (ratio != 0.0) {
      n.error() << "unsupported: training-mode Dropout with ratio " << ratio
                << " is random; mote generates deterministic code, so "
                   "export the model for inference (training_mode false)";
      return failure();
    }
  }
  FailureOr<Value> x = n.requiredInput(0, "data");
  if (failed(x) || failed(n.setOutput(0, *x)))
    return failure();
  if (!n.hasOutput(1))
    return success();
  // Nothing is dropped: the mask is all true (bool from opset 10, the
  // input's type before).
  auto xType = n.typeOf(*x);
  if (n.opset >= 10)
    return n.setOutput(1, n.constant(DenseElementsAttr::get(
                              xType.clone(n.b.getI1Type()), true)));
  if (!isa<FloatType>(xType.getElementType())) {
    n.error() << "the mask of a " << xType << " input is not supported";
    return failure();
  }
  return n.setOutput(
      1, n.constant(DenseElementsAttr::get(
             xType, FloatAttr::get(xType.getElementType(), 1.0))));
}

static LogicalResult convertLeakyRelu(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "X");
  if (failed(x))
    return failure();
  FailureOr<Value> y = n.create<LeakyReluOp>(
      (*x).getType(), *x, n.b.getF32FloatAttr(n.getFloat("alpha", 0.01f)));
  return failed(y) ? failure() : n.setOutput(0, *y);
}

static LogicalResult convertHardSigmoid(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "X");
  if (failed(x))
    return failure();
  FailureOr<Value> y = n.create<HardSigmoidOp>(
      (*x).getType(), *x, n.b.getF32FloatAttr(n.getFloat("alpha", 0.2f)),
      n.b.getF32FloatAttr(n.getFloat("beta", 0.5f)));
  return failed(y) ? failure() : n.setOutput(0, *y);
}

/// The lowest and highest finite values of `type`, as doubles.
static std::pair<double, double> elementTypeRange(Type type) {
  if (auto floatType = dyn_cast<FloatType>(type)) {
    const llvm::fltSemantics &sem = floatType.getFloatSemantics();
    return {APFloat::getLargest(sem, /*Negative=*/true).convertToDouble(),
            APFloat::getLargest(sem).convertToDouble()};
  }
  unsigned width = type.getIntOrFloatBitWidth();
  if (width == 1)
    return {0, 1};
  return {static_cast<double>(APInt::getSignedMinValue(width).getSExtValue()),
          static_cast<double>(APInt::getSignedMaxValue(width).getSExtValue())};
}

static LogicalResult convertClip(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "input");
  if (failed(x))
    return failure();
  auto [lowest, highest] = elementTypeRange(n.typeOf(*x).getElementType());
  double minValue = lowest, maxValue = highest;
  if (n.opset < 11) {
    minValue = n.hasAttr("min") ? n.getFloat("min", 0) : lowest;
    maxValue = n.hasAttr("max") ? n.getFloat("max", 0) : highest;
  } else {
    for (int i : {1, 2}) {
      if (!n.input(i))
        continue;
      StringRef what = i == 1 ? "min" : "max";
      std::optional<SmallVector<float>> floats = getConstantFloats(n.input(i));
      std::optional<SmallVector<int64_t>> ints = getConstantInts(n.input(i));
      double bound;
      if (floats && floats->size() == 1)
        bound = (*floats)[0];
      else if (ints && ints->size() == 1)
        bound = static_cast<double>((*ints)[0]);
      else {
        emitError(n.diagLoc) << "the " << what << " operand of Clip '" << n.name
                             << "' is not a compile-time constant scalar";
        return failure();
      }
      (i == 1 ? minValue : maxValue) = bound;
    }
  }
  if (minValue > maxValue) {
    n.error() << "min " << minValue << " is greater than max " << maxValue;
    return failure();
  }
  FailureOr<Value> y =
      n.create<ClipOp>((*x).getType(), *x, n.b.getF64FloatAttr(minValue),
                       n.b.getF64FloatAttr(maxValue));
  return failed(y) ? failure() : n.setOutput(0, *y);
}

static LogicalResult convertCast(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "input");
  if (failed(x))
    return failure();
  int64_t to = n.getInt("to", 0);
  Type elementType = convertElementType(n.context, to);
  if (!elementType) {
    n.error() << "casting to " << elementTypeName(to) << " is not supported";
    return failure();
  }
  auto inputType = n.typeOf(*x);
  if (inputType.getElementType() == elementType)
    return n.setOutput(0, *x);
  FailureOr<Value> y = n.create<CastOp>(inputType.clone(elementType), *x);
  return failed(y) ? failure() : n.setOutput(0, *y);
}

/// Before opset 7, binary ops broadcast only with `broadcast=1`, aligning
/// the second operand at `axis` of the first; rewrites that into numpy
/// broadcasting by reshaping the second operand.
static FailureOr<Value> legacyBroadcastRhs(NodeContext &n, Value lhs,
                                           Value rhs) {
  if (n.opset >= 7 || !n.hasAttr("axis") || n.getInt("broadcast", 0) == 0)
    return rhs;
  int64_t lhsRank = n.typeOf(lhs).getRank();
  ArrayRef<int64_t> rhsShape = n.typeOf(rhs).getShape();
  int64_t axis = n.getInt("axis", 0);
  if (axis < 0)
    axis += lhsRank;
  if (axis < 0 || axis + static_cast<int64_t>(rhsShape.size()) > lhsRank) {
    n.error() << "legacy broadcast axis " << n.getInt("axis", 0)
              << " does not fit operand ranks " << lhsRank << " and "
              << rhsShape.size();
    return failure();
  }
  SmallVector<int64_t> shape(lhsRank, 1);
  llvm::copy(rhsShape, shape.begin() + axis);
  return n.reshape(rhs, shape);
}

template <typename OpTy> static LogicalResult convertBinary(NodeContext &n) {
  FailureOr<Value> lhs = n.requiredInput(0, "A");
  FailureOr<Value> rhs = n.requiredInput(1, "B");
  if (failed(lhs) || failed(rhs))
    return failure();
  FailureOr<Value> alignedRhs = legacyBroadcastRhs(n, *lhs, *rhs);
  if (failed(alignedRhs))
    return failure();
  Value b = *alignedRhs;
  // Pow may raise to an exponent of another type (opset 12+); mote's ops
  // take one element type.
  if (std::is_same_v<OpTy, PowOp> &&
      n.typeOf(b).getElementType() != n.typeOf(*lhs).getElementType()) {
    FailureOr<Value> cast =
        n.create<CastOp>(n.typeOf(b).clone(n.typeOf(*lhs).getElementType()), b);
    if (failed(cast))
      return failure();
    b = *cast;
  }
  FailureOr<Value> y = n.create<OpTy>(Type(), *lhs, b);
  return failed(y) ? failure() : n.setOutput(0, *y);
}

/// Max, Min and Sum take any number of inputs: a chain of binary ops.
template <typename OpTy> static FailureOr<Value> chainVariadic(NodeContext &n) {
  if (n.node.input_size() == 0 || !n.input(0)) {
    n.error() << "needs at least one input";
    return failure();
  }
  Value acc = n.input(0);
  for (int i = 1; i < n.node.input_size(); ++i) {
    FailureOr<Value> next = n.requiredInput(i, "data");
    if (failed(next))
      return failure();
    FailureOr<Value> combined = n.create<OpTy>(Type(), acc, *next);
    if (failed(combined))
      return failure();
    acc = *combined;
  }
  return acc;
}

template <typename OpTy> static LogicalResult convertVariadic(NodeContext &n) {
  FailureOr<Value> y = chainVariadic<OpTy>(n);
  if (failed(y))
    return failure();
  if (n.node.input_size() == 1) {
    // A single input is a copy; keep an op so that the output has a node.
    y = n.create<IdentityOp>((*y).getType(), *y);
    if (failed(y))
      return failure();
  }
  return n.setOutput(0, *y);
}

static LogicalResult convertMean(NodeContext &n) {
  FailureOr<Value> sum = chainVariadic<AddOp>(n);
  if (failed(sum))
    return failure();
  auto type = n.typeOf(*sum);
  if (!isa<FloatType>(type.getElementType())) {
    n.error() << "Mean of non-floating-point tensors is not supported";
    return failure();
  }
  auto scalarType = RankedTensorType::get({}, type.getElementType());
  Value count = n.constant(DenseElementsAttr::get(
      scalarType, FloatAttr::get(type.getElementType(),
                                 static_cast<double>(n.node.input_size()))));
  FailureOr<Value> y = n.create<DivOp>(Type(), *sum, count);
  return failed(y) ? failure() : n.setOutput(0, *y);
}

static LogicalResult convertWhere(NodeContext &n) {
  FailureOr<Value> c = n.requiredInput(0, "condition");
  FailureOr<Value> x = n.requiredInput(1, "X");
  FailureOr<Value> y = n.requiredInput(2, "Y");
  if (failed(c) || failed(x) || failed(y))
    return failure();
  FailureOr<Value> r = n.create<WhereOp>(Type(), *c, *x, *y);
  return failed(r) ? failure() : n.setOutput(0, *r);
}

//===----------------------------------------------------------------------===//
// Convolution, pooling and matrix products
//===----------------------------------------------------------------------===//

/// Spatial geometry shared by Conv and the pools.
struct WindowParams {
  SmallVector<int64_t> kernel, strides, dilations, pads;
};

/// Reads strides/dilations/pads/auto_pad for `spatialRank` axes and
/// resolves auto_pad into explicit pads (begin pads, then end pads).
static FailureOr<WindowParams> readWindow(NodeContext &n,
                                          ArrayRef<int64_t> inputSpatial,
                                          ArrayRef<int64_t> kernel,
                                          bool hasDilations) {
  size_t rank = inputSpatial.size();
  WindowParams p;
  p.kernel.assign(kernel.begin(), kernel.end());
  p.strides = n.getInts("strides").value_or(SmallVector<int64_t>(rank, 1));
  p.dilations =
      hasDilations
          ? n.getInts("dilations").value_or(SmallVector<int64_t>(rank, 1))
          : SmallVector<int64_t>(rank, 1);
  if (p.strides.size() != rank || p.dilations.size() != rank) {
    n.error() << "strides and dilations need " << rank
              << " values, one per spatial axis";
    return failure();
  }
  for (size_t i = 0; i < rank; ++i)
    if (p.strides[i] < 1 || p.dilations[i] < 1 || p.kernel[i] < 1) {
      n.error() << "strides, dilations and kernel sizes must be positive";
      return failure();
    }
  std::string autoPad = n.getString("auto_pad", "NOTSET");
  if (autoPad == "NOTSET") {
    p.pads = n.getInts("pads").value_or(SmallVector<int64_t>(2 * rank, 0));
    if (p.pads.size() != 2 * rank) {
      n.error() << "pads has " << p.pads.size() << " values; it needs "
                << 2 * rank << " (begin and end of each spatial axis)";
      return failure();
    }
    if (llvm::any_of(p.pads, [](int64_t pad) { return pad < 0; })) {
      n.error() << "pads must not be negative";
      return failure();
    }
  } else if (autoPad == "VALID") {
    p.pads.assign(2 * rank, 0);
  } else if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
    p.pads.assign(2 * rank, 0);
    for (size_t i = 0; i < rank; ++i) {
      int64_t out = llvm::divideCeil(inputSpatial[i], p.strides[i]);
      int64_t window = (p.kernel[i] - 1) * p.dilations[i] + 1;
      int64_t total = std::max<int64_t>(0, (out - 1) * p.strides[i] + window -
                                               inputSpatial[i]);
      int64_t small = total / 2, large = total - total / 2;
      // SAME_UPPER puts the extra pad at the end, SAME_LOWER at the start.
      p.pads[i] = autoPad == "SAME_UPPER" ? small : large;
      p.pads[i + rank] = autoPad == "SAME_UPPER" ? large : small;
    }
  } else {
    n.error() << "auto_pad '" << autoPad
              << "' is not one of NOTSET, VALID, "
                 "SAME_UPPER, SAME_LOWER";
    return failure();
  }
  return p;
}

/// Checks that the input is NC<spatial> with static shape.
static FailureOr<RankedTensorType> requireImageInput(NodeContext &n, Value x) {
  auto type = n.typeOf(x);
  if (type.getRank() < 3) {
    n.error() << "input has type " << type
              << "; it needs rank 3 or more (N, C, spatial axes)";
    return failure();
  }
  return type;
}

static LogicalResult checkKernelShape(NodeContext &n,
                                      ArrayRef<int64_t> fromWeight) {
  if (std::optional<SmallVector<int64_t>> attr = n.getInts("kernel_shape"))
    if (ArrayRef<int64_t>(*attr) != fromWeight) {
      n.error() << "kernel_shape does not match the weight's spatial dims";
      return failure();
    }
  return success();
}

/// The data and weight operands of Conv and ConvTranspose, checked: an
/// image input, a weight of the same rank, and a kernel_shape attribute (if
/// any) that agrees with the weight.
struct ConvOperands {
  Value x, w;
  RankedTensorType xType;
  ArrayRef<int64_t> kernel;
};
/// Checks that `x` is an image and `w` a kernel of the same rank.
static FailureOr<ConvOperands> checkConvOperands(NodeContext &n, Value x,
                                                 Value w) {
  FailureOr<RankedTensorType> xType = requireImageInput(n, x);
  if (failed(xType))
    return failure();
  auto wType = n.typeOf(w);
  if (wType.getRank() != xType->getRank()) {
    n.error() << "weight " << wType << " and input " << *xType
              << " have different ranks";
    return failure();
  }
  ArrayRef<int64_t> kernel = wType.getShape().drop_front(2);
  if (failed(checkKernelShape(n, kernel)))
    return failure();
  return ConvOperands{x, w, *xType, kernel};
}

static FailureOr<ConvOperands> readConvOperands(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "X");
  FailureOr<Value> w = n.requiredInput(1, "W");
  if (failed(x) || failed(w))
    return failure();
  return checkConvOperands(n, *x, *w);
}

static LogicalResult convertConv(NodeContext &n) {
  FailureOr<ConvOperands> operands = readConvOperands(n);
  if (failed(operands))
    return failure();
  FailureOr<Value> y = buildConvWithAttributes(n, operands->x, operands->w,
                                               n.input(2), Type());
  return failed(y) ? failure() : n.setOutput(0, *y);
}

FailureOr<Value> buildConvWithAttributes(NodeContext &n, Value x, Value w,
                                         Value bias, Type accumulatorType) {
  FailureOr<ConvOperands> operands = checkConvOperands(n, x, w);
  if (failed(operands))
    return failure();
  RankedTensorType xType = operands->xType;
  FailureOr<WindowParams> p =
      readWindow(n, xType.getShape().drop_front(2), operands->kernel, true);
  if (failed(p))
    return failure();
  // The integer path declares its wider accumulator type; Conv infers it.
  Type resultType;
  if (accumulatorType) {
    SmallVector<Type, 1> inferred;
    OperationState state(n.loc, ConvOp::getOperationName());
    ConvOp::build(n.b, state, Type(), x, w, bias,
                  n.b.getDenseI64ArrayAttr(p->strides),
                  n.b.getDenseI64ArrayAttr(p->pads),
                  n.b.getDenseI64ArrayAttr(p->dilations),
                  n.b.getI64IntegerAttr(n.getInt("group", 1)));
    if (failed(ConvOp::inferReturnTypes(
            &n.context, std::nullopt, state.operands,
            state.attributes.getDictionary(&n.context),
            state.getRawProperties(), state.regions, inferred))) {
      n.error() << "cannot convolve " << xType << " with weight "
                << n.typeOf(w);
      return failure();
    }
    resultType = cast<RankedTensorType>(inferred[0]).clone(accumulatorType);
  }
  return n.create<ConvOp>(resultType, x, w, bias,
                          n.b.getDenseI64ArrayAttr(p->strides),
                          n.b.getDenseI64ArrayAttr(p->pads),
                          n.b.getDenseI64ArrayAttr(p->dilations),
                          n.b.getI64IntegerAttr(n.getInt("group", 1)));
}

static LogicalResult convertConvTranspose(NodeContext &n) {
  FailureOr<ConvOperands> operands = readConvOperands(n);
  if (failed(operands))
    return failure();
  auto [x, w, xType, kernel] = *operands;
  ArrayRef<int64_t> in = xType.getShape().drop_front(2);
  size_t rank = in.size();
  SmallVector<int64_t> strides =
      n.getInts("strides").value_or(SmallVector<int64_t>(rank, 1));
  SmallVector<int64_t> dilations =
      n.getInts("dilations").value_or(SmallVector<int64_t>(rank, 1));
  SmallVector<int64_t> outputPadding =
      n.getInts("output_padding").value_or(SmallVector<int64_t>(rank, 0));
  if (strides.size() != rank || dilations.size() != rank ||
      outputPadding.size() != rank) {
    n.error() << "strides, dilations and output_padding need " << rank
              << " values, one per spatial axis";
    return failure();
  }
  std::string autoPad = n.getString("auto_pad", "NOTSET");
  std::optional<SmallVector<int64_t>> outputShape = n.getInts("output_shape");
  if (!outputShape && (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER")) {
    outputShape.emplace();
    for (size_t i = 0; i < rank; ++i)
      outputShape->push_back(in[i] * strides[i]);
  }
  SmallVector<int64_t> pads;
  if (outputShape) {
    // output_shape may list N and C too; the last `rank` entries count.
    if (outputShape->size() < rank) {
      n.error() << "output_shape has " << outputShape->size()
                << " values; it needs " << rank;
      return failure();
    }
    ArrayRef<int64_t> spatialOut = ArrayRef(*outputShape).take_back(rank);
    pads.assign(2 * rank, 0);
    for (size_t i = 0; i < rank; ++i) {
      int64_t total = strides[i] * (in[i] - 1) + outputPadding[i] +
                      (kernel[i] - 1) * dilations[i] + 1 - spatialOut[i];
      if (total < 0) {
        // A larger output_shape than the input produces: the extra rows
        // are output padding at the end (what onnxruntime does).
        outputPadding[i] -= total;
        total = 0;
      }
      bool upper = autoPad == "SAME_UPPER";
      pads[i] = upper ? total / 2 : total - total / 2;
      pads[i + rank] = upper ? total - total / 2 : total / 2;
    }
  } else if (autoPad == "VALID") {
    pads.assign(2 * rank, 0);
  } else if (autoPad == "NOTSET") {
    pads = n.getInts("pads").value_or(SmallVector<int64_t>(2 * rank, 0));
    if (pads.size() != 2 * rank) {
      n.error() << "pads has " << pads.size() << " values; it needs "
                << 2 * rank;
      return failure();
    }
  } else {
    n.error() << "auto_pad '" << autoPad << "' is not supported";
    return failure();
  }
  FailureOr<Value> y = n.create<ConvTransposeOp>(
      Type(), x, w, n.input(2), n.b.getDenseI64ArrayAttr(strides),
      n.b.getDenseI64ArrayAttr(pads), n.b.getDenseI64ArrayAttr(dilations),
      n.b.getDenseI64ArrayAttr(outputPadding),
      n.b.getI64IntegerAttr(n.getInt("group", 1)));
  return failed(y) ? failure() : n.setOutput(0, *y);
}

template <typename OpTy> static LogicalResult convertPool(NodeContext &n) {
  constexpr bool isMax = std::is_same_v<OpTy, MaxPoolOp>;
  if (isMax && n.hasOutput(1)) {
    n.error() << "the Indices output of MaxPool is not supported";
    return failure();
  }
  FailureOr<Value> x = n.requiredInput(0, "X");
  if (failed(x))
    return failure();
  FailureOr<RankedTensorType> xType = requireImageInput(n, *x);
  if (failed(xType))
    return failure();
  std::optional<SmallVector<int64_t>> kernel = n.getInts("kernel_shape");
  size_t rank = xType->getRank() - 2;
  if (!kernel || kernel->size() != rank) {
    n.error() << "kernel_shape must list " << rank << " sizes";
    return failure();
  }
  FailureOr<WindowParams> p =
      readWindow(n, xType->getShape().drop_front(2), *kernel, isMax);
  if (failed(p))
    return failure();
  bool ceilMode = n.getInt("ceil_mode", 0) != 0;
  FailureOr<Value> y;
  if constexpr (isMax) {
    y = n.create<MaxPoolOp>(
        Type(), *x, n.b.getDenseI64ArrayAttr(p->kernel),
        n.b.getDenseI64ArrayAttr(p->strides), n.b.getDenseI64ArrayAttr(p->pads),
        n.b.getDenseI64ArrayAttr(p->dilations), n.b.getBoolAttr(ceilMode));
  } else {
    y = n.create<AveragePoolOp>(
        Type(), *x, n.b.getDenseI64ArrayAttr(p->kernel),
        n.b.getDenseI64ArrayAttr(p->strides), n.b.getDenseI64ArrayAttr(p->pads),
        n.b.getDenseI64ArrayAttr(p->dilations), n.b.getBoolAttr(ceilMode),
        n.b.getBoolAttr(n.getInt("count_include_pad", 0) != 0));
  }
  return failed(y) ? failure() : n.setOutput(0, *y);
}

/// GlobalAveragePool / GlobalMaxPool: a keepdims reduction over the spatial
/// axes.
template <typename OpTy>
static LogicalResult convertGlobalPool(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "X");
  if (failed(x))
    return failure();
  FailureOr<RankedTensorType> xType = requireImageInput(n, *x);
  if (failed(xType))
    return failure();
  SmallVector<int64_t> axes(xType->getRank() - 2);
  std::iota(axes.begin(), axes.end(), 2);
  FailureOr<Value> y = n.create<OpTy>(
      Type(), *x, n.b.getDenseI64ArrayAttr(axes), n.b.getBoolAttr(true));
  return failed(y) ? failure() : n.setOutput(0, *y);
}

static LogicalResult convertGemm(NodeContext &n) {
  FailureOr<Value> a = n.requiredInput(0, "A");
  FailureOr<Value> bValue = n.requiredInput(1, "B");
  if (failed(a) || failed(bValue))
    return failure();
  FailureOr<Value> y =
      n.create<GemmOp>(Type(), *a, *bValue, n.input(2),
                       n.b.getF32FloatAttr(n.getFloat("alpha", 1.0f)),
                       n.b.getF32FloatAttr(n.getFloat("beta", 1.0f)),
                       n.b.getBoolAttr(n.getInt("transA", 0) != 0),
                       n.b.getBoolAttr(n.getInt("transB", 0) != 0));
  return failed(y) ? failure() : n.setOutput(0, *y);
}

static LogicalResult convertMatMul(NodeContext &n) {
  FailureOr<Value> a = n.requiredInput(0, "A");
  FailureOr<Value> bValue = n.requiredInput(1, "B");
  if (failed(a) || failed(bValue))
    return failure();
  FailureOr<Value> y = n.create<MatMulOp>(Type(), *a, *bValue, Value());
  return failed(y) ? failure() : n.setOutput(0, *y);
}

//===----------------------------------------------------------------------===//
// Normalization and softmax
//===----------------------------------------------------------------------===//

static LogicalResult convertBatchNorm(NodeContext &n) {
  for (int i = 1; i < n.node.output_size(); ++i)
    if (n.hasOutput(i)) {
      n.error() << "training outputs (running mean/var, saved statistics) "
                   "are not supported; mote imports BatchNormalization for "
                   "inference only";
      return failure();
    }
  // Opset 6's is_test and consumed_inputs only mattered for training; an
  // old model is imported in inference mode whatever they say.
  if (n.getInt("training_mode", 0) != 0) {
    n.error() << "training_mode=1 is not supported";
    return failure();
  }
  if (n.getInt("spatial", 1) == 0) {
    n.error() << "spatial=0 (per-activation statistics) is not supported";
    return failure();
  }
  FailureOr<SmallVector<Value, 8>> inputs =
      n.requiredInputs({"X", "scale", "B", "mean", "var"});
  if (failed(inputs))
    return failure();
  ArrayRef<Value> operands = *inputs;
  FailureOr<Value> y = n.create<BatchNormOp>(
      operands[0].getType(), operands[0], operands[1], operands[2], operands[3],
      operands[4], n.b.getF32FloatAttr(n.getFloat("epsilon", 1e-5f)));
  return failed(y) ? failure() : n.setOutput(0, *y);
}

static Value scalarConstant(NodeContext &n, Type elementType, double value);

/// LayerNormalization's optional Mean and InvStdDev outputs: the statistics
/// over axes [axis, rank) with those axes kept as 1, computed in f32
/// (stash_type=1) from reductions, since mote.layer_norm only yields Y.
static LogicalResult setLayerNormStatistics(NodeContext &n, Value x,
                                            int64_t axis, float epsilon) {
  if (n.getInt("stash_type", 1) != 1) {
    n.error() << "stash_type=" << n.getInt("stash_type", 1)
              << " is not supported with the Mean or InvStdDev outputs; mote "
                 "computes them in float (stash_type=1)";
    return failure();
  }
  auto type = n.typeOf(x);
  Type f32 = n.b.getF32Type();
  if (type.getElementType() != f32) {
    FailureOr<Value> widened = n.create<CastOp>(type.clone(f32), x);
    if (failed(widened))
      return failure();
    x = *widened;
  }
  SmallVector<int64_t> normalized(type.getRank() - axis);
  std::iota(normalized.begin(), normalized.end(), axis);
  DenseI64ArrayAttr axes = n.b.getDenseI64ArrayAttr(normalized);
  BoolAttr keep = n.b.getBoolAttr(true);
  FailureOr<Value> mean = n.create<ReduceMeanOp>(Type(), x, axes, keep);
  if (failed(mean) || failed(n.setOutput(1, *mean)))
    return failure();
  if (!n.hasOutput(2))
    return success();
  FailureOr<Value> centered = n.create<SubOp>(Type(), x, *mean);
  if (failed(centered))
    return failure();
  FailureOr<Value> squared = n.create<MulOp>(Type(), *centered, *centered);
  if (failed(squared))
    return failure();
  FailureOr<Value> variance =
      n.create<ReduceMeanOp>(Type(), *squared, axes, keep);
  if (failed(variance))
    return failure();
  FailureOr<Value> shifted =
      n.create<AddOp>(Type(), *variance, scalarConstant(n, f32, epsilon));
  if (failed(shifted))
    return failure();
  FailureOr<Value> stddev = n.create<SqrtOp>((*shifted).getType(), *shifted);
  if (failed(stddev))
    return failure();
  FailureOr<Value> invStdDev =
      n.create<ReciprocalOp>((*stddev).getType(), *stddev);
  return failed(invStdDev) ? failure() : n.setOutput(2, *invStdDev);
}

static LogicalResult convertLayerNorm(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "X");
  FailureOr<Value> scale = n.requiredInput(1, "Scale");
  if (failed(x) || failed(scale))
    return failure();
  FailureOr<int64_t> axis =
      n.normalizeAxis(n.getInt("axis", -1), n.typeOf(*x).getRank());
  if (failed(axis))
    return failure();
  float epsilon = n.getFloat("epsilon", 1e-5f);
  FailureOr<Value> y = n.create<LayerNormOp>(
      (*x).getType(), *x, *scale, n.input(2), n.b.getI64IntegerAttr(*axis),
      n.b.getF32FloatAttr(epsilon));
  if (failed(y) || failed(n.setOutput(0, *y)))
    return failure();
  if (n.hasOutput(1) || n.hasOutput(2))
    return setLayerNormStatistics(n, *x, *axis, epsilon);
  return success();
}

template <typename OpTy> static LogicalResult convertSoftmax(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "input");
  if (failed(x))
    return failure();
  auto type = n.typeOf(*x);
  int64_t rank = type.getRank();
  FailureOr<int64_t> axis =
      n.normalizeAxis(n.getInt("axis", n.opset < 13 ? 1 : -1), rank);
  if (failed(axis))
    return failure();
  if (n.opset >= 13 || *axis == rank - 1) {
    FailureOr<Value> y = n.create<OpTy>(type, *x, n.b.getI64IntegerAttr(*axis));
    return failed(y) ? failure() : n.setOutput(0, *y);
  }
  // Before opset 13 the input is flattened to 2-d at `axis` and the softmax
  // runs over the whole trailing block.
  ArrayRef<int64_t> shape = type.getShape();
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < rank; ++i)
    (i < *axis ? outer : inner) *= shape[i];
  FailureOr<Value> flat = n.reshape(*x, {outer, inner});
  if (failed(flat))
    return failure();
  FailureOr<Value> soft =
      n.create<OpTy>((*flat).getType(), *flat, n.b.getI64IntegerAttr(1));
  if (failed(soft))
    return failure();
  FailureOr<Value> y = n.reshape(*soft, shape);
  return failed(y) ? failure() : n.setOutput(0, *y);
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

/// Normalizes, sorts and checks axes against `rank`.
static FailureOr<SmallVector<int64_t>>
normalizeAxes(NodeContext &n, ArrayRef<int64_t> axes, int64_t rank) {
  SmallVector<int64_t> result;
  for (int64_t axis : axes) {
    FailureOr<int64_t> normalized = n.normalizeAxis(axis, rank);
    if (failed(normalized))
      return failure();
    result.push_back(*normalized);
  }
  llvm::sort(result);
  if (std::adjacent_find(result.begin(), result.end()) != result.end()) {
    n.error() << "axes lists an axis twice";
    return failure();
  }
  return result;
}

template <typename OpTy> static LogicalResult convertReduce(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "data");
  if (failed(x))
    return failure();
  int64_t rank = n.typeOf(*x).getRank();
  SmallVector<int64_t> axes;
  // ReduceSum takes its axes as an input from opset 13; the others only
  // from opset 18, which mote does not import.
  bool axesAsInput = std::is_same_v<OpTy, ReduceSumOp> && n.opset >= 13;
  if (axesAsInput) {
    if (n.input(1)) {
      FailureOr<SmallVector<int64_t>> fromInput = n.constantInts(1, "axes");
      if (failed(fromInput))
        return failure();
      axes = *fromInput;
    }
  } else {
    axes = n.getInts("axes").value_or(SmallVector<int64_t>());
  }
  if (axes.empty()) {
    if (n.getInt("noop_with_empty_axes", 0) != 0) {
      FailureOr<Value> y = n.create<IdentityOp>((*x).getType(), *x);
      return failed(y) ? failure() : n.setOutput(0, *y);
    }
    axes.resize(rank);
    std::iota(axes.begin(), axes.end(), 0);
  }
  FailureOr<SmallVector<int64_t>> normalized = normalizeAxes(n, axes, rank);
  if (failed(normalized))
    return failure();
  FailureOr<Value> y =
      n.create<OpTy>(Type(), *x, n.b.getDenseI64ArrayAttr(*normalized),
                     n.b.getBoolAttr(n.getInt("keepdims", 1) != 0));
  return failed(y) ? failure() : n.setOutput(0, *y);
}

//===----------------------------------------------------------------------===//
// Shape manipulation
//===----------------------------------------------------------------------===//

static LogicalResult convertReshape(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "data");
  if (failed(x))
    return failure();
  ArrayRef<int64_t> inShape = n.typeOf(*x).getShape();
  // From opset 5 (so in every opset mote reads) the shape is an operand.
  FailureOr<SmallVector<int64_t>> fromInput = n.constantInts(1, "shape");
  if (failed(fromInput))
    return failure();
  SmallVector<int64_t> shape = *fromInput;
  bool allowZero = n.getInt("allowzero", 0) != 0;
  int64_t inferredAxis = -1, known = 1;
  for (auto [i, dim] : llvm::enumerate(shape)) {
    if (dim == 0 && !allowZero) {
      if (i >= inShape.size()) {
        n.error() << "shape entry " << i
                  << " is 0 (copy the input dim), but the input has rank "
                  << inShape.size();
        return failure();
      }
      dim = inShape[i];
    } else if (dim == -1) {
      if (inferredAxis >= 0) {
        n.error() << "shape has more than one -1";
        return failure();
      }
      inferredAxis = i;
      continue;
    } else if (dim < 0) {
      n.error() << "shape entry " << i << " is " << dim
                << "; only -1 may be negative";
      return failure();
    }
    if (llvm::MulOverflow(known, dim, known)) {
      n.error() << "the shape's element count overflows int64";
      return failure();
    }
  }
  int64_t total = *checkedElementCount(inShape);
  if (inferredAxis >= 0) {
    if (known == 0 || total % known != 0) {
      n.error() << "cannot infer the -1 entry: " << total
                << " elements do not divide into the other dims";
      return failure();
    }
    shape[inferredAxis] = total / known;
  } else if (known != total) {
    n.error() << "the new shape holds " << known << " elements, the input "
              << total;
    return failure();
  }
  FailureOr<Value> y = n.reshape(*x, shape);
  return failed(y) ? failure() : n.setOutput(0, *y);
}

static LogicalResult convertFlatten(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "input");
  if (failed(x))
    return failure();
  ArrayRef<int64_t> shape = n.typeOf(*x).getShape();
  int64_t rank = shape.size();
  int64_t axis = n.getInt("axis", 1);
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis > rank) {
    n.error() << "axis " << n.getInt("axis", 1) << " is out of range for rank "
              << rank;
    return failure();
  }
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < rank; ++i)
    (i < axis ? outer : inner) *= shape[i];
  FailureOr<Value> y = n.reshape(*x, {outer, inner});
  return failed(y) ? failure() : n.setOutput(0, *y);
}

/// Squeeze/Unsqueeze axes: an attribute before opset 13, an input after.
static FailureOr<std::optional<SmallVector<int64_t>>>
readAxesAttrOrInput(NodeContext &n) {
  if (n.opset < 13)
    return n.getInts("axes");
  if (!n.input(1))
    return std::optional<SmallVector<int64_t>>();
  FailureOr<SmallVector<int64_t>> axes = n.constantInts(1, "axes");
  if (failed(axes))
    return failure();
  return std::optional<SmallVector<int64_t>>(*axes);
}

static LogicalResult convertSqueeze(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "data");
  if (failed(x))
    return failure();
  ArrayRef<int64_t> shape = n.typeOf(*x).getShape();
  FailureOr<std::optional<SmallVector<int64_t>>> axes = readAxesAttrOrInput(n);
  if (failed(axes))
    return failure();
  SmallVector<bool> drop(shape.size(), false);
  if (*axes) {
    FailureOr<SmallVector<int64_t>> normalized =
        normalizeAxes(n, **axes, shape.size());
    if (failed(normalized))
      return failure();
    for (int64_t axis : *normalized) {
      if (shape[axis] != 1) {
        n.error() << "cannot squeeze axis " << axis << " of size "
                  << shape[axis];
        return failure();
      }
      drop[axis] = true;
    }
  } else {
    for (auto [i, dim] : llvm::enumerate(shape))
      drop[i] = dim == 1;
  }
  SmallVector<int64_t> result;
  for (auto [i, dim] : llvm::enumerate(shape))
    if (!drop[i])
      result.push_back(dim);
  FailureOr<Value> y = n.reshape(*x, result);
  return failed(y) ? failure() : n.setOutput(0, *y);
}

static LogicalResult convertUnsqueeze(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "data");
  if (failed(x))
    return failure();
  ArrayRef<int64_t> shape = n.typeOf(*x).getShape();
  FailureOr<std::optional<SmallVector<int64_t>>> axes = readAxesAttrOrInput(n);
  if (failed(axes))
    return failure();
  if (!*axes) {
    n.error() << "has no axes";
    return failure();
  }
  int64_t outRank = shape.size() + (*axes)->size();
  FailureOr<SmallVector<int64_t>> normalized =
      normalizeAxes(n, **axes, outRank);
  if (failed(normalized))
    return failure();
  SmallVector<int64_t> result;
  const int64_t *next = shape.begin();
  for (int64_t i = 0; i < outRank; ++i)
    result.push_back(llvm::is_contained(*normalized, i) ? 1 : *next++);
  FailureOr<Value> y = n.reshape(*x, result);
  return failed(y) ? failure() : n.setOutput(0, *y);
}

static LogicalResult convertTranspose(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "data");
  if (failed(x))
    return failure();
  int64_t rank = n.typeOf(*x).getRank();
  SmallVector<int64_t> perm;
  if (std::optional<SmallVector<int64_t>> attr = n.getInts("perm")) {
    perm = *attr;
  } else {
    for (int64_t i = rank - 1; i >= 0; --i)
      perm.push_back(i);
  }
  FailureOr<Value> y =
      n.create<TransposeOp>(Type(), *x, n.b.getDenseI64ArrayAttr(perm));
  return failed(y) ? failure() : n.setOutput(0, *y);
}

static LogicalResult convertConcat(NodeContext &n) {
  SmallVector<Value> inputs;
  for (int i = 0; i < n.node.input_size(); ++i) {
    FailureOr<Value> v = n.requiredInput(i, "inputs");
    if (failed(v))
      return failure();
    inputs.push_back(*v);
  }
  if (inputs.empty()) {
    n.error() << "has no inputs";
    return failure();
  }
  if (!n.hasAttr("axis") && n.opset >= 4) {
    n.error() << "has no axis attribute";
    return failure();
  }
  FailureOr<int64_t> axis =
      n.normalizeAxis(n.getInt("axis", 1), n.typeOf(inputs[0]).getRank());
  if (failed(axis))
    return failure();
  FailureOr<Value> y = n.create<ConcatOp>(Type(), ValueRange(inputs),
                                          n.b.getI64IntegerAttr(*axis));
  return failed(y) ? failure() : n.setOutput(0, *y);
}

/// A slice of `x` along one axis: [start, start + size).
static FailureOr<Value> sliceAxis(NodeContext &n, Value x, int64_t axis,
                                  int64_t start, int64_t size) {
  ArrayRef<int64_t> shape = n.typeOf(x).getShape();
  SmallVector<int64_t> starts(shape.size(), 0), ends(shape),
      steps(shape.size(), 1);
  starts[axis] = start;
  ends[axis] = start + size;
  return n.create<SliceOp>(Type(), x, n.b.getDenseI64ArrayAttr(starts),
                           n.b.getDenseI64ArrayAttr(ends),
                           n.b.getDenseI64ArrayAttr(steps));
}

static LogicalResult convertSplit(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "input");
  if (failed(x))
    return failure();
  ArrayRef<int64_t> shape = n.typeOf(*x).getShape();
  FailureOr<int64_t> axis = n.normalizeAxis(n.getInt("axis", 0), shape.size());
  if (failed(axis))
    return failure();
  int64_t outputs = n.node.output_size();
  SmallVector<int64_t> sizes;
  if (n.opset < 13) {
    sizes = n.getInts("split").value_or(SmallVector<int64_t>());
    if (sizes.empty() && n.input(1)) {
      FailureOr<SmallVector<int64_t>> fromInput = n.constantInts(1, "split");
      if (failed(fromInput))
        return failure();
      sizes = *fromInput;
    }
  } else if (n.input(1)) {
    FailureOr<SmallVector<int64_t>> fromInput = n.constantInts(1, "split");
    if (failed(fromInput))
      return failure();
    sizes = *fromInput;
  }
  int64_t dim = shape[*axis];
  if (sizes.empty()) {
    if (outputs == 0 || dim % outputs != 0) {
      n.error() << "cannot split axis " << *axis << " of size " << dim
                << " into " << outputs << " equal parts";
      return failure();
    }
    sizes.assign(outputs, dim / outputs);
  }
  if (static_cast<int64_t>(sizes.size()) != outputs ||
      llvm::any_of(sizes, [](int64_t s) { return s < 0; }) ||
      std::accumulate(sizes.begin(), sizes.end(), int64_t(0)) != dim) {
    n.error() << "split sizes must be " << outputs
              << " non-negative numbers adding up to " << dim;
    return failure();
  }
  int64_t start = 0;
  for (int64_t i = 0; i < outputs; ++i) {
    FailureOr<Value> part = sliceAxis(n, *x, *axis, start, sizes[i]);
    if (failed(part) || failed(n.setOutput(i, *part)))
      return failure();
    start += sizes[i];
  }
  return success();
}

static LogicalResult convertSlice(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "data");
  if (failed(x))
    return failure();
  ArrayRef<int64_t> shape = n.typeOf(*x).getShape();
  int64_t rank = shape.size();
  SmallVector<int64_t> starts, ends, axes, steps;
  if (n.opset < 10) {
    starts = n.getInts("starts").value_or(SmallVector<int64_t>());
    ends = n.getInts("ends").value_or(SmallVector<int64_t>());
    axes = n.getInts("axes").value_or(SmallVector<int64_t>());
  } else {
    FailureOr<SmallVector<int64_t>> s = n.constantInts(1, "starts");
    if (failed(s))
      return failure();
    FailureOr<SmallVector<int64_t>> e = n.constantInts(2, "ends");
    if (failed(e))
      return failure();
    starts = *s;
    ends = *e;
    if (n.input(3)) {
      FailureOr<SmallVector<int64_t>> a = n.constantInts(3, "axes");
      if (failed(a))
        return failure();
      axes = *a;
    }
    if (n.input(4)) {
      FailureOr<SmallVector<int64_t>> st = n.constantInts(4, "steps");
      if (failed(st))
        return failure();
      steps = *st;
    }
  }
  size_t count = starts.size();
  if (axes.empty()) {
    axes.resize(count);
    std::iota(axes.begin(), axes.end(), 0);
  }
  if (steps.empty())
    steps.assign(count, 1);
  if (ends.size() != count || axes.size() != count || steps.size() != count) {
    n.error() << "starts, ends, axes and steps have different lengths";
    return failure();
  }
  SmallVector<int64_t> fullStarts(rank, 0), fullEnds(shape), fullSteps(rank, 1);
  SmallVector<bool> seen(rank, false);
  for (size_t i = 0; i < count; ++i) {
    FailureOr<int64_t> axis = n.normalizeAxis(axes[i], rank);
    if (failed(axis))
      return failure();
    if (seen[*axis]) {
      n.error() << "axes lists axis " << *axis << " twice";
      return failure();
    }
    seen[*axis] = true;
    int64_t dim = shape[*axis], step = steps[i];
    if (step == 0) {
      n.error() << "step 0 on axis " << *axis;
      return failure();
    }
    // ONNX's clamping: negative values count from the end, then clamp to
    // [0, dim] for positive steps and [-1, dim - 1] for negative ones.
    // INT64_MAX/INT64_MIN (meaning "to the end") clamp like any other value.
    int64_t start = starts[i], end = ends[i];
    if (start < 0)
      start = start < -dim ? -1 : start + dim;
    if (end < 0)
      end = end < -dim ? -1 : end + dim;
    if (step > 0) {
      start = std::clamp<int64_t>(start, 0, dim);
      end = std::clamp<int64_t>(end, 0, dim);
      end = std::max(start, end);
    } else {
      start = std::clamp<int64_t>(start, -1, dim - 1);
      end = std::clamp<int64_t>(end, -1, dim - 1);
      end = std::min(start, end);
    }
    fullStarts[*axis] = start;
    fullEnds[*axis] = end;
    fullSteps[*axis] = step;
  }
  FailureOr<Value> y = n.create<SliceOp>(
      Type(), *x, n.b.getDenseI64ArrayAttr(fullStarts),
      n.b.getDenseI64ArrayAttr(fullEnds), n.b.getDenseI64ArrayAttr(fullSteps));
  return failed(y) ? failure() : n.setOutput(0, *y);
}

static LogicalResult convertGather(NodeContext &n) {
  FailureOr<Value> data = n.requiredInput(0, "data");
  FailureOr<Value> indices = n.requiredInput(1, "indices");
  if (failed(data) || failed(indices))
    return failure();
  FailureOr<int64_t> axis =
      n.normalizeAxis(n.getInt("axis", 0), n.typeOf(*data).getRank());
  if (failed(axis))
    return failure();
  FailureOr<Value> y =
      n.create<GatherOp>(Type(), *data, *indices, n.b.getI64IntegerAttr(*axis));
  return failed(y) ? failure() : n.setOutput(0, *y);
}

static LogicalResult convertExpand(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "input");
  if (failed(x))
    return failure();
  FailureOr<SmallVector<int64_t>> target = n.constantInts(1, "shape");
  if (failed(target))
    return failure();
  ArrayRef<int64_t> shape = n.typeOf(*x).getShape();
  size_t rank = std::max(shape.size(), target->size());
  SmallVector<int64_t> result(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t a = i < rank - shape.size() ? 1 : shape[i - (rank - shape.size())];
    int64_t s =
        i < rank - target->size() ? 1 : (*target)[i - (rank - target->size())];
    if (a != s && a != 1 && s != 1) {
      n.error() << "cannot broadcast input dim " << a << " to " << s;
      return failure();
    }
    if (s < 0) {
      n.error() << "shape entry " << s << " is negative";
      return failure();
    }
    result[i] = a == 1 ? s : a;
  }
  if (!checkedElementCount(result)) {
    n.error() << "the expanded shape's element count overflows int64";
    return failure();
  }
  auto type = n.typeOf(*x);
  FailureOr<Value> y = type.getShape() == ArrayRef(result)
                           ? FailureOr<Value>(*x)
                           : n.create<BroadcastToOp>(type.clone(result), *x);
  return failed(y) ? failure() : n.setOutput(0, *y);
}

static LogicalResult convertPad(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "data");
  if (failed(x))
    return failure();
  int64_t rank = n.typeOf(*x).getRank();
  SmallVector<int64_t> pads;
  double value = 0;
  if (n.opset < 11) {
    pads = n.getInts("pads").value_or(SmallVector<int64_t>());
    value = n.getFloat("value", 0.0f);
  } else {
    FailureOr<SmallVector<int64_t>> fromInput = n.constantInts(1, "pads");
    if (failed(fromInput))
      return failure();
    pads = *fromInput;
    if (n.input(2)) {
      std::optional<SmallVector<float>> floats = getConstantFloats(n.input(2));
      std::optional<SmallVector<int64_t>> ints = getConstantInts(n.input(2));
      if (floats && floats->size() == 1)
        value = (*floats)[0];
      else if (ints && ints->size() == 1)
        value = static_cast<double>((*ints)[0]);
      else {
        emitError(n.diagLoc) << "the constant_value operand of Pad '" << n.name
                             << "' is not a compile-time constant scalar";
        return failure();
      }
    }
  }
  if (static_cast<int64_t>(pads.size()) != 2 * rank) {
    n.error() << "pads has " << pads.size() << " values; it needs " << 2 * rank;
    return failure();
  }
  std::string modeName = n.getString("mode", "constant");
  std::optional<PadMode> mode = symbolizePadMode(modeName);
  if (!mode) {
    n.error() << "mode '" << modeName
              << "' is not supported (constant, "
                 "reflect and edge are)";
    return failure();
  }
  FailureOr<Value> y = n.create<PadOp>(
      Type(), *x, n.b.getDenseI64ArrayAttr(pads),
      PadModeAttr::get(&n.context, *mode), n.b.getF64FloatAttr(value));
  return failed(y) ? failure() : n.setOutput(0, *y);
}

static LogicalResult convertShape(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "data");
  if (failed(x))
    return failure();
  FailureOr<Value> shape = n.create<ShapeOp>(Type(), *x);
  if (failed(shape))
    return failure();
  int64_t rank = n.typeOf(*x).getRank();
  int64_t start = n.getInt("start", 0), end = n.getInt("end", rank);
  if (start < 0)
    start += rank;
  if (end < 0)
    end += rank;
  start = std::clamp<int64_t>(start, 0, rank);
  end = std::clamp<int64_t>(end, start, rank);
  if (start == 0 && end == rank)
    return n.setOutput(0, *shape);
  FailureOr<Value> y = sliceAxis(n, *shape, 0, start, end - start);
  return failed(y) ? failure() : n.setOutput(0, *y);
}

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

static LogicalResult convertConstant(NodeContext &n) {
  Builder &b = n.b;
  ElementsAttr value;
  if (const AttributeProto *a = n.attr("value")) {
    std::string error;
    value = convertTensor(n.context, a->t(), /*resourceBlobs=*/true, error);
    if (!value) {
      n.error() << error;
      return failure();
    }
  } else if (const AttributeProto *a = n.attr("value_float")) {
    value = DenseElementsAttr::get(RankedTensorType::get({}, b.getF32Type()),
                                   a->f());
  } else if (const AttributeProto *a = n.attr("value_floats")) {
    SmallVector<float> floats(a->floats().begin(), a->floats().end());
    value = DenseElementsAttr::get(
        RankedTensorType::get({static_cast<int64_t>(floats.size())},
                              b.getF32Type()),
        ArrayRef<float>(floats));
  } else if (const AttributeProto *a = n.attr("value_int")) {
    value = DenseElementsAttr::get(RankedTensorType::get({}, b.getI64Type()),
                                   static_cast<int64_t>(a->i()));
  } else if (const AttributeProto *a = n.attr("value_ints")) {
    SmallVector<int64_t> ints(a->ints().begin(), a->ints().end());
    value = DenseElementsAttr::get(
        RankedTensorType::get({static_cast<int64_t>(ints.size())},
                              b.getI64Type()),
        ArrayRef<int64_t>(ints));
  } else {
    n.error() << "has no value, value_float(s) or value_int(s) attribute "
                 "(string and sparse constants are not supported)";
    return failure();
  }
  return n.setOutput(0, n.constant(value));
}

static LogicalResult convertConstantOfShape(NodeContext &n) {
  FailureOr<SmallVector<int64_t>> shape = n.constantInts(0, "shape");
  if (failed(shape))
    return failure();
  if (llvm::any_of(*shape, [](int64_t d) { return d < 0; }) ||
      !checkedElementCount(*shape)) {
    n.error() << "the shape has a negative entry or too many elements";
    return failure();
  }
  Attribute element = n.b.getF32FloatAttr(0.0f);
  Type elementType = n.b.getF32Type();
  if (const AttributeProto *a = n.attr("value")) {
    std::string error;
    ElementsAttr one = convertTensor(n.context, a->t(), false, error);
    if (!one || one.getNumElements() != 1) {
      n.error() << (one ? "value must hold exactly one element" : error);
      return failure();
    }
    elementType = one.getElementType();
    element = *one.getValues<Attribute>().begin();
  }
  auto type = RankedTensorType::get(*shape, elementType);
  return n.setOutput(0, n.constant(DenseElementsAttr::get(type, element)));
}

//===----------------------------------------------------------------------===//
// Resize and Upsample
//===----------------------------------------------------------------------===//

static LogicalResult buildResize(NodeContext &n, Value x,
                                 ArrayRef<double> scalesIn,
                                 ArrayRef<int64_t> sizes, ResizeMode mode,
                                 CoordinateTransform transform,
                                 NearestMode nearest) {
  auto type = n.typeOf(x);
  ArrayRef<int64_t> shape = type.getShape();
  size_t rank = shape.size();
  SmallVector<int64_t> outShape(rank);
  SmallVector<float> scales(rank);
  if (!sizes.empty()) {
    if (sizes.size() != rank) {
      n.error() << "sizes has " << sizes.size()
                << " values; the input has rank " << rank;
      return failure();
    }
    for (size_t i = 0; i < rank; ++i) {
      if (sizes[i] <= 0) {
        n.error() << "sizes must be positive";
        return failure();
      }
      outShape[i] = sizes[i];
      scales[i] = static_cast<float>(static_cast<double>(sizes[i]) / shape[i]);
    }
  } else {
    if (scalesIn.size() != rank) {
      n.error() << "scales has " << scalesIn.size()
                << " values; the input has rank " << rank;
      return failure();
    }
    for (size_t i = 0; i < rank; ++i) {
      double out = std::floor(shape[i] * scalesIn[i]);
      if (!(scalesIn[i] > 0) || !(out >= 1) || out > 1e15) {
        n.error() << "scale " << scalesIn[i] << " on axis " << i
                  << " gives an empty or oversized output";
        return failure();
      }
      outShape[i] = static_cast<int64_t>(out);
      scales[i] = static_cast<float>(scalesIn[i]);
    }
  }
  FailureOr<Value> y = n.create<ResizeOp>(
      type.clone(outShape), x, n.b.getDenseF32ArrayAttr(scales),
      ResizeModeAttr::get(&n.context, mode),
      CoordinateTransformAttr::get(&n.context, transform),
      NearestModeAttr::get(&n.context, nearest));
  return failed(y) ? failure() : n.setOutput(0, *y);
}

static FailureOr<ResizeMode> readResizeMode(NodeContext &n) {
  std::string mode = n.getString("mode", "nearest");
  if (mode == "nearest")
    return ResizeMode::nearest;
  if (mode == "linear" || mode == "bilinear")
    return ResizeMode::linear;
  n.error() << "mode '" << mode << "' is not supported (nearest and linear "
            << "are; cubic is not implemented)";
  return failure();
}

/// In the asymmetric mapping of opset-10 Resize and of Upsample, nearest
/// rounds down when enlarging; onnxruntime rounds up when shrinking.
static NearestMode legacyNearestMode(ArrayRef<double> scales) {
  bool shrinking = llvm::any_of(scales, [](double s) { return s < 1.0; });
  return shrinking ? NearestMode::ceil : NearestMode::floor;
}

static LogicalResult convertResize(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "X");
  if (failed(x))
    return failure();
  FailureOr<ResizeMode> mode = readResizeMode(n);
  if (failed(mode))
    return failure();
  if (n.getInt("exclude_outside", 0) != 0) {
    n.error() << "exclude_outside=1 is not supported";
    return failure();
  }
  SmallVector<double> scales;
  SmallVector<int64_t> sizes;
  if (n.opset < 11) {
    FailureOr<SmallVector<double>> s = n.constantFloats(1, "scales");
    if (failed(s))
      return failure();
    return buildResize(n, *x, *s, {}, *mode, CoordinateTransform::asymmetric,
                       legacyNearestMode(*s));
  }
  // Opset 11+: X, roi, scales, sizes; an empty scales tensor means "use
  // sizes".
  if (Value s = n.input(2)) {
    FailureOr<SmallVector<double>> fromInput = n.constantFloats(2, "scales");
    if (failed(fromInput))
      return failure();
    scales = *fromInput;
  }
  if (n.input(3)) {
    FailureOr<SmallVector<int64_t>> fromInput = n.constantInts(3, "sizes");
    if (failed(fromInput))
      return failure();
    sizes = *fromInput;
  }
  if (scales.empty() == sizes.empty()) {
    n.error() << "exactly one of scales and sizes must be given";
    return failure();
  }
  std::string transformName =
      n.getString("coordinate_transformation_mode", "half_pixel");
  std::optional<CoordinateTransform> transform =
      symbolizeCoordinateTransform(transformName);
  if (!transform) {
    n.error() << "coordinate_transformation_mode '" << transformName
              << "' is not supported";
    return failure();
  }
  std::string nearestName = n.getString("nearest_mode", "round_prefer_floor");
  std::optional<NearestMode> nearest = symbolizeNearestMode(nearestName);
  if (!nearest) {
    n.error() << "nearest_mode '" << nearestName << "' is not supported";
    return failure();
  }
  return buildResize(n, *x, scales, sizes, *mode, *transform, *nearest);
}

static LogicalResult convertUpsample(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "X");
  if (failed(x))
    return failure();
  FailureOr<ResizeMode> mode = readResizeMode(n);
  if (failed(mode))
    return failure();
  SmallVector<double> scales;
  if (std::optional<SmallVector<float>> attr = n.getFloats("scales")) {
    scales.assign(attr->begin(), attr->end());
  } else {
    FailureOr<SmallVector<double>> s = n.constantFloats(1, "scales");
    if (failed(s))
      return failure();
    scales = *s;
  }
  return buildResize(n, *x, scales, {}, *mode, CoordinateTransform::asymmetric,
                     legacyNearestMode(scales));
}

//===----------------------------------------------------------------------===//
// More elementwise ops, reductions, indexing and layout ops
//===----------------------------------------------------------------------===//

/// A scalar (rank-0) constant of `elementType` holding `value`.
static Value scalarConstant(NodeContext &n, Type elementType, double value) {
  auto type = RankedTensorType::get({}, elementType);
  if (isa<FloatType>(elementType))
    return n.constant(
        DenseElementsAttr::get(type, FloatAttr::get(elementType, value)));
  return n.constant(DenseElementsAttr::get(
      type, IntegerAttr::get(elementType, static_cast<int64_t>(value))));
}

/// Elu, Celu and ThresholdedRelu: one `alpha` attribute.
template <typename OpTy>
static LogicalResult convertAlphaUnary(NodeContext &n, float defaultAlpha) {
  FailureOr<Value> x = n.requiredInput(0, "X");
  if (failed(x))
    return failure();
  float alpha = n.getFloat("alpha", defaultAlpha);
  if (std::is_same_v<OpTy, CeluOp> && alpha == 0.0f) {
    n.error() << "alpha must not be 0 (Celu divides by it)";
    return failure();
  }
  FailureOr<Value> y =
      n.create<OpTy>((*x).getType(), *x, n.b.getF32FloatAttr(alpha));
  return failed(y) ? failure() : n.setOutput(0, *y);
}

static LogicalResult convertSelu(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "X");
  if (failed(x))
    return failure();
  FailureOr<Value> y = n.create<SeluOp>(
      (*x).getType(), *x,
      n.b.getF32FloatAttr(n.getFloat("alpha", 1.67326319217681884765625f)),
      n.b.getF32FloatAttr(n.getFloat("gamma", 1.05070102214813232421875f)));
  return failed(y) ? failure() : n.setOutput(0, *y);
}

/// IsNaN and IsInf: i1 results of the operand's shape.
static LogicalResult convertIsNaN(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "X");
  if (failed(x))
    return failure();
  FailureOr<Value> y =
      n.create<IsNaNOp>(n.typeOf(*x).clone(n.b.getI1Type()), *x);
  return failed(y) ? failure() : n.setOutput(0, *y);
}

static LogicalResult convertIsInf(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "X");
  if (failed(x))
    return failure();
  FailureOr<Value> y = n.create<IsInfOp>(
      n.typeOf(*x).clone(n.b.getI1Type()), *x,
      n.b.getBoolAttr(n.getInt("detect_negative", 1) != 0),
      n.b.getBoolAttr(n.getInt("detect_positive", 1) != 0));
  return failed(y) ? failure() : n.setOutput(0, *y);
}

static LogicalResult convertMod(NodeContext &n) {
  FailureOr<Value> lhs = n.requiredInput(0, "A");
  FailureOr<Value> rhs = n.requiredInput(1, "B");
  if (failed(lhs) || failed(rhs))
    return failure();
  bool fmod = n.getInt("fmod", 0) != 0;
  if (!fmod && isa<FloatType>(n.typeOf(*lhs).getElementType())) {
    n.error() << "fmod must be 1 for floating-point operands (ONNX defines "
                 "the integer modulus only)";
    return failure();
  }
  FailureOr<Value> y =
      n.create<ModOp>(Type(), *lhs, *rhs, n.b.getBoolAttr(fmod));
  return failed(y) ? failure() : n.setOutput(0, *y);
}

/// BitShift: `direction` picks the op; ONNX defines it on unsigned integers
/// only, which the checker's type constraints have already enforced.
static LogicalResult convertBitShift(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "X");
  FailureOr<Value> amount = n.requiredInput(1, "Y");
  if (failed(x) || failed(amount))
    return failure();
  std::string direction = n.getString("direction", "");
  FailureOr<Value> y;
  if (direction == "LEFT")
    y = n.create<BitShiftLeftOp>(Type(), *x, *amount);
  else if (direction == "RIGHT")
    y = n.create<BitShiftRightOp>(Type(), *x, *amount);
  else {
    n.error() << "direction is '" << direction
              << "'; it must be \"LEFT\" or \"RIGHT\"";
    return failure();
  }
  return failed(y) ? failure() : n.setOutput(0, *y);
}

/// PRelu: `x < 0 ? slope * x : x`, the slope broadcasting to x.
static LogicalResult convertPRelu(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "X");
  FailureOr<Value> slope = n.requiredInput(1, "slope");
  if (failed(x) || failed(slope))
    return failure();
  // Older exporters (PyTorch's multi-parameter PReLU) give one slope per
  // channel, [C] against [N, C, ...], which numpy would align with the last
  // axis instead: when that would not broadcast to the input, the slope
  // applies along axis 1.
  auto xType = n.typeOf(*x);
  auto slopeType = n.typeOf(*slope);
  SmallVector<int64_t> broadcast;
  if (slopeType.getRank() == 1 && xType.getRank() >= 3 &&
      slopeType.getDimSize(0) == xType.getDimSize(1) &&
      (!OpTrait::util::getBroadcastedShape(xType.getShape(),
                                           slopeType.getShape(), broadcast) ||
       ArrayRef<int64_t>(broadcast) != xType.getShape())) {
    SmallVector<int64_t> perChannel(xType.getRank() - 1, 1);
    perChannel[0] = slopeType.getDimSize(0);
    FailureOr<Value> reshaped = n.reshape(*slope, perChannel);
    if (failed(reshaped))
      return failure();
    slope = *reshaped;
  }
  Value zero = scalarConstant(n, xType.getElementType(), 0.0);
  FailureOr<Value> negative = n.create<LessOp>(Type(), *x, zero);
  FailureOr<Value> scaled = n.create<MulOp>(Type(), *x, *slope);
  if (failed(negative) || failed(scaled))
    return failure();
  if (n.typeOf(*scaled).getShape() != n.typeOf(*x).getShape()) {
    n.error() << "slope " << n.typeOf(*slope)
              << " must broadcast to the input " << n.typeOf(*x);
    return failure();
  }
  FailureOr<Value> y = n.create<WhereOp>(Type(), *negative, *scaled, *x);
  return failed(y) ? failure() : n.setOutput(0, *y);
}

/// LRN: `y = x / (bias + alpha / size * sum(x^2 over the channel window))
/// ^ beta`, the window covering channels [c - floor((size - 1) / 2),
/// c + ceil((size - 1) / 2)]. The squares are zero-padded along axis 1 and
/// summed as `size` shifted slices (size is small: 3 or 5 in practice).
static LogicalResult convertLrn(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "X");
  if (failed(x))
    return failure();
  auto xType = n.typeOf(*x);
  int64_t size = n.getInt("size", 0);
  if (xType.getRank() < 3 || !isa<FloatType>(xType.getElementType())) {
    n.error() << "input has type " << xType
              << "; it needs a float tensor of rank 3 or more (N, C, ...)";
    return failure();
  }
  if (size < 1) {
    n.error() << "size must be a positive odd channel count, got " << size;
    return failure();
  }
  int64_t rank = xType.getRank(), channels = xType.getDimSize(1);
  FailureOr<Value> square = n.create<MulOp>(Type(), *x, *x);
  if (failed(square))
    return failure();
  SmallVector<int64_t> pads(2 * rank, 0);
  pads[1] = (size - 1) / 2;
  pads[rank + 1] = size - 1 - (size - 1) / 2;
  FailureOr<Value> padded = n.create<PadOp>(
      Type(), *square, n.b.getDenseI64ArrayAttr(pads),
      PadModeAttr::get(&n.context, PadMode::constant), n.b.getF64FloatAttr(0));
  if (failed(padded))
    return failure();
  Value sum;
  for (int64_t offset = 0; offset < size; ++offset) {
    SmallVector<int64_t> starts(rank, 0), steps(rank, 1);
    SmallVector<int64_t> ends(xType.getShape());
    starts[1] = offset;
    ends[1] = offset + channels;
    FailureOr<Value> window = n.create<SliceOp>(
        Type(), *padded, n.b.getDenseI64ArrayAttr(starts),
        n.b.getDenseI64ArrayAttr(ends), n.b.getDenseI64ArrayAttr(steps));
    if (failed(window))
      return failure();
    if (!sum) {
      sum = *window;
      continue;
    }
    FailureOr<Value> next = n.create<AddOp>(Type(), sum, *window);
    if (failed(next))
      return failure();
    sum = *next;
  }
  Type element = xType.getElementType();
  float alpha = n.getFloat("alpha", 0.0001f), beta = n.getFloat("beta", 0.75f);
  float bias = n.getFloat("bias", 1.0f);
  FailureOr<Value> scaled = n.create<MulOp>(
      Type(), sum, scalarConstant(n, element, alpha / static_cast<float>(size)));
  if (failed(scaled))
    return failure();
  FailureOr<Value> shifted =
      n.create<AddOp>(Type(), *scaled, scalarConstant(n, element, bias));
  if (failed(shifted))
    return failure();
  FailureOr<Value> denominator =
      n.create<PowOp>(Type(), *shifted, scalarConstant(n, element, beta));
  if (failed(denominator))
    return failure();
  FailureOr<Value> y = n.create<DivOp>(Type(), *x, *denominator);
  return failed(y) ? failure() : n.setOutput(0, *y);
}

enum class WindowKind { Hann, Hamming, Blackman };

/// HannWindow, HammingWindow and BlackmanWindow (opset 17): a constant of
/// `size` elements, `w[i] = a0 - a1 cos(2 pi i / N) + a2 cos(4 pi i / N)`
/// with N = size when periodic, size - 1 when symmetric. `size` must be a
/// compile-time constant (or a bound graph input).
template <WindowKind kind> static LogicalResult convertWindow(NodeContext &n) {
  FailureOr<SmallVector<int64_t>> size = n.constantInts(0, "size");
  if (failed(size))
    return failure();
  if (size->size() != 1 || (*size)[0] < 0) {
    n.error() << "size must be a non-negative scalar";
    return failure();
  }
  int64_t count = (*size)[0];
  int32_t onnxType = static_cast<int32_t>(n.getInt("output_datatype", 1));
  Type element = convertElementType(n.context, onnxType);
  if (!element) {
    n.error() << "output_datatype " << elementTypeName(onnxType)
              << " is not supported by mote";
    return failure();
  }
  double a0 = 0.5, a1 = 0.5, a2 = 0.0;
  if (kind == WindowKind::Hamming) {
    a0 = 25.0 / 46.0;
    a1 = 21.0 / 46.0;
  } else if (kind == WindowKind::Blackman) {
    a0 = 0.42;
    a1 = 0.5;
    a2 = 0.08;
  }
  bool periodic = n.getInt("periodic", 1) != 0;
  double period = periodic ? count : count - 1;
  SmallVector<Attribute> values;
  for (int64_t i = 0; i < count; ++i) {
    double phase = period > 0 ? 2.0 * M_PI * i / period : 0.0;
    double w = a0 - a1 * std::cos(phase) + a2 * std::cos(2.0 * phase);
    if (isa<FloatType>(element))
      values.push_back(FloatAttr::get(element, w));
    else
      values.push_back(
          IntegerAttr::get(element, static_cast<int64_t>(std::trunc(w))));
  }
  return n.setOutput(0, n.constant(DenseElementsAttr::get(
                            RankedTensorType::get({count}, element), values)));
}

static LogicalResult convertCastLike(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "input");
  FailureOr<Value> like = n.requiredInput(1, "target_type");
  if (failed(x) || failed(like))
    return failure();
  Type elementType = n.typeOf(*like).getElementType();
  auto inputType = n.typeOf(*x);
  if (inputType.getElementType() == elementType)
    return n.setOutput(0, *x);
  FailureOr<Value> y = n.create<CastOp>(inputType.clone(elementType), *x);
  return failed(y) ? failure() : n.setOutput(0, *y);
}

/// Size: the element count, a constant since shapes are static.
static LogicalResult convertSize(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "data");
  if (failed(x))
    return failure();
  return n.setOutput(0, scalarConstant(n, n.b.getI64Type(),
                                       n.typeOf(*x).getNumElements()));
}

/// The axes a Reduce* node reduces (sorted, normalized), or nullopt when
/// `noop_with_empty_axes` makes it an identity. Axes come from the attribute,
/// or from a constant operand for the ops whose opset takes them as input.
static FailureOr<std::optional<SmallVector<int64_t>>>
readReduceAxes(NodeContext &n, Value x, bool axesAsInput) {
  int64_t rank = n.typeOf(x).getRank();
  SmallVector<int64_t> axes;
  if (axesAsInput) {
    if (n.input(1)) {
      FailureOr<SmallVector<int64_t>> fromInput = n.constantInts(1, "axes");
      if (failed(fromInput))
        return failure();
      axes = *fromInput;
    }
  } else {
    axes = n.getInts("axes").value_or(SmallVector<int64_t>());
  }
  if (axes.empty()) {
    if (n.getInt("noop_with_empty_axes", 0) != 0)
      return std::optional<SmallVector<int64_t>>();
    axes.resize(rank);
    std::iota(axes.begin(), axes.end(), 0);
  }
  FailureOr<SmallVector<int64_t>> normalized = normalizeAxes(n, axes, rank);
  if (failed(normalized))
    return failure();
  return std::optional<SmallVector<int64_t>>(*normalized);
}

enum class ComposedReduce { L1, L2, LogSum, LogSumExp, SumSquare };

/// ReduceL1, ReduceL2, ReduceLogSum, ReduceLogSumExp and ReduceSumSquare as
/// elementwise ops around mote.reduce_sum (ReduceLogSumExp subtracts the
/// maximum first so that exp cannot overflow).
template <ComposedReduce kind>
static LogicalResult convertComposedReduce(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "data");
  if (failed(x))
    return failure();
  FailureOr<std::optional<SmallVector<int64_t>>> axes =
      readReduceAxes(n, *x, /*axesAsInput=*/false);
  if (failed(axes))
    return failure();
  Type elementType = n.typeOf(*x).getElementType();
  bool isF = isa<FloatType>(elementType);
  if (!isF && kind != ComposedReduce::L1 && kind != ComposedReduce::SumSquare) {
    n.error() << "needs a floating-point input, got " << n.typeOf(*x);
    return failure();
  }
  // With noop_with_empty_axes the reduction is skipped but the elementwise
  // part still applies (ONNX's reference does the same).
  bool keepdims = n.getInt("keepdims", 1) != 0;
  auto reduce = [&](auto opTag, Value v, bool keep) -> FailureOr<Value> {
    using ReduceTy = decltype(opTag);
    if (!*axes)
      return v;
    return n.create<ReduceTy>(Type(), v, n.b.getDenseI64ArrayAttr(**axes),
                              n.b.getBoolAttr(keep));
  };
  Value input = *x;
  Value maxKept;
  switch (kind) {
  case ComposedReduce::L1: {
    FailureOr<Value> abs = n.create<AbsOp>(input.getType(), input);
    if (failed(abs))
      return failure();
    input = *abs;
    break;
  }
  case ComposedReduce::L2:
  case ComposedReduce::SumSquare: {
    FailureOr<Value> square = n.create<MulOp>(Type(), input, input);
    if (failed(square))
      return failure();
    input = *square;
    break;
  }
  case ComposedReduce::LogSumExp: {
    FailureOr<Value> max = reduce(ReduceMaxOp(), input, true);
    if (failed(max))
      return failure();
    maxKept = *max;
    FailureOr<Value> shifted = n.create<SubOp>(Type(), input, maxKept);
    if (failed(shifted))
      return failure();
    FailureOr<Value> exp = n.create<ExpOp>((*shifted).getType(), *shifted);
    if (failed(exp))
      return failure();
    input = *exp;
    break;
  }
  case ComposedReduce::LogSum:
    break;
  }
  FailureOr<Value> sum = reduce(ReduceSumOp(), input, keepdims);
  if (failed(sum))
    return failure();
  FailureOr<Value> y = *sum;
  switch (kind) {
  case ComposedReduce::L2:
    y = n.create<SqrtOp>((*sum).getType(), *sum);
    break;
  case ComposedReduce::LogSum:
    y = n.create<LogOp>((*sum).getType(), *sum);
    break;
  case ComposedReduce::LogSumExp: {
    FailureOr<Value> log = n.create<LogOp>((*sum).getType(), *sum);
    if (failed(log))
      return failure();
    FailureOr<Value> max = n.reshape(maxKept, n.typeOf(*log).getShape());
    if (failed(max))
      return failure();
    y = n.create<AddOp>(Type(), *log, *max);
    break;
  }
  default:
    if (!*axes)
      y = n.create<IdentityOp>((*sum).getType(), *sum);
    break;
  }
  return failed(y) ? failure() : n.setOutput(0, *y);
}

template <typename OpTy> static LogicalResult convertArgReduce(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "data");
  if (failed(x))
    return failure();
  FailureOr<int64_t> axis =
      n.normalizeAxis(n.getInt("axis", 0), n.typeOf(*x).getRank());
  if (failed(axis))
    return failure();
  if (n.typeOf(*x).getNumElements() == 0) {
    n.error() << "the input " << n.typeOf(*x) << " is empty";
    return failure();
  }
  FailureOr<Value> y = n.create<OpTy>(
      Type(), *x, n.b.getI64IntegerAttr(*axis),
      n.b.getBoolAttr(n.getInt("keepdims", 1) != 0),
      n.b.getBoolAttr(n.getInt("select_last_index", 0) != 0));
  return failed(y) ? failure() : n.setOutput(0, *y);
}

static LogicalResult convertGatherElements(NodeContext &n) {
  FailureOr<Value> data = n.requiredInput(0, "data");
  FailureOr<Value> indices = n.requiredInput(1, "indices");
  if (failed(data) || failed(indices))
    return failure();
  FailureOr<int64_t> axis =
      n.normalizeAxis(n.getInt("axis", 0), n.typeOf(*data).getRank());
  if (failed(axis))
    return failure();
  FailureOr<Value> y = n.create<GatherElementsOp>(
      Type(), *data, *indices, n.b.getI64IntegerAttr(*axis));
  return failed(y) ? failure() : n.setOutput(0, *y);
}

/// Hardmax: 1 at the first maximum along `axis`, 0 elsewhere, as
/// arg_max == iota. Before opset 13 the input is coerced to 2-d at `axis`.
static LogicalResult convertHardmax(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "input");
  if (failed(x))
    return failure();
  auto type = n.typeOf(*x);
  int64_t rank = type.getRank();
  FailureOr<int64_t> axis =
      n.normalizeAxis(n.getInt("axis", n.opset >= 13 ? -1 : 1), rank);
  if (failed(axis))
    return failure();
  Value input = *x;
  if (n.opset < 13) {
    int64_t outer = 1, inner = 1;
    for (int64_t d = 0; d < rank; ++d)
      (d < *axis ? outer : inner) *= type.getDimSize(d);
    FailureOr<Value> flat = n.reshape(input, {outer, inner});
    if (failed(flat))
      return failure();
    input = *flat;
    axis = 1;
  }
  auto inputType = n.typeOf(input);
  if (inputType.getNumElements() == 0) {
    n.error() << "the input " << inputType << " is empty";
    return failure();
  }
  FailureOr<Value> argmax = n.create<ArgMaxOp>(
      Type(), input, n.b.getI64IntegerAttr(*axis), n.b.getBoolAttr(true),
      n.b.getBoolAttr(false));
  if (failed(argmax))
    return failure();
  int64_t axisSize = inputType.getDimSize(*axis);
  SmallVector<int64_t> iotaShape(inputType.getRank(), 1);
  iotaShape[*axis] = axisSize;
  SmallVector<int64_t> iota(axisSize);
  std::iota(iota.begin(), iota.end(), 0);
  Value positions = n.constant(DenseElementsAttr::get(
      RankedTensorType::get(iotaShape, n.b.getI64Type()), ArrayRef(iota)));
  FailureOr<Value> hit = n.create<EqualOp>(Type(), *argmax, positions);
  if (failed(hit))
    return failure();
  FailureOr<Value> y = n.create<CastOp>(
      n.typeOf(*hit).clone(inputType.getElementType()), *hit);
  if (failed(y))
    return failure();
  y = n.reshape(*y, type.getShape());
  return failed(y) ? failure() : n.setOutput(0, *y);
}

/// Trilu: keeps the upper (lower) triangle of the last two axes relative to
/// the diagonal `k`, as a select against a constant mask.
static LogicalResult convertTrilu(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "input");
  if (failed(x))
    return failure();
  auto type = n.typeOf(*x);
  if (type.getRank() < 2) {
    n.error() << "needs an input of rank 2 or more, got " << type;
    return failure();
  }
  int64_t k = 0;
  if (n.input(1)) {
    FailureOr<SmallVector<int64_t>> kValues = n.constantInts(1, "k");
    if (failed(kValues))
      return failure();
    if (kValues->size() != 1) {
      n.error() << "k must hold one value";
      return failure();
    }
    k = (*kValues)[0];
  }
  bool upper = n.getInt("upper", 1) != 0;
  int64_t rows = type.getDimSize(type.getRank() - 2);
  int64_t cols = type.getDimSize(type.getRank() - 1);
  SmallVector<bool> mask;
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j)
      mask.push_back(upper ? j - i >= k : j - i <= k);
  Value maskValue = n.constant(DenseElementsAttr::get(
      RankedTensorType::get({rows, cols}, n.b.getI1Type()), ArrayRef(mask)));
  Value zero = scalarConstant(n, type.getElementType(), 0.0);
  FailureOr<Value> y = n.create<WhereOp>(Type(), maskValue, *x, zero);
  return failed(y) ? failure() : n.setOutput(0, *y);
}

/// DepthToSpace (DCR or CRD) and SpaceToDepth as reshape + transpose +
/// reshape on NCHW tensors.
template <bool toSpace> static LogicalResult convertDepthSpace(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "input");
  if (failed(x))
    return failure();
  auto type = n.typeOf(*x);
  int64_t bs = n.getInt("blocksize", 0);
  if (type.getRank() != 4 || bs <= 0) {
    n.error() << "needs a 4-d NCHW input and a positive blocksize, got "
              << type << " and blocksize " << bs;
    return failure();
  }
  int64_t N = type.getDimSize(0), C = type.getDimSize(1),
          H = type.getDimSize(2), W = type.getDimSize(3);
  SmallVector<int64_t> split, perm, result;
  if (toSpace) {
    if (C % (bs * bs) != 0) {
      n.error() << "channels " << C << " are not divisible by blocksize^2";
      return failure();
    }
    std::string mode = n.getString("mode", "DCR");
    int64_t c = C / (bs * bs);
    if (mode == "DCR") {
      split = {N, bs, bs, c, H, W};
      perm = {0, 3, 4, 1, 5, 2};
    } else if (mode == "CRD") {
      split = {N, c, bs, bs, H, W};
      perm = {0, 1, 4, 2, 5, 3};
    } else {
      n.error() << "mode '" << mode << "' is not DCR or CRD";
      return failure();
    }
    result = {N, c, H * bs, W * bs};
  } else {
    if (H % bs != 0 || W % bs != 0) {
      n.error() << "spatial dims " << H << "x" << W
                << " are not divisible by blocksize " << bs;
      return failure();
    }
    split = {N, C, H / bs, bs, W / bs, bs};
    perm = {0, 3, 5, 1, 2, 4};
    result = {N, C * bs * bs, H / bs, W / bs};
  }
  FailureOr<Value> y = n.reshape(*x, split);
  if (failed(y))
    return failure();
  y = n.create<TransposeOp>(Type(), *y, n.b.getDenseI64ArrayAttr(perm));
  if (failed(y))
    return failure();
  y = n.reshape(*y, result);
  return failed(y) ? failure() : n.setOutput(0, *y);
}

/// Tile with constant repeats: reshape [d..] to [1, d, 1, d, ..], broadcast
/// to [r, d, r, d, ..], reshape to [r * d, ..].
static LogicalResult convertTile(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "input");
  if (failed(x))
    return failure();
  FailureOr<SmallVector<int64_t>> repeats = n.constantInts(1, "repeats");
  if (failed(repeats))
    return failure();
  auto type = n.typeOf(*x);
  if (static_cast<int64_t>(repeats->size()) != type.getRank() ||
      llvm::any_of(*repeats, [](int64_t r) { return r < 0; })) {
    n.error() << "repeats must hold " << type.getRank()
              << " non-negative values";
    return failure();
  }
  SmallVector<int64_t> interleaved, broadcast, result;
  for (auto [dim, repeat] : llvm::zip(type.getShape(), *repeats)) {
    interleaved.append({1, dim});
    broadcast.append({repeat, dim});
    result.push_back(repeat * dim);
  }
  if (!checkedElementCount(result)) {
    n.error() << "the tiled element count overflows int64";
    return failure();
  }
  FailureOr<Value> y = n.reshape(*x, interleaved);
  if (failed(y))
    return failure();
  if (n.typeOf(*y).getShape() != ArrayRef(broadcast))
    y = n.create<BroadcastToOp>(n.typeOf(*y).clone(broadcast), *y);
  if (failed(y))
    return failure();
  y = n.reshape(*y, result);
  return failed(y) ? failure() : n.setOutput(0, *y);
}

/// EyeLike: a constant with ones on diagonal `k`.
static LogicalResult convertEyeLike(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "input");
  if (failed(x))
    return failure();
  auto type = n.typeOf(*x);
  if (type.getRank() != 2) {
    n.error() << "needs a 2-d input, got " << type;
    return failure();
  }
  Type elementType = type.getElementType();
  if (n.hasAttr("dtype")) {
    int64_t dtype = n.getInt("dtype", 0);
    elementType = convertElementType(n.context, dtype);
    if (!elementType) {
      n.error() << "dtype " << elementTypeName(dtype) << " is not supported";
      return failure();
    }
  }
  int64_t k = n.getInt("k", 0);
  auto resultType = type.clone(elementType);
  SmallVector<Attribute> values;
  Attribute one = isa<FloatType>(elementType)
                      ? Attribute(FloatAttr::get(elementType, 1.0))
                      : Attribute(IntegerAttr::get(elementType, 1));
  Attribute zero = isa<FloatType>(elementType)
                       ? Attribute(FloatAttr::get(elementType, 0.0))
                       : Attribute(IntegerAttr::get(elementType, 0));
  for (int64_t i = 0; i < type.getDimSize(0); ++i)
    for (int64_t j = 0; j < type.getDimSize(1); ++j)
      values.push_back(j - i == k ? one : zero);
  return n.setOutput(0, n.constant(DenseElementsAttr::get(resultType, values)));
}

/// InstanceNormalization: per sample and channel, normalize over the spatial
/// axes, then scale and shift per channel.
static LogicalResult convertInstanceNorm(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "input");
  FailureOr<Value> scale = n.requiredInput(1, "scale");
  FailureOr<Value> bias = n.requiredInput(2, "B");
  if (failed(x) || failed(scale) || failed(bias))
    return failure();
  auto type = n.typeOf(*x);
  int64_t rank = type.getRank();
  if (rank < 3 || !isa<FloatType>(type.getElementType())) {
    n.error() << "needs a floating-point input of rank 3 or more, got "
              << type;
    return failure();
  }
  int64_t channels = type.getDimSize(1);
  SmallVector<int64_t> channelShape(rank, 1);
  channelShape[1] = channels;
  FailureOr<Value> scaleB = n.reshape(*scale, channelShape);
  FailureOr<Value> biasB = n.reshape(*bias, channelShape);
  if (failed(scaleB) || failed(biasB))
    return failure();
  SmallVector<int64_t> spatial(rank - 2);
  std::iota(spatial.begin(), spatial.end(), 2);
  DenseI64ArrayAttr axes = n.b.getDenseI64ArrayAttr(spatial);
  FailureOr<Value> mean =
      n.create<ReduceMeanOp>(Type(), *x, axes, n.b.getBoolAttr(true));
  if (failed(mean))
    return failure();
  FailureOr<Value> centered = n.create<SubOp>(Type(), *x, *mean);
  if (failed(centered))
    return failure();
  FailureOr<Value> squared = n.create<MulOp>(Type(), *centered, *centered);
  if (failed(squared))
    return failure();
  FailureOr<Value> variance =
      n.create<ReduceMeanOp>(Type(), *squared, axes, n.b.getBoolAttr(true));
  if (failed(variance))
    return failure();
  Value epsilon =
      scalarConstant(n, type.getElementType(), n.getFloat("epsilon", 1e-5f));
  FailureOr<Value> shifted = n.create<AddOp>(Type(), *variance, epsilon);
  if (failed(shifted))
    return failure();
  FailureOr<Value> stddev = n.create<SqrtOp>((*shifted).getType(), *shifted);
  if (failed(stddev))
    return failure();
  FailureOr<Value> normalized = n.create<DivOp>(Type(), *centered, *stddev);
  if (failed(normalized))
    return failure();
  FailureOr<Value> y = n.create<MulOp>(Type(), *normalized, *scaleB);
  if (failed(y))
    return failure();
  y = n.create<AddOp>(Type(), *y, *biasB);
  return failed(y) ? failure() : n.setOutput(0, *y);
}

/// CumSum as a masked sum: x is viewed as [.., 1, N, ..] and reduced over the
/// new j axis under a constant [N, N] mask that says which j feed output i
/// (j <= i; j < i when exclusive; mirrored when reverse). Adding masked-out
/// zeros is exact, so this matches a sequential scan; it costs N^2 per line,
/// which is fine for the short axes of embedded models.
static LogicalResult convertCumSum(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "x");
  if (failed(x))
    return failure();
  FailureOr<SmallVector<int64_t>> axisValues = n.constantInts(1, "axis");
  if (failed(axisValues))
    return failure();
  if (axisValues->size() != 1) {
    n.error() << "axis must hold one value";
    return failure();
  }
  auto type = n.typeOf(*x);
  int64_t rank = type.getRank();
  FailureOr<int64_t> axis = n.normalizeAxis((*axisValues)[0], rank);
  if (failed(axis))
    return failure();
  bool exclusive = n.getInt("exclusive", 0) != 0;
  bool reverse = n.getInt("reverse", 0) != 0;
  int64_t size = type.getDimSize(*axis);
  // Mask [N, N] indexed (i, j), shaped to broadcast against [.., N(i), N(j), ..].
  SmallVector<bool> mask;
  for (int64_t i = 0; i < size; ++i)
    for (int64_t j = 0; j < size; ++j) {
      bool feeds = reverse ? j >= i : j <= i;
      if (exclusive && i == j)
        feeds = false;
      mask.push_back(feeds);
    }
  SmallVector<int64_t> maskShape(rank + 1, 1);
  maskShape[*axis] = size;
  maskShape[*axis + 1] = size;
  Value maskValue = n.constant(DenseElementsAttr::get(
      RankedTensorType::get(maskShape, n.b.getI1Type()), ArrayRef(mask)));
  SmallVector<int64_t> expanded(type.getShape());
  expanded.insert(expanded.begin() + *axis, 1);
  FailureOr<Value> xj = n.reshape(*x, expanded);
  if (failed(xj))
    return failure();
  Value zero = scalarConstant(n, type.getElementType(), 0.0);
  FailureOr<Value> masked = n.create<WhereOp>(Type(), maskValue, *xj, zero);
  if (failed(masked))
    return failure();
  FailureOr<Value> y = n.create<ReduceSumOp>(
      Type(), *masked, n.b.getDenseI64ArrayAttr({*axis + 1}),
      n.b.getBoolAttr(false));
  return failed(y) ? failure() : n.setOutput(0, *y);
}

/// OneHot: `indices` (negative ones count from `depth`) compared with an iota
/// along the new `axis`, selecting values[1] (on) or values[0] (off).
static LogicalResult convertOneHot(NodeContext &n) {
  FailureOr<Value> indices = n.requiredInput(0, "indices");
  FailureOr<Value> depthInput = n.requiredInput(1, "depth");
  FailureOr<Value> values = n.requiredInput(2, "values");
  if (failed(indices) || failed(depthInput) || failed(values))
    return failure();
  std::optional<int64_t> depth;
  if (std::optional<SmallVector<int64_t>> ints =
          getConstantInts(n.input(1)))
    depth = ints->size() == 1 ? std::optional<int64_t>((*ints)[0])
                              : std::nullopt;
  else if (std::optional<SmallVector<float>> floats =
               getConstantFloats(n.input(1)))
    depth = floats->size() == 1
                ? std::optional<int64_t>(static_cast<int64_t>((*floats)[0]))
                : std::nullopt;
  if (!depth || *depth <= 0) {
    emitError(n.diagLoc) << "the depth operand of OneHot '" << n.name
                         << "' must be a positive compile-time constant "
                            "scalar";
    return failure();
  }
  auto valuesType = n.typeOf(*values);
  if (valuesType.getNumElements() != 2) {
    n.error() << "values must hold two elements (off, on), got "
              << valuesType;
    return failure();
  }
  auto indicesType = n.typeOf(*indices);
  int64_t outRank = indicesType.getRank() + 1;
  FailureOr<int64_t> axis = n.normalizeAxis(n.getInt("axis", -1), outRank);
  if (failed(axis))
    return failure();
  // Float indices are truncated to integers, as ONNX's reference does.
  Value index = *indices;
  auto i64Type = n.b.getI64Type();
  if (indicesType.getElementType() != i64Type) {
    FailureOr<Value> cast =
        n.create<CastOp>(indicesType.clone(i64Type), index);
    if (failed(cast))
      return failure();
    index = *cast;
  }
  Value zero = scalarConstant(n, i64Type, 0);
  Value depthValue = scalarConstant(n, i64Type, *depth);
  FailureOr<Value> negative = n.create<LessOp>(Type(), index, zero);
  FailureOr<Value> wrapped = n.create<AddOp>(Type(), index, depthValue);
  if (failed(negative) || failed(wrapped))
    return failure();
  FailureOr<Value> normalized =
      n.create<WhereOp>(Type(), *negative, *wrapped, index);
  if (failed(normalized))
    return failure();
  SmallVector<int64_t> expanded(indicesType.getShape());
  expanded.insert(expanded.begin() + *axis, 1);
  FailureOr<Value> column = n.reshape(*normalized, expanded);
  if (failed(column))
    return failure();
  SmallVector<int64_t> iotaShape(outRank, 1);
  iotaShape[*axis] = *depth;
  SmallVector<int64_t> iota(*depth);
  std::iota(iota.begin(), iota.end(), 0);
  Value positions = n.constant(DenseElementsAttr::get(
      RankedTensorType::get(iotaShape, i64Type), ArrayRef(iota)));
  FailureOr<Value> hit = n.create<EqualOp>(Type(), *column, positions);
  if (failed(hit))
    return failure();
  FailureOr<Value> flatValues = n.reshape(*values, {2});
  if (failed(flatValues))
    return failure();
  FailureOr<Value> off = sliceAxis(n, *flatValues, 0, 0, 1);
  FailureOr<Value> on = sliceAxis(n, *flatValues, 0, 1, 1);
  if (failed(off) || failed(on))
    return failure();
  FailureOr<Value> offScalar = n.reshape(*off, {});
  FailureOr<Value> onScalar = n.reshape(*on, {});
  if (failed(offScalar) || failed(onScalar))
    return failure();
  FailureOr<Value> y = n.create<WhereOp>(Type(), *hit, *onScalar, *offScalar);
  return failed(y) ? failure() : n.setOutput(0, *y);
}

/// Range with constant start, limit and delta folds to a constant:
/// `start + i * delta` for `max(ceil((limit - start) / delta), 0)` elements.
static LogicalResult convertRange(NodeContext &n) {
  FailureOr<SmallVector<Value, 8>> inputs =
      n.requiredInputs({"start", "limit", "delta"});
  if (failed(inputs))
    return failure();
  ArrayRef<Value> operands = *inputs;
  Type elementType = n.typeOf(operands[0]).getElementType();
  bool isF = isa<FloatType>(elementType);
  double values[3];
  for (int i = 0; i < 3; ++i) {
    std::optional<double> value;
    if (isF) {
      if (std::optional<SmallVector<float>> f = getConstantFloats(operands[i]))
        if (f->size() == 1)
          value = (*f)[0];
    } else if (std::optional<SmallVector<int64_t>> ints =
                   getConstantInts(operands[i])) {
      if (ints->size() == 1)
        value = static_cast<double>((*ints)[0]);
    }
    if (!value) {
      emitError(n.diagLoc) << "the operands of Range '" << n.name
                           << "' must be compile-time constant scalars; mote "
                              "needs static shapes";
      return failure();
    }
    values[i] = *value;
  }
  double start = values[0], limit = values[1], delta = values[2];
  if (delta == 0) {
    n.error() << "delta must not be 0";
    return failure();
  }
  double count = std::max(std::ceil((limit - start) / delta), 0.0);
  if (count > (1 << 24)) {
    n.error() << "the range would have " << count << " elements";
    return failure();
  }
  SmallVector<Attribute> elements;
  for (int64_t i = 0; i < static_cast<int64_t>(count); ++i) {
    if (isF)
      elements.push_back(FloatAttr::get(elementType, start + i * delta));
    else
      elements.push_back(IntegerAttr::get(
          elementType, static_cast<int64_t>(start) +
                           i * static_cast<int64_t>(delta)));
  }
  auto type =
      RankedTensorType::get({static_cast<int64_t>(count)}, elementType);
  return n.setOutput(0, n.constant(DenseElementsAttr::get(type, elements)));
}

/// Shrink: `x < -lambd ? x + bias : (x > lambd ? x - bias : 0)`.
static LogicalResult convertShrink(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "input");
  if (failed(x))
    return failure();
  Type elementType = n.typeOf(*x).getElementType();
  double lambd = n.getFloat("lambd", 0.5f), bias = n.getFloat("bias", 0.0f);
  Value negLambd = scalarConstant(n, elementType, -lambd);
  Value posLambd = scalarConstant(n, elementType, lambd);
  Value biasValue = scalarConstant(n, elementType, bias);
  Value zero = scalarConstant(n, elementType, 0.0);
  FailureOr<Value> below = n.create<LessOp>(Type(), *x, negLambd);
  FailureOr<Value> above = n.create<GreaterOp>(Type(), *x, posLambd);
  FailureOr<Value> plus = n.create<AddOp>(Type(), *x, biasValue);
  FailureOr<Value> minus = n.create<SubOp>(Type(), *x, biasValue);
  if (failed(below) || failed(above) || failed(plus) || failed(minus))
    return failure();
  FailureOr<Value> upper = n.create<WhereOp>(Type(), *above, *minus, zero);
  if (failed(upper))
    return failure();
  FailureOr<Value> y = n.create<WhereOp>(Type(), *below, *plus, *upper);
  return failed(y) ? failure() : n.setOutput(0, *y);
}

/// MeanVarianceNormalization as ONNX's function defines it:
/// `(x - E[x]) / (sqrt(E[x^2] - E[x]^2) + 1e-9)` over `axes`.
static LogicalResult convertMeanVarianceNorm(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "X");
  if (failed(x))
    return failure();
  auto type = n.typeOf(*x);
  if (!isa<FloatType>(type.getElementType())) {
    n.error() << "needs a floating-point input, got " << type;
    return failure();
  }
  FailureOr<SmallVector<int64_t>> axes =
      normalizeAxes(n, n.getInts("axes").value_or(SmallVector<int64_t>{0, 2, 3}),
                    type.getRank());
  if (failed(axes))
    return failure();
  DenseI64ArrayAttr axesAttr = n.b.getDenseI64ArrayAttr(*axes);
  BoolAttr keep = n.b.getBoolAttr(true);
  FailureOr<Value> mean = n.create<ReduceMeanOp>(Type(), *x, axesAttr, keep);
  FailureOr<Value> square = n.create<MulOp>(Type(), *x, *x);
  if (failed(mean) || failed(square))
    return failure();
  FailureOr<Value> meanOfSquare =
      n.create<ReduceMeanOp>(Type(), *square, axesAttr, keep);
  FailureOr<Value> squareOfMean = n.create<MulOp>(Type(), *mean, *mean);
  if (failed(meanOfSquare) || failed(squareOfMean))
    return failure();
  FailureOr<Value> variance =
      n.create<SubOp>(Type(), *meanOfSquare, *squareOfMean);
  if (failed(variance))
    return failure();
  FailureOr<Value> stddev = n.create<SqrtOp>((*variance).getType(), *variance);
  if (failed(stddev))
    return failure();
  FailureOr<Value> denominator = n.create<AddOp>(
      Type(), *stddev, scalarConstant(n, type.getElementType(), 1e-9));
  FailureOr<Value> centered = n.create<SubOp>(Type(), *x, *mean);
  if (failed(denominator) || failed(centered))
    return failure();
  FailureOr<Value> y = n.create<DivOp>(Type(), *centered, *denominator);
  return failed(y) ? failure() : n.setOutput(0, *y);
}

//===----------------------------------------------------------------------===//
// Losses
//===----------------------------------------------------------------------===//

/// NegativeLogLikelihoodLoss on `input` [N, C, d1..dk] (log-probabilities)
/// and run-time integer `target` [N, d1..dk]: loss = -input[n, target, d..]
/// scaled by weight[target] (1 without `weight`), 0 where target equals
/// ignore_index; then reduced by `reduction`. The mean divides by the sum of
/// the weights actually applied, so ignored entries leave the denominator.
/// Built from gather_elements (the class axis), gather (the weights), equal
/// and where; out-of-range targets read a clamped position and are only
/// meaningful when they are the ignore_index, whose terms are masked to 0.
static FailureOr<Value> buildNllLoss(NodeContext &n, Value input, Value target,
                                     Value weight) {
  std::string reduction = n.getString("reduction", "mean");
  if (reduction != "none" && reduction != "sum" && reduction != "mean") {
    n.error() << "reduction '" << reduction
              << "' is not one of 'none', 'sum', 'mean'";
    return failure();
  }
  auto inputType = n.typeOf(input);
  auto targetType = n.typeOf(target);
  Type elementType = inputType.getElementType();
  int64_t rank = inputType.getRank();
  ArrayRef<int64_t> shape = inputType.getShape();
  SmallVector<int64_t> lossShape(shape.begin(), shape.end());
  if (rank >= 2)
    lossShape.erase(lossShape.begin() + 1);
  if (rank < 2 || !isa<FloatType>(elementType) ||
      !isa<IntegerType>(targetType.getElementType()) ||
      targetType.getShape() != ArrayRef<int64_t>(lossShape)) {
    n.error() << "needs a floating-point input [N, C, d1..dk] and an integer "
                 "target [N, d1..dk], got "
              << inputType << " and " << targetType;
    return failure();
  }
  if (weight && n.typeOf(weight) !=
                    RankedTensorType::get({shape[1]}, elementType)) {
    n.error() << "the weight " << n.typeOf(weight) << " must be a vector of "
              << shape[1] << " " << elementType << " (one per class)";
    return failure();
  }

  // Pick input[n, target[n, d..], d..] with the class axis kept as 1.
  SmallVector<int64_t> indexShape = lossShape;
  indexShape.insert(indexShape.begin() + 1, 1);
  FailureOr<Value> indices = n.reshape(target, indexShape);
  if (failed(indices))
    return failure();
  FailureOr<Value> picked = n.create<GatherElementsOp>(
      Type(), input, *indices, n.b.getI64IntegerAttr(1));
  if (failed(picked))
    return failure();
  FailureOr<Value> flat = n.reshape(*picked, lossShape);
  if (failed(flat))
    return failure();
  FailureOr<Value> loss = n.create<NegOp>((*flat).getType(), *flat);
  if (failed(loss))
    return failure();

  // The per-element weight: weight[target], masked to 0 at ignore_index.
  Value applied;
  if (weight) {
    FailureOr<Value> perElement = n.create<GatherOp>(
        Type(), weight, target, n.b.getI64IntegerAttr(0));
    if (failed(perElement))
      return failure();
    applied = *perElement;
  }
  if (n.hasAttr("ignore_index")) {
    Value ignoreIndex = scalarConstant(n, targetType.getElementType(),
                                       n.getInt("ignore_index", 0));
    FailureOr<Value> ignored =
        n.create<EqualOp>(Type(), target, ignoreIndex);
    if (failed(ignored))
      return failure();
    FailureOr<Value> masked = n.create<WhereOp>(
        Type(), *ignored, scalarConstant(n, elementType, 0.0),
        applied ? applied : scalarConstant(n, elementType, 1.0));
    if (failed(masked))
      return failure();
    applied = *masked;
  }
  if (applied) {
    loss = n.create<MulOp>(Type(), *loss, applied);
    if (failed(loss))
      return failure();
  }
  if (reduction == "none")
    return loss;

  SmallVector<int64_t> all(lossShape.size());
  std::iota(all.begin(), all.end(), 0);
  DenseI64ArrayAttr axes = n.b.getDenseI64ArrayAttr(all);
  BoolAttr drop = n.b.getBoolAttr(false);
  if (reduction == "mean" && !applied)
    return n.create<ReduceMeanOp>(Type(), *loss, axes, drop);
  FailureOr<Value> total = n.create<ReduceSumOp>(Type(), *loss, axes, drop);
  if (failed(total) || reduction == "sum")
    return total;
  FailureOr<Value> totalWeight =
      n.create<ReduceSumOp>(Type(), applied, axes, drop);
  if (failed(totalWeight))
    return failure();
  return n.create<DivOp>(Type(), *total, *totalWeight);
}

static LogicalResult convertNllLoss(NodeContext &n) {
  FailureOr<Value> input = n.requiredInput(0, "input");
  FailureOr<Value> target = n.requiredInput(1, "target");
  if (failed(input) || failed(target))
    return failure();
  FailureOr<Value> loss = buildNllLoss(n, *input, *target, n.input(2));
  return failed(loss) ? failure() : n.setOutput(0, *loss);
}

/// SoftmaxCrossEntropyLoss: log_softmax over the class axis (output 1,
/// log_prob, when used) followed by NegativeLogLikelihoodLoss.
static LogicalResult convertSoftmaxCrossEntropyLoss(NodeContext &n) {
  FailureOr<Value> scores = n.requiredInput(0, "scores");
  FailureOr<Value> labels = n.requiredInput(1, "labels");
  if (failed(scores) || failed(labels))
    return failure();
  if (n.typeOf(*scores).getRank() < 2) {
    n.error() << "needs scores [N, C, d1..dk], got " << n.typeOf(*scores);
    return failure();
  }
  FailureOr<Value> logProb = n.create<LogSoftmaxOp>(
      (*scores).getType(), *scores, n.b.getI64IntegerAttr(1));
  if (failed(logProb))
    return failure();
  FailureOr<Value> loss = buildNllLoss(n, *logProb, *labels, n.input(2));
  if (failed(loss) || failed(n.setOutput(0, *loss)))
    return failure();
  return n.setOutput(1, *logProb);
}

//===----------------------------------------------------------------------===//
// Dispatch
//===----------------------------------------------------------------------===//

namespace {
/// How one ONNX op is imported and which of its attributes mote reads (or
/// may safely ignore); any other attribute is an error, so that a model is
/// never imported with a silently wrong meaning.
struct OpConverter {
  LogicalResult (*convert)(NodeContext &);
  std::vector<const char *> attributes;
};
} // namespace

static const llvm::StringMap<OpConverter> &converters() {
  static const llvm::StringMap<OpConverter> table = [] {
    llvm::StringMap<OpConverter> t;
    // Legacy (opset < 7) binary-op broadcasting attributes.
    std::vector<const char *> binary = {"broadcast", "axis"};
    std::vector<const char *> none = {};
    std::vector<const char *> windowAttrs = {"auto_pad", "kernel_shape", "pads",
                                             "strides", "ceil_mode"};
    t["Relu"] = {convertUnary<ReluOp>, none};
    t["Sigmoid"] = {convertUnary<SigmoidOp>, none};
    t["Tanh"] = {convertUnary<TanhOp>, none};
    t["Erf"] = {convertUnary<ErfOp>, none};
    t["Exp"] = {convertUnary<ExpOp>, none};
    t["Log"] = {convertUnary<LogOp>, none};
    t["Sqrt"] = {convertUnary<SqrtOp>, none};
    t["Reciprocal"] = {convertUnary<ReciprocalOp>, none};
    t["Neg"] = {convertUnary<NegOp>, none};
    t["Abs"] = {convertUnary<AbsOp>, none};
    t["HardSwish"] = {convertUnary<HardSwishOp>, none};
    t["Identity"] = {convertUnary<IdentityOp>, none};
    t["Dropout"] = {convertDropout, {"ratio", "seed", "is_test"}};
    t["LeakyRelu"] = {convertLeakyRelu, {"alpha"}};
    t["HardSigmoid"] = {convertHardSigmoid, {"alpha", "beta"}};
    t["Clip"] = {convertClip, {"min", "max"}};
    t["Cast"] = {convertCast, {"to"}};
    t["Add"] = {convertBinary<AddOp>, binary};
    t["Sub"] = {convertBinary<SubOp>, binary};
    t["Mul"] = {convertBinary<MulOp>, binary};
    t["Div"] = {convertBinary<DivOp>, binary};
    t["Pow"] = {convertBinary<PowOp>, binary};
    t["Equal"] = {convertBinary<EqualOp>, binary};
    t["Less"] = {convertBinary<LessOp>, binary};
    t["Greater"] = {convertBinary<GreaterOp>, binary};
    t["Max"] = {convertVariadic<MaxOp>, none};
    t["Min"] = {convertVariadic<MinOp>, none};
    t["Sum"] = {convertVariadic<AddOp>, none};
    t["Mean"] = {convertMean, none};
    t["Where"] = {convertWhere, none};
    t["Conv"] = {
        convertConv,
        {"auto_pad", "dilations", "group", "kernel_shape", "pads", "strides"}};
    t["ConvTranspose"] = {convertConvTranspose,
                          {"auto_pad", "dilations", "group", "kernel_shape",
                           "output_padding", "output_shape", "pads",
                           "strides"}};
    std::vector<const char *> maxPool = windowAttrs;
    maxPool.push_back("dilations");
    maxPool.push_back("storage_order");
    t["MaxPool"] = {convertPool<MaxPoolOp>, maxPool};
    std::vector<const char *> avgPool = windowAttrs;
    avgPool.push_back("count_include_pad");
    t["AveragePool"] = {convertPool<AveragePoolOp>, avgPool};
    t["GlobalAveragePool"] = {convertGlobalPool<ReduceMeanOp>, none};
    t["GlobalMaxPool"] = {convertGlobalPool<ReduceMaxOp>, none};
    t["Gemm"] = {convertGemm,
                 {"alpha", "beta", "transA", "transB", "broadcast"}};
    t["MatMul"] = {convertMatMul, none};
    t["BatchNormalization"] = {convertBatchNorm,
                               {"epsilon", "momentum", "spatial", "is_test",
                                "consumed_inputs", "training_mode"}};
    t["LayerNormalization"] = {convertLayerNorm,
                               {"axis", "epsilon", "stash_type"}};
    t["Softmax"] = {convertSoftmax<SoftmaxOp>, {"axis"}};
    t["LogSoftmax"] = {convertSoftmax<LogSoftmaxOp>, {"axis"}};
    std::vector<const char *> reduce = {"axes", "keepdims",
                                        "noop_with_empty_axes"};
    t["ReduceSum"] = {convertReduce<ReduceSumOp>, reduce};
    t["ReduceMean"] = {convertReduce<ReduceMeanOp>, reduce};
    t["ReduceMax"] = {convertReduce<ReduceMaxOp>, reduce};
    t["ReduceMin"] = {convertReduce<ReduceMinOp>, reduce};
    t["Reshape"] = {convertReshape, {"allowzero"}};
    t["Flatten"] = {convertFlatten, {"axis"}};
    t["Squeeze"] = {convertSqueeze, {"axes"}};
    t["Unsqueeze"] = {convertUnsqueeze, {"axes"}};
    t["Transpose"] = {convertTranspose, {"perm"}};
    t["Concat"] = {convertConcat, {"axis"}};
    t["Split"] = {convertSplit, {"axis", "split"}};
    t["Slice"] = {convertSlice, {"starts", "ends", "axes"}};
    t["Gather"] = {convertGather, {"axis"}};
    t["Expand"] = {convertExpand, none};
    t["Pad"] = {convertPad, {"mode", "pads", "value"}};
    t["Shape"] = {convertShape, {"start", "end"}};
    t["Constant"] = {
        convertConstant,
        {"value", "value_float", "value_floats", "value_int", "value_ints"}};
    t["ConstantOfShape"] = {convertConstantOfShape, {"value"}};
    t["Resize"] = {convertResize,
                   {"mode", "coordinate_transformation_mode", "nearest_mode",
                    "cubic_coeff_a", "exclude_outside", "extrapolation_value"}};
    t["Upsample"] = {convertUpsample, {"mode", "scales"}};
    t["Floor"] = {convertUnary<FloorOp>, none};
    t["Ceil"] = {convertUnary<CeilOp>, none};
    t["Round"] = {convertUnary<RoundOp>, none};
    t["Sign"] = {convertUnary<SignOp>, none};
    t["Sin"] = {convertUnary<SinOp>, none};
    t["Cos"] = {convertUnary<CosOp>, none};
    t["Tan"] = {convertUnary<TanOp>, none};
    t["Asin"] = {convertUnary<AsinOp>, none};
    t["Acos"] = {convertUnary<AcosOp>, none};
    t["Atan"] = {convertUnary<AtanOp>, none};
    t["Sinh"] = {convertUnary<SinhOp>, none};
    t["Cosh"] = {convertUnary<CoshOp>, none};
    t["Asinh"] = {convertUnary<AsinhOp>, none};
    t["Acosh"] = {convertUnary<AcoshOp>, none};
    t["Atanh"] = {convertUnary<AtanhOp>, none};
    t["Softplus"] = {convertUnary<SoftplusOp>, none};
    t["Softsign"] = {convertUnary<SoftsignOp>, none};
    t["Not"] = {convertUnary<NotOp>, none};
    t["Elu"] = {[](NodeContext &n) { return convertAlphaUnary<EluOp>(n, 1.0f); },
                {"alpha"}};
    t["Celu"] = {
        [](NodeContext &n) { return convertAlphaUnary<CeluOp>(n, 1.0f); },
        {"alpha"}};
    t["ThresholdedRelu"] = {[](NodeContext &n) {
                              return convertAlphaUnary<ThresholdedReluOp>(
                                  n, 1.0f);
                            },
                            {"alpha"}};
    t["Selu"] = {convertSelu, {"alpha", "gamma"}};
    t["PRelu"] = {convertPRelu, none};
    t["IsNaN"] = {convertIsNaN, none};
    t["IsInf"] = {convertIsInf, {"detect_negative", "detect_positive"}};
    t["GreaterOrEqual"] = {convertBinary<GreaterEqualOp>, none};
    t["LessOrEqual"] = {convertBinary<LessEqualOp>, none};
    t["And"] = {convertBinary<AndOp>, binary};
    t["Or"] = {convertBinary<OrOp>, binary};
    t["Xor"] = {convertBinary<XorOp>, binary};
    t["Mod"] = {convertMod, {"fmod"}};
    t["BitShift"] = {convertBitShift, {"direction"}};
    t["CastLike"] = {convertCastLike, none};
    t["Size"] = {convertSize, none};
    t["ReduceProd"] = {convertReduce<ReduceProdOp>, reduce};
    t["ReduceL1"] = {convertComposedReduce<ComposedReduce::L1>, reduce};
    t["ReduceL2"] = {convertComposedReduce<ComposedReduce::L2>, reduce};
    t["ReduceLogSum"] = {convertComposedReduce<ComposedReduce::LogSum>, reduce};
    t["ReduceLogSumExp"] = {convertComposedReduce<ComposedReduce::LogSumExp>,
                            reduce};
    t["ReduceSumSquare"] = {convertComposedReduce<ComposedReduce::SumSquare>,
                            reduce};
    std::vector<const char *> argReduce = {"axis", "keepdims",
                                           "select_last_index"};
    t["ArgMax"] = {convertArgReduce<ArgMaxOp>, argReduce};
    t["ArgMin"] = {convertArgReduce<ArgMinOp>, argReduce};
    t["GatherElements"] = {convertGatherElements, {"axis"}};
    t["Hardmax"] = {convertHardmax, {"axis"}};
    t["Trilu"] = {convertTrilu, {"upper"}};
    t["DepthToSpace"] = {convertDepthSpace<true>, {"blocksize", "mode"}};
    t["SpaceToDepth"] = {convertDepthSpace<false>, {"blocksize"}};
    t["Tile"] = {convertTile, none};
    t["EyeLike"] = {convertEyeLike, {"dtype", "k"}};
    t["InstanceNormalization"] = {convertInstanceNorm, {"epsilon"}};
    t["CumSum"] = {convertCumSum, {"exclusive", "reverse"}};
    t["OneHot"] = {convertOneHot, {"axis"}};
    t["Range"] = {convertRange, none};
    t["Shrink"] = {convertShrink, {"bias", "lambd"}};
    t["MeanVarianceNormalization"] = {convertMeanVarianceNorm, {"axes"}};
    t["NegativeLogLikelihoodLoss"] = {convertNllLoss,
                                      {"ignore_index", "reduction"}};
    t["SoftmaxCrossEntropyLoss"] = {convertSoftmaxCrossEntropyLoss,
                                    {"ignore_index", "reduction"}};
    // OnnxQuantOps.cpp.
    t["QuantizeLinear"] = {convertQuantizeLinear, {"axis"}};
    t["DequantizeLinear"] = {convertDequantizeLinear, {"axis"}};
    t["DynamicQuantizeLinear"] = {convertDynamicQuantizeLinear, none};
    t["MatMulInteger"] = {convertMatMulInteger, none};
    t["QLinearMatMul"] = {convertQLinearMatMul, none};
    t["ConvInteger"] = {
        convertConvInteger,
        {"auto_pad", "dilations", "group", "kernel_shape", "pads", "strides"}};
    t["QLinearConv"] = {
        convertQLinearConv,
        {"auto_pad", "dilations", "group", "kernel_shape", "pads", "strides"}};
    t["LRN"] = {convertLrn, {"alpha", "beta", "bias", "size"}};
    t["HannWindow"] = {convertWindow<WindowKind::Hann>,
                       {"output_datatype", "periodic"}};
    t["HammingWindow"] = {convertWindow<WindowKind::Hamming>,
                          {"output_datatype", "periodic"}};
    t["BlackmanWindow"] = {convertWindow<WindowKind::Blackman>,
                           {"output_datatype", "periodic"}};
    // OnnxIndexingOps.cpp.
    t["Compress"] = {convertCompress, {"axis"}};
    t["NonZero"] = {convertNonZero, none};
    t["Unique"] = {convertUnique, {"axis", "sorted"}};
    t["Einsum"] = {convertEinsum, {"equation"}};
    t["GatherND"] = {convertGatherND, {"batch_dims"}};
    t["ReverseSequence"] = {convertReverseSequence,
                            {"batch_axis", "time_axis"}};
    t["ScatterND"] = {convertScatterND, {"reduction"}};
    t["ScatterElements"] = {convertScatterElements, {"axis", "reduction"}};
    t["Scatter"] = {convertScatterElements, {"axis"}};
    t["TopK"] = {convertTopK, {"axis", "k", "largest", "sorted"}};
    return t;
  }();
  return table;
}

bool GraphImporter::isSupportedOp(StringRef opType) {
  return converters().contains(opType);
}

std::string GraphImporter::nodeDisplayName(const NodeProto &node, int index) {
  if (!node.name().empty())
    return node.name();
  std::string name = node.op_type() + "_" + std::to_string(index);
  if (node.output_size() > 0)
    name += ":" + node.output(0);
  return name;
}

/// Converts an ONNX value_info type into an MLIR type for comparison; dims
/// that are symbolic or unknown stay dynamic. Null when not comparable.
static RankedTensorType declaredTensorType(MLIRContext &context,
                                           const onnx::TypeProto &type) {
  if (!type.has_tensor_type() || !type.tensor_type().has_shape())
    return {};
  Type element = convertElementType(context, type.tensor_type().elem_type());
  if (!element)
    return {};
  SmallVector<int64_t> shape;
  for (const auto &dim : type.tensor_type().shape().dim())
    shape.push_back(dim.has_dim_value() ? dim.dim_value()
                                        : ShapedType::kDynamic);
  return RankedTensorType::get(shape, element);
}

LogicalResult GraphImporter::importNode(const NodeProto &node, int index) {
  NodeContext n(*this, node, index);
  const OpConverter *converter = nullptr;
  auto it = converters().find(node.op_type());
  if (it != converters().end())
    converter = &it->second;
  if (!converter) {
    emitError(n.diagLoc) << "unsupported ONNX op '" << node.op_type()
                         << "' (opset " << opset << ") at node '" << n.name
                         << "'; see docs/SupportedOps.md for the supported ops";
    return failure();
  }
  for (const AttributeProto &a : node.attribute())
    if (!llvm::is_contained(converter->attributes, a.name())) {
      n.error() << "attribute '" << a.name() << "' of " << node.op_type()
                << " is not supported by mote; see docs/SupportedOps.md";
      return failure();
    }
  for (int i = 0; i < node.input_size(); ++i)
    if (!node.input(i).empty() && !values.count(node.input(i))) {
      n.error() << "input '" << node.input(i)
                << "' is not a graph input, an initializer or the output of "
                   "an earlier node";
      return failure();
    }

  OpBuilder::InsertionGuard guard(builder);
  if (failed(converter->convert(n)))
    return failure();

  // Cross-check the result types against what the model declares.
  for (int i = 0; i < node.output_size(); ++i) {
    if (!n.hasOutput(i))
      continue;
    Value v = values.lookup(node.output(i));
    if (!v) {
      n.error() << "internal error: output '" << node.output(i)
                << "' was not produced";
      return failure();
    }
    auto declared = declaredTypes.find(node.output(i));
    if (declared == declaredTypes.end())
      continue;
    RankedTensorType expected = declaredTensorType(context, *declared->second);
    if (!expected)
      continue;
    auto actual = cast<RankedTensorType>(v.getType());
    bool matches = expected.getElementType() == actual.getElementType() &&
                   expected.getRank() == actual.getRank();
    for (int64_t d = 0; matches && d < actual.getRank(); ++d)
      matches = expected.isDynamicDim(d) ||
                expected.getDimSize(d) == actual.getDimSize(d);
    if (!matches) {
      n.error() << "output '" << node.output(i) << "' is declared as "
                << expected << " in the model, but mote computes " << actual;
      return failure();
    }
  }
  return success();
}

} // namespace onnx_import
} // namespace mote
