//===- DepthwiseKernel.cpp - vector kernel for depthwise convolutions -----===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// A depthwise convolution has no reduction over channels: every channel is
// an independent 2-D stencil, so the channel-vectorized kernel of
// TileAndVectorize.cpp would have nothing to put in a vector. Instead this
// kernel vectorizes along the output width of one output row:
//
//   out[n, c, oh, ow..ow+L) += w[c, kh, kw] * in[n, c, oh*sh + kh*dh,
//                                               (ow..ow+L)*sw + kw*dw]
//
// The weight is a scalar broadcast; the input is one contiguous vector load
// for stride 1, one load of sw*L elements and a shuffle keeping every sw-th
// one for larger strides (or of (L-1)*sw+1 elements at the row's end, where
// sw*L would read past it). Several vectors of one row are register-blocked so each
// broadcast weight feeds several FMAs. The input is the padded buffer
// bufferization already produced, so there are no bounds tests.
//
//===----------------------------------------------------------------------===//

#include "DepthwiseKernel.h"
#include "IndexArithmetic.h"
#include "WindowRowEmitter.h"

#include "mote/Codegen/Passes.h"

#include "llvm/ADT/DenseMap.h"

using namespace mlir;
using namespace mote::codegen;

namespace {

/// Emits the loops and kernels of one depthwise convolution: the shared row
/// loops of WindowRowEmitter around a kernel of broadcast weights and FMAs.
class DepthwiseEmitter : public WindowRowEmitter {
public:
  DepthwiseEmitter(linalg::DepthwiseConv2DNchwChwOp conv, int64_t lanes,
                   WindowBlock block)
      : WindowRowEmitter(
            conv.getInputs()[0], conv.getOutputs()[0], conv.getStrides(),
            conv.getDilations(),
            cast<MemRefType>(conv.getInputs()[1].getType()).getShape()[1],
            cast<MemRefType>(conv.getInputs()[1].getType()).getShape()[2],
            lanes, block),
        filter(conv.getInputs()[1]) {}

private:
  /// One block of output vectors starting at output column `column`: load
  /// the accumulators from the output (which holds the bias), accumulate
  /// every kernel row (a loop) and kernel column (unrolled), store back.
  void emitKernel(OpBuilder &b, Location loc, Value column,
                  ArrayRef<BlockVector> vectors) override {
    Type f32 = b.getF32Type();
    // Accumulator (block row r, vector v) is number r * vectors.size() + v.
    SmallVector<Value> accumulators = loadAccumulators(b, loc, column, vectors);

    auto kernelRowStep = [&](OpBuilder &nb, Location nl, Value kernelRow,
                             ValueRange carried) {
      SmallVector<Value> updated(carried.begin(), carried.end());
      Value firstInputRow =
          arith::AddIOp::create(nb, nl, mulIndex(nb, nl, row, strideRows),
                                mulIndex(nb, nl, kernelRow, dilationRows));
      for (int64_t kernelColumn = 0; kernelColumn < kernelColumns;
           ++kernelColumn) {
        Value weight = memref::LoadOp::create(
            nb, nl, filter,
            ValueRange{channel, kernelRow,
                       constantIndex(nb, nl, kernelColumn)});
        // One broadcast per vector length, shared by every block row.
        llvm::SmallDenseMap<int64_t, Value> broadcasts;
        for (int64_t blockRow = 0; blockRow < rowCount; ++blockRow) {
          Value inputRow =
              addIndex(nb, nl, firstInputRow, blockRow * strideRows);
          for (auto [index, vector] : llvm::enumerate(vectors)) {
            Value &accumulator = updated[blockRow * vectors.size() + index];
            Value &broadcast = broadcasts[vector.lanes];
            if (!broadcast)
              broadcast = vector::BroadcastOp::create(
                  nb, nl, VectorType::get({vector.lanes}, f32), weight);
            Value in =
                loadInput(nb, nl, inputRow, column, vector, kernelColumn);
            accumulator =
                vector::FMAOp::create(nb, nl, in, broadcast, accumulator);
          }
        }
      }
      return updated;
    };
    SmallVector<Value> results =
        kernelRows == 1
            ? kernelRowStep(b, loc, constantIndex(b, loc, 0), accumulators)
            : emitKernelRowLoop(b, loc, accumulators, kernelRowStep);
    storeAccumulators(b, loc, column, vectors, results);
  }

  Value filter;
};

} // namespace

LogicalResult
mote::rewriteDepthwiseConvolution(linalg::DepthwiseConv2DNchwChwOp conv,
                                  int64_t lanes, int64_t registers) {
  if (!conv.hasPureBufferSemantics())
    return failure();
  auto filterType = dyn_cast<MemRefType>(conv.getInputs()[1].getType());
  MemRefType outputType = getVectorBufferType(conv.getOutputs()[0].getType());
  if (!getVectorBufferType(conv.getInputs()[0].getType()) || !filterType ||
      !filterType.hasStaticShape() || !filterType.getElementType().isF32() ||
      !outputType)
    return failure();

  // Up to four accumulators, each with its input vector, plus the broadcast
  // weight must stay in registers.
  WindowBlock block = chooseWindowBlock(
      outputType.getShape()[2], outputType.getShape()[3], lanes, registers - 1);
  OpBuilder b(conv);
  DepthwiseEmitter(conv, lanes, block).emit(b, conv.getLoc());
  conv.erase();
  return success();
}
