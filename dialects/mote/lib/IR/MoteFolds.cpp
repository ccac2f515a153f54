//===- MoteFolds.cpp - mote op folders
//-------------------------------------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Folders of the mote ops. Besides the trivial ones (identity, no-op reshape
// or transpose), they evaluate data movement and arithmetic on constant
// tensors, so that the shape subgraphs of ONNX models (Shape -> Gather ->
// Unsqueeze -> Concat -> Reshape, ...) fold away while the importer builds
// them with `createOrFold`, and canonicalization finishes the job.
//
// Constant evaluation works on DenseElementsAttr (int and float elements) and
// is limited to kMaxFoldedElements results: it exists for shape arithmetic
// and small tensors, not to precompute layers on weights.
//
//===----------------------------------------------------------------------===//

#include "mote/Dialect/Mote/IR/Mote.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/APInt.h"

#include <cmath>

using namespace mlir;
using namespace mote;

/// Constant evaluation stops at this many result elements.
static constexpr int64_t kMaxFoldedElements = 1 << 16;

/// A dense int or float constant small enough to evaluate, or null.
static DenseElementsAttr getFoldableConstant(Attribute attr) {
  auto dense = dyn_cast_if_present<DenseIntOrFPElementsAttr>(attr);
  if (!dense || !dense.getType().hasStaticShape())
    return {};
  if (!dense.isSplat() && dense.getNumElements() > kMaxFoldedElements)
    return {};
  return dense;
}

/// A result type that constant evaluation can produce: static shape, builtin
/// int or float elements, not too many.
static bool isFoldableResultType(Type type) {
  auto tensorType = dyn_cast<RankedTensorType>(type);
  return tensorType && tensorType.hasStaticShape() &&
         tensorType.getElementType().isIntOrFloat() &&
         tensorType.getNumElements() <= kMaxFoldedElements;
}

static SmallVector<int64_t> rowMajorStrides(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t d = static_cast<int64_t>(shape.size()) - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * shape[d + 1];
  return strides;
}

/// Advances a row-major multi-index over `shape`.
static void nextIndex(MutableArrayRef<int64_t> index, ArrayRef<int64_t> shape) {
  for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
    if (++index[d] < shape[d])
      return;
    index[d] = 0;
  }
}

/// Builds the result of a data movement op: result element at multi-index
/// `i` is source element `sourceIndex(i)` (a linear index).
static Attribute
moveElements(DenseElementsAttr source, RankedTensorType resultType,
             function_ref<int64_t(ArrayRef<int64_t>)> sourceIndex) {
  if (!resultType.hasStaticShape() ||
      resultType.getElementType() != source.getElementType())
    return {};
  if (source.isSplat())
    return DenseElementsAttr::get(resultType,
                                  source.getSplatValue<Attribute>());
  if (!isFoldableResultType(resultType))
    return {};
  SmallVector<Attribute> values(source.getValues<Attribute>());
  SmallVector<Attribute> result;
  result.reserve(resultType.getNumElements());
  SmallVector<int64_t> index(resultType.getRank(), 0);
  for (int64_t i = 0, e = resultType.getNumElements(); i < e; ++i) {
    result.push_back(values[sourceIndex(index)]);
    nextIndex(index, resultType.getShape());
  }
  return DenseElementsAttr::get(resultType, result);
}

/// The linear index in a tensor of `shape` that numpy broadcasting reads for
/// the result multi-index `index` (aligned at the trailing axes).
static int64_t broadcastSourceIndex(ArrayRef<int64_t> index,
                                    ArrayRef<int64_t> shape,
                                    ArrayRef<int64_t> strides) {
  int64_t offset = index.size() - shape.size();
  int64_t linear = 0;
  for (size_t d = 0; d < shape.size(); ++d)
    if (shape[d] != 1)
      linear += index[d + offset] * strides[d];
  return linear;
}

//===----------------------------------------------------------------------===//
// Elementwise ops
//===----------------------------------------------------------------------===//

OpFoldResult IdentityOp::fold(FoldAdaptor) { return getInput(); }

/// Converts one constant element to `to` following ONNX Cast.
static Attribute castElement(Attribute element, Type to) {
  if (to.isInteger(1)) {
    if (auto f = dyn_cast<FloatAttr>(element))
      return IntegerAttr::get(to, APInt(1, !f.getValue().isZero()));
    auto i = cast<IntegerAttr>(element);
    return IntegerAttr::get(to, APInt(1, !i.getValue().isZero()));
  }
  if (auto toFloat = dyn_cast<FloatType>(to)) {
    APFloat value(toFloat.getFloatSemantics());
    bool losesInfo = false;
    if (auto f = dyn_cast<FloatAttr>(element)) {
      value = f.getValue();
      value.convert(toFloat.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                    &losesInfo);
    } else {
      auto i = cast<IntegerAttr>(element);
      bool isSigned =
          !i.getType().isUnsignedInteger() && !i.getType().isInteger(1);
      value.convertFromAPInt(i.getValue(), isSigned,
                             APFloat::rmNearestTiesToEven);
    }
    return FloatAttr::get(to, value);
  }
  auto toInt = cast<IntegerType>(to);
  unsigned width = toInt.getWidth();
  if (auto f = dyn_cast<FloatAttr>(element)) {
    APSInt result(width, toInt.isUnsigned());
    bool isExact = false;
    f.getValue().convertToInteger(result, APFloat::rmTowardZero, &isExact);
    return IntegerAttr::get(to, result);
  }
  auto i = cast<IntegerAttr>(element);
  bool isSigned = !i.getType().isUnsignedInteger() && !i.getType().isInteger(1);
  APInt value = isSigned ? i.getValue().sextOrTrunc(width)
                         : i.getValue().zextOrTrunc(width);
  return IntegerAttr::get(to, value);
}

OpFoldResult CastOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getOutput().getType())
    return getInput();
  DenseElementsAttr input = getFoldableConstant(adaptor.getInput());
  RankedTensorType resultType = getOutput().getType();
  if (!input || !resultType.getElementType().isIntOrFloat())
    return {};
  Type to = resultType.getElementType();
  if (input.isSplat())
    return DenseElementsAttr::get(
        resultType, castElement(input.getSplatValue<Attribute>(), to));
  SmallVector<Attribute> result;
  for (Attribute element : input.getValues<Attribute>())
    result.push_back(castElement(element, to));
  return DenseElementsAttr::get(resultType, result);
}

//===----------------------------------------------------------------------===//
// Binary ops on constants
//===----------------------------------------------------------------------===//

/// Applies `fn` to the numpy-broadcast pairs of two constants. `fn` returns
/// the result element, or null when the pair does not fold (division by zero).
static Attribute
foldBroadcastBinary(Attribute lhsAttr, Attribute rhsAttr, Type type,
                    function_ref<Attribute(Attribute, Attribute, Type)> fn) {
  DenseElementsAttr lhs = getFoldableConstant(lhsAttr);
  DenseElementsAttr rhs = getFoldableConstant(rhsAttr);
  auto resultType = dyn_cast<RankedTensorType>(type);
  if (!lhs || !rhs || !resultType || !isFoldableResultType(resultType) ||
      lhs.getElementType() != rhs.getElementType())
    return {};
  Type elementType = resultType.getElementType();
  if (lhs.isSplat() && rhs.isSplat()) {
    Attribute value = fn(lhs.getSplatValue<Attribute>(),
                         rhs.getSplatValue<Attribute>(), elementType);
    return value ? DenseElementsAttr::get(resultType, value) : Attribute();
  }
  ArrayRef<int64_t> lhsShape = lhs.getType().getShape();
  ArrayRef<int64_t> rhsShape = rhs.getType().getShape();
  SmallVector<int64_t> lhsStrides = rowMajorStrides(lhsShape);
  SmallVector<int64_t> rhsStrides = rowMajorStrides(rhsShape);
  SmallVector<Attribute> lhsValues(lhs.getValues<Attribute>());
  SmallVector<Attribute> rhsValues(rhs.getValues<Attribute>());
  SmallVector<Attribute> result;
  result.reserve(resultType.getNumElements());
  SmallVector<int64_t> index(resultType.getRank(), 0);
  for (int64_t i = 0, e = resultType.getNumElements(); i < e; ++i) {
    Attribute a =
        lhsValues[lhs.isSplat()
                      ? 0
                      : broadcastSourceIndex(index, lhsShape, lhsStrides)];
    Attribute b =
        rhsValues[rhs.isSplat()
                      ? 0
                      : broadcastSourceIndex(index, rhsShape, rhsStrides)];
    Attribute value = fn(a, b, elementType);
    if (!value)
      return {};
    result.push_back(value);
    nextIndex(index, resultType.getShape());
  }
  return DenseElementsAttr::get(resultType, result);
}

using FloatBinaryFn =
    function_ref<std::optional<APFloat>(const APFloat &, const APFloat &)>;
using IntBinaryFn = function_ref<std::optional<APInt>(
    const APInt &, const APInt &, bool isUnsigned)>;

/// Arithmetic whose result has the operands' element type.
static Attribute foldArithmetic(Attribute lhs, Attribute rhs, Type type,
                                FloatBinaryFn floatFn, IntBinaryFn intFn) {
  return foldBroadcastBinary(
      lhs, rhs, type, [&](Attribute a, Attribute b, Type elementType) {
        if (auto fa = dyn_cast<FloatAttr>(a)) {
          std::optional<APFloat> value =
              floatFn(fa.getValue(), cast<FloatAttr>(b).getValue());
          return value ? Attribute(FloatAttr::get(elementType, *value))
                       : Attribute();
        }
        auto ia = cast<IntegerAttr>(a);
        std::optional<APInt> value =
            intFn(ia.getValue(), cast<IntegerAttr>(b).getValue(),
                  ia.getType().isUnsignedInteger());
        return value ? Attribute(IntegerAttr::get(elementType, *value))
                     : Attribute();
      });
}

/// Comparisons produce i1.
static Attribute
foldComparison(Attribute lhs, Attribute rhs, Type type,
               function_ref<bool(APFloat::cmpResult)> floatPred,
               function_ref<bool(const APInt &, const APInt &, bool)> intPred) {
  return foldBroadcastBinary(
      lhs, rhs, type, [&](Attribute a, Attribute b, Type elementType) {
        bool value;
        if (auto fa = dyn_cast<FloatAttr>(a)) {
          value =
              floatPred(fa.getValue().compare(cast<FloatAttr>(b).getValue()));
        } else {
          auto ia = cast<IntegerAttr>(a);
          value = intPred(ia.getValue(), cast<IntegerAttr>(b).getValue(),
                          ia.getType().isUnsignedInteger());
        }
        return Attribute(IntegerAttr::get(elementType, APInt(1, value)));
      });
}

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  return foldArithmetic(
      adaptor.getLhs(), adaptor.getRhs(), getType(),
      [](const APFloat &a, const APFloat &b) -> std::optional<APFloat> {
        return a + b;
      },
      [](const APInt &a, const APInt &b, bool) -> std::optional<APInt> {
        return a + b;
      });
}

OpFoldResult SubOp::fold(FoldAdaptor adaptor) {
  return foldArithmetic(
      adaptor.getLhs(), adaptor.getRhs(), getType(),
      [](const APFloat &a, const APFloat &b) -> std::optional<APFloat> {
        return a - b;
      },
      [](const APInt &a, const APInt &b, bool) -> std::optional<APInt> {
        return a - b;
      });
}

OpFoldResult MulOp::fold(FoldAdaptor adaptor) {
  return foldArithmetic(
      adaptor.getLhs(), adaptor.getRhs(), getType(),
      [](const APFloat &a, const APFloat &b) -> std::optional<APFloat> {
        return a * b;
      },
      [](const APInt &a, const APInt &b, bool) -> std::optional<APInt> {
        return a * b;
      });
}

OpFoldResult DivOp::fold(FoldAdaptor adaptor) {
  return foldArithmetic(
      adaptor.getLhs(), adaptor.getRhs(), getType(),
      [](const APFloat &a, const APFloat &b) -> std::optional<APFloat> {
        return a / b;
      },
      [](const APInt &a, const APInt &b,
         bool isUnsigned) -> std::optional<APInt> {
        // Integer division by zero is undefined: leave it to run time.
        if (b.isZero())
          return std::nullopt;
        // ONNX integer Div truncates toward zero, as sdiv does.
        return isUnsigned ? a.udiv(b) : a.sdiv(b);
      });
}

OpFoldResult PowOp::fold(FoldAdaptor adaptor) {
  return foldArithmetic(
      adaptor.getLhs(), adaptor.getRhs(), getType(),
      [](const APFloat &a, const APFloat &b) -> std::optional<APFloat> {
        // Compute in double, then round to the element type.
        APFloat wide = a, exponent = b;
        bool losesInfo = false;
        wide.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven,
                     &losesInfo);
        exponent.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven,
                         &losesInfo);
        APFloat result(
            std::pow(wide.convertToDouble(), exponent.convertToDouble()));
        result.convert(a.getSemantics(), APFloat::rmNearestTiesToEven,
                       &losesInfo);
        return result;
      },
      [](const APInt &a, const APInt &b,
         bool isUnsigned) -> std::optional<APInt> {
        if (!isUnsigned && b.isNegative())
          return std::nullopt;
        if (b.getActiveBits() > 7)
          return std::nullopt;
        APInt result(a.getBitWidth(), 1);
        for (uint64_t i = 0, e = b.getZExtValue(); i < e; ++i)
          result *= a;
        return result;
      });
}

OpFoldResult MaxOp::fold(FoldAdaptor adaptor) {
  return foldArithmetic(
      adaptor.getLhs(), adaptor.getRhs(), getType(),
      [](const APFloat &a, const APFloat &b) -> std::optional<APFloat> {
        return llvm::maximum(a, b);
      },
      [](const APInt &a, const APInt &b,
         bool isUnsigned) -> std::optional<APInt> {
        return isUnsigned ? llvm::APIntOps::umax(a, b)
                          : llvm::APIntOps::smax(a, b);
      });
}

OpFoldResult MinOp::fold(FoldAdaptor adaptor) {
  return foldArithmetic(
      adaptor.getLhs(), adaptor.getRhs(), getType(),
      [](const APFloat &a, const APFloat &b) -> std::optional<APFloat> {
        return llvm::minimum(a, b);
      },
      [](const APInt &a, const APInt &b,
         bool isUnsigned) -> std::optional<APInt> {
        return isUnsigned ? llvm::APIntOps::umin(a, b)
                          : llvm::APIntOps::smin(a, b);
      });
}

OpFoldResult EqualOp::fold(FoldAdaptor adaptor) {
  return foldComparison(
      adaptor.getLhs(), adaptor.getRhs(), getType(),
      [](APFloat::cmpResult c) { return c == APFloat::cmpEqual; },
      [](const APInt &a, const APInt &b, bool) { return a == b; });
}

OpFoldResult LessOp::fold(FoldAdaptor adaptor) {
  return foldComparison(
      adaptor.getLhs(), adaptor.getRhs(), getType(),
      [](APFloat::cmpResult c) { return c == APFloat::cmpLessThan; },
      [](const APInt &a, const APInt &b, bool isUnsigned) {
        return isUnsigned ? a.ult(b) : a.slt(b);
      });
}

OpFoldResult GreaterOp::fold(FoldAdaptor adaptor) {
  return foldComparison(
      adaptor.getLhs(), adaptor.getRhs(), getType(),
      [](APFloat::cmpResult c) { return c == APFloat::cmpGreaterThan; },
      [](const APInt &a, const APInt &b, bool isUnsigned) {
        return isUnsigned ? a.ugt(b) : a.sgt(b);
      });
}

OpFoldResult NegOp::fold(FoldAdaptor adaptor) {
  DenseElementsAttr input = getFoldableConstant(adaptor.getInput());
  if (!input)
    return {};
  if (auto ints = dyn_cast<DenseIntElementsAttr>(input)) {
    if (ints.getElementType().isInteger(1))
      return {};
    return ints.mapValues(ints.getElementType(),
                          [](const APInt &v) { return -v; });
  }
  if (auto floats = dyn_cast<DenseFPElementsAttr>(input))
    return floats.mapValues(floats.getElementType(), [](const APFloat &v) {
      return (-v).bitcastToAPInt();
    });
  return {};
}

OpFoldResult GreaterEqualOp::fold(FoldAdaptor adaptor) {
  return foldComparison(
      adaptor.getLhs(), adaptor.getRhs(), getType(),
      [](APFloat::cmpResult c) {
        return c == APFloat::cmpGreaterThan || c == APFloat::cmpEqual;
      },
      [](const APInt &a, const APInt &b, bool isUnsigned) {
        return isUnsigned ? a.uge(b) : a.sge(b);
      });
}

OpFoldResult LessEqualOp::fold(FoldAdaptor adaptor) {
  return foldComparison(
      adaptor.getLhs(), adaptor.getRhs(), getType(),
      [](APFloat::cmpResult c) {
        return c == APFloat::cmpLessThan || c == APFloat::cmpEqual;
      },
      [](const APInt &a, const APInt &b, bool isUnsigned) {
        return isUnsigned ? a.ule(b) : a.sle(b);
      });
}

/// The logical ops are defined on i1 only, so no float function applies.
static std::optional<APFloat> noFloatFold(const APFloat &, const APFloat &) {
  return std::nullopt;
}

OpFoldResult AndOp::fold(FoldAdaptor adaptor) {
  return foldArithmetic(
      adaptor.getLhs(), adaptor.getRhs(), getType(), noFloatFold,
      [](const APInt &a, const APInt &b, bool) -> std::optional<APInt> {
        return a & b;
      });
}

OpFoldResult OrOp::fold(FoldAdaptor adaptor) {
  return foldArithmetic(
      adaptor.getLhs(), adaptor.getRhs(), getType(), noFloatFold,
      [](const APInt &a, const APInt &b, bool) -> std::optional<APInt> {
        return a | b;
      });
}

OpFoldResult XorOp::fold(FoldAdaptor adaptor) {
  return foldArithmetic(
      adaptor.getLhs(), adaptor.getRhs(), getType(), noFloatFold,
      [](const APInt &a, const APInt &b, bool) -> std::optional<APInt> {
        return a ^ b;
      });
}

OpFoldResult ModOp::fold(FoldAdaptor adaptor) {
  bool truncated = getFmod();
  return foldArithmetic(
      adaptor.getLhs(), adaptor.getRhs(), getType(),
      [&](const APFloat &a, const APFloat &b) -> std::optional<APFloat> {
        if (!truncated)
          return std::nullopt; // floored float mod is not an ONNX meaning
        APFloat r = a;
        r.mod(b);
        return r;
      },
      [&](const APInt &a, const APInt &b,
          bool isUnsigned) -> std::optional<APInt> {
        if (b.isZero() || isUnsigned)
          return std::nullopt;
        APInt r = a.srem(b);
        // Floored: a non-zero remainder takes the divisor's sign.
        if (!truncated && !r.isZero() && r.isNegative() != b.isNegative())
          r += b;
        return r;
      });
}

/// Shifts by the bit width or more give 0, as the lowering does.
static std::optional<APInt> foldShift(const APInt &a, const APInt &b,
                                      bool left) {
  if (b.uge(a.getBitWidth()))
    return APInt::getZero(a.getBitWidth());
  unsigned amount = static_cast<unsigned>(b.getZExtValue());
  return left ? a.shl(amount) : a.lshr(amount);
}

OpFoldResult BitShiftLeftOp::fold(FoldAdaptor adaptor) {
  return foldArithmetic(
      adaptor.getLhs(), adaptor.getRhs(), getType(), noFloatFold,
      [](const APInt &a, const APInt &b, bool) {
        return foldShift(a, b, /*left=*/true);
      });
}

OpFoldResult BitShiftRightOp::fold(FoldAdaptor adaptor) {
  return foldArithmetic(
      adaptor.getLhs(), adaptor.getRhs(), getType(), noFloatFold,
      [](const APInt &a, const APInt &b, bool) {
        return foldShift(a, b, /*left=*/false);
      });
}

OpFoldResult WhereOp::fold(FoldAdaptor adaptor) {
  DenseElementsAttr condition = getFoldableConstant(adaptor.getCondition());
  DenseElementsAttr trueValue = getFoldableConstant(adaptor.getTrueValue());
  DenseElementsAttr falseValue = getFoldableConstant(adaptor.getFalseValue());
  RankedTensorType resultType = getOutput().getType();
  if (!condition || !trueValue || !falseValue ||
      !isFoldableResultType(resultType) ||
      trueValue.getElementType() != resultType.getElementType() ||
      falseValue.getElementType() != resultType.getElementType())
    return {};
  DenseElementsAttr operands[] = {condition, trueValue, falseValue};
  SmallVector<SmallVector<Attribute>> values;
  SmallVector<SmallVector<int64_t>> strides;
  for (DenseElementsAttr operand : operands) {
    values.emplace_back(operand.getValues<Attribute>());
    strides.push_back(rowMajorStrides(operand.getType().getShape()));
  }
  SmallVector<Attribute> result;
  result.reserve(resultType.getNumElements());
  SmallVector<int64_t> index(resultType.getRank(), 0);
  auto read = [&](int which) {
    return values[which][broadcastSourceIndex(
        index, operands[which].getType().getShape(), strides[which])];
  };
  for (int64_t i = 0, e = resultType.getNumElements(); i < e; ++i) {
    bool select = !cast<IntegerAttr>(read(0)).getValue().isZero();
    result.push_back(read(select ? 1 : 2));
    nextIndex(index, resultType.getShape());
  }
  return DenseElementsAttr::get(resultType, result);
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  RankedTensorType resultType = getOutput().getType();
  if (getInput().getType() == resultType)
    return getInput();
  if (!resultType.hasStaticShape())
    return {};
  // Constants of any size reshape for free: dense data keeps its layout, a
  // resource blob is shared under the new type.
  if (auto dense = dyn_cast_if_present<DenseElementsAttr>(adaptor.getInput()))
    if (dense.getElementType() == resultType.getElementType())
      return dense.reshape(resultType);
  if (auto resource =
          dyn_cast_if_present<DenseResourceElementsAttr>(adaptor.getInput()))
    return DenseResourceElementsAttr::get(resultType, resource.getRawHandle());
  // reshape(reshape(x)) is one reshape.
  if (auto producer = getInput().getDefiningOp<ReshapeOp>()) {
    getInputMutable().assign(producer.getInput());
    return getOutput();
  }
  return {};
}

OpFoldResult TransposeOp::fold(FoldAdaptor adaptor) {
  ArrayRef<int64_t> perm = getPerm();
  bool isIdentity = llvm::all_of(llvm::enumerate(perm), [](auto entry) {
    return static_cast<int64_t>(entry.index()) == entry.value();
  });
  if (isIdentity && getInput().getType() == getOutput().getType())
    return getInput();
  DenseElementsAttr input = getFoldableConstant(adaptor.getInput());
  if (!input)
    return {};
  SmallVector<int64_t> strides = rowMajorStrides(input.getType().getShape());
  return moveElements(input, getOutput().getType(),
                      [&](ArrayRef<int64_t> index) {
                        int64_t linear = 0;
                        for (auto [d, axis] : llvm::enumerate(perm))
                          linear += index[d] * strides[axis];
                        return linear;
                      });
}

OpFoldResult ConcatOp::fold(FoldAdaptor adaptor) {
  if (getInputs().size() == 1 &&
      getInputs().front().getType() == getOutput().getType())
    return getInputs().front();
  SmallVector<DenseElementsAttr> inputs;
  for (Attribute attr : adaptor.getInputs()) {
    DenseElementsAttr input = getFoldableConstant(attr);
    if (!input)
      return {};
    inputs.push_back(input);
  }
  RankedTensorType resultType = getOutput().getType();
  if (!isFoldableResultType(resultType))
    return {};
  int64_t axis = static_cast<int64_t>(getAxis());
  // Each result row (everything before `axis`) is the rows of the inputs,
  // one after the other.
  int64_t outer = 1;
  for (int64_t d = 0; d < axis; ++d)
    outer *= resultType.getDimSize(d);
  SmallVector<SmallVector<Attribute>> values;
  SmallVector<int64_t> rowSizes;
  for (DenseElementsAttr input : inputs) {
    values.emplace_back(input.getValues<Attribute>());
    rowSizes.push_back(outer == 0 ? 0 : input.getNumElements() / outer);
  }
  SmallVector<Attribute> result;
  result.reserve(resultType.getNumElements());
  for (int64_t row = 0; row < outer; ++row)
    for (auto [inputValues, rowSize] : llvm::zip(values, rowSizes))
      for (int64_t i = 0; i < rowSize; ++i)
        result.push_back(inputValues[row * rowSize + i]);
  return DenseElementsAttr::get(resultType, result);
}

OpFoldResult SliceOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getOutput().getType() &&
      llvm::all_of(getSteps(), [](int64_t step) { return step == 1; }))
    return getInput();
  DenseElementsAttr input = getFoldableConstant(adaptor.getInput());
  if (!input)
    return {};
  SmallVector<int64_t> strides = rowMajorStrides(input.getType().getShape());
  ArrayRef<int64_t> starts = getStarts(), steps = getSteps();
  return moveElements(
      input, getOutput().getType(), [&](ArrayRef<int64_t> index) {
        int64_t linear = 0;
        for (size_t d = 0; d < index.size(); ++d)
          linear += (starts[d] + index[d] * steps[d]) * strides[d];
        return linear;
      });
}

OpFoldResult GatherOp::fold(FoldAdaptor adaptor) {
  DenseElementsAttr data = getFoldableConstant(adaptor.getData());
  DenseElementsAttr indices = getFoldableConstant(adaptor.getIndices());
  if (!data || !indices)
    return {};
  ArrayRef<int64_t> dataShape = data.getType().getShape();
  int64_t axis = static_cast<int64_t>(getAxis());
  int64_t axisSize = dataShape[axis];
  SmallVector<int64_t> indexValues;
  for (const APInt &value : indices.getValues<APInt>()) {
    int64_t position = value.getSExtValue();
    if (position < 0)
      position += axisSize;
    // Out-of-range indices are a model error; leave them to run time.
    if (position < 0 || position >= axisSize)
      return {};
    indexValues.push_back(position);
  }
  SmallVector<int64_t> dataStrides = rowMajorStrides(dataShape);
  SmallVector<int64_t> indexStrides =
      rowMajorStrides(indices.getType().getShape());
  int64_t indexRank = indices.getType().getRank();
  return moveElements(
      data, getOutput().getType(), [&](ArrayRef<int64_t> index) {
        // Result index = data[:axis] ++ indices ++ data[axis+1:].
        int64_t linear = 0;
        for (int64_t d = 0; d < axis; ++d)
          linear += index[d] * dataStrides[d];
        int64_t indexLinear = 0;
        for (int64_t d = 0; d < indexRank; ++d)
          indexLinear += index[axis + d] * indexStrides[d];
        linear +=
            (indices.isSplat() ? indexValues[0] : indexValues[indexLinear]) *
            dataStrides[axis];
        for (int64_t d = axis + 1; d < data.getType().getRank(); ++d)
          linear += index[d - 1 + indexRank] * dataStrides[d];
        return linear;
      });
}

OpFoldResult BroadcastToOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getOutput().getType())
    return getInput();
  DenseElementsAttr input = getFoldableConstant(adaptor.getInput());
  if (!input)
    return {};
  ArrayRef<int64_t> shape = input.getType().getShape();
  SmallVector<int64_t> strides = rowMajorStrides(shape);
  return moveElements(input, getOutput().getType(),
                      [&](ArrayRef<int64_t> index) {
                        return broadcastSourceIndex(index, shape, strides);
                      });
}

OpFoldResult ShapeOp::fold(FoldAdaptor) {
  RankedTensorType inputType = getInput().getType();
  RankedTensorType resultType = getOutput().getType();
  if (!inputType.hasStaticShape() || !resultType.getElementType().isInteger(64))
    return {};
  return DenseElementsAttr::get(resultType, inputType.getShape());
}
