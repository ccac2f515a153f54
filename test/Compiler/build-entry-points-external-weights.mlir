// mote-build-entry-points{external-weights}: the weights the model function
// reads become offsets from a `weights` parameter before the arena (each
// offset aligned to its global's alignment), `_run` checks that pointer, and
// the module records the blob's size and alignment. A weight a helper also
// reads stays a global in the object.
//
// RUN: mote-opt %s --mote-build-entry-points="model-name=net index-bitwidth=32 external-weights=true" | FileCheck %s
// RUN: mote-opt %s --mote-build-entry-points="model-name=net index-bitwidth=32" | FileCheck %s --check-prefix=INTERNAL

// 3 floats at 0, then 16-byte aligned: 2 floats at 16; 24 bytes in all.
// CHECK: module attributes {{{.*}}mote.weights_align = 16 : i64, mote.weights_size = 24 : i64}
// CHECK: llvm.mlir.global internal constant @bias(dense<[1.000000e+00, 2.000000e+00, 3.000000e+00]> : tensor<3xf32>) {addr_space = 0 : i32, alignment = 16 : i64, mote.weights_offset = 0 : i64}
// CHECK: llvm.mlir.global internal constant @scale(dense<[4.000000e+00, 5.000000e+00]> : tensor<2xf32>) {addr_space = 0 : i32, alignment = 16 : i64, mote.weights_offset = 16 : i64}
// CHECK: llvm.mlir.global internal constant @shared(
// CHECK-NOT: mote.weights_offset
// CHECK-SAME: : !llvm.array<2 x f32>
//
// CHECK-LABEL: llvm.func internal @net_forward(
// CHECK-SAME: %{{[^:]*}}: !llvm.ptr {llvm.noalias}, %{{[^:]*}}: !llvm.ptr {llvm.noalias}, %[[W:[^:]*]]: !llvm.ptr {llvm.noalias}, %{{[^:]*}}: !llvm.ptr {llvm.noalias})
// CHECK-NOT: llvm.mlir.addressof @bias
// CHECK-NOT: llvm.mlir.addressof @scale
// CHECK-DAG: llvm.getelementptr inbounds %[[W]][0] : (!llvm.ptr) -> !llvm.ptr, i8
// CHECK-DAG: llvm.getelementptr inbounds %[[W]][16] : (!llvm.ptr) -> !llvm.ptr, i8
// CHECK-DAG: llvm.mlir.addressof @shared
// CHECK: llvm.return
//
// CHECK-LABEL: llvm.func @net_run(
// CHECK-SAME: %[[X:[^:]*]]: !llvm.ptr, %[[Y:[^:]*]]: !llvm.ptr, %[[WEIGHTS:[^:]*]]: !llvm.ptr, %[[ARENA:[^:]*]]: !llvm.ptr, %{{[^:]*}}: i32) -> i32
// CHECK: llvm.icmp "eq" %[[WEIGHTS]]
// CHECK: llvm.ptrtoint %[[WEIGHTS]] : !llvm.ptr to i32
// CHECK-NEXT: llvm.mlir.constant(15 : i32) : i32
// CHECK: ^{{.*}}:
// CHECK-NEXT: llvm.mlir.constant(-4 : i32) : i32
// CHECK: llvm.call @net_forward(%[[X]], %[[Y]], %[[WEIGHTS]], %[[ARENA]])
//
// CHECK-LABEL: llvm.func @net_run_v(
// CHECK-SAME: %{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: !llvm.ptr, %[[VW:[^:]*]]: !llvm.ptr, %[[VA:[^:]*]]: !llvm.ptr, %[[VS:[^:]*]]: i32) -> i32
// CHECK: llvm.call @net_run(%{{.*}}, %{{.*}}, %[[VW]], %[[VA]], %[[VS]])

// Without the option the weights stay, and their size is still recorded
// (all three: 12, pad to 16, 8, pad to 32, 8).
// INTERNAL: module attributes {{{.*}}mote.weights_align = 16 : i64, mote.weights_size = 40 : i64}
// INTERNAL-NOT: mote.weights_offset
// INTERNAL: llvm.func @net_run(%{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: i32) -> i32
module attributes {mote.arena_size = 64 : i64, mote.arena_align = 16 : i64} {
  llvm.mlir.global private constant @bias(dense<[1.0, 2.0, 3.0]> : tensor<3xf32>) {addr_space = 0 : i32, alignment = 16 : i64} : !llvm.array<3 x f32>
  llvm.mlir.global private constant @scale(dense<[4.0, 5.0]> : tensor<2xf32>) {addr_space = 0 : i32, alignment = 16 : i64} : !llvm.array<2 x f32>
  llvm.mlir.global private constant @shared(dense<[6.0, 7.0]> : tensor<2xf32>) {addr_space = 0 : i32, alignment = 16 : i64} : !llvm.array<2 x f32>
  llvm.func @helper() -> f32 {
    %p = llvm.mlir.addressof @shared : !llvm.ptr
    %v = llvm.load %p : !llvm.ptr -> f32
    llvm.return %v : f32
  }
  llvm.func @main(%x: !llvm.ptr, %y: !llvm.ptr, %arena: !llvm.ptr) attributes {mote.num_inputs = 1 : i64, mote.num_outputs = 1 : i64} {
    %b = llvm.mlir.addressof @bias : !llvm.ptr
    %s = llvm.mlir.addressof @scale : !llvm.ptr
    %h = llvm.mlir.addressof @shared : !llvm.ptr
    %bv = llvm.load %b : !llvm.ptr -> f32
    %sv = llvm.load %s : !llvm.ptr -> f32
    %hv = llvm.load %h : !llvm.ptr -> f32
    %c = llvm.call @helper() : () -> f32
    %m = llvm.fmul %bv, %sv : f32
    %n = llvm.fadd %m, %hv : f32
    %o = llvm.fadd %n, %c : f32
    llvm.store %o, %y : f32, !llvm.ptr
    llvm.return
  }
}
