// Two models compiled separately link into one program: every symbol but
// the entry points is internal, and the headers coexist with each other and
// with the runtime header.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: motec %s -o %t/scale2.o --name=scale2
// RUN: motec %S/Inputs/scale3.mlir -o %t/scale3.o
// RUN: %host_cc -std=c99 -Wall -Wextra -Werror -pedantic -I%t -I%runtime_include %S/Inputs/two_models_main.c %mote_src/runtime/src/mote_runtime.c %t/scale2.o %t/scale3.o -o %t/two
// RUN: %t/two | FileCheck %s

// CHECK: scale2: 0 2 4 6 8 10 12 14
// CHECK: scale3: 0 3 6 9 12 15 18 21

#id = affine_map<(d0) -> (d0)>
module {
  func.func @main(%x: tensor<8xf32> {mote.name = "x"}) -> (tensor<8xf32> {mote.name = "y"}) {
    %w = arith.constant dense<[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]> : tensor<8xf32>
    %init = tensor.empty() : tensor<8xf32>
    %sum = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
        ins(%x, %w : tensor<8xf32>, tensor<8xf32>) outs(%init : tensor<8xf32>) {
    ^bb0(%a: f32, %b: f32, %o: f32):
      %s = arith.mulf %a, %b : f32
      linalg.yield %s : f32
    } -> tensor<8xf32>
    %init2 = tensor.empty() : tensor<8xf32>
    %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
        ins(%sum : tensor<8xf32>) outs(%init2 : tensor<8xf32>) {
    ^bb0(%a: f32, %o: f32):
      %s = arith.addf %a, %a : f32
      linalg.yield %s : f32
    } -> tensor<8xf32>
    return %y : tensor<8xf32>
  }
}
