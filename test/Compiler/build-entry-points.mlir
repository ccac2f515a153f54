// RUN: mote-opt %s --split-input-file --mote-build-entry-points="model-name=net index-bitwidth=32" --verify-diagnostics | FileCheck %s

// CHECK: llvm.mlir.global internal constant @weights
// CHECK: llvm.func internal @helper() attributes {no_unwind}
// CHECK: llvm.func internal @net_forward(%{{[^:]*}}: !llvm.ptr {llvm.noalias}, %{{[^:]*}}: !llvm.ptr {llvm.noalias}, %{{[^:]*}}: !llvm.ptr {llvm.noalias}, %{{[^:]*}}: !llvm.ptr {llvm.noalias})
// CHECK-SAME: no_unwind
//
// CHECK-LABEL: llvm.func @net_run(
// CHECK-SAME: %[[A:[^:]*]]: !llvm.ptr, %[[B:[^:]*]]: !llvm.ptr, %[[OUT:[^:]*]]: !llvm.ptr, %[[ARENA:[^:]*]]: !llvm.ptr, %[[SIZE:[^:]*]]: i32) -> i32
// CHECK-SAME: no_unwind
// CHECK: %[[NULL:.*]] = llvm.mlir.zero : !llvm.ptr
// CHECK: llvm.icmp "eq" %[[A]], %[[NULL]]
// CHECK: llvm.icmp "eq" %[[B]], %[[NULL]]
// CHECK: llvm.icmp "eq" %[[OUT]], %[[NULL]]
// CHECK: llvm.icmp "eq" %[[ARENA]], %[[NULL]]
// CHECK: llvm.cond_br %{{.*}}, ^[[NULLBB:.*]], ^[[SIZEBB:[^ ]*]]
// CHECK: ^[[NULLBB]]:
// CHECK-NEXT: %[[M1:.*]] = llvm.mlir.constant(-1 : i32) : i32
// CHECK-NEXT: llvm.return %[[M1]] : i32
// CHECK: ^[[SIZEBB]]:
// CHECK-NEXT: %[[NEED:.*]] = llvm.mlir.constant(1024 : i32) : i32
// CHECK-NEXT: %[[SMALL:.*]] = llvm.icmp "ult" %[[SIZE]], %[[NEED]] : i32
// CHECK-NEXT: llvm.cond_br %[[SMALL]], ^[[SMALLBB:.*]], ^[[ALIGNBB:[^ ]*]]
// CHECK: ^[[SMALLBB]]:
// CHECK-NEXT: %[[M2:.*]] = llvm.mlir.constant(-2 : i32) : i32
// CHECK-NEXT: llvm.return %[[M2]] : i32
// CHECK: ^[[ALIGNBB]]:
// CHECK-NEXT: %[[ADDR:.*]] = llvm.ptrtoint %[[ARENA]] : !llvm.ptr to i32
// CHECK-NEXT: %[[MASK:.*]] = llvm.mlir.constant(15 : i32) : i32
// CHECK-NEXT: %[[LOW:.*]] = llvm.and %[[ADDR]], %[[MASK]] : i32
// CHECK: llvm.icmp "ne" %[[LOW]]
// CHECK: llvm.cond_br %{{.*}}, ^[[MISBB:.*]], ^[[CALLBB:[^ ]*]]
// CHECK: ^[[MISBB]]:
// CHECK-NEXT: %[[M3:.*]] = llvm.mlir.constant(-3 : i32) : i32
// CHECK-NEXT: llvm.return %[[M3]] : i32
// CHECK: ^[[CALLBB]]:
// CHECK-NEXT: llvm.call @net_forward(%[[A]], %[[B]], %[[OUT]], %[[ARENA]])
// CHECK-NEXT: %[[OK:.*]] = llvm.mlir.constant(0 : i32) : i32
// CHECK-NEXT: llvm.return %[[OK]] : i32
//
// CHECK-LABEL: llvm.func @net_run_v(
// CHECK-SAME: %[[INS:[^:]*]]: !llvm.ptr, %[[OUTS:[^:]*]]: !llvm.ptr, %[[VARENA:[^:]*]]: !llvm.ptr, %[[VSIZE:[^:]*]]: i32) -> i32
// CHECK: llvm.cond_br
// CHECK: llvm.return %{{.*}} : i32
// CHECK: %[[P0:.*]] = llvm.getelementptr %[[INS]][0] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
// CHECK-NEXT: %[[I0:.*]] = llvm.load %[[P0]] : !llvm.ptr -> !llvm.ptr
// CHECK-NEXT: %[[P1:.*]] = llvm.getelementptr %[[INS]][1] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
// CHECK-NEXT: %[[I1:.*]] = llvm.load %[[P1]] : !llvm.ptr -> !llvm.ptr
// CHECK-NEXT: %[[Q0:.*]] = llvm.getelementptr %[[OUTS]][0] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
// CHECK-NEXT: %[[O0:.*]] = llvm.load %[[Q0]] : !llvm.ptr -> !llvm.ptr
// CHECK-NEXT: %[[STATUS:.*]] = llvm.call @net_run(%[[I0]], %[[I1]], %[[O0]], %[[VARENA]], %[[VSIZE]])
// CHECK-NEXT: llvm.return %[[STATUS]] : i32
module attributes {mote.arena_size = 1024 : i64, mote.arena_align = 16 : i64} {
  llvm.mlir.global private constant @weights(dense<1.0> : tensor<4xf32>) {addr_space = 0 : i32, alignment = 16 : i64} : !llvm.array<4 x f32>
  llvm.func @helper() {
    llvm.return
  }
  llvm.func @main(%a: !llvm.ptr, %b: !llvm.ptr, %out: !llvm.ptr, %arena: !llvm.ptr) attributes {mote.num_inputs = 2 : i64, mote.num_outputs = 1 : i64} {
    llvm.call @helper() : () -> ()
    llvm.return
  }
}

// -----

// A model without scratch memory accepts a null arena of size 0: only the
// tensors are checked.
// CHECK-LABEL: llvm.func @net_run(
// CHECK-SAME: %[[X:[^:]*]]: !llvm.ptr, %[[Y:[^:]*]]: !llvm.ptr, %[[ARENA:[^:]*]]: !llvm.ptr, %{{[^:]*}}: i32) -> i32
// CHECK: llvm.icmp "eq" %[[X]]
// CHECK: llvm.icmp "eq" %[[Y]]
// CHECK-NOT: llvm.icmp
// CHECK: llvm.call @net_forward(%[[X]], %[[Y]], %[[ARENA]])
module attributes {mote.arena_size = 0 : i64, mote.arena_align = 16 : i64} {
  llvm.func @main(%x: !llvm.ptr, %y: !llvm.ptr, %arena: !llvm.ptr) attributes {mote.num_inputs = 1 : i64, mote.num_outputs = 1 : i64} {
    llvm.return
  }
}

// -----

module attributes {mote.arena_size = 0 : i64, mote.arena_align = 16 : i64} {
  // expected-error @+1 {{mote-build-entry-points: expects the model function to take 1 input, 1 output and one arena pointer and return nothing}}
  llvm.func @main(%x: !llvm.ptr, %y: !llvm.ptr) attributes {mote.num_inputs = 1 : i64, mote.num_outputs = 1 : i64} {
    llvm.return
  }
}
