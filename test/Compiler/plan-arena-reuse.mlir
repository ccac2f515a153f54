// RUN: mote-opt %s --split-input-file --mote-plan-arena="alignment=64" | FileCheck %s
// RUN: mote-opt %s --split-input-file --mote-plan-arena="alignment=64 reuse=false" | FileCheck %s --check-prefix=NOREUSE

// An elementwise op whose input dies there writes over it: both buffers get
// offset 0 and the arena holds one of them. Without reuse it holds two.
// CHECK: module attributes {mote.arena_align = 64 : i64, mote.arena_heuristic = "program-order", mote.arena_lower_bound = 64 : i64, mote.arena_peak_layer = "{{.*}}", mote.arena_size = 64 : i64}
// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[ARENA:[^:]*]]: memref<64xi8> {mote.name = "arena"})
// CHECK: %[[O1:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[A:.*]] = memref.view %[[ARENA]][%[[O1]]][] : memref<64xi8> to memref<4x4xf32>
// CHECK: %[[O2:.*]] = arith.constant 0 : index
// CHECK-NEXT: %[[B:.*]] = memref.view %[[ARENA]][%[[O2]]][] : memref<64xi8> to memref<4x4xf32>
// CHECK: linalg.generic {{.*}} ins(%[[A]] : memref<4x4xf32>) outs(%[[B]] : memref<4x4xf32>)
// NOREUSE: mote.arena_lower_bound = 128 : i64
// NOREUSE-SAME: mote.arena_size = 128 : i64
#id = affine_map<(d0, d1) -> (d0, d1)>
module {
  func.func @main(%in: memref<4x4xf32>, %out: memref<4x4xf32> {bufferize.result}) {
    %cst = arith.constant 0.0 : f32
    %a = memref.alloc() : memref<4x4xf32>
    memref.copy %in, %a : memref<4x4xf32> to memref<4x4xf32>
    %b = memref.alloc() : memref<4x4xf32>
    linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
        ins(%a : memref<4x4xf32>) outs(%b : memref<4x4xf32>) {
    ^bb0(%x: f32, %y: f32):
      %r = arith.maximumf %x, %cst : f32
      linalg.yield %r : f32
    } loc("relu")
    memref.copy %b, %out : memref<4x4xf32> to memref<4x4xf32>
    return
  }
}

// -----

// A transpose reads the input at another index than it writes: never in
// place, even though the input dies there.
// CHECK-LABEL: func.func @main(
// CHECK: %[[O1:.*]] = arith.constant 0 : index
// CHECK-NEXT: memref.view %{{.*}}[%[[O1]]][] : memref<128xi8> to memref<4x4xf32>
// CHECK: %[[O2:.*]] = arith.constant 64 : index
// CHECK-NEXT: memref.view %{{.*}}[%[[O2]]][] : memref<128xi8> to memref<4x4xf32>
#id = affine_map<(d0, d1) -> (d0, d1)>
#tr = affine_map<(d0, d1) -> (d1, d0)>
module {
  func.func @main(%in: memref<4x4xf32>, %out: memref<4x4xf32> {bufferize.result}) {
    %a = memref.alloc() : memref<4x4xf32>
    memref.copy %in, %a : memref<4x4xf32> to memref<4x4xf32>
    %b = memref.alloc() : memref<4x4xf32>
    linalg.generic {indexing_maps = [#tr, #id], iterator_types = ["parallel", "parallel"]}
        ins(%a : memref<4x4xf32>) outs(%b : memref<4x4xf32>) {
    ^bb0(%x: f32, %y: f32):
      linalg.yield %x : f32
    }
    memref.copy %b, %out : memref<4x4xf32> to memref<4x4xf32>
    return
  }
}

// -----

// A convolution and a reduction (not all loops parallel) are never in place
// (their outputs get other offsets than their dying inputs); an elementwise
// op reading a view of a buffer that lives on is not either.
// CHECK: mote.arena_lower_bound = 448 : i64
// CHECK-SAME: mote.arena_size = 448 : i64
// CHECK-LABEL: func.func @main(
// CHECK: arith.constant 0 : index
// CHECK-NEXT: %[[A:.*]] = memref.view {{.*}} : memref<448xi8> to memref<1x1x6x6xf32>
// CHECK: arith.constant 192 : index
// CHECK-NEXT: %[[B:.*]] = memref.view {{.*}} : memref<448xi8> to memref<1x1x6x6xf32>
// CHECK-NEXT: linalg.conv_2d_nchw_fchw ins(%[[A]], %{{.*}}) outs(%[[B]] :
// CHECK: arith.constant 0 : index
// CHECK-NEXT: %[[D:.*]] = memref.view {{.*}} : memref<448xi8> to memref<6x6xf32>
// CHECK-NEXT: linalg.generic {{.*}} outs(%[[D]] :
// CHECK: arith.constant 384 : index
// CHECK-NEXT: %[[E:.*]] = memref.view {{.*}} : memref<448xi8> to memref<6xf32>
// CHECK-NEXT: linalg.reduce ins(%[[D]] : memref<6x6xf32>) outs(%[[E]] :
#id = affine_map<(d0, d1) -> (d0, d1)>
module {
  func.func @main(%in: memref<1x1x6x6xf32>, %w: memref<1x1x1x1xf32>, %out: memref<1x1x6x6xf32> {bufferize.result}) {
    %a = memref.alloc() : memref<1x1x6x6xf32>
    memref.copy %in, %a : memref<1x1x6x6xf32> to memref<1x1x6x6xf32>
    %b = memref.alloc() : memref<1x1x6x6xf32>
    linalg.conv_2d_nchw_fchw ins(%a, %w : memref<1x1x6x6xf32>, memref<1x1x1x1xf32>) outs(%b : memref<1x1x6x6xf32>)
    %c = memref.collapse_shape %b [[0, 1, 2], [3]] : memref<1x1x6x6xf32> into memref<6x6xf32>
    %d = memref.alloc() : memref<6x6xf32>
    linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
        ins(%c : memref<6x6xf32>) outs(%d : memref<6x6xf32>) {
    ^bb0(%x: f32, %y: f32):
      linalg.yield %x : f32
    }
    %e = memref.alloc() : memref<6xf32>
    linalg.reduce ins(%d : memref<6x6xf32>) outs(%e : memref<6xf32>) dimensions = [1]
      (%x: f32, %acc: f32) {
        %s = arith.addf %x, %acc : f32
        linalg.yield %s : f32
      }
    %f = memref.expand_shape %d [[0, 1, 2], [3]] output_shape [1, 1, 6, 6] : memref<6x6xf32> into memref<1x1x6x6xf32>
    memref.copy %f, %out : memref<1x1x6x6xf32> to memref<1x1x6x6xf32>
    memref.copy %b, %out : memref<1x1x6x6xf32> to memref<1x1x6x6xf32>
    return
  }
}

// -----

// Live-range splitting: the fill overwrites all of %a without reading it, so
// the value it starts gets a buffer of its own (a second view), which the
// planner may place elsewhere.
// CHECK-LABEL: func.func @main(
// CHECK: %[[A1:.*]] = memref.view {{.*}} to memref<16xf32>
// CHECK: memref.copy %{{.*}}, %[[A1]]
// CHECK: memref.copy %[[A1]], %{{.*}}
// CHECK: %[[A2:.*]] = memref.view {{.*}} to memref<16xf32>
// CHECK: linalg.fill ins(%{{.*}} : f32) outs(%[[A2]] : memref<16xf32>)
// CHECK: memref.copy %[[A2]], %{{.*}}
module {
  func.func @main(%in: memref<16xf32>, %out: memref<16xf32> {bufferize.result}, %out2: memref<16xf32> {bufferize.result}) {
    %cst = arith.constant 1.0 : f32
    %a = memref.alloc() : memref<16xf32>
    memref.copy %in, %a : memref<16xf32> to memref<16xf32>
    memref.copy %a, %out : memref<16xf32> to memref<16xf32>
    linalg.fill ins(%cst : f32) outs(%a : memref<16xf32>)
    memref.copy %a, %out2 : memref<16xf32> to memref<16xf32>
    return
  }
}

// -----

// Copy elision: the producer of %s writes straight into the interior of the
// padded buffer %p (its fill moves first) and the copy disappears, so the
// dense buffer never coexists with the padded one.
// CHECK: mote.arena_lower_bound = 192 : i64
// CHECK-SAME: mote.arena_size = 192 : i64
// CHECK-LABEL: func.func @main(
// CHECK: %[[P:.*]] = memref.view {{.*}} to memref<6x6xf32>
// CHECK-NEXT: linalg.map outs(%[[P]] : memref<6x6xf32>)
// CHECK: %[[I:.*]] = memref.subview %[[P]][1, 1] [4, 4] [1, 1]
// CHECK-NEXT: linalg.generic {{.*}} ins(%{{.*}} : memref<4x4xf32>) outs(%[[I]] : memref<4x4xf32, strided<[6, 1], offset: 7>>)
// CHECK-NOT: memref.copy
// CHECK: linalg.generic {{.*}} ins(%[[P]] : memref<6x6xf32>)
// NOREUSE: mote.arena_lower_bound = 256 : i64
// NOREUSE: memref.copy %{{.*}}, %{{.*}} : memref<4x4xf32> to memref<4x4xf32, strided<[6, 1], offset: 7>>
#id = affine_map<(d0, d1) -> (d0, d1)>
#sum = affine_map<(d0, d1) -> (d0)>
module {
  func.func @main(%in: memref<4x4xf32>, %out: memref<6xf32> {bufferize.result}) {
    %zero = arith.constant 0.0 : f32
    %s = memref.alloc() : memref<4x4xf32>
    linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
        ins(%in : memref<4x4xf32>) outs(%s : memref<4x4xf32>) {
    ^bb0(%x: f32, %y: f32):
      %r = arith.maximumf %x, %zero : f32
      linalg.yield %r : f32
    }
    %p = memref.alloc() : memref<6x6xf32>
    linalg.map outs(%p : memref<6x6xf32>)
      (%init: f32) {
        linalg.yield %zero : f32
      }
    %i = memref.subview %p[1, 1] [4, 4] [1, 1] : memref<6x6xf32> to memref<4x4xf32, strided<[6, 1], offset: 7>>
    memref.copy %s, %i : memref<4x4xf32> to memref<4x4xf32, strided<[6, 1], offset: 7>>
    linalg.generic {indexing_maps = [#id, #sum], iterator_types = ["parallel", "reduction"]}
        ins(%p : memref<6x6xf32>) outs(%out : memref<6xf32>) {
    ^bb0(%x: f32, %acc: f32):
      %r = arith.addf %x, %acc : f32
      linalg.yield %r : f32
    }
    return
  }
}

// -----

// Placement order matters: in program order the small %a takes offset 0 and
// %c cannot fit below %b; placing by size puts %b and %c side by side and %a
// next to %b, reaching the lower bound.
// CHECK: mote.arena_heuristic = "size"
// CHECK-SAME: mote.arena_lower_bound = 384 : i64
// CHECK-SAME: mote.arena_size = 384 : i64
// NOREUSE: mote.arena_size = 384 : i64
module {
  func.func @main(%in: memref<16xf32>, %out: memref<64xf32> {bufferize.result}) {
    %a = memref.alloc() : memref<16xf32>
    memref.copy %in, %a : memref<16xf32> to memref<16xf32>
    %b = memref.alloc() : memref<64xf32>
    %a0 = memref.subview %b[0] [16] [1] : memref<64xf32> to memref<16xf32, strided<[1]>>
    memref.copy %a, %a0 : memref<16xf32> to memref<16xf32, strided<[1]>>
    %c = memref.alloc() : memref<32xf32>
    %b0 = memref.subview %b[0] [32] [1] : memref<64xf32> to memref<32xf32, strided<[1]>>
    memref.copy %b0, %c : memref<32xf32, strided<[1]>> to memref<32xf32>
    %c0 = memref.subview %out[0] [32] [1] : memref<64xf32> to memref<32xf32, strided<[1]>>
    memref.copy %c, %c0 : memref<32xf32> to memref<32xf32, strided<[1]>>
    memref.copy %b, %out : memref<64xf32> to memref<64xf32>
    return
  }
}
