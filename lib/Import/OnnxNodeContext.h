//===- OnnxNodeContext.h - per-node helpers of the ONNX importer -*- C++ -*-===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// NodeContext, shared by the files that convert ONNX nodes (OnnxOps.cpp,
// OnnxIndexingOps.cpp), and the converters defined outside OnnxOps.cpp that
// its dispatch table registers. Private to lib/Import.
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_LIB_IMPORT_ONNXNODECONTEXT_H
#define MOTE_LIB_IMPORT_ONNXNODECONTEXT_H

#include "OnnxImporterImpl.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinTypes.h"

namespace mote {
namespace onnx_import {

// The converters are written against MLIR's API throughout; this header is
// included only by lib/Import's converter files.
using namespace mlir;
using onnx::AttributeProto;
using onnx::NodeProto;

//===----------------------------------------------------------------------===//
// NodeContext: what every op conversion needs about its node
//===----------------------------------------------------------------------===//

/// Per-node helpers: inputs, attributes, diagnostics that name the node, and
/// op creation that verifies and folds.
struct NodeContext {
  NodeContext(GraphImporter &importer, const NodeProto &node, int index)
      : node(node), opType(node.op_type()),
        name(GraphImporter::nodeDisplayName(node, index)), b(importer.builder),
        context(importer.context), opset(importer.opset),
        values(importer.values),
        loc(NameLoc::get(StringAttr::get(&importer.context, name))),
        diagLoc(NameLoc::get(StringAttr::get(&importer.context, name),
                             importer.fileLoc)) {}

  const NodeProto &node;
  std::string opType;
  std::string name;
  OpBuilder &b;
  MLIRContext &context;
  int64_t opset;
  llvm::StringMap<Value> &values;
  /// Where the node's ops are: its name.
  Location loc;
  /// Where its diagnostics point: its name within the model file, so that
  /// they print as `model.onnx:0:0: error: ...`.
  Location diagLoc;

  /// An error that starts by naming the node and its op type.
  InFlightDiagnostic error() {
    return emitError(diagLoc) << opType << " node '" << name << "': ";
  }

  //===--------------------------------------------------------------------===//
  // Inputs
  //===--------------------------------------------------------------------===//

  /// Input `i`, or null when absent (past the end or an empty name).
  Value input(int i) {
    if (i >= node.input_size() || node.input(i).empty())
      return {};
    return values.lookup(node.input(i));
  }

  /// Input `i`, with an error when the model omits it.
  FailureOr<Value> requiredInput(int i, StringRef what) {
    if (Value v = input(i))
      return v;
    error() << "has no " << what << " input (input " << i << ")";
    return failure();
  }

  /// Inputs 0..names.size()-1, named `names` in errors; fails at the first
  /// one the model omits.
  FailureOr<SmallVector<Value, 8>>
  requiredInputs(ArrayRef<const char *> names) {
    SmallVector<Value, 8> inputs;
    for (auto [i, what] : llvm::enumerate(names)) {
      FailureOr<Value> v = requiredInput(i, what);
      if (failed(v))
        return failure();
      inputs.push_back(*v);
    }
    return inputs;
  }

  static RankedTensorType typeOf(Value v) {
    return cast<RankedTensorType>(v.getType());
  }

  /// The int64 values of constant input `i`, or an error saying that the
  /// operand must be a compile-time constant.
  FailureOr<SmallVector<int64_t>> constantInts(int i, StringRef what) {
    Value v = input(i);
    if (!v) {
      error() << "has no " << what << " input (input " << i << ")";
      return failure();
    }
    if (std::optional<SmallVector<int64_t>> ints = getConstantInts(v))
      return *ints;
    emitError(diagLoc) << "the " << what << " operand of " << opType << " '"
                       << name
                       << "' is not a compile-time constant; mote needs static "
                          "shapes: give the graph inputs fixed shapes "
                          "(--input-shape) so that shape computations fold";
    return failure();
  }

  /// Same for floating-point constants.
  FailureOr<SmallVector<double>> constantFloats(int i, StringRef what) {
    Value v = input(i);
    if (std::optional<SmallVector<float>> floats = getConstantFloats(v))
      return SmallVector<double>(floats->begin(), floats->end());
    emitError(diagLoc) << "the " << what << " operand of " << opType << " '"
                       << name << "' is not a compile-time constant";
    return failure();
  }

  //===--------------------------------------------------------------------===//
  // Attributes
  //===--------------------------------------------------------------------===//

  const AttributeProto *attr(StringRef attrName) const {
    for (const AttributeProto &a : node.attribute())
      if (a.name() == attrName)
        return &a;
    return nullptr;
  }
  bool hasAttr(StringRef attrName) const { return attr(attrName); }
  int64_t getInt(StringRef attrName, int64_t dflt) const {
    const AttributeProto *a = attr(attrName);
    return a ? a->i() : dflt;
  }
  float getFloat(StringRef attrName, float dflt) const {
    const AttributeProto *a = attr(attrName);
    return a ? a->f() : dflt;
  }
  std::string getString(StringRef attrName, StringRef dflt) const {
    const AttributeProto *a = attr(attrName);
    return a ? a->s() : dflt.str();
  }
  std::optional<SmallVector<int64_t>> getInts(StringRef attrName) const {
    const AttributeProto *a = attr(attrName);
    if (!a)
      return std::nullopt;
    return SmallVector<int64_t>(a->ints().begin(), a->ints().end());
  }
  std::optional<SmallVector<float>> getFloats(StringRef attrName) const {
    const AttributeProto *a = attr(attrName);
    if (!a)
      return std::nullopt;
    return SmallVector<float>(a->floats().begin(), a->floats().end());
  }

  //===--------------------------------------------------------------------===//
  // Results
  //===--------------------------------------------------------------------===//

  /// Whether the model uses output `i` (present with a non-empty name).
  bool hasOutput(int i) const {
    return i < node.output_size() && !node.output(i).empty();
  }

  /// Binds output `i` to `v`, after checking that its element count fits.
  LogicalResult setOutput(int i, Value v) {
    if (!hasOutput(i))
      return success();
    auto type = typeOf(v);
    if (!checkedElementCount(type.getShape())) {
      error() << "output '" << node.output(i) << "' would have type " << type
              << ", whose element count overflows int64";
      return failure();
    }
    values[node.output(i)] = v;
    return success();
  }

  //===--------------------------------------------------------------------===//
  // Op creation
  //===--------------------------------------------------------------------===//

  /// Runs `fn` while collecting the diagnostics it emits into `messages`.
  template <typename Fn> LogicalResult capture(std::string &messages, Fn &&fn) {
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
      if (!messages.empty())
        messages += "; ";
      messages += diag.str();
      return success();
    });
    return fn();
  }

  /// Creates an `OpTy` at the node's location. A null `resultType` lets the
  /// op infer it. The op is verified at once (an invalid model becomes one
  /// diagnostic naming the node, never a crash) and folded, so that shape
  /// subgraphs turn into constants while they are built.
  template <typename OpTy, typename... Args>
  FailureOr<Value> create(Type resultType, Args &&...args) {
    OperationState state(loc, OpTy::getOperationName());
    OpTy::build(b, state, resultType, std::forward<Args>(args)...);
    if (!resultType) {
      if constexpr (OpTy::template hasTrait<InferTypeOpInterface::Trait>()) {
        SmallVector<Type, 1> inferred;
        std::string messages;
        if (failed(capture(messages, [&] {
              return OpTy::inferReturnTypes(
                  &context, loc, state.operands,
                  state.attributes.getDictionary(&context),
                  state.getRawProperties(), state.regions, inferred);
            }))) {
          auto diag = error() << "cannot build " << OpTy::getOperationName()
                              << " from operand types (";
          llvm::interleaveComma(state.operands, diag,
                                [&](Value v) { diag << v.getType(); });
          diag << ")";
          if (!messages.empty())
            diag << ": " << messages;
          return failure();
        }
        state.types.assign(inferred.begin(), inferred.end());
      } else {
        error() << "internal error: " << OpTy::getOperationName()
                << " needs an explicit result type";
        return failure();
      }
    }
    Operation *op = b.create(state);
    std::string messages;
    if (failed(capture(messages, [&] { return verify(op, false); }))) {
      error() << "the resulting " << OpTy::getOperationName()
              << " is invalid: " << messages;
      op->erase();
      return failure();
    }
    SmallVector<Value, 1> folded;
    if (succeeded(b.tryFold(op, folded)) && !folded.empty()) {
      op->erase();
      return folded.front();
    }
    return op->getResult(0);
  }

  Value constant(ElementsAttr attr) {
    return arith::ConstantOp::create(b, loc, cast<TypedAttr>(attr));
  }

  /// A reshape to `shape`, or `v` itself when the shape already matches.
  FailureOr<Value> reshape(Value v, ArrayRef<int64_t> shape) {
    auto type = typeOf(v);
    if (type.getShape() == shape)
      return v;
    return create<ReshapeOp>(type.clone(shape), v);
  }

  /// Normalizes `axis` into [0, rank).
  FailureOr<int64_t> normalizeAxis(int64_t axis, int64_t rank,
                                   StringRef what = "axis") {
    if (axis < -rank || axis >= rank) {
      error() << what << " " << axis << " is out of range for rank " << rank;
      return failure();
    }
    return axis < 0 ? axis + rank : axis;
  }
};

//===----------------------------------------------------------------------===//
// Converters defined in OnnxIndexingOps.cpp
//===----------------------------------------------------------------------===//

LogicalResult convertCompress(NodeContext &n);
LogicalResult convertNonZero(NodeContext &n);
LogicalResult convertUnique(NodeContext &n);
LogicalResult convertEinsum(NodeContext &n);
LogicalResult convertGatherND(NodeContext &n);
LogicalResult convertReverseSequence(NodeContext &n);
LogicalResult convertScatterElements(NodeContext &n);
LogicalResult convertScatterND(NodeContext &n);
LogicalResult convertTopK(NodeContext &n);

//===----------------------------------------------------------------------===//
// Shared with OnnxQuantOps.cpp
//===----------------------------------------------------------------------===//

/// A mote.conv of `x` and `w` (+ `bias`) with the node's Conv attributes
/// (strides, pads or auto_pad, dilations, group, kernel_shape), checked.
/// A null `accumulatorType` lets the op infer its result; an integer type
/// (i32) declares the accumulator of an integer convolution.
FailureOr<Value> buildConvWithAttributes(NodeContext &n, Value x, Value w,
                                         Value bias, Type accumulatorType);

//===----------------------------------------------------------------------===//
// Converters defined in OnnxQuantOps.cpp
//===----------------------------------------------------------------------===//

LogicalResult convertQuantizeLinear(NodeContext &n);
LogicalResult convertDequantizeLinear(NodeContext &n);
LogicalResult convertDynamicQuantizeLinear(NodeContext &n);
LogicalResult convertMatMulInteger(NodeContext &n);
LogicalResult convertConvInteger(NodeContext &n);
LogicalResult convertQLinearMatMul(NodeContext &n);
LogicalResult convertQLinearConv(NodeContext &n);

} // namespace onnx_import
} // namespace mote

#endif // MOTE_LIB_IMPORT_ONNXNODECONTEXT_H
