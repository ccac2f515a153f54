//===- WindowRowEmitter.h - row loops shared by the window kernels --------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Depthwise convolution and pooling both slide a 2-D window over each
// channel of an NCHW buffer on its own, and both vectorize along the output
// width of one output row. What they share lives here: the window geometry,
// the (batch, channel, output-row block) loops, the split of a row into a
// loop of full column blocks plus a tail of static vectors, and the strided
// input load. What differs (weights and FMAs against max/add and the shared
// row reductions of pooling) is the `emitKernel` hook of each subclass.
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_LIB_CODEGEN_WINDOWROWEMITTER_H
#define MOTE_LIB_CODEGEN_WINDOWROWEMITTER_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

namespace mote::codegen {

/// Whether the innermost dimension of `type` has unit stride, which
/// vector.load/store need to lower to plain vector memory accesses.
bool hasUnitInnermostStride(mlir::MemRefType type);

/// `type` as a static f32 memref whose innermost dimension has unit
/// stride, the buffers a window kernel reads and writes as vectors; null
/// for any other type.
mlir::MemRefType getVectorBufferType(mlir::Type type);

/// One vector of a kernel block: `lanes` output columns starting `offset`
/// columns after the block's first column.
struct BlockVector {
  int64_t offset;
  int64_t lanes;
  /// Whether a load of lanes * stride input columns (stride > 1) would
  /// read past the end of the input row, so only the columns used are read.
  bool shortLoad;
};

/// The register block of a window kernel: `vectors` output vectors along a
/// row times `rows` output rows.
struct WindowBlock {
  int64_t vectors;
  int64_t rows;
};

/// The register block for an NCHW output of `outputHeight` x `outputWidth`
/// with `lanes` f32 per vector, when `freeRegisters` vector registers are
/// left for accumulators and their input vectors (two registers each): up
/// to four vectors, no more than the row fills, and up to eight
/// independent accumulator chains (two FMAs or max/adds per cycle, four
/// cycles each) so their latency is hidden.
WindowBlock chooseWindowBlock(int64_t outputHeight, int64_t outputWidth,
                              int64_t lanes, int64_t freeRegisters);

/// Emits the loops of one window op over NCHW buffers `input` and
/// `output`, calling `emitKernel` for each register block. The input is
/// already padded, so no load needs a bounds test.
class WindowRowEmitter {
public:
  WindowRowEmitter(mlir::Value input, mlir::Value output,
                   mlir::DenseIntElementsAttr strides,
                   mlir::DenseIntElementsAttr dilations, int64_t kernelRows,
                   int64_t kernelColumns, int64_t lanes, WindowBlock block);
  virtual ~WindowRowEmitter() = default;

  /// Batch, channel and output-row loops around the row kernels: blocks
  /// of `blockRows` output rows in a loop, then one block of the remaining
  /// rows.
  void emit(mlir::OpBuilder &b, mlir::Location loc);

protected:
  /// One block of output vectors, `rowCount` output rows from `row` times
  /// `vectors` starting at output column `column`.
  virtual void emitKernel(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Value column,
                          llvm::ArrayRef<BlockVector> vectors) = 0;

  /// The input under output columns [column, column + lanes) of `vector`
  /// for input row `inputRow` and kernel column `kernelColumn`: one
  /// contiguous load for stride 1, else one wide load and a shuffle keeping
  /// every stride-th lane.
  mlir::Value loadInput(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::Value inputRow, mlir::Value column,
                        const BlockVector &vector, int64_t kernelColumn) const;

  /// A loop over the kernel rows carrying `accumulators`: `step` folds
  /// kernel row `kernelRow` into the `carried` accumulators and returns
  /// them. Returns the accumulators after the last kernel row.
  llvm::SmallVector<mlir::Value>
  emitKernelRowLoop(mlir::OpBuilder &b, mlir::Location loc,
                    mlir::ValueRange accumulators,
                    llvm::function_ref<llvm::SmallVector<mlir::Value>(
                        mlir::OpBuilder &, mlir::Location,
                        mlir::Value kernelRow, mlir::ValueRange carried)>
                        step) const;

  /// The accumulators of a block, loaded from the output (which holds
  /// the initial value): block row r, vector v is number
  /// r * vectors.size() + v.
  llvm::SmallVector<mlir::Value>
  loadAccumulators(mlir::OpBuilder &b, mlir::Location loc, mlir::Value column,
                   llvm::ArrayRef<BlockVector> vectors) const;

  /// Stores `accumulators`, numbered as by loadAccumulators, back to the
  /// output.
  void storeAccumulators(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::Value column,
                         llvm::ArrayRef<BlockVector> vectors,
                         mlir::ValueRange accumulators) const;

  mlir::Value input, output;
  int64_t lanes, blockVectors, blockRows;
  int64_t strideRows = 1, strideColumns = 1;
  int64_t dilationRows = 1, dilationColumns = 1;
  int64_t kernelRows = 1, kernelColumns = 1;
  int64_t inputWidth = 0;
  llvm::ArrayRef<int64_t> outputShape;
  mlir::Value batch, channel, row;
  /// Output rows in the block being emitted: `blockRows`, or fewer for the
  /// last rows.
  int64_t rowCount = 1;

private:
  /// Whether a wide (stride > 1) load for output columns
  /// [firstColumn, firstColumn + count) stays inside the input row for every
  /// kernel column.
  bool wideLoadFits(int64_t firstColumn, int64_t count) const;

  /// The output row block: full column blocks in a loop while their loads
  /// are plain, then the remaining columns in one kernel of static vectors
  /// (full vectors, then one shorter vector for the last columns).
  void emitRow(mlir::OpBuilder &b, mlir::Location loc);
};

} // namespace mote::codegen

#endif // MOTE_LIB_CODEGEN_WINDOWROWEMITTER_H
