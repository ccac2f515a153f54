// Two convolutions with varied weights of odd sizes (the 3-float bias is
// followed by alignment padding), shared by the tests of --weights=external,
// --weights-section and concurrent runs.
module {
  func.func @main(%x: tensor<1x3x6x6xf32> {mote.name = "image"})
      -> (tensor<1x5x6x6xf32> {mote.name = "features"}) {
    %w1 = arith.constant dense<[[[[0.25, 0.794, 0.551], [-0.55, -0.4, 0.747], [-0.989, 0.642, 0.594]], [[-0.064, -0.394, -0.443], [-0.49, -0.11, 0.009], [0.107, 0.991, 0.585]], [[0.244, 0.978, -0.569], [-0.68, 0.225, -0.912], [-0.929, 0.03, -0.068]]], [[[0.834, 0.258, 0.028], [-0.006, -0.505, -0.976], [-0.615, 0.384, -0.599]], [[-0.261, -0.993, 0.66], [-0.691, -0.465, 0.761], [0.02, 0.694, 0.279]], [[0.484, -0.817, 0.082], [0.016, 0.743, -0.277], [0.196, -0.881, -0.225]]], [[[-0.354, -0.7, 0.633], [-0.241, 0.957, 0.18], [0.21, 0.276, 0.353]], [[-0.698, -0.119, -0.521], [-0.195, -0.807, 0.936], [-0.57, 0.344, -0.399]], [[0.748, 0.324, -0.737], [0.69, 0.89, 0.808], [0.139, -0.709, -0.615]]]]> : tensor<3x3x3x3xf32>
    %b1 = arith.constant dense<[0.5, -1.0, 0.25]> : tensor<3xf32>
    %c1 = mote.conv %x, %w1, %b1 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x3x6x6xf32>, tensor<3x3x3x3xf32>, tensor<3xf32>) -> tensor<1x3x6x6xf32> loc("conv1")
    %r1 = mote.relu %c1 : tensor<1x3x6x6xf32> loc("relu1")
    %w2 = arith.constant dense<[[[[0.856]], [[0.105]], [[-0.639]]], [[[0.768]], [[0.283]], [[0.139]]], [[[-0.247]], [[-0.178]], [[-0.521]]], [[[-0.924]], [[0.752]], [[-0.065]]], [[[0.095]], [[-0.356]], [[0.503]]]]> : tensor<5x3x1x1xf32>
    %b2 = arith.constant dense<[-0.95, -0.256, -0.939, -0.754, 0.934]> : tensor<5xf32>
    %c2 = mote.conv %r1, %w2, %b2 {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x3x6x6xf32>, tensor<5x3x1x1xf32>, tensor<5xf32>) -> tensor<1x5x6x6xf32> loc("conv2")
    return %c2 : tensor<1x5x6x6xf32>
  }
}
