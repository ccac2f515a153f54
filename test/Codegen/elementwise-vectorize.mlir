// RUN: mote-opt %s --split-input-file --mote-tile-and-vectorize="vector-width=16 vector-registers=32" | FileCheck %s
// RUN: mote-opt %s --split-input-file --mote-tile-and-vectorize="vector-width=1" | FileCheck %s --check-prefix=SCALAR

// The linalg.generic ops between the kernels become vector loops along
// their merged contiguous innermost loops (lib/Codegen/ElementwiseKernel.cpp).

// Squeeze-excite scale: the gate's sigmoid depends on the channel only, so
// it is computed once per channel outside the vector loop, which runs over
// the merged 7x9 map: three 16-lane vectors, then a 15-lane tail.
// CHECK-LABEL: func.func @excite
// CHECK-DAG:     memref.collapse_shape %arg0 {{\[}}[0], [1], [2, 3]] : memref<1x24x7x9xf32> into memref<1x24x63xf32>
// CHECK-DAG:     memref.collapse_shape %arg2 {{\[}}[0], [1], [2, 3]] : memref<1x24x7x9xf32> into memref<1x24x63xf32>
// CHECK:         scf.for
// CHECK:           memref.load %arg1{{.*}} : memref<1x24x1x1xf32>
// CHECK:           math.exp {{.*}} : f32
// CHECK:           arith.divf {{.*}} : f32
// CHECK:           scf.for {{.*}} to %c48 step %c16
// CHECK-NOT:         math.exp
// CHECK:             vector.load {{.*}} : memref<1x24x63xf32>, vector<16xf32>
// CHECK:             arith.mulf {{.*}} : vector<16xf32>
// CHECK:             vector.store {{.*}} : memref<1x24x63xf32>, vector<16xf32>
// CHECK:           vector.load {{.*}} : memref<1x24x63xf32>, vector<15xf32>
// CHECK:           arith.mulf {{.*}} : vector<15xf32>
// CHECK:           vector.store {{.*}} : memref<1x24x63xf32>, vector<15xf32>
// CHECK-NOT:     linalg.generic
// SCALAR-LABEL: func.func @excite
// SCALAR:         linalg.generic
// SCALAR-NOT:     vector.
#map = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#gate = affine_map<(d0, d1, d2, d3) -> (d0, d1, 0, 0)>
func.func @excite(%x: memref<1x24x7x9xf32>, %g: memref<1x24x1x1xf32>, %out: memref<1x24x7x9xf32>) {
  %one = arith.constant 1.0 : f32
  linalg.generic {indexing_maps = [#map, #gate, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%x, %g : memref<1x24x7x9xf32>, memref<1x24x1x1xf32>) outs(%out : memref<1x24x7x9xf32>) {
  ^bb0(%a: f32, %s: f32, %o: f32):
    %n = arith.negf %s : f32
    %e = math.exp %n : f32
    %d = arith.addf %e, %one : f32
    %sig = arith.divf %one, %d : f32
    %r = arith.mulf %a, %sig : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// Global average pooling's sum over a 7x7 map: the two reduction loops
// merge into one of 49, reduced by three 16-lane accumulators, then a
// 1-lane tail, and the total is added to the output once.
// CHECK-LABEL: func.func @pool
// CHECK:         memref.collapse_shape %arg0 {{\[}}[0], [1], [2, 3]] : memref<1x8x7x7xf32> into memref<1x8x49xf32>
// CHECK:         scf.for
// CHECK:           scf.for {{.*}} to %c48 step %c48{{.*}} iter_args({{.*}}) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>)
// CHECK-COUNT-3:     arith.addf {{.*}} : vector<16xf32>
// CHECK:           vector.reduction <add>, {{.*}} : vector<16xf32> into f32
// CHECK:           vector.load {{.*}} : memref<1x8x49xf32>, vector<1xf32>
// CHECK:           vector.reduction <add>, {{.*}} : vector<1xf32> into f32
// CHECK:           memref.load %arg1
// CHECK:           memref.store {{.*}} %arg1
// CHECK-NOT:     linalg.generic
func.func @pool(%x: memref<1x8x7x7xf32>, %out: memref<1x8xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%x : memref<1x8x7x7xf32>) outs(%out : memref<1x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.addf %a, %o : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// A classifier with the pooling's division fused in: a dot product along
// the contiguous inputs of each output, four accumulators.
// CHECK-LABEL: func.func @classifier
// CHECK:         scf.for
// CHECK:           scf.for
// CHECK:             scf.for {{.*}} to %c1280 step %c64 iter_args({{.*}}) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>)
// CHECK:               vector.load %arg0{{.*}} : memref<1x1280xf32>, vector<16xf32>
// CHECK:               arith.divf {{.*}} : vector<16xf32>
// CHECK:               vector.load %arg1{{.*}} : memref<10x1280xf32>, vector<16xf32>
// CHECK:             vector.reduction <add>
// CHECK-NOT:     linalg.generic
func.func @classifier(%x: memref<1x1280xf32>, %w: memref<10x1280xf32>, %out: memref<1x10xf32>) {
  %area = arith.constant 49.0 : f32
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : memref<1x1280xf32>, memref<10x1280xf32>) outs(%out : memref<1x10xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.divf %a, %area : f32
    %p = arith.mulf %m, %b : f32
    %r = arith.addf %o, %p : f32
    linalg.yield %r : f32
  }
  return
}

// -----

// Not vectorized: the innermost loop walks a transposed operand, and a
// body using linalg.index.
// CHECK-LABEL: func.func @transposed
// CHECK:         linalg.generic
// CHECK-NOT:     vector.
func.func @transposed(%x: memref<32x32xf32>, %out: memref<32x32xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<32x32xf32>) outs(%out : memref<32x32xf32>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  }
  return
}
