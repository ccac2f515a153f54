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
#include <memory>
#include <string>
#include <vector>

namespace llvm {
class TargetMachine;
} // namespace llvm

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
  /// What compileModule puts in CompiledModel::object: `Object` (ELF/COFF/
  /// Mach-O bytes) or `Assembly` (text).
  EmitStage codeKind = EmitStage::Object;
  /// Hook to apply command-line pass-manager options (IR printing, timing)
  /// to every pass manager the pipeline creates.
  std::function<llvm::LogicalResult(mlir::PassManager &)> configurePassManager;
};

/// One graph input or output as the generated API presents it.
struct TensorInterface {
  std::string onnxName; ///< name in the ONNX graph
  std::string cName;    ///< the parameter name in `<name>_run`
  std::string cType;    ///< C element type, e.g. "float", "int64_t"
  llvm::SmallVector<int64_t> shape;
  uint64_t byteSize = 0;
};

/// The result of a whole compilation.
struct CompiledModel {
  std::string object; ///< object file bytes (or assembly, see codeKind)
  std::string header; ///< text of the C header
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

/// Compiles a module already lowered to the LLVM dialect (`lowerModule` with
/// `EmitStage::LLVMDialect`) to optimized LLVM IR text, assembly or object
/// bytes, as `stage` says. Reports diagnostics on failure.
llvm::FailureOr<std::string> emitCode(mlir::ModuleOp module, EmitStage stage,
                                      const CompileOptions &options);

/// Creates the LLVM target machine for `target` (the host's CPU and features
/// when no triple is given). On error returns null and sets `error` to a
/// message that lists the registered targets.
std::unique_ptr<llvm::TargetMachine>
createTargetMachine(const TargetOptions &target, std::string &error);

/// The properties of a target the MLIR pipeline depends on.
struct TargetLayout {
  /// Width of pointers, `size_t` and MLIR's `index`.
  unsigned indexBitwidth = 64;
  /// Alignment of the arena, of every buffer in it and of weights: a full
  /// cache line on application processors, enough for the widest vector
  /// load on microcontrollers.
  uint64_t bufferAlignment = 64;
};
TargetLayout getTargetLayout(const llvm::TargetMachine &machine);

//===----------------------------------------------------------------------===//
// Pipeline pieces, shared by lowerModule and mote-opt's named pipelines.
//===----------------------------------------------------------------------===//

/// canonicalize, mote-fold-batchnorm, mote-fuse-activation, canonicalize.
void buildGraphOptimizationPipeline(mlir::OpPassManager &pm);
/// convert-mote-to-linalg and elementwise fusion, on tensors.
void buildLowerToLinalgPipeline(mlir::OpPassManager &pm);
/// One-shot bufferization with identity layouts, results as out-params and
/// mote-plan-arena.
void buildBufferizationPipeline(mlir::OpPassManager &pm,
                                const TargetLayout &layout);
/// Loops, math expansion, the conversion to the LLVM dialect with the
/// bare-pointer calling convention, and mote-build-entry-points.
void buildLowerToLLVMPipeline(mlir::OpPassManager &pm,
                              const TargetLayout &layout,
                              llvm::StringRef modelName);

/// Turns `name` into a C identifier (invalid characters become `_`, a
/// leading digit or an empty name gets a prefix).
std::string makeCIdentifier(llvm::StringRef name);

/// Gives every input and output of `model` a unique C parameter name
/// (`TensorInterface::cName`) derived from its ONNX name.
void assignCNames(CompiledModel &model);

/// Writes the C header that declares the entry points of `model`.
std::string writeHeader(const CompiledModel &model,
                        const CompileOptions &options);

} // namespace mote

#endif // MOTE_COMPILER_COMPILER_H
