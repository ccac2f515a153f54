// RUN: mote-opt %s --mote-expand-strided-copies | FileCheck %s

// A copy into a strided subview becomes linalg.copy (later plain loops); a
// contiguous copy stays memref.copy (later memcpy).
// CHECK-LABEL: func.func @copies
// CHECK-SAME: (%[[SRC:.*]]: memref<2x3xf32>, %[[DST:.*]]: memref<4x5xf32>, %[[OTHER:.*]]: memref<2x3xf32>)
// CHECK: %[[VIEW:.*]] = memref.subview %[[DST]]
// CHECK-NEXT: linalg.copy ins(%[[SRC]] : memref<2x3xf32>) outs(%[[VIEW]] : memref<2x3xf32, strided<[5, 1], offset: 6>>)
// CHECK-NEXT: memref.copy %[[SRC]], %[[OTHER]] : memref<2x3xf32> to memref<2x3xf32>
// CHECK-NOT: memref.copy
func.func @copies(%src: memref<2x3xf32>, %dst: memref<4x5xf32>, %other: memref<2x3xf32>) {
  %view = memref.subview %dst[1, 1] [2, 3] [1, 1] : memref<4x5xf32> to memref<2x3xf32, strided<[5, 1], offset: 6>>
  memref.copy %src, %view : memref<2x3xf32> to memref<2x3xf32, strided<[5, 1], offset: 6>>
  memref.copy %src, %other : memref<2x3xf32> to memref<2x3xf32>
  return
}
