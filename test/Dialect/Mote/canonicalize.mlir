// RUN: mote-opt %s -canonicalize -split-input-file | FileCheck %s

// Identity (ONNX Identity, Dropout) disappears.
// CHECK-LABEL: func.func @identity
// CHECK-SAME: (%[[X:.*]]: tensor<2xf32>)
// CHECK-NEXT: return %[[X]]
func.func @identity(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = mote.identity %x : tensor<2xf32>
  %1 = mote.identity %0 : tensor<2xf32>
  return %1 : tensor<2xf32>
}

// -----

// The shape subgraph ONNX exporters emit for `x.view(x.size(0) * x.size(1), -1)`
// folds to one constant: Shape -> Gather -> Mul -> Unsqueeze (reshape) ->
// Concat.
// CHECK-LABEL: func.func @shape_subgraph
// CHECK-NEXT: %[[SHAPE:.*]] = arith.constant dense<[6, -1]> : tensor<2xi64>
// CHECK-NEXT: return %[[SHAPE]]
func.func @shape_subgraph(%x: tensor<2x3x5xf32>) -> tensor<2xi64> {
  %shape = mote.shape %x : (tensor<2x3x5xf32>) -> tensor<3xi64>
  %c0 = arith.constant dense<0> : tensor<i64>
  %c1 = arith.constant dense<1> : tensor<i64>
  %d0 = mote.gather %shape, %c0 {axis = 0 : i64} : (tensor<3xi64>, tensor<i64>) -> tensor<i64>
  %d1 = mote.gather %shape, %c1 {axis = 0 : i64} : (tensor<3xi64>, tensor<i64>) -> tensor<i64>
  %rows = mote.mul %d0, %d1 : (tensor<i64>, tensor<i64>) -> tensor<i64>
  %rows1 = mote.reshape %rows : (tensor<i64>) -> tensor<1xi64>
  %minus1 = arith.constant dense<-1> : tensor<1xi64>
  %new = mote.concat %rows1, %minus1 {axis = 0 : i64} : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  return %new : tensor<2xi64>
}

// -----

// Shape -> Gather with a vector of (negative) indices.
// CHECK-LABEL: func.func @gather_shape
// CHECK-NEXT: arith.constant dense<[5, 2]> : tensor<2xi64>
func.func @gather_shape(%x: tensor<2x3x5xf32>) -> tensor<2xi64> {
  %shape = mote.shape %x : (tensor<2x3x5xf32>) -> tensor<3xi64>
  %idx = arith.constant dense<[-1, 0]> : tensor<2xi64>
  %0 = mote.gather %shape, %idx {axis = 0 : i64} : (tensor<3xi64>, tensor<2xi64>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

// Gather along axis 1 of a 2-d float constant.
// CHECK-LABEL: func.func @gather_2d
// CHECK-NEXT: arith.constant dense<{{\[}}[3.000000e+00, 1.000000e+00], [6.000000e+00, 4.000000e+00]]> : tensor<2x2xf32>
func.func @gather_2d() -> tensor<2x2xf32> {
  %data = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %idx = arith.constant dense<[2, 0]> : tensor<2xi32>
  %0 = mote.gather %data, %idx {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2xi32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_chain
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK-NEXT: %[[R:.*]] = mote.reshape %[[X]] : (tensor<2x3x4xf32>) -> tensor<24xf32>
// CHECK-NEXT: return %[[R]]
func.func @reshape_chain(%x: tensor<2x3x4xf32>) -> tensor<24xf32> {
  %0 = mote.reshape %x : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  %1 = mote.reshape %0 : (tensor<6x4xf32>) -> tensor<24xf32>
  return %1 : tensor<24xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_same_type
// CHECK-NEXT: return %arg0
func.func @reshape_same_type(%x: tensor<6xf32>) -> tensor<6xf32> {
  %0 = mote.reshape %x : (tensor<6xf32>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_constant
// CHECK-NEXT: arith.constant dense<{{\[}}[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>
func.func @reshape_constant() -> tensor<2x3xi32> {
  %c = arith.constant dense<[1, 2, 3, 4, 5, 6]> : tensor<6xi32>
  %0 = mote.reshape %c : (tensor<6xi32>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

// A weight blob reshapes without copying: same resource, new type.
// CHECK-LABEL: func.func @reshape_resource
// CHECK-NEXT: arith.constant dense_resource<weights> : tensor<2x2xf32>
func.func @reshape_resource() -> tensor<2x2xf32> {
  %c = arith.constant dense_resource<weights> : tensor<4xf32>
  %0 = mote.reshape %c : (tensor<4xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

{-#
  dialect_resources: {
    builtin: {
      weights: "0x040000000000803F000000400000404000008040"
    }
  }
#-}

// -----

// CHECK-LABEL: func.func @transpose
// CHECK-DAG: %[[T:.*]] = arith.constant dense<{{\[}}[1, 4], [2, 5], [3, 6]]> : tensor<3x2xi64>
// CHECK: return %arg0, %[[T]]
func.func @transpose(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<3x2xi64>) {
  %0 = mote.transpose %x {perm = array<i64: 0, 1>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %c = arith.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi64>
  %1 = mote.transpose %c {perm = array<i64: 1, 0>} : (tensor<2x3xi64>) -> tensor<3x2xi64>
  return %0, %1 : tensor<2x3xf32>, tensor<3x2xi64>
}

// -----

// Broadcasting arithmetic on constants, int64 and f32.
// CHECK-LABEL: func.func @arithmetic
// CHECK-DAG: %[[ADD:.*]] = arith.constant dense<{{\[}}[11, 21], [13, 23]]> : tensor<2x2xi64>
// CHECK-DAG: %[[MUL:.*]] = arith.constant dense<[2.500000e+00, 5.000000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[DIV:.*]] = arith.constant dense<[-3, 3]> : tensor<2xi64>
// CHECK-DAG: %[[POW:.*]] = arith.constant dense<[2.500000e+00, 6.250000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[SUB:.*]] = arith.constant dense<[-7, 7]> : tensor<2xi64>
// CHECK-DAG: %[[MIN:.*]] = arith.constant dense<1.000000e+00> : tensor<2xf32>
// CHECK-NOT: mote.
// CHECK: return %[[ADD]], %[[MUL]], %[[DIV]], %[[POW]], %[[DIV]], %[[MIN]], %[[SUB]]
func.func @arithmetic() -> (tensor<2x2xi64>, tensor<2xf32>, tensor<2xi64>, tensor<2xf32>,
                            tensor<2xi64>, tensor<2xf32>, tensor<2xi64>) {
  %col = arith.constant dense<[[1], [3]]> : tensor<2x1xi64>
  %row = arith.constant dense<[10, 20]> : tensor<2xi64>
  %add = mote.add %col, %row : (tensor<2x1xi64>, tensor<2xi64>) -> tensor<2x2xi64>
  %f = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %half = arith.constant dense<2.5> : tensor<f32>
  %mul = mote.mul %f, %half : (tensor<2xf32>, tensor<f32>) -> tensor<2xf32>
  %i = arith.constant dense<[-7, 7]> : tensor<2xi64>
  %two = arith.constant dense<2> : tensor<i64>
  // Integer division truncates toward zero, like ONNX Div.
  %div = mote.div %i, %two : (tensor<2xi64>, tensor<i64>) -> tensor<2xi64>
  %pow = mote.pow %half, %f : (tensor<f32>, tensor<2xf32>) -> tensor<2xf32>
  %ones = arith.constant dense<[4.0, 1.0]> : tensor<2xf32>
  %powf = mote.pow %ones, %f : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %neg3 = arith.constant dense<[-3, 2]> : tensor<2xi64>
  %max = mote.max %neg3, %div : (tensor<2xi64>, tensor<2xi64>) -> tensor<2xi64>
  %min = mote.min %f, %ones : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %sub = mote.sub %i, %row : (tensor<2xi64>, tensor<2xi64>) -> tensor<2xi64>
  %sub2 = mote.add %sub, %row : (tensor<2xi64>, tensor<2xi64>) -> tensor<2xi64>
  %minf = mote.min %min, %powf : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %add, %mul, %div, %pow, %max, %minf, %sub2 : tensor<2x2xi64>, tensor<2xf32>, tensor<2xi64>,
      tensor<2xf32>, tensor<2xi64>, tensor<2xf32>, tensor<2xi64>
}

// -----

// Integer division by zero is left to run time.
// CHECK-LABEL: func.func @div_by_zero
// CHECK: mote.div
func.func @div_by_zero() -> tensor<2xi64> {
  %a = arith.constant dense<[1, 2]> : tensor<2xi64>
  %z = arith.constant dense<[1, 0]> : tensor<2xi64>
  %0 = mote.div %a, %z : (tensor<2xi64>, tensor<2xi64>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

// CHECK-LABEL: func.func @comparisons
// CHECK-DAG: arith.constant dense<[false, true, false]> : tensor<3xi1>
// CHECK-DAG: arith.constant dense<[true, false, false]> : tensor<3xi1>
// CHECK-DAG: arith.constant dense<[false, false, true]> : tensor<3xi1>
// CHECK-NOT: mote.
func.func @comparisons() -> (tensor<3xi1>, tensor<3xi1>, tensor<3xi1>) {
  %a = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %b = arith.constant dense<2.0> : tensor<f32>
  %eq = mote.equal %a, %b : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>
  %lt = mote.less %a, %b : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>
  %gt = mote.greater %a, %b : (tensor<3xf32>, tensor<f32>) -> tensor<3xi1>
  return %eq, %lt, %gt : tensor<3xi1>, tensor<3xi1>, tensor<3xi1>
}

// -----

// CHECK-LABEL: func.func @casts
// CHECK-DAG: arith.constant dense<[3.000000e+00, -2.000000e+00]> : tensor<2xf32>
// CHECK-DAG: arith.constant dense<[1, -1]> : tensor<2xi32>
// CHECK-DAG: arith.constant dense<[true, false]> : tensor<2xi1>
// CHECK: return %arg0,
func.func @casts(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xi32>, tensor<2xi1>) {
  %same = mote.cast %x : tensor<2xf32> to tensor<2xf32>
  %i = arith.constant dense<[3, -2]> : tensor<2xi64>
  %f = mote.cast %i : tensor<2xi64> to tensor<2xf32>
  %g = arith.constant dense<[1.7, -1.7]> : tensor<2xf32>
  // Float to integer truncates toward zero.
  %t = mote.cast %g : tensor<2xf32> to tensor<2xi32>
  %z = arith.constant dense<[0.5, 0.0]> : tensor<2xf32>
  %b = mote.cast %z : tensor<2xf32> to tensor<2xi1>
  return %same, %f, %t, %b : tensor<2xf32>, tensor<2xf32>, tensor<2xi32>, tensor<2xi1>
}

// -----

// CHECK-LABEL: func.func @slices
// CHECK-DAG: arith.constant dense<{{\[}}[6, 4], [3, 1]]> : tensor<2x2xi64>
// CHECK-DAG: arith.constant dense<[2, 3]> : tensor<2xi64>
// CHECK: return %arg0,
func.func @slices(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<2x2xi64>, tensor<2xi64>) {
  %all = mote.slice %x {starts = array<i64: 0>, ends = array<i64: 4>, steps = array<i64: 1>} : (tensor<4xf32>) -> tensor<4xf32>
  %c = arith.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi64>
  // Both axes reversed, every other column.
  %rev = mote.slice %c {starts = array<i64: 1, 2>, ends = array<i64: -1, -1>, steps = array<i64: -1, -2>}
      : (tensor<2x3xi64>) -> tensor<2x2xi64>
  %shape = mote.shape %c : (tensor<2x3xi64>) -> tensor<2xi64>
  %tail = mote.concat %shape {axis = 0 : i64} : (tensor<2xi64>) -> tensor<2xi64>
  return %all, %rev, %tail : tensor<4xf32>, tensor<2x2xi64>, tensor<2xi64>
}

// -----

// CHECK-LABEL: func.func @concat_2d
// CHECK-NEXT: arith.constant dense<{{\[}}[1.000000e+00, 2.000000e+00, 5.000000e+00], [3.000000e+00, 4.000000e+00, 5.000000e+00]]> : tensor<2x3xf32>
func.func @concat_2d() -> tensor<2x3xf32> {
  %a = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %b = arith.constant dense<5.0> : tensor<2x1xf32>
  %0 = mote.concat %a, %b {axis = 1 : i64} : (tensor<2x2xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @broadcast_to
// CHECK-DAG: arith.constant dense<{{\[}}[1, 1, 1], [2, 2, 2]]> : tensor<2x3xi64>
// CHECK-DAG: arith.constant dense<7.000000e+00> : tensor<2x2xf32>
// CHECK: return %arg0,
func.func @broadcast_to(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<2x3xi64>, tensor<2x2xf32>) {
  %same = mote.broadcast_to %x : (tensor<3xf32>) -> tensor<3xf32>
  %c = arith.constant dense<[[1], [2]]> : tensor<2x1xi64>
  %0 = mote.broadcast_to %c : (tensor<2x1xi64>) -> tensor<2x3xi64>
  %s = arith.constant dense<7.0> : tensor<f32>
  %1 = mote.broadcast_to %s : (tensor<f32>) -> tensor<2x2xf32>
  return %same, %0, %1 : tensor<3xf32>, tensor<2x3xi64>, tensor<2x2xf32>
}

// -----

// ONNX Reshape's "0 copies the input dimension" rule, as exporters spell it:
// Where(Equal(shape, 0), input_shape, shape).
// CHECK-LABEL: func.func @where_shape
// CHECK-NEXT: %[[S:.*]] = arith.constant dense<[2, 15]> : tensor<2xi64>
// CHECK-NEXT: return %[[S]]
func.func @where_shape(%x: tensor<2x3x5xf32>) -> tensor<2xi64> {
  %requested = arith.constant dense<[0, 15]> : tensor<2xi64>
  %zero = arith.constant dense<0> : tensor<i64>
  %shape = mote.shape %x : (tensor<2x3x5xf32>) -> tensor<3xi64>
  %in = mote.slice %shape {starts = array<i64: 0>, ends = array<i64: 2>, steps = array<i64: 1>} : (tensor<3xi64>) -> tensor<2xi64>
  %is0 = mote.equal %requested, %zero : (tensor<2xi64>, tensor<i64>) -> tensor<2xi1>
  %0 = mote.where %is0, %in, %requested : (tensor<2xi1>, tensor<2xi64>, tensor<2xi64>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}
