// mote-tile-and-vectorize on buffers: convolutions and constant-weight
// matmuls become loops around a register-blocked vector.fma kernel over
// weights packed at compile time; everything else is left alone.
//
// RUN: mote-opt %s --split-input-file --mote-tile-and-vectorize="vector-width=16 vector-registers=32" | FileCheck %s
// RUN: mote-opt %s --split-input-file --mote-tile-and-vectorize="vector-width=4 vector-registers=16" | FileCheck %s --check-prefix=NARROW
// RUN: mote-opt %s --split-input-file --mote-tile-and-vectorize="vector-width=16 vector-registers=32 row-kernel=false" | FileCheck %s --check-prefix=CHANNEL
// RUN: mote-opt %s --split-input-file --mote-tile-and-vectorize="vector-width=8 vector-registers=16" | FileCheck %s --check-prefix=ROWSOUTER
// RUN: mote-opt %s --split-input-file --mote-tile-and-vectorize="vector-width=8 vector-registers=16 weight-cache-bytes=4096" | FileCheck %s --check-prefix=CACHE
// Without SIMD the pass does nothing.
// RUN: mote-opt %s --split-input-file --mote-tile-and-vectorize | FileCheck %s --check-prefix=SCALAR

// A 3x3 stride-2 convolution, 5 -> 37 channels, output rows of 5 pixels.
// The weights are packed into [channel blocks][kh][ci][kw][block] and the
// original constant, now unused, is dropped.
// CHECK-LABEL: memref.global "private" constant @conv_weights_packed : memref<{{[0-9]+}}x3x5x3x{{16|32|48|64}}xf32> = dense_resource<conv_weights_packed>
// CHECK-NOT:   memref.global "private" constant @conv_weights :
// CHECK-LABEL: func.func @conv
// CHECK:         memref.get_global @conv_weights_packed
// Batch and output-row loops around the kernel.
// CHECK:         scf.for
// CHECK:           scf.for
// The reduction over kernel rows carries the accumulators...
// CHECK:             scf.for {{.*}} iter_args({{.*}}) -> (vector<16xf32>
// ...and, inside it, over input channels; kernel columns are unrolled.
// CHECK:               scf.for {{.*}} iter_args({{.*}}) -> (vector<16xf32>
// CHECK:                 vector.load {{.*}} : memref<{{.*}}xf32>, vector<16xf32>
// CHECK:                 memref.load
// CHECK:                 vector.broadcast {{.*}} : f32 to vector<16xf32>
// CHECK:                 vector.fma {{.*}} : vector<16xf32>
// CHECK-NOT:     linalg.conv_2d_nchw_fchw
// NARROW-LABEL: func.func @conv
// NARROW:         vector.fma {{.*}} : vector<4xf32>
// NARROW-NOT:     linalg.conv_2d_nchw_fchw
// SCALAR-LABEL: func.func @conv
// SCALAR:         linalg.conv_2d_nchw_fchw
// SCALAR-NOT:     vector.
memref.global "private" constant @conv_weights : memref<37x5x3x3xf32> = dense<0.5>
func.func @conv(%input: memref<1x5x9x11xf32>, %output: memref<1x37x4x5xf32>) {
  %weights = memref.get_global @conv_weights : memref<37x5x3x3xf32>
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%input, %weights : memref<1x5x9x11xf32>, memref<37x5x3x3xf32>)
    outs(%output : memref<1x37x4x5xf32>)
  return
}

// -----

// A matmul with a constant right-hand side (a fully connected layer): the
// columns are vectorized, full vectors of the output row move with one
// vector load/store, and the packed block is zero-padded past column 20.
// CHECK-LABEL: memref.global "private" constant @fc_weights_packed : memref<1x1x6x1x32xf32>
// CHECK-LABEL: func.func @fc
// CHECK:         vector.load %arg2{{.*}} : memref<2x20xf32>, vector<16xf32>
// CHECK:         scf.for {{.*}} iter_args
// CHECK:           vector.fma
// CHECK:         vector.store {{.*}}, %arg2{{.*}} : memref<2x20xf32>, vector<16xf32>
// The four columns of the last, partial vector go one by one.
// CHECK-COUNT-4: memref.store {{.*}}, %arg2
// CHECK-NOT:     linalg.matmul
memref.global "private" constant @fc_weights : memref<6x20xf32> = dense<1.0>
func.func @fc(%lhs: memref<2x6xf32>, %unused: memref<2x6xf32>, %output: memref<2x20xf32>) {
  %weights = memref.get_global @fc_weights : memref<6x20xf32>
  linalg.matmul ins(%lhs, %weights : memref<2x6xf32>, memref<6x20xf32>)
                outs(%output : memref<2x20xf32>)
  return
}

// -----

// Few output channels, long stride-1 rows: the row kernel. Blocks of 4
// channels times 3 row vectors (40 = 16 + 16 + 8, the last one masked);
// each step loads the input row vectors and broadcasts one packed weight
// per channel; the NCHW rows are stored a vector at a time.
// CHECK-LABEL: memref.global "private" constant @row_weights_packed : memref<2x3x6x3x4xf32>
// CHECK-LABEL: func.func @row_conv
// CHECK:         vector.maskedload %arg1
// CHECK:         scf.for {{.*}} iter_args
// CHECK:           scf.for {{.*}} iter_args
// CHECK:             vector.load %arg0{{.*}} : memref<1x6x4x42xf32>, vector<16xf32>
// CHECK:             vector.maskedload %arg0
// CHECK:             memref.load %{{.*}} : memref<2x3x6x3x4xf32>
// CHECK:             vector.broadcast {{.*}} : f32 to vector<16xf32>
// CHECK:             vector.fma
// CHECK:         vector.store {{.*}}, %arg1{{.*}} : memref<1x8x2x40xf32>, vector<16xf32>
// CHECK:         vector.maskedstore %arg1
// CHECK-NOT:     memref.store
// CHECK-NOT:     linalg.conv_2d_nchw_fchw
// With row-kernel=false the channel kernel stores lane by lane.
// CHANNEL-LABEL: func.func @row_conv
// CHANNEL-NOT:     vector.maskedstore
// CHANNEL:         memref.store {{.*}}, %arg1
// CHANNEL-NOT:     vector.maskedstore
memref.global "private" constant @row_weights : memref<8x6x3x3xf32> = dense<0.25>
func.func @row_conv(%input: memref<1x6x4x42xf32>, %output: memref<1x8x2x40xf32>) {
  %weights = memref.get_global @row_weights : memref<8x6x3x3xf32>
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%input, %weights : memref<1x6x4x42xf32>, memref<8x6x3x3xf32>)
    outs(%output : memref<1x8x2x40xf32>)
  return
}

// -----

// A first layer's 3 input channels are unrolled inside the kernel-row loop
// instead of looping three times; many channels and a short row keep the
// channel kernel even at stride 1.
// CHECK-LABEL: func.func @three_channels
// CHECK:         scf.for {{.*}} iter_args
// CHECK-NOT:       scf.for
// CHECK-COUNT-27:  vector.fma
// CHECK:         memref.store
// CHECK-NOT:     vector.maskedstore
memref.global "private" constant @stem_weights : memref<64x3x3x3xf32> = dense<0.25>
func.func @three_channels(%input: memref<1x3x3x9xf32>, %output: memref<1x64x1x7xf32>) {
  %weights = memref.get_global @stem_weights : memref<64x3x3x3xf32>
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%input, %weights : memref<1x3x3x9xf32>, memref<64x3x3x3xf32>)
    outs(%output : memref<1x64x1x7xf32>)
  return
}

// -----

// Cache blocking. With the default weight-cache-bytes the 9 KB of packed
// weights fit, and each of the 3 output rows loops over the 4 channel
// blocks; with weight-cache-bytes=4096 they do not, and each channel block
// loops over the rows, so its weights serve all of them.
// ROWSOUTER-LABEL: func.func @cache_blocked
// ROWSOUTER:         scf.for {{.*}} to %c1
// ROWSOUTER:           scf.for {{.*}} to %c3{{(_[0-9]+)?}} step %c1
// ROWSOUTER-NOT:         {{scf.for|vector\.}}
// ROWSOUTER:             scf.for {{.*}} to %c4{{(_[0-9]+)?}} step %c1
// CACHE-LABEL: func.func @cache_blocked
// CACHE:         scf.for {{.*}} to %c1
// CACHE:           scf.for {{.*}} to %c4{{(_[0-9]+)?}} step %c1
// CACHE-NOT:         {{scf.for|vector\.}}
// CACHE:             scf.for {{.*}} to %c3{{(_[0-9]+)?}} step %c1
memref.global "private" constant @wide_weights : memref<64x4x3x3xf32> = dense<0.5>
func.func @cache_blocked(%input: memref<1x4x7x9xf32>, %output: memref<1x64x3x4xf32>) {
  %weights = memref.get_global @wide_weights : memref<64x4x3x3xf32>
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%input, %weights : memref<1x4x7x9xf32>, memref<64x4x3x3xf32>)
    outs(%output : memref<1x64x3x4xf32>)
  return
}

// -----

// Matmuls of two activations have no weights to pack: left for the loops.
// CHECK-LABEL: func.func @activations
// CHECK:         linalg.matmul
// CHECK-NOT:     vector.fma
func.func @activations(%lhs: memref<4x8xf32>, %rhs: memref<8x16xf32>, %output: memref<4x16xf32>) {
  linalg.matmul ins(%lhs, %rhs : memref<4x8xf32>, memref<8x16xf32>)
                outs(%output : memref<4x16xf32>)
  return
}

// -----

// A 3x3 stride-1 depthwise convolution is vectorized along the output
// width: each channel is its own stencil, the scalar weight is broadcast and
// the input row is loaded as contiguous vectors. Output rows of 40 columns:
// one loop block of two 16-lane vectors, then an 8-lane tail vector; all
// three output rows in one block (six independent accumulators).
// CHECK-LABEL: func.func @depthwise
// Batch, channel, output-row-block and column-block loops.
// CHECK:         scf.for
// CHECK:           scf.for
// CHECK:             scf.for {{.*}} to %c3{{.*}} step %c3
// CHECK:               scf.for
// CHECK:                 vector.load %arg1{{.*}} : memref<1x3x3x40xf32>, vector<16xf32>
// The kernel rows carry the accumulators.
// CHECK:                 scf.for {{.*}} iter_args({{.*}}) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>)
// CHECK:                   memref.load %{{.*}} : memref<3x3x3xf32>
// CHECK:                   vector.broadcast {{.*}} : f32 to vector<16xf32>
// CHECK:                   vector.load %arg0{{.*}} : memref<1x3x5x42xf32>, vector<16xf32>
// CHECK:                   vector.fma {{.*}} : vector<16xf32>
// CHECK:                 vector.store {{.*}}, %arg1{{.*}} : memref<1x3x3x40xf32>, vector<16xf32>
// The tail vector.
// CHECK:               scf.for {{.*}} -> (vector<8xf32>, vector<8xf32>, vector<8xf32>)
// CHECK:                 vector.fma {{.*}} : vector<8xf32>
// CHECK:               vector.store {{.*}}, %arg1{{.*}} : memref<1x3x3x40xf32>, vector<8xf32>
// CHECK-NOT:     linalg.depthwise_conv_2d_nchw_chw
// NARROW-LABEL: func.func @depthwise
// NARROW:         vector.fma {{.*}} : vector<4xf32>
// NARROW-NOT:     linalg.depthwise_conv_2d_nchw_chw
// SCALAR-LABEL: func.func @depthwise
// SCALAR:         linalg.depthwise_conv_2d_nchw_chw
// SCALAR-NOT:     vector.
memref.global "private" constant @dw_weights : memref<3x3x3xf32> = dense<0.5>
func.func @depthwise(%input: memref<1x3x5x42xf32>, %output: memref<1x3x3x40xf32>) {
  %weights = memref.get_global @dw_weights : memref<3x3x3xf32>
  linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%input, %weights : memref<1x3x5x42xf32>, memref<3x3x3xf32>)
    outs(%output : memref<1x3x3x40xf32>)
  return
}

// -----

// Stride 2: full blocks load twice the columns and keep every second one
// with a shuffle; for the last 8 columns a 16-element load would read one
// element past the row, so they load exactly the 15 columns they use.
// The 4 output rows form one block.
// CHECK-LABEL: func.func @depthwise_stride2
// CHECK:         vector.load %arg0{{.*}} : memref<1x2x9x81xf32>, vector<32xf32>
// CHECK:         vector.shuffle {{.*}} [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30] : vector<32xf32>, vector<32xf32>
// CHECK:         vector.fma {{.*}} : vector<16xf32>
// CHECK:       scf.for {{.*}} -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>)
// CHECK:         vector.load %arg0{{.*}} : memref<1x2x9x81xf32>, vector<15xf32>
// CHECK:         vector.shuffle {{.*}} [0, 2, 4, 6, 8, 10, 12, 14] : vector<15xf32>, vector<15xf32>
// CHECK:         vector.fma {{.*}} : vector<8xf32>
// CHECK-NOT:     linalg.depthwise_conv_2d_nchw_chw
memref.global "private" constant @dw2_weights : memref<2x3x3xf32> = dense<0.25>
func.func @depthwise_stride2(%input: memref<1x2x9x81xf32>, %output: memref<1x2x4x40xf32>) {
  %weights = memref.get_global @dw2_weights : memref<2x3x3xf32>
  linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%input, %weights : memref<1x2x9x81xf32>, memref<2x3x3xf32>)
    outs(%output : memref<1x2x4x40xf32>)
  return
}
