// RUN: mote-opt --convert-mote-to-linalg --split-input-file %s | FileCheck %s

// Linear (half_pixel, 2x): per resized axis, compile-time tables of the two
// clamped neighbours and their weights; the generic sums the four corners.
// Output 0 maps to -0.25 (neighbours 0 and 0 after clamping, weights 0.25 and
// 0.75), output 1 to 0.25, output 2 to 0.75, output 3 to 1.25 (1 and 1).
// CHECK-DAG: #[[$H:.+]] = affine_map<(d0, d1, d2, d3) -> (d2)>
// CHECK-DAG: #[[$W:.+]] = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-LABEL: func.func @resize_linear
// CHECK-SAME: (%[[X:.+]]: tensor<1x1x2x2xf32>)
// CHECK-DAG: %[[LOW:.+]] = arith.constant dense<[0, 0, 0, 1]> : tensor<4xi32>
// CHECK-DAG: %[[HIGH:.+]] = arith.constant dense<[0, 1, 1, 1]> : tensor<4xi32>
// CHECK-DAG: %[[WLOW:.+]] = arith.constant dense<[2.500000e-01, 7.500000e-01, 2.500000e-01, 7.500000e-01]> : tensor<4xf32>
// CHECK-DAG: %[[WHIGH:.+]] = arith.constant dense<[7.500000e-01, 2.500000e-01, 7.500000e-01, 2.500000e-01]> : tensor<4xf32>
// CHECK: linalg.generic {indexing_maps = [#[[$H]], #[[$H]], #[[$H]], #[[$H]], #[[$W]], #[[$W]], #[[$W]], #[[$W]], #{{.+}}]
// CHECK-COUNT-4: tensor.extract %[[X]]
// CHECK-NOT: tensor.extract
// CHECK: linalg.yield
func.func @resize_linear(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x4x4xf32> {
  %0 = mote.resize %x {scales = array<f32: 1.0, 1.0, 2.0, 2.0>, mode = #mote.resize_mode<linear>} : (tensor<1x1x2x2xf32>) -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

// Nearest (asymmetric, floor): one index table per resized axis, a single
// extract; untouched axes read the output index.
// CHECK-LABEL: func.func @resize_nearest
// CHECK: %[[ROWS:.+]] = arith.constant dense<[0, 0, 0, 1, 1, 1]> : tensor<6xi32>
// CHECK: linalg.generic {{.+}} ins(%[[ROWS]] : tensor<6xi32>) outs(%{{.+}} : tensor<1x2x6x2xf32>)
// CHECK: %[[N:.+]] = linalg.index 0 : index
// CHECK: %[[C:.+]] = linalg.index 1 : index
// CHECK: %[[W:.+]] = linalg.index 3 : index
// CHECK: %[[R:.+]] = arith.index_cast %{{.+}} : i32 to index
// CHECK: tensor.extract %{{.+}}[%[[N]], %[[C]], %[[R]], %[[W]]] : tensor<1x2x2x2xf32>
func.func @resize_nearest(%x: tensor<1x2x2x2xf32>) -> tensor<1x2x6x2xf32> {
  %0 = mote.resize %x {scales = array<f32: 1.0, 1.0, 3.0, 1.0>, coordinate_transform = #mote.coordinate_transform<asymmetric>, nearest_mode = #mote.nearest_mode<floor>} : (tensor<1x2x2x2xf32>) -> tensor<1x2x6x2xf32>
  return %0 : tensor<1x2x6x2xf32>
}

// -----

// align_corners maps the ends onto the ends: 3 -> 5 samples at 0, 0.5, 1,
// 1.5, 2; round_prefer_ceil rounds the halves up.
// CHECK-LABEL: func.func @resize_nearest_align_corners
// CHECK: arith.constant dense<[0, 1, 1, 2, 2]> : tensor<5xi32>
func.func @resize_nearest_align_corners(%x: tensor<1x1x3xf32>) -> tensor<1x1x5xf32> {
  %0 = mote.resize %x {scales = array<f32: 1.0, 1.0, 1.66666663>, coordinate_transform = #mote.coordinate_transform<align_corners>, nearest_mode = #mote.nearest_mode<round_prefer_ceil>} : (tensor<1x1x3xf32>) -> tensor<1x1x5xf32>
  return %0 : tensor<1x1x5xf32>
}
