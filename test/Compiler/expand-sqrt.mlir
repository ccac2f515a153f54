// mote-expand-math computes square roots itself only for the widths the
// target's FPU lacks; libm's sqrtf/sqrt are not linked into firmware.
// RUN: mote-opt %s --mote-expand-math | FileCheck %s --check-prefix=KEEP
// RUN: mote-opt %s --mote-expand-math=expand-f64-sqrt=true | FileCheck %s --check-prefix=F64
// RUN: mote-opt %s --mote-expand-math="expand-f32-sqrt=true expand-f64-sqrt=true" | FileCheck %s --check-prefix=BOTH

// KEEP-LABEL: func.func @roots
// KEEP: math.sqrt %{{.*}} : f32
// KEEP: math.sqrt %{{.*}} : f64

// F64-LABEL: func.func @roots
// F64: arith.constant 2303489773699701531 : i64
// F64: math.sqrt %{{.*}} : f32
// F64-NOT: math.sqrt
// F64-COUNT-5: arith.divf {{.*}} : f64

// BOTH-LABEL: func.func @roots
// BOTH-NOT: math.sqrt
// The first guess halves the exponent in the integer bits.
// BOTH: arith.constant 532487669 : i32
// BOTH-NOT: math.sqrt
// BOTH: arith.shrui
// BOTH-COUNT-4: arith.divf {{.*}} : f32
// BOTH: arith.cmpf uno
// BOTH: return
func.func @roots(%x: f32, %y: f64) -> (f32, f64) {
  %0 = math.sqrt %x : f32
  %1 = math.sqrt %y : f64
  return %0, %1 : f32, f64
}
