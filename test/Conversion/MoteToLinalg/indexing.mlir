// RUN: mote-opt --convert-mote-to-linalg --split-input-file %s | FileCheck %s

// scatter_nd: a loop over the index tuples carrying the 2-d view of data
// [rows, row size]; each tuple's row index is built from its (wrapped,
// clamped) coordinates, then an inner loop combines and inserts the row.
// CHECK-LABEL: func.func @scatter_nd_add
// CHECK: %[[DATA:[^ ]+]] = tensor.collapse_shape %{{.+}} {{\[}}[0], [1, 2]] : tensor<4x4x4xf32> into tensor<4x16xf32>
// CHECK: %[[RESULT:[^ ]+]] = scf.for %[[N:[^ ]+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[ACC:[^ ]+]] = %[[DATA]]) -> (tensor<4x16xf32>)
// CHECK:   tensor.extract %{{.+}}[%[[N]], %{{.+}}] : tensor<2x1xi64>
// CHECK:   arith.cmpi slt
// CHECK:   arith.select
// CHECK:   arith.maxsi
// CHECK:   arith.minsi
// CHECK:   scf.for %[[C:[^ ]+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[ROW:[^ ]+]] = %[[ACC]]) -> (tensor<4x16xf32>)
// CHECK:     %[[U:[^ ]+]] = tensor.extract %{{.+}}[%[[N]], %[[C]]] : tensor<2x16xf32>
// CHECK:     %[[OLD:[^ ]+]] = tensor.extract %[[ROW]][%{{.+}}, %[[C]]] : tensor<4x16xf32>
// CHECK:     %[[SUM:[^ ]+]] = arith.addf %[[OLD]], %[[U]] : f32
// CHECK:     tensor.insert %[[SUM]] into %[[ROW]][%{{.+}}, %[[C]]] : tensor<4x16xf32>
// CHECK: tensor.expand_shape %[[RESULT]] {{\[}}[0], [1, 2]] output_shape [4, 4, 4] : tensor<4x16xf32> into tensor<4x4x4xf32>
func.func @scatter_nd_add(%data: tensor<4x4x4xf32>, %indices: tensor<2x1xi64>,
                          %updates: tensor<2x4x4xf32>) -> tensor<4x4x4xf32> {
  %0 = mote.scatter_nd %data, %indices, %updates {reduction = "add"} : (tensor<4x4x4xf32>, tensor<2x1xi64>, tensor<2x4x4xf32>) -> tensor<4x4x4xf32>
  return %0 : tensor<4x4x4xf32>
}

// -----

// Without a reduction the update is inserted as it is: no read of the old
// element.
// CHECK-LABEL: func.func @scatter_nd_none
// CHECK: scf.for
// CHECK: scf.for
// CHECK-NOT: arith.addf
// CHECK: %[[U:[^ ]+]] = tensor.extract %{{.+}} : tensor<3x1xi32>
// CHECK-NEXT: tensor.insert %[[U]] into
func.func @scatter_nd_none(%data: tensor<2x2xi32>, %indices: tensor<3x2xi64>,
                           %updates: tensor<3xi32>) -> tensor<2x2xi32> {
  %0 = mote.scatter_nd %data, %indices, %updates : (tensor<2x2xi32>, tensor<3x2xi64>, tensor<3xi32>) -> tensor<2x2xi32>
  return %0 : tensor<2x2xi32>
}

// -----

// top_k: a loop over the other dims, k picks, each a scan of the axis that
// keeps the best element after the previous pick (ties: lower index first).
// CHECK-LABEL: func.func @top_k
// CHECK-DAG: %[[VALUES:[^ ]+]] = tensor.empty() : tensor<3x2xf32>
// CHECK-DAG: %[[INDICES:[^ ]+]] = tensor.empty() : tensor<3x2xi64>
// CHECK: scf.for %[[ROW:[^ ]+]] = {{.+}} iter_args(%{{.+}} = %[[VALUES]], %{{.+}} = %[[INDICES]])
// CHECK:   scf.for %[[PICK:[^ ]+]] = {{.+}} -> (tensor<3x2xf32>, tensor<3x2xi64>, f32, i64)
// CHECK:     scf.for %[[POS:[^ ]+]] = {{.+}} -> (f32, i64)
// CHECK:       tensor.extract %{{.+}}[%[[ROW]], %[[POS]]] : tensor<3x4xf32>
// CHECK:       arith.cmpf olt
// CHECK:       arith.cmpf oeq
// CHECK:     tensor.insert %{{.+}} into %{{.+}}[%[[ROW]], %[[PICK]]] : tensor<3x2xf32>
// CHECK:     tensor.insert %{{.+}} into %{{.+}}[%[[ROW]], %[[PICK]]] : tensor<3x2xi64>
func.func @top_k(%x: tensor<3x4xf32>) -> (tensor<3x2xf32>, tensor<3x2xi64>) {
  %v, %i = mote.top_k %x {axis = 1 : i64, k = 2 : i64, largest = false} : (tensor<3x4xf32>) -> (tensor<3x2xf32>, tensor<3x2xi64>)
  return %v, %i : tensor<3x2xf32>, tensor<3x2xi64>
}
