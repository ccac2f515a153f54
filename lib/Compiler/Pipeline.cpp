//===- Pipeline.cpp - mote IR to the LLVM dialect -------------------------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The pass pipeline from the importer's mote IR to an LLVM-dialect module
// with C entry points, and compileModule, which adds code generation and the
// header.
//
//===----------------------------------------------------------------------===//

#include "mote/Codegen/Passes.h"
#include "mote/Compiler/Compiler.h"
#include "mote/Compiler/Passes.h"
#include "mote/Conversion/Passes.h"
#include "mote/Dialect/Mote/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Target/TargetMachine.h"

using namespace mlir;

namespace mote {

void buildGraphOptimizationPipeline(OpPassManager &pm) {
  OpPassManager &funcPm = pm.nest<func::FuncOp>();
  funcPm.addPass(createCanonicalizerPass());
  funcPm.addPass(createMoteFoldBatchNorm());
  funcPm.addPass(createMoteFuseActivation());
  funcPm.addPass(createCanonicalizerPass());
}

void buildLowerToLinalgPipeline(OpPassManager &pm) {
  OpPassManager &funcPm = pm.nest<func::FuncOp>();
  funcPm.addPass(createConvertMoteToLinalg());
  funcPm.addPass(createLinalgElementwiseOpFusionPass());
  funcPm.addPass(createCanonicalizerPass());
  funcPm.addPass(createCSEPass());
}

void buildBufferizationPipeline(OpPassManager &pm, const TargetLayout &layout) {
  // Kernels whose identical bias fills CSE merged each get their own again,
  // so none of them starts from a copy.
  pm.addNestedPass<func::FuncOp>(createMoteRematerializeInits());
  // Under --optimize=size, a zero-padded convolution is computed region by
  // region of its output, each region over the kernel taps that read real
  // input, instead of reading a padded copy of its input. Only the
  // convolutions whose padded copy raises the arena's peak (estimated by
  // liveness on the tensor program) are rewritten: the price is code for the
  // border regions and, on some layers, instructions, so a copy away from
  // the peak stays. The speed goal keeps every padded copy for its vector
  // kernels.
  if (layout.goal == OptimizationGoal::Size)
    pm.addNestedPass<func::FuncOp>(createMoteDecomposePaddedConv());
  // A concat is a chain of tensor.insert_slice into a tensor.empty. When an
  // operand's producer writes into a tensor.empty init (a conv's fused
  // activation, a pooling, any elementwise op), that init becomes a slice of
  // the concat's destination, so one-shot bufferization has the producer
  // write straight into its part of the concat buffer and the insert_slice
  // copies itself onto itself (erased by the canonicalizer after CSE).
  // One-shot analysis still inserts a copy wherever writing in place would
  // clobber a value read later, so this never changes results.
  pm.addPass(bufferization::createEmptyTensorEliminationPass());
  bufferization::OneShotBufferizePassOptions bufferizeOptions;
  bufferizeOptions.bufferizeFunctionBoundaries = true;
  // The C API passes plain pointers to dense row-major tensors.
  bufferizeOptions.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  // Weights become globals with this alignment, ready for vector loads.
  bufferizeOptions.bufferAlignment = layout.bufferAlignment;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferizeOptions));
  // An insert_slice into its own slice bufferizes to a memref.copy between
  // two identical subviews; CSE makes them one value, so the canonicalizer
  // folds the copy away.
  pm.addPass(createCSEPass());
  pm.addPass(createCanonicalizerPass());

  bufferization::BufferResultsToOutParamsPassOptions outParamsOptions;
  // Results are written straight into the caller's output buffers.
  outParamsOptions.hoistStaticAllocs = true;
  outParamsOptions.modifyPublicFunctions = true;
  outParamsOptions.addResultAttribute = true;
  pm.addPass(
      bufferization::createBufferResultsToOutParamsPass(outParamsOptions));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());

  MotePlanArenaOptions arenaOptions;
  arenaOptions.alignment = layout.bufferAlignment;
  arenaOptions.indexBitwidth = layout.indexBitwidth;
  arenaOptions.maxArenaBytes = layout.maxArenaBytes;
  arenaOptions.guardBytes = layout.arenaGuardBytes;
  arenaOptions.ioInArena = layout.ioInArena;
  pm.addPass(createMotePlanArena(arenaOptions));
}

void buildLowerToLLVMPipeline(OpPassManager &pm, const TargetLayout &layout,
                              StringRef modelName, WeightsPlacement weights) {
  // Convolutions and matmuls become register-blocked vector kernels on the
  // planned buffers: after arena planning, so their packed weights are
  // constants and they add no buffer to the arena under either goal. The
  // kernels are unrolled and their packed weights padded to whole vectors,
  // so --optimize=size keeps the smaller scalar loops.
  bool vectorize = layout.goal == OptimizationGoal::Speed &&
                   layout.vectorF32Lanes >= 2;
  if (vectorize) {
    MoteTileAndVectorizeOptions vectorizeOptions;
    vectorizeOptions.vectorWidth = layout.vectorF32Lanes;
    vectorizeOptions.vectorRegisters = layout.vectorRegisters;
    vectorizeOptions.alignment = layout.bufferAlignment;
    pm.addPass(createMoteTileAndVectorize(vectorizeOptions));
  }
  // Every pass from here on, and LLVM above all (its optimizations and
  // register allocation are superlinear in a function's size), works on
  // bounded chunks of the model instead of one function holding every layer.
  MoteOutlineLayersOptions outlineOptions;
  outlineOptions.passWeights = weights == WeightsPlacement::External;
  pm.addPass(createMoteOutlineLayers(outlineOptions));
  OpPassManager &funcPm = pm.nest<func::FuncOp>();
  funcPm.addPass(createMoteExpandStridedCopies());
  funcPm.addPass(createMoteDropEmptyBuffers());
  funcPm.addPass(createConvertLinalgToLoopsPass());
  MoteExpandMathOptions mathOptions;
  mathOptions.expandF32Sqrt = !layout.hasF32Sqrt;
  mathOptions.expandF64Sqrt = !layout.hasF64Sqrt;
  funcPm.addPass(createMoteExpandMath(mathOptions));
  funcPm.addPass(createCanonicalizerPass());

  // Integer powers (math.ipowi, math.fpowi) become private loop functions:
  // LLVM has no integer-power intrinsic, and llvm.powi would call libgcc.
  pm.addPass(createConvertMathToFuncs());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  // expand-strided-metadata leaves affine.apply behind.
  pm.addPass(createLowerAffinePass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());

  unsigned indexBitwidth = layout.indexBitwidth;
  if (vectorize) {
    // The kernels' vector ops map one to one onto LLVM vector operations
    // (vector.fma becomes llvm.fmuladd, never a libm call).
    pm.addPass(createConvertVectorToSCFPass());
    pm.addPass(createConvertVectorToLLVMPass());
  }
  // memref, math, arith, func (memref arguments become plain pointers: the
  // C API of the entry points), cf and ub in one conversion instead of six
  // walks over the unrolled kernels.
  MoteConvertToLLVMOptions llvmOptions;
  llvmOptions.indexBitwidth = indexBitwidth;
  pm.addPass(createMoteConvertToLLVM(llvmOptions));
  pm.addPass(createReconcileUnrealizedCastsPass());

  MoteBuildEntryPointsOptions entryOptions;
  entryOptions.modelName = modelName.str();
  entryOptions.indexBitwidth = indexBitwidth;
  entryOptions.externalWeights = weights == WeightsPlacement::External;
  pm.addPass(createMoteBuildEntryPoints(entryOptions));
  // No canonicalization over the whole LLVM-dialect module here: it cost a
  // tenth of MobileNetV2's compile, and LLVM's InstCombine folds the same
  // descriptor insert/extract chains and constants.
}

//===----------------------------------------------------------------------===//
// Named pipelines for mote-opt
//===----------------------------------------------------------------------===//

namespace {
struct TargetPipelineOptions
    : public PassPipelineOptions<TargetPipelineOptions> {
  Option<unsigned> indexBitwidth{*this, "index-bitwidth",
                                 llvm::cl::desc("Bits of index and size_t"),
                                 llvm::cl::init(64)};
  Option<uint64_t> alignment{*this, "alignment",
                             llvm::cl::desc("Buffer and arena alignment"),
                             llvm::cl::init(64)};
  Option<std::string> modelName{*this, "model-name",
                                llvm::cl::desc("Prefix of exported symbols"),
                                llvm::cl::init("model")};
  Option<OptimizationGoal> goal{
      *this, "optimize",
      llvm::cl::desc("What to favour where speed and memory pull apart"),
      llvm::cl::init(OptimizationGoal::Speed),
      optimizationGoalValues()};

  Option<unsigned> vectorLanes{
      *this, "vector-width",
      llvm::cl::desc("f32 lanes per SIMD register for "
                     "mote-tile-and-vectorize (0: scalar loops)"),
      llvm::cl::init(0)};
  Option<unsigned> vectorRegisters{
      *this, "vector-registers",
      llvm::cl::desc("SIMD registers for mote-tile-and-vectorize"),
      llvm::cl::init(16)};

  TargetLayout getLayout() const {
    TargetLayout layout;
    layout.vectorF32Lanes = vectorLanes;
    layout.vectorRegisters = vectorRegisters;
    layout.indexBitwidth = indexBitwidth;
    layout.bufferAlignment = alignment;
    layout.goal = goal;
    return layout;
  }
};
} // namespace

void registerMotePipelines() {
  PassPipelineRegistration<>(
      "mote-graph-optimize",
      "Graph rewrites on the mote dialect (batch-norm folding, activation "
      "fusion, canonicalization)",
      [](OpPassManager &pm) { buildGraphOptimizationPipeline(pm); });
  PassPipelineRegistration<>(
      "mote-lower-to-linalg",
      "Lowers mote to linalg on tensors and fuses elementwise ops",
      [](OpPassManager &pm) { buildLowerToLinalgPipeline(pm); });
  PassPipelineRegistration<TargetPipelineOptions>(
      "mote-bufferize", "Bufferizes linalg on tensors and plans the arena",
      [](OpPassManager &pm, const TargetPipelineOptions &options) {
        buildBufferizationPipeline(pm, options.getLayout());
      });
  PassPipelineRegistration<TargetPipelineOptions>(
      "mote-lower-to-llvm",
      "Lowers the arena-planned memref IR to the LLVM dialect with entry "
      "points",
      [](OpPassManager &pm, const TargetPipelineOptions &options) {
        buildLowerToLLVMPipeline(pm, options.getLayout(), options.modelName);
      });
  PassPipelineRegistration<TargetPipelineOptions>(
      "mote-compile", "The whole pipeline from mote to the LLVM dialect",
      [](OpPassManager &pm, const TargetPipelineOptions &options) {
        buildGraphOptimizationPipeline(pm);
        buildLowerToLinalgPipeline(pm);
        buildBufferizationPipeline(pm, options.getLayout());
        buildLowerToLLVMPipeline(pm, options.getLayout(), options.modelName);
      });
}

//===----------------------------------------------------------------------===//
// lowerModule / compileModule
//===----------------------------------------------------------------------===//

namespace {
/// Runs `pm` on `module` after applying the command-line hooks.
LogicalResult runPipeline(PassManager &pm, ModuleOp module,
                          const CompileOptions &options) {
  if (options.configurePassManager && failed(options.configurePassManager(pm)))
    return failure();
  std::optional<TimingScope> pipelineTimer;
  if (options.timing) {
    pipelineTimer = options.timing->nest("MLIR pipeline");
    pm.enableTiming(*pipelineTimer);
  }
  return pm.run(module);
}

/// The graph inputs and outputs of the importer's `@main`, as the C API
/// presents them.
FailureOr<std::pair<std::vector<TensorInterface>, std::vector<TensorInterface>>>
collectInterface(ModuleOp module) {
  auto main = module.lookupSymbol<func::FuncOp>("main");
  if (!main || main.isExternal()) {
    module.emitError() << "expected a function named 'main' (the model graph) "
                          "in the module";
    return failure();
  }
  std::vector<TensorInterface> inputs, outputs;
  auto describe = [&](Type type, StringAttr name, StringRef fallback,
                      std::vector<TensorInterface> &list) -> LogicalResult {
    auto tensorType = dyn_cast<RankedTensorType>(type);
    if (!tensorType || !tensorType.hasStaticShape()) {
      main.emitError() << "graph " << fallback << " has type " << type
                       << "; only statically shaped tensors are supported "
                          "(fix symbolic dims with --input-shape)";
      return failure();
    }
    TensorInterface tensor;
    tensor.onnxName = name ? name.str() : fallback.str();
    tensor.shape.assign(tensorType.getShape().begin(),
                        tensorType.getShape().end());
    Type element = tensorType.getElementType();
    unsigned bytes = 0;
    if (element.isF32()) {
      tensor.cType = "float", bytes = 4;
    } else if (element.isF64()) {
      tensor.cType = "double", bytes = 8;
    } else if (element.isF16() || element.isBF16()) {
      tensor.cType = "uint16_t", bytes = 2;
    } else if (element.isInteger(1)) {
      tensor.cType = "uint8_t", bytes = 1;
    } else if (auto intType = dyn_cast<IntegerType>(element);
               intType &&
               llvm::is_contained({8u, 16u, 32u, 64u}, intType.getWidth())) {
      bytes = intType.getWidth() / 8;
      tensor.cType = (intType.isUnsigned() ? "uint" : "int") +
                     std::to_string(intType.getWidth()) + "_t";
    } else {
      main.emitError() << "graph " << fallback << " '" << tensor.onnxName
                       << "' has element type " << element
                       << ", which the C API cannot express";
      return failure();
    }
    tensor.byteSize = bytes * tensorType.getNumElements();
    list.push_back(std::move(tensor));
    return success();
  };
  for (auto [index, type] : llvm::enumerate(main.getArgumentTypes()))
    if (failed(describe(type,
                        main.getArgAttrOfType<StringAttr>(index, "mote.name"),
                        "input " + std::to_string(index), inputs)))
      return failure();
  for (auto [index, type] : llvm::enumerate(main.getResultTypes()))
    if (failed(describe(
            type, main.getResultAttrOfType<StringAttr>(index, "mote.name"),
            "output " + std::to_string(index), outputs)))
      return failure();
  return std::make_pair(std::move(inputs), std::move(outputs));
}
} // namespace

LogicalResult lowerModule(ModuleOp module, EmitStage stage,
                          const CompileOptions &options) {
  PassManager pm(module.getContext());
  buildGraphOptimizationPipeline(pm);
  if (stage != EmitStage::Mote)
    buildLowerToLinalgPipeline(pm);
  if (stage != EmitStage::Mote && stage != EmitStage::Linalg) {
    std::string error;
    std::unique_ptr<llvm::TargetMachine> machine =
        createTargetMachine(options.target, error);
    if (!machine)
      return emitError(UnknownLoc::get(module.getContext())) << error;
    TargetLayout layout = getTargetLayout(*machine, options.target);
    layout.ioInArena = options.target.ioInArena;
    buildBufferizationPipeline(pm, layout);
    buildLowerToLLVMPipeline(pm, layout, options.modelName, options.weights);
    // The translation and the object file agree on the layout of data.
    module->setAttr(
        "llvm.target_triple",
        StringAttr::get(module.getContext(), machine->getTargetTriple().str()));
    module->setAttr(
        "llvm.data_layout",
        StringAttr::get(module.getContext(),
                        machine->createDataLayout().getStringRepresentation()));
  }
  return runPipeline(pm, module, options);
}

FailureOr<CompiledModel> compileModule(ModuleOp module,
                                       const CompileOptions &options) {
  auto interface = collectInterface(module);
  if (failed(interface))
    return failure();
  if (failed(lowerModule(module, EmitStage::LLVMDialect, options)))
    return failure();
  CompiledModel model;
  model.inputs = std::move(interface->first);
  model.outputs = std::move(interface->second);
  auto sizeAttr = module->getAttrOfType<IntegerAttr>("mote.arena_size");
  auto alignAttr = module->getAttrOfType<IntegerAttr>("mote.arena_align");
  if (!sizeAttr || !alignAttr)
    return module.emitError() << "the pipeline did not plan an arena";
  model.arenaSize = sizeAttr.getInt();
  model.arenaAlign = alignAttr.getInt();
  if (auto ioOffsets =
          module->getAttrOfType<DenseI64ArrayAttr>("mote.io_offsets")) {
    ArrayRef<int64_t> offsets = ioOffsets.asArrayRef();
    if (offsets.size() != model.inputs.size() + model.outputs.size())
      return module.emitError()
             << "mote-plan-arena placed " << offsets.size()
             << " inputs and outputs in the arena, but the model has "
             << model.inputs.size() + model.outputs.size();
    for (auto [index, tensor] : llvm::enumerate(model.inputs))
      tensor.arenaOffset = offsets[index];
    for (auto [index, tensor] : llvm::enumerate(model.outputs))
      tensor.arenaOffset = offsets[model.inputs.size() + index];
  }
  if (auto weightsSize = module->getAttrOfType<IntegerAttr>("mote.weights_size"))
    model.weightsSize = weightsSize.getInt();
  if (auto weightsAlign =
          module->getAttrOfType<IntegerAttr>("mote.weights_align"))
    model.weightsAlign = weightsAlign.getInt();
  if (options.weights == WeightsPlacement::External) {
    FailureOr<std::string> blob = extractExternalWeights(module);
    if (failed(blob))
      return failure();
    model.weightsBlob = std::move(*blob);
  }
  FailureOr<std::string> object = emitCode(module, options.codeKind, options);
  if (failed(object))
    return failure();
  model.object = std::move(*object);
  assignCNames(model);
  model.header = writeHeader(model, options);
  return model;
}

} // namespace mote
