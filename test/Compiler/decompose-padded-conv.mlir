// RUN: mote-opt %s --mote-decompose-padded-conv=decompose=all | FileCheck %s
// RUN: mote-opt %s --mote-decompose-padded-conv | FileCheck %s --check-prefix=PEAK
// RUN: not mote-opt %s --mote-decompose-padded-conv=decompose=some 2>&1 | FileCheck %s --check-prefix=BAD
//
// Zero-padded convolutions read no padded copy: the output is cut into
// regions that see the same kernel taps, and each region is an unpadded
// convolution of those taps (a slice of the weight) over a slice of the
// input, written in place into its slice of the output (extract_slice,
// convolution, insert_slice). Taps and regions that only read padding
// vanish.

// A DS-CNN block: depthwise 3x3, padding 1, stride 1, on a 5x4 map. The
// output splits into 3x3 regions: the top-left corner (0, 0) sees kernel
// rows and columns 1..2 over input rows and columns 0..1; the interior
// (rows 1..3, columns 1..2) sees the whole kernel over the whole input and is
// one convolution; the bottom-right corner sees kernel rows and columns
// 0..1 over input rows 3..4 and columns 2..3.
// CHECK-LABEL: func.func @depthwise
// The padded copy is live with the output, above the peak without it:
// decompose=peak rewrites it too.
// PEAK-LABEL: func.func @depthwise
// PEAK-NOT: tensor.pad
// PEAK-COUNT-9: linalg.depthwise_conv_2d_nchw_chw
// PEAK: return
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x5x4xf32>, %[[W:.*]]: tensor<2x3x3xf32>, %[[INIT:.*]]: tensor<1x2x5x4xf32>)
// CHECK-NOT: tensor.pad
// CHECK: %[[IN0:.*]] = tensor.extract_slice %[[X]][0, 0, 0, 0] [1, 2, 2, 2] [1, 1, 1, 1]
// CHECK: %[[OUT0:.*]] = tensor.extract_slice %[[INIT]][0, 0, 0, 0] [1, 2, 1, 1] [1, 1, 1, 1]
// CHECK: %[[W0:.*]] = tensor.extract_slice %[[W]][0, 1, 1] [2, 2, 2] [1, 1, 1] : tensor<2x3x3xf32> to tensor<2x2x2xf32>
// CHECK: %[[R0:.*]] = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%[[IN0]], %[[W0]] : tensor<1x2x2x2xf32>, tensor<2x2x2xf32>) outs(%[[OUT0]] : tensor<1x2x1x1xf32>)
// CHECK: %[[ACC0:.*]] = tensor.insert_slice %[[R0]] into %[[INIT]][0, 0, 0, 0] [1, 2, 1, 1] [1, 1, 1, 1]
// CHECK: tensor.extract_slice %[[ACC0]][0, 0, 0, 1] [1, 2, 1, 2]
// CHECK-COUNT-3: linalg.depthwise_conv_2d_nchw_chw
// CHECK: %[[IN4:.*]] = tensor.extract_slice %[[X]][0, 0, 0, 0] [1, 2, 5, 4] [1, 1, 1, 1]
// CHECK: %[[OUT4:.*]] = tensor.extract_slice %{{.*}}[0, 0, 1, 1] [1, 2, 3, 2] [1, 1, 1, 1]
// CHECK: %[[W4:.*]] = tensor.extract_slice %[[W]][0, 0, 0] [2, 3, 3] [1, 1, 1]
// CHECK: linalg.depthwise_conv_2d_nchw_chw {{.*}} ins(%[[IN4]], %[[W4]] : tensor<1x2x5x4xf32>, tensor<2x3x3xf32>) outs(%[[OUT4]] : tensor<1x2x3x2xf32>)
// CHECK-COUNT-3: linalg.depthwise_conv_2d_nchw_chw
// CHECK: tensor.extract_slice %[[X]][0, 0, 3, 2] [1, 2, 2, 2] [1, 1, 1, 1]
// CHECK: %[[OUT8:.*]] = tensor.extract_slice %[[ACC7:.*]][0, 0, 4, 3] [1, 2, 1, 1] [1, 1, 1, 1]
// CHECK: tensor.extract_slice %[[W]][0, 0, 0] [2, 2, 2]
// CHECK: %[[R8:.*]] = linalg.depthwise_conv_2d_nchw_chw
// CHECK: %[[ACC8:.*]] = tensor.insert_slice %[[R8]] into %[[ACC7]][0, 0, 4, 3] [1, 2, 1, 1]
// CHECK: return %[[ACC8]]
// CHECK-NOT: linalg.depthwise_conv_2d_nchw_chw
// CHECK-LABEL: func.func @strided
func.func @depthwise(%x: tensor<1x2x5x4xf32>, %w: tensor<2x3x3xf32>, %init: tensor<1x2x5x4xf32>) -> tensor<1x2x5x4xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %zero : f32
  } : tensor<1x2x5x4xf32> to tensor<1x2x7x6xf32>
  %r = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%p, %w : tensor<1x2x7x6xf32>, tensor<2x3x3xf32>) outs(%init : tensor<1x2x5x4xf32>) -> tensor<1x2x5x4xf32>
  return %r : tensor<1x2x5x4xf32>
}

// Stride 2, padding 1 on a 6x6 map: only output row and column 0 miss a
// kernel row or column (kernel offset 0 reads padding there), so there are
// four regions; the interior (rows and columns 1..2) keeps stride 2 and the
// whole kernel over input rows and columns 1..5.
// CHECK-NOT: tensor.pad
// CHECK: %[[IN0:.*]] = tensor.extract_slice %arg0[0, 0, 0, 0] [1, 3, 2, 2] [1, 1, 1, 1]
// CHECK: %[[OUT0:.*]] = tensor.extract_slice %arg2[0, 0, 0, 0] [1, 4, 1, 1] [1, 1, 1, 1]
// CHECK: %[[W0:.*]] = tensor.extract_slice %arg1[0, 0, 1, 1] [4, 3, 2, 2] [1, 1, 1, 1] : tensor<4x3x3x3xf32> to tensor<4x3x2x2xf32>
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>} ins(%[[IN0]], %[[W0]] : tensor<1x3x2x2xf32>, tensor<4x3x2x2xf32>) outs(%[[OUT0]] : tensor<1x4x1x1xf32>)
// CHECK-COUNT-2: linalg.conv_2d_nchw_fchw
// CHECK: %[[IN3:.*]] = tensor.extract_slice %arg0[0, 0, 1, 1] [1, 3, 5, 5] [1, 1, 1, 1]
// CHECK: %[[OUT3:.*]] = tensor.extract_slice %{{.*}}[0, 0, 1, 1] [1, 4, 2, 2]
// CHECK: %[[W3:.*]] = tensor.extract_slice %arg1[0, 0, 0, 0] [4, 3, 3, 3]
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>} ins(%[[IN3]], %[[W3]] : tensor<1x3x5x5xf32>, tensor<4x3x3x3xf32>) outs(%[[OUT3]] : tensor<1x4x2x2xf32>)
// CHECK-NOT: linalg.conv_2d_nchw_fchw
// CHECK-LABEL: func.func @far_padding
func.func @strided(%x: tensor<1x3x6x6xf32>, %w: tensor<4x3x3x3xf32>, %init: tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %zero : f32
  } : tensor<1x3x6x6xf32> to tensor<1x3x8x8xf32>
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>} ins(%p, %w : tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) outs(%init : tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  return %r : tensor<1x4x3x3xf32>
}

// Padding 3 around a 3x3 kernel on a 2x2 input: output rows and columns 0
// and 5 read padding only and get no region (they keep the init, the
// bias); the 4x4 block in between splits into 4x4 regions. The first, at
// (1, 1), sees only the kernel's last tap over input element (0, 0).
// CHECK-NOT: tensor.pad
// CHECK: tensor.extract_slice %arg0[0, 0, 0, 0] [1, 1, 1, 1] [1, 1, 1, 1]
// CHECK: tensor.extract_slice %arg2[0, 0, 1, 1] [1, 1, 1, 1]
// CHECK: tensor.extract_slice %arg1[0, 0, 2, 2] [1, 1, 1, 1]
// CHECK-COUNT-16: linalg.conv_2d_nchw_fchw
// CHECK-NOT: linalg.conv_2d_nchw_fchw
// CHECK-LABEL: func.func @vanishing_taps
func.func @far_padding(%x: tensor<1x1x2x2xf32>, %w: tensor<1x1x3x3xf32>, %init: tensor<1x1x6x6xf32>) -> tensor<1x1x6x6xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 0, 3, 3] high[0, 0, 3, 3] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %zero : f32
  } : tensor<1x1x2x2xf32> to tensor<1x1x8x8xf32>
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%p, %w : tensor<1x1x8x8xf32>, tensor<1x1x3x3xf32>) outs(%init : tensor<1x1x6x6xf32>) -> tensor<1x1x6x6xf32>
  return %r : tensor<1x1x6x6xf32>
}

// One input row, padding 1, stride 2: the single output row reads padded
// row 1 only, so kernel rows 0 and 2 vanish from both regions.
// CHECK-NOT: tensor.pad
// CHECK: tensor.extract_slice %arg0[0, 0, 0, 0] [1, 1, 1, 2] [1, 1, 1, 1]
// CHECK: tensor.extract_slice %arg2[0, 0, 0, 0] [1, 1, 1, 1]
// CHECK: tensor.extract_slice %arg1[0, 0, 1, 1] [1, 1, 1, 2]
// CHECK: linalg.conv_2d_nchw_fchw
// CHECK: tensor.extract_slice %arg0[0, 0, 0, 1] [1, 1, 1, 3] [1, 1, 1, 1]
// CHECK: tensor.extract_slice %{{.*}}[0, 0, 0, 1] [1, 1, 1, 1]
// CHECK: tensor.extract_slice %arg1[0, 0, 1, 0] [1, 1, 1, 3]
// CHECK: linalg.conv_2d_nchw_fchw
// CHECK-NOT: linalg.conv_2d_nchw_fchw
// CHECK-LABEL: func.func @asymmetric
func.func @vanishing_taps(%x: tensor<1x1x1x4xf32>, %w: tensor<1x1x3x3xf32>, %init: tensor<1x1x1x2xf32>) -> tensor<1x1x1x2xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %zero : f32
  } : tensor<1x1x1x4xf32> to tensor<1x1x3x6xf32>
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>} ins(%p, %w : tensor<1x1x3x6xf32>, tensor<1x1x3x3xf32>) outs(%init : tensor<1x1x1x2xf32>) -> tensor<1x1x1x2xf32>
  return %r : tensor<1x1x1x2xf32>
}

// One channel, asymmetric padding (top 2, left 1, bottom 1, right 0) on a
// 4x4 map: four row bands (row 0 sees kernel row 2, row 1 rows 1..2, rows
// 2..3 all, row 4 rows 0..1) times two column bands (column 0 sees kernel
// columns 1..2, columns 1..2 all; no right border).
// CHECK-NOT: tensor.pad
// CHECK: tensor.extract_slice %arg0[0, 0, 0, 0] [1, 1, 1, 2] [1, 1, 1, 1]
// CHECK: tensor.extract_slice %arg2[0, 0, 0, 0] [1, 1, 1, 1]
// CHECK: tensor.extract_slice %arg1[0, 2, 1] [1, 1, 2] [1, 1, 1] : tensor<1x3x3xf32> to tensor<1x1x2xf32>
// CHECK: linalg.depthwise_conv_2d_nchw_chw
// CHECK-COUNT-4: linalg.depthwise_conv_2d_nchw_chw
// CHECK: tensor.extract_slice %arg0[0, 0, 0, 0] [1, 1, 4, 4] [1, 1, 1, 1]
// CHECK: tensor.extract_slice %{{.*}}[0, 0, 2, 1] [1, 1, 2, 2]
// CHECK: tensor.extract_slice %arg1[0, 0, 0] [1, 3, 3]
// CHECK: linalg.depthwise_conv_2d_nchw_chw
// CHECK: tensor.extract_slice %arg0[0, 0, 2, 0] [1, 1, 2, 4] [1, 1, 1, 1]
// CHECK: tensor.extract_slice %{{.*}}[0, 0, 4, 1] [1, 1, 1, 2]
// CHECK: tensor.extract_slice %arg1[0, 0, 0] [1, 2, 3]
// CHECK: linalg.depthwise_conv_2d_nchw_chw
// CHECK-NOT: linalg.depthwise_conv_2d_nchw_chw
// CHECK-LABEL: func.func @dilated
func.func @asymmetric(%x: tensor<1x1x4x4xf32>, %w: tensor<1x3x3xf32>, %init: tensor<1x1x5x3xf32>) -> tensor<1x1x5x3xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 0, 2, 1] high[0, 0, 1, 0] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %zero : f32
  } : tensor<1x1x4x4xf32> to tensor<1x1x7x5xf32>
  %r = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%p, %w : tensor<1x1x7x5xf32>, tensor<1x3x3xf32>) outs(%init : tensor<1x1x5x3xf32>) -> tensor<1x1x5x3xf32>
  return %r : tensor<1x1x5x3xf32>
}

// Dilation 2, padding 2 on a 5x5 map: rows and columns 0..1 miss kernel
// offset 0, 3..4 miss offset 2, and only the centre (2, 2) sees the whole
// dilated kernel. Each region keeps dilation 2.
// CHECK-NOT: tensor.pad
// CHECK: tensor.extract_slice %arg0[0, 0, 0, 0] [1, 1, 4, 4] [1, 1, 1, 1]
// CHECK: tensor.extract_slice %arg2[0, 0, 0, 0] [1, 1, 2, 2]
// CHECK: tensor.extract_slice %arg1[0, 1, 1] [1, 2, 2]
// CHECK: linalg.depthwise_conv_2d_nchw_chw {dilations = dense<2> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
// CHECK-COUNT-3: linalg.depthwise_conv_2d_nchw_chw
// CHECK: tensor.extract_slice %arg0[0, 0, 0, 0] [1, 1, 5, 5] [1, 1, 1, 1]
// CHECK: tensor.extract_slice %{{.*}}[0, 0, 2, 2] [1, 1, 1, 1]
// CHECK: tensor.extract_slice %arg1[0, 0, 0] [1, 3, 3]
// CHECK: linalg.depthwise_conv_2d_nchw_chw
// CHECK-COUNT-4: linalg.depthwise_conv_2d_nchw_chw
// CHECK-NOT: linalg.depthwise_conv_2d_nchw_chw
// CHECK-LABEL: func.func @nonzero_pad
func.func @dilated(%x: tensor<1x1x5x5xf32>, %w: tensor<1x3x3xf32>, %init: tensor<1x1x5x5xf32>) -> tensor<1x1x5x5xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 0, 2, 2] high[0, 0, 2, 2] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %zero : f32
  } : tensor<1x1x5x5xf32> to tensor<1x1x9x9xf32>
  %r = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<2> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%p, %w : tensor<1x1x9x9xf32>, tensor<1x3x3xf32>) outs(%init : tensor<1x1x5x5xf32>) -> tensor<1x1x5x5xf32>
  return %r : tensor<1x1x5x5xf32>
}

// Padding with ones contributes to the sum: left alone.
// CHECK: tensor.pad
// CHECK: linalg.depthwise_conv_2d_nchw_chw {{.*}} ins(%padded
// CHECK-LABEL: func.func @channel_pad
func.func @nonzero_pad(%x: tensor<1x1x4x4xf32>, %w: tensor<1x3x3xf32>, %init: tensor<1x1x4x4xf32>) -> tensor<1x1x4x4xf32> {
  %one = arith.constant 1.0 : f32
  %p = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %one : f32
  } : tensor<1x1x4x4xf32> to tensor<1x1x6x6xf32>
  %r = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%p, %w : tensor<1x1x6x6xf32>, tensor<1x3x3xf32>) outs(%init : tensor<1x1x4x4xf32>) -> tensor<1x1x4x4xf32>
  return %r : tensor<1x1x4x4xf32>
}

// Channel padding changes the contraction: left alone.
// CHECK: tensor.pad
// CHECK: linalg.conv_2d_nchw_fchw {{.*}} ins(%padded
// CHECK-LABEL: func.func @shared_pad
func.func @channel_pad(%x: tensor<1x1x4x4xf32>, %w: tensor<2x2x3x3xf32>, %init: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 1, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %zero : f32
  } : tensor<1x1x4x4xf32> to tensor<1x2x6x6xf32>
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%p, %w : tensor<1x2x6x6xf32>, tensor<2x2x3x3xf32>) outs(%init : tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %r : tensor<1x2x4x4xf32>
}

// The convolution is rewritten; the pad stays for its other user. Under
// decompose=peak nothing changes: the copy stays either way.
// PEAK-LABEL: func.func @shared_pad
// PEAK: %[[PAD:.*]] = tensor.pad
// PEAK: linalg.depthwise_conv_2d_nchw_chw {{.*}} ins(%[[PAD]], %arg1
// CHECK: %[[PAD:.*]] = tensor.pad
// CHECK-NOT: ins(%[[PAD]]
// CHECK: tensor.insert_slice
// CHECK: return %{{inserted_slice[_0-9]*}}, %[[PAD]]
func.func @shared_pad(%x: tensor<1x1x2x2xf32>, %w: tensor<1x3x3xf32>, %init: tensor<1x1x2x2xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x4x4xf32>) {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %zero : f32
  } : tensor<1x1x2x2xf32> to tensor<1x1x4x4xf32>
  %r = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%p, %w : tensor<1x1x4x4xf32>, tensor<1x3x3xf32>) outs(%init : tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
  return %r, %p : tensor<1x1x2x2xf32>, tensor<1x1x4x4xf32>
}

// decompose=peak: the 144-byte copy of the 4x4 input is live with a 64-byte
// output (208 bytes), well below the 1,024 bytes the last layer needs
// without any copy (its 8x4x4 input and output), so it stays. The 1,152-byte
// copy of that 8x4x4 map is at the peak (1,664 bytes with it): its
// convolution becomes 3x3 regions. decompose=all rewrites both.
// PEAK-LABEL: func.func @peak_choice
// PEAK: %[[P1:.*]] = tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 1, 1]
// PEAK: linalg.depthwise_conv_2d_nchw_chw {{.*}} ins(%[[P1]], %arg1 : tensor<1x1x6x6xf32>, tensor<1x3x3xf32>)
// PEAK: %[[C2:.*]] = linalg.conv_2d_nchw_fchw
// PEAK-NOT: tensor.pad
// PEAK-COUNT-9: linalg.depthwise_conv_2d_nchw_chw {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x8x{{[0-9]}}x{{[0-9]}}xf32>, tensor<8x{{[0-9]}}x{{[0-9]}}xf32>)
// PEAK-NOT: linalg.depthwise_conv_2d_nchw_chw
// PEAK: return
// CHECK-LABEL: func.func @peak_choice
// CHECK-NOT: tensor.pad
// CHECK-COUNT-9: linalg.depthwise_conv_2d_nchw_chw {{.*}} tensor<1x1x{{[0-9]}}x{{[0-9]}}xf32>
// CHECK: linalg.conv_2d_nchw_fchw
// CHECK-COUNT-9: linalg.depthwise_conv_2d_nchw_chw {{.*}} tensor<1x8x{{[0-9]}}x{{[0-9]}}xf32>
// CHECK-NOT: tensor.pad
// CHECK: return
func.func @peak_choice(%x: tensor<1x1x4x4xf32>, %w1: tensor<1x3x3xf32>, %w2: tensor<8x1x1x1xf32>, %w3: tensor<8x3x3xf32>) -> tensor<1x8x4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %p1 = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %zero : f32
  } : tensor<1x1x4x4xf32> to tensor<1x1x6x6xf32>
  %e1 = tensor.empty() : tensor<1x1x4x4xf32>
  %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<1x1x4x4xf32>) -> tensor<1x1x4x4xf32>
  %c1 = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%p1, %w1 : tensor<1x1x6x6xf32>, tensor<1x3x3xf32>) outs(%f1 : tensor<1x1x4x4xf32>) -> tensor<1x1x4x4xf32>
  %e2 = tensor.empty() : tensor<1x8x4x4xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  %c2 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%c1, %w2 : tensor<1x1x4x4xf32>, tensor<8x1x1x1xf32>) outs(%f2 : tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  %p2 = tensor.pad %c2 low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %zero : f32
  } : tensor<1x8x4x4xf32> to tensor<1x8x6x6xf32>
  %e3 = tensor.empty() : tensor<1x8x4x4xf32>
  %f3 = linalg.fill ins(%zero : f32) outs(%e3 : tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  %c3 = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%p2, %w3 : tensor<1x8x6x6xf32>, tensor<8x3x3xf32>) outs(%f3 : tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  return %c3 : tensor<1x8x4x4xf32>
}

// BAD: error: mote-decompose-padded-conv: unknown decompose='some'; use 'peak'
