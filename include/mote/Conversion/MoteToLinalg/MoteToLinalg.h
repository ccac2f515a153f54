//===- MoteToLinalg.h - lower mote to linalg --------------------*- C++ -*-===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Patterns that lower the mote dialect to linalg, tensor, arith and math on
// statically shaped tensors.
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_CONVERSION_MOTETOLINALG_MOTETOLINALG_H
#define MOTE_CONVERSION_MOTETOLINALG_MOTETOLINALG_H

namespace mlir {
class ConversionTarget;
class RewritePatternSet;
} // namespace mlir

namespace mote {

/// Adds the patterns that rewrite every mote op into linalg, tensor, arith and
/// math ops. Each pattern either lowers its op completely or reports why it
/// cannot (unsupported element type or attribute combination).
void populateMoteToLinalgConversionPatterns(mlir::RewritePatternSet &patterns);

/// Marks the mote dialect illegal and the dialects the lowering produces legal.
void configureMoteToLinalgConversionTarget(mlir::ConversionTarget &target);

} // namespace mote

#endif // MOTE_CONVERSION_MOTETOLINALG_MOTETOLINALG_H
