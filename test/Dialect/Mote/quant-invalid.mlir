// RUN: mote-opt %s -split-input-file -verify-diagnostics

// One broken rule of the quantization ops and the integer kernels each.

func.func @quantize_float_result(%x: tensor<4xf32>, %s: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'mote.quantize_linear' op result element type must be i8, ui8, i16 or ui16, got 'f32'}}
  %0 = mote.quantize_linear %x, %s : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @quantize_zero_point_type(%x: tensor<4xf32>, %s: tensor<f32>, %z: tensor<i8>) -> tensor<4xui8> {
  // expected-error @+1 {{'mote.quantize_linear' op 'zero_point' element type 'i8' must be the result element type 'ui8'}}
  %0 = mote.quantize_linear %x, %s, %z : (tensor<4xf32>, tensor<f32>, tensor<i8>) -> tensor<4xui8>
  return %0 : tensor<4xui8>
}

// -----

func.func @quantize_per_axis_size(%x: tensor<2x3xf32>, %s: tensor<2xf32>) -> tensor<2x3xi8> {
  // expected-error @+1 {{'mote.quantize_linear' op per-axis 'scale' must have 3 elements (input dimension 1), got 'tensor<2xf32>'}}
  %0 = mote.quantize_linear %x, %s : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x3xi8>
  return %0 : tensor<2x3xi8>
}

// -----

func.func @quantize_scale_rank(%x: tensor<2x3xf32>, %s: tensor<2x3xf32>) -> tensor<2x3xi8> {
  // expected-error @+1 {{'mote.quantize_linear' op 'scale' must be a scalar (per-tensor) or 1-d (per-axis), got 'tensor<2x3xf32>'}}
  %0 = mote.quantize_linear %x, %s : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi8>
  return %0 : tensor<2x3xi8>
}

// -----

func.func @quantize_zero_point_count(%x: tensor<2x3xf32>, %s: tensor<3xf32>, %z: tensor<i8>) -> tensor<2x3xi8> {
  // expected-error @+1 {{'mote.quantize_linear' op 'zero_point' 'tensor<i8>' and 'scale' 'tensor<3xf32>' must have the same number of elements}}
  %0 = mote.quantize_linear %x, %s, %z : (tensor<2x3xf32>, tensor<3xf32>, tensor<i8>) -> tensor<2x3xi8>
  return %0 : tensor<2x3xi8>
}

// -----

func.func @dequantize_float_input(%x: tensor<4xf32>, %s: tensor<f32>) -> tensor<4xf32> {
  // expected-error @+1 {{'mote.dequantize_linear' op 'input' element type must be i8, ui8, i16, ui16 or i32, got 'f32'}}
  %0 = mote.dequantize_linear %x, %s : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @dequantize_result_type(%x: tensor<4xi8>, %s: tensor<f32>) -> tensor<4xf16> {
  // expected-error @+1 {{'mote.dequantize_linear' op result element type must be the scale's ('f32'), got 'f16'}}
  %0 = mote.dequantize_linear %x, %s : (tensor<4xi8>, tensor<f32>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

func.func @dequantize_shape(%x: tensor<4xi8>, %s: tensor<f32>) -> tensor<2xf32> {
  // expected-error @+1 {{'mote.dequantize_linear' op result shape must equal the input shape, got 'tensor<2xf32>' for input 'tensor<4xi8>'}}
  %0 = mote.dequantize_linear %x, %s : (tensor<4xi8>, tensor<f32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @requantize_narrow_input(%x: tensor<4xi8>, %s: tensor<f32>) -> tensor<4xi8> {
  // expected-error @+1 {{'mote.requantize' op 'input' must be an i32 accumulator, got 'tensor<4xi8>'}}
  %0 = mote.requantize %x, %s, %s : (tensor<4xi8>, tensor<f32>, tensor<f32>) -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @matmul_narrow_accumulator(%a: tensor<2x4xi16>, %b: tensor<4x3xi16>) -> tensor<2x3xi8> {
  // expected-error @+2 {{'mote.matmul' op inferred type(s) 'tensor<2x3xi16>' are incompatible with return type(s) of operation 'tensor<2x3xi8>'}}
  // expected-error @+1 {{'mote.matmul' op failed to infer returned types}}
  %0 = mote.matmul %a, %b : (tensor<2x4xi16>, tensor<4x3xi16>) -> tensor<2x3xi8>
  return %0 : tensor<2x3xi8>
}

// -----

func.func @matmul_mixed_float(%a: tensor<2x4xi8>, %b: tensor<4x3xf32>) -> tensor<2x3xi32> {
  // expected-error @+1 {{'mote.matmul' op 'a' and 'b' must have the same element type, got 'i8' and 'f32'}}
  %0 = mote.matmul %a, %b : (tensor<2x4xi8>, tensor<4x3xf32>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

func.func @matmul_mixed_narrow(%a: tensor<2x4xi8>, %b: tensor<4x3xi16>) -> tensor<2x3xi8> {
  // expected-error @+1 {{'mote.matmul' op 'a' and 'b' must have the same element type, got 'i8' and 'i16' (integers of different types must accumulate into a wider integer result, got 'i8')}}
  %0 = mote.matmul %a, %b : (tensor<2x4xi8>, tensor<4x3xi16>) -> tensor<2x3xi8>
  return %0 : tensor<2x3xi8>
}

// -----

func.func @conv_float_accumulator(%x: tensor<1x1x3x3xi8>, %w: tensor<1x1x2x2xi8>) -> tensor<1x1x2x2xf32> {
  // expected-error @+2 {{'mote.conv' op inferred type(s) 'tensor<1x1x2x2xi8>' are incompatible with return type(s) of operation 'tensor<1x1x2x2xf32>'}}
  // expected-error @+1 {{'mote.conv' op failed to infer returned types}}
  %0 = mote.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}
      : (tensor<1x1x3x3xi8>, tensor<1x1x2x2xi8>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}
