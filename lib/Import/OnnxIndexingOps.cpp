//===- OnnxIndexingOps.cpp - ONNX indexing and data-dependent ops ---------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// ONNX ops that index with data (GatherND, ScatterND, ScatterElements,
// Scatter, ReverseSequence, TopK), Einsum, and the ops whose output shape
// depends on input values (Compress, NonZero, Unique).
//
// mote compiles static shapes, so the data-dependent ops need the input that
// determines their shape as a compile-time constant (an initializer, a
// Constant or a graph input bound with --bind-input): Compress then becomes a
// gather with constant indices, NonZero and Unique fold to constants.
// Everything else decomposes into existing mote ops, except the two that need
// loops (mote.top_k, mote.scatter_nd).
//
//===----------------------------------------------------------------------===//

#include "OnnxNodeContext.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace mote {
namespace onnx_import {

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

static RankedTensorType typeOf(Value v) {
  return cast<RankedTensorType>(v.getType());
}

/// An i64 constant of `shape` holding `values`.
static Value i64Constant(NodeContext &n, ArrayRef<int64_t> shape,
                         ArrayRef<int64_t> values) {
  auto type = RankedTensorType::get(shape, n.b.getI64Type());
  return n.constant(DenseElementsAttr::get(type, values));
}

/// An i64 tensor of `rank` whose dim `axis` has `size` elements 0..size-1
/// and every other dim is 1: broadcasts as "the index along `axis`".
static Value axisIota(NodeContext &n, int64_t rank, int64_t axis,
                      int64_t size) {
  SmallVector<int64_t> shape(rank, 1);
  shape[axis] = size;
  SmallVector<int64_t> values(size);
  std::iota(values.begin(), values.end(), 0);
  return i64Constant(n, shape, values);
}

/// `v` converted to i64 (ONNX allows int32 and int64 indices).
static FailureOr<Value> toI64(NodeContext &n, Value v, StringRef what) {
  auto type = typeOf(v);
  auto intType = dyn_cast<IntegerType>(type.getElementType());
  if (!intType || intType.getWidth() == 1) {
    n.error() << "the " << what << " must be an integer tensor, got " << type;
    return failure();
  }
  if (intType.getWidth() == 64)
    return v;
  return n.create<CastOp>(type.clone(n.b.getI64Type()), v);
}

/// `idx + dim` where `idx` is negative: ONNX's negative indices. `dims`
/// broadcasts against `idx`.
static FailureOr<Value> wrapNegative(NodeContext &n, Value idx, Value dims) {
  Value zero = i64Constant(n, {}, {0});
  FailureOr<Value> negative = n.create<LessOp>(Type(), idx, zero);
  FailureOr<Value> wrapped = n.create<AddOp>(Type(), idx, dims);
  if (failed(negative) || failed(wrapped))
    return failure();
  return n.create<WhereOp>(Type(), *negative, *wrapped, idx);
}

/// The error for a data-dependent output shape whose determining input is
/// not a constant. It says "compile-time constant", which the conformance
/// runner looks for before it binds inputs.
static LogicalResult notConstant(NodeContext &n, int input, StringRef what) {
  emitError(n.diagLoc)
      << "the " << what << " operand of " << n.opType << " '" << n.name
      << "' is not a compile-time constant; the output's shape depends on its "
         "values and mote needs static shapes: make input '"
      << n.node.input(input)
      << "' an initializer or bind it with --bind-input";
  return failure();
}

//===----------------------------------------------------------------------===//
// Compress, NonZero, Unique: shapes that depend on values
//===----------------------------------------------------------------------===//

LogicalResult convertCompress(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "input");
  if (failed(x) || failed(n.requiredInput(1, "condition")))
    return failure();
  std::optional<SmallVector<int64_t>> condition =
      getConstantInts(n.input(1));
  if (!condition)
    return notConstant(n, 1, "condition");
  Value data = *x;
  int64_t axis = 0;
  if (n.hasAttr("axis")) {
    FailureOr<int64_t> normalized =
        n.normalizeAxis(n.getInt("axis", 0), typeOf(data).getRank());
    if (failed(normalized))
      return failure();
    axis = *normalized;
  } else {
    // Without an axis Compress works on the flattened input.
    FailureOr<Value> flat =
        n.reshape(data, {typeOf(data).getNumElements()});
    if (failed(flat))
      return failure();
    data = *flat;
  }
  int64_t dim = typeOf(data).getDimSize(axis);
  if (static_cast<int64_t>(condition->size()) > dim) {
    n.error() << "the condition has " << condition->size()
              << " elements but the compressed axis has only " << dim;
    return failure();
  }
  SmallVector<int64_t> selected;
  for (auto [i, keep] : llvm::enumerate(*condition))
    if (keep)
      selected.push_back(static_cast<int64_t>(i));
  Value indices = i64Constant(n, {static_cast<int64_t>(selected.size())},
                              selected);
  FailureOr<Value> y = n.create<GatherOp>(Type(), data, indices,
                                          n.b.getI64IntegerAttr(axis));
  return failed(y) ? failure() : n.setOutput(0, *y);
}

/// The values of a constant as doubles (floats) or int64s (integers and
/// bools), for comparisons at import time.
struct ConstantValues {
  ElementsAttr attr;
  SmallVector<double> floats;
  SmallVector<int64_t> ints;
  bool isFloat = false;

  bool isZero(int64_t i) const { return isFloat ? floats[i] == 0 : !ints[i]; }
  /// -1, 0 or 1 as element `a` compares with element `b`.
  int compare(int64_t a, int64_t b) const {
    if (isFloat)
      return floats[a] < floats[b] ? -1 : (floats[b] < floats[a] ? 1 : 0);
    return ints[a] < ints[b] ? -1 : (ints[b] < ints[a] ? 1 : 0);
  }
};

static std::optional<ConstantValues> readConstant(Value v) {
  ConstantValues result;
  result.attr = getConstantElements(v);
  if (!result.attr)
    return std::nullopt;
  result.isFloat = isa<FloatType>(result.attr.getElementType());
  if (result.isFloat) {
    std::optional<SmallVector<float>> floats = getConstantFloats(v);
    if (!floats)
      return std::nullopt;
    result.floats.assign(floats->begin(), floats->end());
  } else {
    std::optional<SmallVector<int64_t>> ints = getConstantInts(v);
    if (!ints)
      return std::nullopt;
    result.ints = std::move(*ints);
  }
  return result;
}

LogicalResult convertNonZero(NodeContext &n) {
  if (failed(n.requiredInput(0, "X")))
    return failure();
  std::optional<ConstantValues> x = readConstant(n.input(0));
  if (!x)
    return notConstant(n, 0, "X");
  ArrayRef<int64_t> shape = typeOf(n.input(0)).getShape();
  int64_t rank = shape.size();
  SmallVector<int64_t> nonZero;
  int64_t count = typeOf(n.input(0)).getNumElements();
  for (int64_t i = 0; i < count; ++i)
    if (!x->isZero(i))
      nonZero.push_back(i);
  // result[d][j] is the coordinate along d of the j-th non-zero element,
  // in row-major order.
  int64_t numNonZero = nonZero.size();
  SmallVector<int64_t> coords(rank * numNonZero);
  for (auto [j, linear] : llvm::enumerate(nonZero)) {
    int64_t rest = linear;
    for (int64_t d = rank - 1; d >= 0; --d) {
      coords[d * numNonZero + j] = rest % shape[d];
      rest /= shape[d];
    }
  }
  return n.setOutput(0, i64Constant(n, {rank, numNonZero}, coords));
}

LogicalResult convertUnique(NodeContext &n) {
  if (failed(n.requiredInput(0, "X")))
    return failure();
  std::optional<ConstantValues> x = readConstant(n.input(0));
  if (!x)
    return notConstant(n, 0, "X");
  auto type = typeOf(n.input(0));
  ArrayRef<int64_t> shape = type.getShape();
  // View X as [outer, dim, inner]: the slices along `axis` (or the elements
  // of the flattened tensor without one) are what is made unique.
  int64_t outer = 1, dim = type.getNumElements(), inner = 1;
  std::optional<int64_t> axis;
  if (n.hasAttr("axis")) {
    FailureOr<int64_t> normalized =
        n.normalizeAxis(n.getInt("axis", 0), type.getRank());
    if (failed(normalized))
      return failure();
    axis = *normalized;
    dim = shape[*axis];
    outer = std::accumulate(shape.begin(), shape.begin() + *axis, int64_t{1},
                            std::multiplies<int64_t>());
    inner = std::accumulate(shape.begin() + *axis + 1, shape.end(),
                            int64_t{1}, std::multiplies<int64_t>());
  }
  auto element = [&](int64_t slice, int64_t k) {
    return (k / inner) * dim * inner + slice * inner + k % inner;
  };
  int64_t sliceSize = outer * inner;
  // Lexicographic comparison of two slices (numpy.unique's order).
  auto compareSlices = [&](int64_t a, int64_t b) {
    for (int64_t k = 0; k < sliceSize; ++k)
      if (int c = x->compare(element(a, k), element(b, k)))
        return c;
    return 0;
  };

  // Unique slices in order of first occurrence, then sorted if asked.
  SmallVector<int64_t> firstIndex;
  SmallVector<int64_t> inverse(dim);
  for (int64_t s = 0; s < dim; ++s) {
    auto *found = llvm::find_if(
        firstIndex, [&](int64_t u) { return compareSlices(u, s) == 0; });
    inverse[s] = found - firstIndex.begin();
    if (found == firstIndex.end())
      firstIndex.push_back(s);
  }
  if (n.getInt("sorted", 1)) {
    llvm::stable_sort(firstIndex, [&](int64_t a, int64_t b) {
      return compareSlices(a, b) < 0;
    });
    for (int64_t s = 0; s < dim; ++s)
      inverse[s] = llvm::find_if(firstIndex,
                                 [&](int64_t u) {
                                   return compareSlices(u, s) == 0;
                                 }) -
                   firstIndex.begin();
  }
  int64_t numUnique = firstIndex.size();
  SmallVector<int64_t> counts(numUnique, 0);
  for (int64_t u : inverse)
    ++counts[u];

  // Y: the unique slices, gathered from X's elements (rebuilt from the
  // numbers: X may be a resource blob, which has no attribute view).
  Type elementType = type.getElementType();
  auto elementAttr = [&](int64_t i) -> Attribute {
    if (x->isFloat)
      return FloatAttr::get(elementType, x->floats[i]);
    return IntegerAttr::get(elementType, x->ints[i]);
  };
  SmallVector<int64_t> yShape(shape);
  if (axis)
    yShape[*axis] = numUnique;
  else
    yShape = {numUnique};
  SmallVector<Attribute> yValues(numUnique * sliceSize);
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t u = 0; u < numUnique; ++u)
      for (int64_t i = 0; i < inner; ++i)
        yValues[(o * numUnique + u) * inner + i] =
            elementAttr(element(firstIndex[u], o * inner + i));
  auto yType = RankedTensorType::get(yShape, type.getElementType());
  if (failed(n.setOutput(0, n.constant(DenseElementsAttr::get(yType, yValues)))))
    return failure();
  if (failed(n.setOutput(1, i64Constant(n, {numUnique}, firstIndex))) ||
      failed(n.setOutput(2, i64Constant(n, {dim}, inverse))))
    return failure();
  return n.setOutput(3, i64Constant(n, {numUnique}, counts));
}

//===----------------------------------------------------------------------===//
// Einsum
//===----------------------------------------------------------------------===//

namespace {
/// One Einsum operand on its way to the result: a value and one label per
/// dim.
struct LabeledValue {
  Value value;
  std::string labels;
};
} // namespace

/// Parses `term` for an operand of rank `rank`, expanding `...` into labels
/// '0', '1', ... for the trailing broadcast dims (numbered from the right, so
/// that operands with fewer broadcast dims align as numpy does).
static FailureOr<std::string> expandTerm(NodeContext &n, StringRef term,
                                         int64_t rank, int64_t &maxEllipsis) {
  std::string labels;
  size_t ellipsis = term.find("...");
  int64_t explicitCount = 0;
  for (char c : term)
    if (llvm::isAlpha(c))
      ++explicitCount;
  int64_t broadcastDims = rank - explicitCount;
  if (ellipsis == StringRef::npos ? broadcastDims != 0 : broadcastDims < 0) {
    n.error() << "the equation term '" << term << "' does not match an operand "
              << "of rank " << rank;
    return failure();
  }
  for (size_t i = 0; i < term.size(); ++i) {
    char c = term[i];
    if (llvm::isAlpha(c)) {
      labels.push_back(c);
    } else if (i == ellipsis) {
      for (int64_t d = broadcastDims - 1; d >= 0; --d)
        labels.push_back(static_cast<char>('0' + d));
      maxEllipsis = std::max(maxEllipsis, broadcastDims);
      i += 2;
    } else if (c != ' ') {
      n.error() << "unexpected character '" << c << "' in the equation";
      return failure();
    }
  }
  return labels;
}

/// Takes the diagonal of every label repeated within one operand: multiplies
/// by an identity mask and sums one of the two dims away.
static LogicalResult takeDiagonals(NodeContext &n, LabeledValue &operand) {
  for (;;) {
    size_t first = 0, second = std::string::npos;
    for (; first < operand.labels.size(); ++first) {
      second = operand.labels.find(operand.labels[first], first + 1);
      if (second != std::string::npos)
        break;
    }
    if (second == std::string::npos)
      return success();
    auto type = typeOf(operand.value);
    int64_t size = type.getDimSize(first);
    if (type.getDimSize(second) != size) {
      n.error() << "label '" << operand.labels[first]
                << "' is repeated with different sizes";
      return failure();
    }
    SmallVector<int64_t> maskShape(type.getRank(), 1);
    maskShape[first] = maskShape[second] = size;
    SmallVector<Attribute> mask(
        size * size, n.b.getZeroAttr(type.getElementType()));
    Attribute one = isa<FloatType>(type.getElementType())
                        ? Attribute(n.b.getFloatAttr(type.getElementType(), 1))
                        : Attribute(n.b.getIntegerAttr(type.getElementType(), 1));
    for (int64_t i = 0; i < size; ++i)
      mask[i * size + i] = one;
    Value maskValue = n.constant(DenseElementsAttr::get(
        RankedTensorType::get(maskShape, type.getElementType()), mask));
    FailureOr<Value> masked = n.create<MulOp>(Type(), operand.value, maskValue);
    if (failed(masked))
      return failure();
    FailureOr<Value> reduced = n.create<ReduceSumOp>(
        Type(), *masked, n.b.getDenseI64ArrayAttr({int64_t(second)}),
        n.b.getBoolAttr(false));
    if (failed(reduced))
      return failure();
    operand.value = *reduced;
    operand.labels.erase(second, 1);
  }
}

/// Sums away the dims whose labels are not in `keep`.
static LogicalResult sumOutExcept(NodeContext &n, LabeledValue &operand,
                                  StringRef keep) {
  SmallVector<int64_t> axes;
  std::string kept;
  for (auto [d, label] : llvm::enumerate(operand.labels)) {
    if (keep.contains(label))
      kept.push_back(label);
    else
      axes.push_back(d);
  }
  if (axes.empty())
    return success();
  FailureOr<Value> reduced =
      n.create<ReduceSumOp>(Type(), operand.value,
                            n.b.getDenseI64ArrayAttr(axes),
                            n.b.getBoolAttr(false));
  if (failed(reduced))
    return failure();
  operand = {*reduced, kept};
  return success();
}

/// Transposes `operand` so that its labels read `order`.
static FailureOr<Value> permuteTo(NodeContext &n, const LabeledValue &operand,
                                  StringRef order) {
  SmallVector<int64_t> perm;
  for (char label : order)
    perm.push_back(operand.labels.find(label));
  if (llvm::equal(perm, llvm::seq<int64_t>(0, perm.size())))
    return operand.value;
  return n.create<TransposeOp>(Type(), operand.value,
                               n.b.getDenseI64ArrayAttr(perm));
}

static int64_t productOfDims(const LabeledValue &operand, StringRef labels) {
  int64_t product = 1;
  for (char label : labels)
    product *= typeOf(operand.value).getDimSize(operand.labels.find(label));
  return product;
}

/// Contracts two operands into one with a batch matmul: labels in both that
/// are still needed become the batch, labels in both that are not are
/// contracted, the others become the rows of `lhs` and columns of `rhs`.
static FailureOr<LabeledValue> contract(NodeContext &n, LabeledValue lhs,
                                        LabeledValue rhs, StringRef needed) {
  std::string batch, contracted, lhsOnly, rhsOnly;
  for (char label : lhs.labels) {
    if (rhs.labels.find(label) == std::string::npos)
      lhsOnly.push_back(label);
    else if (needed.contains(label))
      batch.push_back(label);
    else
      contracted.push_back(label);
  }
  for (char label : rhs.labels)
    if (lhs.labels.find(label) == std::string::npos)
      rhsOnly.push_back(label);
  for (char label : batch + contracted)
    if (productOfDims(lhs, StringRef(&label, 1)) !=
        productOfDims(rhs, StringRef(&label, 1))) {
      n.error() << "label '" << label
                << "' has different sizes in two operands; mote does not "
                   "broadcast Einsum operands";
      return failure();
    }
  int64_t b = productOfDims(lhs, batch), m = productOfDims(lhs, lhsOnly),
          k = productOfDims(lhs, contracted), c = productOfDims(rhs, rhsOnly);
  FailureOr<Value> lhsPermuted = permuteTo(n, lhs, batch + lhsOnly + contracted);
  FailureOr<Value> rhsPermuted = permuteTo(n, rhs, batch + contracted + rhsOnly);
  if (failed(lhsPermuted) || failed(rhsPermuted))
    return failure();
  FailureOr<Value> lhs3 = n.reshape(*lhsPermuted, {b, m, k});
  FailureOr<Value> rhs3 = n.reshape(*rhsPermuted, {b, k, c});
  if (failed(lhs3) || failed(rhs3))
    return failure();
  FailureOr<Value> product = n.create<MatMulOp>(Type(), *lhs3, *rhs3, Value());
  if (failed(product))
    return failure();
  std::string labels = batch + lhsOnly + rhsOnly;
  SmallVector<int64_t> shape;
  for (char label : batch + lhsOnly)
    shape.push_back(productOfDims(lhs, StringRef(&label, 1)));
  for (char label : rhsOnly)
    shape.push_back(productOfDims(rhs, StringRef(&label, 1)));
  FailureOr<Value> result = n.reshape(*product, shape);
  if (failed(result))
    return failure();
  return LabeledValue{*result, labels};
}

/// Einsum: diagonals, then sums over labels used by one operand only, then
/// pairwise batch matmuls left to right, then a transpose into the output's
/// label order.
LogicalResult convertEinsum(NodeContext &n) {
  if (n.node.input_size() == 0) {
    n.error() << "has no inputs";
    return failure();
  }
  std::string equation = n.getString("equation", "");
  StringRef lhsText = equation, outputText;
  bool hasArrow = false;
  if (size_t arrow = lhsText.find("->"); arrow != StringRef::npos) {
    outputText = lhsText.substr(arrow + 2);
    lhsText = lhsText.substr(0, arrow);
    hasArrow = true;
  }
  SmallVector<StringRef> terms;
  lhsText.split(terms, ',');
  if (static_cast<int>(terms.size()) != n.node.input_size()) {
    n.error() << "the equation '" << equation << "' has " << terms.size()
              << " operand terms but the node has " << n.node.input_size()
              << " inputs";
    return failure();
  }
  SmallVector<LabeledValue> operands;
  int64_t maxEllipsis = 0;
  for (auto [i, term] : llvm::enumerate(terms)) {
    FailureOr<Value> value = n.requiredInput(i, "Inputs");
    if (failed(value))
      return failure();
    FailureOr<std::string> labels = expandTerm(
        n, term.trim(), typeOf(*value).getRank(), maxEllipsis);
    if (failed(labels))
      return failure();
    operands.push_back({*value, *labels});
  }
  std::string output;
  if (hasArrow) {
    int64_t ignored = 0;
    int64_t explicitCount = llvm::count_if(outputText, llvm::isAlpha);
    FailureOr<std::string> labels =
        expandTerm(n, outputText.trim(),
                   explicitCount + (outputText.contains("...") ? maxEllipsis
                                                               : 0),
                   ignored);
    if (failed(labels))
      return failure();
    output = *labels;
  } else {
    // Implicit output: the broadcast dims, then the labels used once, in
    // alphabetical order.
    std::map<char, int> uses;
    for (const LabeledValue &operand : operands)
      for (char label : operand.labels)
        ++uses[label];
    for (int64_t d = maxEllipsis - 1; d >= 0; --d)
      output.push_back(static_cast<char>('0' + d));
    for (auto [label, count] : uses)
      if (llvm::isAlpha(label) && count == 1)
        output.push_back(label);
  }

  for (LabeledValue &operand : operands)
    if (failed(takeDiagonals(n, operand)))
      return failure();
  // The labels still needed by the output or by an operand at index >= from.
  auto neededFrom = [&](size_t from) {
    std::string needed = output;
    for (size_t i = from; i < operands.size(); ++i)
      needed += operands[i].labels;
    return needed;
  };
  LabeledValue result = operands[0];
  {
    std::string needed = neededFrom(1);
    if (failed(sumOutExcept(n, result, needed)))
      return failure();
  }
  for (size_t i = 1; i < operands.size(); ++i) {
    LabeledValue next = operands[i];
    std::string needed = neededFrom(i + 1);
    if (failed(sumOutExcept(n, next, needed + result.labels)))
      return failure();
    FailureOr<LabeledValue> combined = contract(n, result, next, needed);
    if (failed(combined))
      return failure();
    result = *combined;
  }
  if (failed(sumOutExcept(n, result, output)))
    return failure();
  if (result.labels.size() != output.size()) {
    n.error() << "the output term of '" << equation
              << "' names labels that no operand has";
    return failure();
  }
  FailureOr<Value> y = permuteTo(n, result, output);
  return failed(y) ? failure() : n.setOutput(0, *y);
}

//===----------------------------------------------------------------------===//
// GatherND, ReverseSequence
//===----------------------------------------------------------------------===//

/// GatherND as Gather: the `k` indexed dims of `data` (after the batch dims)
/// are flattened into one, each index tuple becomes a row-major linear index
/// (plus the batch's offset), and a Gather on axis 0 of the flattened data
/// gives `indices.shape[:-1] + data.shape[batch_dims + k:]`.
LogicalResult convertGatherND(NodeContext &n) {
  FailureOr<Value> data = n.requiredInput(0, "data");
  FailureOr<Value> rawIndices = n.requiredInput(1, "indices");
  if (failed(data) || failed(rawIndices))
    return failure();
  FailureOr<Value> indices = toI64(n, *rawIndices, "indices");
  if (failed(indices))
    return failure();
  ArrayRef<int64_t> dataShape = typeOf(*data).getShape();
  ArrayRef<int64_t> indicesShape = typeOf(*indices).getShape();
  int64_t batchDims = n.getInt("batch_dims", 0);
  int64_t dataRank = dataShape.size(), indicesRank = indicesShape.size();
  if (indicesRank < 1 || batchDims < 0 || batchDims >= indicesRank ||
      batchDims >= dataRank) {
    n.error() << "batch_dims " << batchDims << " does not fit data of rank "
              << dataRank << " and indices of rank " << indicesRank;
    return failure();
  }
  int64_t k = indicesShape.back();
  if (k < 1 || batchDims + k > dataRank ||
      dataShape.take_front(batchDims) != indicesShape.take_front(batchDims)) {
    n.error() << "indices " << typeOf(*indices)
              << " do not index data of rank " << dataRank
              << " with batch_dims " << batchDims;
    return failure();
  }
  ArrayRef<int64_t> indexedDims = dataShape.slice(batchDims, k);
  SmallVector<int64_t> strides(k, 1);
  for (int64_t j = k - 2; j >= 0; --j)
    strides[j] = strides[j + 1] * indexedDims[j + 1];
  FailureOr<Value> wrapped =
      wrapNegative(n, *indices, i64Constant(n, {k}, indexedDims));
  if (failed(wrapped))
    return failure();
  FailureOr<Value> scaled =
      n.create<MulOp>(Type(), *wrapped, i64Constant(n, {k}, strides));
  if (failed(scaled))
    return failure();
  FailureOr<Value> linear = n.create<ReduceSumOp>(
      Type(), *scaled, n.b.getDenseI64ArrayAttr({indicesRank - 1}),
      n.b.getBoolAttr(false));
  if (failed(linear))
    return failure();
  int64_t indexedCount = std::accumulate(
      indexedDims.begin(), indexedDims.end(), int64_t{1},
      std::multiplies<int64_t>());
  int64_t batchCount = 1;
  if (batchDims > 0) {
    // offset[b...] = linear batch index * indexedCount, shaped to broadcast
    // over the non-batch dims of the linear index.
    SmallVector<int64_t> offsetShape(indicesRank - 1, 1);
    for (int64_t d = 0; d < batchDims; ++d) {
      offsetShape[d] = indicesShape[d];
      batchCount *= indicesShape[d];
    }
    SmallVector<int64_t> offsets(batchCount);
    for (int64_t b = 0; b < batchCount; ++b)
      offsets[b] = b * indexedCount;
    linear = n.create<AddOp>(Type(), *linear,
                             i64Constant(n, offsetShape, offsets));
    if (failed(linear))
      return failure();
  }
  SmallVector<int64_t> flatShape = {batchCount * indexedCount};
  llvm::append_range(flatShape, dataShape.drop_front(batchDims + k));
  FailureOr<Value> flat = n.reshape(*data, flatShape);
  if (failed(flat))
    return failure();
  FailureOr<Value> y =
      n.create<GatherOp>(Type(), *flat, *linear, n.b.getI64IntegerAttr(0));
  return failed(y) ? failure() : n.setOutput(0, *y);
}

/// ReverseSequence as GatherElements along the time axis with index
/// `t < len[b] ? len[b] - 1 - t : t`.
LogicalResult convertReverseSequence(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "input");
  FailureOr<Value> rawLengths = n.requiredInput(1, "sequence_lens");
  if (failed(x) || failed(rawLengths))
    return failure();
  FailureOr<Value> lengths = toI64(n, *rawLengths, "sequence_lens");
  if (failed(lengths))
    return failure();
  auto type = typeOf(*x);
  int64_t rank = type.getRank();
  int64_t batchAxis = n.getInt("batch_axis", 1),
          timeAxis = n.getInt("time_axis", 0);
  if (rank < 2 || (batchAxis != 0 && batchAxis != 1) ||
      (timeAxis != 0 && timeAxis != 1) || batchAxis == timeAxis) {
    n.error() << "needs an input of rank >= 2 and batch_axis, time_axis that "
                 "are 0 and 1 in some order";
    return failure();
  }
  int64_t batch = type.getDimSize(batchAxis);
  if (typeOf(*lengths).getShape() != ArrayRef<int64_t>{batch}) {
    n.error() << "sequence_lens must have shape [" << batch << "], got "
              << typeOf(*lengths);
    return failure();
  }
  SmallVector<int64_t> lengthShape(rank, 1);
  lengthShape[batchAxis] = batch;
  FailureOr<Value> length = n.reshape(*lengths, lengthShape);
  Value time = axisIota(n, rank, timeAxis, type.getDimSize(timeAxis));
  if (failed(length))
    return failure();
  FailureOr<Value> inSequence = n.create<LessOp>(Type(), time, *length);
  FailureOr<Value> last =
      n.create<SubOp>(Type(), *length, i64Constant(n, {}, {1}));
  if (failed(inSequence) || failed(last))
    return failure();
  FailureOr<Value> reversed = n.create<SubOp>(Type(), *last, time);
  if (failed(reversed))
    return failure();
  FailureOr<Value> index =
      n.create<WhereOp>(Type(), *inSequence, *reversed, time);
  if (failed(index))
    return failure();
  Value fullIndex = *index;
  auto indexType = type.clone(n.b.getI64Type());
  if (typeOf(fullIndex) != indexType) {
    FailureOr<Value> broadcast = n.create<BroadcastToOp>(indexType, fullIndex);
    if (failed(broadcast))
      return failure();
    fullIndex = *broadcast;
  }
  FailureOr<Value> y = n.create<GatherElementsOp>(
      Type(), *x, fullIndex, n.b.getI64IntegerAttr(timeAxis));
  return failed(y) ? failure() : n.setOutput(0, *y);
}

//===----------------------------------------------------------------------===//
// ScatterND, ScatterElements, Scatter
//===----------------------------------------------------------------------===//

/// The `reduction` attribute (opset 16+), checked against what mote.scatter_nd
/// implements.
static FailureOr<StringAttr> readReduction(NodeContext &n) {
  std::string reduction = n.getString("reduction", "none");
  if (reduction != "none" && reduction != "add" && reduction != "mul" &&
      reduction != "max" && reduction != "min") {
    n.error() << "reduction '" << reduction
              << "' is not one of none, add, mul, max, min";
    return failure();
  }
  return n.b.getStringAttr(reduction);
}

LogicalResult convertScatterND(NodeContext &n) {
  FailureOr<Value> data = n.requiredInput(0, "data");
  FailureOr<Value> indices = n.requiredInput(1, "indices");
  FailureOr<Value> updates = n.requiredInput(2, "updates");
  FailureOr<StringAttr> reduction = readReduction(n);
  if (failed(data) || failed(indices) || failed(updates) || failed(reduction))
    return failure();
  FailureOr<Value> indices64 = toI64(n, *indices, "indices");
  if (failed(indices64))
    return failure();
  FailureOr<Value> y = n.create<ScatterNDOp>(Type(), *data, *indices64,
                                             *updates, *reduction);
  return failed(y) ? failure() : n.setOutput(0, *y);
}

/// ScatterElements (and Scatter, its name before opset 11) as scatter_nd:
/// every element of `indices` becomes a full coordinate tuple, its own
/// position along the other axes and its value along `axis`.
LogicalResult convertScatterElements(NodeContext &n) {
  FailureOr<Value> data = n.requiredInput(0, "data");
  FailureOr<Value> rawIndices = n.requiredInput(1, "indices");
  FailureOr<Value> updates = n.requiredInput(2, "updates");
  FailureOr<StringAttr> reduction = readReduction(n);
  if (failed(data) || failed(rawIndices) || failed(updates) ||
      failed(reduction))
    return failure();
  FailureOr<Value> indices = toI64(n, *rawIndices, "indices");
  if (failed(indices))
    return failure();
  auto dataType = typeOf(*data);
  auto indicesType = typeOf(*indices);
  int64_t rank = dataType.getRank();
  FailureOr<int64_t> axis = n.normalizeAxis(n.getInt("axis", 0), rank);
  if (failed(axis))
    return failure();
  if (indicesType.getRank() != rank ||
      typeOf(*updates).getShape() != indicesType.getShape()) {
    n.error() << "indices " << indicesType << " and updates "
              << typeOf(*updates) << " must have one shape, of the rank of data "
              << dataType;
    return failure();
  }
  for (int64_t d = 0; d < rank; ++d)
    if (d != *axis && indicesType.getDimSize(d) > dataType.getDimSize(d)) {
      n.error() << "indices dim " << d << " (" << indicesType.getDimSize(d)
                << ") exceeds the data dim (" << dataType.getDimSize(d) << ")";
      return failure();
    }
  // Negative indices count from the end of `axis`; scatter_nd would wrap
  // them against the same dim, but doing it here keeps the tuple plain.
  FailureOr<Value> wrapped = wrapNegative(
      n, *indices, i64Constant(n, {}, {dataType.getDimSize(*axis)}));
  if (failed(wrapped))
    return failure();
  SmallVector<int64_t> tupleShape(indicesType.getShape());
  tupleShape.push_back(1);
  SmallVector<Value> components;
  for (int64_t d = 0; d < rank; ++d) {
    Value component = *wrapped;
    if (d != *axis) {
      FailureOr<Value> position = n.create<BroadcastToOp>(
          indicesType.clone(n.b.getI64Type()),
          axisIota(n, rank, d, indicesType.getDimSize(d)));
      if (failed(position))
        return failure();
      component = *position;
    }
    FailureOr<Value> column = n.reshape(component, tupleShape);
    if (failed(column))
      return failure();
    components.push_back(*column);
  }
  FailureOr<Value> tuples =
      n.create<ConcatOp>(Type(), components, n.b.getI64IntegerAttr(rank));
  if (failed(tuples))
    return failure();
  FailureOr<Value> y = n.create<ScatterNDOp>(Type(), *data, *tuples, *updates,
                                             *reduction);
  return failed(y) ? failure() : n.setOutput(0, *y);
}

//===----------------------------------------------------------------------===//
// TopK
//===----------------------------------------------------------------------===//

LogicalResult convertTopK(NodeContext &n) {
  FailureOr<Value> x = n.requiredInput(0, "X");
  if (failed(x))
    return failure();
  int64_t k;
  if (n.opset < 10) {
    if (!n.hasAttr("k")) {
      n.error() << "has no 'k' attribute";
      return failure();
    }
    k = n.getInt("k", 0);
  } else {
    FailureOr<SmallVector<int64_t>> kValues = n.constantInts(1, "K");
    if (failed(kValues))
      return failure();
    if (kValues->size() != 1) {
      n.error() << "K must hold one value, got " << kValues->size();
      return failure();
    }
    k = (*kValues)[0];
  }
  auto type = typeOf(*x);
  FailureOr<int64_t> axis = n.normalizeAxis(n.getInt("axis", -1),
                                            type.getRank());
  if (failed(axis))
    return failure();
  if (k < 0 || k > type.getDimSize(*axis)) {
    n.error() << "K = " << k << " is outside [0, " << type.getDimSize(*axis)
              << "], the size of axis " << *axis;
    return failure();
  }
  // TopK has two results, which NodeContext::create (one result) does not
  // cover: build, verify and bind both here. With sorted = 0 ONNX allows any
  // order; mote always sorts.
  SmallVector<int64_t> shape(type.getShape());
  shape[*axis] = k;
  auto valuesType = type.clone(shape);
  auto indicesType = type.clone(shape, n.b.getI64Type());
  auto op = TopKOp::create(n.b, n.loc, valuesType, indicesType, *x,
                           n.b.getI64IntegerAttr(k),
                           n.b.getI64IntegerAttr(*axis),
                           n.b.getBoolAttr(n.getInt("largest", 1) != 0));
  std::string messages;
  if (failed(n.capture(messages, [&] { return verify(op, false); }))) {
    n.error() << "the resulting mote.top_k is invalid: " << messages;
    op->erase();
    return failure();
  }
  if (failed(n.setOutput(0, op.getValues())))
    return failure();
  return n.setOutput(1, op.getIndices());
}

} // namespace onnx_import
} // namespace mote
