//===- ObjectEmission.cpp - LLVM dialect to object code in-process --------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Target machine selection, translation to LLVM IR, the LLVM optimization
// pipeline and code generation, all in the compiler's process: no llc, no
// temporary files.
//
//===----------------------------------------------------------------------===//

#include "mote/Codegen/Passes.h"
#include "mote/Compiler/Compiler.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Support/Timing.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Analysis/CGSCCPassManager.h"
#include "llvm/Analysis/LoopAnalysisManager.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/StandardInstrumentations.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"
#include "llvm/TargetParser/Triple.h"

#include <mutex>

using namespace mlir;

namespace mote {

namespace {
void initializeTargets() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeAllTargetInfos();
    llvm::InitializeAllTargets();
    llvm::InitializeAllTargetMCs();
    llvm::InitializeAllAsmPrinters();
    llvm::InitializeAllAsmParsers();
  });
}

/// "x86-64, aarch64, arm, thumb, riscv32, ..." for error messages.
std::string listRegisteredTargets() {
  SmallVector<std::string> names;
  for (const llvm::Target &target : llvm::TargetRegistry::targets())
    names.push_back(target.getName());
  llvm::sort(names);
  return llvm::join(names, ", ");
}

/// The host's CPU features as "+a,-b,...".
std::string getHostFeatures() {
  llvm::SubtargetFeatures features;
  for (const auto &feature : llvm::sys::getHostCPUFeatures())
    features.AddFeature(feature.getKey(), feature.getValue());
  return features.getString();
}
} // namespace

std::unique_ptr<llvm::TargetMachine>
createTargetMachine(const TargetOptions &target, std::string &error) {
  initializeTargets();
  std::string cpu = target.cpu;
  std::string features = target.features;
  llvm::Triple triple;
  if (target.triple.empty()) {
    triple = llvm::Triple(llvm::sys::getDefaultTargetTriple());
    // Compiling for the host means compiling for this machine's CPU.
    if (cpu.empty()) {
      cpu = llvm::sys::getHostCPUName().str();
      if (features.empty())
        features = getHostFeatures();
    }
  } else {
    triple = llvm::Triple(llvm::Triple::normalize(target.triple));
  }
  if (cpu.empty())
    cpu = "generic";

  std::string lookupError;
  const llvm::Target *llvmTarget =
      llvm::TargetRegistry::lookupTarget(triple, lookupError);
  if (!llvmTarget || triple.getArch() == llvm::Triple::UnknownArch) {
    error = "unsupported target triple '" + target.triple + "'";
    if (!lookupError.empty())
      error += " (" + lookupError + ")";
    error += "; registered targets: " + listRegisteredTargets() +
             " (e.g. x86_64-linux-gnu, aarch64-linux-gnu, "
             "thumbv7em-none-eabihf, riscv32-unknown-elf)";
    return nullptr;
  }

  // Validate the CPU and features on a bare subtarget first: the target
  // machine would only print a warning and ignore them.
  std::unique_ptr<llvm::MCSubtargetInfo> subtarget(
      llvmTarget->createMCSubtargetInfo(triple, "", ""));
  if (cpu != "generic" && subtarget && !subtarget->isCPUStringValid(cpu)) {
    SmallVector<std::string> cpus;
    for (const auto &description : subtarget->getAllProcessorDescriptions())
      cpus.push_back(description.Key);
    error = "unknown CPU '" + cpu + "' for target '" + triple.str() +
            "'; known CPUs: " + llvm::join(cpus, ", ");
    return nullptr;
  }
  if (!target.features.empty() && subtarget) {
    SmallVector<StringRef> requested;
    StringRef(target.features).split(requested, ',', -1, false);
    for (StringRef feature : requested) {
      feature = feature.trim();
      StringRef name = feature.drop_front();
      bool known = llvm::any_of(
          subtarget->getAllProcessorFeatures(),
          [&](const llvm::SubtargetFeatureKV &kv) { return name == kv.Key; });
      if (!known || !(feature.starts_with("+") || feature.starts_with("-"))) {
        error = "unknown or malformed CPU feature '" + feature.str() +
                "' for target '" + triple.str() +
                "'; write features as +name or -name, e.g. +dsp,-fp64";
        return nullptr;
      }
    }
  }

  llvm::TargetOptions targetOptions;
  // Let the backend fuse multiply-adds where the target has FMA.
  targetOptions.AllowFPOpFusion = llvm::FPOpFusion::Fast;
  targetOptions.EmitStackSizeSection = target.emitStackSizes;
  // One section per function: a linker with --gc-sections drops the entry
  // points an application does not call, and every call between the
  // model's functions leaves a relocation, from which --report finds the
  // deepest chain of stack frames.
  targetOptions.FunctionSections = true;
  // Position-independent code links into PIE executables and shared
  // libraries on hosted systems; bare-metal images are linked at fixed
  // addresses and need no GOT.
  llvm::Reloc::Model relocation = triple.getOS() == llvm::Triple::UnknownOS
                                      ? llvm::Reloc::Static
                                      : llvm::Reloc::PIC_;
  std::unique_ptr<llvm::TargetMachine> machine(llvmTarget->createTargetMachine(
      triple, cpu, features, targetOptions, relocation, std::nullopt,
      llvm::CodeGenOptLevel::Aggressive));
  if (!machine) {
    error = "could not create a target machine for '" + triple.str() + "'";
    return nullptr;
  }
  return machine;
}

TargetLayout getTargetLayout(const llvm::TargetMachine &machine,
                             const TargetOptions &target) {
  TargetLayout layout;
  layout.indexBitwidth = machine.createDataLayout().getPointerSizeInBits();
  // 64 bytes is a cache line on application processors; microcontrollers
  // have no cache to line up with and 16 bytes covers their widest load
  // (Helium/MVE), so less of their small SRAM is lost to padding.
  layout.bufferAlignment = layout.indexBitwidth >= 64 ? 64 : 16;
  // Microcontrollers have kilobytes of SRAM, so they trade speed for a
  // smaller arena unless asked otherwise.
  layout.goal = target.goal.value_or(machine.getTargetTriple().isArmMClass()
                                         ? OptimizationGoal::Size
                                         : OptimizationGoal::Speed);
  layout.maxArenaBytes = target.maxArenaBytes;
  layout.arenaGuardBytes = target.arenaCheck ? 16 : 0;
  const llvm::Triple &triple = machine.getTargetTriple();
  const llvm::MCSubtargetInfo *subtarget = machine.getMCSubtargetInfo();
  if (triple.isARM() || triple.isThumb()) {
    layout.hasF32Sqrt = subtarget->checkFeatures("+vfp2sp");
    layout.hasF64Sqrt = subtarget->checkFeatures("+fp64");
  } else if (triple.isRISCV()) {
    layout.hasF32Sqrt = subtarget->checkFeatures("+f");
    layout.hasF64Sqrt = subtarget->checkFeatures("+d");
  }
  VectorRegisterFile vectors = getVectorRegisterFile(machine);
  layout.vectorF32Lanes = vectors.f32Lanes;
  layout.vectorRegisters = vectors.registers;
  return layout;
}

namespace {
/// Turns LLVM's post-register-allocation list scheduler off for cores that
/// reorder instructions in hardware, and back on for the others, unless
/// `-disable-post-ra` was given on the command line. The unrolled kernels
/// are basic blocks of thousands of loads and stores, on which the
/// scheduler's dependence graph is quadratic: it took a third of the code
/// generator's time on MobileNetV2 for x86, where an out-of-order core
/// hides what it would reorder (no runtime difference measured), while
/// in-order microcontroller pipelines keep it. The option is only read when
/// the code generator's pass pipeline is built, so setting it per compile
/// is enough even when one process compiles for several targets.
void configurePostRAScheduler(const llvm::TargetMachine &machine) {
  auto &options = llvm::cl::getRegisteredOptions();
  auto it = options.find("disable-post-ra");
  if (it == options.end() || it->second->getNumOccurrences() > 0)
    return;
  // Registered by TargetPassConfig.cpp as a cl::opt<bool>.
  auto *disablePostRA = static_cast<llvm::cl::opt<bool> *>(it->second);
  disablePostRA->setValue(
      machine.getMCSubtargetInfo()->getSchedModel().isOutOfOrder());
}

/// Writes the elements of `value` as the target stores them (dense,
/// row-major, little-endian, one byte per i1) to `out`, which has exactly
/// their size.
LogicalResult serializeElements(ElementsAttr value,
                                MutableArrayRef<char> out, Location loc) {
  Type element = value.getElementType();
  uint64_t elementBytes =
      llvm::divideCeil(element.getIntOrFloatBitWidth(), 8);
  auto sizeMismatch = [&](uint64_t bytes) {
    return emitError(loc) << "weight initializer holds " << bytes
                          << " bytes but its type " << value.getType()
                          << " needs " << out.size();
  };
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(value)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return emitError(loc) << "weight initializer refers to the missing "
                               "resource blob '"
                            << resource.getRawHandle().getKey() << "'";
    ArrayRef<char> data = blob->getData();
    if (data.size() != out.size())
      return sizeMismatch(data.size());
    llvm::copy(data, out.begin());
    return success();
  }
  auto dense = dyn_cast<DenseElementsAttr>(value);
  if (!dense)
    return emitError(loc) << "weight initializer " << value
                          << " cannot be written to a weights blob";
  if (element.isInteger(1)) {
    for (auto [index, bit] : llvm::enumerate(dense.getValues<bool>()))
      out[index] = bit ? 1 : 0;
    return success();
  }
  if (element.getIntOrFloatBitWidth() % 8 != 0)
    return emitError(loc) << "weights of element type " << element
                          << " cannot be written to a weights blob";
  ArrayRef<char> raw = dense.getRawData();
  if (dense.isSplat()) {
    for (uint64_t offset = 0; offset < out.size(); offset += elementBytes)
      llvm::copy(raw.take_front(elementBytes), out.begin() + offset);
    return success();
  }
  if (raw.size() != out.size())
    return sizeMismatch(raw.size());
  llvm::copy(raw, out.begin());
  return success();
}

/// True for a section name an ELF assembler accepts unquoted.
bool isValidSectionName(StringRef name) {
  return !name.empty() && llvm::all_of(name, [](char c) {
    return llvm::isAlnum(c) || c == '.' || c == '_' || c == '$';
  });
}
} // namespace

FailureOr<std::string> extractExternalWeights(ModuleOp module) {
  auto sizeAttr = module->getAttrOfType<IntegerAttr>("mote.weights_size");
  if (!sizeAttr)
    return module.emitError()
           << "extractExternalWeights: the module has no `mote.weights_size`; "
              "run mote-build-entry-points with external-weights first";
  std::string blob(sizeAttr.getInt(), '\0');
  SmallVector<LLVM::GlobalOp> moved;
  for (auto global : module.getOps<LLVM::GlobalOp>()) {
    auto offsetAttr =
        global->getAttrOfType<IntegerAttr>("mote.weights_offset");
    if (!offsetAttr)
      continue;
    auto value = dyn_cast_or_null<ElementsAttr>(global.getValueOrNull());
    uint64_t offset = offsetAttr.getInt();
    uint64_t bytes =
        value ? value.getNumElements() *
                    llvm::divideCeil(
                        value.getElementType().getIntOrFloatBitWidth(), 8)
              : 0;
    if (!value || offset + bytes > blob.size())
      return global.emitError()
             << "extractExternalWeights: weight '" << global.getSymName()
             << "' does not fit the " << blob.size() << "-byte blob";
    if (failed(serializeElements(
            value, MutableArrayRef<char>(blob.data() + offset, bytes),
            global.getLoc())))
      return failure();
    moved.push_back(global);
  }
  for (LLVM::GlobalOp global : moved) {
    if (!SymbolTable::symbolKnownUseEmpty(global, module))
      return global.emitError()
             << "extractExternalWeights: weight '" << global.getSymName()
             << "' is still referenced from the object";
    global.erase();
  }
  return blob;
}

namespace {
/// Retypes every constant global initialized from raw element data (weights
/// in resource blobs, non-splat dense constants) as one flat byte array
/// `!llvm.array<bytes x i8>` with the same bytes. The translation to LLVM IR
/// then builds a single ConstantDataArray per weight straight from the blob,
/// where a nested array type would give one uniqued constant per innermost
/// row (a 3x3 convolution's weights: millions of 12-byte constants to build,
/// optimize over and free), and the code generator writes it with one byte
/// copy instead of element by element. Loads are unaffected: the memref
/// lowering addresses a global through a pointer to its first element, and
/// pointers are opaque.
void flattenConstantGlobals(ModuleOp module) {
  MLIRContext *context = module.getContext();
  auto byteType = IntegerType::get(context, 8);
  for (auto global : module.getOps<LLVM::GlobalOp>()) {
    auto value = dyn_cast_or_null<ElementsAttr>(global.getValueOrNull());
    if (!global.getConstant() || !value)
      continue;
    // i1 elements are bit-packed in dense attributes; other odd widths have
    // no byte layout to copy.
    Type element = value.getElementType();
    if (!element.isIntOrFloat() || element.getIntOrFloatBitWidth() % 8 != 0)
      continue;
    int64_t bytes =
        value.getNumElements() * (element.getIntOrFloatBitWidth() / 8);
    auto flatType = RankedTensorType::get({bytes}, byteType);
    Attribute flatValue;
    if (auto resource = dyn_cast<DenseResourceElementsAttr>(value)) {
      AsmResourceBlob *blob = resource.getRawHandle().getBlob();
      if (!blob || static_cast<int64_t>(blob->getData().size()) != bytes)
        continue;
      flatValue =
          DenseResourceElementsAttr::get(flatType, resource.getRawHandle());
    } else if (auto dense = dyn_cast<DenseElementsAttr>(value)) {
      // Splats already become one LLVM constant, and their raw data is a
      // single element.
      if (dense.isSplat() ||
          static_cast<int64_t>(dense.getRawData().size()) != bytes)
        continue;
      flatValue = DenseElementsAttr::getFromRawBuffer(flatType,
                                                      dense.getRawData());
    } else {
      continue;
    }
    global.setGlobalType(LLVM::LLVMArrayType::get(byteType, bytes));
    global.setValueAttr(flatValue);
  }
}
} // namespace

FailureOr<std::string> emitCode(ModuleOp module, EmitStage stage,
                                const CompileOptions &options) {
  std::string error;
  std::unique_ptr<llvm::TargetMachine> machine =
      createTargetMachine(options.target, error);
  if (!machine)
    return emitError(UnknownLoc::get(module.getContext())) << error;

  // Phase timers for `motec --time-report`; inert when timing is off.
  TimingScope noTiming;
  TimingScope &timing = options.timing ? *options.timing : noTiming;

  MLIRContext *context = module.getContext();
  registerBuiltinDialectTranslation(*context);
  registerLLVMDialectTranslation(*context);
  TimingScope translationTimer = timing.nest("translation to LLVM IR");
  flattenConstantGlobals(module);
  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, llvmContext, options.modelName);
  if (!llvmModule)
    return module.emitError() << "translation to LLVM IR failed";
  llvmModule->setTargetTriple(machine->getTargetTriple());
  llvmModule->setDataLayout(machine->createDataLayout());
  // Every function gets the target's CPU and features, so the optimizer and
  // the code generator agree on what is available (vector widths, FMA).
  for (llvm::Function &function : *llvmModule) {
    if (function.isDeclaration())
      continue;
    function.addFnAttr("target-cpu", machine->getTargetCPU());
    if (!machine->getTargetFeatureString().empty())
      function.addFnAttr("target-features", machine->getTargetFeatureString());
  }

  translationTimer.stop();

  {
    TimingScope optimizationTimer = timing.nest("LLVM optimization");
    llvm::LoopAnalysisManager loopAnalyses;
    llvm::FunctionAnalysisManager functionAnalyses;
    llvm::CGSCCAnalysisManager cgsccAnalyses;
    llvm::ModuleAnalysisManager moduleAnalyses;
    // Standard instrumentations make LLVM's own `-time-passes` and
    // `-print-after=...` work through motec's command line.
    llvm::PassInstrumentationCallbacks instrumentation;
    llvm::StandardInstrumentations standardInstrumentation(
        llvmContext, /*DebugLogging=*/false);
    standardInstrumentation.registerCallbacks(instrumentation,
                                              &moduleAnalyses);
    llvm::PassBuilder passBuilder(machine.get(), llvm::PipelineTuningOptions(),
                                  std::nullopt, &instrumentation);
    passBuilder.registerModuleAnalyses(moduleAnalyses);
    passBuilder.registerCGSCCAnalyses(cgsccAnalyses);
    passBuilder.registerFunctionAnalyses(functionAnalyses);
    passBuilder.registerLoopAnalyses(loopAnalyses);
    passBuilder.crossRegisterProxies(loopAnalyses, functionAnalyses,
                                     cgsccAnalyses, moduleAnalyses);
    llvm::ModulePassManager modulePasses =
        passBuilder.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O3);
    modulePasses.run(*llvmModule, moduleAnalyses);
  }

  // --weights-section: every constant the optimizer kept, weights and the
  // lookup tables it made from them, goes to the named section, aligned for
  // the target's widest vector load so the section can live in any flash.
  if (!options.weightsSection.empty()) {
    if (!isValidSectionName(options.weightsSection))
      return module.emitError()
             << "--weights-section='" << options.weightsSection
             << "' is not a section name; use letters, digits, '.', '_' "
                "and '$', e.g. .rodata.nn";
    if (!machine->getTargetTriple().isOSBinFormatELF())
      return module.emitError()
             << "--weights-section needs an ELF target; '"
             << machine->getTargetTriple().str() << "' is not one";
    llvm::Align vectorAlign(
        getTargetLayout(*machine, options.target).bufferAlignment);
    for (llvm::GlobalVariable &global : llvmModule->globals()) {
      if (!global.isConstant() || !global.hasInitializer())
        continue;
      global.setSection(options.weightsSection);
      if (global.getAlign().valueOrOne() < vectorAlign)
        global.setAlignment(vectorAlign);
    }
  }

  std::string result;
  if (stage == EmitStage::LLVMIR) {
    llvm::raw_string_ostream os(result);
    llvmModule->print(os, nullptr);
    return result;
  }
  if (stage != EmitStage::Assembly && stage != EmitStage::Object)
    return module.emitError() << "emitCode: expects LLVM IR, assembly or an "
                                 "object file as the stage";
  llvm::SmallVector<char, 0> buffer;
  llvm::raw_svector_ostream os(buffer);
  llvm::legacy::PassManager codegenPasses;
  configurePostRAScheduler(*machine);
  llvm::CodeGenFileType fileType = stage == EmitStage::Assembly
                                       ? llvm::CodeGenFileType::AssemblyFile
                                       : llvm::CodeGenFileType::ObjectFile;
  if (machine->addPassesToEmitFile(codegenPasses, os, nullptr, fileType))
    return module.emitError()
           << "the target '" << machine->getTargetTriple().str()
           << "' cannot emit this file type";
  TimingScope codegenTimer = timing.nest("LLVM code generation");
  codegenPasses.run(*llvmModule);
  codegenTimer.stop();
  return std::string(buffer.begin(), buffer.end());
}

} // namespace mote
