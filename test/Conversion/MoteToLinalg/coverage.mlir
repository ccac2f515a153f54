// RUN: mote-opt --convert-mote-to-linalg --split-input-file %s | FileCheck %s

// Unary math ops become one generic each with the matching math op; Round
// is half-to-even; Softplus is the overflow-free max(x, 0) + log1p(exp(-|x|)).
// CHECK-LABEL: func.func @unary_math
// CHECK: math.floor
// CHECK: math.ceil
// CHECK: math.roundeven
// CHECK: math.sin
// CHECK: math.acos
// CHECK: math.atanh
// CHECK: math.absf
// CHECK: math.exp
// CHECK: math.log1p
// CHECK: arith.addf
// CHECK: math.expm1
// CHECK-NOT: mote.
func.func @unary_math(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = mote.floor %x : tensor<4xf32>
  %1 = mote.ceil %0 : tensor<4xf32>
  %2 = mote.round %1 : tensor<4xf32>
  %3 = mote.sin %2 : tensor<4xf32>
  %4 = mote.acos %3 : tensor<4xf32>
  %5 = mote.atanh %4 : tensor<4xf32>
  %6 = mote.softplus %5 : tensor<4xf32>
  %7 = mote.elu %6 {alpha = 0.5 : f32} : tensor<4xf32>
  return %7 : tensor<4xf32>
}

// -----

// Sign keeps zero (and NaN) and selects +-1 otherwise; on integers it
// compares signed.
// CHECK-LABEL: func.func @sign_int
// CHECK: linalg.generic
// CHECK: arith.cmpi sgt
// CHECK: arith.cmpi slt
// CHECK: arith.select
// CHECK: arith.select
func.func @sign_int(%x: tensor<4xi32>) -> tensor<4xi32> {
  %0 = mote.sign %x : tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// Logical ops on i1; not is xor with true; comparisons keep ordered float
// predicates.
// CHECK-LABEL: func.func @logical
// CHECK: arith.cmpf oge
// CHECK: arith.cmpf ole
// CHECK: arith.andi
// CHECK: arith.ori
// CHECK: arith.xori
// CHECK: %[[TRUE:.+]] = arith.constant true
// CHECK: arith.xori %{{.*}}, %[[TRUE]]
// CHECK: arith.cmpf uno
func.func @logical(%a: tensor<4xf32>, %b: tensor<4xf32>) -> (tensor<4xi1>, tensor<4xi1>) {
  %0 = mote.greater_equal %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %1 = mote.less_equal %a, %b : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %2 = mote.and %0, %1 : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %3 = mote.or %2, %0 : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %4 = mote.xor %3, %1 : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %5 = mote.not %4 : tensor<4xi1>
  %6 = mote.is_nan %a : (tensor<4xf32>) -> tensor<4xi1>
  return %5, %6 : tensor<4xi1>, tensor<4xi1>
}

// -----

// Integer mod never divides by 0 or -1 (a divisor of 1 takes their place);
// the floored form moves a remainder whose sign differs from the divisor's.
// A float fmod is a - trunc(a / b) * b: no libm fmodf.
// CHECK-LABEL: func.func @mod
// CHECK: arith.ori
// CHECK: arith.select
// CHECK: arith.remsi
// CHECK: arith.xori
// CHECK: arith.cmpi slt
// CHECK: arith.addi
// CHECK: arith.divf
// CHECK: math.trunc
// CHECK: arith.mulf
// CHECK: arith.subf
// CHECK-NOT: arith.remf
func.func @mod(%a: tensor<4xi32>, %b: tensor<4xi32>, %c: tensor<4xf32>, %d: tensor<4xf32>) -> (tensor<4xi32>, tensor<4xf32>) {
  %0 = mote.mod %a, %b : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %1 = mote.mod %c, %d {fmod = true} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xi32>, tensor<4xf32>
}

// -----

// reduce_prod starts at 1 and multiplies.
// CHECK-LABEL: func.func @reduce_prod
// CHECK: %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
// CHECK: linalg.fill ins(%[[ONE]] : f32)
// CHECK: linalg.reduce
// CHECK: arith.mulf
func.func @reduce_prod(%x: tensor<2x3xf32>) -> tensor<2x1xf32> {
  %0 = mote.reduce_prod %x {axes = array<i64: 1>} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// -----

// arg_max reduces into a value and an index accumulator in one generic;
// a strict comparison keeps the first maximum, >= with select_last_index.
// CHECK-DAG: #[[$IN:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$OUT:.+]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @arg_max
// CHECK: linalg.generic {indexing_maps = [#[[$IN]], #[[$OUT]], #[[$OUT]]], iterator_types = ["parallel", "reduction"]}
// CHECK: arith.cmpf ogt
// CHECK: linalg.index 1
// CHECK: arith.index_cast
// CHECK: tensor.expand_shape
// CHECK: arith.cmpf oge
// CHECK-LABEL: func.func @arg_min_int
// CHECK: arith.cmpi slt
func.func @arg_max(%x: tensor<2x3xf32>) -> (tensor<2x1xi64>, tensor<2xi64>) {
  %0 = mote.arg_max %x {axis = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x1xi64>
  %1 = mote.arg_max %x {axis = 1 : i64, keepdims = false, select_last_index = true} : (tensor<2x3xf32>) -> tensor<2xi64>
  return %0, %1 : tensor<2x1xi64>, tensor<2xi64>
}
func.func @arg_min_int(%x: tensor<2x3xi32>) -> tensor<2xi64> {
  %0 = mote.arg_min %x {axis = 1 : i64, keepdims = false} : (tensor<2x3xi32>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

// gather_elements reads data at the iteration position with the axis
// coordinate replaced by the (wrapped, clamped) index.
// CHECK-LABEL: func.func @gather_elements
// CHECK-SAME: (%[[DATA:.+]]: tensor<3x3xf32>, %[[IDX:.+]]: tensor<2x3xi64>)
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[IDX]] : tensor<2x3xi64>)
// CHECK: %[[I0:.+]] = linalg.index 0
// CHECK: %[[I1:.+]] = linalg.index 1
// CHECK: arith.index_cast
// CHECK: arith.maxsi
// CHECK: %[[POS:.+]] = arith.minsi
// CHECK: tensor.extract %[[DATA]][%[[POS]], %[[I1]]]
func.func @gather_elements(%data: tensor<3x3xf32>, %idx: tensor<2x3xi64>) -> tensor<2x3xf32> {
  %0 = mote.gather_elements %data, %idx {axis = 0 : i64} : (tensor<3x3xf32>, tensor<2x3xi64>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
