// RUN: mote-opt %s --mote-plan-arena="alignment=64 io-in-arena=true guard-bytes=16" | FileCheck %s

// io-in-arena with guard zones (motec --io-in-arena --arena-check): the
// input and the output each take a 192-byte slot, a 64-byte guard (16
// rounded up to the alignment), 64 bytes of contents and a 64-byte guard,
// and the status word one more 64-byte slot. mote.io_offsets point past
// the first guard. The input's guards are filled when the call starts and
// the output's before its first write; both are compared before the return,
// and the comparisons set the status word the entry point reads.
// CHECK: module attributes {{{.*}}mote.arena_check_status_offset = {{[0-9]+}} : i64,{{.*}} mote.arena_size = 448 : i64, mote.io_num_inputs = 1 : i64, mote.io_offsets = array<i64: [[$IN:[0-9]+]], [[$OUT:[0-9]+]]>}
// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[ARENA:[^:]*]]: memref<448xi8> {mote.name = "arena"})
// CHECK: memref.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<1xi32>
// CHECK: linalg.fill ins(%{{.*}} : i8) outs(%{{.*}} : memref<64xi8>)
// CHECK: linalg.fill ins(%{{.*}} : i8) outs(%{{.*}} : memref<64xi8>)
// CHECK: %[[C_IN:.*]] = arith.constant [[$IN]] : index
// CHECK-NEXT: %[[VIEW_IN:.*]] = memref.view %[[ARENA]][%[[C_IN]]][] : memref<448xi8> to memref<16xf32>
// CHECK: %[[C_OUT:.*]] = arith.constant [[$OUT]] : index
// CHECK-NEXT: %[[VIEW_OUT:.*]] = memref.view %[[ARENA]][%[[C_OUT]]][] : memref<448xi8> to memref<16xf32>
// CHECK: linalg.fill ins(%{{.*}} : i8) outs(%{{.*}} : memref<64xi8>)
// CHECK: linalg.fill ins(%{{.*}} : i8) outs(%{{.*}} : memref<64xi8>)
// CHECK: linalg.generic {{.*}} ins(%[[VIEW_IN]] : memref<16xf32>) outs(%[[VIEW_OUT]] : memref<16xf32>)
// Two zones of the input, then two of the output, each compared byte by byte.
// CHECK-COUNT-2: scf.for {{.*}} -> (i1)
// CHECK: memref.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<1xi32>
// CHECK-COUNT-2: scf.for {{.*}} -> (i1)
// CHECK: memref.store %{{.*}}, %{{.*}}[%{{.*}}] : memref<1xi32>
// CHECK-NEXT: return
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
