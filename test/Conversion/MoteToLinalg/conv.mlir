// RUN: mote-opt --convert-mote-to-linalg --split-input-file %s | FileCheck %s

// The input is padded explicitly (begin pads low, end pads high), the bias
// initializes the accumulator along the channel axis, and the fused
// activation follows as one elementwise generic.
// CHECK-DAG: #[[$CHANNEL:.+]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @conv_pad_bias_relu
// CHECK-SAME: (%[[X:.+]]: tensor<1x3x8x8xf32>, %[[W:.+]]: tensor<4x3x3x3xf32>, %[[B:.+]]: tensor<4xf32>)
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[PADDED:.+]] = tensor.pad %[[X]] low[0, 0, 1, 2] high[0, 0, 0, 1]
// CHECK: tensor.yield %[[ZERO]]
// CHECK: } : tensor<1x3x8x8xf32> to tensor<1x3x9x11xf32>
// CHECK: %[[INIT:.+]] = linalg.generic {indexing_maps = [#[[$CHANNEL]], #{{.+}}]
// CHECK-SAME: ins(%[[B]] : tensor<4xf32>)
// CHECK: %[[CONV:.+]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>}
// CHECK-SAME: ins(%[[PADDED]], %[[W]] : tensor<1x3x9x11xf32>, tensor<4x3x3x3xf32>) outs(%[[INIT]] : tensor<1x4x4x5xf32>)
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[CONV]] :
// CHECK: arith.maximumf
func.func @conv_pad_bias_relu(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x4x5xf32> {
  %0 = mote.conv %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 2, 0, 1>, dilations = array<i64: 1, 1>, group = 1 : i64, activation = #mote.activation<relu>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x4x5xf32>
  return %0 : tensor<1x4x4x5xf32>
}

// -----

// group == C == M is a depthwise convolution on the collapsed [C, kH, kW]
// weight; without bias the accumulator starts at zero.
// CHECK-LABEL: func.func @depthwise
// CHECK: %[[PADDED:.+]] = tensor.pad %{{.+}} low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: %[[INIT:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<1x8x4x4xf32>)
// CHECK: %[[FILTER:.+]] = tensor.collapse_shape %{{.+}} {{\[}}[0, 1], [2], [3]] : tensor<8x1x3x3xf32> into tensor<8x3x3xf32>
// CHECK: linalg.depthwise_conv_2d_nchw_chw {dilations = dense<2> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
// CHECK-SAME: ins(%[[PADDED]], %[[FILTER]] : tensor<1x8x8x8xf32>, tensor<8x3x3xf32>) outs(%[[INIT]] : tensor<1x8x4x4xf32>)
func.func @depthwise(%x: tensor<1x8x6x6xf32>, %w: tensor<8x1x3x3xf32>) -> tensor<1x8x4x4xf32> {
  %0 = mote.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 2, 2>, group = 8 : i64} : (tensor<1x8x6x6xf32>, tensor<8x1x3x3xf32>) -> tensor<1x8x4x4xf32>
  return %0 : tensor<1x8x4x4xf32>
}

// -----

// Other groups split the channel axes and use the grouped convolution.
// CHECK-LABEL: func.func @grouped
// CHECK-NOT: tensor.pad
// CHECK-DAG: %[[IN:.+]] = tensor.expand_shape %{{.+}} {{\[}}[0], [1, 2], [3], [4]] output_shape [1, 2, 2, 5, 5]
// CHECK-DAG: %[[FILTER:.+]] = tensor.expand_shape %{{.+}} {{\[}}[0, 1], [2], [3], [4]] output_shape [2, 3, 2, 3, 3]
// CHECK-DAG: %[[INIT:.+]] = tensor.expand_shape %{{.+}} {{\[}}[0], [1, 2], [3], [4]] output_shape [1, 2, 3, 3, 3]
// CHECK: %[[CONV:.+]] = linalg.conv_2d_ngchw_gfchw {{.+}} ins(%[[IN]], %[[FILTER]] : tensor<1x2x2x5x5xf32>, tensor<2x3x2x3x3xf32>) outs(%[[INIT]] : tensor<1x2x3x3x3xf32>)
// CHECK: tensor.collapse_shape %[[CONV]] {{\[}}[0], [1, 2], [3], [4]] : tensor<1x2x3x3x3xf32> into tensor<1x6x3x3xf32>
func.func @grouped(%x: tensor<1x4x5x5xf32>, %w: tensor<6x2x3x3xf32>) -> tensor<1x6x3x3xf32> {
  %0 = mote.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64} : (tensor<1x4x5x5xf32>, tensor<6x2x3x3xf32>) -> tensor<1x6x3x3xf32>
  return %0 : tensor<1x6x3x3xf32>
}

// -----

// 1-d convolution runs as 2-d with a unit height.
// CHECK-LABEL: func.func @conv1d
// CHECK: tensor.pad %{{.+}} low[0, 0, 2] high[0, 0, 1]
// CHECK: tensor.expand_shape %{{.+}} output_shape [1, 2, 1, 13]
// CHECK: tensor.expand_shape %{{.+}} output_shape [3, 2, 1, 3]
// CHECK: %[[CONV:.+]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<[1, 2]> : vector<2xi64>}
// CHECK-SAME: outs(%{{.+}} : tensor<1x3x1x6xf32>)
// CHECK: tensor.collapse_shape %[[CONV]] {{\[}}[0], [1], [2, 3]] : tensor<1x3x1x6xf32> into tensor<1x3x6xf32>
func.func @conv1d(%x: tensor<1x2x10xf32>, %w: tensor<3x2x3xf32>) -> tensor<1x3x6xf32> {
  %0 = mote.conv %x, %w {strides = array<i64: 2>, pads = array<i64: 2, 1>, dilations = array<i64: 1>, group = 1 : i64} : (tensor<1x2x10xf32>, tensor<3x2x3xf32>) -> tensor<1x3x6xf32>
  return %0 : tensor<1x3x6xf32>
}

// -----

// 3-d convolution with group 1.
// CHECK-LABEL: func.func @conv3d
// CHECK: linalg.conv_3d_ncdhw_fcdhw
// CHECK-SAME: ins(%{{.+}}, %{{.+}} : tensor<1x2x4x4x4xf32>, tensor<3x2x2x2x2xf32>) outs(%{{.+}} : tensor<1x3x3x3x3xf32>)
func.func @conv3d(%x: tensor<1x2x4x4x4xf32>, %w: tensor<3x2x2x2x2xf32>) -> tensor<1x3x3x3x3xf32> {
  %0 = mote.conv %x, %w {strides = array<i64: 1, 1, 1>, pads = array<i64: 0, 0, 0, 0, 0, 0>, dilations = array<i64: 1, 1, 1>, group = 1 : i64} : (tensor<1x2x4x4x4xf32>, tensor<3x2x2x2x2xf32>) -> tensor<1x3x3x3x3xf32>
  return %0 : tensor<1x3x3x3x3xf32>
}

// -----

// Transposed convolution: the input is spread with the strides into zeros,
// padded by d * (k - 1) - pad (plus output_padding at the end), and convolved
// with stride 1 by the kernel flipped spatially with in/out channels swapped.
// CHECK-DAG: #[[$FLIP:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d2, d1, -d3 + 2, -d4 + 2)>
// CHECK-LABEL: func.func @conv_transpose
// CHECK-SAME: (%[[X:.+]]: tensor<1x2x3x3xf32>, %[[W:.+]]: tensor<2x4x3x3xf32>, %[[B:.+]]: tensor<4xf32>)
// CHECK: %[[ZEROS:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<1x2x5x5xf32>)
// CHECK: %[[SPREAD:.+]] = tensor.insert_slice %[[X]] into %[[ZEROS]][0, 0, 0, 0] [1, 2, 3, 3] [1, 1, 2, 2]
// CHECK: %[[PADDED:.+]] = tensor.pad %[[SPREAD]] low[0, 0, 1, 1] high[0, 0, 2, 2]
// CHECK: %[[GROUPED:.+]] = tensor.expand_shape %[[W]] {{\[}}[0, 1], [2], [3], [4]] output_shape [1, 2, 4, 3, 3]
// CHECK: %[[FLIPPED:.+]] = linalg.generic {indexing_maps = [#[[$FLIP]], #{{.+}}]
// CHECK-SAME: ins(%[[GROUPED]] : tensor<1x2x4x3x3xf32>) outs(%{{.+}} : tensor<1x4x2x3x3xf32>)
// CHECK: %[[FILTER:.+]] = tensor.collapse_shape %[[FLIPPED]] {{\[}}[0, 1], [2], [3], [4]] : tensor<1x4x2x3x3xf32> into tensor<4x2x3x3xf32>
// CHECK: %[[INIT:.+]] = linalg.generic {{.+}} ins(%[[B]] : tensor<4xf32>)
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
// CHECK-SAME: ins(%[[PADDED]], %[[FILTER]] : tensor<1x2x8x8xf32>, tensor<4x2x3x3xf32>) outs(%[[INIT]] : tensor<1x4x6x6xf32>)
func.func @conv_transpose(%x: tensor<1x2x3x3xf32>, %w: tensor<2x4x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  %0 = mote.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, output_padding = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x2x3x3xf32>, tensor<2x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

// Pads larger than d * (k - 1) crop the spread input instead of padding it.
// CHECK-LABEL: func.func @conv_transpose_crop
// CHECK: tensor.extract_slice %{{.+}}[0, 0, 1, 1] [1, 1, 3, 3] [1, 1, 1, 1] : tensor<1x1x5x5xf32> to tensor<1x1x3x3xf32>
// CHECK-NOT: tensor.pad
// CHECK: linalg.conv_2d_nchw_fchw
// CHECK-SAME: outs(%{{.+}} : tensor<1x1x2x2xf32>)
func.func @conv_transpose_crop(%x: tensor<1x1x5x5xf32>, %w: tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32> {
  %0 = mote.conv_transpose %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 2, 2, 2, 2>, dilations = array<i64: 1, 1>, output_padding = array<i64: 0, 0>, group = 1 : i64} : (tensor<1x1x5x5xf32>, tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}
