// RUN: mote-opt --convert-mote-to-linalg --split-input-file %s | FileCheck %s

// Reshapes become collapse/expand_shape; shapes without a single
// reassociation go through 1-d.
// CHECK-LABEL: func.func @reshape
// CHECK: tensor.collapse_shape %{{.+}} {{\[}}[0], [1, 2]] : tensor<3x4x5xf32> into tensor<3x20xf32>
// CHECK: %[[FLAT:.+]] = tensor.collapse_shape %{{.+}} {{\[}}[0, 1, 2]] : tensor<3x4x5xf32> into tensor<60xf32>
// CHECK: tensor.expand_shape %[[FLAT]] {{\[}}[0, 1]] output_shape [6, 10] : tensor<60xf32> into tensor<6x10xf32>
// CHECK-NOT: tensor.reshape
func.func @reshape(%x: tensor<3x4x5xf32>) -> (tensor<3x20xf32>, tensor<6x10xf32>) {
  %0 = mote.reshape %x : (tensor<3x4x5xf32>) -> tensor<3x20xf32>
  %1 = mote.reshape %x : (tensor<3x4x5xf32>) -> tensor<6x10xf32>
  return %0, %1 : tensor<3x20xf32>, tensor<6x10xf32>
}

// -----

// CHECK-LABEL: func.func @transpose
// CHECK: %[[INIT:.+]] = tensor.empty() : tensor<5x3x4xi8>
// CHECK: linalg.transpose ins(%{{.+}} : tensor<3x4x5xi8>) outs(%[[INIT]] : tensor<5x3x4xi8>) permutation = [2, 0, 1]
func.func @transpose(%x: tensor<3x4x5xi8>) -> tensor<5x3x4xi8> {
  %0 = mote.transpose %x {perm = array<i64: 2, 0, 1>} : (tensor<3x4x5xi8>) -> tensor<5x3x4xi8>
  return %0 : tensor<5x3x4xi8>
}

// -----

// Concat inserts each input at its offset along the axis.
// CHECK-LABEL: func.func @concat
// CHECK-SAME: (%[[A:.+]]: tensor<2x3xf32>, %[[B:.+]]: tensor<2x1xf32>)
// CHECK: %[[EMPTY:.+]] = tensor.empty() : tensor<2x4xf32>
// CHECK: %[[FIRST:.+]] = tensor.insert_slice %[[A]] into %[[EMPTY]][0, 0] [2, 3] [1, 1]
// CHECK: tensor.insert_slice %[[B]] into %[[FIRST]][0, 3] [2, 1] [1, 1]
func.func @concat(%a: tensor<2x3xf32>, %b: tensor<2x1xf32>) -> tensor<2x4xf32> {
  %0 = mote.concat %a, %b {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// Positive steps: a strided extract_slice.
// CHECK-LABEL: func.func @slice_positive
// CHECK: tensor.extract_slice %{{.+}}[1, 0, 1] [2, 2, 2] [1, 2, 3] : tensor<3x4x5xf32> to tensor<2x2x2xf32>
func.func @slice_positive(%x: tensor<3x4x5xf32>) -> tensor<2x2x2xf32> {
  %0 = mote.slice %x {starts = array<i64: 1, 0, 1>, ends = array<i64: 3, 4, 5>, steps = array<i64: 1, 2, 3>} : (tensor<3x4x5xf32>) -> tensor<2x2x2xf32>
  return %0 : tensor<2x2x2xf32>
}

// -----

// Negative steps: result index d reads start + d * step.
// CHECK-DAG: #[[$REVERSED:.+]] = affine_map<(d0, d1, d2) -> (-d0 + 2, d1 * -2 + 3, d2 * -3 + 4)>
// CHECK-LABEL: func.func @slice_negative
// CHECK: linalg.generic {indexing_maps = [#[[$REVERSED]], #{{.+}}]
// CHECK-SAME: ins(%{{.+}} : tensor<3x4x5xf32>) outs(%{{.+}} : tensor<3x2x2xf32>)
func.func @slice_negative(%x: tensor<3x4x5xf32>) -> tensor<3x2x2xf32> {
  %0 = mote.slice %x {starts = array<i64: 2, 3, 4>, ends = array<i64: -1, 0, 0>, steps = array<i64: -1, -2, -3>} : (tensor<3x4x5xf32>) -> tensor<3x2x2xf32>
  return %0 : tensor<3x2x2xf32>
}

// -----

// Gather: negative indices wrap, the rest is clamped into range before the
// tensor.extract.
// CHECK-DAG: #[[$INDICES:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d2)>
// CHECK-LABEL: func.func @gather
// CHECK-SAME: (%[[DATA:.+]]: tensor<3x4x5xf32>, %[[IDX:.+]]: tensor<2x2xi64>)
// CHECK: linalg.generic {indexing_maps = [#[[$INDICES]], #{{.+}}]
// CHECK-SAME: ins(%[[IDX]] : tensor<2x2xi64>)
// CHECK: %[[I0:.+]] = linalg.index 0 : index
// CHECK: %[[I3:.+]] = linalg.index 3 : index
// CHECK: %[[CAST:.+]] = arith.index_cast %{{.+}} : i64 to index
// CHECK: %[[SIZE:.+]] = arith.constant 4 : index
// CHECK: %[[NEG:.+]] = arith.cmpi slt, %[[CAST]]
// CHECK: %[[WRAPPED:.+]] = arith.addi %[[CAST]], %[[SIZE]]
// CHECK: %[[SEL:.+]] = arith.select %[[NEG]], %[[WRAPPED]], %[[CAST]]
// CHECK: %[[LOW:.+]] = arith.maxsi %[[SEL]]
// CHECK: %[[CLAMPED:.+]] = arith.minsi %[[LOW]]
// CHECK: tensor.extract %[[DATA]][%[[I0]], %[[CLAMPED]], %[[I3]]] : tensor<3x4x5xf32>
func.func @gather(%x: tensor<3x4x5xf32>, %i: tensor<2x2xi64>) -> tensor<3x2x2x5xf32> {
  %0 = mote.gather %x, %i {axis = 1 : i64} : (tensor<3x4x5xf32>, tensor<2x2xi64>) -> tensor<3x2x2x5xf32>
  return %0 : tensor<3x2x2x5xf32>
}

// -----

// broadcast_to is a generic with a broadcasting map, no copy of the input
// per output element beyond the read.
// CHECK-DAG: #[[$BCAST:.+]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-LABEL: func.func @broadcast_to
// CHECK: linalg.generic {indexing_maps = [#[[$BCAST]], #{{.+}}]
// CHECK-SAME: ins(%{{.+}} : tensor<4x1xi1>) outs(%{{.+}} : tensor<2x4x3xi1>)
func.func @broadcast_to(%x: tensor<4x1xi1>) -> tensor<2x4x3xi1> {
  %0 = mote.broadcast_to %x : (tensor<4x1xi1>) -> tensor<2x4x3xi1>
  return %0 : tensor<2x4x3xi1>
}

// -----

// Constant padding crops negative amounts first, then pads with the value.
// CHECK-LABEL: func.func @pad_constant_crop
// CHECK-DAG: %[[CROPPED:.+]] = tensor.extract_slice %{{.+}}[1, 0] [2, 4] [1, 1] : tensor<3x4xi32> to tensor<2x4xi32>
// CHECK-DAG: %[[VALUE:.+]] = arith.constant 7 : i32
// CHECK: tensor.pad %[[CROPPED]] low[0, 2] high[0, 1]
// CHECK: tensor.yield %[[VALUE]]
// CHECK: } : tensor<2x4xi32> to tensor<2x7xi32>
func.func @pad_constant_crop(%x: tensor<3x4xi32>) -> tensor<2x7xi32> {
  %0 = mote.pad %x {pads = array<i64: -1, 2, 0, 1>, value = 7.0 : f64} : (tensor<3x4xi32>) -> tensor<2x7xi32>
  return %0 : tensor<2x7xi32>
}

// -----

// Reflect padding mirrors positions around the first and last element.
// CHECK-LABEL: func.func @pad_reflect
// CHECK: linalg.generic
// CHECK-NOT: ins(
// CHECK-SAME: outs(%{{.+}} : tensor<5x7xf32>)
// CHECK: %[[ROW:.+]] = linalg.index 0 : index
// CHECK: %[[ONE:.+]] = arith.constant 1 : index
// CHECK: %[[P:.+]] = arith.subi %[[ROW]], %[[ONE]] : index
// CHECK: %[[MIRROR:.+]] = arith.subi %{{.+}}, %[[P]] : index
// CHECK: arith.cmpi slt, %[[P]]
// CHECK: arith.constant 4 : index
// CHECK: arith.cmpi sgt
// CHECK: tensor.extract %{{.+}} : tensor<3x4xf32>
func.func @pad_reflect(%x: tensor<3x4xf32>) -> tensor<5x7xf32> {
  %0 = mote.pad %x {pads = array<i64: 1, 2, 1, 1>, mode = #mote.pad_mode<reflect>} : (tensor<3x4xf32>) -> tensor<5x7xf32>
  return %0 : tensor<5x7xf32>
}

// -----

// Edge padding clamps positions.
// CHECK-LABEL: func.func @pad_edge
// CHECK: linalg.index 1 : index
// CHECK: arith.maxsi
// CHECK: arith.minsi
// CHECK-NOT: arith.cmpi
// CHECK: tensor.extract
func.func @pad_edge(%x: tensor<3x4xf32>) -> tensor<3x9xf32> {
  %0 = mote.pad %x {pads = array<i64: 0, 2, 0, 3>, mode = #mote.pad_mode<edge>} : (tensor<3x4xf32>) -> tensor<3x9xf32>
  return %0 : tensor<3x9xf32>
}

// -----

// CHECK-LABEL: func.func @shape
// CHECK: %[[SHAPE:.+]] = arith.constant dense<[3, 4, 5]> : tensor<3xi64>
// CHECK: return %[[SHAPE]]
func.func @shape(%x: tensor<3x4x5xf32>) -> tensor<3xi64> {
  %0 = mote.shape %x : (tensor<3x4x5xf32>) -> tensor<3xi64>
  return %0 : tensor<3xi64>
}
