// RUN: mote-opt %s --mote-convert-to-llvm="index-bitwidth=32" --reconcile-unrealized-casts | FileCheck %s

// One conversion lowers memref, math, arith, func, cf and ub together:
// memref arguments become bare pointers (the C API), index is 32 bits, and
// after reconcile-unrealized-casts no op or cast of the source dialects is
// left.

// CHECK-LABEL: llvm.func @scale_positive
// CHECK-SAME: (%[[IN:.*]]: !llvm.ptr, %[[OUT:.*]]: !llvm.ptr)
// CHECK-DAG: llvm.insertvalue %[[IN]], %{{.*}}[1]
// CHECK-DAG: llvm.insertvalue %[[OUT]], %{{.*}}[1]
// CHECK: llvm.br ^[[HEADER:.*]](%{{.*}} : i32)
// CHECK: ^[[HEADER]](%[[I:.*]]: i32):
// CHECK: llvm.icmp "slt" %[[I]]
// CHECK: llvm.cond_br
// CHECK: %[[SRC:.*]] = llvm.getelementptr inbounds|nuw %{{.*}}[%[[I]]] : (!llvm.ptr, i32) -> !llvm.ptr, f32
// CHECK: %[[X:.*]] = llvm.load %[[SRC]] : !llvm.ptr -> f32
// CHECK: %[[ROOT:.*]] = llvm.intr.sqrt(%[[X]]) : (f32) -> f32
// CHECK: %[[Y:.*]] = llvm.fmul %[[ROOT]], %{{.*}} : f32
// CHECK: %[[DST:.*]] = llvm.getelementptr inbounds|nuw %{{.*}}[%[[I]]] : (!llvm.ptr, i32) -> !llvm.ptr, f32
// CHECK: llvm.store %[[Y]], %[[DST]]
// CHECK: llvm.return
// CHECK-NOT: unrealized_conversion_cast
// CHECK-NOT: memref.
// CHECK-NOT: arith.
// CHECK-NOT: cf.
func.func @scale_positive(%in: memref<8xf32>, %out: memref<8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %scale = arith.constant 2.0 : f32
  cf.br ^header(%c0 : index)
^header(%i: index):
  %more = arith.cmpi slt, %i, %c8 : index
  cf.cond_br %more, ^body, ^exit
^body:
  %x = memref.load %in[%i] : memref<8xf32>
  %root = math.sqrt %x : f32
  %y = arith.mulf %root, %scale : f32
  memref.store %y, %out[%i] : memref<8xf32>
  %next = arith.addi %i, %c1 : index
  cf.br ^header(%next : index)
^exit:
  return
}

// ub.poison lowers with the rest.
// CHECK-LABEL: llvm.func @poison
// CHECK: %[[P:.*]] = llvm.mlir.poison : f32
// CHECK: llvm.return %[[P]] : f32
func.func @poison() -> f32 {
  %p = ub.poison : f32
  return %p : f32
}
