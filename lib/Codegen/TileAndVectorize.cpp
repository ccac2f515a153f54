//===- TileAndVectorize.cpp - register-blocked conv and matmul kernels ----===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// mote-tile-and-vectorize: replaces buffer-level convolutions and constant-
// weight matmuls with loops around a register-blocked vector micro-kernel
// that reads weights packed at compile time.
//
// Both ops are the same contraction in this view:
//
//   out[position, channel] += in(position, r, kh, kw) * w[channel, r, kh, kw]
//
// with positions the output pixels of one output row (conv) or the rows of
// the matmul, channels the output channels (conv) or columns (matmul), and
// the reduction over (r, kh, kw). The channel dimension is vectorized: the
// packed weights give a contiguous vector per (r, kh, kw), and an input
// value is broadcast, so any stride and dilation costs the same as 1x1.
//
//===----------------------------------------------------------------------===//

#include "mote/Codegen/Passes.h"

#include "DepthwiseKernel.h"
#include "ElementwiseKernel.h"
#include "FusedEpilogue.h"
#include "IndexArithmetic.h"
#include "PoolingKernel.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SetVector.h"

#include <functional>
#include <vector>

namespace mote {
#define GEN_PASS_DEF_MOTETILEANDVECTORIZE
#include "mote/Codegen/Passes.h.inc"
} // namespace mote

using namespace mlir;
using namespace mote::codegen;
using namespace mote;

namespace {

/// The sizes of one contraction in the kernel's terms (see the file header).
struct ContractionShape {
  int64_t channels = 0;
  int64_t positions = 0;
  int64_t reduction = 0;
  int64_t kernelRows = 1;
  int64_t kernelColumns = 1;
};

/// How the kernel reaches the op's operands. Loop-invariant values (batch,
/// output row) are captured by the callbacks.
struct KernelAccess {
  /// The scalar input for output `position` at reduction step
  /// (`reduction`, `kernelRow`, `kernelColumn`).
  std::function<Value(OpBuilder &, Location, Value position, Value reduction,
                      Value kernelRow, int64_t kernelColumn)>
      loadInput;
  /// The row kernel's input: the vector for output positions
  /// [`firstPosition`, `firstPosition` + `validLanes`) at a reduction step.
  std::function<Value(OpBuilder &, Location, Value firstPosition,
                      Value reduction, Value kernelRow, int64_t kernelColumn,
                      int64_t validLanes)>
      loadInputVector;
  /// The indices of output element (`position`, `channel`) in `output`.
  std::function<SmallVector<Value>(OpBuilder &, Location, Value position,
                                   Value channel)>
      outputIndices;
  Value output;
  /// The dimension of the output (and of the epilogue's buffers, which have
  /// its shape) that holds the channels. Where it has unit stride (matmul
  /// rows), full accumulator vectors move with one vector load/store.
  unsigned channelDim = 1;
  /// A constant 1-D bias (per channel) the accumulators start from instead
  /// of the output's contents, when the bias broadcast that initialized the
  /// output was folded into the kernel; null otherwise.
  Value bias;
  /// The elementwise consumer applied to the accumulators before the store,
  /// which then goes to the consumer's output instead of `output`.
  const FusedEpilogue *epilogue = nullptr;
};

/// The ops folded into one kernel: the bias broadcast before it and the
/// elementwise consumer after it, each possibly absent.
struct KernelFusion {
  std::optional<FusedEpilogue> epilogue;
  std::optional<BiasPrologue> prologue;

  /// Finds what can be folded into `kernel` (see FusedEpilogue.h).
  static KernelFusion find(Operation *kernel, Value output,
                           ArrayRef<Value> inputs, bool singleBlock) {
    return {findFusableEpilogue(kernel, output, inputs, singleBlock),
            findBiasPrologue(kernel, output, /*channelDim=*/1)};
  }

  /// Where the kernel is emitted: in place of its epilogue (only views and
  /// constants separate the two), else in place of `kernel`.
  Operation *position(Operation *kernel) const {
    return epilogue ? static_cast<Operation *>(epilogue->generic) : kernel;
  }

  void attachTo(KernelAccess &access) const {
    access.epilogue = epilogue ? &*epilogue : nullptr;
    access.bias = prologue ? prologue->bias : Value();
  }

  /// Erases what the emitted kernel replaced: the folded ops, `kernel`, and
  /// the unpacked weights' get_global once nothing else reads it.
  void eraseReplaced(Operation *kernel, memref::GetGlobalOp weights) {
    if (epilogue)
      epilogue->generic.erase();
    if (prologue)
      prologue->generic.erase();
    kernel->erase();
    if (weights->use_empty())
      weights.erase();
  }
};

/// Whether one output row of `shape` is a single accumulator block: one
/// channel block and one position block.
bool isSingleBlock(const ContractionShape &shape, KernelBlocking blocking,
                   int64_t lanes) {
  return shape.channels <= blocking.vectors * lanes &&
         shape.positions <= blocking.positions;
}

/// One reduction step of a kernel: the updated accumulators after input
/// channel `reduction` of kernel row `kernelRow` (all kernel columns).
using ReductionStep = function_ref<SmallVector<Value>(
    OpBuilder &, Location, Value reduction, Value kernelRow,
    ValueRange accumulators)>;

/// The reduction loops of a kernel, carrying `accumulators`; returns their
/// final values. Kernel rows are the outer loop and input channels the
/// inner one: the hot loop is the long one, so its accumulators are not
/// shuffled through the phis of a short inner loop every few iterations,
/// and it walks the packed weights ([block][kernel row][input channel]
/// [kernel column]) in order. A handful of input channels (a network's
/// first layer reads 3) are unrolled instead: a loop of three iterations
/// costs more in branches and phi copies than its body saves.
SmallVector<Value> emitReduction(OpBuilder &b, Location loc,
                                 const ContractionShape &shape,
                                 ValueRange accumulators, ReductionStep step) {
  constexpr int64_t kMaxUnrolledChannels = 4;
  auto channelLoop = [&](OpBuilder &nb, Location nl, Value kernelRow,
                         ValueRange carried) -> SmallVector<Value> {
    if (shape.reduction <= kMaxUnrolledChannels) {
      SmallVector<Value> values(carried.begin(), carried.end());
      for (int64_t channel = 0; channel < shape.reduction; ++channel)
        values = step(nb, nl, constantIndex(nb, nl, channel), kernelRow,
                      values);
      return values;
    }
    auto loop = scf::ForOp::create(
        nb, nl, constantIndex(nb, nl, 0),
        constantIndex(nb, nl, shape.reduction), constantIndex(nb, nl, 1),
        carried,
        [&](OpBuilder &cb, Location cl, Value channel,
            ValueRange channelCarried) {
          scf::YieldOp::create(cb, cl,
                               step(cb, cl, channel, kernelRow,
                                    channelCarried));
        });
    return SmallVector<Value>(loop.getResults());
  };
  if (shape.kernelRows == 1)
    return channelLoop(b, loc, constantIndex(b, loc, 0), accumulators);
  auto rowLoop = scf::ForOp::create(
      b, loc, constantIndex(b, loc, 0), constantIndex(b, loc, shape.kernelRows),
      constantIndex(b, loc, 1), accumulators,
      [&](OpBuilder &nb, Location nl, Value kernelRow, ValueRange carried) {
        scf::YieldOp::create(nb, nl,
                             channelLoop(nb, nl, kernelRow, carried));
      });
  return SmallVector<Value>(rowLoop.getResults());
}

/// Emits `body` over [0, `extent`) in tiles of `tile`: the whole tiles in
/// an scf.for, then the remainder as one smaller tile, so every tile has a
/// static size. `body` gets the tile's index, counted in units of
/// `indexStride` per tile (1: tile numbers; `tile`: element offsets), and
/// its size.
void emitTiles(OpBuilder &b, Location loc, int64_t extent, int64_t tile,
               int64_t indexStride,
               function_ref<void(OpBuilder &, Location, Value, int64_t)> body) {
  int64_t wholeTiles = extent / tile;
  if (wholeTiles > 0)
    scf::ForOp::create(
        b, loc, constantIndex(b, loc, 0),
        constantIndex(b, loc, wholeTiles * indexStride),
        constantIndex(b, loc, indexStride), ValueRange{},
        [&](OpBuilder &nb, Location nl, Value index, ValueRange) {
          body(nb, nl, index, tile);
          scf::YieldOp::create(nb, nl);
        });
  if (extent % tile)
    body(b, loc, constantIndex(b, loc, wholeTiles * indexStride),
         extent % tile);
}

/// The `validLanes` contiguous elements of `buffer` from `indices` as one
/// vector of `lanes`: a plain load when they fill it, else a masked load
/// (the elements past them may lie past the buffer; their lanes are zero).
Value loadSegment(OpBuilder &b, Location loc, Value buffer,
                  ArrayRef<Value> indices, int64_t lanes, int64_t validLanes) {
  auto vectorType = VectorType::get({lanes}, b.getF32Type());
  if (validLanes == lanes)
    return vector::LoadOp::create(b, loc, vectorType, buffer, indices);
  Value mask = vector::ConstantMaskOp::create(
      b, loc, VectorType::get({lanes}, b.getI1Type()),
      ArrayRef<int64_t>{validLanes});
  Value zero = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(vectorType, b.getF32FloatAttr(0.0f)));
  return vector::MaskedLoadOp::create(b, loc, vectorType, buffer, indices,
                                      mask, zero);
}

/// Stores the first `validLanes` lanes of `vector` where loadSegment reads.
void storeSegment(OpBuilder &b, Location loc, Value vector, Value buffer,
                  ArrayRef<Value> indices, int64_t validLanes) {
  int64_t lanes = cast<VectorType>(vector.getType()).getDimSize(0);
  if (validLanes == lanes) {
    vector::StoreOp::create(b, loc, vector, buffer, indices);
    return;
  }
  Value mask = vector::ConstantMaskOp::create(
      b, loc, VectorType::get({lanes}, b.getI1Type()),
      ArrayRef<int64_t>{validLanes});
  vector::MaskedStoreOp::create(b, loc, buffer, indices, mask, vector);
}

/// Stores one accumulator vector into `output`, or through the fused
/// consumer when there is one: its other inputs are read at the same
/// elements (`load`), its body runs on the register, and its output
/// receives the result (`store`).
void storeResult(OpBuilder &b, Location loc, Value result, Value output,
                 const FusedEpilogue *epilogue,
                 function_ref<Value(Value buffer)> load,
                 function_ref<void(Value vector, Value buffer)> store) {
  if (!epilogue) {
    store(result, output);
    return;
  }
  SmallVector<Value> inputVectors;
  for (Value input : epilogue->inputs)
    inputVectors.push_back(input ? load(input) : result);
  store(emitEpilogueBody(b, loc, epilogue->generic, inputVectors),
        epilogue->output);
}

/// Emits the tiled loops and micro-kernels of one contraction.
class KernelEmitter {
public:
  KernelEmitter(const ContractionShape &shape, const KernelAccess &access,
                Value packedWeights, KernelBlocking blocking, int64_t lanes)
      : shape(shape), access(access), packedWeights(packedWeights),
        blocking(blocking), lanes(lanes) {}

  /// Wraps a body in the loop over output rows (the conv's; a matmul has
  /// one row and passes `emitInline`).
  using RowLoop = function_ref<void(
      OpBuilder &, Location, function_ref<void(OpBuilder &, Location)>)>;

  static void emitInline(OpBuilder &b, Location loc,
                         function_ref<void(OpBuilder &, Location)> body) {
    body(b, loc);
  }

  /// Every row's channel blocks: full blocks in a loop, then the partial
  /// last block with fewer vectors. With `channelBlocksOuter` the rows
  /// loop inside each channel block (cache blocking: the block's weights
  /// are reused by every row), else the channel blocks inside each row.
  void emit(OpBuilder &b, Location loc, RowLoop rowLoop,
            bool channelBlocksOuter) {
    auto emitBlock = [&](OpBuilder &nb, Location nl, Value block,
                         int64_t validChannels) {
      int64_t vectors = (validChannels + lanes - 1) / lanes;
      if (channelBlocksOuter)
        rowLoop(nb, nl, [&](OpBuilder &rb, Location rl) {
          emitPositions(rb, rl, block, vectors, validChannels);
        });
      else
        emitPositions(nb, nl, block, vectors, validChannels);
    };
    auto emitBlocks = [&](OpBuilder &nb, Location nl) {
      emitTiles(nb, nl, shape.channels, blocking.vectors * lanes,
                /*indexStride=*/1, emitBlock);
    };
    if (channelBlocksOuter)
      emitBlocks(b, loc);
    else
      rowLoop(b, loc, emitBlocks);
  }

private:
  /// The blocks along the positions of one channel block: whole blocks in a
  /// loop, the remainder in one smaller kernel (static sizes throughout).
  void emitPositions(OpBuilder &b, Location loc, Value channelBlock,
                     int64_t vectors, int64_t validChannels) {
    emitTiles(b, loc, shape.positions, blocking.positions,
              /*indexStride=*/blocking.positions,
              [&](OpBuilder &nb, Location nl, Value position,
                  int64_t positions) {
                emitKernel(nb, nl, channelBlock, position, positions, vectors,
                           validChannels);
              });
  }

  /// One `positions` x `vectors` accumulator block: load it from the output
  /// (which holds the bias), run the whole reduction with the accumulators
  /// as loop-carried values, store it back.
  void emitKernel(OpBuilder &b, Location loc, Value channelBlock,
                  Value firstPosition, int64_t positions, int64_t vectors,
                  int64_t validChannels) {
    Type f32 = b.getF32Type();
    auto vectorType = VectorType::get({lanes}, f32);
    Value firstChannel =
        mulIndex(b, loc, channelBlock, blocking.vectors * lanes);
    SmallVector<Value> positionValues;
    for (int64_t i = 0; i < positions; ++i)
      positionValues.push_back(addIndex(b, loc, firstPosition, i));

    // Accumulators, position-major.
    SmallVector<Value> accumulators;
    SmallVector<Value> biasVectors;
    if (access.bias)
      for (int64_t v = 0; v < vectors; ++v)
        biasVectors.push_back(
            loadBiasVector(b, loc, addIndex(b, loc, firstChannel, v * lanes),
                           std::min(lanes, validChannels - v * lanes)));
    for (int64_t i = 0; i < positions; ++i)
      for (int64_t v = 0; v < vectors; ++v)
        accumulators.push_back(
            access.bias
                ? biasVectors[v]
                : loadVector(b, loc, access.output, positionValues[i],
                             addIndex(b, loc, firstChannel, v * lanes),
                             std::min(lanes, validChannels - v * lanes)));

    // One reduction step: a (input channel, kernel row) pair, with the
    // kernel columns unrolled.
    auto reductionStep = [&](OpBuilder &nb, Location nl, Value reduction,
                             Value kernelRow, ValueRange carried) {
      SmallVector<Value> updated(carried.begin(), carried.end());
      for (int64_t column = 0; column < shape.kernelColumns; ++column) {
        SmallVector<Value> weights;
        for (int64_t v = 0; v < vectors; ++v)
          weights.push_back(vector::LoadOp::create(
              nb, nl, vectorType, packedWeights,
              ValueRange{channelBlock, kernelRow, reduction,
                         constantIndex(nb, nl, column),
                         constantIndex(nb, nl, v * lanes)}));
        for (int64_t i = 0; i < positions; ++i) {
          Value input = access.loadInput(nb, nl, positionValues[i], reduction,
                                         kernelRow, column);
          Value broadcast =
              vector::BroadcastOp::create(nb, nl, vectorType, input);
          for (int64_t v = 0; v < vectors; ++v) {
            Value &accumulator = updated[i * vectors + v];
            accumulator = vector::FMAOp::create(nb, nl, broadcast, weights[v],
                                                accumulator);
          }
        }
      }
      return updated;
    };
    SmallVector<Value> results =
        emitReduction(b, loc, shape, accumulators, reductionStep);

    for (int64_t i = 0; i < positions; ++i) {
      for (int64_t v = 0; v < vectors; ++v) {
        Value result = results[i * vectors + v];
        Value vectorChannel = addIndex(b, loc, firstChannel, v * lanes);
        int64_t validLanes = std::min(lanes, validChannels - v * lanes);
        storeResult(
            b, loc, result, access.output, access.epilogue,
            [&](Value buffer) {
              return loadVector(b, loc, buffer, positionValues[i],
                                vectorChannel, validLanes);
            },
            [&](Value vector, Value buffer) {
              storeVector(b, loc, vector, buffer, positionValues[i],
                          vectorChannel, validLanes);
            });
      }
    }
  }

  /// The `validLanes` channels from `vectorChannel` of output element
  /// `position` of `buffer` (the output or a buffer of its shape), as one
  /// vector load when they are contiguous and fill the vector, else lane by
  /// lane (the lanes past `validLanes` are zero).
  Value loadVector(OpBuilder &b, Location loc, Value buffer, Value position,
                   Value vectorChannel, int64_t validLanes) {
    auto vectorType = VectorType::get({lanes}, b.getF32Type());
    if (validLanes == lanes && hasUnitStride(buffer, access.channelDim))
      return vector::LoadOp::create(
          b, loc, vectorType, buffer,
          access.outputIndices(b, loc, position, vectorChannel));
    Value vector = arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(vectorType, b.getF32FloatAttr(0.0f)));
    for (int64_t lane = 0; lane < validLanes; ++lane) {
      Value element = memref::LoadOp::create(
          b, loc, buffer,
          access.outputIndices(b, loc, position,
                               addIndex(b, loc, vectorChannel, lane)));
      vector = vector::InsertOp::create(b, loc, element, vector, lane);
    }
    return vector;
  }

  /// The `validLanes` bias values from `vectorChannel` (the lanes past them
  /// are zero).
  Value loadBiasVector(OpBuilder &b, Location loc, Value vectorChannel,
                       int64_t validLanes) {
    auto vectorType = VectorType::get({lanes}, b.getF32Type());
    if (validLanes == lanes)
      return vector::LoadOp::create(b, loc, vectorType, access.bias,
                                    ValueRange{vectorChannel});
    Value vector = arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(vectorType, b.getF32FloatAttr(0.0f)));
    for (int64_t lane = 0; lane < validLanes; ++lane) {
      Value element = memref::LoadOp::create(
          b, loc, access.bias,
          ValueRange{addIndex(b, loc, vectorChannel, lane)});
      vector = vector::InsertOp::create(b, loc, element, vector, lane);
    }
    return vector;
  }

  /// Stores the first `validLanes` lanes of `vector` where loadVector reads.
  void storeVector(OpBuilder &b, Location loc, Value vector, Value buffer,
                   Value position, Value vectorChannel, int64_t validLanes) {
    if (validLanes == lanes && hasUnitStride(buffer, access.channelDim)) {
      vector::StoreOp::create(
          b, loc, vector, buffer,
          access.outputIndices(b, loc, position, vectorChannel));
      return;
    }
    for (int64_t lane = 0; lane < validLanes; ++lane) {
      Value element = vector::ExtractOp::create(b, loc, vector, lane);
      memref::StoreOp::create(
          b, loc, element, buffer,
          access.outputIndices(b, loc, position,
                               addIndex(b, loc, vectorChannel, lane)));
    }
  }

  const ContractionShape &shape;
  const KernelAccess &access;
  Value packedWeights;
  KernelBlocking blocking;
  int64_t lanes;
};

/// Emits a convolution vectorized along the output row instead of along the
/// channels. With few output channels (16 or fewer on AVX-512) the channel
/// kernel has one weight vector per broadcast input, so it is bound by
/// loads at half the FMA rate; along a long row there are several vectors
/// per broadcast weight, and the NCHW output is stored a vector at a time.
/// A block is `channelsPerBlock` channels times `vectors` vectors of
/// consecutive output positions; the weights are packed as for the channel
/// kernel with blocks of `channelsPerBlock` and read one (broadcast) scalar
/// at a time. The last vector of a row is masked.
class RowKernelEmitter {
public:
  RowKernelEmitter(const ContractionShape &shape, const KernelAccess &access,
                   Value packedWeights, int64_t channelsPerBlock,
                   int64_t vectors, int64_t lanes)
      : shape(shape), access(access), packedWeights(packedWeights),
        channelsPerBlock(channelsPerBlock), vectors(vectors), lanes(lanes) {}

  /// All blocks of one output row: channel blocks outside, position blocks
  /// inside, each with its remainder after the loop of whole blocks.
  void emitRow(OpBuilder &b, Location loc) {
    int64_t blockPositions = vectors * lanes;
    emitTiles(b, loc, shape.channels, channelsPerBlock, /*indexStride=*/1,
              [&](OpBuilder &nb, Location nl, Value channelBlock,
                  int64_t channels) {
                emitTiles(nb, nl, shape.positions, blockPositions,
                          /*indexStride=*/blockPositions,
                          [&](OpBuilder &pb, Location pl, Value position,
                              int64_t positions) {
                            emitKernel(pb, pl, channelBlock, channels,
                                       position, positions);
                          });
              });
  }

private:

  /// One block of `channels` x ceil(`positions` / lanes) accumulators.
  void emitKernel(OpBuilder &b, Location loc, Value channelBlock,
                  int64_t channels, Value firstPosition, int64_t positions) {
    Type f32 = b.getF32Type();
    auto vectorType = VectorType::get({lanes}, f32);
    int64_t blockVectors = (positions + lanes - 1) / lanes;
    auto validLanes = [&](int64_t v) {
      return std::min(lanes, positions - v * lanes);
    };
    Value firstChannel = mulIndex(b, loc, channelBlock, channelsPerBlock);
    SmallVector<Value> channelValues, vectorPositions;
    for (int64_t c = 0; c < channels; ++c)
      channelValues.push_back(addIndex(b, loc, firstChannel, c));
    for (int64_t v = 0; v < blockVectors; ++v)
      vectorPositions.push_back(addIndex(b, loc, firstPosition, v * lanes));

    // Accumulators, channel-major: the output's contents or the bias.
    SmallVector<Value> accumulators;
    for (int64_t c = 0; c < channels; ++c) {
      Value bias;
      if (access.bias)
        bias = vector::BroadcastOp::create(
            b, loc, vectorType,
            memref::LoadOp::create(b, loc, access.bias,
                                   ValueRange{channelValues[c]}));
      for (int64_t v = 0; v < blockVectors; ++v)
        accumulators.push_back(
            bias ? bias
                 : loadSegment(b, loc, access.output,
                               access.outputIndices(b, loc, vectorPositions[v],
                                                    channelValues[c]),
                               lanes, validLanes(v)));
    }

    auto reductionStep = [&](OpBuilder &nb, Location nl, Value reduction,
                             Value kernelRow, ValueRange carried) {
      SmallVector<Value> updated(carried.begin(), carried.end());
      for (int64_t column = 0; column < shape.kernelColumns; ++column) {
        SmallVector<Value> inputs;
        for (int64_t v = 0; v < blockVectors; ++v)
          inputs.push_back(access.loadInputVector(nb, nl, vectorPositions[v],
                                                  reduction, kernelRow, column,
                                                  validLanes(v)));
        for (int64_t c = 0; c < channels; ++c) {
          Value weight = memref::LoadOp::create(
              nb, nl, packedWeights,
              ValueRange{channelBlock, kernelRow, reduction,
                         constantIndex(nb, nl, column),
                         constantIndex(nb, nl, c)});
          Value broadcast =
              vector::BroadcastOp::create(nb, nl, vectorType, weight);
          for (int64_t v = 0; v < blockVectors; ++v) {
            Value &accumulator = updated[c * blockVectors + v];
            accumulator = vector::FMAOp::create(nb, nl, inputs[v], broadcast,
                                                accumulator);
          }
        }
      }
      return updated;
    };
    SmallVector<Value> results =
        emitReduction(b, loc, shape, accumulators, reductionStep);

    for (int64_t c = 0; c < channels; ++c) {
      for (int64_t v = 0; v < blockVectors; ++v) {
        Value result = results[c * blockVectors + v];
        SmallVector<Value> indices = access.outputIndices(
            b, loc, vectorPositions[v], channelValues[c]);
        storeResult(
            b, loc, result, access.output, access.epilogue,
            [&](Value buffer) {
              return loadSegment(b, loc, buffer, indices, lanes,
                                 validLanes(v));
            },
            [&](Value vector, Value buffer) {
              storeSegment(b, loc, vector, buffer, indices, validLanes(v));
            });
      }
    }
  }

  const ContractionShape &shape;
  const KernelAccess &access;
  Value packedWeights;
  int64_t channelsPerBlock;
  int64_t vectors;
  int64_t lanes;
};

/// The float contents of a constant global, borrowed from its blob or
/// copied into `storage`; failure when the global is not a float constant
/// of `expectedElements`.
FailureOr<ArrayRef<float>> getConstantFloats(memref::GlobalOp global,
                                             int64_t expectedElements,
                                             std::vector<float> &storage) {
  if (!global.getConstant() || !global.getInitialValue())
    return failure();
  if (!global.getType().getElementType().isF32())
    return failure();
  Attribute init = *global.getInitialValue();
  ArrayRef<float> values;
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(init)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return failure();
    ArrayRef<char> bytes = blob->getData();
    values = ArrayRef<float>(reinterpret_cast<const float *>(bytes.data()),
                             bytes.size() / sizeof(float));
  } else if (auto dense = dyn_cast<DenseElementsAttr>(init)) {
    if (dense.isSplat())
      storage.assign(expectedElements, dense.getSplatValue<float>());
    else
      storage.assign(dense.getValues<float>().begin(),
                     dense.getValues<float>().end());
    values = storage;
  } else {
    return failure();
  }
  if (static_cast<int64_t>(values.size()) != expectedElements)
    return failure();
  return values;
}

struct MoteTileAndVectorizePass
    : public mote::impl::MoteTileAndVectorizeBase<MoteTileAndVectorizePass> {
  using Base::Base;

  void runOnOperation() override {
    if (vectorWidth < 2)
      return;
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    SmallVector<Operation *> candidates;
    module.walk([&](Operation *op) {
      if (isa<linalg::Conv2DNchwFchwOp, linalg::DepthwiseConv2DNchwChwOp,
              linalg::MatmulOp, linalg::PoolingNchwMaxOp,
              linalg::PoolingNchwSumOp>(op))
        candidates.push_back(op);
    });
    for (Operation *op : candidates) {
      if (auto conv = dyn_cast<linalg::Conv2DNchwFchwOp>(op))
        rewriteConvolution(conv, symbols);
      else if (auto depthwise = dyn_cast<linalg::DepthwiseConv2DNchwChwOp>(op))
        (void)rewriteDepthwiseConvolution(depthwise, vectorWidth,
                                          vectorRegisters);
      else if (auto matmul = dyn_cast<linalg::MatmulOp>(op))
        rewriteMatmul(matmul, symbols);
      else if (auto pooling = dyn_cast<linalg::LinalgOp>(op))
        (void)rewritePooling(pooling, vectorWidth, vectorRegisters);
    }
    // What is left between the kernels (activations, squeeze-excite
    // scales, pooling, dot products): vector loops along contiguous memory.
    SmallVector<linalg::GenericOp> generics;
    module.walk([&](linalg::GenericOp generic) { generics.push_back(generic); });
    for (linalg::GenericOp generic : generics)
      (void)vectorizeGenericOnBuffers(generic, vectorWidth);
    // Weights that only the rewritten ops read are now dead. One walk
    // gathers every symbol still referenced: asking for each global's uses
    // would walk the whole module once per packed weight.
    if (packedSources.empty())
      return;
    std::optional<SymbolTable::UseRange> uses =
        SymbolTable::getSymbolUses(&module.getBodyRegion());
    if (!uses)
      return;
    DenseSet<StringAttr> referenced;
    for (const SymbolTable::SymbolUse &use : *uses)
      referenced.insert(use.getSymbolRef().getRootReference());
    for (memref::GlobalOp global : packedSources)
      if (!referenced.contains(global.getSymNameAttr()))
        global.erase();
  }

private:
  /// The packed copy of `source`'s global for blocks of `blockChannels`,
  /// created once per (global, block, `transposed`: which of two layouts
  /// `sourceIndex` reads the global in). `sourceIndex` gives the flat index of
  /// weight (channel, reduction, kernel row, kernel column) in the global.
  FailureOr<memref::GlobalOp>
  getPackedWeights(memref::GetGlobalOp source, SymbolTable &symbols,
                   const ContractionShape &shape, int64_t blockChannels,
                   bool transposed,
                   function_ref<int64_t(int64_t, int64_t, int64_t, int64_t)>
                       sourceIndex) {
    auto global = symbols.lookup<memref::GlobalOp>(source.getName());
    if (!global)
      return failure();
    auto key = std::make_tuple(global.getOperation(), blockChannels,
                               static_cast<int64_t>(transposed));
    if (auto it = packedGlobals.find(key); it != packedGlobals.end())
      return it->second;

    int64_t totalElements = shape.channels * shape.reduction *
                            shape.kernelRows * shape.kernelColumns;
    std::vector<float> storage;
    FailureOr<ArrayRef<float>> values =
        getConstantFloats(global, totalElements, storage);
    if (failed(values))
      return failure();

    int64_t channelBlocks = (shape.channels + blockChannels - 1) / blockChannels;
    SmallVector<int64_t> packedShape = {channelBlocks, shape.kernelRows,
                                        shape.reduction, shape.kernelColumns,
                                        blockChannels};
    std::vector<float> packed(channelBlocks * shape.reduction *
                                  shape.kernelRows * shape.kernelColumns *
                                  blockChannels,
                              0.0f);
    int64_t next = 0;
    for (int64_t block = 0; block < channelBlocks; ++block)
      for (int64_t kh = 0; kh < shape.kernelRows; ++kh)
        for (int64_t r = 0; r < shape.reduction; ++r)
          for (int64_t kw = 0; kw < shape.kernelColumns; ++kw)
            for (int64_t lane = 0; lane < blockChannels; ++lane, ++next) {
              int64_t channel = block * blockChannels + lane;
              if (channel < shape.channels)
                packed[next] = (*values)[sourceIndex(channel, r, kh, kw)];
            }

    OpBuilder b(global);
    Type f32 = b.getF32Type();
    std::string name = (global.getSymName() + "_packed").str();
    auto tensorType = RankedTensorType::get(packedShape, f32);
    auto initialValue = DenseResourceElementsAttr::get(
        tensorType, name,
        HeapAsmResourceBlob::allocateAndCopyInferAlign<float>(packed));
    auto packedGlobal = memref::GlobalOp::create(
        b, global.getLoc(), b.getStringAttr(name), b.getStringAttr("private"),
        TypeAttr::get(MemRefType::get(packedShape, f32)), initialValue,
        b.getUnitAttr(), b.getI64IntegerAttr(alignment));
    symbols.insert(packedGlobal);
    packedGlobals[key] = packedGlobal;
    packedSources.insert(global);
    return packedGlobal;
  }

  /// `linalg.conv_2d_nchw_fchw` with a constant filter: positions are the
  /// output columns of one output row, looped over batch and rows.
  void rewriteConvolution(linalg::Conv2DNchwFchwOp conv, SymbolTable &symbols) {
    if (!conv.hasPureBufferSemantics())
      return;
    Value input = conv.getInputs()[0], filter = conv.getInputs()[1],
          output = conv.getOutputs()[0];
    auto inputType = dyn_cast<MemRefType>(input.getType());
    auto filterType = dyn_cast<MemRefType>(filter.getType());
    auto outputType = dyn_cast<MemRefType>(output.getType());
    if (!inputType || !filterType || !outputType ||
        !inputType.hasStaticShape() || !filterType.hasStaticShape() ||
        !outputType.hasStaticShape() || !inputType.getElementType().isF32() ||
        !filterType.getElementType().isF32() ||
        !outputType.getElementType().isF32())
      return;
    auto filterSource = filter.getDefiningOp<memref::GetGlobalOp>();
    if (!filterSource)
      return;
    SmallVector<int64_t> strides(conv.getStrides().getValues<int64_t>());
    SmallVector<int64_t> dilations(conv.getDilations().getValues<int64_t>());

    ArrayRef<int64_t> filterShape = filterType.getShape();
    ArrayRef<int64_t> outputShape = outputType.getShape();
    ContractionShape shape;
    shape.channels = filterShape[0];
    shape.reduction = filterShape[1];
    shape.kernelRows = filterShape[2];
    shape.kernelColumns = filterShape[3];
    shape.positions = outputShape[3];
    KernelBlocking blocking =
        chooseKernelBlocking(shape.channels, shape.positions, vectorWidth,
                             vectorRegisters, shape.kernelColumns);
    // The row kernel's block in the same model, with the roles swapped:
    // positions are vectorized, channels broadcast. It needs unit-stride
    // rows, and is taken only when clearly cheaper. Per output row, both
    // sides pay their reduction steps and their stores: the channel kernel
    // stores the NCHW output lane by lane (one element a cycle), the row
    // kernel a vector at a time; with a short reduction (few input
    // channels) the stores decide.
    bool useRowKernel = false;
    KernelBlocking rowBlocking;
    if (rowKernel && strides[1] == 1 && hasUnitStride(output, 3) &&
        hasUnitStride(input, 3)) {
      rowBlocking =
          chooseKernelBlocking(shape.positions, shape.channels, vectorWidth,
                               vectorRegisters, shape.kernelColumns);
      double steps = static_cast<double>(shape.reduction * shape.kernelRows *
                                         shape.kernelColumns);
      double outputs = static_cast<double>(shape.positions * shape.channels);
      double channelKernelCycles = blocking.cycles * steps + outputs;
      double rowKernelCycles =
          rowBlocking.cycles * steps + outputs / vectorWidth;
      useRowKernel = rowKernelCycles < 0.9 * channelKernelCycles;
    }
    int64_t blockChannels = useRowKernel ? rowBlocking.positions
                                      : blocking.vectors * vectorWidth;
    FailureOr<memref::GlobalOp> packed = getPackedWeights(
        filterSource, symbols, shape, blockChannels, /*transposed=*/false,
        [&](int64_t f, int64_t c, int64_t kh, int64_t kw) {
          return ((f * shape.reduction + c) * shape.kernelRows + kh) *
                     shape.kernelColumns +
                 kw;
        });
    if (failed(packed))
      return;

    // With a fused consumer the kernel runs in its place (only views and
    // constants separate the two) and replaces it.
    KernelFusion fusion;
    if (fuseEpilogues) {
      bool singleBlock =
          outputShape[0] == 1 && outputShape[2] == 1 &&
          (useRowKernel ? shape.channels <= rowBlocking.positions &&
                           shape.positions <= rowBlocking.vectors * vectorWidth
                     : isSingleBlock(shape, blocking, vectorWidth));
      fusion = KernelFusion::find(conv, output, {input}, singleBlock);
      // The row kernel moves the consumer's operands a row vector at a time.
      if (useRowKernel && fusion.epilogue &&
          (!hasUnitStride(fusion.epilogue->output, 3) ||
           llvm::any_of(fusion.epilogue->inputs, [](Value buffer) {
             return buffer && !hasUnitStride(buffer, 3);
           })))
        fusion.epilogue.reset();
    }
    OpBuilder b(fusion.position(conv));
    Location loc = conv.getLoc();
    Value packedWeights = memref::GetGlobalOp::create(
        b, loc, packed->getType(), packed->getSymName());
    auto batchLoop = scf::ForOp::create(b, loc, constantIndex(b, loc, 0),
                                        constantIndex(b, loc, outputShape[0]),
                                        constantIndex(b, loc, 1));
    b.setInsertionPointToStart(batchLoop.getBody());
    Value batch = batchLoop.getInductionVar();
    // The callbacks below read `row`, which each emitted row loop sets
    // before building its body.
    Value row;
    auto rowLoop = [&](OpBuilder &nb, Location nl,
                       function_ref<void(OpBuilder &, Location)> body) {
      scf::ForOp::create(nb, nl, constantIndex(nb, nl, 0),
                         constantIndex(nb, nl, outputShape[2]),
                         constantIndex(nb, nl, 1), ValueRange{},
                         [&](OpBuilder &rb, Location rl, Value iv, ValueRange) {
                           row = iv;
                           body(rb, rl);
                           scf::YieldOp::create(rb, rl);
                         });
    };

    auto inputRowAt = [&](OpBuilder &nb, Location nl, Value kernelRow) {
      return arith::AddIOp::create(nb, nl, mulIndex(nb, nl, row, strides[0]),
                                   mulIndex(nb, nl, kernelRow, dilations[0]));
    };
    auto outputIndices = [&](OpBuilder &, Location, Value position,
                             Value channel) -> SmallVector<Value> {
      return {batch, channel, row, position};
    };
    if (useRowKernel) {
      KernelAccess access;
      access.output = output;
      access.outputIndices = outputIndices;
      access.loadInputVector = [&](OpBuilder &nb, Location nl,
                                   Value firstPosition, Value channel,
                                   Value kernelRow, int64_t kernelColumn,
                                   int64_t validLanes) -> Value {
        return loadSegment(
            nb, nl, input,
            {batch, channel, inputRowAt(nb, nl, kernelRow),
             addIndex(nb, nl, firstPosition, kernelColumn * dilations[1])},
            vectorWidth, validLanes);
      };
      fusion.attachTo(access);
      rowLoop(b, loc, [&](OpBuilder &rb, Location rl) {
        RowKernelEmitter(shape, access, packedWeights, rowBlocking.positions,
                         rowBlocking.vectors, vectorWidth)
            .emitRow(rb, rl);
      });
    } else {
      KernelAccess access;
      access.output = output;
      access.loadInput = [&](OpBuilder &nb, Location nl, Value position,
                             Value channel, Value kernelRow,
                             int64_t kernelColumn) -> Value {
        Value inputColumn =
            addIndex(nb, nl, mulIndex(nb, nl, position, strides[1]),
                     kernelColumn * dilations[1]);
        return memref::LoadOp::create(
            nb, nl, input,
            ValueRange{batch, channel, inputRowAt(nb, nl, kernelRow),
                       inputColumn});
      };
      access.outputIndices = outputIndices;
      fusion.attachTo(access);
      int64_t packedBytes = packed->getType().getNumElements() * 4;
      KernelEmitter(shape, access, packedWeights, blocking, vectorWidth)
          .emit(b, loc, rowLoop,
                /*channelBlocksOuter=*/outputShape[2] > 1 &&
                    packedBytes > weightCacheBytes);
    }
    fusion.eraseReplaced(conv, filterSource);
  }

  /// `linalg.matmul` with a constant right-hand side: positions are the
  /// rows, channels the columns. The right-hand side is read either as
  /// [k, n] (the default maps) or as [n, k] (`Gemm` with `transB = 1`, what
  /// torch exports for every fully connected layer); packing absorbs the
  /// transpose, so both run the same kernel.
  void rewriteMatmul(linalg::MatmulOp matmul, SymbolTable &symbols) {
    if (!matmul.hasPureBufferSemantics())
      return;
    MLIRContext *context = matmul.getContext();
    SmallVector<AffineMap> maps = matmul.getIndexingMapsArray();
    SmallVector<AffineMap> defaultMaps =
        linalg::MatmulOp::getDefaultIndexingMaps(context);
    AffineExpr m, n, k;
    bindDims(context, m, n, k);
    AffineMap transposedRhsMap = AffineMap::get(3, 0, {n, k}, context);
    if (maps.size() != 3 || maps[0] != defaultMaps[0] ||
        maps[2] != defaultMaps[2] ||
        (maps[1] != defaultMaps[1] && maps[1] != transposedRhsMap))
      return;
    bool transposedRhs = maps[1] == transposedRhsMap;
    Value lhs = matmul.getInputs()[0], rhs = matmul.getInputs()[1],
          output = matmul.getOutputs()[0];
    auto lhsType = dyn_cast<MemRefType>(lhs.getType());
    auto rhsType = dyn_cast<MemRefType>(rhs.getType());
    auto outputType = dyn_cast<MemRefType>(output.getType());
    if (!lhsType || !rhsType || !outputType || !lhsType.hasStaticShape() ||
        !rhsType.hasStaticShape() || !outputType.hasStaticShape() ||
        !lhsType.getElementType().isF32() ||
        !rhsType.getElementType().isF32() ||
        !outputType.getElementType().isF32())
      return;
    auto rhsSource = rhs.getDefiningOp<memref::GetGlobalOp>();
    if (!rhsSource)
      return;
    ContractionShape shape;
    shape.positions = lhsType.getShape()[0];
    shape.reduction = lhsType.getShape()[1];
    shape.channels = rhsType.getShape()[transposedRhs ? 0 : 1];
    KernelBlocking blocking = chooseKernelBlocking(
        shape.channels, shape.positions, vectorWidth, vectorRegisters);
    int64_t blockChannels = blocking.vectors * vectorWidth;
    FailureOr<memref::GlobalOp> packed = getPackedWeights(
        rhsSource, symbols, shape, blockChannels, transposedRhs,
        [&](int64_t column, int64_t k, int64_t, int64_t) {
          return transposedRhs ? column * shape.reduction + k
                               : k * shape.channels + column;
        });
    if (failed(packed))
      return;

    KernelFusion fusion;
    if (fuseEpilogues)
      fusion = KernelFusion::find(matmul, output, {lhs},
                                  isSingleBlock(shape, blocking, vectorWidth));
    OpBuilder b(fusion.position(matmul));
    Location loc = matmul.getLoc();
    Value packedWeights = memref::GetGlobalOp::create(
        b, loc, packed->getType(), packed->getSymName());
    KernelAccess access;
    access.output = output;
    fusion.attachTo(access);
    access.loadInput = [&](OpBuilder &nb, Location nl, Value position,
                           Value k, Value, int64_t) -> Value {
      return memref::LoadOp::create(nb, nl, lhs, ValueRange{position, k});
    };
    access.outputIndices = [&](OpBuilder &, Location, Value position,
                               Value column) -> SmallVector<Value> {
      return {position, column};
    };
    KernelEmitter(shape, access, packedWeights, blocking, vectorWidth)
        .emit(b, loc, KernelEmitter::emitInline, /*channelBlocksOuter=*/false);
    fusion.eraseReplaced(matmul, rhsSource);
  }

  /// Packed globals by (source global, block channels, whether the source
  /// is read transposed).
  llvm::DenseMap<std::tuple<Operation *, int64_t, int64_t>, memref::GlobalOp>
      packedGlobals;
  llvm::SetVector<memref::GlobalOp> packedSources;
};

} // namespace
