// RUN: mote-opt %s -split-input-file -verify-diagnostics

// Verifier and inference errors of the coverage ops.

func.func @is_nan_int(%x: tensor<4xi32>) -> tensor<4xi1> {
  // expected-error @+1 {{'mote.is_nan' op needs a floating-point operand, got 'i32'}}
  %0 = mote.is_nan %x : (tensor<4xi32>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

func.func @is_inf_result(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'mote.is_inf' op result must have element type i1, got 'f32'}}
  %0 = mote.is_inf %x : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @arg_max_axis(%x: tensor<2x3xf32>) -> tensor<2x3xi64> {
  // expected-error @+2 {{'axis' must be in [0, 2), got 2}}
  // expected-error @+1 {{'mote.arg_max' op failed to infer returned types}}
  %0 = mote.arg_max %x {axis = 2 : i64} : (tensor<2x3xf32>) -> tensor<2x3xi64>
  return %0 : tensor<2x3xi64>
}

// -----

func.func @gather_elements_rank(%x: tensor<2x3xf32>, %i: tensor<2xi64>) -> tensor<2xf32> {
  // expected-error @+2 {{'indices' must have the rank of 'data' (2), got 'tensor<2xi64>'}}
  // expected-error @+1 {{'mote.gather_elements' op failed to infer returned types}}
  %0 = mote.gather_elements %x, %i {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @gather_elements_dims(%x: tensor<2x3xf32>, %i: tensor<3x3xi64>) -> tensor<3x3xf32> {
  // expected-error @+2 {{'indices' dim 0 (3) exceeds 'data' dim (2)}}
  // expected-error @+1 {{'mote.gather_elements' op failed to infer returned types}}
  %0 = mote.gather_elements %x, %i {axis = 1 : i64} : (tensor<2x3xf32>, tensor<3x3xi64>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}
