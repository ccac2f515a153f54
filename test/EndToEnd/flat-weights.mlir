// Constant tensors reach LLVM IR as flat byte arrays, one LLVM constant per
// weight copied from its raw bytes (resource blob or dense attribute), not
// as nested arrays with one constant per innermost row: that is what keeps
// the translation and code generation of large models fast. The lookups
// below are data-dependent, so both tables stay in memory, and running the
// model checks that every element is still read from the right byte.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: motec %s --emit=llvm-ir -o - --name=flat | FileCheck %s --check-prefix=IR
// RUN: %python %S/../Tools/mote-run/Inputs/save_tensor.py %t/idx.npy int64 2 "2 0"
// RUN: %python %S/../Tools/mote-run/Inputs/save_tensor.py %t/rows.npy float32 2x4 "9 10 11 12 1 2 3 4"
// RUN: %python %S/../Tools/mote-run/Inputs/save_tensor.py %t/small.npy float32 2x2 "-5 6 -1 2"
// RUN: mote-run %s --input %t/idx.npy --expected %t/rows.npy \
// RUN:   --expected %t/small.npy | FileCheck %s --check-prefix=EXEC

// The 3x4 f32 blob is 48 bytes, the 3x2 dense table 24; neither keeps its
// nested array type.
// IR-DAG: = internal {{.*}}constant [48 x i8] c"\00\00\80?\00\00\00@
// IR-DAG: = internal {{.*}}constant [24 x i8]
// IR-NOT: x [4 x float]
// IR-NOT: x [2 x float]

// EXEC: output 0 'rows' (2x4 f32): ok
// EXEC: output 1 'small' (2x2 f32): ok

module {
  func.func @main(%idx: tensor<2xi64> {mote.name = "idx"})
      -> (tensor<2x4xf32> {mote.name = "rows"},
          tensor<2x2xf32> {mote.name = "small"}) {
    %table = arith.constant dense_resource<table> : tensor<3x4xf32>
    %small = arith.constant dense<[[-1.0, 2.0], [-3.0, 4.0], [-5.0, 6.0]]> : tensor<3x2xf32>
    %rows = mote.gather %table, %idx {axis = 0 : i64}
        : (tensor<3x4xf32>, tensor<2xi64>) -> tensor<2x4xf32>
    %picked = mote.gather %small, %idx {axis = 0 : i64}
        : (tensor<3x2xf32>, tensor<2xi64>) -> tensor<2x2xf32>
    return %rows, %picked : tensor<2x4xf32>, tensor<2x2xf32>
  }
}

{-#
  dialect_resources: {
    builtin: {
      table: "0x040000000000803F0000004000004040000080400000A0400000C0400000E0400000004100001041000020410000304100004041"
    }
  }
#-}
