//===- DropEmptyBuffers.cpp - models with zero-element tensors ------------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// A tensor with a zero dim (ONNX allows them: Slice past the end, Reshape
// with allowzero, ...) holds no data, so every copy into or out of it and
// every loop over it does nothing. The bare-pointer LLVM lowering of function
// arguments cannot represent an identity-layout memref whose zero dim is not
// the leading one (its canonical strides collapse), and the model function
// would silently stay a func.func. This pass erases the work on such buffers
// and retypes the then unused arguments to memref<0xT>, a plain pointer.
//
//===----------------------------------------------------------------------===//

#include "mote/Compiler/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace mote {
#define GEN_PASS_DEF_MOTEDROPEMPTYBUFFERS
#include "mote/Compiler/Passes.h.inc"
} // namespace mote

using namespace mlir;

namespace {

bool isEmptyBuffer(Type type) {
  auto memrefType = dyn_cast<MemRefType>(type);
  return memrefType && memrefType.hasStaticShape() &&
         memrefType.getNumElements() == 0;
}

struct MoteDropEmptyBuffersPass
    : public mote::impl::MoteDropEmptyBuffersBase<MoteDropEmptyBuffersPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    // Ops that move no data: copies from or to an empty buffer, and linalg
    // ops whose iteration space is empty.
    SmallVector<Operation *> noOps;
    func.walk([&](Operation *op) {
      if (auto copy = dyn_cast<memref::CopyOp>(op)) {
        if (isEmptyBuffer(copy.getSource().getType()) ||
            isEmptyBuffer(copy.getTarget().getType()))
          noOps.push_back(op);
        return;
      }
      auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
      if (linalgOp && linalgOp.hasPureBufferSemantics() &&
          llvm::is_contained(linalgOp.getStaticLoopRanges(), 0))
        noOps.push_back(op);
    });
    for (Operation *op : noOps)
      op->erase();

    // Unused empty arguments become memref<0xT>; views of them that are now
    // unused go first. Only public functions (the model function): a
    // private one's callers would need the same change.
    if (func.isExternal() || !func.isPublic())
      return;
    Block &entry = func.front();
    SmallVector<Type> argumentTypes(func.getArgumentTypes());
    bool changed = false;
    for (BlockArgument argument : entry.getArguments()) {
      auto type = dyn_cast<MemRefType>(argument.getType());
      if (!isEmptyBuffer(type) || type.getRank() == 1)
        continue;
      for (Operation *user : llvm::make_early_inc_range(argument.getUsers()))
        if (isa<ViewLikeOpInterface>(user) && user->use_empty())
          user->erase();
      if (!argument.use_empty())
        continue;
      auto flat = MemRefType::get({0}, type.getElementType(), nullptr,
                                  type.getMemorySpace());
      argument.setType(flat);
      argumentTypes[argument.getArgNumber()] = flat;
      changed = true;
    }
    if (changed)
      func.setFunctionType(FunctionType::get(
          func.getContext(), argumentTypes, func.getResultTypes()));
  }
};

} // namespace
