//===- Compiler.h - the mote compilation pipeline ---------------*- C++ -*-===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The library behind motec and mote-run: mote IR in, object file and C header
// out, in-process.
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_COMPILER_COMPILER_H
#define MOTE_COMPILER_COMPILER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/LogicalResult.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace mote {

/// The code generation target. Empty fields mean the host's.
struct TargetOptions {
  std::string triple;
  std::string cpu;
  std::string features;
};

/// The stages `motec --emit=` can stop after.
enum class EmitStage { Mote, Linalg, LLVMDialect, LLVMIR, Assembly, Object };

struct CompileOptions {
  /// Prefix of every exported symbol (`<name>_run`) and macro (`<NAME>_`);
  /// must be a valid C identifier.
  std::string modelName = "model";
  TargetOptions target;
  /// Hook to apply command-line pass-manager options (IR printing, timing)
  /// to every pass manager the pipeline creates.
  std::function<llvm::LogicalResult(mlir::PassManager &)> configurePassManager;
};

/// One graph input or output as the generated API presents it.
struct TensorInterface {
  std::string onnxName;  ///< name in the ONNX graph
  std::string cName;     ///< the parameter name in `<name>_run`
  std::string cType;     ///< C element type, e.g. "float", "int64_t"
  llvm::SmallVector<int64_t> shape;
  uint64_t byteSize = 0;
};

/// The result of a whole compilation.
struct CompiledModel {
  std::string object;  ///< bytes of the relocatable object file
  std::string header;  ///< text of the C header
  std::vector<TensorInterface> inputs, outputs;
  uint64_t arenaSize = 0;
  uint64_t arenaAlign = 0;
};

/// Lowers `module` (the importer's output, mote dialect) in place up to and
/// including `stage` (for the MLIR stages). Reports diagnostics on failure.
llvm::LogicalResult lowerModule(mlir::ModuleOp module, EmitStage stage,
                                const CompileOptions &options);

/// Compiles `module` (mote dialect) all the way: object file bytes, header
/// text and the interface. Reports diagnostics on failure.
llvm::FailureOr<CompiledModel> compileModule(mlir::ModuleOp module,
                                             const CompileOptions &options);

} // namespace mote

#endif // MOTE_COMPILER_COMPILER_H
