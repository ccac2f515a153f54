//===- Passes.h - mote back-end passes --------------------------*- C++ -*-===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The passes of the back end: arena planning, math expansion and the C entry
// points, plus the named pipelines built from them.
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_COMPILER_PASSES_H
#define MOTE_COMPILER_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mote {

#define GEN_PASS_DECL
#define GEN_PASS_REGISTRATION
#include "mote/Compiler/Passes.h.inc"

/// Registers `mote-graph-optimize`, `mote-lower-to-linalg`,
/// `mote-bufferize`, `mote-lower-to-llvm` and `mote-compile`.
void registerMotePipelines();

} // namespace mote

#endif // MOTE_COMPILER_PASSES_H
