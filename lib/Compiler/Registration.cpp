//===- Registration.cpp - everything mote tools register ------------------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#include "mote/Compiler/Registration.h"
#include "mote/Codegen/Passes.h"
#include "mote/Compiler/Passes.h"
#include "mote/Conversion/Passes.h"
#include "mote/Dialect/Mote/IR/Mote.h"
#include "mote/Dialect/Mote/Transforms/Passes.h"

#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"

#include <mutex>

void mote::registerAllDialects(mlir::DialectRegistry &registry) {
  registry.insert<mote::MoteDialect>();
  // Every upstream dialect with its external models: bufferization of
  // arith/linalg/tensor/scf/..., ConvertToLLVM and inliner interfaces.
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::registerBuiltinDialectTranslation(registry);
  mlir::registerLLVMDialectTranslation(registry);
}

void mote::registerAllPasses() {
  // Registering a pass name twice is an error; tools may call this from
  // several places.
  static std::once_flag once;
  std::call_once(once, [] {
    mlir::registerAllPasses();
    registerMoteTransformsPasses();
    registerMoteConversionPasses();
    registerMoteCodegenPasses();
    registerMoteCompilerPasses();
    registerMotePipelines();
  });
}
