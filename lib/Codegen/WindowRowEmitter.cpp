//===- WindowRowEmitter.cpp - row loops shared by the window kernels ------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#include "WindowRowEmitter.h"
#include "IndexArithmetic.h"

using namespace mlir;
using namespace mote::codegen;

bool mote::codegen::hasUnitInnermostStride(MemRefType type) {
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(type.getStridesAndOffset(strides, offset)))
    return false;
  return !strides.empty() && strides.back() == 1;
}

MemRefType mote::codegen::getVectorBufferType(Type type) {
  auto memrefType = dyn_cast<MemRefType>(type);
  if (!memrefType || !memrefType.hasStaticShape() ||
      !memrefType.getElementType().isF32() ||
      !hasUnitInnermostStride(memrefType))
    return nullptr;
  return memrefType;
}

WindowBlock mote::codegen::chooseWindowBlock(int64_t outputHeight,
                                             int64_t outputWidth, int64_t lanes,
                                             int64_t freeRegisters) {
  int64_t blockVectors =
      std::clamp<int64_t>(std::min<int64_t>(4, freeRegisters / 2), 1,
                          std::max<int64_t>(1, outputWidth / lanes));
  int64_t rowVectors = std::max<int64_t>(1, (outputWidth + lanes - 1) / lanes);
  rowVectors = std::min(rowVectors, blockVectors);
  int64_t blockRows = std::clamp<int64_t>(
      std::min<int64_t>(8 / rowVectors, freeRegisters / (2 * rowVectors)), 1,
      outputHeight);
  return {blockVectors, blockRows};
}

WindowRowEmitter::WindowRowEmitter(Value input, Value output,
                                   DenseIntElementsAttr strides,
                                   DenseIntElementsAttr dilations,
                                   int64_t kernelRows, int64_t kernelColumns,
                                   int64_t lanes, WindowBlock block)
    : input(input), output(output), lanes(lanes), blockVectors(block.vectors),
      blockRows(block.rows), kernelRows(kernelRows),
      kernelColumns(kernelColumns) {
  SmallVector<int64_t> strideValues(strides.getValues<int64_t>());
  SmallVector<int64_t> dilationValues(dilations.getValues<int64_t>());
  strideRows = strideValues[0];
  strideColumns = strideValues[1];
  dilationRows = dilationValues[0];
  dilationColumns = dilationValues[1];
  inputWidth = cast<MemRefType>(input.getType()).getShape()[3];
  outputShape = cast<MemRefType>(output.getType()).getShape();
}

void WindowRowEmitter::emit(OpBuilder &b, Location loc) {
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

bool WindowRowEmitter::wideLoadFits(int64_t firstColumn, int64_t count) const {
  int64_t lastRead = strideColumns * (firstColumn + count) - 1 +
                     (kernelColumns - 1) * dilationColumns;
  return lastRead < inputWidth;
}

void WindowRowEmitter::emitRow(OpBuilder &b, Location loc) {
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

Value WindowRowEmitter::loadInput(OpBuilder &b, Location loc, Value inputRow,
                                  Value column, const BlockVector &vector,
                                  int64_t kernelColumn) const {
  auto vectorType = VectorType::get({vector.lanes}, b.getF32Type());
  Value inputColumn =
      addIndex(b, loc, mulIndex(b, loc, column, strideColumns),
               vector.offset * strideColumns + kernelColumn * dilationColumns);
  if (strideColumns == 1)
    return vector::LoadOp::create(
        b, loc, vectorType, input,
        ValueRange{batch, channel, inputRow, inputColumn});
  // A load of exactly the columns read, (lanes - 1) * stride + 1, when a
  // load of lanes * stride would run past the end of the row.
  int64_t wideLanes = vector.shortLoad ? (vector.lanes - 1) * strideColumns + 1
                                       : vector.lanes * strideColumns;
  Value wide = vector::LoadOp::create(
      b, loc, VectorType::get({wideLanes}, b.getF32Type()), input,
      ValueRange{batch, channel, inputRow, inputColumn});
  SmallVector<int64_t> everyStride;
  for (int64_t lane = 0; lane < vector.lanes; ++lane)
    everyStride.push_back(lane * strideColumns);
  return vector::ShuffleOp::create(b, loc, wide, wide, everyStride);
}

/// The output indices of `vector` in block row `blockRow` of the block at
/// output column `column`.
static SmallVector<Value> outputIndices(OpBuilder &b, Location loc, Value batch,
                                        Value channel, Value row, Value column,
                                        int64_t blockRow,
                                        const BlockVector &vector) {
  return {batch, channel, addIndex(b, loc, row, blockRow),
          addIndex(b, loc, column, vector.offset)};
}

SmallVector<Value>
WindowRowEmitter::loadAccumulators(OpBuilder &b, Location loc, Value column,
                                   ArrayRef<BlockVector> vectors) const {
  SmallVector<Value> accumulators;
  for (int64_t blockRow = 0; blockRow < rowCount; ++blockRow)
    for (const BlockVector &vector : vectors)
      accumulators.push_back(vector::LoadOp::create(
          b, loc, VectorType::get({vector.lanes}, b.getF32Type()), output,
          outputIndices(b, loc, batch, channel, row, column, blockRow,
                        vector)));
  return accumulators;
}

void WindowRowEmitter::storeAccumulators(OpBuilder &b, Location loc,
                                         Value column,
                                         ArrayRef<BlockVector> vectors,
                                         ValueRange accumulators) const {
  for (int64_t blockRow = 0; blockRow < rowCount; ++blockRow)
    for (auto [index, vector] : llvm::enumerate(vectors))
      vector::StoreOp::create(
          b, loc, accumulators[blockRow * vectors.size() + index], output,
          outputIndices(b, loc, batch, channel, row, column, blockRow, vector));
}

SmallVector<Value> WindowRowEmitter::emitKernelRowLoop(
    OpBuilder &b, Location loc, ValueRange accumulators,
    function_ref<SmallVector<Value>(OpBuilder &, Location, Value, ValueRange)>
        step) const {
  auto rowLoop = scf::ForOp::create(
      b, loc, constantIndex(b, loc, 0), constantIndex(b, loc, kernelRows),
      constantIndex(b, loc, 1), accumulators,
      [&](OpBuilder &nb, Location nl, Value kernelRow, ValueRange carried) {
        scf::YieldOp::create(nb, nl, step(nb, nl, kernelRow, carried));
      });
  return SmallVector<Value>(rowLoop.getResults());
}
