// RUN: mote-opt --convert-mote-to-linalg --split-input-file %s | FileCheck %s

// Integer matmul: each narrow operand is extended by its own signedness
// (extsi for i8, extui for ui8) inside one contraction that accumulates in
// i32; no float appears.
// CHECK-LABEL: func.func @matmul_integer
// CHECK: %[[ZERO:.+]] = arith.constant 0 : i32
// CHECK: %[[INIT:.+]] = linalg.fill ins(%[[ZERO]] : i32) outs(%{{.+}} : tensor<2x3xi32>)
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "parallel", "reduction"]
// CHECK-SAME: ins(%{{.+}}, %{{.+}} : tensor<2x4xi8>, tensor<4x3xi8>) outs(%[[INIT]] : tensor<2x3xi32>)
// CHECK: ^bb0(%[[A:.+]]: i8, %[[B:.+]]: i8, %[[ACC:.+]]: i32):
// CHECK-DAG: %[[AX:.+]] = arith.extsi %[[A]] : i8 to i32
// CHECK-DAG: %[[BX:.+]] = arith.extui %[[B]] : i8 to i32
// CHECK: %[[P:.+]] = arith.muli %[[AX]], %[[BX]] : i32
// CHECK: %[[S:.+]] = arith.addi %[[ACC]], %[[P]] : i32
// CHECK: linalg.yield %[[S]] : i32
// CHECK-NOT: sitofp
func.func @matmul_integer(%a: tensor<2x4xi8>, %b: tensor<4x3xui8>) -> tensor<2x3xi32> {
  %0 = mote.matmul %a, %b : (tensor<2x4xi8>, tensor<4x3xui8>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

// Integer grouped convolution: one generic over (n, m, oh, ow, c, kh, kw)
// reading the zero-padded input at channel (m floordiv 2) * 2 + c; the i32
// bias initializes the accumulator.
// CHECK-DAG: #[[$IN:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, (d1 floordiv 2) * 2 + d4, d2 * 2 + d5, d3 * 2 + d6)>
// CHECK-DAG: #[[$W:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d1, d4, d5, d6)>
// CHECK-LABEL: func.func @conv_integer
// CHECK: arith.constant 0 : i8
// CHECK: %[[PAD:.+]] = tensor.pad
// CHECK: linalg.generic {{.*}}ins(%{{.+}} : tensor<4xi32>)
// CHECK: linalg.generic {indexing_maps = [#[[$IN]], #[[$W]], #{{.+}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[PAD]], %{{.+}} : tensor<1x4x7x7xi8>, tensor<4x2x3x3xi8>)
// CHECK: arith.extsi %{{.+}} : i8 to i32
// CHECK: arith.extsi %{{.+}} : i8 to i32
// CHECK: arith.muli
// CHECK: arith.addi
func.func @conv_integer(%x: tensor<1x4x5x5xi8>, %w: tensor<4x2x3x3xi8>, %b: tensor<4xi32>) -> tensor<1x4x3x3xi32> {
  %0 = mote.conv %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 2 : i64}
      : (tensor<1x4x5x5xi8>, tensor<4x2x3x3xi8>, tensor<4xi32>) -> tensor<1x4x3x3xi32>
  return %0 : tensor<1x4x3x3xi32>
}

// -----

// quantize_linear: x / scale rounded half to even, plus the zero point,
// clamped to [0, 255] and converted unsigned; a per-axis scale is read
// through (d0, d1) -> (d0).
// CHECK-DAG: #[[$AXIS0:.+]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @quantize
// CHECK: linalg.generic {indexing_maps = [#{{.+}}, #[[$AXIS0]], #[[$AXIS0]], #{{.+}}]
// CHECK: ^bb0(%[[X:.+]]: f32, %[[S:.+]]: f32, %[[Z:.+]]: i8, %{{.+}}: i8):
// CHECK: %[[Q:.+]] = arith.divf %[[X]], %[[S]] : f32
// CHECK: %[[R:.+]] = math.roundeven %[[Q]] : f32
// CHECK: %[[ZF:.+]] = arith.uitofp %[[Z]] : i8 to f32
// CHECK: %[[SUM:.+]] = arith.addf %[[R]], %[[ZF]] : f32
// CHECK: %[[LO:.+]] = arith.maximumf %[[SUM]], %{{.+}} : f32
// CHECK: %[[HI:.+]] = arith.minimumf %[[LO]], %{{.+}} : f32
// CHECK: arith.fptoui %[[HI]] : f32 to i8
func.func @quantize(%x: tensor<3x2xf32>, %s: tensor<3xf32>, %z: tensor<3xui8>) -> tensor<3x2xui8> {
  %0 = mote.quantize_linear %x, %s, %z {axis = 0 : i64} : (tensor<3x2xf32>, tensor<3xf32>, tensor<3xui8>) -> tensor<3x2xui8>
  return %0 : tensor<3x2xui8>
}

// -----

// dequantize_linear: (x - zero_point) in i32, then times the scale.
// CHECK-LABEL: func.func @dequantize
// CHECK: ^bb0(%[[X:.+]]: i8, %[[S:.+]]: f32, %[[Z:.+]]: i8, %{{.+}}: f32):
// CHECK-DAG: %[[XW:.+]] = arith.extsi %[[X]] : i8 to i32
// CHECK-DAG: %[[ZW:.+]] = arith.extsi %[[Z]] : i8 to i32
// CHECK: %[[D:.+]] = arith.subi %[[XW]], %[[ZW]] : i32
// CHECK: %[[F:.+]] = arith.sitofp %[[D]] : i32 to f32
// CHECK: arith.mulf %[[F]], %[[S]] : f32
func.func @dequantize(%x: tensor<4xi8>, %s: tensor<1xf32>, %z: tensor<1xi8>) -> tensor<4xf32> {
  %0 = mote.dequantize_linear %x, %s, %z {axis = 0 : i64} : (tensor<4xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// requantize: i32 accumulator times input_scale / output_scale, rounded half
// to even, plus the zero point, saturated to i8.
// CHECK-LABEL: func.func @requantize
// CHECK: ^bb0(%[[ACC:.+]]: i32, %[[IS:.+]]: f32, %[[OS:.+]]: f32, %[[Z:.+]]: i8, %{{.+}}: i8):
// CHECK: %[[M:.+]] = arith.divf %[[IS]], %[[OS]] : f32
// CHECK: %[[AF:.+]] = arith.sitofp %[[ACC]] : i32 to f32
// CHECK: %[[V:.+]] = arith.mulf %[[AF]], %[[M]] : f32
// CHECK: math.roundeven %[[V]] : f32
// CHECK: arith.sitofp %[[Z]] : i8 to f32
// CHECK: arith.fptosi %{{.+}} : f32 to i8
func.func @requantize(%acc: tensor<2x3xi32>, %is: tensor<3xf32>, %os: tensor<f32>, %z: tensor<i8>) -> tensor<2x3xi8> {
  %0 = mote.requantize %acc, %is, %os, %z {axis = 1 : i64} : (tensor<2x3xi32>, tensor<3xf32>, tensor<f32>, tensor<i8>) -> tensor<2x3xi8>
  return %0 : tensor<2x3xi8>
}
