// RUN: mote-opt %s | mote-opt | FileCheck %s
// RUN: mote-opt %s --mlir-print-op-generic | mote-opt | FileCheck %s

// Every mote op parses, verifies and prints back.

// CHECK-LABEL: func.func @unary
func.func @unary(%x: tensor<2x3xf32>, %i: tensor<2x3xi64>) -> tensor<2x3xf32> {
  // CHECK: mote.identity %{{.*}} : tensor<2x3xf32>
  %0 = mote.identity %x : tensor<2x3xf32>
  // CHECK: mote.relu
  %1 = mote.relu %0 : tensor<2x3xf32>
  // CHECK: mote.sigmoid
  %2 = mote.sigmoid %1 : tensor<2x3xf32>
  // CHECK: mote.tanh
  %3 = mote.tanh %2 : tensor<2x3xf32>
  // CHECK: mote.erf
  %4 = mote.erf %3 : tensor<2x3xf32>
  // CHECK: mote.exp
  %5 = mote.exp %4 : tensor<2x3xf32>
  // CHECK: mote.log
  %6 = mote.log %5 : tensor<2x3xf32>
  // CHECK: mote.sqrt
  %7 = mote.sqrt %6 : tensor<2x3xf32>
  // CHECK: mote.reciprocal
  %8 = mote.reciprocal %7 : tensor<2x3xf32>
  // CHECK: mote.neg
  %9 = mote.neg %8 : tensor<2x3xf32>
  // CHECK: mote.abs
  %10 = mote.abs %9 : tensor<2x3xf32>
  // CHECK: mote.hard_swish
  %11 = mote.hard_swish %10 : tensor<2x3xf32>
  // CHECK: mote.leaky_relu %{{.*}} {alpha = 1.000000e-01 : f32}
  %12 = mote.leaky_relu %11 {alpha = 0.1 : f32} : tensor<2x3xf32>
  // CHECK: mote.hard_sigmoid %{{.*}} {alpha = 2.000000e-01 : f32, beta = 5.000000e-01 : f32}
  %13 = mote.hard_sigmoid %12 {alpha = 0.2 : f32, beta = 0.5 : f32} : tensor<2x3xf32>
  // CHECK: mote.clip %{{.*}} {max = 6.000000e+00 : f64, min = 0.000000e+00 : f64}
  %14 = mote.clip %13 {min = 0.0, max = 6.0} : tensor<2x3xf32>
  // CHECK: mote.cast %{{.*}} : tensor<2x3xi64> to tensor<2x3xf32>
  %15 = mote.cast %i : tensor<2x3xi64> to tensor<2x3xf32>
  %16 = mote.add %14, %15 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %16 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @binary
func.func @binary(%a: tensor<2x1x4xf32>, %b: tensor<3x1xf32>) -> tensor<2x3x4xf32> {
  // CHECK: mote.add %{{.*}}, %{{.*}} : (tensor<2x1x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  %0 = mote.add %a, %b : (tensor<2x1x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  // CHECK: mote.sub
  %1 = mote.sub %0, %b : (tensor<2x3x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  // CHECK: mote.mul
  %2 = mote.mul %1, %a : (tensor<2x3x4xf32>, tensor<2x1x4xf32>) -> tensor<2x3x4xf32>
  // CHECK: mote.div
  %3 = mote.div %2, %a : (tensor<2x3x4xf32>, tensor<2x1x4xf32>) -> tensor<2x3x4xf32>
  // CHECK: mote.pow
  %4 = mote.pow %3, %b : (tensor<2x3x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  // CHECK: mote.max
  %5 = mote.max %4, %b : (tensor<2x3x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  // CHECK: mote.min
  %6 = mote.min %5, %b : (tensor<2x3x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  // CHECK: mote.equal {{.*}} -> tensor<2x3x4xi1>
  %7 = mote.equal %6, %b : (tensor<2x3x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xi1>
  // CHECK: mote.less {{.*}} -> tensor<2x3x4xi1>
  %8 = mote.less %6, %a : (tensor<2x3x4xf32>, tensor<2x1x4xf32>) -> tensor<2x3x4xi1>
  // CHECK: mote.greater {{.*}} -> tensor<2x3x4xi1>
  %9 = mote.greater %a, %b : (tensor<2x1x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xi1>
  // CHECK: mote.where %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x3x4xi1>, tensor<2x3x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  %10 = mote.where %7, %6, %b : (tensor<2x3x4xi1>, tensor<2x3x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  return %10 : tensor<2x3x4xf32>
}

// CHECK-LABEL: func.func @conv
func.func @conv(%x: tensor<1x4x9x9xf32>, %w: tensor<8x2x3x3xf32>, %b: tensor<8xf32>,
                %tw: tensor<8x3x2x2xf32>) -> (tensor<1x8x3x4xf32>, tensor<1x6x8x10xf32>) {
  // CHECK: mote.conv %{{.*}}, %{{.*}}, %{{.*}} {activation = #mote.activation<clip>, activation_params = array<f32: 0.000000e+00, 6.000000e+00>, dilations = array<i64: 2, 1>, group = 2 : i64, pads = array<i64: 1, 0, 0, 1>, strides = array<i64: 2, 2>}
  // CHECK-SAME: -> tensor<1x8x3x4xf32>
  %0 = mote.conv %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 0, 0, 1>,
      dilations = array<i64: 2, 1>, group = 2 : i64,
      activation = #mote.activation<clip>, activation_params = array<f32: 0.0, 6.0>}
      : (tensor<1x4x9x9xf32>, tensor<8x2x3x3xf32>, tensor<8xf32>) -> tensor<1x8x3x4xf32>
  // Height (9 + 1 + 0 - 2 * (3 - 1) - 1) / 2 + 1 = 3, width
  // (9 + 0 + 1 - (3 - 1) - 1) / 2 + 1 = 4. Transposed back: height
  // 2 * (3 - 1) + 1 + (2 - 1) * 2 + 1 = 8, width 2 * (4 - 1) + 1 + 3 = 10.
  // CHECK: mote.conv_transpose {{.*}}output_padding = array<i64: 1, 1>{{.*}} -> tensor<1x6x8x10xf32>
  %1 = mote.conv_transpose %0, %tw {strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>,
      dilations = array<i64: 2, 2>, output_padding = array<i64: 1, 1>, group = 2 : i64}
      : (tensor<1x8x3x4xf32>, tensor<8x3x2x2xf32>) -> tensor<1x6x8x10xf32>
  return %0, %1 : tensor<1x8x3x4xf32>, tensor<1x6x8x10xf32>
}

// CHECK-LABEL: func.func @products
func.func @products(%a: tensor<4x3xf32>, %b: tensor<5x3xf32>, %c: tensor<5xf32>,
                    %m: tensor<2x1x4x3xf32>, %n: tensor<6x3x7xf32>, %v: tensor<3xf32>)
    -> (tensor<4x5xf32>, tensor<2x6x4x7xf32>, tensor<4xf32>) {
  // CHECK: mote.gemm {{.*}}trans_b = true{{.*}} -> tensor<4x5xf32>
  %0 = mote.gemm %a, %b, %c {alpha = 2.0 : f32, beta = 0.5 : f32, trans_b = true,
      activation = #mote.activation<relu>} : (tensor<4x3xf32>, tensor<5x3xf32>, tensor<5xf32>) -> tensor<4x5xf32>
  // CHECK: mote.matmul {{.*}} -> tensor<2x6x4x7xf32>
  %1 = mote.matmul %m, %n : (tensor<2x1x4x3xf32>, tensor<6x3x7xf32>) -> tensor<2x6x4x7xf32>
  // CHECK: mote.matmul {{.*}} -> tensor<4xf32>
  %2 = mote.matmul %a, %v : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4xf32>
  return %0, %1, %2 : tensor<4x5xf32>, tensor<2x6x4x7xf32>, tensor<4xf32>
}

// CHECK-LABEL: func.func @normalization
func.func @normalization(%x: tensor<2x3x4xf32>, %s: tensor<3xf32>, %t: tensor<4xf32>)
    -> (tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>) {
  // CHECK: mote.batch_norm {{.*}}epsilon = 1.000000e-03 : f32
  %0 = mote.batch_norm %x, %s, %s, %s, %s {epsilon = 1.0e-3 : f32}
      : (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4xf32>
  // CHECK: mote.layer_norm {{.*}}axis = 2 : i64
  %1 = mote.layer_norm %0, %t, %t {axis = 2 : i64} : (tensor<2x3x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  // CHECK: mote.softmax %{{.*}} {axis = 1 : i64}
  %2 = mote.softmax %1 {axis = 1 : i64} : tensor<2x3x4xf32>
  // CHECK: mote.log_softmax %{{.*}} {axis = 2 : i64}
  %3 = mote.log_softmax %2 {axis = 2 : i64} : tensor<2x3x4xf32>
  return %0, %1, %2, %3 : tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
}

// CHECK-LABEL: func.func @pools
func.func @pools(%x: tensor<1x2x7x7xf32>, %small: tensor<1x2x2x2xf32>)
    -> (tensor<1x2x4x4xf32>, tensor<1x2x3x3xf32>, tensor<1x2x7x1xf32>, tensor<1x2x1x1xf32>) {
  // ceil((7 + 0 - 2) / 2) + 1 = 4.
  // CHECK: mote.max_pool {{.*}}ceil_mode = true{{.*}} -> tensor<1x2x4x4xf32>
  %0 = mote.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>,
      pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true}
      : (tensor<1x2x7x7xf32>) -> tensor<1x2x4x4xf32>
  // CHECK: mote.average_pool {{.*}}count_include_pad = true{{.*}} -> tensor<1x2x3x3xf32>
  %1 = mote.average_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>,
      pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, count_include_pad = true}
      : (tensor<1x2x7x7xf32>) -> tensor<1x2x3x3xf32>
  // ONNX drops a ceil_mode window that would start in the end padding:
  // ceil((2 + 1 - 1) / 2) + 1 = 2 windows, but the second starts at 2 >= 2.
  // CHECK: mote.max_pool {{.*}} -> tensor<1x2x1x1xf32>
  %p = mote.max_pool %small {kernel_shape = array<i64: 1, 1>, strides = array<i64: 2, 2>,
      pads = array<i64: 0, 0, 1, 1>, dilations = array<i64: 1, 1>, ceil_mode = true}
      : (tensor<1x2x2x2xf32>) -> tensor<1x2x1x1xf32>
  // CHECK: mote.reduce_sum {{.*}}axes = array<i64: 3>{{.*}} -> tensor<1x2x7x1xf32>
  %2 = mote.reduce_sum %x {axes = array<i64: 3>} : (tensor<1x2x7x7xf32>) -> tensor<1x2x7x1xf32>
  return %0, %1, %2, %p : tensor<1x2x4x4xf32>, tensor<1x2x3x3xf32>, tensor<1x2x7x1xf32>, tensor<1x2x1x1xf32>
}

// CHECK-LABEL: func.func @reductions
func.func @reductions(%x: tensor<2x3x4xf32>) -> (tensor<2xf32>, tensor<3x4xf32>, tensor<2x1x1xf32>) {
  // CHECK: mote.reduce_mean {{.*}}keepdims = false{{.*}} -> tensor<2xf32>
  %0 = mote.reduce_mean %x {axes = array<i64: 1, 2>, keepdims = false} : (tensor<2x3x4xf32>) -> tensor<2xf32>
  // CHECK: mote.reduce_max {{.*}} -> tensor<3x4xf32>
  %1 = mote.reduce_max %x {axes = array<i64: 0>, keepdims = false} : (tensor<2x3x4xf32>) -> tensor<3x4xf32>
  // CHECK: mote.reduce_min {{.*}} -> tensor<2x1x1xf32>
  %2 = mote.reduce_min %x {axes = array<i64: 1, 2>} : (tensor<2x3x4xf32>) -> tensor<2x1x1xf32>
  return %0, %1, %2 : tensor<2xf32>, tensor<3x4xf32>, tensor<2x1x1xf32>
}

// CHECK-LABEL: func.func @data_movement
func.func @data_movement(%x: tensor<2x3x4xf32>, %i: tensor<5xi64>, %y: tensor<3x1xf32>)
    -> (tensor<6x4xf32>, tensor<4x2x3xf32>, tensor<2x6x4xf32>, tensor<2x2x2xf32>,
        tensor<2x5x4xf32>, tensor<2x3x4xf32>, tensor<2x4x7xf32>, tensor<2x3x8x8xf32>, tensor<3xi64>) {
  // CHECK: mote.reshape %{{.*}} : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  %0 = mote.reshape %x : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  // CHECK: mote.transpose %{{.*}} {perm = array<i64: 2, 0, 1>}
  %1 = mote.transpose %x {perm = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  // CHECK: mote.concat %{{.*}}, %{{.*}} {axis = 1 : i64}
  %2 = mote.concat %x, %x {axis = 1 : i64} : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x6x4xf32>
  // Negative step: axis 2 from 3 down to (excluding) 0 by -2 takes 3 and 1.
  // CHECK: mote.slice {{.*}}steps = array<i64: 1, 2, -2>{{.*}} -> tensor<2x2x2xf32>
  %3 = mote.slice %x {starts = array<i64: 0, 0, 3>, ends = array<i64: 2, 3, 0>, steps = array<i64: 1, 2, -2>}
      : (tensor<2x3x4xf32>) -> tensor<2x2x2xf32>
  // CHECK: mote.gather {{.*}}{axis = 1 : i64} : (tensor<2x3x4xf32>, tensor<5xi64>) -> tensor<2x5x4xf32>
  %4 = mote.gather %x, %i {axis = 1 : i64} : (tensor<2x3x4xf32>, tensor<5xi64>) -> tensor<2x5x4xf32>
  // CHECK: mote.broadcast_to %{{.*}} : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
  %5 = mote.broadcast_to %y : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
  // CHECK: mote.pad {{.*}}mode = #mote.pad_mode<reflect>{{.*}} -> tensor<2x4x7xf32>
  %6 = mote.pad %x {pads = array<i64: 0, 1, 1, 0, 0, 2>, mode = #mote.pad_mode<reflect>}
      : (tensor<2x3x4xf32>) -> tensor<2x4x7xf32>
  %r = mote.reshape %x : (tensor<2x3x4xf32>) -> tensor<2x3x2x2xf32>
  // CHECK: mote.resize {{.*}}coordinate_transform = #mote.coordinate_transform<align_corners>{{.*}}mode = #mote.resize_mode<linear>
  %7 = mote.resize %r {scales = array<f32: 1.0, 1.0, 4.0, 4.0>, mode = #mote.resize_mode<linear>,
      coordinate_transform = #mote.coordinate_transform<align_corners>,
      nearest_mode = #mote.nearest_mode<floor>} : (tensor<2x3x2x2xf32>) -> tensor<2x3x8x8xf32>
  // CHECK: mote.shape %{{.*}} : (tensor<2x3x4xf32>) -> tensor<3xi64>
  %8 = mote.shape %x : (tensor<2x3x4xf32>) -> tensor<3xi64>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8 : tensor<6x4xf32>, tensor<4x2x3xf32>, tensor<2x6x4xf32>,
      tensor<2x2x2xf32>, tensor<2x5x4xf32>, tensor<2x3x4xf32>, tensor<2x4x7xf32>, tensor<2x3x8x8xf32>, tensor<3xi64>
}
