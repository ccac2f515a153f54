// RUN: mote-opt %s --canonicalize | FileCheck %s

// Small constants fold through neg and the new comparison, logical and mod
// ops, so that shape arithmetic in expanded ONNX functions stays static.
// CHECK-LABEL: func.func @folds
// CHECK-DAG: arith.constant dense<[-1, 2]> : tensor<2xi64>
// CHECK-DAG: arith.constant dense<[true, false]> : tensor<2xi1>
// CHECK-DAG: arith.constant dense<[false, true]> : tensor<2xi1>
// CHECK-DAG: arith.constant dense<[2, 1, -1, -2]> : tensor<4xi32>
// CHECK-DAG: arith.constant dense<[2, -2, 2, -2]> : tensor<4xi32>
// CHECK-NOT: mote.
func.func @folds() -> (tensor<2xi64>, tensor<2xi1>, tensor<2xi1>, tensor<4xi32>, tensor<4xi32>) {
  %a = arith.constant dense<[1, -2]> : tensor<2xi64>
  %b = arith.constant dense<[0, 0]> : tensor<2xi64>
  %n = mote.neg %a : tensor<2xi64>
  %ge = mote.greater_equal %a, %b : (tensor<2xi64>, tensor<2xi64>) -> tensor<2xi1>
  %le = mote.less_equal %a, %b : (tensor<2xi64>, tensor<2xi64>) -> tensor<2xi1>
  %x = mote.xor %ge, %le : (tensor<2xi1>, tensor<2xi1>) -> tensor<2xi1>
  %nx = mote.and %x, %le : (tensor<2xi1>, tensor<2xi1>) -> tensor<2xi1>
  %p = arith.constant dense<[5, -5, 5, -5]> : tensor<4xi32>
  %q = arith.constant dense<[3, 3, -3, -3]> : tensor<4xi32>
  // Floored: the remainder takes the divisor's sign.
  %m = mote.mod %p, %q : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  // fmod: the dividend's sign.
  %f = mote.mod %p, %q {fmod = true} : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %n, %ge, %nx, %m, %f : tensor<2xi64>, tensor<2xi1>, tensor<2xi1>, tensor<4xi32>, tensor<4xi32>
}
