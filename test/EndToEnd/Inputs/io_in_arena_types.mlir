// Inputs and outputs of several element types and shapes for
// io-in-arena-types.test: integer, boolean and f16 tensors, a rank-0 tensor,
// an unused input, an output that is an input, one output returned twice, a
// constant output and an empty one.
func.func @main(%ids: tensor<2x3xi64> {mote.name = "ids"},
                %half: tensor<4xf16> {mote.name = "half"},
                %unused: tensor<3xf32> {mote.name = "unused"},
                %scalar: tensor<f32> {mote.name = "scalar"})
    -> (tensor<2x3xi1> {mote.name = "positive"},
        tensor<4xf16> {mote.name = "negated"},
        tensor<2x3xi64> {mote.name = "ids_copy"},
        tensor<f32> {mote.name = "scalar_copy"},
        tensor<f32> {mote.name = "scalar_again"},
        tensor<2xf32> {mote.name = "constant"},
        tensor<0xf32> {mote.name = "empty"}) {
  %zero = arith.constant dense<0> : tensor<2x3xi64>
  %positive = mote.greater %ids, %zero : (tensor<2x3xi64>, tensor<2x3xi64>) -> tensor<2x3xi1>
  %negated = mote.neg %half : tensor<4xf16>
  %constant = arith.constant dense<[1.5, -2.5]> : tensor<2xf32>
  %empty = arith.constant dense<> : tensor<0xf32>
  return %positive, %negated, %ids, %scalar, %scalar, %constant, %empty
      : tensor<2x3xi1>, tensor<4xf16>, tensor<2x3xi64>, tensor<f32>, tensor<f32>, tensor<2xf32>, tensor<0xf32>
}
