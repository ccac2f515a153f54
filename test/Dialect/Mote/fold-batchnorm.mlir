// RUN: mote-opt %s -mote-fold-batchnorm -split-input-file | FileCheck %s

// Shared statistics: epsilon = 1, so factor = scale / sqrt(var + 1) =
// [2 / 2, 0.5 / 1] = [1, 0.5] and shift = bias - mean * factor =
// [0.5 - 1, 1 - 1] = [-0.5, 0].

// New weights: output channel 1 is halved. New bias: b * factor + shift =
// [1 - 0.5, -0.5 + 0].
// CHECK-LABEL: func.func @conv
// CHECK-DAG: %[[W:.*]] = arith.constant dense<{{\[\[\[\[}}1.000000e+00]], {{\[\[}}2.000000e+00]]], {{\[\[\[}}1.500000e+00]], {{\[\[}}2.000000e+00]]]]> : tensor<2x2x1x1xf32>
// CHECK-DAG: %[[B:.*]] = arith.constant dense<[5.000000e-01, -5.000000e-01]> : tensor<2xf32>
// CHECK: %[[C:.*]] = mote.conv %arg0, %[[W]], %[[B]]
// CHECK-NOT: mote.batch_norm
// CHECK: return %[[C]]
func.func @conv(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = arith.constant dense<[[[[1.0]], [[2.0]]], [[[3.0]], [[4.0]]]]> : tensor<2x2x1x1xf32>
  %b = arith.constant dense<[1.0, -1.0]> : tensor<2xf32>
  %scale = arith.constant dense<[2.0, 0.5]> : tensor<2xf32>
  %bias = arith.constant dense<[0.5, 1.0]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %0 = mote.conv %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}
      : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  %1 = mote.batch_norm %0, %scale, %bias, %mean, %var {epsilon = 1.0 : f32}
      : (tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  return %1 : tensor<1x2x3x3xf32>
}

// -----

// The same conv with its weights [1, 2, 3, 4] in a resource blob: the pass
// reads blobs as well as dense constants.
// CHECK-LABEL: func.func @conv_resource_weights
// CHECK-DAG: %[[W:.*]] = arith.constant dense<{{\[\[\[\[}}1.000000e+00]], {{\[\[}}2.000000e+00]]], {{\[\[\[}}1.500000e+00]], {{\[\[}}2.000000e+00]]]]> : tensor<2x2x1x1xf32>
// CHECK-DAG: %[[B:.*]] = arith.constant dense<[5.000000e-01, -5.000000e-01]> : tensor<2xf32>
// CHECK: mote.conv %arg0, %[[W]], %[[B]]
// CHECK-NOT: mote.batch_norm
func.func @conv_resource_weights(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = arith.constant dense_resource<conv_weights> : tensor<2x2x1x1xf32>
  %b = arith.constant dense<[1.0, -1.0]> : tensor<2xf32>
  %scale = arith.constant dense<[2.0, 0.5]> : tensor<2xf32>
  %bias = arith.constant dense<[0.5, 1.0]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %0 = mote.conv %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}
      : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  %1 = mote.batch_norm %0, %scale, %bias, %mean, %var {epsilon = 1.0 : f32}
      : (tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  return %1 : tensor<1x2x3x3xf32>
}

{-#
  dialect_resources: {
    builtin: {
      conv_weights: "0x040000000000803F000000400000404000008040"
    }
  }
#-}

// -----

// Depthwise (group = 2) without bias: weights [2, 4] * [1, 0.5] are both 2,
// the bias becomes the shift.
// CHECK-LABEL: func.func @depthwise
// CHECK-DAG: %[[W:.*]] = arith.constant dense<2.000000e+00> : tensor<2x1x1x1xf32>
// CHECK-DAG: %[[B:.*]] = arith.constant dense<[-5.000000e-01, 0.000000e+00]> : tensor<2xf32>
// CHECK: mote.conv %arg0, %[[W]], %[[B]] {{.*}}group = 2 : i64
// CHECK-NOT: mote.batch_norm
func.func @depthwise(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = arith.constant dense<[[[[2.0]]], [[[4.0]]]]> : tensor<2x1x1x1xf32>
  %scale = arith.constant dense<[2.0, 0.5]> : tensor<2xf32>
  %bias = arith.constant dense<[0.5, 1.0]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %0 = mote.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64}
      : (tensor<1x2x3x3xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x3x3xf32>
  %1 = mote.batch_norm %0, %scale, %bias, %mean, %var {epsilon = 1.0 : f32}
      : (tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  return %1 : tensor<1x2x3x3xf32>
}

// -----

// Gemm with trans_b: rows of b are output channels. beta * c = [2, -2]
// becomes c' = [2 * 1 - 0.5, -2 * 0.5 + 0] with beta = 1.
// CHECK-LABEL: func.func @gemm_trans_b
// CHECK-DAG: %[[B:.*]] = arith.constant dense<{{\[}}[1.000000e+00, 2.000000e+00], [1.500000e+00, 2.000000e+00]]> : tensor<2x2xf32>
// CHECK-DAG: %[[C:.*]] = arith.constant dense<[1.500000e+00, -1.000000e+00]> : tensor<2xf32>
// CHECK: mote.gemm %arg0, %[[B]], %[[C]] {alpha = 3.000000e+00 : f32, trans_b = true}
// CHECK-NOT: mote.batch_norm
func.func @gemm_trans_b(%a: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %b = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %c = arith.constant dense<[1.0, -1.0]> : tensor<2xf32>
  %scale = arith.constant dense<[2.0, 0.5]> : tensor<2xf32>
  %bias = arith.constant dense<[0.5, 1.0]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %0 = mote.gemm %a, %b, %c {alpha = 3.0 : f32, beta = 2.0 : f32, trans_b = true}
      : (tensor<1x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  %1 = mote.batch_norm %0, %scale, %bias, %mean, %var {epsilon = 1.0 : f32}
      : (tensor<1x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  return %1 : tensor<1x2xf32>
}

// -----

// Gemm without trans_b and without c: columns of b are output channels.
// CHECK-LABEL: func.func @gemm
// CHECK-DAG: %[[B:.*]] = arith.constant dense<{{\[}}[1.000000e+00, 1.000000e+00], [3.000000e+00, 2.000000e+00]]> : tensor<2x2xf32>
// CHECK-DAG: %[[C:.*]] = arith.constant dense<[-5.000000e-01, 0.000000e+00]> : tensor<2xf32>
// CHECK: mote.gemm %arg0, %[[B]], %[[C]]
// CHECK-NOT: mote.batch_norm
func.func @gemm(%a: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %b = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %scale = arith.constant dense<[2.0, 0.5]> : tensor<2xf32>
  %bias = arith.constant dense<[0.5, 1.0]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %0 = mote.gemm %a, %b : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  %1 = mote.batch_norm %0, %scale, %bias, %mean, %var {epsilon = 1.0 : f32}
      : (tensor<1x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  return %1 : tensor<1x2xf32>
}

// -----

// CHECK-LABEL: func.func @matmul
// CHECK-DAG: %[[B:.*]] = arith.constant dense<{{\[}}[1.000000e+00, 1.000000e+00], [3.000000e+00, 2.000000e+00]]> : tensor<2x2xf32>
// CHECK-DAG: %[[BIAS:.*]] = arith.constant dense<[-5.000000e-01, 0.000000e+00]> : tensor<2xf32>
// CHECK: mote.matmul %arg0, %[[B]], %[[BIAS]]
// CHECK-NOT: mote.batch_norm
func.func @matmul(%a: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %b = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %scale = arith.constant dense<[2.0, 0.5]> : tensor<2xf32>
  %bias = arith.constant dense<[0.5, 1.0]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.0, 0.0]> : tensor<2xf32>
  %0 = mote.matmul %a, %b : (tensor<3x2xf32>, tensor<2x2xf32>) -> tensor<3x2xf32>
  %1 = mote.batch_norm %0, %scale, %bias, %mean, %var {epsilon = 1.0 : f32}
      : (tensor<3x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
  return %1 : tensor<3x2xf32>
}

// -----

// Large weights come out as a resource blob; statistics are the identity
// here, so only the storage changes.
// CHECK-LABEL: func.func @large_weights
// CHECK: %[[W:.*]] = arith.constant dense_resource<mote_bn_weight{{.*}}> : tensor<16x16x1x1xf32>
// CHECK: mote.conv %arg0, %[[W]], %{{.*}}
// CHECK-NOT: mote.batch_norm
func.func @large_weights(%x: tensor<1x16x2x2xf32>) -> tensor<1x16x2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<16x16x1x1xf32>
  %one = arith.constant dense<1.0> : tensor<16xf32>
  %zero = arith.constant dense<0.0> : tensor<16xf32>
  %0 = mote.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}
      : (tensor<1x16x2x2xf32>, tensor<16x16x1x1xf32>) -> tensor<1x16x2x2xf32>
  %1 = mote.batch_norm %0, %one, %zero, %zero, %one {epsilon = 0.0 : f32}
      : (tensor<1x16x2x2xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x2x2xf32>
  return %1 : tensor<1x16x2x2xf32>
}

// -----

// Not folded: the conv has another user, its weights are not constant, or it
// already applies an activation.
// CHECK-LABEL: func.func @not_folded
// CHECK-COUNT-3: mote.batch_norm
func.func @not_folded(%x: tensor<1x2x3x3xf32>, %wv: tensor<2x2x1x1xf32>)
    -> (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) {
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %s = arith.constant dense<1.0> : tensor<2xf32>
  %0 = mote.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}
      : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %1 = mote.batch_norm %0, %s, %s, %s, %s : (tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  %2 = mote.conv %x, %wv {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}
      : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %3 = mote.batch_norm %2, %s, %s, %s, %s : (tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  %4 = mote.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>,
      activation = #mote.activation<relu>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %5 = mote.batch_norm %4, %s, %s, %s, %s : (tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  return %0, %1, %3, %5 : tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>
}
