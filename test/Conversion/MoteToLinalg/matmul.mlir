// RUN: mote-opt --convert-mote-to-linalg --split-input-file %s | FileCheck %s

// Gemm with trans_b reads B through the matmul's indexing maps (no copy of
// the weight); C (beta = 1) broadcasts into the accumulator.
// CHECK-DAG: #[[$ROWVEC:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[$A:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[$BT:.+]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[$C:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @gemm_trans_b
// CHECK-SAME: (%[[A:.+]]: tensor<3x5xf32>, %[[B:.+]]: tensor<4x5xf32>, %[[C:.+]]: tensor<4xf32>)
// CHECK: %[[INIT:.+]] = linalg.generic {indexing_maps = [#[[$ROWVEC]], #{{.+}}]
// CHECK-SAME: ins(%[[C]] : tensor<4xf32>)
// CHECK: %[[MM:.+]] = linalg.matmul indexing_maps = [#[[$A]], #[[$BT]], #[[$C]]] ins(%[[A]], %[[B]] : tensor<3x5xf32>, tensor<4x5xf32>) outs(%[[INIT]] : tensor<3x4xf32>)
// CHECK: return %[[MM]]
func.func @gemm_trans_b(%a: tensor<3x5xf32>, %b: tensor<4x5xf32>, %c: tensor<4xf32>) -> tensor<3x4xf32> {
  %0 = mote.gemm %a, %b, %c {trans_b = true} : (tensor<3x5xf32>, tensor<4x5xf32>, tensor<4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// With alpha != 1 the product accumulates from zero and alpha * AB + beta * C
// plus the activation follow in one generic.
// CHECK-DAG: #[[$AT:.+]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK-DAG: #[[$COLVEC:.+]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-LABEL: func.func @gemm_alpha_beta
// CHECK: %[[ZERO:.+]] = linalg.fill
// CHECK: %[[MM:.+]] = linalg.matmul indexing_maps = [#[[$AT]], {{.+}}] {{.+}} outs(%[[ZERO]] : tensor<3x4xf32>)
// CHECK: linalg.generic {indexing_maps = [#{{.+}}, #[[$COLVEC]], #{{.+}}]
// CHECK-SAME: ins(%[[MM]], %{{.+}} : tensor<3x4xf32>, tensor<3x1xf32>)
// CHECK: arith.constant 5.000000e-01 : f32
// CHECK: arith.mulf
// CHECK: arith.constant 2.000000e+00 : f32
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: math.tanh
func.func @gemm_alpha_beta(%a: tensor<5x3xf32>, %b: tensor<5x4xf32>, %c: tensor<3x1xf32>) -> tensor<3x4xf32> {
  %0 = mote.gemm %a, %b, %c {trans_a = true, alpha = 0.5 : f32, beta = 2.0 : f32, activation = #mote.activation<tanh>} : (tensor<5x3xf32>, tensor<5x4xf32>, tensor<3x1xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// A batched LHS against a 2-d RHS is one matmul over batch * M rows; the bias
// initializes the accumulator.
// CHECK-LABEL: func.func @matmul_flatten_batch
// CHECK: %[[FLAT:.+]] = tensor.collapse_shape %{{.+}} {{\[}}[0, 1], [2]] : tensor<2x3x4xf32> into tensor<6x4xf32>
// CHECK: %[[INIT:.+]] = linalg.generic {{.+}} ins(%{{.+}} : tensor<5xf32>) outs(%{{.+}} : tensor<6x5xf32>)
// CHECK: %[[MM:.+]] = linalg.matmul ins(%[[FLAT]], %{{.+}} : tensor<6x4xf32>, tensor<4x5xf32>) outs(%[[INIT]] : tensor<6x5xf32>)
// CHECK: tensor.expand_shape %[[MM]] {{\[}}[0, 1], [2]] output_shape [2, 3, 5]
func.func @matmul_flatten_batch(%a: tensor<2x3x4xf32>, %b: tensor<4x5xf32>, %bias: tensor<5xf32>) -> tensor<2x3x5xf32> {
  %0 = mote.matmul %a, %b, %bias : (tensor<2x3x4xf32>, tensor<4x5xf32>, tensor<5xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// -----

// Equal batch shapes use batch_matmul.
// CHECK-LABEL: func.func @matmul_batch
// CHECK: linalg.batch_matmul ins(%{{.+}}, %{{.+}} : tensor<2x3x4xf32>, tensor<2x4x5xf32>) outs(%{{.+}} : tensor<2x3x5xf32>)
func.func @matmul_batch(%a: tensor<2x3x4xf32>, %b: tensor<2x4x5xf32>) -> tensor<2x3x5xf32> {
  %0 = mote.matmul %a, %b : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// -----

// Batch dimensions that broadcast against each other: a contraction generic
// with broadcasting maps over (batch..., m, n, k).
// CHECK-DAG: #[[$LHS:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, 0, d2, d4)>
// CHECK-DAG: #[[$RHS:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d4, d3)>
// CHECK-DAG: #[[$OUT:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @matmul_broadcast_batch
// CHECK: linalg.generic {indexing_maps = [#[[$LHS]], #[[$RHS]], #[[$OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
// CHECK: arith.mulf
// CHECK: arith.addf
func.func @matmul_broadcast_batch(%a: tensor<2x1x3x4xf32>, %b: tensor<5x4x2xf32>) -> tensor<2x5x3x2xf32> {
  %0 = mote.matmul %a, %b : (tensor<2x1x3x4xf32>, tensor<5x4x2xf32>) -> tensor<2x5x3x2xf32>
  return %0 : tensor<2x5x3x2xf32>
}

// -----

// 1-d operands are promoted and the unit dimension removed again; integer
// matmuls stay linalg.matmul.
// CHECK-LABEL: func.func @matmul_vector_int
// CHECK: %[[ROW:.+]] = tensor.expand_shape %{{.+}} {{\[}}[0, 1]] output_shape [1, 4] : tensor<4xi32> into tensor<1x4xi32>
// CHECK: %[[MM:.+]] = linalg.matmul ins(%[[ROW]], %{{.+}} : tensor<1x4xi32>, tensor<4x5xi32>)
// CHECK: tensor.collapse_shape %[[MM]] {{\[}}[0, 1]] : tensor<1x5xi32> into tensor<5xi32>
func.func @matmul_vector_int(%a: tensor<4xi32>, %b: tensor<4x5xi32>) -> tensor<5xi32> {
  %0 = mote.matmul %a, %b : (tensor<4xi32>, tensor<4x5xi32>) -> tensor<5xi32>
  return %0 : tensor<5xi32>
}
