// The named pipelines of mote-opt: the whole compilation to the LLVM dialect
// for a 32-bit target, and its stages.
//
// RUN: mote-opt %s --mote-compile="index-bitwidth=32 alignment=16 model-name=tiny" | FileCheck %s
// RUN: mote-opt %s --mote-graph-optimize --mote-lower-to-linalg | FileCheck %s --check-prefix=LINALG
// RUN: mote-opt %s --mote-graph-optimize --mote-lower-to-linalg --mote-bufferize="alignment=16" | FileCheck %s --check-prefix=BUFFERS

// exp is computed in place in the output; the arena holds the 4-byte sum,
// rounded up to the 16-byte alignment. Sizes, offsets and size_t are
// 32-bit.
// CHECK: module attributes {mote.arena_align = 16 : i64, {{.*}}mote.arena_size = 16 : i64
// CHECK: llvm.mlir.global internal constant @{{.*}} {addr_space = 0 : i32, alignment = 16 : i64} : !llvm.array<16 x f32>
// CHECK: llvm.func internal @tiny_forward(
// CHECK-SAME: no_unwind
// CHECK: llvm.getelementptr {{.*}} : (!llvm.ptr, i32) -> !llvm.ptr, f32
// CHECK: llvm.func @tiny_run(%{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: i32) -> i32
// CHECK: llvm.func @tiny_run_v(%{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: i32) -> i32
// CHECK-NOT: func.func
// CHECK-NOT: memref.

// LINALG: linalg.generic
// LINALG: linalg.reduce
// LINALG: linalg.generic
// LINALG-NOT: {{mote\.[a-z_]+ %}}

// BUFFERS: func.func @main(%{{[^:]*}}: memref<16xf32> {mote.name = "x"}, %{{[^:]*}}: memref<16xf32> {bufferize.result, mote.name = "y"}, %[[ARENA:[^:]*]]: memref<16xi8> {mote.name = "arena"})
// BUFFERS-SAME: attributes {mote.num_inputs = 1 : i64, mote.num_outputs = 1 : i64}
// BUFFERS: memref.view %[[ARENA]]
// BUFFERS-NOT: memref.alloc

module {
  func.func @main(%x: tensor<16xf32> {mote.name = "x"}) -> (tensor<16xf32> {mote.name = "y"}) {
    %w = arith.constant dense<[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0]> : tensor<16xf32>
    %e = mote.exp %x : tensor<16xf32>
    %s = mote.reduce_sum %e {axes = array<i64: 0>, keepdims = true} : (tensor<16xf32>) -> tensor<1xf32>
    %d = mote.div %e, %s : (tensor<16xf32>, tensor<1xf32>) -> tensor<16xf32>
    %y = mote.mul %d, %w : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
    return %y : tensor<16xf32>
  }
}
