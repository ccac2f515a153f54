// RUN: mote-opt %s --mote-plan-arena="alignment=64" | FileCheck %s
// RUN: mote-opt %s --mote-plan-arena="alignment=64 reorder=false" | FileCheck %s --check-prefix=KEEP

// Two branches read %a: a small one (%d) and a hungry one (%b, reduced to
// %c). In program order the small branch's result is alive while the hungry
// one runs: %a + %d + %b = 256 + 256 + 1024 bytes. Running the hungry branch
// first frees %b before %d exists (and %d then overwrites %a in place):
// peak %a + %b + %c = 256 + 1024 + 64.
// CHECK: mote.arena_lower_bound = 1344 : i64
// CHECK-SAME: mote.arena_size = 1344 : i64
// CHECK-LABEL: func.func @main(
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : memref<64x4xf32>)
// CHECK: linalg.reduce
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : memref<64xf32>)
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : memref<64xf32>)
// KEEP: mote.arena_lower_bound = 1536 : i64
// KEEP-LABEL: func.func @main(
// KEEP: linalg.generic {{.*}} outs(%{{.*}} : memref<64xf32>)
// KEEP: linalg.generic {{.*}} outs(%{{.*}} : memref<64x4xf32>)
#id = affine_map<(d0) -> (d0)>
#zero = affine_map<(d0) -> (0)>
#row = affine_map<(d0, d1) -> (d0)>
#all = affine_map<(d0, d1) -> (d0, d1)>
module {
  func.func @main(%in: memref<64xf32>, %out: memref<64xf32> {bufferize.result}) {
    %a = memref.alloc() : memref<64xf32>
    memref.copy %in, %a : memref<64xf32> to memref<64xf32>
    %d = memref.alloc() : memref<64xf32>
    linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
        ins(%a : memref<64xf32>) outs(%d : memref<64xf32>) {
    ^bb0(%x: f32, %y: f32):
      %r = arith.negf %x : f32
      linalg.yield %r : f32
    }
    %b = memref.alloc() : memref<64x4xf32>
    linalg.generic {indexing_maps = [#row, #all], iterator_types = ["parallel", "parallel"]}
        ins(%a : memref<64xf32>) outs(%b : memref<64x4xf32>) {
    ^bb0(%x: f32, %y: f32):
      linalg.yield %x : f32
    }
    %c = memref.alloc() : memref<4xf32>
    linalg.reduce ins(%b : memref<64x4xf32>) outs(%c : memref<4xf32>) dimensions = [0]
      (%x: f32, %acc: f32) {
        %s = arith.addf %x, %acc : f32
        linalg.yield %s : f32
      }
    linalg.generic {indexing_maps = [#id, #zero, #id], iterator_types = ["parallel"]}
        ins(%d, %c : memref<64xf32>, memref<4xf32>) outs(%out : memref<64xf32>) {
    ^bb0(%x: f32, %z: f32, %y: f32):
      %s = arith.addf %x, %z : f32
      linalg.yield %s : f32
    }
    return
  }
}
