//===- Mote.h - mote dialect and ops ----------------------------*- C++ -*-===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_DIALECT_MOTE_IR_MOTE_H
#define MOTE_DIALECT_MOTE_IR_MOTE_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "mote/Dialect/Mote/IR/MoteDialect.h.inc"
#include "mote/Dialect/Mote/IR/MoteEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "mote/Dialect/Mote/IR/MoteAttrs.h.inc"

#define GET_OP_CLASSES
#include "mote/Dialect/Mote/IR/MoteOps.h.inc"

#endif // MOTE_DIALECT_MOTE_IR_MOTE_H
