// RUN: mote-opt --convert-mote-to-linalg --split-input-file --verify-diagnostics %s

// Each unsupported op/type combination is reported at the op (whose location
// is the ONNX node name), and the conversion fails.

func.func @sigmoid_on_integers(%x: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+2 {{'mote.sigmoid' op cannot be lowered to linalg: element type i32 is not supported by this op; it needs floating-point tensors}}
  // expected-error @+1 {{failed to legalize operation 'mote.sigmoid'}}
  %0 = mote.sigmoid %x : tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @grouped_conv3d(%x: tensor<1x4x4x4x4xf32>, %w: tensor<2x2x2x2x2xf32>) -> tensor<1x2x3x3x3xf32> {
  // expected-error @+2 {{3-d convolution with group 2 is supported only as group 1 or depthwise}}
  // expected-error @+1 {{failed to legalize operation 'mote.conv'}}
  %0 = mote.conv %x, %w {strides = array<i64: 1, 1, 1>, pads = array<i64: 0, 0, 0, 0, 0, 0>, dilations = array<i64: 1, 1, 1>, group = 2 : i64} : (tensor<1x4x4x4x4xf32>, tensor<2x2x2x2x2xf32>) -> tensor<1x2x3x3x3xf32>
  return %0 : tensor<1x2x3x3x3xf32>
}

// -----

func.func @average_pool_on_integers(%x: tensor<1x1x4x4xi32>) -> tensor<1x1x2x2xi32> {
  // expected-error @+2 {{average pooling needs a floating-point element type, got i32}}
  // expected-error @+1 {{failed to legalize operation 'mote.average_pool'}}
  %0 = mote.average_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x4x4xi32>) -> tensor<1x1x2x2xi32>
  return %0 : tensor<1x1x2x2xi32>
}

// -----

func.func @bool_arithmetic(%a: tensor<4xi1>, %b: tensor<4xi1>) -> tensor<4xi1> {
  // expected-error @+2 {{arithmetic on i1 (bool) tensors is not defined; cast to an integer type first}}
  // expected-error @+1 {{failed to legalize operation 'mote.add'}}
  %0 = mote.add %a, %b : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

func.func @linear_resize_on_integers(%x: tensor<1x1x2x2xi8>) -> tensor<1x1x4x4xi8> {
  // expected-error @+2 {{linear resize needs a floating-point element type}}
  // expected-error @+1 {{failed to legalize operation 'mote.resize'}}
  %0 = mote.resize %x {scales = array<f32: 1.0, 1.0, 2.0, 2.0>, mode = #mote.resize_mode<linear>} : (tensor<1x1x2x2xi8>) -> tensor<1x1x4x4xi8>
  return %0 : tensor<1x1x4x4xi8>
}
