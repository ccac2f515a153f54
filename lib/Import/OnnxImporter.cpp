//===- OnnxImporter.cpp - ONNX model to mote IR ---------------------------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Reads a model (binary protobuf or ONNX text syntax), checks it (opset,
// domains, supported ops, external data, the ONNX checker), then builds
// `func.func @main` from the graph's inputs, initializers, nodes and outputs.
// libonnx throws on error: every entry point catches and reports an MLIR
// diagnostic instead.
//
//===----------------------------------------------------------------------===//

#include "OnnxImporterImpl.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include "onnx/checker.h"
#include "onnx/defs/parser.h"

#include <climits>
#include <exception>

using namespace mlir;

namespace mote {

using namespace onnx_import;

bool parseShapeText(StringRef text, SmallVectorImpl<int64_t> &dims) {
  dims.clear();
  if (text.empty())
    return false;
  for (StringRef part : llvm::split(text, 'x')) {
    int64_t dim;
    if (part.getAsInteger(10, dim) || dim < 0)
      return false;
    dims.push_back(dim);
  }
  return true;
}

namespace {

/// Builds the module for one parsed model.
class ModelImporter {
public:
  ModelImporter(MLIRContext &context, const ImportOptions &options,
                StringRef fileName)
      : context(context), options(options), fileName(fileName.str()),
        fileLoc(FileLineColLoc::get(&context, fileName, 0, 0)) {}

  OwningOpRef<ModuleOp> import(onnx::ModelProto &model, StringRef modelDir);

private:
  LogicalResult checkOpsetAndOps(const onnx::ModelProto &model);
  FailureOr<RankedTensorType> inputType(const onnx::ValueInfoProto &input);
  LogicalResult checkBoundInput(const onnx::ValueInfoProto &input,
                                ElementsAttr value);
  LogicalResult checkOutputType(const onnx::ValueInfoProto &output, Value v);

  InFlightDiagnostic error() { return emitError(fileLoc); }

  MLIRContext &context;
  const ImportOptions &options;
  std::string fileName;
  Location fileLoc;
  int64_t opset = 0;
};

} // namespace

LogicalResult ModelImporter::checkOpsetAndOps(const onnx::ModelProto &model) {
  bool found = false;
  for (const onnx::OperatorSetIdProto &id : model.opset_import()) {
    if (id.domain().empty() || id.domain() == "ai.onnx") {
      opset = std::max<int64_t>(opset, id.version());
      found = true;
    }
  }
  if (!found) {
    error() << "the model imports no opset of the default ONNX domain; mote "
               "supports ONNX opsets "
            << kMinOpset << " to " << kMaxOpset;
    return failure();
  }
  if (opset < kMinOpset || opset > kMaxOpset) {
    error() << "mote supports ONNX opsets " << kMinOpset << " to " << kMaxOpset
            << "; this model uses opset " << opset;
    return failure();
  }
  // Report unknown domains and unsupported ops before the ONNX checker,
  // whose message for an unknown op ("No Op registered") says less.
  const onnx::GraphProto &graph = model.graph();
  for (int i = 0; i < graph.node_size(); ++i) {
    const onnx::NodeProto &node = graph.node(i);
    std::string name = GraphImporter::nodeDisplayName(node, i);
    Location loc = NameLoc::get(StringAttr::get(&context, name), fileLoc);
    if (!node.domain().empty() && node.domain() != "ai.onnx") {
      emitError(loc) << node.op_type() << " node '" << name
                     << "' is in domain '" << node.domain()
                     << "', which mote does not support; mote imports only "
                        "the default ONNX domain ('' or 'ai.onnx')";
      return failure();
    }
    if (!GraphImporter::isSupportedOp(node.op_type())) {
      emitError(loc) << "unsupported ONNX op '" << node.op_type() << "' (opset "
                     << opset << ") at node '" << name
                     << "'; see docs/SupportedOps.md for the supported ops";
      return failure();
    }
  }
  return success();
}

FailureOr<RankedTensorType>
ModelImporter::inputType(const onnx::ValueInfoProto &input) {
  const std::string &name = input.name();
  if (!input.type().has_tensor_type()) {
    error() << "graph input '" << name
            << "' is not a tensor; mote imports tensor inputs only";
    return failure();
  }
  const onnx::TypeProto_Tensor &tensor = input.type().tensor_type();
  Type element = convertElementType(context, tensor.elem_type());
  if (!element) {
    error() << "graph input '" << name << "' has element type "
            << elementTypeName(tensor.elem_type())
            << ", which mote does not support";
    return failure();
  }
  auto fixed = options.inputShapes.find(name);
  SmallVector<int64_t> shape;
  if (!tensor.has_shape()) {
    if (fixed == options.inputShapes.end()) {
      error() << "graph input '" << name << "' has no shape; give it with "
              << "--input-shape " << name << "=<d0>x<d1>x...";
      return failure();
    }
    shape.assign(fixed->second.begin(), fixed->second.end());
  } else if (fixed != options.inputShapes.end()) {
    int rank = tensor.shape().dim_size();
    if (static_cast<int>(fixed->second.size()) != rank) {
      error() << "--input-shape gives input '" << name << "' "
              << fixed->second.size() << " dims, but the model's input has "
              << "rank " << rank;
      return failure();
    }
    shape.assign(fixed->second.begin(), fixed->second.end());
  } else {
    for (auto [i, dim] : llvm::enumerate(tensor.shape().dim())) {
      if (dim.has_dim_value() && dim.dim_value() >= 0) {
        shape.push_back(dim.dim_value());
        continue;
      }
      // Suggest a fix with 1 for every unknown dim.
      std::string example;
      for (const auto &d : tensor.shape().dim())
        example += (example.empty() ? "" : "x") +
                   std::to_string(d.has_dim_value() ? d.dim_value() : 1);
      auto diag = error() << "graph input '" << name << "' has ";
      if (dim.has_dim_param())
        diag << "symbolic dimension '" << dim.dim_param() << "'";
      else
        diag << "an unknown dimension";
      diag << " at dim " << i << "; mote compiles static shapes: fix it with "
           << "--input-shape " << name << "=" << example;
      return failure();
    }
  }
  if (!checkedElementCount(shape)) {
    error() << "graph input '" << name
            << "' has an element count that overflows int64";
    return failure();
  }
  return RankedTensorType::get(shape, element);
}

LogicalResult ModelImporter::checkBoundInput(const onnx::ValueInfoProto &input,
                                             ElementsAttr value) {
  const std::string &name = input.name();
  auto valueType = cast<ShapedType>(value.getType());
  if (!input.type().has_tensor_type()) {
    error() << "--bind-input names graph input '" << name
            << "', which is not a tensor; only tensor inputs can be bound";
    return failure();
  }
  const onnx::TypeProto_Tensor &tensor = input.type().tensor_type();
  Type element = convertElementType(context, tensor.elem_type());
  if (element != valueType.getElementType()) {
    error() << "--bind-input gives graph input '" << name << "' a value of "
            << "type " << valueType << ", but the input's element type is "
            << elementTypeName(tensor.elem_type())
            << "; save the value with that element type";
    return failure();
  }
  if (!tensor.has_shape())
    return success();
  bool matches = tensor.shape().dim_size() == valueType.getRank();
  for (int d = 0; matches && d < tensor.shape().dim_size(); ++d) {
    const auto &dim = tensor.shape().dim(d);
    matches = !dim.has_dim_value() || dim.dim_value() < 0 ||
              dim.dim_value() == valueType.getDimSize(d);
  }
  if (!matches) {
    auto diag = error() << "--bind-input gives graph input '" << name
                        << "' a value of type " << valueType
                        << ", but the input is declared with shape [";
    llvm::interleaveComma(tensor.shape().dim(), diag, [&](const auto &dim) {
      if (dim.has_dim_value())
        diag << dim.dim_value();
      else
        diag << (dim.dim_param().empty() ? "?" : dim.dim_param());
    });
    diag << "]";
    return failure();
  }
  return success();
}

LogicalResult ModelImporter::checkOutputType(const onnx::ValueInfoProto &output,
                                             Value v) {
  auto actual = cast<RankedTensorType>(v.getType());
  if (!output.type().has_tensor_type())
    return success();
  const onnx::TypeProto_Tensor &tensor = output.type().tensor_type();
  if (tensor.elem_type() != 0) {
    Type element = convertElementType(context, tensor.elem_type());
    if (element != actual.getElementType()) {
      error() << "graph output '" << output.name() << "' is declared with "
              << "element type " << elementTypeName(tensor.elem_type())
              << ", but mote computes " << actual;
      return failure();
    }
  }
  if (!tensor.has_shape())
    return success();
  bool matches = tensor.shape().dim_size() == actual.getRank();
  for (int d = 0; matches && d < tensor.shape().dim_size(); ++d) {
    const auto &dim = tensor.shape().dim(d);
    matches = !dim.has_dim_value() || dim.dim_value() == actual.getDimSize(d);
  }
  if (!matches) {
    auto diag = error() << "graph output '" << output.name()
                        << "' is declared with shape [";
    llvm::interleaveComma(tensor.shape().dim(), diag, [&](const auto &dim) {
      if (dim.has_dim_value())
        diag << dim.dim_value();
      else
        diag << (dim.dim_param().empty() ? "?" : dim.dim_param());
    });
    diag << "], but mote computes " << actual;
    return failure();
  }
  return success();
}

OwningOpRef<ModuleOp> ModelImporter::import(onnx::ModelProto &model,
                                            StringRef modelDir) {
  if (failed(checkOpsetAndOps(model)))
    return nullptr;

  // External data first: the checker then sees every tensor in memory, and
  // only this importer's path rules decide which files are read.
  std::string externalError;
  if (!loadExternalData(*model.mutable_graph(), modelDir, externalError)) {
    error() << externalError;
    return nullptr;
  }

  try {
    onnx::checker::check_model(model);
  } catch (const onnx::checker::ValidationError &e) {
    error() << "the ONNX checker rejected '" << fileName << "': " << e.what();
    return nullptr;
  }

  const onnx::GraphProto &graph = model.graph();
  llvm::StringSet<> initializerNames;
  for (const onnx::TensorProto &init : graph.initializer())
    initializerNames.insert(init.name());

  // --input-shape must name real inputs: a typo would otherwise be ignored.
  llvm::StringSet<> inputNames;
  for (const onnx::ValueInfoProto &input : graph.input())
    inputNames.insert(input.name());
  for (const auto &entry : options.inputShapes)
    if (!inputNames.contains(entry.getKey()) ||
        initializerNames.contains(entry.getKey())) {
      error() << "--input-shape names '" << entry.getKey()
              << "', which is not an input of the graph";
      return nullptr;
    }

  // --bind-input must name real inputs too, and agree with their types.
  for (const auto &entry : options.boundInputs) {
    if (!inputNames.contains(entry.getKey()) ||
        initializerNames.contains(entry.getKey())) {
      auto diag = error() << "--bind-input names '" << entry.getKey()
                          << "', which is not an input of the graph; its "
                             "inputs are: ";
      bool first = true;
      for (const onnx::ValueInfoProto &input : graph.input()) {
        if (initializerNames.contains(input.name()))
          continue;
        diag << (first ? "'" : ", '") << input.name() << "'";
        first = false;
      }
      if (first)
        diag << "(none)";
      return nullptr;
    }
    if (options.inputShapes.contains(entry.getKey())) {
      error() << "graph input '" << entry.getKey()
              << "' is given both --bind-input and --input-shape; the bound "
                 "value fixes its shape, drop --input-shape";
      return nullptr;
    }
  }

  // Arguments: graph inputs that are not initializers (those are constants)
  // and not bound to a value (those become constants too).
  SmallVector<Type> argTypes;
  SmallVector<const onnx::ValueInfoProto *> argInfos;
  SmallVector<const onnx::ValueInfoProto *> boundInfos;
  for (const onnx::ValueInfoProto &input : graph.input()) {
    if (initializerNames.contains(input.name()))
      continue;
    if (ElementsAttr value = options.boundInputs.lookup(input.name())) {
      if (failed(checkBoundInput(input, value)))
        return nullptr;
      boundInfos.push_back(&input);
      continue;
    }
    FailureOr<RankedTensorType> type = inputType(input);
    if (failed(type))
      return nullptr;
    argTypes.push_back(*type);
    argInfos.push_back(&input);
  }

  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  OpBuilder builder(&context);
  builder.setInsertionPointToEnd(module->getBody());
  auto func = func::FuncOp::create(builder, fileLoc, "main",
                                   builder.getFunctionType(argTypes, {}));
  Block *entry = func.addEntryBlock();
  builder.setInsertionPointToStart(entry);

  llvm::StringMap<Value> values;
  for (auto [i, info] : llvm::enumerate(argInfos)) {
    func.setArgAttr(i, "mote.name", builder.getStringAttr(info->name()));
    values[info->name()] = entry->getArgument(i);
  }
  for (const onnx::ValueInfoProto *info : boundInfos) {
    Location loc = NameLoc::get(builder.getStringAttr(info->name()));
    values[info->name()] = arith::ConstantOp::create(
        builder, loc,
        cast<TypedAttr>(options.boundInputs.lookup(info->name())));
  }

  for (const onnx::TensorProto &init : graph.initializer()) {
    std::string tensorError;
    ElementsAttr attr =
        convertTensor(context, init, /*resourceBlobs=*/true, tensorError);
    if (!attr) {
      error() << "initializer: " << tensorError;
      return nullptr;
    }
    Location loc = NameLoc::get(builder.getStringAttr(init.name()));
    values[init.name()] =
        arith::ConstantOp::create(builder, loc, cast<TypedAttr>(attr));
  }

  // Shapes the model declares, to cross-check what the ops infer.
  llvm::StringMap<const onnx::TypeProto *> declaredTypes;
  for (const onnx::ValueInfoProto &info : graph.value_info())
    declaredTypes[info.name()] = &info.type();

  GraphImporter nodes(builder, fileLoc, opset, values, declaredTypes);
  for (int i = 0; i < graph.node_size(); ++i)
    if (failed(nodes.importNode(graph.node(i), i)))
      return nullptr;

  SmallVector<Value> results;
  for (const onnx::ValueInfoProto &output : graph.output()) {
    Value v = values.lookup(output.name());
    if (!v) {
      error() << "graph output '" << output.name()
              << "' is not produced by any node, initializer or input";
      return nullptr;
    }
    if (failed(checkOutputType(output, v)))
      return nullptr;
    results.push_back(v);
  }
  func::ReturnOp::create(builder, fileLoc, results);
  func.setFunctionType(
      builder.getFunctionType(argTypes, ValueRange(results).getTypes()));
  for (auto [i, output] : llvm::enumerate(graph.output()))
    func.setResultAttr(i, "mote.name", builder.getStringAttr(output.name()));

  if (failed(verify(*module))) {
    error() << "internal error: the imported module does not verify";
    return nullptr;
  }
  return module;
}

/// Parses the bytes into a ModelProto; reports and returns false on error.
static bool parseModel(StringRef bytes, bool isText, StringRef fileName,
                       Location loc, onnx::ModelProto &model) {
  if (isText) {
    std::string text = bytes.str();
    onnx::Status status = onnx::OnnxParser::Parse(model, text.c_str());
    if (!status.IsOK()) {
      emitError(loc) << "cannot parse ONNX text model '" << fileName
                     << "': " << status.ErrorMessage();
      return false;
    }
    return true;
  }
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    emitError(loc) << "'" << fileName << "' is larger than 2 GiB; store the "
                   << "weights as external data";
    return false;
  }
  if (!model.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    emitError(loc) << "'" << fileName
                   << "' is not a valid binary ONNX model (the protobuf is "
                      "truncated or corrupt)";
    return false;
  }
  if (!model.has_graph()) {
    emitError(loc) << "'" << fileName << "' holds no graph; is it an ONNX "
                   << "model?";
    return false;
  }
  return true;
}

OwningOpRef<ModuleOp> importOnnxBuffer(StringRef bytes, bool isText,
                                       StringRef modelDir,
                                       StringRef fileNameForDiagnostics,
                                       MLIRContext &context,
                                       const ImportOptions &options) {
  context.loadDialect<MoteDialect, arith::ArithDialect, func::FuncDialect,
                      tensor::TensorDialect>();
  Location fileLoc =
      FileLineColLoc::get(&context, fileNameForDiagnostics, 0, 0);
  // libonnx and protobuf throw; nothing may escape into -fno-exceptions code.
  try {
    onnx::ModelProto model;
    if (!parseModel(bytes, isText, fileNameForDiagnostics, fileLoc, model))
      return nullptr;
    ModelImporter importer(context, options, fileNameForDiagnostics);
    return importer.import(model, modelDir);
  } catch (const onnx::checker::ValidationError &e) {
    emitError(fileLoc) << "the ONNX checker rejected '"
                       << fileNameForDiagnostics << "': " << e.what();
  } catch (const std::exception &e) {
    emitError(fileLoc) << "cannot import ONNX model '" << fileNameForDiagnostics
                       << "': " << e.what();
  } catch (...) {
    emitError(fileLoc) << "cannot import ONNX model '" << fileNameForDiagnostics
                       << "': libonnx raised an unknown error";
  }
  return nullptr;
}

OwningOpRef<ModuleOp> importOnnxFile(StringRef path, MLIRContext &context,
                                     const ImportOptions &options) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!buffer) {
    emitError(FileLineColLoc::get(&context, path, 0, 0))
        << "cannot read '" << path << "': " << buffer.getError().message();
    return nullptr;
  }
  bool isText = llvm::sys::path::extension(path) == ".onnxtxt";
  StringRef dir = llvm::sys::path::parent_path(path);
  return importOnnxBuffer((*buffer)->getBuffer(), isText,
                          dir.empty() ? StringRef(".") : dir, path, context,
                          options);
}

} // namespace mote
