//===- PoolingKernel.cpp - vector kernel for max and sum pooling ----------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Max pooling and the sum behind average pooling reduce each channel's 2-D
// windows independently, like a depthwise convolution without weights. In
// NCHW the contiguous axis is the output width, so, like
// DepthwiseKernel.cpp, this kernel vectorizes along one output row:
//
//   out[n, c, oh, ow..ow+L) = max/sum(out[...], in[n, c, oh*sh + kh*dh,
//                                              (ow..ow+L)*sw + kw*dw])
//
// The input is one contiguous vector load for stride 1, one load of sw*L
// elements and a shuffle keeping every sw-th one for larger strides (or of
// (L-1)*sw+1 elements at the row's end, where sw*L would read past it).
// Several vectors and several output rows form a register block.
//
// A window is separable: its reduction over kernel columns for one input
// row (the "row reduction") serves every output row whose window covers that
// input row. With a stride smaller than the kernel, neighbouring output rows
// share input rows (3x3 stride 2: 2R+1 rows for a block of R output rows
// instead of 3R), so the kernel walks the block's input rows once, reducing
// each over the kernel columns and folding it into the accumulators of the
// output rows that use it. Blocks whose unrolled walk would be too long
// (large windows) loop over kernel rows instead.
//
// The pooling lowering padded the input already (-inf for max, 0 for sum;
// also the extra end padding of ceil_mode), so there are no bounds tests.
//
//===----------------------------------------------------------------------===//

#include "PoolingKernel.h"
#include "IndexArithmetic.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

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

/// Upper bound on the row reductions' loads of one unrolled block, beyond
/// which the block loops over kernel rows instead (code size).
constexpr int64_t kMaxUnrolledLoads = 96;

/// Emits the loops and kernels of one pooling op.
class PoolingEmitter {
public:
  PoolingEmitter(linalg::LinalgOp pooling, bool isMax, int64_t lanes,
                 int64_t blockVectors, int64_t blockRows)
      : input(pooling.getDpsInputs()[0]), output(pooling.getDpsInits()[0]),
        isMax(isMax), lanes(lanes), blockVectors(blockVectors),
        blockRows(blockRows) {
    auto strides = pooling->getAttrOfType<DenseIntElementsAttr>("strides");
    auto dilations = pooling->getAttrOfType<DenseIntElementsAttr>("dilations");
    SmallVector<int64_t> strideValues(strides.getValues<int64_t>());
    SmallVector<int64_t> dilationValues(dilations.getValues<int64_t>());
    strideRows = strideValues[0];
    strideColumns = strideValues[1];
    dilationRows = dilationValues[0];
    dilationColumns = dilationValues[1];
    ArrayRef<int64_t> windowShape =
        cast<MemRefType>(pooling.getDpsInputs()[1].getType()).getShape();
    kernelRows = windowShape[0];
    kernelColumns = windowShape[1];
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

  /// The output row block: full column blocks in a loop while their loads
  /// are plain, then the remaining columns in one kernel of static vectors
  /// (full vectors, then one shorter vector for the last columns).
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

  /// max or sum of two vectors, the pooling's own combinator.
  Value combine(OpBuilder &b, Location loc, Value lhs, Value rhs) const {
    if (isMax)
      return arith::MaximumFOp::create(b, loc, lhs, rhs);
    return arith::AddFOp::create(b, loc, lhs, rhs);
  }

  /// The input under output columns [column, column + lanes) of `vector`
  /// for input row `inputRow` and kernel column `kernelColumn`.
  Value loadInput(OpBuilder &b, Location loc, Value inputRow, Value column,
                  const BlockVector &vector, int64_t kernelColumn) const {
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

  /// The reduction of input row `inputRow` over the kernel columns under
  /// `vector`'s output columns. For stride > 1 each kernel column's wide
  /// load is narrowed by its own shuffle before the max/add: reducing the
  /// wide loads lane by lane and shuffling once was measured slower on
  /// AVX-512 (3x3 stride 2 pooling of 64x111x111: 0.238 against 0.205 ms),
  /// the wide max/add costing more than the shuffles it saves.
  Value reduceRow(OpBuilder &b, Location loc, Value inputRow, Value column,
                  const BlockVector &vector) const {
    Value reduced = loadInput(b, loc, inputRow, column, vector, 0);
    for (int64_t kernelColumn = 1; kernelColumn < kernelColumns;
         ++kernelColumn)
      reduced = combine(
          b, loc, reduced,
          loadInput(b, loc, inputRow, column, vector, kernelColumn));
    return reduced;
  }

  /// One block of output vectors starting at output column `column`: load
  /// the accumulators from the output (which holds the pooling's identity),
  /// fold in every window row, store back.
  void emitKernel(OpBuilder &b, Location loc, Value column,
                  ArrayRef<BlockVector> vectors) {
    Type f32 = b.getF32Type();
    // Accumulator (block row r, vector v) is number r * vectors.size() + v.
    auto outputIndices = [&](int64_t blockRow,
                             const BlockVector &vector) -> SmallVector<Value> {
      return {batch, channel, addIndex(b, loc, row, blockRow),
              addIndex(b, loc, column, vector.offset)};
    };
    SmallVector<Value> accumulators;
    for (int64_t blockRow = 0; blockRow < rowCount; ++blockRow)
      for (const BlockVector &vector : vectors)
        accumulators.push_back(vector::LoadOp::create(
            b, loc, VectorType::get({vector.lanes}, f32), output,
            outputIndices(blockRow, vector)));

    Value firstInputRow = mulIndex(b, loc, row, strideRows);
    int64_t inputRows =
        (rowCount - 1) * strideRows + (kernelRows - 1) * dilationRows + 1;
    int64_t vectorCount = vectors.size();
    if (inputRows * kernelColumns * vectorCount <= kMaxUnrolledLoads) {
      // Each input row of the block once, folded into every output row
      // whose window covers it.
      for (int64_t inputOffset = 0; inputOffset < inputRows; ++inputOffset) {
        SmallVector<int64_t> users;
        for (int64_t blockRow = 0; blockRow < rowCount; ++blockRow) {
          int64_t windowOffset = inputOffset - blockRow * strideRows;
          if (windowOffset >= 0 && windowOffset % dilationRows == 0 &&
              windowOffset / dilationRows < kernelRows)
            users.push_back(blockRow);
        }
        if (users.empty())
          continue;
        Value inputRow = addIndex(b, loc, firstInputRow, inputOffset);
        for (auto [index, vector] : llvm::enumerate(vectors)) {
          Value reduced = reduceRow(b, loc, inputRow, column, vector);
          for (int64_t blockRow : users) {
            Value &accumulator = accumulators[blockRow * vectorCount + index];
            accumulator = combine(b, loc, accumulator, reduced);
          }
        }
      }
    } else {
      // Large windows: a loop over kernel rows keeps the code small.
      auto rowLoop = scf::ForOp::create(
          b, loc, constantIndex(b, loc, 0), constantIndex(b, loc, kernelRows),
          constantIndex(b, loc, 1), accumulators,
          [&](OpBuilder &nb, Location nl, Value kernelRow,
              ValueRange carried) {
            SmallVector<Value> updated(carried.begin(), carried.end());
            Value windowRow = arith::AddIOp::create(
                nb, nl, firstInputRow, mulIndex(nb, nl, kernelRow, dilationRows));
            for (int64_t blockRow = 0; blockRow < rowCount; ++blockRow) {
              Value inputRow =
                  addIndex(nb, nl, windowRow, blockRow * strideRows);
              for (auto [index, vector] : llvm::enumerate(vectors)) {
                Value &accumulator = updated[blockRow * vectorCount + index];
                accumulator =
                    combine(nb, nl, accumulator,
                            reduceRow(nb, nl, inputRow, column, vector));
              }
            }
            scf::YieldOp::create(nb, nl, updated);
          });
      accumulators.assign(rowLoop.getResults().begin(),
                          rowLoop.getResults().end());
    }
    for (int64_t blockRow = 0; blockRow < rowCount; ++blockRow)
      for (auto [index, vector] : llvm::enumerate(vectors))
        vector::StoreOp::create(b, loc, accumulators[blockRow * vectorCount +
                                                     index],
                                output, outputIndices(blockRow, vector));
  }

  Value input, output;
  bool isMax;
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

LogicalResult mote::rewritePooling(linalg::LinalgOp pooling, int64_t lanes,
                                   int64_t registers) {
  bool isMax = isa<linalg::PoolingNchwMaxOp>(pooling.getOperation());
  if (!isMax && !isa<linalg::PoolingNchwSumOp>(pooling.getOperation()))
    return failure();
  if (!pooling.hasPureBufferSemantics() || pooling.getNumDpsInputs() != 2 ||
      pooling.getNumDpsInits() != 1)
    return failure();
  auto inputType = dyn_cast<MemRefType>(pooling.getDpsInputs()[0].getType());
  auto windowType = dyn_cast<MemRefType>(pooling.getDpsInputs()[1].getType());
  auto outputType = dyn_cast<MemRefType>(pooling.getDpsInits()[0].getType());
  if (!inputType || !windowType || !outputType ||
      !inputType.hasStaticShape() || !windowType.hasStaticShape() ||
      !outputType.hasStaticShape() || !inputType.getElementType().isF32() ||
      !outputType.getElementType().isF32() ||
      !hasUnitInnermostStride(inputType) ||
      !hasUnitInnermostStride(outputType) || outputType.getNumElements() == 0)
    return failure();

  // The kernel unrolls the window's columns in every block: a much wider
  // window (the ONNX tests have 60x80 with dilation 10) would unroll into
  // thousands of ops and seconds of compile time for no common model, so
  // it keeps the scalar loops.
  constexpr int64_t kMaxWindowColumns = 16;
  if (windowType.getShape()[1] > kMaxWindowColumns)
    return failure();

  // Each accumulator needs a register and its row reduction another (plus
  // one for the input vector being folded in); no more vectors than the
  // row fills.
  int64_t outputWidth = outputType.getShape()[3];
  int64_t outputHeight = outputType.getShape()[2];
  int64_t blockVectors =
      std::clamp<int64_t>(std::min<int64_t>(4, (registers - 2) / 2), 1,
                          std::max<int64_t>(1, outputWidth / lanes));
  // Several output rows per block: enough independent max/add chains to
  // hide their latency, and rows that share input rows (stride below the
  // kernel) reduce them once.
  int64_t rowVectors = std::max<int64_t>(1, (outputWidth + lanes - 1) / lanes);
  rowVectors = std::min(rowVectors, blockVectors);
  int64_t blockRows = std::clamp<int64_t>(
      std::min<int64_t>(8 / rowVectors, (registers - 2) / (2 * rowVectors)),
      1, outputHeight);
  OpBuilder b(pooling);
  PoolingEmitter(pooling, isMax, lanes, blockVectors, blockRows)
      .emit(b, pooling.getLoc());
  pooling->erase();
  return success();
}
