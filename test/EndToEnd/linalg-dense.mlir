// A small dense layer written in linalg on tensors, compiled by motec,
// linked into a C program and run on the host.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: motec %s -o %t/dense.o --name=dense
// RUN: FileCheck %s --check-prefix=HEADER < %t/dense.h
// RUN: %host_cc -std=c99 -Wall -Wextra -Werror -pedantic -I%t -I%runtime_include %S/Inputs/dense_main.c %mote_src/runtime/src/mote_runtime.c %t/dense.o -lm -o %t/dense
// RUN: %t/dense | FileCheck %s --check-prefix=EXEC
//
// Only the entry points are exported, and the object needs nothing but mem*.
// RUN: llvm-nm --extern-only --defined-only %t/dense.o | FileCheck %s --check-prefix=EXPORTS
// RUN: llvm-nm --undefined-only %t/dense.o | not grep -v -E ' (memcpy|memset|memmove)$'

// HEADER: #ifndef DENSE_MOTE_MODEL_H
// HEADER: #ifndef MOTE_STATUS_DEFINED
// HEADER: typedef int32_t mote_status_t;
// HEADER: #define MOTE_STATUS_ARENA_MISALIGNED (-3)
// HEADER: #define DENSE_ARENA_SIZE 64u
// HEADER: #define DENSE_ARENA_ALIGN 64u
// HEADER: #define DENSE_NUM_INPUTS 1
// HEADER: #define DENSE_NUM_OUTPUTS 2
// HEADER: /* input 0: 'input.1' -> float input_1[2][4], 32 bytes */
// HEADER: #define DENSE_INPUT_0_SIZE 32u
// HEADER: #define DENSE_INPUT_0_SHAPE {2, 4}
// HEADER: #define DENSE_INPUT_1_SIZE 32u
// HEADER: #define DENSE_INPUT_1_SHAPE {2, 4}
// HEADER: /* output 0: 'probs' -> float probs[2][3], 24 bytes */
// HEADER: #define DENSE_OUTPUT_0_SIZE 24u
// HEADER: #define DENSE_PROBS_SIZE 24u
// HEADER: /* output 1: 'logits' -> float logits[2][3], 24 bytes */
// HEADER: mote_status_t dense_run(const float *input_1, float *probs, float *logits, void *arena, size_t arena_size);
// HEADER: mote_status_t dense_run_v(const void *const inputs[], void *const outputs[],

// EXEC: arena 64 bytes, align 64
// EXEC: run: success
// EXEC: outputs match the reference
// EXEC: null input: a required pointer argument was NULL
// EXEC: small arena: the arena is smaller than the model's arena size
// EXEC: misaligned arena: the arena is not aligned to the model's arena alignment
// EXEC: run_v: success, same outputs

// EXPORTS: T dense_run
// EXPORTS-NEXT: T dense_run_v
// EXPORTS-NOT: {{.}}

#id = affine_map<(d0, d1) -> (d0, d1)>
module {
  func.func @main(%x: tensor<2x4xf32> {mote.name = "input.1"})
      -> (tensor<2x3xf32> {mote.name = "probs"},
          tensor<2x3xf32> {mote.name = "logits"}) {
    %w = arith.constant dense<[[0.5, -1.0, 0.25], [1.5, 0.0, -0.5],
                               [-2.0, 0.75, 1.0], [0.125, 2.0, -1.25]]> : tensor<4x3xf32>
    %zero = arith.constant 0.0 : f32
    %one = arith.constant 1.0 : f32
    // shifted = x + 1 feeds a matmul, which elementwise fusion cannot
    // absorb, so it lives in the arena.
    %init0 = tensor.empty() : tensor<2x4xf32>
    %shifted = linalg.generic {indexing_maps = [#id, #id],
                               iterator_types = ["parallel", "parallel"]}
        ins(%x : tensor<2x4xf32>) outs(%init0 : tensor<2x4xf32>) {
    ^bb0(%in: f32, %out: f32):
      %s = arith.addf %in, %one : f32
      linalg.yield %s : f32
    } -> tensor<2x4xf32>
    %init = tensor.empty() : tensor<2x3xf32>
    %fill = linalg.fill ins(%zero : f32) outs(%init : tensor<2x3xf32>) -> tensor<2x3xf32>
    %logits = linalg.matmul ins(%shifted, %w : tensor<2x4xf32>, tensor<4x3xf32>)
                            outs(%fill : tensor<2x3xf32>) -> tensor<2x3xf32>
    // probs = tanh(relu(l)) + exp(-relu(l)) + floor(l): every math op here
    // must be expanded, not called.
    %init2 = tensor.empty() : tensor<2x3xf32>
    %probs = linalg.generic {indexing_maps = [#id, #id],
                             iterator_types = ["parallel", "parallel"]}
        ins(%logits : tensor<2x3xf32>) outs(%init2 : tensor<2x3xf32>) {
    ^bb0(%in: f32, %out: f32):
      %r = arith.maximumf %in, %zero : f32
      %t = math.tanh %r : f32
      %n = arith.negf %r : f32
      %e = math.exp %n : f32
      %f = math.floor %in : f32
      %a = arith.addf %t, %e : f32
      %b = arith.addf %a, %f : f32
      linalg.yield %b : f32
    } -> tensor<2x3xf32>
    return %probs, %logits : tensor<2x3xf32>, tensor<2x3xf32>
  }
}
