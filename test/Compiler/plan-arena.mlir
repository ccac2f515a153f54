// RUN: mote-opt %s --split-input-file --mote-plan-arena="alignment=64" | FileCheck %s

// Three 64-byte buffers; the third reuses the first's range once the first is
// dead, so the arena holds two.
// CHECK: module attributes {mote.arena_align = 64 : i64, mote.arena_heuristic = "program-order", mote.arena_lower_bound = 128 : i64, mote.arena_peak_layer = "<unnamed>", mote.arena_size = 128 : i64}
// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[IN:[^:]*]]: memref<16xf32>, %[[OUT:[^:]*]]: memref<16xf32> {bufferize.result}, %[[ARENA:[^:]*]]: memref<128xi8> {mote.name = "arena"})
// CHECK-SAME: attributes {mote.num_inputs = 1 : i64, mote.num_outputs = 1 : i64}
// CHECK-NOT: memref.alloc
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[A:.*]] = memref.view %[[ARENA]][%[[C0]]][] : memref<128xi8> to memref<16xf32>
// CHECK: memref.copy %[[IN]], %[[A]]
// CHECK: %[[C64:.*]] = arith.constant 64 : index
// CHECK: %[[B:.*]] = memref.view %[[ARENA]][%[[C64]]][] : memref<128xi8> to memref<16xf32>
// CHECK: memref.copy %[[A]], %[[B]]
// CHECK: %[[C:.*]] = memref.view %[[ARENA]][%{{.*}}][] : memref<128xi8> to memref<16xf32>
// CHECK: memref.copy %[[B]], %[[C]]
// CHECK: memref.copy %[[C]], %[[OUT]]
// CHECK-NOT: memref.dealloc
module {
  func.func @main(%in: memref<16xf32>, %out: memref<16xf32> {bufferize.result}) {
    %a = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
    memref.copy %in, %a : memref<16xf32> to memref<16xf32>
    %b = memref.alloc() : memref<16xf32>
    memref.copy %a, %b : memref<16xf32> to memref<16xf32>
    %c = memref.alloc() : memref<16xf32>
    memref.copy %b, %c : memref<16xf32> to memref<16xf32>
    memref.copy %c, %out : memref<16xf32> to memref<16xf32>
    memref.dealloc %c : memref<16xf32>
    return
  }
}

// -----

// A view of a buffer keeps it alive: %small's range is reused only after the
// last use of its subview. Sizes are rounded up to the alignment (10 bytes of
// i8 take a 64-byte slot) and nested allocations live as long as their
// top-level op.
// CHECK: module attributes {mote.arena_align = 64 : i64, mote.arena_heuristic = "program-order", mote.arena_lower_bound = 192 : i64, mote.arena_peak_layer = "<unnamed>", mote.arena_size = 192 : i64}
// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[ARENA:[^:]*]]: memref<192xi8> {mote.name = "arena"})
// CHECK: %[[O1:.*]] = arith.constant 0 : index
// CHECK-NEXT: memref.view %[[ARENA]][%[[O1]]][] : memref<192xi8> to memref<10xi8>
// CHECK: %[[O2:.*]] = arith.constant 64 : index
// CHECK-NEXT: memref.view %[[ARENA]][%[[O2]]][] : memref<192xi8> to memref<4xi64>
// CHECK: scf.for
// CHECK: %[[O3:.*]] = arith.constant 128 : index
// CHECK-NEXT: memref.view %[[ARENA]][%[[O3]]][] : memref<192xi8> to memref<2xf32>
// CHECK: %[[O4:.*]] = arith.constant 0 : index
// CHECK-NEXT: memref.view %[[ARENA]][%[[O4]]][] : memref<192xi8> to memref<8xf32>
module {
  func.func @main(%in: memref<10xi8>, %out: memref<8xf32> {bufferize.result}) {
    %small = memref.alloc() : memref<10xi8>
    memref.copy %in, %small : memref<10xi8> to memref<10xi8>
    %sub = memref.subview %small[2] [4] [1] : memref<10xi8> to memref<4xi8, strided<[1], offset: 2>>
    %long = memref.alloca() : memref<4xi64>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    scf.for %i = %c0 to %c4 step %c1 {
      %tmp = memref.alloc() : memref<2xf32>
      %v = memref.load %sub[%i] : memref<4xi8, strided<[1], offset: 2>>
      %w = arith.extsi %v : i8 to i64
      memref.store %w, %long[%i] : memref<4xi64>
    }
    %big = memref.alloc() : memref<8xf32>
    memref.copy %big, %out : memref<8xf32> to memref<8xf32>
    %x = memref.load %long[%c0] : memref<4xi64>
    return
  }
}
