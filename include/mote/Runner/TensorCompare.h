//===- TensorCompare.h - compare an output with a reference -----*- C++ -*-===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_RUNNER_TENSORCOMPARE_H
#define MOTE_RUNNER_TENSORCOMPARE_H

#include "mote/Runner/HostTensor.h"

#include "llvm/Support/raw_ostream.h"

namespace mote::run {

struct Tolerance {
  double atol = 1e-5;
  double rtol = 1e-3;
};

/// What an element-by-element comparison found.
struct Comparison {
  int64_t numElements = 0;
  /// Elements outside the tolerance.
  int64_t numMismatches = 0;
  /// The first element with the largest error relative to its tolerance
  /// (for integers: the largest difference); -1 for an empty tensor.
  int64_t worstIndex = -1;
  double maxAbsError = 0;
  double maxRelError = 0;

  bool passed() const { return numMismatches == 0; }
};

/// Compares `actual` with `expected` (same type and shape; the caller checks).
/// Floating-point elements pass when |actual - expected| <= atol +
/// rtol * |expected|; NaN matches NaN and an infinity matches the same
/// infinity. Integer and bool elements must be equal.
Comparison compareTensors(const HostTensor &actual, const HostTensor &expected,
                          const Tolerance &tolerance);

/// Prints `index` (flat, C order) as a multi-dimensional index, `[0, 3, 1]`.
void printIndex(llvm::raw_ostream &os, llvm::ArrayRef<int64_t> shape,
                int64_t index);

/// Prints element `index` of `tensor` exactly enough to tell neighbouring
/// floats apart.
void printElement(llvm::raw_ostream &os, const HostTensor &tensor,
                  int64_t index);

} // namespace mote::run

#endif // MOTE_RUNNER_TENSORCOMPARE_H
