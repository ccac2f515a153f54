// motec --time-report prints one timing tree for the whole compile on
// stderr: the model import, the MLIR pipeline with its passes nested under
// it, the translation to LLVM IR, LLVM's optimization and its code
// generation (bench/ reads these phases). --mlir-timing shows the same tree.
// The object is still written.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: motec %s -o %t/timed.o --time-report 2> %t/report.txt
// RUN: FileCheck %s < %t/report.txt
// RUN: llvm-nm %t/timed.o | FileCheck %s --check-prefix=SYMS
// RUN: motec %s -o %t/timed2.o --mlir-timing 2>&1 | FileCheck %s
//
// Without the option motec prints nothing.
// RUN: motec %s -o %t/quiet.o 2>&1 | count 0

// CHECK:      Execution time report
// CHECK:      ----Wall Time----  ----Name----
// CHECK-NEXT: {{^ +[0-9.]+ \( *[0-9.]+%\)  model import$}}
// CHECK-NEXT: {{^ +[0-9.]+ \( *[0-9.]+%\)  MLIR pipeline$}}
// CHECK-NEXT: {{^ +[0-9.]+ \( *[0-9.]+%\)    'func.func' Pipeline$}}
// CHECK:      {{^ +[0-9.]+ \( *[0-9.]+%\)    MoteBuildEntryPoints$}}
// CHECK:      {{^ +[0-9.]+ \( *[0-9.]+%\)  translation to LLVM IR$}}
// CHECK-NEXT: {{^ +[0-9.]+ \( *[0-9.]+%\)  LLVM optimization$}}
// CHECK-NEXT: {{^ +[0-9.]+ \( *[0-9.]+%\)  LLVM code generation$}}
// CHECK:      {{^ +[0-9.]+ \( *[0-9.]+%\)  Total$}}

// SYMS: T time_report_run

module {
  func.func @main(%x: tensor<8xf32> {mote.name = "x"}) -> (tensor<8xf32> {mote.name = "y"}) {
    %y = mote.relu %x : tensor<8xf32>
    return %y : tensor<8xf32>
  }
}
