//===- Passes.td - mote back-end passes --------------------*- tablegen -*-===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_COMPILER_PASSES_TD
#define MOTE_COMPILER_PASSES_TD

include "mlir/Pass/PassBase.td"

def MotePlanArena : Pass<"mote-plan-arena", "::mlir::ModuleOp"> {
  let summary = "Places every intermediate buffer of the model in one arena";
  let description = [{
    Runs after bufferization and `buffer-results-to-out-params`. Every
    `memref.alloc` and `memref.alloca` in the model function becomes a
    `memref.view` at a fixed byte offset into one arena, a new last argument
    of type `memref<SIZExi8>`, so the generated code never touches a heap
    and the caller decides where scratch memory lives.

    With `reuse` (the default) the pass first makes the program need less
    memory, then plans it:

    1. Live-range splitting: when a top-level op overwrites every element of
       a buffer without reading it (a fill, a bias broadcast, a full copy),
       the uses from that op on get a buffer of their own, so the old and the
       new value need not share one range.
    2. Copy elision: a buffer whose last use copies it into a subview of a
       padded buffer (the padding of a convolution's input) is replaced by
       that subview, and the padded buffer's fill moves before the buffer's
       first use; the producers write straight into the padded buffer. Only
       done when every other user of the buffer is a linalg op or a copy
       (they accept the strided view).
    3. In-place execution: an elementwise linalg op (all loops parallel) whose
       input buffer dies at that op and whose output buffer is born there
       writes over the input, when both are whole allocations of the same
       shape and element size reached through the same permutation map: each
       iteration reads its input element before writing the output element
       at the same index. Convolutions, pooling and reductions are never
       made in place.

    With `reorder` (the default), a greedy list scheduler then looks for
    another order of the top-level ops that respects their SSA and memory
    dependences (reads and writes of each allocation, argument and global;
    ops with effects it cannot attribute are barriers) and lowers the peak
    of live bytes, e.g. which branch of a residual block runs first. It
    keeps the original order unless the new one's peak is strictly lower.

    A buffer lives from the first to the last top-level op that uses it or
    any view of it. Offsets are assigned by several heuristics, each placing
    the buffers in one order at the lowest aligned offset that does not
    overlap a buffer alive at the same time: program order, size, size times
    lifetime, overlapping bytes, lifetime. The smallest arena wins. Every
    offset is a multiple of `alignment`.

    The lower bound is the largest number of bytes live at one top-level op
    (each buffer rounded up to `alignment`) under this order and these
    in-place decisions; no placement can be smaller.

    With `guard-bytes` (`motec --arena-check`) each buffer's slot also holds
    a guard zone before and after its contents, and one more slot holds a
    status word, zeroed on entry. Before a buffer's first use its guard
    zones are filled with 0xA5; after its last use every guard byte is
    compared and the status word becomes nonzero when one changed. The
    module gets `mote.arena_check_status_offset`, from which
    mote-build-entry-points makes `<name>_run` return
    `MOTE_STATUS_ARENA_CORRUPTED` (-5). A debugging aid: it costs time and
    arena bytes.

    The arena's size and alignment are recorded on the module as
    `mote.arena_size` and `mote.arena_align` (i64) for the entry points and
    the header writer, with `mote.arena_lower_bound` (i64),
    `mote.arena_peak_layer` (the ONNX node at the peak) and
    `mote.arena_heuristic` (the winning order) for `motec --report`. The
    function gets `mote.num_inputs` and
    `mote.num_outputs`: its outputs are the arguments that
    `buffer-results-to-out-params{add-result-attr}` marked `bufferize.result`. Allocations with dynamic shapes or non-identity
    layouts cannot be planned and are reported as errors.

    With `io-in-arena` (`motec --io-in-arena`) every memref argument of the
    function (inputs, then the outputs) first becomes a `memref.alloc`
    marked `mote.io_index = <argument index>` (outputs also
    `mote.io_output`): an input lives from the first op to the last, since
    it holds the caller's data and stays intact; an output from its first
    write to the last op, since the caller reads it after the call. They
    are never split or copy-elided and an input is never overwritten in
    place; an elementwise op may write an output over its dying input. The
    arguments are
    removed (the function then takes only the arena, `mote.num_inputs` and
    `mote.num_outputs` are 0) and the module gets `mote.io_offsets`, the
    byte offset of each former argument in the arena, in argument order.
    With `guard-bytes` they get guard zones like every other buffer (the
    offsets point past the first zone): an input's are filled on entry and
    an output's at its first write, and both are checked before the return.
  }];
  let options = [
    Option<"functionName", "function", "std::string", "\"main\"",
           "The model function whose buffers are planned">,
    Option<"alignment", "alignment", "uint64_t", "64",
           "Byte alignment of every buffer and of the arena itself">,
    Option<"indexBitwidth", "index-bitwidth", "unsigned", "64",
           "Size in bits of `index` elements stored in buffers">,
    Option<"reuse", "reuse", "bool", "true",
           "Split live ranges, elide padding copies and run elementwise ops "
           "in place before placing the buffers">,
    Option<"reorder", "reorder", "bool", "true",
           "Reorder independent top-level ops when another topological "
           "order has a lower peak of live bytes">,
    Option<"maxArenaBytes", "max-bytes", "uint64_t", "0",
           "Fail with a diagnostic (arena, lower bound, peak layer) when the "
           "arena exceeds this many bytes; 0 means no limit">,
    Option<"guardBytes", "guard-bytes", "uint64_t", "0",
           "--arena-check: bytes of guard zone on each side of every buffer "
           "(rounded up to the alignment), filled and verified at run time; "
           "0 turns the checks off">,
    Option<"ioInArena", "io-in-arena", "bool", "false",
           "Plan the function's inputs and outputs into the arena as well: "
           "each argument becomes a buffer alive for the whole call, the "
           "arguments are removed and `mote.io_offsets` records where they "
           "live">,
  ];
  let dependentDialects = ["::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::scf::SCFDialect"];
}

def MoteDecomposePaddedConv : Pass<"mote-decompose-padded-conv"> {
  let summary = "Convolves zero-padded inputs without a padded copy";
  let description = [{
    Runs on linalg on tensors, before bufferization, and only under
    `--optimize=size`. A `linalg.depthwise_conv_2d_nchw_chw` or
    `linalg.conv_2d_nchw_fchw` whose input is a `tensor.pad` adding a static
    number of zeros to the two spatial dimensions (and nothing to batch or
    channels) no longer reads the padded tensor.

    Zeros add nothing to the sum, so an output position only needs the
    kernel taps that read real input. Along each spatial dimension the output
    is cut where some tap starts or stops reading inside the unpadded input
    (compile-time bounds from the padding, strides and dilations); between
    two cuts every position sees the same contiguous range of kernel
    offsets. Each cell of that grid (for a 3x3 kernel with padding 1: four
    corners, four edges and the interior) becomes the same convolution op,
    with the original strides and dilations, over the taps it sees (a
    `tensor.extract_slice` of the weight) and the input rows and columns
    they read (a slice of the unpadded input), written into its slice of the
    output with `tensor.extract_slice` / `tensor.insert_slice`, so one-shot
    bufferization runs every cell in place on the output buffer. Every output
    element is computed once; taps and cells that only read padding vanish
    (such cells keep the initial value, the bias). The `tensor.pad` is
    erased when nothing else uses it.

    The padded copy is live together with the convolution's output, so it
    sets the arena's peak on many small models (depthwise-separable and
    residual networks): without it the peak is input plus output. The price
    is the code of the border cells (and, on some layers, instructions); the
    speed pipeline keeps the padded copy because its vector kernels want it.

    With `decompose=peak` (the default) only the copies that raise the peak
    go. The pass estimates the arena on the tensor program: byte liveness in
    the function body's order, one buffer per set of values bufferization
    aliases (a destination-style op's result and its init, slices, reshapes),
    live from its first definition to its last use; function arguments and
    constants are not counted, as in `mote-plan-arena`, and a padded copy
    that is its source's last use holds the source in its interior (the
    planner's copy elision). F is the estimated peak with no padded copy at
    all. While the estimate with the remaining copies is above F, the
    convolutions of the largest copy live at the peak point are rewritten. A
    pad that something besides convolutions reads is left alone under
    `peak`, since its copy stays either way. `decompose=all` rewrites every
    zero-padded convolution (for tests and comparisons).
  }];
  let options = [
    Option<"decomposeMode", "decompose", "std::string", "\"peak\"",
           "Which zero-padded convolutions to rewrite: 'peak' (those whose "
           "padded copy raises the estimated arena peak) or 'all'">,
  ];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def MoteExpandStridedCopies : Pass<"mote-expand-strided-copies"> {
  let summary = "Turns memref.copy between strided views into linalg.copy";
  let description = [{
    Bufferization copies into and out of subviews (padding, concatenation,
    slices). The LLVM lowering turns a `memref.copy` whose operands are not
    both contiguous into a call to the `memrefCopy` runtime function, which
    a firmware image does not have. This pass rewrites such copies as
    `linalg.copy`, which `convert-linalg-to-loops` lowers to plain loops;
    contiguous copies stay `memref.copy` and become `memcpy`.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def MoteRematerializeInits : Pass<"mote-rematerialize-inits",
                                  "::mlir::func::FuncOp"> {
  let summary = "Gives every destination-passing op its own copy of a "
                "shared constant initial value";
  let description = [{
    CSE merges identical initial values: two convolutions with the same bias
    (all zeros, say) end up initializing their outputs from one
    `linalg.fill` or bias-broadcast `linalg.generic`. One-shot
    bufferization can write only one of them in place; every other user
    gets a copy of the shared buffer, a full pass over its output before
    the kernel runs. This pass clones the producer (and its `tensor.empty`)
    for each further user that takes the value as a destination operand, so
    each kernel starts from its own initial value, which bufferizes in place
    and which the kernels fold into their accumulators. Only producers that
    read nothing but constants are cloned: recomputing them costs what the
    copy would, at most.
  }];
}

def MoteDropEmptyBuffers : Pass<"mote-drop-empty-buffers",
                                "::mlir::func::FuncOp"> {
  let summary = "Erases the work on zero-element buffers of a bufferized model";
  let description = [{
    A tensor with a zero dim holds no data. This pass erases `memref.copy`
    ops from or to a zero-element buffer and linalg ops (on buffers) whose
    iteration space is empty, then retypes the function arguments that are
    zero-element buffers of rank > 1 and now unused to `memref<0xT>`: the
    bare-pointer LLVM lowering cannot represent an identity layout whose
    zero dim is not the leading one, and would leave the model function
    unconverted. A model with an empty output then compiles to an entry
    point that writes nothing.
  }];
}

def MoteExpandMath : Pass<"mote-expand-math"> {
  let summary = "Expands math ops so no libm call survives lowering";
  let description = [{
    Rewrites `math` ops into arithmetic the target executes directly:
    polynomial approximations for `exp`, `log`, `tanh`, `erf`, ...,
    expansions of `floor`, `ceil`, `round`, `roundeven`, `powf`, `fma`, ...
    into simpler ops, and `arith.maximumf`/`minimumf`/`maxnumf`/`minnumf`
    into compare-and-select. Firmware images have no libm, and newlib lacks
    some functions (`roundevenf`) entirely, so after this pass the LLVM
    lowering emits no calls to `expf`, `floorf`, `fmaxf` and friends.
    With `expand-f32-sqrt` / `expand-f64-sqrt`, scalar `math.sqrt` of that
    width becomes Newton's iteration as well, for cores whose FPU (if any)
    has no square root of that width (Cortex-M0+ and rv32imac for both,
    Cortex-M4F for f64).
  }];
  let options = [
    Option<"expandF32Sqrt", "expand-f32-sqrt", "bool", /*default=*/"false",
           "Expand f32 math.sqrt (no hardware single-precision square root)">,
    Option<"expandF64Sqrt", "expand-f64-sqrt", "bool", /*default=*/"false",
           "Expand f64 math.sqrt (no hardware double-precision square root)">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::vector::VectorDialect"];
}

def MoteConvertToLLVM : Pass<"mote-convert-to-llvm", "::mlir::ModuleOp"> {
  let summary = "Lowers memref, math, arith, func, cf and ub to the LLVM "
                "dialect in one conversion";
  let description = [{
    One dialect conversion with the upstream patterns of
    `finalize-memref-to-llvm`, `convert-math-to-llvm`,
    `convert-arith-to-llvm`, `convert-func-to-llvm` (bare-pointer calling
    convention: memref arguments become plain pointers, the C API of the
    entry points), `convert-cf-to-llvm` and `convert-ub-to-llvm`, sharing
    one type converter. Running those six passes one after the other walks
    an unrolled model's hundreds of thousands of ops six times and
    materializes casts between them; together they take a fraction of the
    time and give the same IR. Ops that none of the patterns handle are left
    as they are, as each upstream pass leaves them; run
    `reconcile-unrealized-casts` afterwards.
  }];
  let options = [
    Option<"indexBitwidth", "index-bitwidth", "unsigned", /*default=*/"0",
           "Bits of index (0: from the data layout)">,
  ];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def MoteOutlineLayers : Pass<"mote-outline-layers", "::mlir::ModuleOp"> {
  let summary = "Splits the model function into small private functions";
  let description = [{
    Runs after arena planning and `mote-tile-and-vectorize`, on the memref
    IR. The model function (the one with `mote.num_inputs`) holds every
    layer's loop nest; with unrolled vector kernels a MobileNet's is tens of
    thousands of ops, and LLVM's optimizations and register allocation are
    superlinear in a function's size. The pass cuts the function's top-level
    ops (all but constants, `memref.get_global`, views and other ops without
    effects or regions) into runs of consecutive ops of at most
    `max-ops-per-function` ops (nested ops included; a larger single op is a
    run of its own) and moves each run into a private function
    `<model function>_layers<N>[_<first ONNX node>]` that the model
    function calls in its place. The callees carry
    `passthrough = ["noinline"]`: LLVM would otherwise inline each one back
    into its only caller.

    A callee takes as arguments only the buffers the model function receives
    or allocates (inputs, outputs, the arena), each `llvm.noalias` as the C
    API guarantees, and clones the effect-free ops that address them (arena
    views, subviews, shape casts, weight globals, constants), so every buffer
    is still a constant offset from an argument or a global. A function that
    fits in one run is left alone, as is a run whose results are used after
    it or that needs a value the bare-pointer calling convention cannot pass
    (a memref with a non-identity layout).
  }];
  let options = [
    Option<"maxOpsPerFunction", "max-ops-per-function", "uint64_t",
           /*default=*/"2000",
           "Ops (nested ones included) per outlined function, above which a "
           "run of top-level ops is cut">,
    Option<"passWeights", "pass-weights", "bool", /*default=*/"false",
           "Pass the weight globals (memref.get_global) to the outlined "
           "functions as arguments instead of cloning them: with "
           "--weights=external only the model function can address them">,
  ];
  let dependentDialects = ["::mlir::func::FuncDialect"];
}

def MoteBuildEntryPoints : Pass<"mote-build-entry-points", "::mlir::ModuleOp"> {
  let summary = "Creates the exported C entry points of a compiled model";
  let description = [{
    Runs on the LLVM dialect, after lowering with the bare-pointer memref
    calling convention. The model function (attribute `mote.num_inputs` and
    `mote.num_outputs`, arguments: inputs, outputs, arena) is renamed
    `<model-name>_forward` and gets internal linkage, and two exported
    functions are added:

    ```c
    int32_t <name>_run(const T *in0, ..., T *out0, ..., void *arena,
                       size_t arena_size);
    int32_t <name>_run_v(const void *const inputs[], void *const outputs[],
                         void *arena, size_t arena_size);
    ```

    `_run` returns `MOTE_STATUS_NULL_ARGUMENT` (-1) for a null pointer,
    `MOTE_STATUS_ARENA_TOO_SMALL` (-2) when `arena_size` is below the
    module's `mote.arena_size`, `MOTE_STATUS_ARENA_MISALIGNED` (-3) when the
    arena is not aligned to `mote.arena_align`, and 0 after running the
    model. `_run_v` loads the pointers from the arrays and calls `_run`.
    When the module has `mote.io_offsets` (mote-plan-arena's `io-in-arena`)
    the model function takes no tensor pointers, so `_run` takes only the
    arena (and the weights) and there is no `_run_v`.

    Every other function and global gets internal linkage and every function
    is marked `nounwind`, so several models link into one image and no
    unwinding tables or personality routines are pulled in.

    The weights are the constant globals with a tensor initializer. Their
    total size and largest alignment are recorded on the module as
    `mote.weights_size` and `mote.weights_align` (i64). With
    `external-weights`, the weights used only by the model function leave
    the object: each gets a `mote.weights_offset` (i64, aligned to its own
    alignment) into one blob, its uses become `getelementptr` from a new
    `const void *weights` parameter placed before the arena in
    `_forward`, `_run` and `_run_v`, and `_run` returns
    `MOTE_STATUS_NULL_ARGUMENT` for a null `weights` and
    `MOTE_STATUS_WEIGHTS_MISALIGNED` (-4) when it is not aligned to
    `mote.weights_align`. `extractExternalWeights` (C++) then writes the
    blob and erases the globals.
  }];
  let options = [
    Option<"modelName", "model-name", "std::string", "\"model\"",
           "Prefix of the exported symbols; a C identifier">,
    Option<"functionName", "function", "std::string", "\"main\"",
           "The model function to wrap">,
    Option<"indexBitwidth", "index-bitwidth", "unsigned", "64",
           "Width in bits of `size_t` (the `arena_size` parameter)">,
    Option<"externalWeights", "external-weights", "bool", "false",
           "Move the weights out of the object into a blob whose address "
           "the caller passes">,
  ];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

#endif // MOTE_COMPILER_PASSES_TD
