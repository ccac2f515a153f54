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

#include "mote/Codegen/Passes.h"

#include "llvm/ADT/DenseMap.h"

using namespace mlir;
using namespace mote::codegen;

namespace {

/// Whether the innermost dimension of `type` has unit stride, which
/// vector.load/store need to lower to plain vector memory accesses.
bool hasUnitInnermostStride(MemRefType type) {
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(type.getStridesAndOffset(strides, offset)))
    return false;
  return !strides.empty() && strides.back() == 1;
}

/// One vector of a kernel block: `lanes` output columns starting `offset`
/// columns after the block's first column.
struct BlockVector {
  int64_t offset;
  int64_t lanes;
  /// Whether a load of lanes * stride input columns (stride > 1) would
  /// read past the end of the input row, so only the columns used are read.
  bool shortLoad;
};

/// Emits the loops and kernels of one depthwise convolution.
class DepthwiseEmitter {
public:
  DepthwiseEmitter(linalg::DepthwiseConv2DNchwChwOp conv, int64_t lanes,
                   int64_t blockVectors, int64_t blockRows)
      : input(conv.getInputs()[0]), filter(conv.getInputs()[1]),
        output(conv.getOutputs()[0]), lanes(lanes),
        blockVectors(blockVectors), blockRows(blockRows) {
    SmallVector<int64_t> strides(conv.getStrides().getValues<int64_t>());
    SmallVector<int64_t> dilations(conv.getDilations().getValues<int64_t>());
    strideRows = strides[0];
    strideColumns = strides[1];
    dilationRows = dilations[0];
    dilationColumns = dilations[1];
    ArrayRef<int64_t> filterShape =
        cast<MemRefType>(filter.getType()).getShape();
    kernelRows = filterShape[1];
    kernelColumns = filterShape[2];
    inputWidth = cast<MemRefType>(input.getType()).getShape()[3];
    outputShape = cast<MemRefType>(output.getType()).getShape();
  }

  /// Batch, channel and output-row loops around the row kernels: blocks
  /// of `blockRows` output rows in a loop, then one block of the remaining
  /// rows.
  void emit(OpBuilder &b, Location loc) {
    auto loop = [&](int64_t count, int64_t step) {
      auto forOp = scf::ForOp::create(b, loc, constantIndex(b, loc, 0),
                                      constantIndex(b, loc, count),
                                      constantIndex(b, loc, step));
      b.setInsertionPointToStart(forOp.getBody());
      return forOp.getInductionVar();
    };
    batch = loop(outputShape[0], 1);
    channel = loop(outputShape[1], 1);
    int64_t outputHeight = outputShape[2];
    int64_t loopRows = outputHeight / blockRows * blockRows;
    if (loopRows > 0) {
      OpBuilder::InsertionGuard guard(b);
      row = loop(loopRows, blockRows);
      rowCount = blockRows;
      emitRow(b, loc);
    }
    if (loopRows < outputHeight) {
      row = constantIndex(b, loc, loopRows);
      rowCount = outputHeight - loopRows;
      emitRow(b, loc);
    }
  }

private:
  /// Whether a wide (stride > 1) load for output columns
  /// [firstColumn, firstColumn + count) stays inside the input row for every
  /// kernel column.
  bool wideLoadFits(int64_t firstColumn, int64_t count) const {
    int64_t lastRead = strideColumns * (firstColumn + count) - 1 +
                       (kernelColumns - 1) * dilationColumns;
    return lastRead < inputWidth;
  }

  /// The output row: full blocks in a loop while their loads are plain,
  /// then the remaining columns in one kernel of static vectors (full
  /// vectors, then one shorter vector for the last columns).
  void emitRow(OpBuilder &b, Location loc) {
    int64_t outputWidth = outputShape[3];
    int64_t blockColumns = blockVectors * lanes;
    int64_t loopBlocks = outputWidth / blockColumns;
    // The last block of the loop decides: wide loads only grow with the
    // column.
    while (strideColumns > 1 && loopBlocks > 0 &&
           !wideLoadFits((loopBlocks - 1) * blockColumns, blockColumns))
      --loopBlocks;
    if (loopBlocks > 0) {
      SmallVector<BlockVector> vectors;
      for (int64_t v = 0; v < blockVectors; ++v)
        vectors.push_back({v * lanes, lanes, /*shortLoad=*/false});
      scf::ForOp::create(
          b, loc, constantIndex(b, loc, 0),
          constantIndex(b, loc, loopBlocks * blockColumns),
          constantIndex(b, loc, blockColumns), ValueRange{},
          [&](OpBuilder &nb, Location nl, Value column, ValueRange) {
            emitKernel(nb, nl, column, vectors);
            scf::YieldOp::create(nb, nl);
          });
    }
    int64_t done = loopBlocks * blockColumns;
    if (done == outputWidth)
      return;
    SmallVector<BlockVector> tail;
    for (int64_t column = done; column < outputWidth; column += lanes) {
      int64_t count = std::min(lanes, outputWidth - column);
      bool shortLoad = strideColumns > 1 && !wideLoadFits(column, count);
      tail.push_back({column - done, count, shortLoad});
    }
    emitKernel(b, loc, constantIndex(b, loc, done), tail);
  }

  /// The input under output columns [column, column + lanes) of `vector`
  /// for kernel position (`inputRow`, `kernelColumn`).
  Value loadInput(OpBuilder &b, Location loc, Value inputRow, Value column,
                  const BlockVector &vector, int64_t kernelColumn) {
    auto vectorType = VectorType::get({vector.lanes}, b.getF32Type());
    Value inputColumn =
        addIndex(b, loc, mulIndex(b, loc, column, strideColumns),
                 vector.offset * strideColumns +
                     kernelColumn * dilationColumns);
    if (strideColumns == 1)
      return vector::LoadOp::create(
          b, loc, vectorType, input,
          ValueRange{batch, channel, inputRow, inputColumn});
    // A load of exactly the columns read, (lanes - 1) * stride + 1, when a
    // load of lanes * stride would run past the end of the row.
    int64_t wideLanes = vector.shortLoad
                            ? (vector.lanes - 1) * strideColumns + 1
                            : vector.lanes * strideColumns;
    Value wide = vector::LoadOp::create(
        b, loc, VectorType::get({wideLanes}, b.getF32Type()), input,
        ValueRange{batch, channel, inputRow, inputColumn});
    SmallVector<int64_t> everyStride;
    for (int64_t lane = 0; lane < vector.lanes; ++lane)
      everyStride.push_back(lane * strideColumns);
    return vector::ShuffleOp::create(b, loc, wide, wide, everyStride);
  }

  /// One block of output vectors starting at output column `column`: load
  /// the accumulators from the output (which holds the bias), accumulate
  /// every kernel row (a loop) and kernel column (unrolled), store back.
  void emitKernel(OpBuilder &b, Location loc, Value column,
                  ArrayRef<BlockVector> vectors) {
    Type f32 = b.getF32Type();
    // Accumulator (block row r, vector v) is number r * vectors.size() + v.
    auto outputIndices = [&](OpBuilder &nb, Location nl, int64_t blockRow,
                             const BlockVector &vector) -> SmallVector<Value> {
      return {batch, channel, addIndex(nb, nl, row, blockRow),
              addIndex(nb, nl, column, vector.offset)};
    };
    SmallVector<Value> accumulators;
    for (int64_t blockRow = 0; blockRow < rowCount; ++blockRow)
      for (const BlockVector &vector : vectors)
        accumulators.push_back(vector::LoadOp::create(
            b, loc, VectorType::get({vector.lanes}, f32), output,
            outputIndices(b, loc, blockRow, vector)));

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
    SmallVector<Value> results;
    if (kernelRows == 1) {
      results = kernelRowStep(b, loc, constantIndex(b, loc, 0), accumulators);
    } else {
      auto rowLoop = scf::ForOp::create(
          b, loc, constantIndex(b, loc, 0), constantIndex(b, loc, kernelRows),
          constantIndex(b, loc, 1), accumulators,
          [&](OpBuilder &nb, Location nl, Value kernelRow,
              ValueRange carried) {
            scf::YieldOp::create(nb, nl,
                                 kernelRowStep(nb, nl, kernelRow, carried));
          });
      results.assign(rowLoop.getResults().begin(), rowLoop.getResults().end());
    }
    for (int64_t blockRow = 0; blockRow < rowCount; ++blockRow)
      for (auto [index, vector] : llvm::enumerate(vectors))
        vector::StoreOp::create(
            b, loc, results[blockRow * vectors.size() + index], output,
            outputIndices(b, loc, blockRow, vector));
  }

  Value input, filter, output;
  int64_t lanes, blockVectors, blockRows;
  int64_t strideRows = 1, strideColumns = 1;
  int64_t dilationRows = 1, dilationColumns = 1;
  int64_t kernelRows = 1, kernelColumns = 1;
  int64_t inputWidth = 0;
  ArrayRef<int64_t> outputShape;
  Value batch, channel, row;
  /// Output rows in the block being emitted: `blockRows`, or fewer for the
  /// last rows.
  int64_t rowCount = 1;
};

} // namespace

LogicalResult
mote::rewriteDepthwiseConvolution(linalg::DepthwiseConv2DNchwChwOp conv,
                                  int64_t lanes, int64_t registers) {
  if (!conv.hasPureBufferSemantics())
    return failure();
  auto inputType = dyn_cast<MemRefType>(conv.getInputs()[0].getType());
  auto filterType = dyn_cast<MemRefType>(conv.getInputs()[1].getType());
  auto outputType = dyn_cast<MemRefType>(conv.getOutputs()[0].getType());
  if (!inputType || !filterType || !outputType ||
      !inputType.hasStaticShape() || !filterType.hasStaticShape() ||
      !outputType.hasStaticShape() || !inputType.getElementType().isF32() ||
      !filterType.getElementType().isF32() ||
      !outputType.getElementType().isF32() ||
      !hasUnitInnermostStride(inputType) ||
      !hasUnitInnermostStride(outputType))
    return failure();

  // Up to four accumulators, each with its input vector, plus the broadcast
  // weight must stay in registers; no more vectors than the row fills.
  int64_t outputWidth = outputType.getShape()[3];
  int64_t outputHeight = outputType.getShape()[2];
  int64_t blockVectors =
      std::clamp<int64_t>(std::min<int64_t>(4, (registers - 1) / 2), 1,
                          std::max<int64_t>(1, outputWidth / lanes));
  // Several output rows per block, so enough independent FMA chains hide
  // the FMA latency (two FMAs per cycle, four cycles each: eight chains)
  // and each broadcast weight feeds every row. Each accumulator needs a
  // register and its input vector another; one more holds the broadcast.
  int64_t rowVectors = std::max<int64_t>(1, (outputWidth + lanes - 1) / lanes);
  rowVectors = std::min(rowVectors, blockVectors);
  int64_t blockRows = std::clamp<int64_t>(
      std::min<int64_t>(8 / rowVectors, (registers - 1) / (2 * rowVectors)),
      1, outputHeight);
  OpBuilder b(conv);
  DepthwiseEmitter(conv, lanes, blockVectors, blockRows)
      .emit(b, conv.getLoc());
  conv.erase();
  return success();
}
