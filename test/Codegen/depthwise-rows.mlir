// RUN: mote-opt %s --split-input-file --mote-tile-and-vectorize="vector-width=16 vector-registers=32" | FileCheck %s
// RUN: mote-opt %s --split-input-file --mote-tile-and-vectorize="vector-width=8 vector-registers=16" | FileCheck %s --check-prefix=AVX2

// The depthwise kernel blocks output rows: on a 14-wide row (one vector)
// eight rows share each broadcast weight and give eight independent FMA
// chains; the 10 rows are one loop block of 8 rows, then a block of the
// remaining 2.
// CHECK-LABEL: func.func @narrow_rows
// CHECK:         scf.for {{.*}} to %c8{{.*}} step %c8
// CHECK:           scf.for {{.*}} iter_args({{.*}}) -> (vector<14xf32>, vector<14xf32>, vector<14xf32>, vector<14xf32>, vector<14xf32>, vector<14xf32>, vector<14xf32>, vector<14xf32>)
// CHECK-COUNT-3:     vector.broadcast {{.*}} : f32 to vector<14xf32>
// CHECK-NOT:         vector.broadcast
// CHECK:           }
// The last two rows.
// CHECK:         scf.for {{.*}} iter_args({{.*}}) -> (vector<14xf32>, vector<14xf32>)
// CHECK-NOT:     linalg.depthwise_conv_2d_nchw_chw
// With 16 registers and 8-lane vectors, a block is one vector wide (an
// 8-lane loop block, then a 6-lane tail) and seven rows high: each
// accumulator and its input vector need a register. Then the last 3 rows.
// AVX2-LABEL: func.func @narrow_rows
// AVX2:         scf.for {{.*}} to %c7{{.*}} step %c7
// AVX2:           iter_args({{.*}}) -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>)
// AVX2:         iter_args({{.*}}) -> (vector<6xf32>, vector<6xf32>, vector<6xf32>, vector<6xf32>, vector<6xf32>, vector<6xf32>, vector<6xf32>)
// AVX2:         iter_args({{.*}}) -> (vector<8xf32>, vector<8xf32>, vector<8xf32>)
// AVX2:         iter_args({{.*}}) -> (vector<6xf32>, vector<6xf32>, vector<6xf32>)
memref.global "private" constant @weights : memref<4x3x3xf32> = dense<0.5>
func.func @narrow_rows(%input: memref<1x4x12x16xf32>, %output: memref<1x4x10x14xf32>) {
  %weights = memref.get_global @weights : memref<4x3x3xf32>
  linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%input, %weights : memref<1x4x12x16xf32>, memref<4x3x3xf32>)
    outs(%output : memref<1x4x10x14xf32>)
  return
}
