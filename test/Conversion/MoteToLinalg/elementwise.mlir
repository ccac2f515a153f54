// RUN: mote-opt --convert-mote-to-linalg --split-input-file %s | FileCheck %s

// Broadcasting is expressed in the indexing maps: trailing dimensions align,
// size-1 dimensions read index 0, and no broadcast tensor is materialized.
// CHECK-DAG: #[[$ID3:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[$BCAST:.+]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-LABEL: func.func @add_broadcast
// CHECK-SAME: (%[[A:.+]]: tensor<2x3x4xf32>, %[[B:.+]]: tensor<3x1xf32>)
// CHECK: %[[INIT:.+]] = tensor.empty() : tensor<2x3x4xf32>
// CHECK: linalg.generic {indexing_maps = [#[[$ID3]], #[[$BCAST]], #[[$ID3]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<2x3x4xf32>, tensor<3x1xf32>) outs(%[[INIT]] : tensor<2x3x4xf32>)
// CHECK: arith.addf
// CHECK-NOT: mote.
func.func @add_broadcast(%a: tensor<2x3x4xf32>, %b: tensor<3x1xf32>) -> tensor<2x3x4xf32> {
  %0 = mote.add %a, %b : (tensor<2x3x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// Integer arithmetic uses the integer arith ops; the lower-rank operand
// aligns with the trailing dimension.
// CHECK-DAG: #[[$TRAIL:.+]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-DAG: #[[$MID:.+]] = affine_map<(d0, d1, d2) -> (d0, 0, d2)>
// CHECK-DAG: #[[$ID3:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @integer_ops
// CHECK: linalg.generic {indexing_maps = [#[[$TRAIL]], #[[$ID3]], #[[$ID3]]]
// CHECK: arith.muli
// CHECK: linalg.generic {indexing_maps = [#[[$ID3]], #[[$MID]], #[[$ID3]]]
// CHECK: arith.divsi
// CHECK: arith.maxsi
// CHECK: arith.cmpi slt
func.func @integer_ops(%a: tensor<4xi32>, %b: tensor<2x1x4xi32>, %c: tensor<2x3x4xi32>) -> (tensor<2x3x4xi32>, tensor<2x3x4xi1>) {
  %0 = mote.mul %a, %b : (tensor<4xi32>, tensor<2x1x4xi32>) -> tensor<2x1x4xi32>
  %1 = mote.div %c, %0 : (tensor<2x3x4xi32>, tensor<2x1x4xi32>) -> tensor<2x3x4xi32>
  %2 = mote.relu %1 : tensor<2x3x4xi32>
  %3 = mote.less %2, %c : (tensor<2x3x4xi32>, tensor<2x3x4xi32>) -> tensor<2x3x4xi1>
  return %2, %3 : tensor<2x3x4xi32>, tensor<2x3x4xi1>
}

// -----

// Max/min propagate NaN like ONNX; comparisons produce i1.
// CHECK-LABEL: func.func @float_binary
// CHECK: arith.maximumf
// CHECK: arith.minimumf
// CHECK: arith.cmpf oeq
// CHECK-SAME: f32
// CHECK: -> tensor<8xi1>
// CHECK: arith.cmpf ogt
// CHECK: math.powf
func.func @float_binary(%a: tensor<8xf32>, %b: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>, tensor<8xi1>, tensor<8xi1>, tensor<8xf32>) {
  %0 = mote.max %a, %b : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %1 = mote.min %a, %b : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  %2 = mote.equal %a, %b : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xi1>
  %3 = mote.greater %a, %b : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xi1>
  %4 = mote.pow %a, %b : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  return %0, %1, %2, %3, %4 : tensor<8xf32>, tensor<8xf32>, tensor<8xi1>, tensor<8xi1>, tensor<8xf32>
}

// -----

// A constant integral exponent avoids powf (NaN for negative bases): x^2 is
// a multiplication, other integers use fpowi; the exponent is not an operand.
// CHECK-LABEL: func.func @pow_constant_exponent
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.+}} : tensor<4xf32>)
// CHECK: %[[SQ:.+]] = arith.mulf %[[X:.+]], %[[X]] : f32
// CHECK: linalg.yield %[[SQ]]
// CHECK: %[[THREE:.+]] = arith.constant 3 : i32
// CHECK: math.fpowi %{{.+}}, %[[THREE]] : f32, i32
// CHECK-NOT: math.powf
func.func @pow_constant_exponent(%a: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %two = arith.constant dense<2.0> : tensor<f32>
  %three = arith.constant dense<3.0> : tensor<1xf32>
  %0 = mote.pow %a, %two : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %1 = mote.pow %a, %three : (tensor<4xf32>, tensor<1xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// Unary ops: sigmoid is 1 / (1 + exp(-x)); transcendentals stay math ops.
// CHECK-LABEL: func.func @unary
// CHECK: %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[NEG:.+]] = arith.negf %{{.+}} : f32
// CHECK: %[[EXP:.+]] = math.exp %[[NEG]] : f32
// CHECK: %[[DEN:.+]] = arith.addf %[[ONE]], %[[EXP]] : f32
// CHECK: arith.divf %[[ONE]], %[[DEN]] : f32
// CHECK: math.tanh
// CHECK: math.erf
// CHECK: math.sqrt
// CHECK: math.log
// CHECK: math.absf
// CHECK: arith.cmpf olt
// CHECK: arith.select
func.func @unary(%a: tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>) {
  %0 = mote.sigmoid %a : tensor<2x2xf32>
  %1 = mote.tanh %a : tensor<2x2xf32>
  %2 = mote.erf %a : tensor<2x2xf32>
  %3 = mote.sqrt %a : tensor<2x2xf32>
  %4 = mote.log %a : tensor<2x2xf32>
  %5 = mote.abs %a : tensor<2x2xf32>
  %6 = mote.leaky_relu %a {alpha = 0.1 : f32} : tensor<2x2xf32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>
}

// -----

// hard_swish is x * clamp(x / 6 + 1 / 2, 0, 1); clip skips infinite bounds.
// CHECK-LABEL: func.func @hard_swish_and_clip
// CHECK: arith.constant 0.16666
// CHECK: arith.maximumf
// CHECK: arith.minimumf
// CHECK: arith.mulf
// CHECK: linalg.generic
// CHECK: %[[LOW:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: arith.maximumf %{{.+}}, %[[LOW]]
// CHECK-NOT: arith.minimumf
// CHECK: linalg.yield
func.func @hard_swish_and_clip(%a: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = mote.hard_swish %a : tensor<4xf32>
  %1 = mote.clip %a {min = 0.0 : f64, max = 0x7FF0000000000000 : f64} : tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// Cast: float to int truncates (fptosi), anything to bool is x != 0, bool to
// a number is unsigned (0/1).
// CHECK-LABEL: func.func @casts
// CHECK: arith.fptosi %{{.+}} : f32 to i32
// CHECK: arith.cmpf une
// CHECK: arith.uitofp %{{.+}} : i1 to f32
// CHECK: arith.extsi %{{.+}} : i8 to i64
// CHECK: arith.cmpi ne
func.func @casts(%f: tensor<3xf32>, %b: tensor<3xi1>, %i: tensor<3xi8>) -> (tensor<3xi32>, tensor<3xi1>, tensor<3xf32>, tensor<3xi64>, tensor<3xi1>) {
  %0 = mote.cast %f : tensor<3xf32> to tensor<3xi32>
  %1 = mote.cast %f : tensor<3xf32> to tensor<3xi1>
  %2 = mote.cast %b : tensor<3xi1> to tensor<3xf32>
  %3 = mote.cast %i : tensor<3xi8> to tensor<3xi64>
  %4 = mote.cast %i : tensor<3xi8> to tensor<3xi1>
  return %0, %1, %2, %3, %4 : tensor<3xi32>, tensor<3xi1>, tensor<3xf32>, tensor<3xi64>, tensor<3xi1>
}

// -----

// where broadcasts all three operands; identity disappears.
// CHECK-DAG: #[[$ROW:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[$COL:.+]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-LABEL: func.func @where_identity
// CHECK-SAME: (%[[C:.+]]: tensor<2x3xi1>, %[[X:.+]]: tensor<3xf32>, %[[Y:.+]]: tensor<2x1xf32>)
// CHECK: linalg.generic {indexing_maps = [#{{.+}}, #[[$ROW]], #[[$COL]], #{{.+}}]
// CHECK-SAME: ins(%[[C]], %[[X]], %[[Y]] :
// CHECK: arith.select
// CHECK-NOT: mote.identity
func.func @where_identity(%c: tensor<2x3xi1>, %x: tensor<3xf32>, %y: tensor<2x1xf32>) -> tensor<2x3xf32> {
  %0 = mote.where %c, %x, %y : (tensor<2x3xi1>, tensor<3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
  %1 = mote.identity %0 : tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}
