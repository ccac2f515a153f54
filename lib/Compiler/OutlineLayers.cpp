//===- OutlineLayers.cpp - split the model function into small functions --===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// After arena planning (and tile-and-vectorize), the model function holds
// every layer's loop nest, one after the other: for a MobileNet, tens of
// thousands of unrolled vector operations in one function. LLVM's
// optimizations and its register allocator are superlinear in the size of a
// function, so most of the compile time went into that one function. This
// pass moves consecutive top-level ops, in chunks of a bounded size, into
// private functions the model function calls in order.
//
// An outlined function receives only values the model function gets from
// outside or allocates itself (the input, output and arena buffers); the
// side-effect-free ops that address them (arena views, subviews, shape
// casts, weight globals, constants) are cloned into it. So inside the
// callee every buffer is still a constant offset from a noalias arena or
// argument pointer, and LLVM sees exactly the aliasing facts it saw before.
// The callees are `noinline`: inlining them back is what this pass undoes.
//
//===----------------------------------------------------------------------===//

#include "mote/Compiler/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringExtras.h"

namespace mote {
#define GEN_PASS_DEF_MOTEOUTLINELAYERS
#include "mote/Compiler/Passes.h.inc"
} // namespace mote

using namespace mlir;

namespace {

/// Ops the outlined functions recompute instead of receiving: no effects and
/// no regions (constants, memref.get_global, memref.view/subview, shape
/// casts). Cloning them keeps every address visible to the callee.
bool isRematerializable(Operation *op) {
  return op->getNumRegions() == 0 && isMemoryEffectFree(op) &&
         !op->hasTrait<OpTrait::IsTerminator>();
}

/// Whether a value of `type` can cross a call of the bare-pointer calling
/// convention the entry points are lowered with.
bool isPassable(Type type) {
  if (auto memref = dyn_cast<MemRefType>(type))
    return memref.hasStaticShape() && memref.getLayout().isIdentity();
  return type.isIntOrIndexOrFloat();
}

/// The first ONNX node name in `loc`, for a readable function name.
std::optional<StringRef> findNodeName(Location loc) {
  if (auto nameLoc = dyn_cast<NameLoc>(loc))
    return nameLoc.getName().strref();
  if (auto fused = dyn_cast<FusedLoc>(loc))
    for (Location inner : fused.getLocations())
      if (std::optional<StringRef> name = findNodeName(inner))
        return name;
  if (auto callSite = dyn_cast<CallSiteLoc>(loc))
    return findNodeName(callSite.getCallee());
  return std::nullopt;
}

/// `text` with every character a C identifier cannot hold replaced by '_',
/// at most 32 characters.
std::string sanitize(StringRef text) {
  std::string result;
  for (char c : text.take_front(32))
    result.push_back(llvm::isAlnum(c) ? c : '_');
  return result;
}

struct MoteOutlineLayersPass
    : public mote::impl::MoteOutlineLayersBase<MoteOutlineLayersPass> {
  using Base::Base;

  /// isRematerializable, except that with `pass-weights` the weight
  /// globals are passed: external weights are addressed from a parameter of
  /// the model function, which only the model function has.
  bool isCloned(Operation *op) const {
    return isRematerializable(op) &&
           !(passWeights && isa<memref::GetGlobalOp>(op));
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    SmallVector<func::FuncOp> models;
    for (auto func : module.getOps<func::FuncOp>())
      if (!func.isExternal() && func->hasAttr("mote.num_inputs"))
        models.push_back(func);
    for (func::FuncOp func : models)
      outline(func, symbols);
  }

  /// Splits the top-level work of `func` into chunks of at most
  /// `maxOpsPerFunction` ops and outlines each, unless it all fits in one.
  void outline(func::FuncOp func, SymbolTable &symbols) {
    if (!func.getBody().hasOneBlock())
      return;
    Block &body = func.getBody().front();

    // Chunks of consecutive work ops (everything but the rematerializable
    // ops and the terminator), cut before the op that would overflow the
    // budget. A single op larger than the budget is a chunk of its own.
    SmallVector<SmallVector<Operation *>> chunks;
    uint64_t chunkOps = 0;
    for (Operation &op : body.without_terminator()) {
      if (isRematerializable(&op))
        continue;
      uint64_t ops = 0;
      op.walk([&](Operation *) { ++ops; });
      if (chunks.empty() || (chunkOps > 0 && chunkOps + ops > maxOpsPerFunction)) {
        chunks.emplace_back();
        chunkOps = 0;
      }
      chunks.back().push_back(&op);
      chunkOps += ops;
    }
    // One chunk: the function is small enough as it is, and a call would
    // only add to it.
    if (chunks.size() < 2)
      return;

    unsigned index = 0;
    for (ArrayRef<Operation *> chunk : chunks)
      outlineChunk(func, chunk, index++, symbols);

    // The addressing ops left without users in the model function.
    for (Operation &op : llvm::make_early_inc_range(llvm::reverse(body)))
      if (isRematerializable(&op) && op.use_empty())
        op.erase();
  }

  /// Moves `chunk` (consecutive ops of `func`'s body) into a new private
  /// function called in its place; leaves it where it is when one of its
  /// results is used after it or a value it needs cannot be passed.
  void outlineChunk(func::FuncOp func, ArrayRef<Operation *> chunk,
                    unsigned index, SymbolTable &symbols) {
    Block &body = func.getBody().front();
    llvm::SmallPtrSet<Operation *, 16> inChunk(chunk.begin(), chunk.end());
    auto isInside = [&](Operation *op) {
      Operation *ancestor = body.findAncestorOpInBlock(*op);
      return ancestor && inChunk.contains(ancestor);
    };

    // Values the chunk reads from above: arguments, or addressing ops to
    // clone (with whatever they read in turn).
    llvm::SetVector<Value> arguments;
    llvm::SetVector<Operation *> clones;
    SmallVector<Value> worklist;
    for (Operation *op : chunk)
      op->walk([&](Operation *nested) {
        for (Value operand : nested->getOperands())
          worklist.push_back(operand);
      });
    while (!worklist.empty()) {
      Value value = worklist.pop_back_val();
      Operation *producer = value.getDefiningOp();
      if (!producer) {
        // A block argument of a nested region stays inside the chunk.
        if (value.getParentBlock() == &body)
          arguments.insert(value);
        continue;
      }
      if (isInside(producer))
        continue;
      if (producer->getBlock() == &body && isCloned(producer)) {
        if (clones.insert(producer))
          llvm::append_range(worklist, producer->getOperands());
        continue;
      }
      arguments.insert(value);
    }
    // Arguments in a stable order: the model's own, then allocations and
    // (with `pass-weights`) weights in program order.
    SmallVector<Value> orderedArguments = arguments.takeVector();
    llvm::sort(orderedArguments, [](Value lhs, Value rhs) {
      auto lhsArgument = dyn_cast<BlockArgument>(lhs);
      auto rhsArgument = dyn_cast<BlockArgument>(rhs);
      if (lhsArgument && rhsArgument)
        return lhsArgument.getArgNumber() < rhsArgument.getArgNumber();
      if (lhsArgument || rhsArgument)
        return static_cast<bool>(lhsArgument);
      if (lhs.getDefiningOp() != rhs.getDefiningOp())
        return lhs.getDefiningOp()->isBeforeInBlock(rhs.getDefiningOp());
      return cast<OpResult>(lhs).getResultNumber() <
             cast<OpResult>(rhs).getResultNumber();
    });
    arguments.insert(orderedArguments.begin(), orderedArguments.end());
    if (!llvm::all_of(arguments,
                      [](Value value) { return isPassable(value.getType()); }))
      return;
    for (Operation *op : chunk)
      for (Value result : op->getResults())
        for (Operation *user : result.getUsers())
          if (!isInside(user))
            return;

    // The callee: arguments in first-use order, noalias like the model's
    // own buffers (the C API forbids overlapping inputs, outputs and arena,
    // and each buffer is passed once).
    MLIRContext *context = func.getContext();
    SmallVector<Type> argumentTypes;
    for (Value value : arguments)
      argumentTypes.push_back(value.getType());
    std::string name = (func.getSymName() + "_layers" + Twine(index)).str();
    if (std::optional<StringRef> node = findNodeName(chunk.front()->getLoc()))
      name += "_" + sanitize(*node);
    OpBuilder builder(func);
    auto callee = func::FuncOp::create(
        builder, chunk.front()->getLoc(), name,
        FunctionType::get(context, argumentTypes, {}));
    callee.setPrivate();
    // func-to-llvm carries `passthrough` over to the llvm.func, whose
    // translation makes it LLVM's `noinline`.
    callee->setAttr("passthrough",
                    builder.getArrayAttr({builder.getStringAttr("noinline")}));
    for (auto [position, value] : llvm::enumerate(arguments))
      if (isa<MemRefType>(value.getType()))
        callee.setArgAttr(position, LLVM::LLVMDialect::getNoAliasAttrName(),
                          UnitAttr::get(context));
    symbols.insert(callee);

    Block *entry = callee.addEntryBlock();
    IRMapping mapping;
    for (auto [value, argument] : llvm::zip(arguments, entry->getArguments()))
      mapping.map(value, argument);
    builder.setInsertionPointToStart(entry);
    // In the model function's order, so every clone follows its operands.
    for (Operation &op : body)
      if (clones.contains(&op))
        builder.clone(op, mapping);
    for (Operation *op : chunk)
      builder.clone(*op, mapping);
    func::ReturnOp::create(builder, callee.getLoc());

    builder.setInsertionPoint(chunk.front());
    func::CallOp::create(builder, chunk.front()->getLoc(), callee,
                         arguments.getArrayRef());
    for (Operation *op : llvm::reverse(chunk))
      op->erase();
  }
};

} // namespace
