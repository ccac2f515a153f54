// RUN: mote-opt %s --split-input-file --mote-tile-and-vectorize="vector-width=8 vector-registers=16" | FileCheck %s

// SqueezeNet's max pool: 3x3, stride 2, on an odd 11x11 map (5x5 output,
// one 5-lane vector per row). The 5 output rows form one block, which
// walks its 11 input rows once: per input row, three loads of 9 columns
// (a load of 10 would pass the row's end), each narrowed to its even lanes
// by a shuffle, reduced (2 maxima), then folded into the 1 or 2 output
// rows whose windows cover that input row.
// CHECK-LABEL: func.func @max_stride2
// CHECK:         scf.for {{.*}} to %c2
// CHECK-COUNT-5:   vector.load %arg1{{.*}} : memref<1x2x5x5xf32>, vector<5xf32>
// The first input row serves output row 0 only.
// CHECK:           vector.load %arg0{{.*}} : memref<1x2x11x11xf32>, vector<9xf32>
// CHECK-NEXT:      vector.shuffle {{.*}} [0, 2, 4, 6, 8] : vector<9xf32>, vector<9xf32>
// CHECK:           arith.maximumf {{.*}} : vector<5xf32>
// CHECK:           %[[ROW0:.*]] = arith.maximumf {{.*}} : vector<5xf32>
// CHECK-NEXT:      arith.maximumf %{{.*}}, %[[ROW0]] : vector<5xf32>
// CHECK-NOT:       %[[ROW0]] :
// So does the second.
// CHECK-COUNT-3:   vector.shuffle
// CHECK-NEXT:      %[[ROW1:.*]] = arith.maximumf
// CHECK-NEXT:      arith.maximumf %{{.*}}, %[[ROW1]] : vector<5xf32>
// CHECK-NOT:       %[[ROW1]] :
// The third input row is shared by output rows 0 and 1.
// CHECK-COUNT-3:   vector.shuffle
// CHECK-NEXT:      %[[ROW2:.*]] = arith.maximumf
// CHECK-NEXT:      arith.maximumf %{{.*}}, %[[ROW2]] : vector<5xf32>
// CHECK-NEXT:      arith.maximumf %{{.*}}, %[[ROW2]] : vector<5xf32>
// 11 input rows, three shuffles each.
// CHECK-COUNT-24:  vector.shuffle
// CHECK-NOT:       vector.shuffle
// CHECK-COUNT-5:   vector.store {{.*}}, %arg1{{.*}} : memref<1x2x5x5xf32>, vector<5xf32>
// CHECK-NOT:     linalg.pooling_nchw_max
func.func @max_stride2(%input: memref<1x2x11x11xf32>, %output: memref<1x2x5x5xf32>) {
  %window = memref.alloc() : memref<3x3xf32>
  linalg.pooling_nchw_max {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>}
    ins(%input, %window : memref<1x2x11x11xf32>, memref<3x3xf32>)
    outs(%output : memref<1x2x5x5xf32>)
  return
}

// -----

// Average pooling's sum, 2x2 stride 1, on rows of 19 outputs: one loop
// block of two 8-lane vectors, then a 3-lane tail; vector additions, and
// input vectors loaded straight (stride 1, no shuffle).
// CHECK-LABEL: func.func @sum_stride1
// CHECK:         scf.for
// CHECK:           arith.addf {{.*}} : vector<8xf32>
// CHECK:         arith.addf {{.*}} : vector<3xf32>
// CHECK-NOT:     vector.shuffle
// CHECK-NOT:     linalg.pooling_nchw_sum
func.func @sum_stride1(%input: memref<1x3x6x20xf32>, %output: memref<1x3x5x19xf32>) {
  %window = memref.alloc() : memref<2x2xf32>
  linalg.pooling_nchw_sum {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
    ins(%input, %window : memref<1x3x6x20xf32>, memref<2x2xf32>)
    outs(%output : memref<1x3x5x19xf32>)
  return
}

// -----

// A 7x7 window: a block of 3 rows of two 8-lane vectors would unroll
// (3 - 1 + 7) input rows x 7 kernel columns x 2 vectors = 126 loads, too
// many, so the block loops over the 7 window rows carrying its 6
// accumulators, 7 x 2 x 3 loads per step.
// CHECK-LABEL: func.func @max_large_window
// CHECK:         scf.for {{.*}} to %c9{{.*}} step %c3
// CHECK:           scf.for {{.*}} to %c7{{.*}} iter_args({{.*}}) -> (vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>, vector<8xf32>)
// CHECK-COUNT-42:    vector.load %arg0{{.*}} : memref<1x1x16x26xf32>, vector<8xf32>
// CHECK-NOT:         vector.load
// CHECK:             scf.yield
// CHECK-NOT:     linalg.pooling_nchw_max
func.func @max_large_window(%input: memref<1x1x16x26xf32>, %output: memref<1x1x10x20xf32>) {
  %window = memref.alloc() : memref<7x7xf32>
  linalg.pooling_nchw_max {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
    ins(%input, %window : memref<1x1x16x26xf32>, memref<7x7xf32>)
    outs(%output : memref<1x1x10x20xf32>)
  return
}

// -----

// A window wider than 16 columns (the ONNX tests have 60x80, dilation 10)
// would unroll into thousands of ops: it keeps the scalar loops.
// CHECK-LABEL: func.func @max_wide_window
// CHECK-NOT:     vector.
// CHECK:         linalg.pooling_nchw_max
func.func @max_wide_window(%input: memref<1x1x4x40xf32>, %output: memref<1x1x2x4xf32>) {
  %window = memref.alloc() : memref<3x17xf32>
  linalg.pooling_nchw_max {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
    ins(%input, %window : memref<1x1x4x40xf32>, memref<3x17xf32>)
    outs(%output : memref<1x1x2x4xf32>)
  return
}
