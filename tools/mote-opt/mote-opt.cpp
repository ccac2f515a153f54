//===- mote-opt.cpp - mote's optimizer driver -----------------------------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// mlir-opt for mote: the mote dialect, every mote pass and pipeline, and the
// upstream dialects and passes the compiler uses.
//
//===----------------------------------------------------------------------===//

#include "mote/Compiler/Registration.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mote::registerAllDialects(registry);
  mote::registerAllPasses();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "mote optimizer driver\n", registry));
}
