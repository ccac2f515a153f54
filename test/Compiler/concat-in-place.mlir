// A concat's operands are written straight into their slices of the concat
// buffer: empty-tensor elimination before one-shot bufferization turns each
// producer's tensor.empty init into a slice of the concat's destination, so
// no memref.copy is left into the concat (SqueezeNet's fire modules).
//
// RUN: mote-opt %s --split-input-file --mote-lower-to-linalg --mote-bufferize | FileCheck %s

// CHECK-LABEL: func.func @main
// CHECK:         %[[LOW:.*]] = memref.subview %[[CONCAT:[a-z0-9_]+]][0, 0, 0, 0] [1, 4, 6, 6]
// CHECK:         linalg.generic {{.*}} outs(%[[LOW]] :
// CHECK:         %[[HIGH:.*]] = memref.subview %[[CONCAT]][0, 4, 0, 0] [1, 4, 6, 6]
// CHECK:         linalg.generic {{.*}} outs(%[[HIGH]] :
// CHECK-NOT:     memref.copy
// CHECK:         linalg.generic {{.*}} ins(%[[CONCAT]] :
// CHECK-NOT:     memref.copy
// CHECK:         return
func.func @main(%x: tensor<1x4x6x6xf32>) -> tensor<1x8x6x6xf32> {
  %a = mote.relu %x : tensor<1x4x6x6xf32>
  %b = mote.sigmoid %x : tensor<1x4x6x6xf32>
  %c = mote.concat %a, %b {axis = 1 : i64} : (tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>) -> tensor<1x8x6x6xf32>
  %d = mote.tanh %c : tensor<1x8x6x6xf32>
  return %d : tensor<1x8x6x6xf32>
}

// -----

// The same value twice: one producer cannot write two slices, so both
// slices are copies of its buffer.
// CHECK-LABEL: func.func @main
// CHECK:         linalg.generic {{.*}} outs(%[[RELU:[^ ]*]] :
// CHECK:         memref.copy %[[RELU]], %{{.*}} : memref<1x4x6x6xf32> to memref<1x4x6x6xf32, strided<[288, 36, 6, 1]>>
// CHECK:         memref.copy %[[RELU]], %{{.*}} : memref<1x4x6x6xf32> to memref<1x4x6x6xf32, strided<[288, 36, 6, 1], offset: 144>>
// CHECK:         return
func.func @main(%x: tensor<1x4x6x6xf32>) -> tensor<1x8x6x6xf32> {
  %a = mote.relu %x : tensor<1x4x6x6xf32>
  %c = mote.concat %a, %a {axis = 1 : i64} : (tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>) -> tensor<1x8x6x6xf32>
  %d = mote.tanh %c : tensor<1x8x6x6xf32>
  return %d : tensor<1x8x6x6xf32>
}
