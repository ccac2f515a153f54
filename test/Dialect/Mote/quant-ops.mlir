// RUN: mote-opt %s | mote-opt | FileCheck %s

// The integer-only path: quantization ops with per-tensor and per-axis
// parameters, and conv / matmul accumulating narrow integers into i32.

// CHECK-LABEL: func.func @quantize_per_tensor
// CHECK: mote.quantize_linear %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<f32>, tensor<ui8>) -> tensor<2x3xui8>
// CHECK: mote.dequantize_linear %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x3xui8>, tensor<f32>, tensor<ui8>) -> tensor<2x3xf32>
func.func @quantize_per_tensor(%x: tensor<2x3xf32>, %s: tensor<f32>, %z: tensor<ui8>) -> tensor<2x3xf32> {
  %q = mote.quantize_linear %x, %s, %z : (tensor<2x3xf32>, tensor<f32>, tensor<ui8>) -> tensor<2x3xui8>
  %d = mote.dequantize_linear %q, %s, %z : (tensor<2x3xui8>, tensor<f32>, tensor<ui8>) -> tensor<2x3xf32>
  return %d : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @quantize_per_axis
// CHECK: mote.quantize_linear %{{.*}}, %{{.*}}, %{{.*}} {axis = 0 : i64} : (tensor<3x4xf32>, tensor<3xf32>, tensor<3xi8>) -> tensor<3x4xi8>
// CHECK: mote.quantize_linear %{{.*}}, %{{.*}} : (tensor<3x4xf32>, tensor<1xf32>) -> tensor<3x4xui8>
// CHECK: mote.dequantize_linear %{{.*}}, %{{.*}} : (tensor<3x4xi32>, tensor<f32>) -> tensor<3x4xf32>
func.func @quantize_per_axis(%x: tensor<3x4xf32>, %s: tensor<3xf32>, %z: tensor<3xi8>, %s1: tensor<1xf32>, %acc: tensor<3x4xi32>, %s0: tensor<f32>)
    -> (tensor<3x4xi8>, tensor<3x4xui8>, tensor<3x4xf32>) {
  %0 = mote.quantize_linear %x, %s, %z {axis = 0 : i64} : (tensor<3x4xf32>, tensor<3xf32>, tensor<3xi8>) -> tensor<3x4xi8>
  %1 = mote.quantize_linear %x, %s1 : (tensor<3x4xf32>, tensor<1xf32>) -> tensor<3x4xui8>
  %2 = mote.dequantize_linear %acc, %s0 : (tensor<3x4xi32>, tensor<f32>) -> tensor<3x4xf32>
  return %0, %1, %2 : tensor<3x4xi8>, tensor<3x4xui8>, tensor<3x4xf32>
}

// CHECK-LABEL: func.func @integer_kernels
// CHECK: mote.matmul %{{.*}}, %{{.*}} : (tensor<2x4xi8>, tensor<4x3xui8>) -> tensor<2x3xi32>
// CHECK: mote.requantize %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x3xi32>, tensor<3xf32>, tensor<f32>, tensor<i8>) -> tensor<2x3xi8>
// CHECK: mote.conv %{{.*}}, %{{.*}}, %{{.*}} {{.*}} : (tensor<1x2x5x5xi8>, tensor<4x2x3x3xi8>, tensor<4xi32>) -> tensor<1x4x3x3xi32>
func.func @integer_kernels(%a: tensor<2x4xi8>, %b: tensor<4x3xui8>, %s: tensor<3xf32>, %ys: tensor<f32>, %yz: tensor<i8>,
    %x: tensor<1x2x5x5xi8>, %w: tensor<4x2x3x3xi8>, %bias: tensor<4xi32>) -> (tensor<2x3xi8>, tensor<1x4x3x3xi32>) {
  %acc = mote.matmul %a, %b : (tensor<2x4xi8>, tensor<4x3xui8>) -> tensor<2x3xi32>
  %y = mote.requantize %acc, %s, %ys, %yz {axis = 1 : i64} : (tensor<2x3xi32>, tensor<3xf32>, tensor<f32>, tensor<i8>) -> tensor<2x3xi8>
  %c = mote.conv %x, %w, %bias {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}
      : (tensor<1x2x5x5xi8>, tensor<4x2x3x3xi8>, tensor<4xi32>) -> tensor<1x4x3x3xi32>
  return %y, %c : tensor<2x3xi8>, tensor<1x4x3x3xi32>
}
