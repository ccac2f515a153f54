//===- TensorCompare.cpp - compare a computed tensor with a reference -----===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#include "mote/Runner/TensorCompare.h"

#include "llvm/Support/Format.h"

#include <cmath>
#include <limits>

using namespace mote::run;

namespace {
/// One element's verdict. `badness` orders elements for the report: the
/// error as a multiple of the element's tolerance (infinite for an error
/// where no tolerance applies, 0 for an exact match).
struct ElementError {
  double absError = 0;
  double relError = 0;
  double badness = 0;
  bool failed = false;
};
} // namespace

static constexpr double kInfinity = std::numeric_limits<double>::infinity();

static ElementError mismatchWithoutMeasure() {
  ElementError error;
  error.absError = error.relError = error.badness = kInfinity;
  error.failed = true;
  return error;
}

static ElementError compareFloats(double actual, double expected,
                                  const Tolerance &tolerance) {
  bool actualNaN = std::isnan(actual), expectedNaN = std::isnan(expected);
  if (actualNaN || expectedNaN)
    return actualNaN && expectedNaN ? ElementError() : mismatchWithoutMeasure();
  // Equal values, including equal infinities (whose difference is NaN).
  if (actual == expected)
    return ElementError();
  if (std::isinf(actual) || std::isinf(expected))
    return mismatchWithoutMeasure();
  ElementError error;
  error.absError = std::fabs(actual - expected);
  error.relError =
      expected == 0 ? kInfinity : error.absError / std::fabs(expected);
  double allowed = tolerance.atol + tolerance.rtol * std::fabs(expected);
  error.failed = error.absError > allowed;
  error.badness = allowed > 0 ? error.absError / allowed : kInfinity;
  return error;
}

static ElementError compareIntegers(int64_t actual, int64_t expected,
                                    bool isUnsigned) {
  ElementError error;
  if (actual == expected)
    return error;
  // Differences of 64-bit values can overflow int64; doubles are exact
  // enough for a report.
  double a = isUnsigned ? static_cast<double>(static_cast<uint64_t>(actual))
                        : static_cast<double>(actual);
  double e = isUnsigned ? static_cast<double>(static_cast<uint64_t>(expected))
                        : static_cast<double>(expected);
  error.absError = std::fabs(a - e);
  error.relError = e == 0 ? kInfinity : error.absError / std::fabs(e);
  error.badness = error.absError;
  error.failed = true;
  return error;
}

Comparison mote::run::compareTensors(const HostTensor &actual,
                                     const HostTensor &expected,
                                     const Tolerance &tolerance) {
  Comparison result;
  result.numElements = expected.getNumElements();
  bool floating = isFloatingPoint(expected.type);
  bool isUnsigned = expected.type == ElementType::U64;
  double worstBadness = -1;
  for (int64_t i = 0; i < result.numElements; ++i) {
    ElementError error =
        floating ? compareFloats(actual.getAsDouble(i), expected.getAsDouble(i),
                                 tolerance)
                 : compareIntegers(actual.getAsInt64(i), expected.getAsInt64(i),
                                   isUnsigned);
    if (error.failed)
      ++result.numMismatches;
    result.maxAbsError = std::max(result.maxAbsError, error.absError);
    result.maxRelError = std::max(result.maxRelError, error.relError);
    if (error.badness > worstBadness) {
      worstBadness = error.badness;
      result.worstIndex = i;
    }
  }
  return result;
}

void mote::run::printIndex(llvm::raw_ostream &os, llvm::ArrayRef<int64_t> shape,
                           int64_t index) {
  llvm::SmallVector<int64_t> coordinates(shape.size());
  for (size_t dim = shape.size(); dim-- > 0;) {
    coordinates[dim] = index % shape[dim];
    index /= shape[dim];
  }
  os << '[';
  llvm::interleaveComma(coordinates, os);
  os << ']';
}

void mote::run::printElement(llvm::raw_ostream &os, const HostTensor &tensor,
                             int64_t index) {
  if (tensor.type == ElementType::F32)
    os << llvm::format("%.9g", tensor.getAsDouble(index));
  else if (tensor.type == ElementType::F16 || tensor.type == ElementType::BF16)
    os << llvm::format("%.5g", tensor.getAsDouble(index));
  else if (tensor.type == ElementType::F64)
    os << llvm::format("%.17g", tensor.getAsDouble(index));
  else if (tensor.type == ElementType::U64)
    os << static_cast<uint64_t>(tensor.getAsInt64(index));
  else if (tensor.type == ElementType::Bool)
    os << (tensor.getAsInt64(index) ? "true" : "false");
  else
    os << tensor.getAsInt64(index);
}
