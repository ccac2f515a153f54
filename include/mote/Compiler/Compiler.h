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
#include "mlir/Support/Timing.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/LogicalResult.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace llvm {
class TargetMachine;
} // namespace llvm

namespace mote {

/// The code generation target. Empty fields mean the host's.
/// What code generation favours where speed and memory pull apart: packed
/// layouts and tile buffers make code faster but cost arena bytes.
enum class OptimizationGoal {
  /// The fastest code; the default on application processors.
  Speed,
  /// The smallest arena and code; the default on M-profile Arm cores.
  Size,
};

/// The values of every `--optimize=` option (motec, mote-run, the
/// pipeline's), spelled once.
inline llvm::cl::ValuesClass optimizationGoalValues() {
  return llvm::cl::values(
      clEnumValN(OptimizationGoal::Speed, "speed", "the fastest code"),
      clEnumValN(OptimizationGoal::Size, "size",
                 "the smallest arena and code"));
}

struct TargetOptions {
  std::string triple;
  std::string cpu;
  std::string features;
  /// Adds a `.stack_sizes` section (each function's frame size) to the
  /// object, for `motec --report`.
  bool emitStackSizes = false;
  /// `--optimize=`; unset picks the target's default (see OptimizationGoal).
  std::optional<OptimizationGoal> goal;
  /// `--max-arena=`: the compile fails when the arena needs more bytes
  /// (0: no limit).
  uint64_t maxArenaBytes = 0;
  /// `--arena-check`: guard zones around every buffer, verified at run time
  /// (`<name>_run` returns MOTE_STATUS_ARENA_CORRUPTED).
  bool arenaCheck = false;
  /// `--io-in-arena`: the inputs and outputs live in the arena at planned
  /// offsets (CompiledModel's TensorInterface::arenaOffset) and `<name>_run`
  /// takes only the arena.
  bool ioInArena = false;
};

/// The stages `motec --emit=` can stop after.
enum class EmitStage { Mote, Linalg, LLVMDialect, LLVMIR, Assembly, Object };

/// Where the weights (the model's constant tensors) live.
enum class WeightsPlacement {
  /// Constant data in the object file (`.rodata` or `weightsSection`).
  Internal,
  /// A separate blob (CompiledModel::weightsBlob) whose address the caller
  /// passes to `<name>_run`, e.g. for external or QSPI flash.
  External,
};

struct CompileOptions {
  /// Prefix of every exported symbol (`<name>_run`) and macro (`<NAME>_`);
  /// must be a valid C identifier.
  std::string modelName = "model";
  TargetOptions target;
  /// What compileModule puts in CompiledModel::object: `Object` (ELF/COFF/
  /// Mach-O bytes) or `Assembly` (text).
  EmitStage codeKind = EmitStage::Object;
  /// `--weights=`: in the object or a separate blob.
  WeightsPlacement weights = WeightsPlacement::Internal;
  /// `--weights-section=`: the object-file section of internal weights
  /// (empty: the default, `.rodata`).
  std::string weightsSection;
  /// Hook to apply command-line pass-manager options (IR printing, timing)
  /// to every pass manager the pipeline creates.
  std::function<llvm::LogicalResult(mlir::PassManager &)> configurePassManager;
  /// When set, lowerModule and emitCode time their phases as children of
  /// this scope: the MLIR pipeline pass by pass, the translation to LLVM IR,
  /// LLVM's optimization and its code generation (`motec --time-report`).
  mlir::TimingScope *timing = nullptr;
};

/// One graph input or output as the generated API presents it.
struct TensorInterface {
  std::string onnxName; ///< name in the ONNX graph
  std::string cName;    ///< the parameter name in `<name>_run`
  std::string cType;    ///< C element type, e.g. "float", "int64_t"
  llvm::SmallVector<int64_t> shape;
  uint64_t byteSize = 0;
  /// With TargetOptions::ioInArena: the tensor's byte offset in the arena.
  std::optional<uint64_t> arenaOffset;
};

/// The result of a whole compilation.
struct CompiledModel {
  std::string object; ///< object file bytes (or assembly, see codeKind)
  std::string header; ///< text of the C header
  std::vector<TensorInterface> inputs, outputs;
  uint64_t arenaSize = 0;
  uint64_t arenaAlign = 0;
  /// Bytes and alignment of the weights, in the object or in weightsBlob.
  uint64_t weightsSize = 0;
  uint64_t weightsAlign = 1;
  /// With WeightsPlacement::External: the contents of `<name>_weights.bin`.
  std::optional<std::string> weightsBlob;
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

/// With external weights: serializes every global that
/// mote-build-entry-points moved out of the object (`mote.weights_offset`)
/// into one blob of the module's `mote.weights_size` bytes, removes those
/// globals from `module` and returns the blob. Reports diagnostics on failure.
llvm::FailureOr<std::string> extractExternalWeights(mlir::ModuleOp module);

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
  /// The goal the pipeline plans and generates code for.
  OptimizationGoal goal = OptimizationGoal::Speed;
  /// Arena budget for mote-plan-arena (TargetOptions::maxArenaBytes).
  uint64_t maxArenaBytes = 0;
  /// Guard-zone bytes around each buffer (TargetOptions::arenaCheck); 0: off.
  uint64_t arenaGuardBytes = 0;
  /// Plan the inputs and outputs into the arena (TargetOptions::ioInArena).
  bool ioInArena = false;
  /// f32 lanes and number of the SIMD registers mote-tile-and-vectorize
  /// blocks its kernels for (mote::getVectorRegisterFile); 0 lanes keeps
  /// the heavy ops scalar loops.
  /// Whether the FPU has a square root of that width; without one,
  /// mote-expand-math computes it rather than calling libm.
  bool hasF32Sqrt = true;
  bool hasF64Sqrt = true;
  unsigned vectorF32Lanes = 0;
  unsigned vectorRegisters = 0;
};
/// The layout of `machine`'s target, with `target.goal` or, when it is
/// unset, the target's default goal.
TargetLayout getTargetLayout(const llvm::TargetMachine &machine,
                             const TargetOptions &target);

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
/// bare-pointer calling convention, and mote-build-entry-points (with
/// `external-weights` when `weights` is External).
void buildLowerToLLVMPipeline(
    mlir::OpPassManager &pm, const TargetLayout &layout,
    llvm::StringRef modelName,
    WeightsPlacement weights = WeightsPlacement::Internal);

/// Turns `name` into a C identifier (invalid characters become `_`, a
/// leading digit or an empty name gets a prefix).
std::string makeCIdentifier(llvm::StringRef name);

/// Gives every input and output of `model` a unique C parameter name
/// (`TensorInterface::cName`) derived from its ONNX name.
void assignCNames(CompiledModel &model);

/// Writes the C header that declares the entry points of `model`.
std::string writeHeader(const CompiledModel &model,
                        const CompileOptions &options);

//===----------------------------------------------------------------------===//
// motec --report (Report.cpp)
//===----------------------------------------------------------------------===//

/// Where one buffer of a layer sits in the arena.
struct ArenaPlacement {
  uint64_t offset = 0;
  uint64_t bytes = 0;
  bool operator==(const ArenaPlacement &other) const {
    return offset == other.offset && bytes == other.bytes;
  }
};

/// One mote op of the optimized graph.
struct LayerReport {
  std::string op;   ///< e.g. "mote.conv"
  std::string node; ///< ONNX node name(s) from the location, '+'-joined
  llvm::SmallVector<int64_t> outputShape;
  std::string elementType;
  uint64_t macs = 0;        ///< multiply-accumulates per inference
  uint64_t weightBytes = 0; ///< constant operands
  std::vector<ArenaPlacement> arena;
};

/// One function's frame from the object's `.stack_sizes`.
struct StackFrame {
  std::string function;
  uint64_t bytes = 0;
};

/// The figures `motec --report` prints.
struct ModelReport {
  std::string modelName, triple;
  std::vector<LayerReport> layers;
  uint64_t totalMacs = 0, totalWeightBytes = 0;
  uint64_t textBytes = 0, rodataBytes = 0, otherFlashBytes = 0, bssBytes = 0;
  uint64_t arenaBytes = 0, arenaAlign = 0;
  /// mote-plan-arena's lower bound (the most bytes live at once), the ONNX
  /// node where that peak is, and the placement heuristic that won.
  uint64_t arenaLowerBound = 0;
  std::string arenaPeakLayer, arenaHeuristic;
  /// The goal the model was planned for ("size" or "speed").
  std::string goal;
  std::vector<StackFrame> frames;
  std::optional<uint64_t> entryStackBytes;
  bool stackExact = false;
  std::string stackNote;
};

enum class ReportFormat { Text, JSON };

/// Runs graph optimization on `module` (a copy of the importer's output; it
/// is consumed) and records the layers, then bufferizes it to find each
/// layer's arena placements.
llvm::FailureOr<ModelReport>
analyzeModelForReport(mlir::ModuleOp module, const CompileOptions &options);

/// Adds the arena and the object's section sizes and stack frames (compile
/// with TargetOptions::emitStackSizes for the latter).
void addObjectToReport(ModelReport &report, const CompiledModel &model);

void writeReport(const ModelReport &report, llvm::raw_ostream &os,
                 ReportFormat format);

} // namespace mote

#endif // MOTE_COMPILER_COMPILER_H
