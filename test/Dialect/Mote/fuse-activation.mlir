// RUN: mote-opt %s -mote-fuse-activation -split-input-file | FileCheck %s

// Bias [1, -1] plus the per-channel add [10, 20], then relu.
// CHECK-LABEL: func.func @conv_bias_relu
// CHECK: %[[B:.*]] = arith.constant dense<[1.100000e+01, 1.900000e+01]> : tensor<2xf32>
// CHECK: %[[C:.*]] = mote.conv %arg0, %arg1, %[[B]] {activation = #mote.activation<relu>,
// CHECK-NOT: mote.add
// CHECK-NOT: mote.relu
// CHECK: return %[[C]]
func.func @conv_bias_relu(%x: tensor<1x2x3x3xf32>, %w: tensor<2x2x1x1xf32>) -> tensor<1x2x3x3xf32> {
  %b = arith.constant dense<[1.0, -1.0]> : tensor<2xf32>
  %shift = arith.constant dense<[[[[10.0]], [[20.0]]]]> : tensor<1x2x1x1xf32>
  %0 = mote.conv %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}
      : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  %1 = mote.add %shift, %0 : (tensor<1x2x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %2 = mote.relu %1 : tensor<1x2x3x3xf32>
  return %2 : tensor<1x2x3x3xf32>
}

// -----

// A conv without bias gets one; [M, 1, 1] and scalar constants both count.
// CHECK-LABEL: func.func @conv_new_bias
// CHECK: %[[B:.*]] = arith.constant dense<[3.500000e+00, 4.500000e+00]> : tensor<2xf32>
// CHECK: mote.conv %arg0, %arg1, %[[B]] {activation = #mote.activation<clip>, activation_params = array<f32: 0.000000e+00, 6.000000e+00>
// CHECK-NOT: mote.add
// CHECK-NOT: mote.clip
func.func @conv_new_bias(%x: tensor<1x2x3x3xf32>, %w: tensor<2x2x1x1xf32>) -> tensor<1x2x3x3xf32> {
  %shift = arith.constant dense<[[[3.0]], [[4.0]]]> : tensor<2x1x1xf32>
  %half = arith.constant dense<0.5> : tensor<f32>
  %0 = mote.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}
      : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %1 = mote.add %0, %shift : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %2 = mote.add %1, %half : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  %3 = mote.clip %2 {min = 0.0, max = 6.0} : tensor<1x2x3x3xf32>
  return %3 : tensor<1x2x3x3xf32>
}

// -----

// Gemm: beta * c = 2 * [1, 2] plus [5, 6] is the new c, beta becomes 1.
// CHECK-LABEL: func.func @gemm
// CHECK: %[[C:.*]] = arith.constant dense<[7.000000e+00, 1.000000e+01]> : tensor<2xf32>
// CHECK: mote.gemm %arg0, %arg1, %[[C]] {activation = #mote.activation<leaky_relu>, activation_params = array<f32: 1.000000e-01>}
// CHECK-NOT: mote.add
// CHECK-NOT: mote.leaky_relu
func.func @gemm(%a: tensor<3x4xf32>, %b: tensor<4x2xf32>) -> tensor<3x2xf32> {
  %c = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %shift = arith.constant dense<[[5.0, 6.0]]> : tensor<1x2xf32>
  %0 = mote.gemm %a, %b, %c {beta = 2.0 : f32} : (tensor<3x4xf32>, tensor<4x2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
  %1 = mote.add %0, %shift : (tensor<3x2xf32>, tensor<1x2xf32>) -> tensor<3x2xf32>
  %2 = mote.leaky_relu %1 {alpha = 0.1 : f32} : tensor<3x2xf32>
  return %2 : tensor<3x2xf32>
}

// -----

// CHECK-LABEL: func.func @matmul
// CHECK: %[[B:.*]] = arith.constant dense<[1.000000e+00, 2.000000e+00, 3.000000e+00]> : tensor<3xf32>
// CHECK: mote.matmul %arg0, %arg1, %[[B]] {activation = #mote.activation<hard_sigmoid>, activation_params = array<f32: 2.000000e-01, 5.000000e-01>}
func.func @matmul(%a: tensor<2x5x4xf32>, %b: tensor<4x3xf32>) -> tensor<2x5x3xf32> {
  %shift = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %0 = mote.matmul %a, %b : (tensor<2x5x4xf32>, tensor<4x3xf32>) -> tensor<2x5x3xf32>
  %1 = mote.add %0, %shift : (tensor<2x5x3xf32>, tensor<3xf32>) -> tensor<2x5x3xf32>
  %2 = mote.hard_sigmoid %1 {alpha = 0.2 : f32, beta = 0.5 : f32} : tensor<2x5x3xf32>
  return %2 : tensor<2x5x3xf32>
}

// -----

// Each activation kind lands in the attribute.
// CHECK-LABEL: func.func @kinds
// CHECK: mote.conv {{.*}}activation = #mote.activation<sigmoid>
// CHECK: mote.conv {{.*}}activation = #mote.activation<tanh>
// CHECK: mote.conv {{.*}}activation = #mote.activation<hard_swish>
// CHECK-NOT: mote.sigmoid
// CHECK-NOT: mote.tanh
// CHECK-NOT: mote.hard_swish
func.func @kinds(%x: tensor<1x2x3x3xf32>, %w: tensor<2x2x1x1xf32>)
    -> (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) {
  %0 = mote.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}
      : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %1 = mote.sigmoid %0 : tensor<1x2x3x3xf32>
  %2 = mote.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}
      : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %3 = mote.tanh %2 : tensor<1x2x3x3xf32>
  %4 = mote.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}
      : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %5 = mote.hard_swish %4 : tensor<1x2x3x3xf32>
  return %1, %3, %5 : tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>
}

// -----

// Not fused: a constant that varies within a channel, a producer with two
// users, a second activation after the first, and an add on the wrong axis.
// CHECK-LABEL: func.func @not_fused
// CHECK: %[[C0:.*]] = mote.conv
// CHECK-NEXT: mote.add %[[C0]]
// CHECK: %[[C1:.*]] = mote.conv
// CHECK-NEXT: mote.relu %[[C1]]
// CHECK: mote.conv {{.*}}activation = #mote.activation<relu>
// CHECK-NEXT: mote.sigmoid
// CHECK: %[[G:.*]] = mote.gemm
// CHECK-NEXT: mote.add %[[G]]
func.func @not_fused(%x: tensor<1x2x3x3xf32>, %w: tensor<2x2x1x1xf32>, %a: tensor<2x2xf32>)
    -> (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<2x2xf32>) {
  %spatial = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %0 = mote.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}
      : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %1 = mote.add %0, %spatial : (tensor<1x2x3x3xf32>, tensor<3xf32>) -> tensor<1x2x3x3xf32>
  %2 = mote.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}
      : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %3 = mote.relu %2 : tensor<1x2x3x3xf32>
  %4 = mote.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}
      : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %5 = mote.relu %4 : tensor<1x2x3x3xf32>
  %6 = mote.sigmoid %5 : tensor<1x2x3x3xf32>
  %rows = arith.constant dense<[[1.0], [2.0]]> : tensor<2x1xf32>
  %7 = mote.gemm %a, %a : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>
  %8 = mote.add %7, %rows : (tensor<2x2xf32>, tensor<2x1xf32>) -> tensor<2x2xf32>
  return %1, %2, %3, %6, %8 : tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<2x2xf32>
}
