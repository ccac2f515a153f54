//===- RematerializeInits.cpp - one constant initial value per kernel -----===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// CSE merges the identical bias fills of several kernels into one value;
// one-shot bufferization then writes that value in place for one user and
// copies it for every other. Cloning the fill per user turns each copy
// back into the fill the kernel folds away.
//
//===----------------------------------------------------------------------===//

#include "mote/Compiler/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"

namespace mote {
#define GEN_PASS_DEF_MOTEREMATERIALIZEINITS
#include "mote/Compiler/Passes.h.inc"
} // namespace mote

using namespace mlir;

namespace {

/// Whether `op` computes a tensor from constants only: a `linalg.fill` or
/// `linalg.generic` on tensors whose inputs are constants and whose init is
/// a `tensor.empty`, so a clone recomputes exactly the same value.
bool isConstantInit(Operation *op) {
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  if (!linalgOp || !isa<linalg::FillOp, linalg::GenericOp>(op) ||
      !linalgOp.hasPureTensorSemantics() || op->getNumResults() != 1 ||
      linalgOp.getNumDpsInits() != 1)
    return false;
  if (!linalgOp.getDpsInits()[0].getDefiningOp<tensor::EmptyOp>())
    return false;
  return llvm::all_of(linalgOp.getDpsInputs(), [](Value input) {
    Operation *producer = input.getDefiningOp();
    return producer && producer->hasTrait<OpTrait::ConstantLike>();
  });
}

struct MoteRematerializeInitsPass
    : public mote::impl::MoteRematerializeInitsBase<
          MoteRematerializeInitsPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<Operation *> producers;
    getOperation().walk([&](Operation *op) {
      if (isConstantInit(op) && !op->getResult(0).hasOneUse())
        producers.push_back(op);
    });
    for (Operation *producer : producers) {
      Value shared = producer->getResult(0);
      // The uses that take the value as a destination; reads keep the
      // shared value.
      SmallVector<OpOperand *> destinations;
      for (OpOperand &use : shared.getUses()) {
        auto user = dyn_cast<DestinationStyleOpInterface>(use.getOwner());
        if (user && user.isDpsInit(&use))
          destinations.push_back(&use);
      }
      // When every use is a destination, the first user in program order
      // keeps the original (use lists are not in program order).
      OpOperand *kept = nullptr;
      if (destinations.size() == llvm::range_size(shared.getUses()))
        kept = *llvm::min_element(destinations, [](OpOperand *lhs,
                                                   OpOperand *rhs) {
          Operation *a = lhs->getOwner(), *b = rhs->getOwner();
          return a->getBlock() == b->getBlock() && a->isBeforeInBlock(b);
        });
      for (OpOperand *use : destinations) {
        if (use == kept)
          continue;
        OpBuilder b(use->getOwner());
        auto linalgOp = cast<linalg::LinalgOp>(producer);
        Operation *empty = linalgOp.getDpsInits()[0].getDefiningOp();
        IRMapping mapping;
        mapping.map(empty->getResult(0), b.clone(*empty)->getResult(0));
        use->set(b.clone(*producer, mapping)->getResult(0));
      }
    }
  }
};

} // namespace
