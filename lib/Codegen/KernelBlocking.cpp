//===- KernelBlocking.cpp - target register files and the block cost model ===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The one place that turns a target and a layer shape into kernel sizes.
//
//===----------------------------------------------------------------------===//

#include "mote/Codegen/Passes.h"

#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Triple.h"

#include <algorithm>

using namespace mote;

VectorRegisterFile mote::getVectorRegisterFile(const llvm::TargetMachine &machine) {
  const llvm::Triple &triple = machine.getTargetTriple();
  const llvm::MCSubtargetInfo *subtarget = machine.getMCSubtargetInfo();
  auto has = [&](llvm::StringRef feature) {
    return subtarget && subtarget->checkFeatures(("+" + feature).str());
  };
  if (triple.isX86()) {
    if (has("avx512f"))
      return {16, 32};
    if (has("avx"))
      return {8, 16};
    if (has("sse2"))
      return {4, 16};
    return {};
  }
  if (triple.isAArch64())
    return has("neon") ? VectorRegisterFile{4, 32} : VectorRegisterFile{};
  // 32-bit Arm keeps the scalar loops: on M-profile its instruction counts
  // are tracked by the firmware benchmark and MVE kernels are not written
  // yet; A-profile NEON would need the vector lowering's index width to
  // follow the 32-bit data layout.
  return {};
}

namespace {
/// Modelled cycles of one reduction step of a `positions` x `vectors` block:
/// two FMA and two load ports, and a four-cycle FMA latency that each
/// accumulator's dependency chain pays once per step.
double stepCycles(int64_t positions, int64_t vectors) {
  double fmas = static_cast<double>(positions * vectors) / 2.0;
  double loads = static_cast<double>(positions + vectors) / 2.0;
  return std::max({fmas, loads, 4.0});
}

/// Modelled cycles per reduction step of one output row of `positions`
/// pixels with blocks of `blockPositions`, the remainder in one smaller block.
double rowCycles(int64_t positions, int64_t blockPositions, int64_t vectors) {
  int64_t remainder = positions % blockPositions;
  double cycles =
      static_cast<double>(positions / blockPositions) *
      stepCycles(blockPositions, vectors);
  if (remainder)
    cycles += stepCycles(remainder, vectors);
  // Every block also reads and writes its accumulators once; fewer blocks
  // break ties.
  return cycles + 0.01 * static_cast<double>((positions + blockPositions - 1) /
                                              blockPositions);
}
} // namespace

KernelBlocking mote::chooseKernelBlocking(int64_t channels, int64_t positions,
                                          unsigned lanes, unsigned registers,
                                          int64_t kernelColumns) {
  KernelBlocking best;
  double bestCycles = -1.0;
  int64_t channelVectors = (channels + lanes - 1) / lanes;
  // The accumulators share the file with one broadcast register and the
  // weight vectors of every unrolled kernel column, which LLVM's scheduler
  // loads ahead, and take at most three quarters of it. Blocks that left
  // no such room (28 accumulators on AVX-512 for ResNet-18's 3x3 layers)
  // spilled accumulators to the stack inside the hot loop.
  int64_t maxVectors = std::min<int64_t>(channelVectors, registers / 2);
  for (int64_t vectors = 1; vectors <= maxVectors; ++vectors) {
    int64_t freeRegisters = static_cast<int64_t>(registers) - 1 -
                            vectors * std::max<int64_t>(kernelColumns, 1);
    int64_t maxPositions = std::min<int64_t>(
        {positions, freeRegisters / vectors,
         static_cast<int64_t>(registers) * 3 / 4 / vectors});
    if (maxPositions < 1)
      break;
    int64_t blockChannels = vectors * lanes;
    int64_t fullBlocks = channels / blockChannels;
    int64_t remainderVectors =
        (channels % blockChannels + lanes - 1) / lanes;
    for (int64_t blockPositions = 1; blockPositions <= maxPositions;
         ++blockPositions) {
      double cycles =
          static_cast<double>(fullBlocks) *
          rowCycles(positions, blockPositions, vectors);
      if (remainderVectors)
        cycles += rowCycles(positions, blockPositions, remainderVectors);
      if (bestCycles < 0 || cycles < bestCycles) {
        bestCycles = cycles;
        best = {blockPositions, vectors, cycles};
      }
    }
  }
  return best;
}
