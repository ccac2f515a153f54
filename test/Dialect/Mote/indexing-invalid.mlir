// RUN: mote-opt %s -split-input-file -verify-diagnostics

func.func @scatter_updates_shape(%d: tensor<4x4xf32>, %i: tensor<2x1xi64>, %u: tensor<2x3xf32>) -> tensor<4x4xf32> {
  // expected-error @+2 {{'updates' must have shape [2, 4], got 'tensor<2x3xf32>'}}
  // expected-error @+1 {{'mote.scatter_nd' op failed to infer returned types}}
  %0 = mote.scatter_nd %d, %i, %u : (tensor<4x4xf32>, tensor<2x1xi64>, tensor<2x3xf32>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @scatter_tuple_too_long(%d: tensor<4xf32>, %i: tensor<2x2xi64>, %u: tensor<2xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{the index tuples have 2 coordinates; 'data' has rank 1}}
  // expected-error @+1 {{'mote.scatter_nd' op failed to infer returned types}}
  %0 = mote.scatter_nd %d, %i, %u : (tensor<4xf32>, tensor<2x2xi64>, tensor<2xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @scatter_reduction(%d: tensor<4xf32>, %i: tensor<2x1xi64>, %u: tensor<2xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'mote.scatter_nd' op 'reduction' must be none, add, mul, max or min, got 'sub'}}
  %0 = mote.scatter_nd %d, %i, %u {reduction = "sub"} : (tensor<4xf32>, tensor<2x1xi64>, tensor<2xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @scatter_float_indices(%d: tensor<4xf32>, %i: tensor<2x1xf32>, %u: tensor<2xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{'indices' must be an integer tensor, got 'tensor<2x1xf32>'}}
  // expected-error @+1 {{'mote.scatter_nd' op failed to infer returned types}}
  %0 = mote.scatter_nd %d, %i, %u : (tensor<4xf32>, tensor<2x1xf32>, tensor<2xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @top_k_too_many(%x: tensor<3x4xf32>) -> (tensor<3x5xf32>, tensor<3x5xi64>) {
  // expected-error @+1 {{'mote.top_k' op 'k' must be in [0, 4], got 5}}
  %v, %i = mote.top_k %x {axis = 1 : i64, k = 5 : i64} : (tensor<3x4xf32>) -> (tensor<3x5xf32>, tensor<3x5xi64>)
  return %v, %i : tensor<3x5xf32>, tensor<3x5xi64>
}

// -----

func.func @top_k_axis(%x: tensor<3x4xf32>) -> (tensor<3x4xf32>, tensor<3x4xi64>) {
  // expected-error @+1 {{'mote.top_k' op 'axis' must be in [0, 2), got 2}}
  %v, %i = mote.top_k %x {axis = 2 : i64, k = 1 : i64} : (tensor<3x4xf32>) -> (tensor<3x4xf32>, tensor<3x4xi64>)
  return %v, %i : tensor<3x4xf32>, tensor<3x4xi64>
}

// -----

func.func @top_k_index_type(%x: tensor<3x4xf32>) -> (tensor<3x2xf32>, tensor<3x2xi32>) {
  // expected-error @+1 {{'mote.top_k' op 'indices' must have type 'tensor<3x2xi64>', got 'tensor<3x2xi32>'}}
  %v, %i = mote.top_k %x {axis = 1 : i64, k = 2 : i64} : (tensor<3x4xf32>) -> (tensor<3x2xf32>, tensor<3x2xi32>)
  return %v, %i : tensor<3x2xf32>, tensor<3x2xi32>
}
