// RUN: mote-opt %s --split-input-file --mote-rematerialize-inits | FileCheck %s

// Two convolutions start from one bias fill (CSE merged them): the second
// gets its own fill into its own tensor.empty.
// CHECK-LABEL: func.func @shared_bias
// CHECK:         %[[E0:.*]] = tensor.empty() : tensor<1x4x6x6xf32>
// CHECK:         %[[F0:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[E0]]
// CHECK:         linalg.conv_2d_nchw_fchw {{.*}} outs(%[[F0]] :
// CHECK:         %[[E1:.*]] = tensor.empty() : tensor<1x4x6x6xf32>
// CHECK:         %[[F1:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[E1]]
// CHECK:         linalg.conv_2d_nchw_fchw {{.*}} outs(%[[F1]] :
func.func @shared_bias(%a: tensor<1x3x8x8xf32>, %b: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>)
    -> (tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>) {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x4x6x6xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x4x6x6xf32>) -> tensor<1x4x6x6xf32>
  %0 = linalg.conv_2d_nchw_fchw ins(%a, %w : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) outs(%fill : tensor<1x4x6x6xf32>) -> tensor<1x4x6x6xf32>
  %1 = linalg.conv_2d_nchw_fchw ins(%b, %w : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) outs(%fill : tensor<1x4x6x6xf32>) -> tensor<1x4x6x6xf32>
  return %0, %1 : tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>
}

// -----

// A bias broadcast from a constant that one op also reads: both
// destinations get a clone, the reader keeps the original.
// CHECK-LABEL: func.func @broadcast_read_too
// CHECK:         %[[SHARED:.*]] = linalg.generic {{.*}} ins(%cst
// CHECK:         %[[C0:.*]] = linalg.generic {{.*}} ins(%cst
// CHECK:         linalg.conv_2d_nchw_fchw {{.*}} outs(%[[C0]] :
// CHECK:         %[[C1:.*]] = linalg.generic {{.*}} ins(%cst
// CHECK:         linalg.conv_2d_nchw_fchw {{.*}} outs(%[[C1]] :
// CHECK:         linalg.add ins(%[[SHARED]], {{.*}})
#bias = affine_map<(n, c, h, w) -> (c)>
#id = affine_map<(n, c, h, w) -> (n, c, h, w)>
func.func @broadcast_read_too(%a: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>)
    -> (tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>) {
  %cst = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %empty = tensor.empty() : tensor<1x4x6x6xf32>
  %bias = linalg.generic {indexing_maps = [#bias, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%cst : tensor<4xf32>) outs(%empty : tensor<1x4x6x6xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<1x4x6x6xf32>
  %0 = linalg.conv_2d_nchw_fchw ins(%a, %w : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) outs(%bias : tensor<1x4x6x6xf32>) -> tensor<1x4x6x6xf32>
  %1 = linalg.conv_2d_nchw_fchw ins(%a, %w : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) outs(%bias : tensor<1x4x6x6xf32>) -> tensor<1x4x6x6xf32>
  %2 = linalg.add ins(%bias, %0 : tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>) outs(%empty : tensor<1x4x6x6xf32>) -> tensor<1x4x6x6xf32>
  return %0, %1, %2 : tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>
}

// -----

// An init computed from a function argument is not a constant: a clone
// would repeat real work, so it stays shared.
// CHECK-LABEL: func.func @computed_init
// CHECK-COUNT-1: linalg.generic
// CHECK-NOT:     linalg.generic
#id2 = affine_map<(n, c, h, w) -> (n, c, h, w)>
func.func @computed_init(%a: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %init: tensor<1x4x6x6xf32>)
    -> (tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>) {
  %empty = tensor.empty() : tensor<1x4x6x6xf32>
  %scaled = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%init : tensor<1x4x6x6xf32>) outs(%empty : tensor<1x4x6x6xf32>) {
  ^bb0(%in: f32, %out: f32):
    %d = arith.addf %in, %in : f32
    linalg.yield %d : f32
  } -> tensor<1x4x6x6xf32>
  %0 = linalg.conv_2d_nchw_fchw ins(%a, %w : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) outs(%scaled : tensor<1x4x6x6xf32>) -> tensor<1x4x6x6xf32>
  %1 = linalg.conv_2d_nchw_fchw ins(%a, %w : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) outs(%scaled : tensor<1x4x6x6xf32>) -> tensor<1x4x6x6xf32>
  return %0, %1 : tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>
}
