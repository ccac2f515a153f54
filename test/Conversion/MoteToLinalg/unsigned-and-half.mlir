// RUN: mote-opt --convert-mote-to-linalg --split-input-file %s | FileCheck %s

// Unsigned tensors pick the unsigned arith ops, then lose their signedness:
// the function, the linalg ops and the constants are signless afterwards.
// CHECK-LABEL: func.func @unsigned_binary
// CHECK-SAME: (%{{.*}}: tensor<4xi8>, %{{.*}}: tensor<4xi8>) -> (tensor<4xi8>, tensor<4xi8>, tensor<4xi8>, tensor<4xi1>, tensor<4xi8>)
// CHECK: arith.divui
// CHECK: arith.maxui
// CHECK: arith.minui
// CHECK: arith.cmpi ult
// CHECK: arith.remui
// CHECK-NOT: ui8
func.func @unsigned_binary(%a: tensor<4xui8>, %b: tensor<4xui8>) -> (tensor<4xui8>, tensor<4xui8>, tensor<4xui8>, tensor<4xi1>, tensor<4xui8>) {
  %0 = mote.div %a, %b : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  %1 = mote.max %a, %b : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  %2 = mote.min %a, %b : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  %3 = mote.less %a, %b : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xi1>
  %4 = mote.mod %a, %b : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  return %0, %1, %2, %3, %4 : tensor<4xui8>, tensor<4xui8>, tensor<4xui8>, tensor<4xi1>, tensor<4xui8>
}

// -----

// The signless versions of the same ops stay signed.
// CHECK-LABEL: func.func @signed_binary
// CHECK: arith.divsi
// CHECK: arith.maxsi
// CHECK: arith.cmpi slt
func.func @signed_binary(%a: tensor<4xi8>, %b: tensor<4xi8>) -> (tensor<4xi8>, tensor<4xi8>, tensor<4xi1>) {
  %0 = mote.div %a, %b : (tensor<4xi8>, tensor<4xi8>) -> tensor<4xi8>
  %1 = mote.max %a, %b : (tensor<4xi8>, tensor<4xi8>) -> tensor<4xi8>
  %2 = mote.less %a, %b : (tensor<4xi8>, tensor<4xi8>) -> tensor<4xi1>
  return %0, %1, %2 : tensor<4xi8>, tensor<4xi8>, tensor<4xi1>
}

// -----

// Bit shifts: a shift by the width or more selects 0. Constants keep their
// bits (200 : ui8 is -56 : i8).
// CHECK-LABEL: func.func @shifts
// CHECK-DAG: arith.constant dense<-56> : tensor<4xi8>
// CHECK: linalg.generic
// CHECK: %[[SHL:.*]] = arith.shli %[[X:.*]], %[[S:.*]] : i8
// CHECK: %[[OK:.*]] = arith.cmpi ult, %[[S]], %c8_i8 : i8
// CHECK: arith.select %[[OK]], %[[SHL]], %c0_i8 : i8
// CHECK: linalg.generic
// CHECK: arith.shrui
func.func @shifts(%s: tensor<4xui8>) -> (tensor<4xui8>, tensor<4xui8>) {
  %x = arith.constant dense<200> : tensor<4xui8>
  %0 = mote.bit_shift_left %x, %s : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  %1 = mote.bit_shift_right %x, %s : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  return %0, %1 : tensor<4xui8>, tensor<4xui8>
}

// -----

// Casts: unsigned sources zero-extend and convert with uitofp; float to
// unsigned is fptoui.
// CHECK-LABEL: func.func @unsigned_casts
// CHECK: arith.extui {{.*}} : i8 to i32
// CHECK: arith.uitofp {{.*}} : i8 to f32
// CHECK: arith.fptoui {{.*}} : f32 to i16
func.func @unsigned_casts(%a: tensor<4xui8>, %f: tensor<4xf32>) -> (tensor<4xi32>, tensor<4xf32>, tensor<4xui16>) {
  %0 = mote.cast %a : tensor<4xui8> to tensor<4xi32>
  %1 = mote.cast %a : tensor<4xui8> to tensor<4xf32>
  %2 = mote.cast %f : tensor<4xf32> to tensor<4xui16>
  return %0, %1, %2 : tensor<4xi32>, tensor<4xf32>, tensor<4xui16>
}

// -----

// Max pooling and reductions of unsigned values start from 0 and compare
// unsigned; ArgMax compares unsigned.
// CHECK-LABEL: func.func @unsigned_pool_reduce
// CHECK: arith.constant 0 : i8
// CHECK: linalg.pooling_nchw_max
// CHECK: arith.constant 0 : i8
// CHECK: arith.maxui
// CHECK: arith.cmpi ugt
func.func @unsigned_pool_reduce(%x: tensor<1x1x4x4xui8>) -> (tensor<1x1x2x2xui8>, tensor<1x1x4x1xui8>, tensor<1x1x4x1xi64>) {
  %0 = mote.max_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x1x4x4xui8>) -> tensor<1x1x2x2xui8>
  %1 = mote.reduce_max %x {axes = array<i64: 3>, keepdims = true} : (tensor<1x1x4x4xui8>) -> tensor<1x1x4x1xui8>
  %2 = mote.arg_max %x {axis = 3 : i64, keepdims = true, select_last_index = false} : (tensor<1x1x4x4xui8>) -> tensor<1x1x4x1xi64>
  return %0, %1, %2 : tensor<1x1x2x2xui8>, tensor<1x1x4x1xui8>, tensor<1x1x4x1xi64>
}

// -----

// f16 arithmetic runs in f32 and rounds once; comparisons need no rounding.
// CHECK-LABEL: func.func @half
// CHECK: linalg.generic
// CHECK: ^bb0(%[[A:.*]]: f16, %[[B:.*]]: f16, %{{.*}}: f16):
// CHECK: %[[WA:.*]] = arith.extf %[[A]] : f16 to f32
// CHECK: %[[WB:.*]] = arith.extf %[[B]] : f16 to f32
// CHECK: %[[M:.*]] = arith.maximumf %[[WA]], %[[WB]] : f32
// CHECK: %[[R:.*]] = arith.truncf %[[M]] : f32 to f16
// CHECK: linalg.yield %[[R]] : f16
// CHECK: linalg.generic
// CHECK: arith.cmpf olt, %{{.*}}, %{{.*}} : f32
// CHECK-NOT: arith.truncf
// CHECK: linalg.yield %{{.*}} : i1
func.func @half(%a: tensor<4xf16>, %b: tensor<4xf16>) -> (tensor<4xf16>, tensor<4xi1>) {
  %0 = mote.max %a, %b : (tensor<4xf16>, tensor<4xf16>) -> tensor<4xf16>
  %1 = mote.less %a, %b : (tensor<4xf16>, tensor<4xf16>) -> tensor<4xi1>
  return %0, %1 : tensor<4xf16>, tensor<4xi1>
}

// -----

// Casts to bf16 keep the high half of the f32 bits (ONNX's reference), NaNs
// made quiet; f16 casts are plain extf/truncf.
// CHECK-LABEL: func.func @half_casts
// CHECK: arith.bitcast %{{.*}} : f32 to i32
// CHECK: arith.shrui
// CHECK: arith.trunci %{{.*}} : i32 to i16
// CHECK: arith.cmpf uno
// CHECK: arith.ori
// CHECK: arith.select
// CHECK: arith.bitcast %{{.*}} : i16 to bf16
// CHECK: arith.truncf %{{.*}} : f32 to f16
// CHECK: arith.extf %{{.*}} : f16 to f64
func.func @half_casts(%f: tensor<4xf32>, %h: tensor<4xf16>) -> (tensor<4xbf16>, tensor<4xf16>, tensor<4xf64>) {
  %0 = mote.cast %f : tensor<4xf32> to tensor<4xbf16>
  %1 = mote.cast %f : tensor<4xf32> to tensor<4xf16>
  %2 = mote.cast %h : tensor<4xf16> to tensor<4xf64>
  return %0, %1, %2 : tensor<4xbf16>, tensor<4xf16>, tensor<4xf64>
}
