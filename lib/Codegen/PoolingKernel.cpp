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
#include "WindowRowEmitter.h"

using namespace mlir;
using namespace mote::codegen;

namespace {

/// Upper bound on the row reductions' loads of one unrolled block, beyond
/// which the block loops over kernel rows instead (code size).
constexpr int64_t kMaxUnrolledLoads = 96;

/// Emits the loops and kernels of one pooling op: the shared row loops of
/// WindowRowEmitter around a kernel of shared row reductions.
class PoolingEmitter : public WindowRowEmitter {
public:
  PoolingEmitter(linalg::LinalgOp pooling, bool isMax, int64_t lanes,
                 WindowBlock block)
      : WindowRowEmitter(
            pooling.getDpsInputs()[0], pooling.getDpsInits()[0],
            pooling->getAttrOfType<DenseIntElementsAttr>("strides"),
            pooling->getAttrOfType<DenseIntElementsAttr>("dilations"),
            cast<MemRefType>(pooling.getDpsInputs()[1].getType()).getShape()[0],
            cast<MemRefType>(pooling.getDpsInputs()[1].getType()).getShape()[1],
            lanes, block),
        isMax(isMax) {}

private:
  /// max or sum of two vectors, the pooling's own combinator.
  Value combine(OpBuilder &b, Location loc, Value lhs, Value rhs) const {
    if (isMax)
      return arith::MaximumFOp::create(b, loc, lhs, rhs);
    return arith::AddFOp::create(b, loc, lhs, rhs);
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
                  ArrayRef<BlockVector> vectors) override {
    // Accumulator (block row r, vector v) is number r * vectors.size() + v.
    SmallVector<Value> accumulators = loadAccumulators(b, loc, column, vectors);

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
      accumulators = emitKernelRowLoop(
          b, loc, accumulators,
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
            return updated;
          });
    }
    storeAccumulators(b, loc, column, vectors, accumulators);
  }

  bool isMax;
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
  auto windowType = dyn_cast<MemRefType>(pooling.getDpsInputs()[1].getType());
  MemRefType outputType =
      getVectorBufferType(pooling.getDpsInits()[0].getType());
  if (!getVectorBufferType(pooling.getDpsInputs()[0].getType()) ||
      !windowType || !windowType.hasStaticShape() || !outputType ||
      outputType.getNumElements() == 0)
    return failure();

  // The kernel unrolls the window's columns in every block: a much wider
  // window (the ONNX tests have 60x80 with dilation 10) would unroll into
  // thousands of ops and seconds of compile time for no common model, so
  // it keeps the scalar loops.
  constexpr int64_t kMaxWindowColumns = 16;
  if (windowType.getShape()[1] > kMaxWindowColumns)
    return failure();

  // Each accumulator needs a register and its row reduction another, plus
  // one for the input vector being folded in. Several output rows per
  // block also let rows that share input rows (stride below the kernel)
  // reduce them once.
  WindowBlock block = chooseWindowBlock(
      outputType.getShape()[2], outputType.getShape()[3], lanes, registers - 2);
  OpBuilder b(pooling);
  PoolingEmitter(pooling, isMax, lanes, block).emit(b, pooling.getLoc());
  pooling->erase();
  return success();
}
