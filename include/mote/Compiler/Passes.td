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

    Offsets are chosen by a linear scan over buffer lifetimes in program
    order: a buffer lives from its allocation to the last top-level op that
    uses it or any view of it, and a buffer whose lifetime ended frees its
    range for later buffers (best fit among the free ranges, else the end of
    the arena). Every offset is a multiple of `alignment`.

    The arena's size and alignment are recorded on the module as
    `mote.arena_size` and `mote.arena_align` (i64) for the entry points and
    the header writer. The function gets `mote.num_inputs` and
    `mote.num_outputs`: its outputs are the arguments that
    `buffer-results-to-out-params{add-result-attr}` marked `bufferize.result`. Allocations with dynamic shapes or non-identity
    layouts cannot be planned and are reported as errors.
  }];
  let options = [
    Option<"functionName", "function", "std::string", "\"main\"",
           "The model function whose buffers are planned">,
    Option<"alignment", "alignment", "uint64_t", "64",
           "Byte alignment of every buffer and of the arena itself">,
    Option<"indexBitwidth", "index-bitwidth", "unsigned", "64",
           "Size in bits of `index` elements stored in buffers">,
  ];
  let dependentDialects = ["::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect"];
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
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::vector::VectorDialect"];
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

    Every other function and global gets internal linkage and every function
    is marked `nounwind`, so several models link into one image and no
    unwinding tables or personality routines are pulled in.
  }];
  let options = [
    Option<"modelName", "model-name", "std::string", "\"model\"",
           "Prefix of the exported symbols; a C identifier">,
    Option<"functionName", "function", "std::string", "\"main\"",
           "The model function to wrap">,
    Option<"indexBitwidth", "index-bitwidth", "unsigned", "64",
           "Width in bits of `size_t` (the `arena_size` parameter)">,
  ];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

#endif // MOTE_COMPILER_PASSES_TD
