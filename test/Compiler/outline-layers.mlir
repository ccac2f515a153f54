// RUN: mote-opt %s --split-input-file --mote-outline-layers="max-ops-per-function=6" | FileCheck %s
// RUN: mote-opt %s --split-input-file --mote-outline-layers | FileCheck %s --check-prefix=ONE
// RUN: mote-opt %s --split-input-file --mote-outline-layers="max-ops-per-function=6 pass-weights=true" | FileCheck %s --check-prefix=WEIGHTS

// Three layers of 3, 3 and 2 ops (nested ops included) with a budget of 6:
// the first two share a function, the third gets its own. Each callee takes
// the buffers the model receives (noalias, as the C API guarantees) and
// rebuilds the arena views, the weight global and the constants it uses, so
// every address is still a constant offset from an argument or a global.
// The model function keeps only the calls.
// CHECK-LABEL: func.func private @main_layers0_conv(
// CHECK-SAME: %[[X:[^:]*]]: memref<16xf32> {llvm.noalias}, %[[ARENA:[^:]*]]: memref<128xi8> {llvm.noalias})
// CHECK-SAME: attributes {passthrough = ["noinline"]}
// CHECK-DAG: %[[W:.*]] = memref.get_global @weights : memref<16xf32>
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[T:.*]] = memref.view %[[ARENA]][%[[C0]]][] : memref<128xi8> to memref<16xf32>
// CHECK: linalg.generic {{.*}} ins(%[[X]], %[[W]] : memref<16xf32>, memref<16xf32>) outs(%[[T]] : memref<16xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[T]] : memref<16xf32>) outs(%[[T]] : memref<16xf32>)
// CHECK: return
// CHECK-LABEL: func.func private @main_layers1_scale(
// CHECK-SAME: %[[Y:[^:]*]]: memref<16xf32> {llvm.noalias}, %[[ARENA1:[^:]*]]: memref<128xi8> {llvm.noalias})
// CHECK-SAME: attributes {passthrough = ["noinline"]}
// CHECK: %[[T1:.*]] = memref.view %[[ARENA1]]
// CHECK: linalg.generic {{.*}} ins(%[[T1]] : memref<16xf32>) outs(%[[Y]] : memref<16xf32>)
// CHECK-LABEL: func.func @main(
// CHECK-SAME: %[[MX:[^:]*]]: memref<16xf32>, %[[MY:[^:]*]]: memref<16xf32>, %[[MARENA:[^:]*]]: memref<128xi8>)
// CHECK-NEXT: call @main_layers0_conv(%[[MX]], %[[MARENA]])
// CHECK-NEXT: call @main_layers1_scale(%[[MY]], %[[MARENA]])
// CHECK-NEXT: return

// Within the default budget the model stays one function.
// ONE-NOT: func.func private
// ONE-LABEL: func.func @main(
// ONE-NOT: call
// ONE: return

// With external weights the model function alone can address them: the
// global is passed like a buffer.
// WEIGHTS-LABEL: func.func private @main_layers0_conv(
// WEIGHTS-SAME: %{{[^:]*}}: memref<16xf32> {llvm.noalias}, %{{[^:]*}}: memref<128xi8> {llvm.noalias}, %{{[^:]*}}: memref<16xf32> {llvm.noalias})
// WEIGHTS-NOT: memref.get_global
// WEIGHTS-LABEL: func.func @main(
// WEIGHTS: %[[W:.*]] = memref.get_global @weights
// WEIGHTS: call @main_layers0_conv(%{{[^,]*}}, %{{[^,]*}}, %[[W]])

#id = affine_map<(d0) -> (d0)>
memref.global "private" constant @weights : memref<16xf32> = dense<2.0>
func.func @main(%x: memref<16xf32>, %y: memref<16xf32>, %arena: memref<128xi8>)
    attributes {mote.num_inputs = 1 : i64, mote.num_outputs = 1 : i64} {
  %c0 = arith.constant 0 : index
  %w = memref.get_global @weights : memref<16xf32>
  %t = memref.view %arena[%c0][] : memref<128xi8> to memref<16xf32>
  linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%x, %w : memref<16xf32>, memref<16xf32>) outs(%t : memref<16xf32>) {
  ^bb0(%a: f32, %b: f32, %out: f32):
    %m = arith.mulf %a, %b : f32
    linalg.yield %m : f32
  } loc("conv")
  %zero = arith.constant 0.0 : f32
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%t : memref<16xf32>) outs(%t : memref<16xf32>) {
  ^bb0(%a: f32, %out: f32):
    %r = arith.maximumf %a, %zero : f32
    linalg.yield %r : f32
  } loc("relu")
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%t : memref<16xf32>) outs(%y : memref<16xf32>) {
  ^bb0(%a: f32, %out: f32):
    linalg.yield %a : f32
  } loc("scale")
  return
}

// -----

// A function without `mote.num_inputs` is not the model: left alone.
// CHECK-LABEL: func.func @helper(
// CHECK-NOT: call
func.func @helper(%x: memref<16xf32>, %y: memref<16xf32>) {
  linalg.copy ins(%x : memref<16xf32>) outs(%y : memref<16xf32>)
  linalg.copy ins(%y : memref<16xf32>) outs(%x : memref<16xf32>)
  linalg.copy ins(%x : memref<16xf32>) outs(%y : memref<16xf32>)
  return
}
