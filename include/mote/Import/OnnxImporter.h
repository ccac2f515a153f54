//===- OnnxImporter.h - ONNX model to mote IR -------------------*- C++ -*-===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_IMPORT_ONNXIMPORTER_H
#define MOTE_IMPORT_ONNXIMPORTER_H

#include "mlir/IR/BuiltinAttributeInterfaces.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace mote {

/// What the user tells the importer beyond the model file.
struct ImportOptions {
  /// `--input-shape NAME=1x3x224x224`: fixes the symbolic (or any) dims of a
  /// graph input. Every symbolic dim must be fixed this way.
  llvm::StringMap<llvm::SmallVector<int64_t>> inputShapes;
  /// `--bind-input NAME=FILE`: folds graph input NAME into a compile-time
  /// constant with this value (created in the context the module is imported
  /// into). The input leaves the function signature; the value's element
  /// type must be the input's and its shape must agree with every fixed dim
  /// the model declares (it fixes the symbolic ones). Shape computations fed
  /// by the input then fold, which is what an input that determines shapes
  /// (Reshape's shape, Slice's starts, ...) needs.
  llvm::StringMap<mlir::ElementsAttr> boundInputs;
};

/// Reads a binary ONNX model (`.onnx`) or ONNX's text syntax (`.onnxtxt`)
/// and returns a module holding one function, `@main`, in the mote dialect:
/// one argument per graph input that is not an initializer, one result per
/// graph output, each carrying its ONNX tensor name in a `mote.name`
/// attribute. Each op's location is a NameLoc with its ONNX node name.
/// On error, reports diagnostics on `context` and returns null.
mlir::OwningOpRef<mlir::ModuleOp> importOnnxFile(llvm::StringRef path,
                                                 mlir::MLIRContext &context,
                                                 const ImportOptions &options);

/// Same, for a model already in memory; `modelDir` resolves external data.
mlir::OwningOpRef<mlir::ModuleOp>
importOnnxBuffer(llvm::StringRef bytes, bool isText, llvm::StringRef modelDir,
                 llvm::StringRef fileNameForDiagnostics,
                 mlir::MLIRContext &context, const ImportOptions &options);

/// Parses `1x3x224x224` into dims; returns false on malformed text.
bool parseShapeText(llvm::StringRef text, llvm::SmallVectorImpl<int64_t> &dims);

} // namespace mote

#endif // MOTE_IMPORT_ONNXIMPORTER_H
