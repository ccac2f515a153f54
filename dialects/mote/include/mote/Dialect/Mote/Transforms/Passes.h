//===- Passes.h - mote graph rewrites ---------------------------*- C++ -*-===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_DIALECT_MOTE_TRANSFORMS_PASSES_H
#define MOTE_DIALECT_MOTE_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

namespace mote {

#define GEN_PASS_DECL
#include "mote/Dialect/Mote/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "mote/Dialect/Mote/Transforms/Passes.h.inc"

} // namespace mote

#endif // MOTE_DIALECT_MOTE_TRANSFORMS_PASSES_H
