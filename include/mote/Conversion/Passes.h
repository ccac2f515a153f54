//===- Passes.h - mote conversion passes ------------------------*- C++ -*-===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Declarations and registration of the passes that lower the mote dialect.
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_CONVERSION_PASSES_H
#define MOTE_CONVERSION_PASSES_H

#include "mote/Conversion/MoteToLinalg/MoteToLinalg.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"

namespace mote {

#define GEN_PASS_DECL
#define GEN_PASS_REGISTRATION
#include "mote/Conversion/Passes.h.inc"

} // namespace mote

#endif // MOTE_CONVERSION_PASSES_H
