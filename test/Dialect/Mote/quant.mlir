// RUN: mote-opt %s | mote-opt | FileCheck %s

// Quantized element types: a result may carry its own scale, so the inferred
// and declared element types need not be equal when either is quantized;
// shapes must still match.

!in = !quant.uniform<i8:f32, 0.1:-3>
!w = !quant.uniform<i8:f32, 0.02>
!out = !quant.uniform<i8:f32, 0.5:2>

// CHECK-LABEL: func.func @quantized_conv
// CHECK: mote.conv {{.*}} -> tensor<1x4x6x6x!quant.uniform<i8:f32, 5.000000e-01:2>>
// CHECK: mote.max_pool {{.*}} -> tensor<1x4x3x3x!quant.uniform<i8:f32, 5.000000e-01:2>>
func.func @quantized_conv(%x: tensor<1x3x8x8x!in>, %w: tensor<4x3x3x3x!w>, %b: tensor<4xi32>)
    -> tensor<1x4x3x3x!out> {
  %0 = mote.conv %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}
      : (tensor<1x3x8x8x!in>, tensor<4x3x3x3x!w>, tensor<4xi32>) -> tensor<1x4x6x6x!out>
  %1 = mote.max_pool %0 {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>,
      pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x4x6x6x!out>) -> tensor<1x4x3x3x!out>
  return %1 : tensor<1x4x3x3x!out>
}
