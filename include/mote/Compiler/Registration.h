//===- Registration.h - everything mote tools register ----------*- C++ -*-===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_COMPILER_REGISTRATION_H
#define MOTE_COMPILER_REGISTRATION_H

#include "mlir/IR/DialectRegistry.h"

namespace mote {

/// The mote dialect, the upstream dialects the pipeline uses, and their
/// external models (bufferization, LLVM translation, ...).
void registerAllDialects(mlir::DialectRegistry &registry);

/// mote's passes and named pipelines, and the upstream passes mote-opt
/// exposes.
void registerAllPasses();

} // namespace mote

#endif // MOTE_COMPILER_REGISTRATION_H
