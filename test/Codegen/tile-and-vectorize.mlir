// mote-tile-and-vectorize on buffers: convolutions and constant-weight
// matmuls become loops around a register-blocked vector.fma kernel over
// weights packed at compile time; everything else is left alone.
//
// RUN: mote-opt %s --split-input-file --mote-tile-and-vectorize="vector-width=16 vector-registers=32" | FileCheck %s
// RUN: mote-opt %s --split-input-file --mote-tile-and-vectorize="vector-width=4 vector-registers=16" | FileCheck %s --check-prefix=NARROW
// Without SIMD the pass does nothing.
// RUN: mote-opt %s --split-input-file --mote-tile-and-vectorize | FileCheck %s --check-prefix=SCALAR

// A 3x3 stride-2 convolution, 3 -> 37 channels, output rows of 5 pixels.
// The weights are packed into [channel blocks][ci][kh][kw][block] and the
// original constant, now unused, is dropped.
// CHECK-LABEL: memref.global "private" constant @conv_weights_packed : memref<{{[0-9]+}}x3x3x3x{{16|32|48|64}}xf32> = dense_resource<conv_weights_packed>
// CHECK-NOT:   memref.global "private" constant @conv_weights :
// CHECK-LABEL: func.func @conv
// CHECK:         memref.get_global @conv_weights_packed
// Batch and output-row loops around the kernel.
// CHECK:         scf.for
// CHECK:           scf.for
// The reduction over input channels carries the accumulators...
// CHECK:             scf.for {{.*}} iter_args({{.*}}) -> (vector<16xf32>
// ...and over kernel rows; kernel columns are unrolled.
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
memref.global "private" constant @conv_weights : memref<37x3x3x3xf32> = dense<0.5>
func.func @conv(%input: memref<1x3x9x11xf32>, %output: memref<1x37x4x5xf32>) {
  %weights = memref.get_global @conv_weights : memref<37x3x3x3xf32>
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%input, %weights : memref<1x3x9x11xf32>, memref<37x3x3x3xf32>)
    outs(%output : memref<1x37x4x5xf32>)
  return
}

// -----

// A matmul with a constant right-hand side (a fully connected layer): the
// columns are vectorized, full vectors of the output row move with one
// vector load/store, and the packed block is zero-padded past column 20.
// CHECK-LABEL: memref.global "private" constant @fc_weights_packed : memref<1x3x1x1x32xf32>
// CHECK-LABEL: func.func @fc
// CHECK:         vector.load %arg2{{.*}} : memref<2x20xf32>, vector<16xf32>
// CHECK:         scf.for {{.*}} iter_args
// CHECK:           vector.fma
// CHECK:         vector.store {{.*}}, %arg2{{.*}} : memref<2x20xf32>, vector<16xf32>
// The four columns of the last, partial vector go one by one.
// CHECK-COUNT-4: memref.store {{.*}}, %arg2
// CHECK-NOT:     linalg.matmul
memref.global "private" constant @fc_weights : memref<3x20xf32> = dense<1.0>
func.func @fc(%lhs: memref<2x3xf32>, %unused: memref<2x3xf32>, %output: memref<2x20xf32>) {
  %weights = memref.get_global @fc_weights : memref<3x20xf32>
  linalg.matmul ins(%lhs, %weights : memref<2x3xf32>, memref<3x20xf32>)
                outs(%output : memref<2x20xf32>)
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
