//===- ArenaSchedule.h - execution order for a small arena ------*- C++ -*-===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The reordering step of mote-plan-arena (private to lib/Compiler).
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_LIB_COMPILER_ARENASCHEDULE_H
#define MOTE_LIB_COMPILER_ARENASCHEDULE_H

#include <cstdint>
#include <functional>

namespace mlir {
class Block;
class Operation;
} // namespace mlir

namespace mote {

/// Peak live bytes of the allocations of a block before and after
/// scheduleForSmallArena.
struct ScheduleResult {
  uint64_t peakBefore = 0;
  uint64_t peakAfter = 0;
  bool reordered = false;
};

/// Reorders the top-level ops of `body` (a single-block function body whose
/// terminator stays last) into another topological order of their data and
/// memory dependences when that lowers the peak of live allocation bytes,
/// as `allocationBytes` measures each `memref.alloc`/`alloca`. Greedy and
/// deterministic: among the ops whose dependences are met, the one that
/// adds the fewest live bytes runs next (ties: program order). Keeps the
/// original order unless the new one has a strictly lower peak. Ops whose
/// memory effects it cannot attribute to allocations, arguments or globals
/// are barriers that nothing moves across.
ScheduleResult scheduleForSmallArena(
    mlir::Block &body,
    const std::function<uint64_t(mlir::Operation *)> &allocationBytes);

} // namespace mote

#endif // MOTE_LIB_COMPILER_ARENASCHEDULE_H
