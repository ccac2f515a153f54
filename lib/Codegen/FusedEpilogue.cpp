//===- FusedEpilogue.cpp - elementwise consumers folded into kernel stores ===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Folding a consumer into a kernel moves the consumer's writes earlier: they
// happen while the kernel still reads its input and its output (which holds
// the bias), instead of after the kernel has finished. The arena planner
// placed every buffer for the unfused order, so it may have put the
// consumer's output where the kernel's input was (the input dies at the
// kernel), or another buffer where the kernel's output was (the output dies
// at the consumer). findFusableEpilogue therefore proves, over the planned
// byte ranges, that the earlier writes clobber nothing the kernel or the
// consumer still reads, and that nothing after the consumer expects the
// kernel's raw result, which the fused kernel no longer stores.
//
//===----------------------------------------------------------------------===//

#include "FusedEpilogue.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

#include <limits>

using namespace mlir;
using namespace mote;

namespace {

/// The allocation `buffer` is a view of: the arena planner's `memref.view`
/// (one per planned buffer), a function argument, or a global.
Value getAllocation(Value buffer) {
  while (Operation *def = buffer.getDefiningOp()) {
    if (isa<memref::ViewOp>(def))
      return buffer;
    auto viewLike = dyn_cast<ViewLikeOpInterface>(def);
    if (!viewLike)
      return buffer;
    buffer = viewLike.getViewSource();
  }
  return buffer;
}

/// Whether `buffer` lives in a constant global, which nothing writes.
bool isConstantMemory(Value buffer) {
  auto getGlobal = getAllocation(buffer).getDefiningOp<memref::GetGlobalOp>();
  if (!getGlobal)
    return false;
  auto global = SymbolTable::lookupNearestSymbolFrom<memref::GlobalOp>(
      getGlobal, getGlobal.getNameAttr());
  return global && global.getConstant();
}

/// The bytes a buffer may touch: [begin, end) of one memory object (the
/// arena or another function argument). Views of an allocation get the
/// whole allocation, which is conservative.
struct ByteRange {
  Value base;
  int64_t begin = 0;
  int64_t end = std::numeric_limits<int64_t>::max();

  bool overlaps(const ByteRange &other) const {
    return base == other.base && begin < other.end && other.begin < end;
  }
};

std::optional<ByteRange> getByteRange(Value buffer) {
  Value allocation = getAllocation(buffer);
  if (isa<BlockArgument>(allocation))
    return ByteRange{allocation};
  auto view = allocation.getDefiningOp<memref::ViewOp>();
  if (!view || !isa<BlockArgument>(view.getSource()))
    return std::nullopt;
  std::optional<int64_t> shift = getConstantIntValue(view.getByteShift());
  MemRefType type = view.getType();
  if (!shift || !type.hasStaticShape() ||
      type.getElementTypeBitWidth() % 8 != 0)
    return std::nullopt;
  int64_t bytes = type.getNumElements() * (type.getElementTypeBitWidth() / 8);
  return ByteRange{view.getSource(), *shift, *shift + bytes};
}

/// Whether `a` and `b` are the same elements in memory: the same value, or
/// two planner views of one offset with one type (the planner gives an
/// in-place consumer's output its own view at its input's offset).
bool isSameMemory(Value a, Value b) {
  if (a == b)
    return true;
  auto viewA = a.getDefiningOp<memref::ViewOp>();
  auto viewB = b.getDefiningOp<memref::ViewOp>();
  if (!viewA || !viewB || a.getType() != b.getType() ||
      viewA.getSource() != viewB.getSource())
    return false;
  std::optional<int64_t> shiftA = getConstantIntValue(viewA.getByteShift());
  std::optional<int64_t> shiftB = getConstantIntValue(viewB.getByteShift());
  return shiftA && shiftB && *shiftA == *shiftB;
}

/// Whether the two buffers provably share no byte.
bool isDisjoint(Value a, Value b) {
  std::optional<ByteRange> rangeA = getByteRange(a);
  std::optional<ByteRange> rangeB = getByteRange(b);
  if (!rangeA || !rangeB)
    return false;
  // Distinct function arguments are distinct objects: the arena, each
  // input and each output are separate pointers of the C API.
  return !rangeA->overlaps(*rangeB);
}

/// Whether `op` writes every element of `allocation` without reading any:
/// a linalg op whose only output is the allocation itself, with an identity
/// map and a body that ignores the old value, reading nothing derived from
/// the allocation (a bias broadcast, a fill).
bool overwritesWithoutReading(Operation *op, Value allocation) {
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  if (!linalgOp || !linalgOp.hasPureBufferSemantics() ||
      linalgOp.getNumDpsInits() != 1)
    return false;
  OpOperand *init = linalgOp.getDpsInitOperand(0);
  if (init->get() != allocation ||
      !linalgOp.getMatchingIndexingMap(init).isIdentity() ||
      linalgOp.payloadUsesValueFromOperand(init))
    return false;
  return llvm::none_of(linalgOp.getDpsInputs(), [&](Value input) {
    return getAllocation(input) == allocation;
  });
}

/// How the memory of `allocation` is next accessed after `after`.
enum class NextAccess { None, Overwrite, Other };

NextAccess getNextAccess(Value allocation, Operation *after) {
  Block *block = after->getBlock();
  Operation *first = nullptr;
  SmallVector<Value> worklist = {allocation};
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    for (Operation *user : value.getUsers()) {
      auto viewLike = dyn_cast<ViewLikeOpInterface>(user);
      if (viewLike && viewLike.getViewSource() == value) {
        llvm::append_range(worklist, user->getResults());
        continue;
      }
      Operation *ancestor = block->findAncestorOpInBlock(*user);
      if (!ancestor)
        return NextAccess::Other;
      if (after->isBeforeInBlock(ancestor) &&
          (!first || ancestor->isBeforeInBlock(first)))
        first = ancestor;
    }
  }
  if (!first)
    return NextAccess::None;
  return overwritesWithoutReading(first, allocation) ? NextAccess::Overwrite
                                                      : NextAccess::Other;
}

/// Whether `allocation` is one of the model's inputs or outputs that
/// `--io-in-arena` placed inside the arena: the caller reads those after
/// the call, so they must keep their contents.
bool isInterfaceBuffer(Value allocation, ModuleOp module) {
  auto offsets = module->getAttrOfType<DenseI64ArrayAttr>("mote.io_offsets");
  std::optional<ByteRange> range = getByteRange(allocation);
  if (!range)
    return true;
  if (!offsets)
    return false;
  return llvm::any_of(offsets.asArrayRef(),
                      [&](int64_t offset) { return offset == range->begin; });
}

/// Whether every op of `generic`'s body maps elementwise onto vectors that
/// lower to plain SIMD code: arith and math ops on scalars (constants
/// included; no rounding, powers or index casts), and the output's
/// block argument unused (its old contents are not available in the kernel).
bool hasVectorizableBody(linalg::GenericOp generic) {
  Block &body = generic.getRegion().front();
  if (!generic.getRegionOutputArgs()[0].use_empty())
    return false;
  auto isScalar = [](Type type) { return type.isIntOrFloat(); };
  for (Operation &op : body.without_terminator()) {
    if (!isa_and_nonnull<arith::ArithDialect, math::MathDialect>(
            op.getDialect()) ||
        op.getNumRegions() != 0 || op.getNumResults() != 1)
      return false;
    if (!OpTrait::hasElementwiseMappableTraits(&op) &&
        !isa<arith::ConstantOp>(op))
      return false;
    // mote expands only the scalar forms of the rounding ops (their vector
    // forms would become libm calls per lane), powers become calls, and
    // index casts have no SIMD form worth having.
    if (isa<math::FloorOp, math::CeilOp, math::RoundOp, math::RoundEvenOp,
            math::TruncOp, math::PowFOp, math::IPowIOp, math::FPowIOp,
            arith::IndexCastOp, arith::IndexCastUIOp>(op))
      return false;
    if (!llvm::all_of(op.getOperandTypes(), isScalar) ||
        !llvm::all_of(op.getResultTypes(), isScalar))
      return false;
  }
  return body.getTerminator()->getNumOperands() == 1 &&
         body.getTerminator()->getOperand(0).getType().isF32();
}

} // namespace

std::optional<FusedEpilogue>
mote::findFusableEpilogue(Operation *kernel, Value kernelOutput,
                          ArrayRef<Value> kernelInputs, bool singleBlock) {
  // Only ops without memory effects (views, constants) may sit between the
  // kernel and its consumer: the fused kernel runs at the consumer's place.
  Operation *next = kernel->getNextNode();
  while (next && isMemoryEffectFree(next))
    next = next->getNextNode();
  auto generic = dyn_cast_or_null<linalg::GenericOp>(next);
  if (!generic || !generic.hasPureBufferSemantics() ||
      generic.getNumDpsInits() != 1 || generic.getNumDpsInputs() == 0)
    return std::nullopt;
  auto outputType = cast<MemRefType>(kernelOutput.getType());
  if (llvm::any_of(generic.getIteratorTypesArray(),
                   [](utils::IteratorType type) {
                     return type != utils::IteratorType::parallel;
                   }) ||
      !llvm::all_of(generic.getIndexingMapsArray(),
                    [](AffineMap map) { return map.isIdentity(); }))
    return std::nullopt;
  for (Value operand : generic->getOperands()) {
    auto type = dyn_cast<MemRefType>(operand.getType());
    if (!type || type.getShape() != outputType.getShape() ||
        !type.getElementType().isF32())
      return std::nullopt;
  }
  if (!hasVectorizableBody(generic))
    return std::nullopt;

  FusedEpilogue epilogue;
  epilogue.generic = generic;
  epilogue.output = generic.getDpsInits()[0];
  Value output = epilogue.output;
  bool readsKernelOutput = false;
  bool inPlace = isSameMemory(output, kernelOutput);

  // The fused kernel stores each block into the consumer's output right
  // after computing it, while it still reads its inputs for later blocks
  // and the output's bias for later blocks. Unfused, those writes came
  // after the kernel, so the planner may have placed the consumer's output
  // over the kernel's input (dead after the kernel): that must not happen
  // here. The kernel's own output is fine only when it is the very same
  // elements (in place: each element is read before it is overwritten).
  // A kernel of a single block is done reading both before its first
  // store, which is what lets a chain of batch-1 fully connected layers,
  // whose buffers the planner ping-pongs, fuse.
  if (!singleBlock) {
    for (Value input : kernelInputs)
      if (!isConstantMemory(input) && !isDisjoint(output, input))
        return std::nullopt;
    if (!inPlace && !isDisjoint(output, kernelOutput))
      return std::nullopt;
  }

  // The consumer's other inputs are read at the element being stored, just
  // before it is stored: identical memory to the output is fine, partial
  // overlap is not. An input in the kernel's output memory becomes the
  // accumulator, since the fused kernel never stores its raw result there.
  for (Value input : generic.getDpsInputs()) {
    if (isSameMemory(input, kernelOutput)) {
      epilogue.inputs.push_back(Value());
      readsKernelOutput = true;
      continue;
    }
    if (!isConstantMemory(input) &&
        (!isDisjoint(input, kernelOutput) ||
         (!isSameMemory(input, output) && !isDisjoint(input, output))))
      return std::nullopt;
    epilogue.inputs.push_back(input);
  }
  if (!readsKernelOutput)
    return std::nullopt;

  // The kernel's output no longer receives the raw result. The planner
  // ended its lifetime at this consumer (anything placed in its bytes
  // later is another buffer with its own view), so only a read through its
  // own allocation after the consumer, or the caller reading it (a model
  // output), would see the difference; bufferization reuses the output
  // argument as scratch, so a later op that overwrites the whole buffer
  // first (the next layer's bias) ends the raw result's life as well.
  if (!inPlace) {
    Value allocation = getAllocation(kernelOutput);
    switch (getNextAccess(allocation, generic)) {
    case NextAccess::Other:
      return std::nullopt;
    case NextAccess::None:
      if (isa<BlockArgument>(allocation) ||
          isInterfaceBuffer(allocation, kernel->getParentOfType<ModuleOp>()))
        return std::nullopt;
      break;
    case NextAccess::Overwrite:
      break;
    }
  }
  return epilogue;
}

std::optional<BiasPrologue> mote::findBiasPrologue(Operation *kernel,
                                                   Value kernelOutput,
                                                   unsigned channelDim) {
  Operation *previous = kernel->getPrevNode();
  while (previous && isMemoryEffectFree(previous))
    previous = previous->getPrevNode();
  auto generic = dyn_cast_or_null<linalg::GenericOp>(previous);
  if (!generic || !generic.hasPureBufferSemantics() ||
      generic.getNumDpsInits() != 1 || generic.getNumDpsInputs() != 1 ||
      generic.getDpsInits()[0] != kernelOutput)
    return std::nullopt;
  auto outputType = cast<MemRefType>(kernelOutput.getType());
  Value bias = generic.getDpsInputs()[0];
  auto biasType = dyn_cast<MemRefType>(bias.getType());
  if (!biasType || biasType.getRank() != 1 ||
      biasType.getDimSize(0) != outputType.getDimSize(channelDim) ||
      !biasType.getElementType().isF32() || !isConstantMemory(bias))
    return std::nullopt;
  MLIRContext *context = generic.getContext();
  unsigned rank = outputType.getRank();
  SmallVector<AffineMap> maps = generic.getIndexingMapsArray();
  if (maps[0] != AffineMap::get(rank, 0, getAffineDimExpr(channelDim, context)) ||
      !maps[1].isIdentity() ||
      llvm::any_of(generic.getIteratorTypesArray(),
                   [](utils::IteratorType type) {
                     return type != utils::IteratorType::parallel;
                   }))
    return std::nullopt;
  // The body must copy the bias as it is.
  Block &body = generic.getRegion().front();
  if (body.getOperations().size() != 1 ||
      body.getTerminator()->getOperand(0) != generic.getRegionInputArgs()[0])
    return std::nullopt;
  return BiasPrologue{generic, bias};
}

bool mote::hasUnitStride(Value buffer, unsigned dim) {
  auto type = dyn_cast<MemRefType>(buffer.getType());
  int64_t offset;
  SmallVector<int64_t> strides;
  if (!type || failed(type.getStridesAndOffset(strides, offset)) ||
      dim >= strides.size())
    return false;
  return strides[dim] == 1;
}

Value mote::emitEpilogueBody(OpBuilder &b, Location loc,
                             linalg::GenericOp generic,
                             ArrayRef<Value> inputVectors) {
  int64_t lanes = cast<VectorType>(inputVectors.front().getType()).getDimSize(0);
  Block &body = generic.getRegion().front();
  IRMapping mapping;
  for (auto [argument, vector] :
       llvm::zip(generic.getRegionInputArgs(), inputVectors))
    mapping.map(argument, vector);
  // Scalars from outside the body (hoisted constants) are broadcast once.
  auto vectorize = [&](Value scalar) -> Value {
    if (Value mapped = mapping.lookupOrNull(scalar))
      return mapped;
    Value broadcast = vector::BroadcastOp::create(
        b, loc, VectorType::get({lanes}, scalar.getType()), scalar);
    mapping.map(scalar, broadcast);
    return broadcast;
  };
  for (Operation &op : body.without_terminator()) {
    if (auto constant = dyn_cast<arith::ConstantOp>(op)) {
      auto type = VectorType::get({lanes}, constant.getType());
      mapping.map(constant.getResult(),
                  arith::ConstantOp::create(
                      b, op.getLoc(),
                      DenseElementsAttr::get(type, constant.getValue())));
      continue;
    }
    for (Value operand : op.getOperands())
      (void)vectorize(operand);
    // Elementwise-mappable ops take vectors of their scalar types as they
    // are: clone (keeping attributes such as fastmath) and widen the result.
    Operation *clone = b.clone(op, mapping);
    clone->getResult(0).setType(
        VectorType::get({lanes}, op.getResult(0).getType()));
  }
  return vectorize(body.getTerminator()->getOperand(0));
}
