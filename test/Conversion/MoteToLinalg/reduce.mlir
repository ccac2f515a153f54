// RUN: mote-opt --convert-mote-to-linalg --split-input-file %s | FileCheck %s

// reduce_mean: linalg.reduce from 0, divide by the reduced element count,
// then re-insert the reduced axis for keepdims.
// CHECK-LABEL: func.func @reduce_mean_keepdims
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[INIT:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.+}} : tensor<2x4xf32>)
// CHECK: %[[SUM:.+]] = linalg.reduce ins(%{{.+}} : tensor<2x3x4xf32>) outs(%[[INIT]] : tensor<2x4xf32>) dimensions = [1]
// CHECK: arith.addf
// CHECK: %[[MEAN:.+]] = linalg.generic {{.+}} ins(%[[SUM]] : tensor<2x4xf32>)
// CHECK: %[[COUNT:.+]] = arith.constant 3.000000e+00 : f32
// CHECK: arith.divf %{{.+}}, %[[COUNT]]
// CHECK: tensor.expand_shape %[[MEAN]] {{\[}}[0], [1, 2]] output_shape [2, 1, 4] : tensor<2x4xf32> into tensor<2x1x4xf32>
func.func @reduce_mean_keepdims(%x: tensor<2x3x4xf32>) -> tensor<2x1x4xf32> {
  %0 = mote.reduce_mean %x {axes = array<i64: 1>, keepdims = true} : (tensor<2x3x4xf32>) -> tensor<2x1x4xf32>
  return %0 : tensor<2x1x4xf32>
}

// -----

// Integer max starts from the signed minimum; without keepdims the reduced
// axes disappear.
// CHECK-LABEL: func.func @reduce_max_int
// CHECK: %[[LOWEST:.+]] = arith.constant -2147483648 : i32
// CHECK: linalg.fill ins(%[[LOWEST]] : i32)
// CHECK: %[[MAX:.+]] = linalg.reduce ins(%{{.+}} : tensor<2x3x4xi32>) outs(%{{.+}} : tensor<3xi32>) dimensions = [0, 2]
// CHECK: arith.maxsi
// CHECK: return %[[MAX]]
func.func @reduce_max_int(%x: tensor<2x3x4xi32>) -> tensor<3xi32> {
  %0 = mote.reduce_max %x {axes = array<i64: 0, 2>, keepdims = false} : (tensor<2x3x4xi32>) -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

// Float min starts from +inf and propagates NaN.
// CHECK-LABEL: func.func @reduce_min_all
// CHECK: arith.constant 0x7F800000 : f32
// CHECK: linalg.reduce ins(%{{.+}} : tensor<2x3xf32>) outs(%{{.+}} : tensor<f32>) dimensions = [0, 1]
// CHECK: arith.minimumf
// CHECK: tensor.expand_shape %{{.+}} [] output_shape [1, 1] : tensor<f32> into tensor<1x1xf32>
func.func @reduce_min_all(%x: tensor<2x3xf32>) -> tensor<1x1xf32> {
  %0 = mote.reduce_min %x {axes = array<i64: 0, 1>, keepdims = true} : (tensor<2x3xf32>) -> tensor<1x1xf32>
  return %0 : tensor<1x1xf32>
}

// -----

// Softmax is the numerically stable max / exp(x - max) / sum sequence.
// CHECK-DAG: #[[$ROWS:.+]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @softmax
// CHECK: arith.constant 0xFF800000 : f32
// CHECK: %[[MAX:.+]] = linalg.reduce ins(%[[X:.+]] : tensor<2x5xf32>) outs(%{{.+}} : tensor<2xf32>) dimensions = [1]
// CHECK: arith.maximumf
// CHECK: %[[EXP:.+]] = linalg.generic {indexing_maps = [#{{.+}}, #[[$ROWS]], #{{.+}}]
// CHECK-SAME: ins(%[[X]], %[[MAX]] : tensor<2x5xf32>, tensor<2xf32>)
// CHECK: arith.subf
// CHECK: math.exp
// CHECK: %[[SUM:.+]] = linalg.reduce ins(%[[EXP]] : tensor<2x5xf32>) outs(%{{.+}} : tensor<2xf32>) dimensions = [1]
// CHECK: linalg.generic {{.+}} ins(%[[EXP]], %[[SUM]] : tensor<2x5xf32>, tensor<2xf32>)
// CHECK: arith.divf
func.func @softmax(%x: tensor<2x5xf32>) -> tensor<2x5xf32> {
  %0 = mote.softmax %x {axis = 1 : i64} : tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

// log_softmax: x - max - log(sum(exp(x - max))).
// CHECK-LABEL: func.func @log_softmax
// CHECK: %[[MAX:.+]] = linalg.reduce
// CHECK: %[[EXP:.+]] = linalg.generic
// CHECK: %[[SUM:.+]] = linalg.reduce ins(%[[EXP]]
// CHECK: linalg.generic {{.+}} ins(%{{.+}}, %[[MAX]], %[[SUM]] : tensor<3x4xf32>, tensor<4xf32>, tensor<4xf32>)
// CHECK: %[[SHIFTED:.+]] = arith.subf
// CHECK: %[[LOG:.+]] = math.log
// CHECK: arith.subf %[[SHIFTED]], %[[LOG]]
func.func @log_softmax(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %0 = mote.log_softmax %x {axis = 0 : i64} : tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// batch_norm reads its four parameters along the channel axis.
// CHECK-DAG: #[[$CHANNEL:.+]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @batch_norm
// CHECK: linalg.generic {indexing_maps = [#{{.+}}, #[[$CHANNEL]], #[[$CHANNEL]], #[[$CHANNEL]], #[[$CHANNEL]], #{{.+}}]
// CHECK: arith.subf
// CHECK: %[[EPS:.+]] = arith.constant 1.000000e-03 : f32
// CHECK: arith.addf %{{.+}}, %[[EPS]]
// CHECK: math.sqrt
// CHECK: arith.divf
func.func @batch_norm(%x: tensor<1x3x4x4xf32>, %s: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<1x3x4x4xf32> {
  %0 = mote.batch_norm %x, %s, %b, %m, %v {epsilon = 1.0e-3 : f32} : (tensor<1x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

// layer_norm: mean and variance over the trailing axes, then scale and bias
// broadcast against them.
// CHECK-DAG: #[[$OUTER:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[$LAST:.+]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-LABEL: func.func @layer_norm
// CHECK: linalg.reduce {{.+}} dimensions = [2]
// CHECK: linalg.reduce {{.+}} dimensions = [2]
// CHECK: math.sqrt
// CHECK: linalg.generic {indexing_maps = [#{{.+}}, #[[$OUTER]], #[[$OUTER]], #[[$LAST]], #[[$LAST]], #{{.+}}]
func.func @layer_norm(%x: tensor<2x3x4xf32>, %s: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<2x3x4xf32> {
  %0 = mote.layer_norm %x, %s, %b {axis = 2 : i64} : (tensor<2x3x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}
