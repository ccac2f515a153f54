//===- Passes.h - mote code generation passes -------------------*- C++ -*-===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The code generation strategy for the heavy ops (convolution, matmul):
// register-blocked vector kernels with weights packed at compile time, and
// the target description and cost model that size them.
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_CODEGEN_PASSES_H
#define MOTE_CODEGEN_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

#include <cstdint>

namespace llvm {
class TargetMachine;
} // namespace llvm

namespace mote {

#define GEN_PASS_DECL
#define GEN_PASS_REGISTRATION
#include "mote/Codegen/Passes.h.inc"

/// The SIMD register file the kernels are blocked for.
struct VectorRegisterFile {
  /// f32 lanes per register; 0 when the target has no usable f32 SIMD (the
  /// heavy ops then stay scalar loops).
  unsigned f32Lanes = 0;
  /// Architectural vector registers.
  unsigned registers = 0;
};

/// The register file of `machine`'s CPU and features: AVX-512 (16 lanes, 32
/// registers), AVX (8, 16), SSE (4, 16), AArch64 and A-profile NEON (4, 32
/// or 16). Microcontrollers get none: their code stays the scalar loops
/// whose instruction counts the firmware benchmark tracks.
VectorRegisterFile getVectorRegisterFile(const llvm::TargetMachine &machine);

/// An accumulator block: `positions` output pixels (or matmul rows) times
/// `vectors` SIMD vectors of output channels (or matmul columns).
struct KernelBlocking {
  int64_t positions = 1;
  int64_t vectors = 1;
  /// The cost model's cycles per reduction step of the whole output row,
  /// so that two ways of blocking one layer can be compared.
  double cycles = 0.0;
};

/// Chooses the block for an output of `channels` x `positions` (per output
/// row) on `registers` registers of `lanes` lanes: the block that minimizes
/// the modelled cycles of the whole row, counting FMA and load throughput,
/// FMA latency (too few accumulators stall), lanes wasted on partial
/// channel blocks and the remainder kernel.
/// `kernelColumns` weight vectors per block vector are live at once (the
/// kernel columns are unrolled).
KernelBlocking chooseKernelBlocking(int64_t channels, int64_t positions,
                                    unsigned lanes, unsigned registers,
                                    int64_t kernelColumns = 1);

} // namespace mote

#endif // MOTE_CODEGEN_PASSES_H
