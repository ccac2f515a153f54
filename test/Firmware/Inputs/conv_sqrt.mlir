// A pointwise convolution followed by sqrt(|x|): on cores without a
// hardware square root (Cortex-M0+, rv32imac) mote-expand-math must compute
// the square root itself, since firmware links no libm.
module {
  func.func @main(%x: tensor<1x3x6x6xf32> {mote.name = "image"})
      -> (tensor<1x5x6x6xf32> {mote.name = "features"}) {
    %w = arith.constant dense<[[[[0.856]], [[0.105]], [[-0.639]]], [[[0.768]], [[0.283]], [[0.139]]], [[[-0.247]], [[-0.178]], [[-0.521]]], [[[-0.924]], [[0.752]], [[-0.065]]], [[[0.095]], [[-0.356]], [[0.503]]]]> : tensor<5x3x1x1xf32>
    %b = arith.constant dense<[-0.95, -0.256, -0.939, -0.754, 0.934]> : tensor<5xf32>
    %c = mote.conv %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x3x6x6xf32>, tensor<5x3x1x1xf32>, tensor<5xf32>) -> tensor<1x5x6x6xf32> loc("conv")
    %a = mote.abs %c : tensor<1x5x6x6xf32> loc("abs")
    %s = mote.sqrt %a : tensor<1x5x6x6xf32> loc("sqrt")
    return %s : tensor<1x5x6x6xf32>
  }
}
