//===- OnnxImporterImpl.h - internals of the ONNX importer ------*- C++ -*-===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Shared between the pieces of lib/Import: turning ONNX tensors into MLIR
// attributes (OnnxTensors.cpp) and turning ONNX nodes into mote ops
// (OnnxOps.cpp). Not installed: the public API is mote/Import/OnnxImporter.h.
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_LIB_IMPORT_ONNXIMPORTERIMPL_H
#define MOTE_LIB_IMPORT_ONNXIMPORTERIMPL_H

#include "mote/Dialect/Mote/IR/Mote.h"
#include "mote/Dialect/Mote/IR/MoteConstants.h"
#include "mote/Import/OnnxImporter.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringMap.h"

#include "onnx/onnx_pb.h"

#include <optional>
#include <string>

namespace mote {
namespace onnx_import {

/// The first and the last default-domain opset the importer understands.
constexpr int64_t kMinOpset = 6;
constexpr int64_t kMaxOpset = 17;

// Large float constants become resource blobs at MoteConstants.h's
// kResourceBlobMinElements elements.

/// Maps an ONNX element type (TensorProto::DataType) to an MLIR type, or
/// null when mote cannot represent it.
mlir::Type convertElementType(mlir::MLIRContext &context, int32_t onnxType);

/// ONNX's name of an element type, for diagnostics ("FLOAT", "STRING", ...).
std::string elementTypeName(int32_t onnxType);

/// Product of `shape`, or nullopt if it overflows int64 (or a dim is
/// negative).
std::optional<int64_t> checkedElementCount(llvm::ArrayRef<int64_t> shape);

/// Converts a TensorProto whose data is in memory (typed fields or
/// raw_data; external data has already been loaded into raw_data) into an
/// ElementsAttr. `resourceBlobs` selects DenseResourceElementsAttr for large
/// float tensors. On error returns null and sets `error`.
mlir::ElementsAttr convertTensor(mlir::MLIRContext &context,
                                 const onnx::TensorProto &tensor,
                                 bool resourceBlobs, std::string &error);

/// Loads every EXTERNAL tensor of `graph` (initializers and Constant node
/// attributes) into its raw_data, reading only files inside `modelDir`.
/// Returns false and sets `error` on a bad location, a missing file or a
/// short read.
bool loadExternalData(onnx::GraphProto &graph, llvm::StringRef modelDir,
                      std::string &error);

/// Imports the nodes of one graph into the current insertion point.
class GraphImporter {
public:
  GraphImporter(mlir::OpBuilder &builder, mlir::Location fileLoc, int64_t opset,
                llvm::StringMap<mlir::Value> &values,
                const llvm::StringMap<const onnx::TypeProto *> &declaredTypes)
      : builder(builder), context(*builder.getContext()), fileLoc(fileLoc),
        opset(opset), values(values), declaredTypes(declaredTypes) {}

  /// Converts one node; its results go into `values`. On error, one
  /// diagnostic naming the node has been emitted.
  mlir::LogicalResult importNode(const onnx::NodeProto &node, int index);

  /// Whether `opType` in the default domain is mapped to mote (any opset).
  static bool isSupportedOp(llvm::StringRef opType);

  /// The name a node's location and diagnostics use: its ONNX name, or
  /// `<OpType>_<index>:<first output>` when it has none.
  static std::string nodeDisplayName(const onnx::NodeProto &node, int index);

private:
  friend struct NodeContext;
  mlir::OpBuilder &builder;
  mlir::MLIRContext &context;
  mlir::Location fileLoc;
  int64_t opset;
  llvm::StringMap<mlir::Value> &values;
  const llvm::StringMap<const onnx::TypeProto *> &declaredTypes;
};

} // namespace onnx_import
} // namespace mote

#endif // MOTE_LIB_IMPORT_ONNXIMPORTERIMPL_H
