//===- BuildEntryPoints.cpp - the exported C API of a model ---------------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Wraps the lowered model function in `<name>_run` (argument checks, status
// codes) and `<name>_run_v` (pointer arrays; not with --io-in-arena, where
// there are no tensor pointers), and hides everything else so that several
// models link into one image.
//
//===----------------------------------------------------------------------===//

#include "mote/Compiler/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributeInterfaces.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/Support/MathExtras.h"

namespace mote {
#define GEN_PASS_DEF_MOTEBUILDENTRYPOINTS
#include "mote/Compiler/Passes.h.inc"
} // namespace mote

using namespace mlir;

namespace {

/// Status codes shared with runtime/include/mote/mote_runtime.h and the
/// generated headers.
enum Status : int32_t {
  kStatusOk = 0,
  kStatusNullArgument = -1,
  kStatusArenaTooSmall = -2,
  kStatusArenaMisaligned = -3,
  kStatusWeightsMisaligned = -4,
  kStatusArenaCorrupted = -5,
};

/// Returns the bytes of a weight (a constant global with a tensor
/// initializer), or nullopt when `global` is something else.
std::optional<uint64_t> getWeightByteSize(LLVM::GlobalOp global) {
  if (!global.getConstant())
    return std::nullopt;
  auto value = dyn_cast_or_null<ElementsAttr>(global.getValueOrNull());
  if (!value || !value.getElementType().isIntOrFloat())
    return std::nullopt;
  return value.getNumElements() *
         llvm::divideCeil(value.getElementType().getIntOrFloatBitWidth(), 8);
}

/// True when every use of `global` is inside `function`: only those uses
/// can read the weight through the `weights` parameter instead.
bool isOnlyUsedIn(LLVM::GlobalOp global, LLVM::LLVMFuncOp function,
                  ModuleOp module) {
  std::optional<SymbolTable::UseRange> uses =
      SymbolTable::getSymbolUses(global, module);
  return uses && llvm::all_of(*uses, [&](const SymbolTable::SymbolUse &use) {
           return isa<LLVM::AddressOfOp>(use.getUser()) &&
                  function->isProperAncestor(use.getUser());
         });
}

struct MoteBuildEntryPointsPass
    : public mote::impl::MoteBuildEntryPointsBase<MoteBuildEntryPointsPass> {
  using Base::Base;

  void runOnOperation() override;
};

/// Emits `return <status>` as its own block of `func` and returns the block.
Block *createReturnBlock(OpBuilder &builder, LLVM::LLVMFuncOp func,
                         int32_t status) {
  OpBuilder::InsertionGuard guard(builder);
  Block *block = builder.createBlock(&func.getBody(), func.getBody().end());
  Location loc = func.getLoc();
  Value value = LLVM::ConstantOp::create(builder, loc, builder.getI32Type(),
                                         builder.getI32IntegerAttr(status));
  LLVM::ReturnOp::create(builder, loc, value);
  return block;
}

/// Returns an i1 that is true when any of `pointers` is null.
Value anyNull(OpBuilder &builder, Location loc, ValueRange pointers) {
  Value result;
  Value null = LLVM::ZeroOp::create(
      builder, loc, LLVM::LLVMPointerType::get(builder.getContext()));
  for (Value pointer : pointers) {
    Value isNull = LLVM::ICmpOp::create(builder, loc, LLVM::ICmpPredicate::eq,
                                        pointer, null);
    result = result ? LLVM::OrOp::create(builder, loc, result, isNull) : isNull;
  }
  return result;
}

/// Continues in a new block of `func` when `failure` is false, and returns
/// `status` otherwise.
void checkOrReturn(OpBuilder &builder, LLVM::LLVMFuncOp func, Value failure,
                   int32_t status) {
  Block *failed = createReturnBlock(builder, func, status);
  Block *next = builder.createBlock(&func.getBody(), func.getBody().end());
  builder.setInsertionPointAfterValue(failure);
  LLVM::CondBrOp::create(builder, func.getLoc(), failure, failed, next);
  builder.setInsertionPointToStart(next);
}

void MoteBuildEntryPointsPass::runOnOperation() {
  ModuleOp module = getOperation();
  MLIRContext *context = &getContext();
  auto model = module.lookupSymbol<LLVM::LLVMFuncOp>(functionName);
  if (!model || model.isExternal()) {
    module.emitError() << "mote-build-entry-points: no LLVM function named '"
                       << functionName
                       << "'; run it after the conversion to the LLVM dialect";
    return signalPassFailure();
  }
  auto numInputsAttr = model->getAttrOfType<IntegerAttr>("mote.num_inputs");
  auto numOutputsAttr = model->getAttrOfType<IntegerAttr>("mote.num_outputs");
  auto arenaSizeAttr = module->getAttrOfType<IntegerAttr>("mote.arena_size");
  auto arenaAlignAttr = module->getAttrOfType<IntegerAttr>("mote.arena_align");
  if (!numInputsAttr || !numOutputsAttr || !arenaSizeAttr || !arenaAlignAttr) {
    model.emitError()
        << "mote-build-entry-points: expects `mote.num_inputs` and "
           "`mote.num_outputs` on the model function and `mote.arena_size` "
           "and `mote.arena_align` on the module (set by the mote pipeline "
           "and mote-plan-arena)";
    return signalPassFailure();
  }
  int64_t numInputs = numInputsAttr.getInt();
  int64_t numOutputs = numOutputsAttr.getInt();
  uint64_t arenaSize = arenaSizeAttr.getInt();
  uint64_t arenaAlign = arenaAlignAttr.getInt();

  auto pointerType = LLVM::LLVMPointerType::get(context);
  LLVM::LLVMFunctionType modelType = model.getFunctionType();
  if (modelType.getNumParams() !=
          static_cast<unsigned>(numInputs + numOutputs + 1) ||
      !llvm::all_of(modelType.getParams(),
                    [&](Type type) { return type == pointerType; }) ||
      !isa<LLVM::LLVMVoidType>(modelType.getReturnType())) {
    model.emitError() << "mote-build-entry-points: expects the model function "
                         "to take "
                      << numInputs << " input, " << numOutputs
                      << " output and one arena pointer and return nothing "
                         "(lower with the bare-pointer memref calling "
                         "convention), got "
                      << modelType;
    return signalPassFailure();
  }

  for (StringRef suffix : {"_forward", "_run", "_run_v"}) {
    std::string name = modelName + suffix.str();
    if (module.lookupSymbol(name)) {
      module.emitError() << "mote-build-entry-points: symbol '" << name
                         << "' already exists";
      return signalPassFailure();
    }
  }

  // The weights: their size for the header and, with external weights, their
  // place in the blob.
  uint64_t weightsSize = 0, weightsAlign = 1;
  SmallVector<std::pair<LLVM::GlobalOp, uint64_t>> movedWeights;
  for (auto global : module.getOps<LLVM::GlobalOp>()) {
    std::optional<uint64_t> bytes = getWeightByteSize(global);
    if (!bytes)
      continue;
    // A weight some helper function also reads stays in the object; the
    // blob holds the rest.
    if (externalWeights && !isOnlyUsedIn(global, model, module))
      continue;
    uint64_t align = std::max<uint64_t>(global.getAlignment().value_or(1), 1);
    weightsAlign = std::max(weightsAlign, align);
    weightsSize = llvm::alignTo(weightsSize, align);
    if (externalWeights)
      movedWeights.emplace_back(global, weightsSize);
    weightsSize += *bytes;
  }
  auto i64Type = IntegerType::get(context, 64);
  module->setAttr("mote.weights_size", IntegerAttr::get(i64Type, weightsSize));
  module->setAttr("mote.weights_align",
                  IntegerAttr::get(i64Type, weightsAlign));

  // Everything but the entry points is internal: models compiled separately
  // share no symbols.
  for (auto func : module.getOps<LLVM::LLVMFuncOp>()) {
    if (func.isExternal())
      continue;
    func.setLinkage(LLVM::Linkage::Internal);
    func.setNoUnwind(true);
  }
  for (auto global : module.getOps<LLVM::GlobalOp>())
    global.setLinkage(LLVM::Linkage::Internal);
  model.setSymName(modelName + "_forward");
  // The importer's argument names have served the header writer; LLVM IR
  // has no place for them.
  model.removeArgAttrsAttr();
  // External weights arrive as a parameter before the arena; each weight is
  // read at its offset from it.
  if (externalWeights) {
    if (weightsSize > static_cast<uint64_t>(INT32_MAX)) {
      module.emitError() << "mote-build-entry-points: " << weightsSize
                         << " bytes of external weights exceed the 2 GiB "
                            "a blob offset can address";
      return signalPassFailure();
    }
    unsigned weightsIndex = numInputs + numOutputs;
    SmallVector<Type> params(modelType.getParams());
    params.insert(params.begin() + weightsIndex, pointerType);
    modelType = LLVM::LLVMFunctionType::get(modelType.getReturnType(), params);
    model.setFunctionType(modelType);
    Value weights = model.getBody().front().insertArgument(
        weightsIndex, pointerType, model.getLoc());
    auto i8Type = IntegerType::get(context, 8);
    for (auto [global, offset] : movedWeights) {
      global->setAttr("mote.weights_offset", IntegerAttr::get(i64Type, offset));
      SmallVector<LLVM::AddressOfOp> addresses;
      model.walk([&](LLVM::AddressOfOp address) {
        if (address.getGlobalName() == global.getSymName())
          addresses.push_back(address);
      });
      for (LLVM::AddressOfOp address : addresses) {
        OpBuilder builder(address);
        Value element = LLVM::GEPOp::create(
            builder, address.getLoc(), pointerType, i8Type, weights,
            ArrayRef<LLVM::GEPArg>{static_cast<int32_t>(offset)},
            LLVM::GEPNoWrapFlags::inbounds);
        address.replaceAllUsesWith(element);
        address.erase();
      }
    }
  }
  // The C API forbids overlapping outputs, inputs, weights and arena;
  // telling LLVM lets it keep accumulators in registers and vectorize.
  for (unsigned i = 0, e = modelType.getNumParams(); i < e; ++i)
    model.setArgAttr(i, LLVM::LLVMDialect::getNoAliasAttrName(),
                     UnitAttr::get(context));
  model->removeAttr("mote.num_inputs");
  model->removeAttr("mote.num_outputs");

  Location loc = model.getLoc();
  OpBuilder builder(context);
  builder.setInsertionPointToEnd(module.getBody());
  Type sizeType = builder.getIntegerType(indexBitwidth);
  Type statusType = builder.getI32Type();

  // <name>_run(inputs..., outputs..., arena, arena_size) -> i32
  SmallVector<Type> runParams(modelType.getParams());
  runParams.push_back(sizeType);
  auto run = LLVM::LLVMFuncOp::create(
      builder, loc, modelName + "_run",
      LLVM::LLVMFunctionType::get(statusType, runParams));
  run.setNoUnwind(true);
  {
    OpBuilder::InsertionGuard guard(builder);
    Block *entry = run.addEntryBlock(builder);
    builder.setInsertionPointToStart(entry);
    ValueRange args = entry->getArguments();
    Value arena = args[args.size() - 2];
    Value givenSize = args.back();
    // A model that needs no scratch memory accepts a null arena, one without
    // weights null weights.
    SmallVector<Value> required(args.take_front(numInputs + numOutputs));
    Value weights = externalWeights ? args[numInputs + numOutputs] : Value();
    if (weights && weightsSize > 0)
      required.push_back(weights);
    if (arenaSize > 0)
      required.push_back(arena);
    if (!required.empty())
      checkOrReturn(builder, run, anyNull(builder, loc, required),
                    kStatusNullArgument);
    if (arenaSize > 0) {
      Value neededSize = LLVM::ConstantOp::create(
          builder, loc, sizeType, builder.getIntegerAttr(sizeType, arenaSize));
      Value tooSmall = LLVM::ICmpOp::create(
          builder, loc, LLVM::ICmpPredicate::ult, givenSize, neededSize);
      checkOrReturn(builder, run, tooSmall, kStatusArenaTooSmall);
    }
    if (arenaSize > 0 && arenaAlign > 1) {
      Value address = LLVM::PtrToIntOp::create(builder, loc, sizeType, arena);
      Value mask = LLVM::ConstantOp::create(
          builder, loc, sizeType,
          builder.getIntegerAttr(sizeType, arenaAlign - 1));
      Value misalignment = LLVM::AndOp::create(builder, loc, address, mask);
      Value zero = LLVM::ConstantOp::create(
          builder, loc, sizeType, builder.getIntegerAttr(sizeType, 0));
      Value misaligned = LLVM::ICmpOp::create(
          builder, loc, LLVM::ICmpPredicate::ne, misalignment, zero);
      checkOrReturn(builder, run, misaligned, kStatusArenaMisaligned);
    }
    if (weights && weightsSize > 0 && weightsAlign > 1) {
      Value address = LLVM::PtrToIntOp::create(builder, loc, sizeType, weights);
      Value mask = LLVM::ConstantOp::create(
          builder, loc, sizeType,
          builder.getIntegerAttr(sizeType, weightsAlign - 1));
      Value misalignment = LLVM::AndOp::create(builder, loc, address, mask);
      Value zero = LLVM::ConstantOp::create(
          builder, loc, sizeType, builder.getIntegerAttr(sizeType, 0));
      Value misaligned = LLVM::ICmpOp::create(
          builder, loc, LLVM::ICmpPredicate::ne, misalignment, zero);
      checkOrReturn(builder, run, misaligned, kStatusWeightsMisaligned);
    }
    LLVM::CallOp::create(builder, loc, model, args.drop_back());
    // --arena-check: the model function leaves a nonzero word at this arena
    // offset when an op wrote into a guard zone around a buffer.
    if (auto checkOffset = module->getAttrOfType<IntegerAttr>(
            "mote.arena_check_status_offset")) {
      Value word = LLVM::GEPOp::create(
          builder, loc, pointerType, builder.getI8Type(), arena,
          ArrayRef<LLVM::GEPArg>{static_cast<int32_t>(checkOffset.getInt())});
      Value flag = LLVM::LoadOp::create(builder, loc, statusType, word);
      Value zero = LLVM::ConstantOp::create(builder, loc, statusType,
                                            builder.getI32IntegerAttr(0));
      Value corrupted = LLVM::ICmpOp::create(
          builder, loc, LLVM::ICmpPredicate::ne, flag, zero);
      checkOrReturn(builder, run, corrupted, kStatusArenaCorrupted);
    }
    Value ok = LLVM::ConstantOp::create(builder, loc, statusType,
                                        builder.getI32IntegerAttr(kStatusOk));
    LLVM::ReturnOp::create(builder, loc, ok);
  }

  // With --io-in-arena the inputs and outputs live in the arena and `_run`
  // takes no tensor pointers, so there is nothing to pass in arrays: no
  // `_run_v`, and a caller written for pointer arrays fails to link rather
  // than reading outputs the model never wrote.
  if (module->hasAttr("mote.io_offsets"))
    return;

  // <name>_run_v(const void *const inputs[], void *const outputs[],
  //              [weights,] arena, arena_size) -> i32
  SmallVector<Type> runVParams{pointerType, pointerType, pointerType, sizeType};
  if (externalWeights)
    runVParams.insert(runVParams.begin() + 2, pointerType);
  auto runV = LLVM::LLVMFuncOp::create(
      builder, loc, modelName + "_run_v",
      LLVM::LLVMFunctionType::get(statusType, runVParams));
  runV.setNoUnwind(true);
  {
    OpBuilder::InsertionGuard guard(builder);
    Block *entry = runV.addEntryBlock(builder);
    builder.setInsertionPointToStart(entry);
    Value inputs = entry->getArgument(0), outputs = entry->getArgument(1);
    SmallVector<Value> arrays;
    if (numInputs > 0)
      arrays.push_back(inputs);
    if (numOutputs > 0)
      arrays.push_back(outputs);
    if (!arrays.empty())
      checkOrReturn(builder, runV, anyNull(builder, loc, arrays),
                    kStatusNullArgument);
    SmallVector<Value> callArgs;
    auto loadPointers = [&](Value array, int64_t count) {
      for (int64_t i = 0; i < count; ++i) {
        Value address = LLVM::GEPOp::create(
            builder, loc, pointerType, pointerType, array,
            ArrayRef<LLVM::GEPArg>{static_cast<int32_t>(i)});
        callArgs.push_back(
            LLVM::LoadOp::create(builder, loc, pointerType, address));
      }
    };
    loadPointers(inputs, numInputs);
    loadPointers(outputs, numOutputs);
    // weights (when external), arena and arena_size pass through.
    for (Value arg : entry->getArguments().drop_front(2))
      callArgs.push_back(arg);
    Value status =
        LLVM::CallOp::create(builder, loc, run, callArgs).getResult();
    LLVM::ReturnOp::create(builder, loc, status);
  }
}

} // namespace
