//===- IndexingToLinalg.cpp - scatter_nd and top_k to scf loops -----------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// mote.scatter_nd and mote.top_k lower to scf.for loops over tensors
// (tensor.extract / tensor.insert with the tensors as loop-carried values),
// not to linalg: a scatter writes where its index data says, and duplicate
// indices must accumulate in order, which no linalg.generic (one write per
// output element, order-free) can express; top-k selection scans a slice
// once per selected element, a loop-carried search. One-shot bufferization
// turns the loop-carried tensors into in-place buffer updates.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "mote/Dialect/Mote/IR/Mote.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

#include <numeric>

using namespace mlir;
using namespace mote;
using namespace mote::lowering;

namespace {

static Value indexConstant(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantIndexOp::create(b, loc, value);
}

/// Combines the old element with an update as `reduction` says.
static Value combine(OpBuilder &b, Location loc, StringRef reduction,
                     Value old, Value update) {
  bool isFloatType = isa<FloatType>(update.getType());
  if (reduction == "add")
    return isFloatType ? Value(arith::AddFOp::create(b, loc, old, update))
                       : Value(arith::AddIOp::create(b, loc, old, update));
  if (reduction == "mul")
    return isFloatType ? Value(arith::MulFOp::create(b, loc, old, update))
                       : Value(arith::MulIOp::create(b, loc, old, update));
  if (reduction == "max")
    return createMax(b, loc, old, update);
  if (reduction == "min")
    return createMin(b, loc, old, update);
  return update;
}

/// scatter_nd on the 2-d view [prod(data.shape[:k]), prod(data.shape[k:])]:
/// for each tuple n (in order), the linear row index from its k coordinates
/// (negatives wrapped, then clamped), then each element of the row.
struct ScatterNDOpLowering : public OpConversionPattern<ScatterNDOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ScatterNDOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto dataType = cast<RankedTensorType>(adaptor.getData().getType());
    auto indicesType = cast<RankedTensorType>(adaptor.getIndices().getType());
    auto updatesType = cast<RankedTensorType>(adaptor.getUpdates().getType());
    if (!isSignlessInt(indicesType.getElementType()))
      return reportUnsupported(op, "indices must be a signless integer tensor");
    ArrayRef<int64_t> dataShape = dataType.getShape();
    int64_t k = indicesType.getShape().back();
    int64_t rows = std::accumulate(dataShape.begin(), dataShape.begin() + k,
                                   int64_t{1}, std::multiplies<int64_t>());
    int64_t rowSize = std::accumulate(dataShape.begin() + k, dataShape.end(),
                                      int64_t{1}, std::multiplies<int64_t>());
    int64_t tuples = indicesType.getNumElements() / k;
    if (rows == 0 || tuples == 0 || rowSize == 0) {
      // Nothing to write (or nowhere to write it): the data as it is.
      rewriter.replaceOp(op, adaptor.getData());
      return success();
    }
    Type elementType = dataType.getElementType();
    Value data = reshapeTo(rewriter, loc, adaptor.getData(),
                           RankedTensorType::get({rows, rowSize}, elementType));
    Value indices = reshapeTo(
        rewriter, loc, adaptor.getIndices(),
        RankedTensorType::get({tuples, k}, indicesType.getElementType()));
    Value updates = reshapeTo(
        rewriter, loc, adaptor.getUpdates(),
        RankedTensorType::get({tuples, rowSize},
                              updatesType.getElementType()));
    StringRef reduction = op.getReduction();
    if (reduction != "none" && !isFloat(elementType) &&
        !isSignlessInt(elementType))
      return reportUnsupported(op, "reduction '" + reduction +
                                       "' needs float or signless integer "
                                       "elements, got " +
                                       typeToString(elementType));

    Value zero = indexConstant(rewriter, loc, 0);
    Value one = indexConstant(rewriter, loc, 1);
    auto tupleLoop = scf::ForOp::create(
        rewriter, loc, zero, indexConstant(rewriter, loc, tuples), one,
        ValueRange{data},
        [&](OpBuilder &b, Location nl, Value tuple, ValueRange carried) {
          Value row = indexConstant(b, nl, 0);
          for (int64_t j = 0; j < k; ++j) {
            Value raw = tensor::ExtractOp::create(
                b, nl, indices, ValueRange{tuple, indexConstant(b, nl, j)});
            Value coordinate =
                arith::IndexCastOp::create(b, nl, b.getIndexType(), raw);
            Value dim = indexConstant(b, nl, dataShape[j]);
            Value isNegative = arith::CmpIOp::create(
                b, nl, arith::CmpIPredicate::slt, coordinate,
                indexConstant(b, nl, 0));
            coordinate = arith::SelectOp::create(
                b, nl, isNegative,
                arith::AddIOp::create(b, nl, coordinate, dim), coordinate);
            coordinate = arith::MaxSIOp::create(b, nl, coordinate,
                                                indexConstant(b, nl, 0));
            coordinate = arith::MinSIOp::create(
                b, nl, coordinate, indexConstant(b, nl, dataShape[j] - 1));
            row = arith::AddIOp::create(
                b, nl, arith::MulIOp::create(b, nl, row, dim), coordinate);
          }
          auto elementLoop = scf::ForOp::create(
              b, nl, indexConstant(b, nl, 0), indexConstant(b, nl, rowSize),
              indexConstant(b, nl, 1), ValueRange{carried[0]},
              [&](OpBuilder &ib, Location il, Value column,
                  ValueRange inner) {
                Value update = tensor::ExtractOp::create(
                    ib, il, updates, ValueRange{tuple, column});
                Value value = update;
                if (reduction != "none") {
                  Value old = tensor::ExtractOp::create(
                      ib, il, inner[0], ValueRange{row, column});
                  value = combine(ib, il, reduction, old, update);
                }
                Value written = tensor::InsertOp::create(
                    ib, il, value, inner[0], ValueRange{row, column});
                scf::YieldOp::create(ib, il, written);
              });
          scf::YieldOp::create(b, nl, elementLoop.getResult(0));
        });
    rewriter.replaceOp(op, reshapeTo(rewriter, loc, tupleLoop.getResult(0),
                                     cast<RankedTensorType>(op.getType())));
    return success();
  }
};

/// top_k: for every slice along `axis`, k passes over the slice; pass p
/// picks the best element that comes strictly after pass p-1's pick in the
/// order (value, then lower index first). O(k * n) per slice, no scratch
/// memory, and ties resolve to the lower index by construction.
struct TopKOpLowering : public OpConversionPattern<TopKOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(TopKOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto inputType = cast<RankedTensorType>(input.getType());
    Type elementType = inputType.getElementType();
    bool isFloatType = isFloat(elementType);
    if (!isFloatType && !isSignlessInt(elementType))
      return reportUnsupported(op, "needs a float or signless integer input");
    auto valuesType = cast<RankedTensorType>(op.getValues().getType());
    auto indicesType = cast<RankedTensorType>(op.getIndices().getType());
    int64_t axis = op.getAxis(), k = op.getK();
    int64_t size = inputType.getDimSize(axis);
    bool largest = op.getLargest();
    Value values = tensor::EmptyOp::create(rewriter, loc, valuesType.getShape(),
                                           elementType);
    Value indices = tensor::EmptyOp::create(
        rewriter, loc, indicesType.getShape(), rewriter.getI64Type());
    if (valuesType.getNumElements() == 0) {
      rewriter.replaceOp(op, {values, indices});
      return success();
    }

    // Whether (a, ia) comes before (b, ib): a better value, or an equal one
    // at a lower index.
    auto before = [&](OpBuilder &b, Location l, Value a, Value ia, Value bv,
                      Value ib) -> Value {
      Value better, equal;
      if (isFloatType) {
        better = arith::CmpFOp::create(b, l,
                                       largest ? arith::CmpFPredicate::OGT
                                               : arith::CmpFPredicate::OLT,
                                       a, bv);
        equal = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OEQ, a, bv);
      } else {
        better = arith::CmpIOp::create(b, l,
                                       largest ? arith::CmpIPredicate::sgt
                                               : arith::CmpIPredicate::slt,
                                       a, bv);
        equal = arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq, a, bv);
      }
      Value lowerIndex =
          arith::CmpIOp::create(b, l, arith::CmpIPredicate::slt, ia, ib);
      return arith::OrIOp::create(
          b, l, better, arith::AndIOp::create(b, l, equal, lowerIndex));
    };

    // Loops over every dim but `axis` (a unit loop when the input is 1-d).
    SmallVector<Value> lbs, ubs, steps;
    for (int64_t d = 0; d < inputType.getRank(); ++d) {
      if (d == axis)
        continue;
      lbs.push_back(indexConstant(rewriter, loc, 0));
      ubs.push_back(indexConstant(rewriter, loc, inputType.getDimSize(d)));
      steps.push_back(indexConstant(rewriter, loc, 1));
    }
    auto coordinates = [&](ValueRange outer, Value along) {
      SmallVector<Value> coords(outer.begin(), outer.end());
      coords.insert(coords.begin() + axis, along);
      return coords;
    };
    Value noIndex = arith::ConstantIntOp::create(rewriter, loc, -1, 64);
    // The initial "previous pick" and "best so far"; never read while the
    // index next to them is -1.
    Value lowest = createScalar(rewriter, loc, elementType, 0);
    scf::LoopNest nest = scf::buildLoopNest(
        rewriter, loc, lbs, ubs, steps, ValueRange{values, indices},
        [&](OpBuilder &b, Location l, ValueRange outer,
            ValueRange carried) -> scf::ValueVector {
          auto pickLoop = scf::ForOp::create(
              b, l, indexConstant(b, l, 0), indexConstant(b, l, k),
              indexConstant(b, l, 1),
              ValueRange{carried[0], carried[1], lowest, noIndex},
              [&](OpBuilder &pb, Location pl, Value pick, ValueRange state) {
                Value previous = state[2], previousIndex = state[3];
                auto scan = scf::ForOp::create(
                    pb, pl, indexConstant(pb, pl, 0),
                    indexConstant(pb, pl, size), indexConstant(pb, pl, 1),
                    ValueRange{lowest, noIndex},
                    [&](OpBuilder &sb, Location sl, Value position,
                        ValueRange best) {
                      Value x = tensor::ExtractOp::create(
                          sb, sl, input, coordinates(outer, position));
                      Value xIndex = arith::IndexCastOp::create(
                          sb, sl, sb.getI64Type(), position);
                      Value zero64 =
                          arith::ConstantIntOp::create(sb, sl, 0, 64);
                      // Eligible: comes after the previous pick (any
                      // element on the first pass).
                      Value firstPass = arith::CmpIOp::create(
                          sb, sl, arith::CmpIPredicate::slt, previousIndex,
                          zero64);
                      Value eligible = arith::OrIOp::create(
                          sb, sl, firstPass,
                          before(sb, sl, previous, previousIndex, x, xIndex));
                      Value noBest = arith::CmpIOp::create(
                          sb, sl, arith::CmpIPredicate::slt, best[1], zero64);
                      Value improves = arith::OrIOp::create(
                          sb, sl, noBest,
                          before(sb, sl, x, xIndex, best[0], best[1]));
                      Value take =
                          arith::AndIOp::create(sb, sl, eligible, improves);
                      Value bestValue =
                          arith::SelectOp::create(sb, sl, take, x, best[0]);
                      Value bestIndex = arith::SelectOp::create(
                          sb, sl, take, xIndex, best[1]);
                      scf::YieldOp::create(sb, sl,
                                           ValueRange{bestValue, bestIndex});
                    });
                Value bestValue = scan.getResult(0);
                Value bestIndex = scan.getResult(1);
                SmallVector<Value> at = coordinates(outer, pick);
                Value newValues =
                    tensor::InsertOp::create(pb, pl, bestValue, state[0], at);
                Value newIndices =
                    tensor::InsertOp::create(pb, pl, bestIndex, state[1], at);
                scf::YieldOp::create(
                    pb, pl,
                    ValueRange{newValues, newIndices, bestValue, bestIndex});
              });
          return {pickLoop.getResult(0), pickLoop.getResult(1)};
        });
    rewriter.replaceOp(op, nest.results);
    return success();
  }
};

} // namespace

void mote::lowering::populateIndexingPatterns(RewritePatternSet &patterns) {
  patterns.add<ScatterNDOpLowering, TopKOpLowering>(patterns.getContext());
}
