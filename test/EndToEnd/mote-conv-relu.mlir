// A convolution with bias and a separate ReLU in the mote dialect, through
// the whole pipeline (activation fusion, lowering to linalg, bufferization,
// arena, LLVM), checked against a direct C implementation.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: motec %s -o %t/conv.o
// RUN: FileCheck %s --check-prefix=HEADER < %t/conv.h
// RUN: %host_cc -std=c99 -Wall -Wextra -Werror -pedantic -I%t -I%runtime_include %S/Inputs/conv_main.c %mote_src/runtime/src/mote_runtime.c %t/conv.o -o %t/conv
// RUN: %t/conv | FileCheck %s --check-prefix=EXEC
// RUN: llvm-nm --undefined-only %t/conv.o | not grep -v -E ' (memcpy|memset|memmove)$'
//
// --emit=mote stops after the graph rewrites: the ReLU is fused.
// RUN: motec %s --emit=mote -o - | FileCheck %s --check-prefix=MOTE
// RUN: motec %s --emit=linalg -o - | FileCheck %s --check-prefix=LINALG

// The default name is the file stem as a C identifier.
// HEADER: #define MOTE_CONV_RELU_NUM_INPUTS 1
// HEADER: /* input 0: 'image' -> float image[1][1][4][4], 64 bytes */
// HEADER: /* output 0: 'features' -> float features[1][2][4][4], 128 bytes */
// HEADER: mote_status_t mote_conv_relu_run(const float *image, float *features, void *arena, size_t arena_size);

// EXEC: conv: success, outputs match the reference

// MOTE: mote.conv {{.*}}activation = #mote.activation<relu>
// MOTE-NOT: mote.relu

// LINALG: linalg.conv_2d_nchw_fchw
// LINALG-NOT: {{mote\.[a-z_]+ %}}

module {
  func.func @main(%x: tensor<1x1x4x4xf32> {mote.name = "image"})
      -> (tensor<1x2x4x4xf32> {mote.name = "features"}) {
    %w = arith.constant dense<[[[[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]]],
                               [[[0.0, 0.25, 0.0], [0.25, 1.0, 0.25], [0.0, 0.25, 0.0]]]]> : tensor<2x1x3x3xf32>
    %b = arith.constant dense<[0.5, -1.0]> : tensor<2xf32>
    %c = mote.conv %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x1x4x4xf32>, tensor<2x1x3x3xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
    %r = mote.relu %c : tensor<1x2x4x4xf32>
    return %r : tensor<1x2x4x4xf32>
  }
}
