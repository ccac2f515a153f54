// RUN: mote-opt %s --split-input-file --mote-plan-arena="alignment=64 io-in-arena=true" --verify-diagnostics | FileCheck %s

// io-in-arena: the input becomes an arena buffer alive for the whole call
// (the caller wrote it before) and the output one alive from its first
// write to the end (the caller reads it after). Of the three 64-byte
// intermediates, %a and %c alternate in one slot, and %b, which dies before
// the output is written, shares the output's: 192 bytes, where the default
// build needs 128 bytes of arena plus 128 of caller buffers. The arguments
// are gone and mote.io_offsets says where they live, in argument order
// (input, then output).
// CHECK: module attributes {{.*}}mote.arena_size = 192 : i64, mote.io_num_inputs = 1 : i64, mote.io_offsets = array<i64: [[$IN_OFF:[0-9]+]], [[$OUT_OFF:[0-9]+]]>}
// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[ARENA:[^:]*]]: memref<192xi8> {mote.name = "arena"})
// CHECK-SAME: attributes {mote.num_inputs = 0 : i64, mote.num_outputs = 0 : i64}
// CHECK-NOT: memref.alloc
// CHECK: %[[C_IN:.*]] = arith.constant [[$IN_OFF]] : index
// CHECK-NEXT: %[[IN:.*]] = memref.view %[[ARENA]][%[[C_IN]]][] : memref<192xi8> to memref<16xf32>
// CHECK-NEXT: %[[C_OUT:.*]] = arith.constant [[$OUT_OFF]] : index
// CHECK-NEXT: %[[OUT:.*]] = memref.view %[[ARENA]][%[[C_OUT]]][] : memref<192xi8> to memref<16xf32>
// CHECK: memref.copy %[[IN]], %{{.*}}
// CHECK: memref.copy %{{.*}}, %[[OUT]]
// CHECK-NOT: mote.io_index
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

// An elementwise op whose input dies there would normally write over it;
// the caller's input must stay intact, so the output gets its own bytes.
// CHECK: module attributes {{.*}}mote.arena_size = 128 : i64, mote.io_num_inputs = 1 : i64, mote.io_offsets = array<i64: {{0, 64|64, 0}}>}
// CHECK-LABEL: func.func @main(
// CHECK: %[[IN:.*]] = memref.view
// CHECK: %[[OUT:.*]] = memref.view
// CHECK: linalg.generic {{.*}} ins(%[[IN]] : memref<16xf32>) outs(%[[OUT]] : memref<16xf32>)
#map = affine_map<(d0) -> (d0)>
module {
  func.func @main(%in: memref<16xf32>, %out: memref<16xf32> {bufferize.result}) {
    linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]} ins(%in : memref<16xf32>) outs(%out : memref<16xf32>) {
    ^bb0(%x: f32, %y: f32):
      %n = arith.negf %x : f32
      linalg.yield %n : f32
    }
    return
  }
}

// -----

// Dynamic shapes cannot have a planned offset.
module {
  // expected-error @+1 {{io-in-arena needs statically shaped, identity-layout memref arguments, but argument 0 has type 'memref<?xf32>'}}
  func.func @main(%in: memref<?xf32>, %out: memref<16xf32> {bufferize.result}) {
    return
  }
}
