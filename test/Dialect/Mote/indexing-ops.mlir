// RUN: mote-opt %s | mote-opt | FileCheck %s

// CHECK-LABEL: func.func @scatter_nd
// CHECK: mote.scatter_nd %{{.*}}, %{{.*}}, %{{.*}} {reduction = "add"} : (tensor<4x4x4xf32>, tensor<2x1xi64>, tensor<2x4x4xf32>) -> tensor<4x4x4xf32>
// CHECK: mote.scatter_nd %{{.*}}, %{{.*}}, %{{.*}} : (tensor<4x4x4xf32>, tensor<3x3xi64>, tensor<3xf32>) -> tensor<4x4x4xf32>
func.func @scatter_nd(%data: tensor<4x4x4xf32>, %rows: tensor<2x1xi64>,
                      %slices: tensor<2x4x4xf32>, %points: tensor<3x3xi64>,
                      %values: tensor<3xf32>) -> (tensor<4x4x4xf32>, tensor<4x4x4xf32>) {
  %0 = mote.scatter_nd %data, %rows, %slices {reduction = "add"} : (tensor<4x4x4xf32>, tensor<2x1xi64>, tensor<2x4x4xf32>) -> tensor<4x4x4xf32>
  %1 = mote.scatter_nd %data, %points, %values : (tensor<4x4x4xf32>, tensor<3x3xi64>, tensor<3xf32>) -> tensor<4x4x4xf32>
  return %0, %1 : tensor<4x4x4xf32>, tensor<4x4x4xf32>
}

// CHECK-LABEL: func.func @top_k
// CHECK: mote.top_k %{{.*}} {axis = 1 : i64, k = 3 : i64, largest = false} : (tensor<3x4xf32>) -> (tensor<3x3xf32>, tensor<3x3xi64>)
func.func @top_k(%x: tensor<3x4xf32>) -> (tensor<3x3xf32>, tensor<3x3xi64>) {
  %values, %indices = mote.top_k %x {axis = 1 : i64, k = 3 : i64, largest = false} : (tensor<3x4xf32>) -> (tensor<3x3xf32>, tensor<3x3xi64>)
  return %values, %indices : tensor<3x3xf32>, tensor<3x3xi64>
}
