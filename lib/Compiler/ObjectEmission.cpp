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

#include "mote/Compiler/Compiler.h"

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
  return layout;
}

FailureOr<std::string> emitCode(ModuleOp module, EmitStage stage,
                                const CompileOptions &options) {
  std::string error;
  std::unique_ptr<llvm::TargetMachine> machine =
      createTargetMachine(options.target, error);
  if (!machine)
    return emitError(UnknownLoc::get(module.getContext())) << error;

  MLIRContext *context = module.getContext();
  registerBuiltinDialectTranslation(*context);
  registerLLVMDialectTranslation(*context);
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

  {
    llvm::LoopAnalysisManager loopAnalyses;
    llvm::FunctionAnalysisManager functionAnalyses;
    llvm::CGSCCAnalysisManager cgsccAnalyses;
    llvm::ModuleAnalysisManager moduleAnalyses;
    llvm::PassBuilder passBuilder(machine.get());
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
  llvm::CodeGenFileType fileType = stage == EmitStage::Assembly
                                       ? llvm::CodeGenFileType::AssemblyFile
                                       : llvm::CodeGenFileType::ObjectFile;
  if (machine->addPassesToEmitFile(codegenPasses, os, nullptr, fileType))
    return module.emitError()
           << "the target '" << machine->getTargetTriple().str()
           << "' cannot emit this file type";
  codegenPasses.run(*llvmModule);
  return std::string(buffer.begin(), buffer.end());
}

} // namespace mote
