//===- PlanArena.cpp - places every buffer of a model in one arena --------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Replaces the heap allocations bufferization leaves behind with views into a
// caller-provided arena. Lifetimes are measured in top-level ops of the model
// function; a linear scan in program order reuses the ranges of dead buffers.
//
//===----------------------------------------------------------------------===//

#include "mote/Compiler/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MathExtras.h"

namespace mote {
#define GEN_PASS_DEF_MOTEPLANARENA
#include "mote/Compiler/Passes.h.inc"
} // namespace mote

using namespace mlir;

namespace {

/// One buffer to place: its allocation, size and the top-level op range
/// [begin, end] during which its contents may be read or written.
struct PlannedBuffer {
  Operation *allocation;
  MemRefType type;
  uint64_t byteSize;
  unsigned begin;
  unsigned end;
  uint64_t offset = 0;
};

/// Returns the byte size of one element as the LLVM lowering stores it, or
/// nullopt for element types an arena cannot hold.
std::optional<uint64_t> getElementByteSize(Type type, unsigned indexBitwidth) {
  if (isa<IndexType>(type))
    return llvm::divideCeil(indexBitwidth, 8);
  if (type.isIntOrFloat())
    return llvm::divideCeil(type.getIntOrFloatBitWidth(), 8);
  if (auto vectorType = dyn_cast<VectorType>(type)) {
    if (vectorType.isScalable())
      return std::nullopt;
    std::optional<uint64_t> elementSize =
        getElementByteSize(vectorType.getElementType(), indexBitwidth);
    if (!elementSize)
      return std::nullopt;
    return llvm::PowerOf2Ceil(*elementSize * vectorType.getNumElements());
  }
  return std::nullopt;
}

/// Returns the op of `block` that contains `op`.
Operation *getTopLevelAncestor(Operation *op, Block &block) {
  return block.findAncestorOpInBlock(*op);
}

struct MotePlanArenaPass
    : public mote::impl::MotePlanArenaBase<MotePlanArenaPass> {
  using Base::Base;

  void runOnOperation() override;

  /// Last top-level op index at which `root` or any memref derived from it is
  /// used. Derived memrefs are over-approximated by every memref result of a
  /// user op (views, casts, loop results): too long a lifetime only costs
  /// arena space, too short a one would corrupt data.
  unsigned findLastUse(Value root, Block &body,
                       const DenseMap<Operation *, unsigned> &position) const;

  /// Assigns offsets with a linear scan in program order; returns the arena
  /// size.
  uint64_t assignOffsets(MutableArrayRef<PlannedBuffer> buffers) const;
};

unsigned MotePlanArenaPass::findLastUse(
    Value root, Block &body,
    const DenseMap<Operation *, unsigned> &position) const {
  unsigned last = 0;
  SmallVector<Value> worklist{root};
  DenseSet<Value> visited{root};
  auto addAlias = [&](Value value) {
    if (isa<BaseMemRefType>(value.getType()) && visited.insert(value).second)
      worklist.push_back(value);
  };
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    for (OpOperand &use : value.getUses()) {
      Operation *user = use.getOwner();
      if (Operation *ancestor = getTopLevelAncestor(user, body))
        last = std::max(last, position.lookup(ancestor));
      for (Value result : user->getResults())
        addAlias(result);
      // A memref yielded from a region lives on in the parent's results.
      if (user->hasTrait<OpTrait::IsTerminator>())
        if (Operation *parent = user->getParentOp())
          for (Value result : parent->getResults())
            addAlias(result);
    }
  }
  return last;
}

uint64_t
MotePlanArenaPass::assignOffsets(MutableArrayRef<PlannedBuffer> buffers) const {
  uint64_t arenaSize = 0;
  // Buffers whose ranges are taken, by offset; a linear scan frees a buffer
  // once the scan passes its last use.
  SmallVector<PlannedBuffer *> live;
  for (PlannedBuffer &buffer : buffers) {
    llvm::erase_if(
        live, [&](PlannedBuffer *other) { return other->end < buffer.begin; });
    llvm::sort(live, [](PlannedBuffer *a, PlannedBuffer *b) {
      return a->offset < b->offset;
    });
    // First fit: the lowest aligned gap between live buffers that is large
    // enough, else past the last one.
    uint64_t candidate = 0;
    for (PlannedBuffer *other : live) {
      if (candidate + buffer.byteSize <= other->offset)
        break;
      candidate = std::max(
          candidate, llvm::alignTo(other->offset + other->byteSize, alignment));
    }
    buffer.offset = candidate;
    arenaSize = std::max(arenaSize, candidate + buffer.byteSize);
    live.push_back(&buffer);
  }
  return llvm::alignTo(arenaSize, alignment);
}

void MotePlanArenaPass::runOnOperation() {
  ModuleOp module = getOperation();
  if (alignment == 0 || !llvm::isPowerOf2_64(alignment)) {
    module.emitError() << "mote-plan-arena: alignment must be a power of two, "
                          "got "
                       << static_cast<uint64_t>(alignment);
    return signalPassFailure();
  }
  auto func = module.lookupSymbol<func::FuncOp>(functionName);
  if (!func || func.isExternal()) {
    module.emitError() << "mote-plan-arena: no function body named '"
                       << functionName << "' to plan";
    return signalPassFailure();
  }
  if (!func.getBody().hasOneBlock()) {
    func.emitError() << "mote-plan-arena: expects a single-block function "
                        "(run it before lowering structured control flow)";
    return signalPassFailure();
  }
  Block &body = func.getBody().front();

  DenseMap<Operation *, unsigned> position;
  for (auto [index, op] : llvm::enumerate(body))
    position[&op] = index;

  SmallVector<PlannedBuffer> buffers;
  WalkResult walk = func.walk([&](Operation *op) {
    if (!isa<memref::AllocOp, memref::AllocaOp>(op))
      return WalkResult::advance();
    auto type = cast<MemRefType>(op->getResult(0).getType());
    if (!type.hasStaticShape() || !type.getLayout().isIdentity()) {
      op->emitError() << "mote-plan-arena: cannot place a buffer of type "
                      << type
                      << " in the arena; only statically shaped buffers with "
                         "the identity layout are supported";
      return WalkResult::interrupt();
    }
    if (type.getMemorySpace()) {
      op->emitError() << "mote-plan-arena: buffers in memory space "
                      << type.getMemorySpace() << " are not supported";
      return WalkResult::interrupt();
    }
    std::optional<uint64_t> elementSize =
        getElementByteSize(type.getElementType(), indexBitwidth);
    if (!elementSize) {
      op->emitError() << "mote-plan-arena: unsupported element type "
                      << type.getElementType();
      return WalkResult::interrupt();
    }
    PlannedBuffer buffer{op, type, *elementSize * type.getNumElements(), 0, 0};
    buffer.begin = position.lookup(getTopLevelAncestor(op, body));
    buffer.end =
        std::max(buffer.begin, findLastUse(op->getResult(0), body, position));
    buffers.push_back(buffer);
    return WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return signalPassFailure();

  // The walk visits top-level ops in program order, so `begin` never
  // decreases: the list is already in the order the linear scan needs.
  uint64_t arenaSize = assignOffsets(buffers);

  // The arena becomes the model function's last argument.
  MLIRContext *context = &getContext();
  auto arenaType = MemRefType::get({static_cast<int64_t>(arenaSize)},
                                   IntegerType::get(context, 8));
  unsigned arenaIndex = func.getNumArguments();
  auto arenaAttrs = DictionaryAttr::get(
      context, {NamedAttribute(StringAttr::get(context, "mote.name"),
                               StringAttr::get(context, "arena"))});
  if (failed(func.insertArgument(arenaIndex, arenaType, arenaAttrs,
                                 func.getLoc())))
    return signalPassFailure();
  Value arena = func.getArgument(arenaIndex);

  OpBuilder builder(context);
  for (PlannedBuffer &buffer : buffers) {
    Operation *allocation = buffer.allocation;
    // The arena outlives every call; deallocations become no-ops.
    for (Operation *user :
         llvm::make_early_inc_range(allocation->getResult(0).getUsers()))
      if (isa<memref::DeallocOp>(user))
        user->erase();
    builder.setInsertionPoint(allocation);
    Location loc = allocation->getLoc();
    Value offset = arith::ConstantIndexOp::create(
        builder, loc, static_cast<int64_t>(buffer.offset));
    Value view = memref::ViewOp::create(builder, loc, buffer.type, arena,
                                        offset, ValueRange{});
    allocation->getResult(0).replaceAllUsesWith(view);
    allocation->erase();
  }

  Builder attrBuilder(context);
  // The entry points need to know which arguments are outputs.
  unsigned numOutputs = 0;
  for (unsigned i = 0; i < arenaIndex; ++i)
    if (func.getArgAttr(i, "bufferize.result"))
      ++numOutputs;
  func->setAttr("mote.num_inputs",
                attrBuilder.getI64IntegerAttr(arenaIndex - numOutputs));
  func->setAttr("mote.num_outputs", attrBuilder.getI64IntegerAttr(numOutputs));
  module->setAttr("mote.arena_size", attrBuilder.getI64IntegerAttr(
                                         static_cast<int64_t>(arenaSize)));
  module->setAttr("mote.arena_align", attrBuilder.getI64IntegerAttr(
                                          static_cast<int64_t>(alignment)));
}

} // namespace
