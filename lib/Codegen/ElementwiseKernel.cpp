//===- ElementwiseKernel.cpp - vector loops for elementwise/reduction generics //
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Everything between the convolutions of a MobileNet-family network is a
// linalg.generic: activations (SiLU, HardSwish), the squeeze-excite gate
// multiplied into every pixel of its channel, global average pooling, and
// the classifier once the pooling's division is fused into it. After
// bufferization they become scalar loop nests that LLVM often leaves scalar
// (it cannot prove the arena buffers apart), and elementwise fusion
// duplicates a per-channel producer (the gate's sigmoid) into every pixel.
// Profiles of efficientnet_b0 put ~40% of the time in such loops.
//
// This rewrite vectorizes them along their innermost loops:
//
//  * trailing loops that every operand either walks contiguously, in order,
//    or does not index at all are merged into one (so `x[c,h,w] * g[c]`
//    runs one loop of h*w per channel);
//  * operands walking the merged loop are vector loads; the others are
//    scalar loads, and every body value computed from them alone is
//    computed once per outer iteration, outside the vector loop (the
//    gate's sigmoid runs once per channel, not once per pixel);
//  * a parallel merged loop stores vectors; a reduction (add, mul, max,
//    min into the output) carries up to four vector accumulators and
//    reduces them once per output element.
//
//===----------------------------------------------------------------------===//

#include "ElementwiseKernel.h"
#include "IndexArithmetic.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"

#include "llvm/ADT/SmallPtrSet.h"

using namespace mlir;
using namespace mote::codegen;

namespace {

/// Whether `op` (inside a generic's body) has a vector form that lowers to
/// plain SIMD code: elementwise arith and the math ops mote expands into
/// polynomials or that are single instructions. Rounding ops are left out
/// because mote only expands their scalar forms; powers become calls.
bool hasVectorForm(Operation &op) {
  if (!op.hasTrait<OpTrait::Elementwise>() || op.getNumRegions() != 0)
    return false;
  if (isa<arith::IndexCastOp, arith::IndexCastUIOp>(op))
    return false;
  if (isa<math::FloorOp, math::CeilOp, math::RoundOp, math::RoundEvenOp,
          math::TruncOp, math::PowFOp, math::IPowIOp, math::FPowIOp>(op))
    return false;
  auto isDialect = [&](StringRef name) {
    return op.getDialect() && op.getDialect()->getNamespace() == name;
  };
  if (!isDialect("arith") && !isDialect("math"))
    return false;
  auto scalar = [](Type type) { return type.isIntOrFloat(); };
  return llvm::all_of(op.getOperandTypes(), scalar) &&
         llvm::all_of(op.getResultTypes(), scalar);
}

/// The vector.reduction kind of a reduction body's combining op, if it is
/// one mote vectorizes.
std::optional<vector::CombiningKind> combiningKind(Operation *op) {
  if (isa<arith::AddFOp>(op))
    return vector::CombiningKind::ADD;
  if (isa<arith::MulFOp>(op))
    return vector::CombiningKind::MUL;
  if (isa<arith::MaxNumFOp>(op))
    return vector::CombiningKind::MAXNUMF;
  if (isa<arith::MinNumFOp>(op))
    return vector::CombiningKind::MINNUMF;
  if (isa<arith::MaximumFOp>(op))
    return vector::CombiningKind::MAXIMUMF;
  if (isa<arith::MinimumFOp>(op))
    return vector::CombiningKind::MINIMUMF;
  return std::nullopt;
}

/// The neutral element of `kind` on `type`.
TypedAttr neutralElement(vector::CombiningKind kind, FloatType type) {
  const llvm::fltSemantics &semantics = type.getFloatSemantics();
  switch (kind) {
  case vector::CombiningKind::ADD:
    return FloatAttr::get(type, llvm::APFloat::getZero(semantics));
  case vector::CombiningKind::MUL:
    return FloatAttr::get(type, llvm::APFloat::getOne(semantics));
  case vector::CombiningKind::MAXNUMF:
  case vector::CombiningKind::MAXIMUMF:
    return FloatAttr::get(type, llvm::APFloat::getInf(semantics, true));
  default:
    return FloatAttr::get(type, llvm::APFloat::getInf(semantics, false));
  }
}

/// How one operand is read inside the merged innermost loop.
enum class Access {
  /// The operand's trailing dimensions are the merged loops, contiguous:
  /// one vector load (or store) per vector.
  Contiguous,
  /// The operand does not depend on the merged loops: one scalar load per
  /// outer iteration.
  Invariant,
};

class GenericVectorizer {
public:
  GenericVectorizer(linalg::GenericOp generic, int64_t lanes)
      : generic(generic), lanes(lanes) {}

  LogicalResult run() {
    if (failed(analyze()))
      return failure();
    emit();
    generic.erase();
    return success();
  }

private:
  /// Checks the op and finds the merged innermost loops.
  LogicalResult analyze() {
    if (!generic.hasPureBufferSemantics() || generic.getNumDpsInits() != 1)
      return failure();
    numLoops = generic.getNumLoops();
    if (numLoops == 0)
      return failure();
    loopSizes = generic.getStaticLoopRanges();
    if (llvm::any_of(loopSizes, ShapedType::isDynamic))
      return failure();
    maps = generic.getIndexingMapsArray();
    for (OpOperand &operand : generic->getOpOperands()) {
      auto type = dyn_cast<MemRefType>(operand.get().getType());
      // Sub-byte elements (i1 tensors) have no plain vector memory form.
      if (!type || !type.hasStaticShape() ||
          !type.getElementType().isIntOrFloat() ||
          type.getElementType().getIntOrFloatBitWidth() < 8)
        return failure();
      // Broadcasts index their unit dimensions with a constant 0.
      if (!maps[operand.getOperandNumber()].isProjectedPermutation(
              /*allowZeroInResults=*/true))
        return failure();
    }
    Block *body = generic.getBody();
    for (Operation &op : body->without_terminator())
      if (!hasVectorForm(op))
        return failure();

    if (!mergeable(numLoops - 1))
      return failure();
    firstMerged = numLoops - 1;
    while (firstMerged > 0 && mergeable(firstMerged - 1))
      --firstMerged;
    mergedSize = 1;
    for (int64_t loop = firstMerged; loop < numLoops; ++loop)
      mergedSize *= loopSizes[loop];
    if (mergedSize < 2)
      return failure();
    reduction = generic.getIteratorTypesArray()[firstMerged] ==
                utils::IteratorType::reduction;

    OpOperand *init = generic.getDpsInitOperand(0);
    Access outputAccess = accessOf(init->getOperandNumber());
    if (reduction != (outputAccess == Access::Invariant))
      return failure();
    BlockArgument outputArg = generic.getMatchingBlockArgument(init);
    if (reduction) {
      // out = combine(out, value), with out used nowhere else.
      auto yield = cast<linalg::YieldOp>(body->getTerminator());
      combine = yield.getOperand(0).getDefiningOp();
      if (!combine || combine->getBlock() != body ||
          !combiningKind(combine) || !outputArg.hasOneUse() ||
          !isa<FloatType>(outputArg.getType()))
        return failure();
      if (combine->getOperand(0) == outputArg)
        reducedValue = combine->getOperand(1);
      else if (combine->getOperand(1) == outputArg)
        reducedValue = combine->getOperand(0);
      else
        return failure();
      if (reducedValue == outputArg)
        return failure();
      kind = *combiningKind(combine);
    }

    // Values that do not change along the merged loops.
    for (OpOperand *input : generic.getDpsInputOperands())
      if (accessOf(input->getOperandNumber()) == Access::Invariant)
        invariant.insert(generic.getMatchingBlockArgument(input));
    for (Operation &op : body->without_terminator()) {
      if (&op == combine)
        continue;
      bool allInvariant = llvm::all_of(op.getOperands(), [&](Value value) {
        return invariant.contains(value) ||
               value.getParentBlock() != body;
      });
      if (allInvariant)
        for (Value result : op.getResults())
          invariant.insert(result);
    }
    return success();
  }

  /// The loops of operand `index`'s indexing map, in result order; -1 for
  /// a constant 0 (a broadcast unit dimension).
  SmallVector<int64_t> loopsOf(unsigned index) const {
    SmallVector<int64_t> loops;
    for (AffineExpr result : maps[index].getResults()) {
      auto dim = dyn_cast<AffineDimExpr>(result);
      loops.push_back(dim ? static_cast<int64_t>(dim.getPosition()) : -1);
    }
    return loops;
  }

  Access accessOf(unsigned index) const {
    return llvm::any_of(loopsOf(index),
                        [&](int64_t loop) { return loop >= firstMerged; })
               ? Access::Contiguous
               : Access::Invariant;
  }

  /// Whether loops [first, numLoops) can form the merged innermost loop:
  /// one iterator type, and every operand either indexes none of them or
  /// has them as its trailing dimensions, in order, contiguous in memory.
  bool mergeable(int64_t first) {
    auto iterators = generic.getIteratorTypesArray();
    for (int64_t loop = first + 1; loop < numLoops; ++loop)
      if (iterators[loop] != iterators[first])
        return false;
    int64_t count = numLoops - first;
    for (OpOperand &operand : generic->getOpOperands()) {
      SmallVector<int64_t> loops = loopsOf(operand.getOperandNumber());
      int64_t inside = llvm::count_if(
          loops, [&](int64_t loop) { return loop >= first; });
      if (inside == 0)
        continue;
      int64_t rank = loops.size();
      if (inside != count)
        return false;
      for (int64_t i = 0; i < count; ++i)
        if (loops[rank - count + i] != first + i)
          return false;
      auto type = cast<MemRefType>(operand.get().getType());
      SmallVector<int64_t> strides;
      int64_t offset;
      if (failed(type.getStridesAndOffset(strides, offset)) ||
          strides.back() != 1)
        return false;
      for (int64_t dim = rank - count; dim + 1 < rank; ++dim)
        if (ShapedType::isDynamic(strides[dim]) ||
            strides[dim] != strides[dim + 1] * type.getDimSize(dim + 1))
          return false;
    }
    return true;
  }

  /// Operand `index` with its merged trailing dimensions collapsed into one.
  Value collapsed(OpBuilder &b, Location loc, unsigned index) {
    Value value = generic->getOperand(index);
    int64_t rank = maps[index].getNumResults();
    int64_t count = numLoops - firstMerged;
    if (accessOf(index) == Access::Invariant || count == 1)
      return value;
    SmallVector<ReassociationIndices> groups;
    for (int64_t dim = 0; dim < rank - count; ++dim)
      groups.push_back({dim});
    ReassociationIndices merged;
    for (int64_t dim = rank - count; dim < rank; ++dim)
      merged.push_back(dim);
    groups.push_back(merged);
    return memref::CollapseShapeOp::create(b, loc, value, groups);
  }

  /// Indices into (collapsed) operand `index` at outer loop indices
  /// `outer` and merged index `inner` (unused for invariant operands).
  SmallVector<Value> indicesOf(OpBuilder &b, Location loc, unsigned index,
                               Value inner) const {
    SmallVector<Value> indices;
    for (int64_t loop : loopsOf(index))
      if (loop < 0)
        indices.push_back(constantIndex(b, loc, 0));
      else if (loop < firstMerged)
        indices.push_back(outer[loop]);
    if (accessOf(index) == Access::Contiguous)
      indices.push_back(inner);
    return indices;
  }

  /// `value` of the body as a vector of `count` lanes: mapped varying
  /// values as they are, invariant scalars broadcast.
  Value asVector(OpBuilder &b, Location loc, Value value, int64_t count,
                 IRMapping &vectors) {
    if (Value vector = vectors.lookupOrNull(value))
      return vector;
    Value scalar = scalars.lookupOrDefault(value);
    return vector::BroadcastOp::create(
        b, loc, VectorType::get({count}, scalar.getType()), scalar);
  }

  /// The body on `count` consecutive merged positions from `inner`: returns
  /// the yielded vector (parallel) or the vector to reduce (reduction).
  Value emitVectorBody(OpBuilder &b, Location loc, Value inner,
                       int64_t count) {
    Block *body = generic.getBody();
    IRMapping vectors;
    for (OpOperand &operand : generic->getOpOperands()) {
      BlockArgument arg = generic.getMatchingBlockArgument(&operand);
      unsigned index = operand.getOperandNumber();
      if (accessOf(index) == Access::Invariant || arg.use_empty())
        continue;
      vectors.map(arg, vector::LoadOp::create(
                           b, loc, VectorType::get({count}, arg.getType()),
                           operands[index], indicesOf(b, loc, index, inner)));
    }
    for (Operation &op : body->without_terminator()) {
      if (&op == combine || invariant.contains(op.getResult(0)))
        continue;
      IRMapping mapping;
      for (Value operand : op.getOperands())
        mapping.map(operand, asVector(b, loc, operand, count, vectors));
      Operation *vectorOp = b.clone(op, mapping);
      for (OpResult result : vectorOp->getResults())
        result.setType(VectorType::get({count}, result.getType()));
      for (auto [from, to] :
           llvm::zip(op.getResults(), vectorOp->getResults()))
        vectors.map(from, to);
    }
    Value result = reduction ? reducedValue
                             : body->getTerminator()->getOperand(0);
    return asVector(b, loc, result, count, vectors);
  }

  void emit() {
    OpBuilder b(generic);
    Location loc = generic.getLoc();
    for (unsigned index = 0; index < generic->getNumOperands(); ++index)
      operands.push_back(collapsed(b, loc, index));
    for (int64_t loop = 0; loop < firstMerged; ++loop) {
      auto forOp = scf::ForOp::create(b, loc, constantIndex(b, loc, 0),
                                      constantIndex(b, loc, loopSizes[loop]),
                                      constantIndex(b, loc, 1));
      b.setInsertionPointToStart(forOp.getBody());
      outer.push_back(forOp.getInductionVar());
    }
    // Invariant inputs and everything computed from them alone, once per
    // outer iteration.
    Block *body = generic.getBody();
    for (OpOperand *input : generic.getDpsInputOperands()) {
      BlockArgument arg = generic.getMatchingBlockArgument(input);
      unsigned index = input->getOperandNumber();
      if (accessOf(index) == Access::Invariant && !arg.use_empty())
        scalars.map(arg, memref::LoadOp::create(b, loc, operands[index],
                                                indicesOf(b, loc, index, {})));
    }
    for (Operation &op : body->without_terminator())
      if (&op != combine && invariant.contains(op.getResult(0)))
        b.clone(op, scalars);

    if (reduction)
      emitReduction(b, loc);
    else
      emitParallel(b, loc);
  }

  void emitParallel(OpBuilder &b, Location loc) {
    unsigned outputIndex = generic.getDpsInitOperand(0)->getOperandNumber();
    auto store = [&](OpBuilder &nb, Location nl, Value inner, int64_t count) {
      Value result = emitVectorBody(nb, nl, inner, count);
      vector::StoreOp::create(nb, nl, result, operands[outputIndex],
                              indicesOf(nb, nl, outputIndex, inner));
    };
    int64_t full = mergedSize / lanes * lanes;
    if (full > 0)
      scf::ForOp::create(
          b, loc, constantIndex(b, loc, 0), constantIndex(b, loc, full),
          constantIndex(b, loc, lanes), ValueRange{},
          [&](OpBuilder &nb, Location nl, Value inner, ValueRange) {
            store(nb, nl, inner, lanes);
            scf::YieldOp::create(nb, nl);
          });
    if (full < mergedSize)
      store(b, loc, constantIndex(b, loc, full), mergedSize - full);
  }

  void emitReduction(OpBuilder &b, Location loc) {
    auto elementType = cast<FloatType>(reducedValue.getType());
    // Independent accumulators hide the latency of the combining op.
    int64_t accumulators =
        std::clamp<int64_t>(mergedSize / lanes, 1, 4);
    int64_t step = accumulators * lanes;
    int64_t loopEnd = mergedSize / step * step;
    Value total;
    auto fold = [&](Value scalar) {
      total = total ? vector::makeArithReduction(b, loc, kind, scalar, total)
                    : scalar;
    };
    if (loopEnd > 0) {
      auto vectorType = VectorType::get({lanes}, elementType);
      Value neutral = arith::ConstantOp::create(
          b, loc,
          DenseElementsAttr::get(vectorType, neutralElement(kind, elementType)));
      SmallVector<Value> initial(accumulators, neutral);
      auto loop = scf::ForOp::create(
          b, loc, constantIndex(b, loc, 0), constantIndex(b, loc, loopEnd),
          constantIndex(b, loc, step), initial,
          [&](OpBuilder &nb, Location nl, Value inner, ValueRange carried) {
            SmallVector<Value> updated;
            for (auto [i, accumulator] : llvm::enumerate(carried)) {
              Value position = arith::AddIOp::create(
                  nb, nl, inner, constantIndex(nb, nl, i * lanes));
              Value value = emitVectorBody(nb, nl, position, lanes);
              updated.push_back(
                  vector::makeArithReduction(nb, nl, kind, value, accumulator));
            }
            scf::YieldOp::create(nb, nl, updated);
          });
      Value combined = loop.getResult(0);
      for (Value accumulator : llvm::drop_begin(loop.getResults()))
        combined =
            vector::makeArithReduction(b, loc, kind, accumulator, combined);
      fold(vector::ReductionOp::create(b, loc, kind, combined));
    }
    // The rest: whole vectors, then one shorter vector.
    for (int64_t position = loopEnd; position < mergedSize;
         position += lanes) {
      int64_t count = std::min(lanes, mergedSize - position);
      Value value =
          emitVectorBody(b, loc, constantIndex(b, loc, position), count);
      fold(vector::ReductionOp::create(b, loc, kind, value));
    }
    // out = combine(out, total), with the body's own combining op.
    unsigned outputIndex = generic.getDpsInitOperand(0)->getOperandNumber();
    BlockArgument outputArg =
        generic.getMatchingBlockArgument(generic.getDpsInitOperand(0));
    SmallVector<Value> indices = indicesOf(b, loc, outputIndex, {});
    Value current =
        memref::LoadOp::create(b, loc, operands[outputIndex], indices);
    IRMapping mapping;
    mapping.map(outputArg, current);
    mapping.map(reducedValue, total);
    Value updated = b.clone(*combine, mapping)->getResult(0);
    memref::StoreOp::create(b, loc, updated, operands[outputIndex], indices);
  }

  linalg::GenericOp generic;
  int64_t lanes;
  int64_t numLoops = 0;
  SmallVector<int64_t> loopSizes;
  SmallVector<AffineMap> maps;
  /// The first of the merged innermost loops.
  int64_t firstMerged = 0;
  /// The number of iterations of the merged loop.
  int64_t mergedSize = 1;
  bool reduction = false;
  /// Reductions: the body's combining op, the value it folds into the
  /// output, and its vector.reduction kind.
  Operation *combine = nullptr;
  Value reducedValue;
  vector::CombiningKind kind = vector::CombiningKind::ADD;
  /// Body values that do not depend on the merged loops.
  llvm::SmallPtrSet<Value, 16> invariant;
  /// Emission state: collapsed operands, outer induction variables, and the
  /// hoisted scalar forms of invariant body values.
  SmallVector<Value> operands;
  SmallVector<Value> outer;
  IRMapping scalars;
};

} // namespace

LogicalResult mote::vectorizeGenericOnBuffers(linalg::GenericOp generic,
                                              int64_t lanes) {
  return GenericVectorizer(generic, lanes).run();
}
