// Weights stored as dense_resource blobs (how the importer stores large
// initializers) reach the object file as read-only data.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: motec %s -o %t/res.o --name=res
// RUN: motec %s --emit=llvm-dialect -o - --name=res | FileCheck %s --check-prefix=LLVM
// RUN: %host_cc -std=c99 -Wall -Wextra -Werror -pedantic -I%t -I%runtime_include %S/Inputs/resource_main.c %mote_src/runtime/src/mote_runtime.c %t/res.o -o %t/res
// RUN: %t/res | FileCheck %s

// The blob holds 1, 2, ..., 16 as little-endian f32 after the 4-byte
// alignment header; the C program does not know them, so the run checks
// that the translation to LLVM IR read the blob.
// LLVM: llvm.mlir.global internal constant @{{.*}}(dense_resource<weights> : tensor<16xf32>) {{{.*}}alignment = 64 : i64}

// CHECK: res: 1 3 6 10 15 21 28 36 45 55 66 78 91 105 120 136

#id = affine_map<(d0) -> (d0)>
module {
  func.func @main(%x: tensor<16xf32> {mote.name = "x"}) -> (tensor<16xf32> {mote.name = "y"}) {
    %w = arith.constant dense_resource<weights> : tensor<16xf32>
    %init = tensor.empty() : tensor<16xf32>
    %y = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
        ins(%x, %w : tensor<16xf32>, tensor<16xf32>) outs(%init : tensor<16xf32>) {
    ^bb0(%a: f32, %b: f32, %o: f32):
      %s = arith.mulf %a, %b : f32
      linalg.yield %s : f32
    } -> tensor<16xf32>
    return %y : tensor<16xf32>
  }
}

{-#
  dialect_resources: {
    builtin: {
      weights: "0x040000000000803F0000004000004040000080400000A0400000C0400000E040000000410000104100002041000030410000404100005041000060410000704100008041"
    }
  }
#-}
