// A model with a dynamic dimension, which the C API cannot express.
module {
  func.func @main(%x: tensor<?x4xf32> {mote.name = "x"}) -> (tensor<?x4xf32> {mote.name = "y"}) {
    %r = mote.relu %x : tensor<?x4xf32>
    return %r : tensor<?x4xf32>
  }
}
