//===- ArenaSchedule.cpp - execution order for a small arena -------------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// A list scheduler over the top-level ops of the bufferized model function.
// Where the graph has independent branches (a residual shortcut and the main
// path, two heads), the order decides which buffers are alive together; this
// picks an order with a lower peak of live bytes when there is one.
//
//===----------------------------------------------------------------------===//

#include "ArenaSchedule.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Block.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallVector.h"

using namespace mlir;

namespace {

/// The memory a memref value refers to: the value at the end of its chain
/// of views.
Value getRoot(Value value) {
  while (auto view = value.getDefiningOp<ViewLikeOpInterface>())
    value = view.getViewSource();
  return value;
}

/// True for roots whose accesses the scheduler can order: allocations and
/// globals of `body` and its arguments.
bool isKnownRoot(Value root, Block &body) {
  if (auto argument = dyn_cast<BlockArgument>(root))
    return argument.getOwner() == &body;
  Operation *definingOp = root.getDefiningOp();
  return definingOp && definingOp->getBlock() == &body &&
         isa<memref::AllocOp, memref::AllocaOp, memref::GetGlobalOp>(
             definingOp);
}

/// What one top-level op does to memory.
struct OpEffects {
  /// Roots read and roots written (a written root may also be read).
  SmallVector<Value, 4> reads, writes;
  /// Effects the scheduler cannot attribute: nothing moves across the op.
  bool barrier = false;
};

OpEffects analyzeEffects(Operation *op, Block &body) {
  OpEffects effects;
  if (isa<memref::AllocOp, memref::AllocaOp>(op))
    return effects;
  auto addAccess = [&](Value value, bool write) {
    Value root = getRoot(value);
    if (!isKnownRoot(root, body)) {
      effects.barrier = true;
      return;
    }
    (write ? effects.writes : effects.reads).push_back(root);
  };
  SetVector<Value> captured;
  getUsedValuesDefinedAbove(op->getRegions(), captured);
  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
      linalgOp && linalgOp.hasPureBufferSemantics()) {
    for (OpOperand &operand : op->getOpOperands())
      if (isa<BaseMemRefType>(operand.get().getType()))
        addAccess(operand.get(), linalgOp.isDpsInit(&operand));
    for (Value value : captured)
      if (isa<BaseMemRefType>(value.getType()))
        addAccess(value, /*write=*/true);
    return effects;
  }
  if (auto copy = dyn_cast<memref::CopyOp>(op)) {
    addAccess(copy.getSource(), /*write=*/false);
    addAccess(copy.getTarget(), /*write=*/true);
    return effects;
  }
  if (isMemoryEffectFree(op))
    return effects;
  // Anything else with effects: every memref it touches is read and
  // written; one that creates memrefs or touches no memref at all (a call,
  // I/O) cannot be attributed.
  bool touchesMemRef = false;
  auto visit = [&](Value value) {
    if (!isa<BaseMemRefType>(value.getType()))
      return;
    touchesMemRef = true;
    addAccess(value, /*write=*/true);
  };
  for (Value operand : op->getOperands())
    visit(operand);
  for (Value value : captured)
    visit(value);
  if (!touchesMemRef || llvm::any_of(op->getResultTypes(), [](Type type) {
        return isa<BaseMemRefType>(type);
      }))
    effects.barrier = true;
  return effects;
}

} // namespace

namespace mote {

ScheduleResult scheduleForSmallArena(
    Block &body, const std::function<uint64_t(Operation *)> &allocationBytes) {
  ScheduleResult result;
  if (body.empty() || !body.back().hasTrait<OpTrait::IsTerminator>())
    return result;
  SmallVector<Operation *> ops;
  for (Operation &op : body.without_terminator())
    ops.push_back(&op);
  unsigned numOps = ops.size();
  DenseMap<Operation *, unsigned> indexOf;
  for (auto [index, op] : llvm::enumerate(ops))
    indexOf[op] = index;

  // Dependences: SSA values (also those captured by regions), then the
  // order of reads and writes of each root, then barriers.
  SmallVector<SmallVector<unsigned>> predecessors(numOps);
  // The allocations each op reads or writes, for the live-bytes model.
  SmallVector<SmallVector<Operation *>> touchedAllocations(numOps);
  DenseMap<Value, unsigned> lastWriter;
  DenseMap<Value, SmallVector<unsigned>> readersSinceWrite;
  std::optional<unsigned> lastBarrier;
  for (auto [index, op] : llvm::enumerate(ops)) {
    SmallVector<unsigned> &deps = predecessors[index];
    SetVector<Value> used(op->getOperands().begin(), op->getOperands().end());
    getUsedValuesDefinedAbove(op->getRegions(), used);
    for (Value value : used)
      if (Operation *definingOp = value.getDefiningOp())
        if (Operation *ancestor = body.findAncestorOpInBlock(*definingOp))
          if (auto it = indexOf.find(ancestor); it != indexOf.end())
            deps.push_back(it->second);

    OpEffects effects = analyzeEffects(op, body);
    if (effects.barrier) {
      for (unsigned earlier = 0; earlier < index; ++earlier)
        deps.push_back(earlier);
      lastBarrier = index;
    } else if (lastBarrier) {
      deps.push_back(*lastBarrier);
    }
    for (Value root : effects.reads) {
      if (auto it = lastWriter.find(root); it != lastWriter.end())
        deps.push_back(it->second);
      readersSinceWrite[root].push_back(index);
    }
    for (Value root : effects.writes) {
      if (auto it = lastWriter.find(root); it != lastWriter.end())
        deps.push_back(it->second);
      for (unsigned reader : readersSinceWrite[root])
        if (reader != index)
          deps.push_back(reader);
      readersSinceWrite[root].clear();
      lastWriter[root] = index;
    }
    for (Value root : llvm::concat<Value>(effects.reads, effects.writes))
      if (Operation *definingOp = root.getDefiningOp();
          definingOp && isa<memref::AllocOp, memref::AllocaOp>(definingOp) &&
          !llvm::is_contained(touchedAllocations[index], definingOp))
        touchedAllocations[index].push_back(definingOp);
    llvm::sort(deps);
    deps.erase(llvm::unique(deps), deps.end());
  }

  // Live bytes of an order: an allocation is live from the first op that
  // touches it to the last.
  DenseMap<Operation *, unsigned> userCount;
  for (const auto &allocations : touchedAllocations)
    for (Operation *allocation : allocations)
      ++userCount[allocation];
  auto peakOf = [&](ArrayRef<unsigned> order) {
    DenseMap<Operation *, unsigned> remaining = userCount;
    uint64_t live = 0, peak = 0;
    for (unsigned index : order) {
      for (Operation *allocation : touchedAllocations[index])
        if (remaining[allocation] == userCount[allocation])
          live += allocationBytes(allocation);
      peak = std::max(peak, live);
      for (Operation *allocation : touchedAllocations[index])
        if (--remaining[allocation] == 0)
          live -= allocationBytes(allocation);
    }
    return peak;
  };

  SmallVector<unsigned> original =
      llvm::to_vector(llvm::seq<unsigned>(0, numOps));
  result.peakBefore = result.peakAfter = peakOf(original);

  // Greedy list scheduling with several priorities; the order with the
  // lowest peak wins. `delta` is what running an op adds to the live bytes,
  // net of what it frees.
  SmallVector<SmallVector<unsigned>> successors(numOps);
  for (unsigned index = 0; index < numOps; ++index)
    for (unsigned dep : predecessors[index])
      successors[dep].push_back(index);
  enum class Priority {
    /// The smallest delta first.
    SmallestGrowth,
    /// Ops that free bytes first; otherwise the largest growth, so the
    /// hungriest branch runs while the fewest other results are alive.
    HungriestBranchFirst,
    /// Ops that free bytes first; otherwise the op that became ready last,
    /// finishing one chain before starting another.
    FinishChain,
  };
  auto listSchedule = [&](Priority priority) {
    SmallVector<unsigned> pendingDeps(numOps);
    for (unsigned index = 0; index < numOps; ++index)
      pendingDeps[index] = predecessors[index].size();
    DenseMap<Operation *, unsigned> remaining = userCount;
    // Ready ops with the step at which they became ready.
    SmallVector<std::pair<unsigned, unsigned>> ready;
    SmallVector<unsigned> order;
    for (unsigned index = 0; index < numOps; ++index)
      if (pendingDeps[index] == 0)
        ready.push_back({index, 0});
    auto delta = [&](unsigned index) {
      int64_t bytes = 0;
      for (Operation *allocation : touchedAllocations[index]) {
        int64_t size = allocationBytes(allocation);
        if (remaining[allocation] == userCount[allocation])
          bytes += size;
        if (remaining[allocation] == 1)
          bytes -= size;
      }
      return bytes;
    };
    // A lexicographic key; the smallest runs next, program order last.
    auto key = [&](std::pair<unsigned, unsigned> entry) {
      auto [index, readyStep] = entry;
      // Ops that touch no allocation (allocations themselves, constants,
      // views) cost nothing and may unlock others: they run as soon as they
      // are ready.
      if (touchedAllocations[index].empty())
        return std::make_tuple(int64_t(-1), int64_t(0), index);
      int64_t growth = delta(index);
      switch (priority) {
      case Priority::SmallestGrowth:
        return std::make_tuple(growth, int64_t(0), index);
      case Priority::HungriestBranchFirst:
        return growth < 0 ? std::make_tuple(int64_t(0), growth, index)
                          : std::make_tuple(int64_t(1), -growth, index);
      case Priority::FinishChain:
        return growth < 0 ? std::make_tuple(int64_t(0), growth, index)
                          : std::make_tuple(int64_t(1),
                                            -static_cast<int64_t>(readyStep),
                                            index);
      }
      llvm_unreachable("unknown priority");
    };
    for (unsigned step = 1; !ready.empty(); ++step) {
      auto *best = llvm::min_element(
          ready, [&](auto a, auto b) { return key(a) < key(b); });
      unsigned chosen = best->first;
      ready.erase(best);
      order.push_back(chosen);
      for (Operation *allocation : touchedAllocations[chosen])
        --remaining[allocation];
      for (unsigned successor : successors[chosen])
        if (--pendingDeps[successor] == 0)
          ready.push_back({successor, step});
    }
    return order;
  };

  SmallVector<unsigned> order;
  uint64_t peak = result.peakBefore;
  for (Priority priority :
       {Priority::SmallestGrowth, Priority::HungriestBranchFirst,
        Priority::FinishChain}) {
    SmallVector<unsigned> candidate = listSchedule(priority);
    if (candidate.size() != numOps)
      continue;
    uint64_t candidatePeak = peakOf(candidate);
    if (candidatePeak < peak) {
      peak = candidatePeak;
      order = std::move(candidate);
    }
  }
  if (order.empty())
    return result;
  Operation *terminator = &body.back();
  for (unsigned index : order)
    ops[index]->moveBefore(terminator);
  result.peakAfter = peak;
  result.reordered = true;
  return result;
}

} // namespace mote
