// mote-tile-and-vectorize folds the elementwise linalg.generic that consumes
// a kernel's output (ReLU, the residual Add, ...) into the kernel's store,
// but only when the arena plan makes the earlier writes safe; and it packs
// the transposed right-hand side of Gemm(transB = 1) matmuls.
//
// The convolutions here are small enough for the row kernel; CHECK and
// NOFUSE pin the channel kernel, ROW checks the row kernel's fused store.
// RUN: mote-opt %s --split-input-file --mote-tile-and-vectorize="vector-width=16 vector-registers=32 row-kernel=false" | FileCheck %s
// RUN: mote-opt %s --split-input-file --mote-tile-and-vectorize="vector-width=16 vector-registers=32 row-kernel=false fuse-epilogues=false" | FileCheck %s --check-prefix=NOFUSE
// RUN: mote-opt %s --split-input-file --mote-tile-and-vectorize="vector-width=16 vector-registers=32" | FileCheck %s --check-prefix=ROW

// ReLU in place on the conv's output: the max runs on the accumulator
// vectors, the output is stored once, and the generic is gone.
// The max takes the reduction loop's results (%N#i) directly. (Unfused,
// the kernel stores the raw result and a separate loop, scalar or
// vectorized, applies the max afterwards.)
// CHECK-LABEL: func.func @conv_relu_in_place
// CHECK:         %[[OUT:.*]] = memref.view %arg0[%c512{{.*}}] : memref<4096xi8> to memref<1x4x4x4xf32>
// CHECK:         scf.for {{.*}} iter_args({{.*}}) -> (vector<16xf32>
// CHECK:           vector.fma
// CHECK:         arith.maximumf %{{[0-9]+}}#{{[0-9]+}}, {{.*}} : vector<16xf32>
// CHECK:         memref.store {{.*}}, %[[OUT]]
// CHECK-NOT:     linalg.generic
// CHECK:       return
// The row kernel: the 4-pixel rows are one masked vector per channel.
// ROW-LABEL: func.func @conv_relu_in_place
// ROW:         %[[OUT:.*]] = memref.view %arg0[%c512{{.*}}] : memref<4096xi8> to memref<1x4x4x4xf32>
// ROW:         vector.maskedload %[[OUT]]
// ROW:         vector.fma
// ROW:         arith.maximumf {{.*}} : vector<16xf32>
// ROW:         vector.maskedstore %[[OUT]]
// ROW-NOT:     linalg.generic
// ROW:       return
// NOFUSE-LABEL: func.func @conv_relu_in_place
// NOFUSE:         %[[OUT:.*]] = memref.view %arg0[%c512{{.*}}] : memref<4096xi8> to memref<1x4x4x4xf32>
// NOFUSE:         vector.fma
// NOFUSE-NOT:     arith.maximumf
// NOFUSE:         memref.store {{.*}}, %[[OUT]]
// NOFUSE:         arith.maximumf
memref.global "private" constant @w0 : memref<4x3x3x3xf32> = dense<0.5>
func.func @conv_relu_in_place(%arena: memref<4096xi8>) {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %c512 = arith.constant 512 : index
  %input = memref.view %arena[%c0][] : memref<4096xi8> to memref<1x3x6x6xf32>
  %weights = memref.get_global @w0 : memref<4x3x3x3xf32>
  %output = memref.view %arena[%c512][] : memref<4096xi8> to memref<1x4x4x4xf32>
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
    ins(%input, %weights : memref<1x3x6x6xf32>, memref<4x3x3x3xf32>)
    outs(%output : memref<1x4x4x4xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                  iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%output : memref<1x4x4x4xf32>) outs(%output : memref<1x4x4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %relu = arith.maximumf %in, %zero : f32
    linalg.yield %relu : f32
  }
  return
}

// -----

// The ResNet pattern: Add(conv, residual) + ReLU into a second view at the
// conv output's offset (the planner's in-place output). The residual is
// read at the stored elements; the result goes to the generic's output.
// CHECK-LABEL: func.func @residual_add_relu
// CHECK:         %[[RESIDUAL:.*]] = memref.view %arg0[%c1024{{.*}}] : memref<4096xi8> to memref<1x4x4x4xf32>
// CHECK:         memref.view %arg0[%c512][] : memref<4096xi8> to memref<1x4x4x4xf32>
// CHECK:         %[[SUM:.*]] = memref.view %arg0[%c512_{{[0-9]+}}][] : memref<4096xi8> to memref<1x4x4x4xf32>
// CHECK:         vector.fma
// CHECK:         memref.load %[[RESIDUAL]]
// CHECK:         %[[ADD:.*]] = arith.addf %{{[0-9]+}}#{{[0-9]+}}, {{.*}} : vector<16xf32>
// CHECK:         arith.maximumf %[[ADD]], {{.*}} : vector<16xf32>
// CHECK:         memref.store {{.*}}, %[[SUM]]
// CHECK-NOT:     linalg.generic
// CHECK:       return
// ROW-LABEL: func.func @residual_add_relu
// ROW:         %[[RESIDUAL:.*]] = memref.view %arg0[%c1024{{.*}}] : memref<4096xi8> to memref<1x4x4x4xf32>
// ROW:         %[[SUM:.*]] = memref.view %arg0[%c512_{{[0-9]+}}][] : memref<4096xi8> to memref<1x4x4x4xf32>
// ROW:         vector.fma
// ROW:         vector.maskedload %[[RESIDUAL]]
// ROW:         %[[ADD:.*]] = arith.addf {{.*}} : vector<16xf32>
// ROW:         arith.maximumf %[[ADD]], {{.*}} : vector<16xf32>
// ROW:         vector.maskedstore %[[SUM]]
// ROW-NOT:     linalg.generic
// NOFUSE-LABEL: func.func @residual_add_relu
// NOFUSE:         %[[OUT:.*]] = memref.view %arg0[%c512{{.*}}] : memref<4096xi8> to memref<1x4x4x4xf32>
// NOFUSE:         vector.fma
// NOFUSE-NOT:     arith.addf
// NOFUSE:         memref.store {{.*}}, %[[OUT]]
// NOFUSE:         arith.addf
memref.global "private" constant @w1 : memref<4x3x3x3xf32> = dense<0.5>
func.func @residual_add_relu(%arena: memref<4096xi8>) {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %c512 = arith.constant 512 : index
  %c1024 = arith.constant 1024 : index
  %input = memref.view %arena[%c0][] : memref<4096xi8> to memref<1x3x6x6xf32>
  %residual = memref.view %arena[%c1024][] : memref<4096xi8> to memref<1x4x4x4xf32>
  %weights = memref.get_global @w1 : memref<4x3x3x3xf32>
  %output = memref.view %arena[%c512][] : memref<4096xi8> to memref<1x4x4x4xf32>
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
    ins(%input, %weights : memref<1x3x6x6xf32>, memref<4x3x3x3xf32>)
    outs(%output : memref<1x4x4x4xf32>)
  %c512_0 = arith.constant 512 : index
  %sum = memref.view %arena[%c512_0][] : memref<4096xi8> to memref<1x4x4x4xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                  iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%output, %residual : memref<1x4x4x4xf32>, memref<1x4x4x4xf32>) outs(%sum : memref<1x4x4x4xf32>) {
  ^bb0(%in: f32, %in_1: f32, %out: f32):
    %add = arith.addf %in, %in_1 : f32
    %relu = arith.maximumf %add, %zero : f32
    linalg.yield %relu : f32
  }
  return
}

// -----

// The planner put the ReLU's output over the conv's input (dead after the
// conv when unfused): fused, the first stores would clobber input rows the
// later blocks still read, so the generic stays.
// (Unfused, the kernel stores into its own output, which a fused kernel
// never does when the consumer writes elsewhere.)
// CHECK-LABEL: func.func @output_over_kernel_input
// CHECK:         %[[OUT:.*]] = memref.view %arg0[%c512{{.*}}] : memref<4096xi8> to memref<1x4x4x4xf32>
// CHECK:         vector.fma
// CHECK-NOT:     arith.maximumf
// CHECK:         memref.store {{.*}}, %[[OUT]]
// CHECK:         arith.maximumf
memref.global "private" constant @w2 : memref<4x3x3x3xf32> = dense<0.5>
func.func @output_over_kernel_input(%arena: memref<4096xi8>) {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %c512 = arith.constant 512 : index
  %input = memref.view %arena[%c0][] : memref<4096xi8> to memref<1x3x6x6xf32>
  %weights = memref.get_global @w2 : memref<4x3x3x3xf32>
  %output = memref.view %arena[%c512][] : memref<4096xi8> to memref<1x4x4x4xf32>
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
    ins(%input, %weights : memref<1x3x6x6xf32>, memref<4x3x3x3xf32>)
    outs(%output : memref<1x4x4x4xf32>)
  %c0_0 = arith.constant 0 : index
  %relu_out = memref.view %arena[%c0_0][] : memref<4096xi8> to memref<1x4x4x4xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                  iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%output : memref<1x4x4x4xf32>) outs(%relu_out : memref<1x4x4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %relu = arith.maximumf %in, %zero : f32
    linalg.yield %relu : f32
  }
  return
}

// -----

// The raw conv result is read again after the ReLU (it feeds two layers):
// the fused kernel would no longer store it, so the generic stays.
// CHECK-LABEL: func.func @raw_result_read_later
// CHECK:         %[[OUT:.*]] = memref.view %arg0[%c512{{.*}}] : memref<4096xi8> to memref<1x4x4x4xf32>
// CHECK:         vector.fma
// CHECK-NOT:     arith.maximumf
// CHECK:         memref.store {{.*}}, %[[OUT]]
// CHECK:         arith.maximumf
// CHECK:         memref.copy %[[OUT]]
memref.global "private" constant @w3 : memref<4x3x3x3xf32> = dense<0.5>
func.func @raw_result_read_later(%arena: memref<4096xi8>, %other: memref<1x4x4x4xf32>) {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %c512 = arith.constant 512 : index
  %c1024 = arith.constant 1024 : index
  %input = memref.view %arena[%c0][] : memref<4096xi8> to memref<1x3x6x6xf32>
  %weights = memref.get_global @w3 : memref<4x3x3x3xf32>
  %output = memref.view %arena[%c512][] : memref<4096xi8> to memref<1x4x4x4xf32>
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
    ins(%input, %weights : memref<1x3x6x6xf32>, memref<4x3x3x3xf32>)
    outs(%output : memref<1x4x4x4xf32>)
  %relu_out = memref.view %arena[%c1024][] : memref<4096xi8> to memref<1x4x4x4xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                  iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%output : memref<1x4x4x4xf32>) outs(%relu_out : memref<1x4x4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %relu = arith.maximumf %in, %zero : f32
    linalg.yield %relu : f32
  }
  memref.copy %output, %other : memref<1x4x4x4xf32> to memref<1x4x4x4xf32>
  return
}

// -----

// Bufferization uses the model's output argument as scratch: the conv
// writes it, the ReLU copies it into the arena, and the next layer's bias
// overwrites it before anything reads it. That overwrite ends the raw
// result's life, so the ReLU fuses. Without the overwrite, the caller
// reads the argument: no fusion.
// CHECK-LABEL: func.func @scratch_output_overwritten
// CHECK:         %[[RELU:.*]] = memref.view %arg0[%c512{{.*}}] : memref<4096xi8> to memref<1x4x4x4xf32>
// CHECK-NOT:     memref.store {{.*}}, %arg1
// CHECK:         arith.maximumf %{{[0-9]+}}#{{[0-9]+}}, {{.*}} : vector<16xf32>
// CHECK-NOT:     memref.store {{.*}}, %arg1
// CHECK:         memref.store {{.*}}, %[[RELU]]
// CHECK:       return
// CHECK-LABEL: func.func @output_read_by_caller
// CHECK:         vector.fma
// CHECK-NOT:     arith.maximumf
// CHECK:         memref.store {{.*}}, %arg1
// CHECK:         arith.maximumf
memref.global "private" constant @w4 : memref<4x3x3x3xf32> = dense<0.5>
memref.global "private" constant @b4 : memref<4xf32> = dense<1.0>
func.func @scratch_output_overwritten(%arena: memref<4096xi8>, %result: memref<1x4x4x4xf32>) {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %c512 = arith.constant 512 : index
  %input = memref.view %arena[%c0][] : memref<4096xi8> to memref<1x3x6x6xf32>
  %weights = memref.get_global @w4 : memref<4x3x3x3xf32>
  %bias = memref.get_global @b4 : memref<4xf32>
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
    ins(%input, %weights : memref<1x3x6x6xf32>, memref<4x3x3x3xf32>)
    outs(%result : memref<1x4x4x4xf32>)
  %relu_out = memref.view %arena[%c512][] : memref<4096xi8> to memref<1x4x4x4xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                  iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%result : memref<1x4x4x4xf32>) outs(%relu_out : memref<1x4x4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %relu = arith.maximumf %in, %zero : f32
    linalg.yield %relu : f32
  }
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d1)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                  iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%bias : memref<4xf32>) outs(%result : memref<1x4x4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  return
}
func.func @output_read_by_caller(%arena: memref<4096xi8>, %result: memref<1x4x4x4xf32>) {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %c512 = arith.constant 512 : index
  %input = memref.view %arena[%c0][] : memref<4096xi8> to memref<1x3x6x6xf32>
  %weights = memref.get_global @w4 : memref<4x3x3x3xf32>
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
    ins(%input, %weights : memref<1x3x6x6xf32>, memref<4x3x3x3xf32>)
    outs(%result : memref<1x4x4x4xf32>)
  %relu_out = memref.view %arena[%c512][] : memref<4096xi8> to memref<1x4x4x4xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                  iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%result : memref<1x4x4x4xf32>) outs(%relu_out : memref<1x4x4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %relu = arith.maximumf %in, %zero : f32
    linalg.yield %relu : f32
  }
  return
}

// -----

// A fully connected layer as torch exports it (Gemm transB = 1): the
// right-hand side is read as [n, k], packed like the default layout into
// [column blocks][k][1][1][block] (37 columns: one block of three vectors,
// zero-padded to 48), and the kernel is the same vector.fma kernel. Its
// HardSigmoid-like epilogue has a constant inside the body, which becomes a
// vector constant; full vectors of the row are stored with vector.store.
// CHECK-LABEL: memref.global "private" constant @fc_weights_packed : memref<1x1x40x1x48xf32>
// CHECK-LABEL: func.func @fc_transposed
// CHECK:         memref.get_global @fc_weights_packed
// CHECK:         scf.for {{.*}} iter_args({{.*}}) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>)
// CHECK:           vector.fma
// CHECK:         arith.constant dense<5.000000e-01> : vector<16xf32>
// CHECK:         arith.mulf %{{[0-9]+}}#{{[0-9]+}}, {{.*}} : vector<16xf32>
// CHECK:         arith.minimumf {{.*}} : vector<16xf32>
// CHECK:         vector.store {{.*}}, %arg1[{{.*}}] : memref<1x37xf32>, vector<16xf32>
// CHECK-NOT:     linalg.matmul
// CHECK-NOT:     linalg.generic
// CHECK:       return
// NOFUSE-LABEL: func.func @fc_transposed
// NOFUSE:         vector.fma
// NOFUSE-NOT:     arith.mulf
// NOFUSE:         vector.store {{.*}}, %arg1
// NOFUSE:         arith.mulf
memref.global "private" constant @fc_weights : memref<37x40xf32> = dense<0.25>
func.func @fc_transposed(%lhs: memref<1x40xf32>, %output: memref<1x37xf32>) {
  %one = arith.constant 1.0 : f32
  %weights = memref.get_global @fc_weights : memref<37x40xf32>
  linalg.matmul indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1)>]
    ins(%lhs, %weights : memref<1x40xf32>, memref<37x40xf32>)
    outs(%output : memref<1x37xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
    ins(%output : memref<1x37xf32>) outs(%output : memref<1x37xf32>) {
  ^bb0(%in: f32, %out: f32):
    %half = arith.constant 0.5 : f32
    %scaled = arith.mulf %in, %half : f32
    %clipped = arith.minimumf %scaled, %one : f32
    linalg.yield %clipped : f32
  }
  return
}

// -----

// The bias broadcast right before the kernel: the accumulators start from
// vector loads of the constant bias instead of gathering the output the
// broadcast filled, and the broadcast is gone.
// CHECK-LABEL: func.func @conv_bias_prologue
// CHECK:         %[[BIAS:.*]] = memref.get_global @b5 : memref<16xf32>
// CHECK:         %[[OUT:.*]] = memref.view %arg0[%c512{{.*}}] : memref<4096xi8> to memref<1x16x4x4xf32>
// CHECK-NOT:     linalg.generic
// CHECK-NOT:     memref.load %[[OUT]]
// CHECK:         vector.load %[[BIAS]][{{.*}}] : memref<16xf32>, vector<16xf32>
// CHECK-NOT:     memref.load %[[OUT]]
// CHECK:         scf.for {{.*}} iter_args({{.*}}) -> (vector<16xf32>
// CHECK:           vector.fma
// CHECK-NOT:     linalg.generic
// CHECK:       return
// NOFUSE-LABEL: func.func @conv_bias_prologue
// NOFUSE:         %[[OUT:.*]] = memref.view %arg0[%c512{{.*}}] : memref<4096xi8> to memref<1x16x4x4xf32>
// NOFUSE:         memref.load %[[OUT]]
// NOFUSE:         scf.for {{.*}} iter_args({{.*}}) -> (vector<16xf32>
memref.global "private" constant @w5 : memref<16x3x3x3xf32> = dense<0.5>
memref.global "private" constant @b5 : memref<16xf32> = dense<2.0>
func.func @conv_bias_prologue(%arena: memref<4096xi8>) {
  %c0 = arith.constant 0 : index
  %c512 = arith.constant 512 : index
  %input = memref.view %arena[%c0][] : memref<4096xi8> to memref<1x3x6x6xf32>
  %weights = memref.get_global @w5 : memref<16x3x3x3xf32>
  %bias = memref.get_global @b5 : memref<16xf32>
  %output = memref.view %arena[%c512][] : memref<4096xi8> to memref<1x16x4x4xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d1)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                  iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%bias : memref<16xf32>) outs(%output : memref<1x16x4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
    ins(%input, %weights : memref<1x3x6x6xf32>, memref<16x3x3x3xf32>)
    outs(%output : memref<1x16x4x4xf32>)
  return
}

// -----

// A chain of batch-1 fully connected layers: the planner put the ReLU's
// output over the matmul's input (dead after it). With 16 columns the
// kernel is a single accumulator block that reads all of its input before
// its first store, so the ReLU still fuses. With 300 columns (more than
// one block of at most 16 vectors) the later blocks would read the
// clobbered input: no fusion.
// CHECK-LABEL: func.func @gemv_output_over_input
// CHECK:         %[[RELU:.*]] = memref.view %arg0[%c0_{{[0-9]+}}][] : memref<4096xi8> to memref<1x16xf32>
// CHECK:         vector.fma
// CHECK:         arith.maximumf %{{[0-9]+}}, {{.*}} : vector<16xf32>
// CHECK:         vector.store {{.*}}, %[[RELU]][
// CHECK-NOT:     linalg.generic
// CHECK:       return
memref.global "private" constant @fc16 : memref<16x40xf32> = dense<0.25>
memref.global "private" constant @fc300 : memref<300x40xf32> = dense<0.25>
func.func @gemv_output_over_input(%arena: memref<4096xi8>) {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %c512 = arith.constant 512 : index
  %input = memref.view %arena[%c0][] : memref<4096xi8> to memref<1x40xf32>
  %weights = memref.get_global @fc16 : memref<16x40xf32>
  %output = memref.view %arena[%c512][] : memref<4096xi8> to memref<1x16xf32>
  linalg.matmul indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1)>]
    ins(%input, %weights : memref<1x40xf32>, memref<16x40xf32>)
    outs(%output : memref<1x16xf32>)
  %c0_0 = arith.constant 0 : index
  %relu_out = memref.view %arena[%c0_0][] : memref<4096xi8> to memref<1x16xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
    ins(%output : memref<1x16xf32>) outs(%relu_out : memref<1x16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %relu = arith.maximumf %in, %zero : f32
    linalg.yield %relu : f32
  }
  return
}
// CHECK-LABEL: func.func @gemv_blocks_output_over_input
// CHECK:         %[[OUT:.*]] = memref.view %arg0[%c1280][] : memref<4096xi8> to memref<1x300xf32>
// CHECK:         vector.fma
// CHECK-NOT:     arith.maximumf
// CHECK:         vector.store {{.*}}, %[[OUT]][
// CHECK:         arith.maximumf
func.func @gemv_blocks_output_over_input(%arena: memref<4096xi8>) {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %c1280 = arith.constant 1280 : index
  %input = memref.view %arena[%c0][] : memref<4096xi8> to memref<1x40xf32>
  %weights = memref.get_global @fc300 : memref<300x40xf32>
  %output = memref.view %arena[%c1280][] : memref<4096xi8> to memref<1x300xf32>
  linalg.matmul indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1)>]
    ins(%input, %weights : memref<1x40xf32>, memref<300x40xf32>)
    outs(%output : memref<1x300xf32>)
  %c0_0 = arith.constant 0 : index
  %relu_out = memref.view %arena[%c0_0][] : memref<4096xi8> to memref<1x300xf32>
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
    ins(%output : memref<1x300xf32>) outs(%relu_out : memref<1x300xf32>) {
  ^bb0(%in: f32, %out: f32):
    %relu = arith.maximumf %in, %zero : f32
    linalg.yield %relu : f32
  }
  return
}
