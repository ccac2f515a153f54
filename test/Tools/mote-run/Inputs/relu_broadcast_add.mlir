// A model given as mote IR rather than ONNX: relu(x) + bias, with the bias
// broadcast along the rows.
func.func @main(%x: tensor<2x3xf32> {mote.name = "x"},
                %bias: tensor<3xf32> {mote.name = "bias"})
    -> (tensor<2x3xf32> {mote.name = "out"}) {
  %0 = mote.relu %x : tensor<2x3xf32>
  %1 = mote.add %0, %bias : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}
