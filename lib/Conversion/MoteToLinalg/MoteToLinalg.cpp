//===- MoteToLinalg.cpp - the convert-mote-to-linalg pass -----------------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The conversion target and the pass driver. The patterns live in one file
// per op family (ElementwiseToLinalg.cpp, ConvToLinalg.cpp, ...).
//
//===----------------------------------------------------------------------===//

#include "mote/Conversion/MoteToLinalg/MoteToLinalg.h"
#include "mote/Conversion/Passes.h"

#include "LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mote {
#define GEN_PASS_DEF_CONVERTMOTETOLINALG
#include "mote/Conversion/Passes.h.inc"
} // namespace mote

using namespace mlir;

void mote::populateMoteToLinalgConversionPatterns(RewritePatternSet &patterns) {
  lowering::populateElementwisePatterns(patterns);
  lowering::populateConvPatterns(patterns);
  lowering::populateMatmulPatterns(patterns);
  lowering::populatePoolingPatterns(patterns);
  lowering::populateReductionPatterns(patterns);
  lowering::populateDataMovementPatterns(patterns);
  lowering::populateResizePatterns(patterns);
  lowering::populateQuantizePatterns(patterns);
  lowering::populateIndexingPatterns(patterns);
}

void mote::configureMoteToLinalgConversionTarget(ConversionTarget &target) {
  target.addIllegalDialect<MoteDialect>();
  target.addLegalDialect<arith::ArithDialect, linalg::LinalgDialect,
                         math::MathDialect, scf::SCFDialect,
                         tensor::TensorDialect>();
}

namespace {
struct ConvertMoteToLinalgPass
    : public mote::impl::ConvertMoteToLinalgBase<ConvertMoteToLinalgPass> {
  void runOnOperation() override {
    MLIRContext *context = &getContext();
    ConversionTarget target(*context);
    mote::configureMoteToLinalgConversionTarget(target);
    RewritePatternSet patterns(context);
    mote::populateMoteToLinalgConversionPatterns(patterns);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns)))) {
      signalPassFailure();
      return;
    }
    // The patterns chose unsigned ops from `ui` types; arith and linalg
    // need signless integers from here on.
    mote::lowering::eraseIntegerSignedness(getOperation());
  }
};
} // namespace
