//===- ConvertToLLVM.cpp - the model's memref IR to LLVM in one step ------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// One dialect conversion with the upstream memref, math, arith, func, cf and
// ub lowering patterns. The upstream passes each walk the whole module and
// set up their own conversion; on an unrolled model that is most of the
// MLIR pipeline's time, so the patterns are applied together. Upstream's
// generic `convert-to-llvm` also converts in one step, but has no option for
// the bare-pointer calling convention of the C API or for a 32-bit index.
//
//===----------------------------------------------------------------------===//

#include "mote/Compiler/Passes.h"

#include "mlir/Analysis/DataLayoutAnalysis.h"
#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVM.h"
#include "mlir/Conversion/LLVMCommon/ConversionTarget.h"
#include "mlir/Conversion/LLVMCommon/LoweringOptions.h"
#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Conversion/UBToLLVM/UBToLLVM.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mote {
#define GEN_PASS_DEF_MOTECONVERTTOLLVM
#include "mote/Compiler/Passes.h.inc"
} // namespace mote

using namespace mlir;

namespace {

struct MoteConvertToLLVMPass
    : public mote::impl::MoteConvertToLLVMBase<MoteConvertToLLVMPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *context = &getContext();
    const auto &dataLayoutAnalysis = getAnalysis<DataLayoutAnalysis>();
    LowerToLLVMOptions options(context, dataLayoutAnalysis.getAtOrAbove(module));
    // Memref arguments and results become plain pointers: the C API of the
    // entry points.
    options.useBarePtrCallConv = true;
    if (indexBitwidth != kDeriveIndexBitwidthFromDataLayout)
      options.overrideIndexBitwidth(indexBitwidth);
    // As convert-func-to-llvm does: the target's layout, when the pipeline
    // recorded one, sizes what the patterns allocate.
    if (auto layout = module->getAttrOfType<StringAttr>(
            LLVM::LLVMDialect::getDataLayoutAttrName()))
      options.dataLayout = llvm::DataLayout(layout.getValue());
    LLVMTypeConverter typeConverter(context, options, &dataLayoutAnalysis);

    RewritePatternSet patterns(context);
    // Valid for the whole conversion: the patterns add no function and
    // remove none that is looked up.
    SymbolTableCollection symbolTables;
    populateFinalizeMemRefToLLVMConversionPatterns(typeConverter, patterns,
                                                   &symbolTables);
    populateMathToLLVMConversionPatterns(typeConverter, patterns);
    arith::populateArithToLLVMConversionPatterns(typeConverter, patterns);
    populateFuncToLLVMConversionPatterns(typeConverter, patterns,
                                         &symbolTables);
    cf::populateControlFlowToLLVMConversionPatterns(typeConverter, patterns);
    cf::populateAssertToLLVMConversionPattern(typeConverter, patterns);
    ub::populateUBToLLVMConversionPatterns(typeConverter, patterns);

    LLVMConversionTarget target(*context);
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
