// The second model of two-models.mlir: y = 3 * x, with weights that differ
// from scale2's but internal globals that may have the same names.
#id = affine_map<(d0) -> (d0)>
module {
  func.func @main(%x: tensor<8xf32> {mote.name = "x"}) -> (tensor<8xf32> {mote.name = "y"}) {
    %w = arith.constant dense<[3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0]> : tensor<8xf32>
    %init = tensor.empty() : tensor<8xf32>
    %y = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
        ins(%x, %w : tensor<8xf32>, tensor<8xf32>) outs(%init : tensor<8xf32>) {
    ^bb0(%a: f32, %b: f32, %o: f32):
      %s = arith.mulf %a, %b : f32
      linalg.yield %s : f32
    } -> tensor<8xf32>
    return %y : tensor<8xf32>
  }
}
