//===- PlanArena.cpp - places every buffer of a model in one arena --------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Replaces the heap allocations bufferization leaves behind with views into a
// caller-provided arena, as small as the program allows:
//
//  1. Live-range splitting: a buffer that an op overwrites completely without
//     reading it holds a new value from there on; the later uses get a buffer
//     of their own, so the two values need not share (and pin) one range.
//  2. Copy elision: a buffer whose last use copies it into the interior of a
//     larger buffer (the padded input of a convolution) is replaced by that
//     interior; its producers write straight into the padded buffer.
//  3. In-place execution: an elementwise op whose input dies at that op
//     writes its output over the input.
//  4. Offsets: several heuristics place the buffers; the smallest arena wins.
//
// Lifetimes are measured in top-level ops of the model function.
//
//===----------------------------------------------------------------------===//

#include "ArenaSchedule.h"
#include "mote/Compiler/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/EquivalenceClasses.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MathExtras.h"

namespace mote {
#define GEN_PASS_DEF_MOTEPLANARENA
#include "mote/Compiler/Passes.h.inc"
} // namespace mote

using namespace mlir;

namespace {

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

/// The attribute io-in-arena puts on the allocation that replaces a function
/// argument: the argument's index.
constexpr llvm::StringLiteral kIoIndexAttr = "mote.io_index";

/// Marks the io-in-arena allocations that stand for outputs.
constexpr llvm::StringLiteral kIoOutputAttr = "mote.io_output";

/// True for an allocation standing for an input or output (io-in-arena).
bool isIoBuffer(Operation *allocation) {
  return allocation->hasAttr(kIoIndexAttr);
}

/// True for an allocation standing for an input (io-in-arena): the caller's
/// data, which must stay intact for the whole call.
bool isIoInput(Operation *allocation) {
  return isIoBuffer(allocation) && !allocation->hasAttr(kIoOutputAttr);
}

/// Numbers the ops of `body` in program order.
DenseMap<Operation *, unsigned> numberOps(Block &body) {
  DenseMap<Operation *, unsigned> position;
  for (auto [index, op] : llvm::enumerate(body))
    position[&op] = index;
  return position;
}

/// A top-level `memref.alloc` of `body` whose users are all top-level ops
/// that neither create aliases of it (no memref results) nor hand it across a
/// region boundary: the only buffers whose every access the rewrites below
/// can see. Returns its users in program order, or nothing.
std::optional<SmallVector<Operation *>>
getDirectUsersInOrder(memref::AllocOp alloc, Block &body) {
  if (alloc->getBlock() != &body)
    return std::nullopt;
  SmallVector<Operation *> users;
  for (Operation *user : alloc.getResult().getUsers()) {
    if (user->getBlock() != &body)
      return std::nullopt;
    if (llvm::any_of(user->getResultTypes(),
                     [](Type type) { return isa<BaseMemRefType>(type); }))
      return std::nullopt;
    if (isa<func::ReturnOp, func::CallOp>(user))
      return std::nullopt;
    if (!llvm::is_contained(users, user))
      users.push_back(user);
  }
  llvm::sort(users, [](Operation *a, Operation *b) {
    return a->isBeforeInBlock(b);
  });
  return users;
}

/// True when `op` writes every element of `buffer` without reading any of it
/// first, so the buffer's previous contents are dead before `op`.
bool overwritesWithoutReading(Operation *op, Value buffer) {
  if (auto copy = dyn_cast<memref::CopyOp>(op))
    return copy.getTarget() == buffer && copy.getSource() != buffer;
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  if (!linalgOp || !linalgOp.hasPureBufferSemantics() ||
      !linalgOp.isAllParallelLoops())
    return false;
  OpOperand *written = nullptr;
  for (OpOperand &operand : op->getOpOperands()) {
    if (operand.get() != buffer)
      continue;
    // Read as an input, or written through two operands: not a plain
    // overwrite.
    if (!linalgOp.isDpsInit(&operand) || written)
      return false;
    written = &operand;
  }
  if (!written)
    return false;
  // A permutation over static loop ranges taken from the shapes visits every
  // element exactly once.
  return linalgOp.getMatchingIndexingMap(written).isPermutation() &&
         !linalgOp.payloadUsesValueFromOperand(written);
}

/// True when every value `op` uses (operands and values its regions capture)
/// is defined by an op of `body` before `point`, is a block argument or is
/// `movedAlong` (defined by an op that moves with `op`).
bool usesOnlyValuesDefinedBefore(Operation *op, Operation *point,
                                 Block &body, Value movedAlong) {
  SetVector<Value> values(op->getOperands().begin(), op->getOperands().end());
  getUsedValuesDefinedAbove(op->getRegions(), values);
  return llvm::all_of(values, [&](Value value) {
    if (value == movedAlong)
      return true;
    Operation *definingOp = value.getDefiningOp();
    if (!definingOp)
      return true;
    Operation *ancestor = getTopLevelAncestor(definingOp, body);
    return ancestor && ancestor->isBeforeInBlock(point);
  });
}

/// Reports why the buffer `allocation` creates cannot live in the arena.
LogicalResult checkPlaceable(Operation *allocation, unsigned indexBitwidth) {
  auto type = cast<MemRefType>(allocation->getResult(0).getType());
  if (!type.hasStaticShape() || !type.getLayout().isIdentity())
    return allocation->emitError()
           << "mote-plan-arena: cannot place a buffer of type " << type
           << " in the arena; only statically shaped buffers with the "
              "identity layout are supported";
  if (type.getMemorySpace())
    return allocation->emitError()
           << "mote-plan-arena: buffers in memory space "
           << type.getMemorySpace() << " are not supported";
  if (!getElementByteSize(type.getElementType(), indexBitwidth))
    return allocation->emitError()
           << "mote-plan-arena: unsupported element type "
           << type.getElementType();
  return success();
}

/// One buffer to place: the allocations sharing one range of the arena (more
/// than one after in-place merging), its size and the top-level op range
/// [begin, end] during which its contents may be read or written.
struct PlannedBuffer {
  SmallVector<Operation *, 2> allocations;
  /// Bytes the buffer takes in the arena: its contents, plus the guard zones
  /// around them with --arena-check.
  uint64_t byteSize;
  /// Bytes of contents (the largest allocation).
  uint64_t payloadBytes = 0;
  unsigned begin;
  unsigned end;
  uint64_t offset = 0;
};

/// An offset-assignment heuristic: the order in which buffers are placed,
/// each at the lowest aligned offset that fits among the already placed
/// buffers whose lifetimes overlap it.
struct PlacementOrder {
  const char *name;
  std::function<bool(const PlannedBuffer &, const PlannedBuffer &)> before;
};

bool overlapInTime(const PlannedBuffer &a, const PlannedBuffer &b) {
  return a.begin <= b.end && b.begin <= a.end;
}

/// Places `buffers` in `order`; returns each buffer's offset and the arena
/// size.
std::pair<SmallVector<uint64_t>, uint64_t>
placeInOrder(ArrayRef<PlannedBuffer> buffers, const PlacementOrder &order,
             uint64_t alignment) {
  SmallVector<unsigned> indices =
      llvm::to_vector(llvm::seq<unsigned>(0, buffers.size()));
  // Ties keep program order, so each heuristic is deterministic.
  llvm::stable_sort(indices, [&](unsigned a, unsigned b) {
    return order.before(buffers[a], buffers[b]);
  });
  SmallVector<uint64_t> offsets(buffers.size(), 0);
  SmallVector<unsigned> placed;
  uint64_t arenaSize = 0;
  for (unsigned index : indices) {
    const PlannedBuffer &buffer = buffers[index];
    SmallVector<unsigned> conflicts;
    for (unsigned other : placed)
      if (overlapInTime(buffer, buffers[other]))
        conflicts.push_back(other);
    llvm::sort(conflicts,
               [&](unsigned a, unsigned b) { return offsets[a] < offsets[b]; });
    // First fit: the lowest aligned gap that is large enough.
    uint64_t candidate = 0;
    for (unsigned other : conflicts) {
      if (candidate + buffer.byteSize <= offsets[other])
        break;
      candidate = std::max(candidate,
                           llvm::alignTo(offsets[other] +
                                             buffers[other].byteSize,
                                         alignment));
    }
    offsets[index] = candidate;
    arenaSize = std::max(arenaSize, candidate + buffer.byteSize);
    placed.push_back(index);
  }
  return {offsets, llvm::alignTo(arenaSize, alignment)};
}

/// Which of the rewrites before placement to apply.
struct ReuseChoice {
  bool split, elideCopies, inPlace;
};

/// The buffers of a function with their offsets and the figures of the plan.
struct ArenaPlan {
  SmallVector<PlannedBuffer> buffers;
  /// The top-level ops in their final order; lifetimes index into it.
  SmallVector<Operation *> topLevelOps;
  uint64_t arenaSize = 0, lowerBound = 0;
  unsigned peakPosition = 0;
  StringRef heuristic;
};

struct MotePlanArenaPass
    : public mote::impl::MotePlanArenaBase<MotePlanArenaPass> {
  using Base::Base;

  void runOnOperation() override;

  /// Applies the rewrites `choice` selects and the reordering to `func`,
  /// then measures lifetimes and assigns offsets (the IR keeps its
  /// allocations). Fails after a diagnostic for a buffer it cannot place.
  LogicalResult planFunction(func::FuncOp func, const ReuseChoice &choice,
                             ArenaPlan &plan) const;

  /// Gives the uses of an allocation after each op that overwrites all of it
  /// a fresh allocation. Returns the number of splits.
  unsigned splitLiveRanges(Block &body) const;

  /// Replaces a buffer that dies by being copied into a subview of a padded
  /// buffer with that subview. Returns the number of copies removed.
  unsigned elideCopiesIntoPaddedBuffers(Block &body) const;

  /// First and last top-level op index at which `root` or any memref derived
  /// from it is used. Derived memrefs are over-approximated by every memref
  /// result of a user op (views, casts, loop results): too long a lifetime
  /// only costs arena space, too short a one would corrupt data.
  std::pair<unsigned, unsigned>
  findUseRange(Value root, Block &body,
               const DenseMap<Operation *, unsigned> &position) const;

  /// --arena-check: zeroes the status word (the last of `buffers`) on
  /// entry, fills each buffer's guard zones with a pattern before its first
  /// use and, after its last use, sets the status word when a guard byte
  /// changed.
  void insertArenaChecks(ArrayRef<PlannedBuffer> buffers,
                         ArrayRef<Operation *> topLevelOps, Value arena,
                         uint64_t guard) const;

  /// Merges buffers an elementwise op can overwrite in place (see
  /// canRunInPlace) into one planned buffer.
  SmallVector<PlannedBuffer>
  mergeInPlaceBuffers(ArrayRef<PlannedBuffer> buffers, Block &body,
                      const DenseMap<Operation *, unsigned> &position) const;
};

unsigned MotePlanArenaPass::splitLiveRanges(Block &body) const {
  unsigned splits = 0;
  SmallVector<memref::AllocOp> worklist;
  for (auto alloc : body.getOps<memref::AllocOp>())
    // An input's or output's contents are the caller's: one range.
    if (!isIoBuffer(alloc))
      worklist.push_back(alloc);
  while (!worklist.empty()) {
    memref::AllocOp alloc = worklist.pop_back_val();
    std::optional<SmallVector<Operation *>> users =
        getDirectUsersInOrder(alloc, body);
    if (!users || users->size() < 2)
      continue;
    Value buffer = alloc.getResult();
    // The first user that overwrites the whole buffer after it was used.
    auto *overwrite =
        llvm::find_if(llvm::drop_begin(*users), [&](Operation *user) {
          return overwritesWithoutReading(user, buffer);
        });
    if (overwrite == users->end())
      continue;
    OpBuilder builder(*overwrite);
    auto fresh = cast<memref::AllocOp>(builder.clone(*alloc));
    for (Operation *user : llvm::make_range(overwrite, users->end()))
      user->replaceUsesOfWith(buffer, fresh.getResult());
    ++splits;
    worklist.push_back(fresh);
  }
  return splits;
}

unsigned MotePlanArenaPass::elideCopiesIntoPaddedBuffers(Block &body) const {
  unsigned elided = 0;
  SmallVector<memref::CopyOp> copies(body.getOps<memref::CopyOp>());
  for (memref::CopyOp copy : copies) {
    auto source = copy.getSource().getDefiningOp<memref::AllocOp>();
    auto interior = copy.getTarget().getDefiningOp<memref::SubViewOp>();
    if (!source || !interior || !interior->hasOneUse() ||
        interior->getBlock() != &body)
      continue;
    auto padded = interior.getSource().getDefiningOp<memref::AllocOp>();
    // The caller's inputs and outputs keep their own buffers.
    if (!padded || padded == source || isIoBuffer(source) ||
        isIoBuffer(padded) ||
        interior.getType().getShape() != source.getType().getShape())
      continue;
    std::optional<SmallVector<Operation *>> sourceUsers =
        getDirectUsersInOrder(source, body);
    // The copy must be the source's last use, and every other user must
    // accept a strided view in place of the dense buffer.
    if (!sourceUsers || sourceUsers->back() != copy.getOperation() ||
        !llvm::all_of(*sourceUsers, [](Operation *user) {
          return isa<linalg::LinalgOp, memref::CopyOp>(user);
        }))
      continue;
    // Before the copy, the padded buffer may only be filled (its border)
    // and viewed; it must be movable before the source's first use.
    Operation *firstSourceUse = sourceUsers->front();
    if (firstSourceUse == copy.getOperation())
      continue;
    Operation *fill = nullptr;
    bool movable = padded->getBlock() == &body;
    for (Operation *user : padded.getResult().getUsers()) {
      if (user == interior.getOperation() || !movable)
        continue;
      if (user->getBlock() != &body) {
        movable = false;
      } else if (copy->isBeforeInBlock(user)) {
        continue;
      } else if (!fill && overwritesWithoutReading(user, padded.getResult()) &&
                 !isa<memref::CopyOp>(user)) {
        fill = user;
      } else {
        movable = false;
      }
    }
    if (!movable || !fill)
      continue;
    // The three ops move together, so the fill and the subview may use the
    // padded buffer itself.
    for (Operation *op : {padded.getOperation(), fill, interior.getOperation()})
      if (!usesOnlyValuesDefinedBefore(op, firstSourceUse, body,
                                       padded.getResult()))
        movable = false;
    if (!movable)
      continue;
    padded->moveBefore(firstSourceUse);
    fill->moveBefore(firstSourceUse);
    interior->moveBefore(firstSourceUse);
    copy->erase();
    source.getResult().replaceAllUsesWith(interior.getResult());
    source->erase();
    ++elided;
  }
  return elided;
}

std::pair<unsigned, unsigned> MotePlanArenaPass::findUseRange(
    Value root, Block &body,
    const DenseMap<Operation *, unsigned> &position) const {
  unsigned first = std::numeric_limits<unsigned>::max(), last = 0;
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
      if (isa<memref::DeallocOp>(user))
        continue;
      if (Operation *ancestor = getTopLevelAncestor(user, body)) {
        unsigned index = position.lookup(ancestor);
        first = std::min(first, index);
        last = std::max(last, index);
      }
      for (Value result : user->getResults())
        addAlias(result);
      // A memref yielded from a region lives on in the parent's results.
      if (user->hasTrait<OpTrait::IsTerminator>())
        if (Operation *parent = user->getParentOp())
          for (Value result : parent->getResults())
            addAlias(result);
    }
  }
  return {first, last};
}

/// True when `op`, a top-level op, can write its init operand `output` over
/// its input operand `input`: an elementwise linalg op (all loops parallel)
/// that reaches both through the same permutation map, so every iteration
/// reads the input element before it writes the output element at the same
/// linear index, and no iteration touches an element another one wrote.
/// The buffers must be the allocations themselves with the same shape and
/// element size, and `input` must not be read through another map.
bool canRunInPlace(linalg::LinalgOp op, OpOperand *input, OpOperand *output,
                   unsigned indexBitwidth) {
  if (!op.hasPureBufferSemantics() || !op.isAllParallelLoops() ||
      !op.isDpsInput(input) || !op.isDpsInit(output))
    return false;
  auto inputType = cast<MemRefType>(input->get().getType());
  auto outputType = cast<MemRefType>(output->get().getType());
  if (inputType.getShape() != outputType.getShape() ||
      getElementByteSize(inputType.getElementType(), indexBitwidth) !=
          getElementByteSize(outputType.getElementType(), indexBitwidth))
    return false;
  AffineMap map = op.getMatchingIndexingMap(input);
  if (!map.isPermutation() || map != op.getMatchingIndexingMap(output))
    return false;
  for (OpOperand &operand : op->getOpOperands()) {
    if (&operand == input || &operand == output)
      continue;
    // The output buffer must not also be read, nor the input buffer be
    // written or read at another index.
    if (operand.get() == output->get())
      return false;
    if (operand.get() == input->get() &&
        (op.isDpsInit(&operand) || op.getMatchingIndexingMap(&operand) != map))
      return false;
  }
  return true;
}

SmallVector<PlannedBuffer> MotePlanArenaPass::mergeInPlaceBuffers(
    ArrayRef<PlannedBuffer> buffers, Block &body,
    const DenseMap<Operation *, unsigned> &position) const {
  DenseMap<Value, unsigned> bufferOf;
  for (auto [index, buffer] : llvm::enumerate(buffers))
    bufferOf[buffer.allocations.front()->getResult(0)] = index;
  // Union-find over buffer indices; each class keeps its merged lifetime.
  llvm::EquivalenceClasses<unsigned> classes;
  DenseMap<unsigned, std::pair<unsigned, unsigned>> lifetime;
  for (auto [index, buffer] : llvm::enumerate(buffers)) {
    classes.insert(index);
    lifetime[index] = {buffer.begin, buffer.end};
  }
  auto rangeOf = [&](unsigned index) {
    return lifetime[classes.getLeaderValue(index)];
  };

  for (Operation &op : body) {
    auto linalgOp = dyn_cast<linalg::LinalgOp>(&op);
    if (!linalgOp)
      continue;
    unsigned here = position.lookup(&op);
    for (OpOperand &output : op.getOpOperands()) {
      auto outputIt = bufferOf.find(output.get());
      // An output may be written over a dying intermediate (the merged
      // range then lasts until the end); an input is never written.
      if (outputIt == bufferOf.end() || !linalgOp.isDpsInit(&output) ||
          isIoInput(buffers[outputIt->second].allocations.front()) ||
          rangeOf(outputIt->second).first != here)
        continue;
      for (OpOperand &input : op.getOpOperands()) {
        auto inputIt = bufferOf.find(input.get());
        if (inputIt == bufferOf.end() ||
            isIoBuffer(buffers[inputIt->second].allocations.front()) ||
            classes.isEquivalent(inputIt->second, outputIt->second) ||
            rangeOf(inputIt->second).second != here ||
            !canRunInPlace(linalgOp, &input, &output, indexBitwidth))
          continue;
        auto [inBegin, inEnd] = rangeOf(inputIt->second);
        auto [outBegin, outEnd] = rangeOf(outputIt->second);
        classes.unionSets(inputIt->second, outputIt->second);
        unsigned leader = classes.getLeaderValue(inputIt->second);
        lifetime[leader] = {std::min(inBegin, outBegin),
                            std::max(inEnd, outEnd)};
        break;
      }
    }
  }

  SmallVector<PlannedBuffer> merged;
  DenseMap<unsigned, unsigned> mergedIndex;
  for (auto [index, buffer] : llvm::enumerate(buffers)) {
    unsigned leader = classes.getLeaderValue(index);
    auto [it, inserted] = mergedIndex.try_emplace(leader, merged.size());
    if (inserted) {
      PlannedBuffer group;
      group.byteSize = 0;
      std::tie(group.begin, group.end) = lifetime[leader];
      merged.push_back(group);
    }
    PlannedBuffer &group = merged[it->second];
    group.allocations.append(buffer.allocations);
    group.byteSize = std::max(group.byteSize, buffer.byteSize);
  }
  return merged;
}

void MotePlanArenaPass::insertArenaChecks(ArrayRef<PlannedBuffer> buffers,
                                          ArrayRef<Operation *> topLevelOps,
                                          Value arena, uint64_t guard) const {
  MLIRContext *context = arena.getContext();
  OpBuilder builder(context);
  Location loc = arena.getLoc();
  Type i8 = IntegerType::get(context, 8);
  Type i32 = IntegerType::get(context, 32);
  auto byteView = [&](uint64_t offset, uint64_t bytes) -> Value {
    Value start = arith::ConstantIndexOp::create(
        builder, loc, static_cast<int64_t>(offset));
    return memref::ViewOp::create(
        builder, loc, MemRefType::get({static_cast<int64_t>(bytes)}, i8), arena,
        start, ValueRange{});
  };
  const PlannedBuffer &status = buffers.back();
  auto statusView = [&]() -> Value {
    Value start = arith::ConstantIndexOp::create(
        builder, loc, static_cast<int64_t>(status.offset));
    return memref::ViewOp::create(builder, loc, MemRefType::get({1}, i32),
                                  arena, start, ValueRange{});
  };
  Value zeroIndex;
  builder.setInsertionPoint(topLevelOps.front());
  zeroIndex = arith::ConstantIndexOp::create(builder, loc, 0);
  memref::StoreOp::create(builder, loc,
                          arith::ConstantIntOp::create(builder, loc, i32, 0),
                          statusView(), ValueRange{zeroIndex});
  // 0xA5: neither zero nor a small integer nor a common float's byte, so an
  // overflowing store is unlikely to write it by chance.
  const int64_t pattern = 0xA5;
  for (const PlannedBuffer &buffer : buffers.drop_back()) {
    // [offset, offset + guard) before the contents; after them, from the
    // first byte past the contents to the end of the slot.
    uint64_t contents = buffer.offset + guard;
    SmallVector<std::pair<uint64_t, uint64_t>, 2> zones = {
        {buffer.offset, guard},
        {contents + buffer.payloadBytes,
         buffer.offset + buffer.byteSize - (contents + buffer.payloadBytes)}};
    builder.setInsertionPoint(topLevelOps[buffer.begin]);
    Value fillValue = arith::ConstantIntOp::create(builder, loc, i8, pattern);
    for (auto [offset, bytes] : zones)
      linalg::FillOp::create(builder, loc, ValueRange{fillValue},
                             ValueRange{byteView(offset, bytes)});

    Operation *last = topLevelOps[buffer.end];
    if (last->hasTrait<OpTrait::IsTerminator>())
      builder.setInsertionPoint(last);
    else
      builder.setInsertionPointAfter(last);
    Value expected = arith::ConstantIntOp::create(builder, loc, i8, pattern);
    Value one = arith::ConstantIndexOp::create(builder, loc, 1);
    Value zero = arith::ConstantIndexOp::create(builder, loc, 0);
    Value corrupted =
        arith::ConstantIntOp::create(builder, loc, builder.getI1Type(), 0);
    for (auto [offset, bytes] : zones) {
      Value view = byteView(offset, bytes);
      Value upper = arith::ConstantIndexOp::create(
          builder, loc, static_cast<int64_t>(bytes));
      auto loop = scf::ForOp::create(
          builder, loc, zero, upper, one, ValueRange{corrupted},
          [&](OpBuilder &nested, Location nestedLoc, Value index,
              ValueRange carried) {
            Value byte = memref::LoadOp::create(nested, nestedLoc, view,
                                                ValueRange{index});
            Value differs = arith::CmpIOp::create(
                nested, nestedLoc, arith::CmpIPredicate::ne, byte, expected);
            Value any = arith::OrIOp::create(nested, nestedLoc, carried[0],
                                             differs);
            scf::YieldOp::create(nested, nestedLoc, ValueRange{any});
          });
      corrupted = loop.getResult(0);
    }
    Value flag = arith::ExtUIOp::create(builder, loc, i32, corrupted);
    Value word = statusView();
    Value previous =
        memref::LoadOp::create(builder, loc, word, ValueRange{zero});
    Value updated = arith::OrIOp::create(builder, loc, previous, flag);
    memref::StoreOp::create(builder, loc, updated, word, ValueRange{zero});
  }
}

/// The ONNX node name(s) a location carries, for diagnostics and the report.
std::string describeLocation(Location loc) {
  std::string names;
  loc->walk([&](Location nested) {
    if (auto nameLoc = dyn_cast<NameLoc>(nested)) {
      if (!names.empty())
        names += "+";
      names += nameLoc.getName().str();
      return WalkResult::skip();
    }
    return WalkResult::advance();
  });
  return names.empty() ? "<unnamed>" : names;
}

LogicalResult MotePlanArenaPass::planFunction(func::FuncOp func,
                                              const ReuseChoice &choice,
                                              ArenaPlan &plan) const {
  Block &body = func.getBody().front();
  if (choice.split)
    splitLiveRanges(body);
  if (choice.elideCopies)
    elideCopiesIntoPaddedBuffers(body);
  if (reorder) {
    auto allocationBytes = [&](Operation *allocation) -> uint64_t {
      auto type = cast<MemRefType>(allocation->getResult(0).getType());
      std::optional<uint64_t> elementSize =
          getElementByteSize(type.getElementType(), indexBitwidth);
      if (!elementSize || !type.hasStaticShape())
        return 0;
      return llvm::alignTo(*elementSize * type.getNumElements(), alignment);
    };
    mote::scheduleForSmallArena(body, allocationBytes);
  }
  DenseMap<Operation *, unsigned> position = numberOps(body);

  SmallVector<PlannedBuffer> &buffers = plan.buffers;
  WalkResult walk = func.walk([&](Operation *op) {
    if (!isa<memref::AllocOp, memref::AllocaOp>(op))
      return WalkResult::advance();
    auto type = cast<MemRefType>(op->getResult(0).getType());
    std::optional<uint64_t> elementSize =
        getElementByteSize(type.getElementType(), indexBitwidth);
    // runOnOperation reported unplaceable buffers before planning.
    if (!elementSize || !type.hasStaticShape() ||
        !type.getLayout().isIdentity() || type.getMemorySpace())
      return WalkResult::interrupt();
    PlannedBuffer buffer;
    buffer.allocations.push_back(op);
    buffer.byteSize = *elementSize * type.getNumElements();
    unsigned allocatedAt = position.lookup(getTopLevelAncestor(op, body));
    auto [first, last] = findUseRange(op->getResult(0), body, position);
    // Contents before the first use are undefined and after the last use
    // dead; an unused buffer still gets the (short) range of its allocation.
    bool unused = first == std::numeric_limits<unsigned>::max();
    buffer.begin = unused ? allocatedAt : first;
    buffer.end = std::max(buffer.begin, last);
    // The caller writes an input before the call and reads an output
    // after it: an input lives from the first op, an output from its first
    // write, both until the last op.
    if (isIoBuffer(op)) {
      if (isIoInput(op) || unused)
        buffer.begin = 0;
      buffer.end = body.getOperations().size() - 1;
    }
    buffers.push_back(buffer);
    return WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return failure();

  if (choice.inPlace)
    buffers = mergeInPlaceBuffers(buffers, body, position);

  // --arena-check: every buffer gets a guard zone on each side, and one
  // more slot holds the status word the checks set.
  uint64_t guard = guardBytes ? llvm::alignTo(guardBytes, alignment) : 0;
  SmallVector<Operation *> &topLevelOps = plan.topLevelOps;
  for (Operation &op : body)
    topLevelOps.push_back(&op);
  for (PlannedBuffer &buffer : buffers) {
    buffer.payloadBytes = buffer.byteSize;
    if (guard)
      buffer.byteSize =
          guard + llvm::alignTo(buffer.byteSize, alignment) + guard;
  }
  if (guard) {
    PlannedBuffer status;
    status.byteSize = status.payloadBytes = 4;
    status.begin = 0;
    status.end = topLevelOps.size() - 1;
    buffers.push_back(status);
  }

  // The lower bound: the most bytes live at one top-level op, each buffer
  // rounded up to the alignment every offset has.
  uint64_t &lowerBound = plan.lowerBound;
  unsigned &peakPosition = plan.peakPosition;
  for (unsigned point = 0, e = body.getOperations().size(); point < e;
       ++point) {
    uint64_t live = 0;
    for (const PlannedBuffer &buffer : buffers)
      if (buffer.begin <= point && point <= buffer.end)
        live += llvm::alignTo(buffer.byteSize, alignment);
    if (live > lowerBound) {
      lowerBound = live;
      peakPosition = point;
    }
  }

  // Offset assignment: every heuristic runs; the smallest arena wins, the
  // earlier heuristic on ties.
  auto lifetimeLength = [](const PlannedBuffer &buffer) {
    return buffer.end - buffer.begin;
  };
  SmallVector<uint64_t> conflictBytes(buffers.size(), 0);
  for (auto [index, buffer] : llvm::enumerate(buffers))
    for (const PlannedBuffer &other : buffers)
      if (&other != &buffer && overlapInTime(buffer, other))
        conflictBytes[index] += other.byteSize;
  auto conflictsOf = [&](const PlannedBuffer &buffer) {
    return conflictBytes[&buffer - buffers.data()];
  };
  SmallVector<PlacementOrder> orders = {
      {"program-order",
       [](const PlannedBuffer &a, const PlannedBuffer &b) {
         return a.begin < b.begin;
       }},
      {"size",
       [](const PlannedBuffer &a, const PlannedBuffer &b) {
         return a.byteSize > b.byteSize;
       }},
      {"size-time",
       [&](const PlannedBuffer &a, const PlannedBuffer &b) {
         return a.byteSize * (lifetimeLength(a) + 1) >
                b.byteSize * (lifetimeLength(b) + 1);
       }},
      {"conflicts",
       [&](const PlannedBuffer &a, const PlannedBuffer &b) {
         return conflictsOf(a) + a.byteSize > conflictsOf(b) + b.byteSize;
       }},
      {"lifetime",
       [&](const PlannedBuffer &a, const PlannedBuffer &b) {
         return lifetimeLength(a) > lifetimeLength(b);
       }},
  };
  uint64_t &arenaSize = plan.arenaSize;
  StringRef &chosen = plan.heuristic;
  arenaSize = std::numeric_limits<uint64_t>::max();
  for (const PlacementOrder &order : orders) {
    auto [offsets, size] = placeInOrder(buffers, order, alignment);
    if (size >= arenaSize)
      continue;
    arenaSize = size;
    chosen = order.name;
    for (auto [buffer, offset] : llvm::zip_equal(buffers, offsets))
      buffer.offset = offset;
  }
  if (buffers.empty())
    arenaSize = 0, chosen = "none";
  return success();

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
  uint64_t guard = guardBytes ? llvm::alignTo(guardBytes, alignment) : 0;
  // io-in-arena: the arguments become buffers of the arena. With guard
  // bytes they get guard zones like every other buffer: an input's are
  // filled when the call starts (the caller wrote only its contents) and,
  // as an input and an output live until the last op, checked just before
  // the model function returns, so `_run` sees their status word too.
  unsigned numIo = 0, numIoOutputs = 0;
  if (ioInArena) {
    numIo = func.getNumArguments();
    OpBuilder ioBuilder = OpBuilder::atBlockBegin(&body);
    for (unsigned i = 0; i < numIo; ++i) {
      BlockArgument argument = func.getArgument(i);
      auto type = dyn_cast<MemRefType>(argument.getType());
      if (!type || !type.hasStaticShape() || !type.getLayout().isIdentity()) {
        func.emitError() << "mote-plan-arena: io-in-arena needs statically "
                            "shaped, identity-layout memref arguments, but "
                            "argument "
                         << i << " has type " << argument.getType()
                         << "; compile without --io-in-arena";
        return signalPassFailure();
      }
      auto alloc = memref::AllocOp::create(ioBuilder, argument.getLoc(), type);
      alloc->setAttr(kIoIndexAttr, ioBuilder.getI64IntegerAttr(i));
      if (func.getArgAttr(i, "bufferize.result")) {
        ++numIoOutputs;
        alloc->setAttr(kIoOutputAttr, ioBuilder.getUnitAttr());
      }
      argument.replaceAllUsesWith(alloc.getResult());
    }
    llvm::BitVector all(numIo, true);
    if (failed(func.eraseArguments(all)))
      return signalPassFailure();
  }

  // The rewrites do not always pay off (moving a padded buffer's range
  // back over its producer can raise the peak), so every combination is
  // planned on a copy of the function and the smallest arena is applied.
  SmallVector<ReuseChoice> choices;
  if (reuse) {
    for (unsigned mask = 0; mask < 8; ++mask)
      choices.push_back({(mask & 1) == 0, (mask & 2) == 0, (mask & 4) == 0});
  } else {
    choices.push_back({false, false, false});
  }
  // Report unplaceable buffers once, before any trial.
  WalkResult valid = func.walk([&](Operation *op) {
    if (!isa<memref::AllocOp, memref::AllocaOp>(op))
      return WalkResult::advance();
    return succeeded(checkPlaceable(op, indexBitwidth))
               ? WalkResult::advance()
               : WalkResult::interrupt();
  });
  if (valid.wasInterrupted())
    return signalPassFailure();
  const ReuseChoice *best = &choices.front();
  if (choices.size() > 1) {
    uint64_t bestSize = std::numeric_limits<uint64_t>::max();
    for (const ReuseChoice &choice : choices) {
      // A copy elision without the split that exposes it finds nothing new.
      if (choice.elideCopies && !choice.split && &choice != &choices.front())
        continue;
      func::FuncOp trial = func.clone();
      ArenaPlan plan;
      if (succeeded(planFunction(trial, choice, plan)) &&
          plan.arenaSize < bestSize) {
        bestSize = plan.arenaSize;
        best = &choice;
      }
      trial.erase();
    }
  }
  ArenaPlan plan;
  if (failed(planFunction(func, *best, plan)))
    return signalPassFailure();
  SmallVector<PlannedBuffer> &buffers = plan.buffers;
  SmallVector<Operation *> &topLevelOps = plan.topLevelOps;
  uint64_t arenaSize = plan.arenaSize, lowerBound = plan.lowerBound;
  unsigned peakPosition = plan.peakPosition;
  StringRef chosen = plan.heuristic;

  std::string peakLayer;
  for (auto [index, op] : llvm::enumerate(body))
    if (index == peakPosition)
      peakLayer = describeLocation(op.getLoc());

  if (maxArenaBytes && arenaSize > maxArenaBytes) {
    InFlightDiagnostic diag =
        func.emitError()
        << "the model needs an arena of " << arenaSize
        << " bytes, more than the --max-arena budget of "
        << static_cast<uint64_t>(maxArenaBytes) << " bytes; the lower bound "
        << "for this execution order is " << lowerBound
        << " bytes, set by layer '" << peakLayer << "'";
    if (lowerBound > maxArenaBytes)
      diag << "; no placement can fit: reduce that layer's activations "
              "(smaller input, fewer channels, quantize to int8) or raise "
              "the budget";
    else
      diag << "; the budget is above the lower bound, so try "
              "--optimize=size or raise the budget";
    return signalPassFailure();
  }

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
  if (guard)
    insertArenaChecks(buffers, topLevelOps, arena, guard);
  SmallVector<int64_t> ioOffsets(numIo, 0);
  for (PlannedBuffer &buffer : buffers) {
    for (Operation *allocation : buffer.allocations) {
      if (auto ioIndex = allocation->getAttrOfType<IntegerAttr>(kIoIndexAttr))
        ioOffsets[ioIndex.getInt()] =
            static_cast<int64_t>(buffer.offset + guard);
      // The arena outlives every call; deallocations become no-ops.
      for (Operation *user :
           llvm::make_early_inc_range(allocation->getResult(0).getUsers()))
        if (isa<memref::DeallocOp>(user))
          user->erase();
      builder.setInsertionPoint(allocation);
      Location loc = allocation->getLoc();
      Value offset = arith::ConstantIndexOp::create(
          builder, loc, static_cast<int64_t>(buffer.offset + guard));
      Value view = memref::ViewOp::create(
          builder, loc, cast<MemRefType>(allocation->getResult(0).getType()),
          arena, offset, ValueRange{});
      allocation->getResult(0).replaceAllUsesWith(view);
      allocation->erase();
    }
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
  if (ioInArena) {
    module->setAttr("mote.io_offsets",
                    attrBuilder.getDenseI64ArrayAttr(ioOffsets));
    module->setAttr("mote.io_num_inputs",
                    attrBuilder.getI64IntegerAttr(numIo - numIoOutputs));
  }
  module->setAttr("mote.arena_size", attrBuilder.getI64IntegerAttr(
                                         static_cast<int64_t>(arenaSize)));
  module->setAttr("mote.arena_align", attrBuilder.getI64IntegerAttr(
                                          static_cast<int64_t>(alignment)));
  module->setAttr("mote.arena_lower_bound",
                  attrBuilder.getI64IntegerAttr(
                      static_cast<int64_t>(lowerBound)));
  module->setAttr("mote.arena_peak_layer",
                  attrBuilder.getStringAttr(peakLayer));
  module->setAttr("mote.arena_heuristic", attrBuilder.getStringAttr(chosen));
  if (guard)
    module->setAttr("mote.arena_check_status_offset",
                    attrBuilder.getI64IntegerAttr(
                        static_cast<int64_t>(buffers.back().offset)));
}

} // namespace
