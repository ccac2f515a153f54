//===- MoteDialect.cpp - mote dialect registration ------------------------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#include "mote/Dialect/Mote/IR/Mote.h"

#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mote;

#include "mote/Dialect/Mote/IR/MoteDialect.cpp.inc"
#include "mote/Dialect/Mote/IR/MoteEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "mote/Dialect/Mote/IR/MoteAttrs.cpp.inc"

void MoteDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "mote/Dialect/Mote/IR/MoteOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "mote/Dialect/Mote/IR/MoteAttrs.cpp.inc"
      >();
}

/// Folded values are always tensors of constants: arith.constant holds them.
Operation *MoteDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                            Type type, Location loc) {
  auto typed = dyn_cast<TypedAttr>(value);
  if (!typed || typed.getType() != type)
    return nullptr;
  return arith::ConstantOp::create(builder, loc, type, typed);
}
