// RUN: mote-opt %s --split-input-file --pass-pipeline="builtin.module(func.func(mote-drop-empty-buffers))" | FileCheck %s

// Copies into a zero-element buffer and linalg ops with an empty iteration
// space go; the unused zero-element argument becomes memref<0xf32>, which
// the bare-pointer LLVM lowering accepts. The non-empty buffer is untouched.
// CHECK-LABEL: func.func @model(
// CHECK-SAME: %{{[^:]*}}: memref<2x3x4xf32>, %{{[^:]*}}: memref<0xf32> {mote.name = "y"}, %{{[^:]*}}: memref<2x3x4xf32>)
// CHECK-NOT: memref.copy
// CHECK-NOT: linalg.fill
// CHECK: linalg.copy ins(%{{.*}} : memref<2x3x4xf32>) outs(%{{.*}} : memref<2x3x4xf32>)
// CHECK-NEXT: return
func.func @model(%x: memref<2x3x4xf32>, %y: memref<2x0x4xf32> {mote.name = "y"},
                 %z: memref<2x3x4xf32>) {
  %cst = arith.constant 0.0 : f32
  %view = memref.subview %x[0, 2, 0] [2, 0, 4] [1, 1, 1] : memref<2x3x4xf32> to memref<2x0x4xf32, strided<[12, 4, 1], offset: 8>>
  memref.copy %view, %y : memref<2x0x4xf32, strided<[12, 4, 1], offset: 8>> to memref<2x0x4xf32>
  linalg.fill ins(%cst : f32) outs(%y : memref<2x0x4xf32>)
  linalg.copy ins(%x : memref<2x3x4xf32>) outs(%z : memref<2x3x4xf32>)
  return
}

// -----

// A private function keeps its signature: its callers would need the change.
// CHECK-LABEL: func.func private @helper(
// CHECK-SAME: memref<2x0x4xf32>
func.func private @helper(%y: memref<2x0x4xf32>) {
  return
}
