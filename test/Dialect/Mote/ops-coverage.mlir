// RUN: mote-opt %s | mote-opt | FileCheck %s
// RUN: mote-opt %s --mlir-print-op-generic | mote-opt | FileCheck %s

// The elementwise, logical, reduction and indexing ops that widen ONNX
// coverage parse, verify and print back.

// CHECK-LABEL: func.func @unary_math
func.func @unary_math(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // CHECK: mote.floor %{{.*}} : tensor<2x3xf32>
  %0 = mote.floor %x : tensor<2x3xf32>
  // CHECK: mote.ceil
  %1 = mote.ceil %0 : tensor<2x3xf32>
  // CHECK: mote.round
  %2 = mote.round %1 : tensor<2x3xf32>
  // CHECK: mote.sign
  %3 = mote.sign %2 : tensor<2x3xf32>
  // CHECK: mote.sin
  %4 = mote.sin %3 : tensor<2x3xf32>
  // CHECK: mote.cos
  %5 = mote.cos %4 : tensor<2x3xf32>
  // CHECK: mote.tan
  %6 = mote.tan %5 : tensor<2x3xf32>
  // CHECK: mote.asin
  %7 = mote.asin %6 : tensor<2x3xf32>
  // CHECK: mote.acos
  %8 = mote.acos %7 : tensor<2x3xf32>
  // CHECK: mote.atan
  %9 = mote.atan %8 : tensor<2x3xf32>
  // CHECK: mote.sinh
  %10 = mote.sinh %9 : tensor<2x3xf32>
  // CHECK: mote.cosh
  %11 = mote.cosh %10 : tensor<2x3xf32>
  // CHECK: mote.asinh
  %12 = mote.asinh %11 : tensor<2x3xf32>
  // CHECK: mote.acosh
  %13 = mote.acosh %12 : tensor<2x3xf32>
  // CHECK: mote.atanh
  %14 = mote.atanh %13 : tensor<2x3xf32>
  // CHECK: mote.softplus
  %15 = mote.softplus %14 : tensor<2x3xf32>
  // CHECK: mote.softsign
  %16 = mote.softsign %15 : tensor<2x3xf32>
  // CHECK: mote.elu %{{.*}} {alpha = 5.000000e-01 : f32} : tensor<2x3xf32>
  %17 = mote.elu %16 {alpha = 0.5 : f32} : tensor<2x3xf32>
  // CHECK: mote.celu %{{.*}} {alpha = 2.000000e+00 : f32}
  %18 = mote.celu %17 {alpha = 2.0 : f32} : tensor<2x3xf32>
  // CHECK: mote.thresholded_relu %{{.*}} {alpha = 1.000000e+00 : f32}
  %19 = mote.thresholded_relu %18 {alpha = 1.0 : f32} : tensor<2x3xf32>
  // CHECK: mote.selu %{{.*}} {alpha = 1.500000e+00 : f32, gamma = 2.000000e+00 : f32}
  %20 = mote.selu %19 {alpha = 1.5 : f32, gamma = 2.0 : f32} : tensor<2x3xf32>
  return %20 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @logical
func.func @logical(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %p: tensor<2x3xi1>,
                   %i: tensor<4xi32>, %j: tensor<4xi32>)
    -> (tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<4xi32>, tensor<2x3xf32>) {
  // CHECK: mote.greater_equal %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %0 = mote.greater_equal %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  // CHECK: mote.less_equal
  %1 = mote.less_equal %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  // CHECK: mote.and
  %2 = mote.and %0, %1 : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
  // CHECK: mote.or
  %3 = mote.or %2, %p : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
  // CHECK: mote.xor
  %4 = mote.xor %3, %p : (tensor<2x3xi1>, tensor<2x3xi1>) -> tensor<2x3xi1>
  // CHECK: mote.not %{{.*}} : tensor<2x3xi1>
  %5 = mote.not %4 : tensor<2x3xi1>
  // CHECK: mote.is_nan %{{.*}} : (tensor<2x3xf32>) -> tensor<2x3xi1>
  %6 = mote.is_nan %a : (tensor<2x3xf32>) -> tensor<2x3xi1>
  // CHECK: mote.is_inf %{{.*}} {detect_negative = false} : (tensor<2x3xf32>) -> tensor<2x3xi1>
  %7 = mote.is_inf %a {detect_negative = false} : (tensor<2x3xf32>) -> tensor<2x3xi1>
  // CHECK: mote.mod %{{.*}}, %{{.*}} : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %8 = mote.mod %i, %j : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  // CHECK: mote.mod %{{.*}}, %{{.*}} {fmod = true} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %9 = mote.mod %a, %b {fmod = true} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %5, %6, %7, %1, %8, %9 : tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<4xi32>, tensor<2x3xf32>
}

// CHECK-LABEL: func.func @reduce_and_index
func.func @reduce_and_index(%x: tensor<2x3x4xf32>, %idx: tensor<2x2x4xi64>)
    -> (tensor<2x1x4xf32>, tensor<2x4xi64>, tensor<2x1x4xi64>, tensor<2x2x4xf32>) {
  // CHECK: mote.reduce_prod %{{.*}} {axes = array<i64: 1>} : (tensor<2x3x4xf32>) -> tensor<2x1x4xf32>
  %0 = mote.reduce_prod %x {axes = array<i64: 1>} : (tensor<2x3x4xf32>) -> tensor<2x1x4xf32>
  // CHECK: mote.arg_max %{{.*}} {axis = 1 : i64, keepdims = false} : (tensor<2x3x4xf32>) -> tensor<2x4xi64>
  %1 = mote.arg_max %x {axis = 1 : i64, keepdims = false} : (tensor<2x3x4xf32>) -> tensor<2x4xi64>
  // CHECK: mote.arg_min %{{.*}} {axis = 1 : i64, select_last_index = true} : (tensor<2x3x4xf32>) -> tensor<2x1x4xi64>
  %2 = mote.arg_min %x {axis = 1 : i64, select_last_index = true} : (tensor<2x3x4xf32>) -> tensor<2x1x4xi64>
  // CHECK: mote.gather_elements %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<2x3x4xf32>, tensor<2x2x4xi64>) -> tensor<2x2x4xf32>
  %3 = mote.gather_elements %x, %idx {axis = 1 : i64} : (tensor<2x3x4xf32>, tensor<2x2x4xi64>) -> tensor<2x2x4xf32>
  return %0, %1, %2, %3 : tensor<2x1x4xf32>, tensor<2x4xi64>, tensor<2x1x4xi64>, tensor<2x2x4xf32>
}
