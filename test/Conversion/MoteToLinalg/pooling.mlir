// RUN: mote-opt --convert-mote-to-linalg --split-input-file %s | FileCheck %s

// Max pooling pads with -inf; ceil_mode's overhanging last window (rows 4..6
// of a 6-row input) gets one extra padded row at the end.
// CHECK-LABEL: func.func @max_pool_ceil_mode
// CHECK: %[[NEG_INF:.+]] = arith.constant 0xFF800000 : f32
// CHECK: %[[PADDED:.+]] = tensor.pad %{{.+}} low[0, 0, 0, 0] high[0, 0, 1, 0]
// CHECK: tensor.yield %[[NEG_INF]]
// CHECK: } : tensor<1x2x6x7xf32> to tensor<1x2x7x7xf32>
// CHECK: %[[INIT:.+]] = linalg.fill ins(%[[NEG_INF]] : f32) outs(%{{.+}} : tensor<1x2x3x3xf32>)
// CHECK: %[[WINDOW:.+]] = tensor.empty() : tensor<3x3xf32>
// CHECK: linalg.pooling_nchw_max {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>}
// CHECK-SAME: ins(%[[PADDED]], %[[WINDOW]] : tensor<1x2x7x7xf32>, tensor<3x3xf32>) outs(%[[INIT]] : tensor<1x2x3x3xf32>)
func.func @max_pool_ceil_mode(%x: tensor<1x2x6x7xf32>) -> tensor<1x2x3x3xf32> {
  %0 = mote.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<1x2x6x7xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

// Without count_include_pad, border windows count only the positions inside
// the input: a compile-time divisor table (corner 2x2, edge 2x3, inside 3x3).
// CHECK-DAG: #[[$SPATIAL:.+]] = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
// CHECK-LABEL: func.func @average_pool_exclude_pad
// CHECK: %[[PADDED:.+]] = tensor.pad %{{.+}} low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: %[[SUM:.+]] = linalg.pooling_nchw_sum {{.+}} ins(%[[PADDED]], %{{.+}} : tensor<1x2x9x9xf32>, tensor<3x3xf32>)
// CHECK: %[[DIVISORS:.+]] = arith.constant dense<{{\[}}[4.000000e+00, 6.000000e+00, 6.000000e+00, 4.000000e+00], [6.000000e+00, 9.000000e+00, 9.000000e+00, 6.000000e+00], [6.000000e+00, 9.000000e+00, 9.000000e+00, 6.000000e+00], [4.000000e+00, 6.000000e+00, 6.000000e+00, 4.000000e+00]]> : tensor<4x4xf32>
// CHECK: linalg.generic {indexing_maps = [#{{.+}}, #[[$SPATIAL]], #{{.+}}]
// CHECK-SAME: ins(%[[SUM]], %[[DIVISORS]] :
// CHECK: arith.divf
func.func @average_pool_exclude_pad(%x: tensor<1x2x7x7xf32>) -> tensor<1x2x4x4xf32> {
  %0 = mote.average_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>} : (tensor<1x2x7x7xf32>) -> tensor<1x2x4x4xf32>
  return %0 : tensor<1x2x4x4xf32>
}

// -----

// With count_include_pad and ceil_mode, the declared padding counts but the
// extra ceil_mode padding does not: the last window along the height covers
// input row 5, the declared end pad (row 6) and the extra pad (row 7), of
// which two count.
// CHECK-LABEL: func.func @average_pool_ceil_include_pad
// CHECK: tensor.pad %{{.+}} low[0, 0, 1, 1] high[0, 0, 2, 1]
// CHECK: arith.constant dense<{{\[}}[9.000000e+00, 9.000000e+00, 9.000000e+00], [9.000000e+00, 9.000000e+00, 9.000000e+00], [9.000000e+00, 9.000000e+00, 9.000000e+00], [6.000000e+00, 6.000000e+00, 6.000000e+00]]> : tensor<4x3xf32>
func.func @average_pool_ceil_include_pad(%x: tensor<1x1x6x5xf32>) -> tensor<1x1x4x3xf32> {
  %0 = mote.average_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, ceil_mode = true, count_include_pad = true} : (tensor<1x1x6x5xf32>) -> tensor<1x1x4x3xf32>
  return %0 : tensor<1x1x4x3xf32>
}

// -----

// Every window counts the same: one scalar divisor, no table.
// CHECK-LABEL: func.func @average_pool_uniform
// CHECK-NOT: tensor.pad
// CHECK: linalg.pooling_nchw_sum
// CHECK: %[[FOUR:.+]] = arith.constant 4.000000e+00 : f32
// CHECK: arith.divf %{{.+}}, %[[FOUR]] : f32
func.func @average_pool_uniform(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32> {
  %0 = mote.average_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

// 1-d pooling runs as 2-d with a unit height; integer max pooling pads and
// starts from the type's minimum.
// CHECK-LABEL: func.func @max_pool_1d_int
// CHECK: %[[IN:.+]] = tensor.expand_shape %{{.+}} {{\[}}[0], [1], [2, 3]] output_shape [1, 2, 1, 10]
// CHECK: %[[MIN:.+]] = arith.constant -128 : i8
// CHECK: linalg.fill ins(%[[MIN]] : i8)
// CHECK: %[[POOL:.+]] = linalg.pooling_nchw_max {dilations = dense<1> : vector<2xi64>, strides = dense<[1, 2]> : vector<2xi64>} ins(%[[IN]], %{{.+}} : tensor<1x2x1x10xi8>, tensor<1x2xi8>)
// CHECK: tensor.collapse_shape %[[POOL]] {{\[}}[0], [1], [2, 3]] : tensor<1x2x1x5xi8> into tensor<1x2x5xi8>
func.func @max_pool_1d_int(%x: tensor<1x2x10xi8>) -> tensor<1x2x5xi8> {
  %0 = mote.max_pool %x {kernel_shape = array<i64: 2>, strides = array<i64: 2>, pads = array<i64: 0, 0>, dilations = array<i64: 1>} : (tensor<1x2x10xi8>) -> tensor<1x2x5xi8>
  return %0 : tensor<1x2x5xi8>
}

// -----

// 3-d pooling has no NCDHW named op upstream: a generic over
// (n, c, od, oh, ow, kd, kh, kw) reads input[n, c, o * stride + k * dilation]
// and reduces over the window dimensions; ceil_mode pads the width by one.
// CHECK-DAG: #[[$IN:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2 * 2 + d5, d3 + d6 * 2, d4 * 2 + d7)>
// CHECK-DAG: #[[$WIN:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d5, d6, d7)>
// CHECK-DAG: #[[$OUT:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
// CHECK-LABEL: func.func @max_pool_3d
// CHECK: tensor.pad %{{.+}} low[0, 0, 1, 1, 0] high[0, 0, 1, 1, 1]
// CHECK: %[[WINDOW:.+]] = tensor.empty() : tensor<2x3x2xf32>
// CHECK: linalg.generic {indexing_maps = [#[[$IN]], #[[$WIN]], #[[$OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK-SAME: ins(%{{.+}}, %[[WINDOW]] : tensor<1x2x7x8x8xf32>, tensor<2x3x2xf32>) outs(%{{.+}} : tensor<1x2x3x4x4xf32>)
// CHECK: arith.maximumf
func.func @max_pool_3d(%x: tensor<1x2x5x6x7xf32>) -> tensor<1x2x3x4x4xf32> {
  %0 = mote.max_pool %x {kernel_shape = array<i64: 2, 3, 2>, strides = array<i64: 2, 1, 2>, pads = array<i64: 1, 1, 0, 1, 1, 0>, dilations = array<i64: 1, 2, 1>, ceil_mode = true} : (tensor<1x2x5x6x7xf32>) -> tensor<1x2x3x4x4xf32>
  return %0 : tensor<1x2x3x4x4xf32>
}
