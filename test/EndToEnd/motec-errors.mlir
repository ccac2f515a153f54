// motec rejects bad options with a clear message and leaves no file behind.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: not motec %s -o %t/m.o --target=foo-bar-baz 2>&1 | FileCheck %s --check-prefix=TRIPLE
// RUN: not motec %s -o %t/m.o --target=thumbv7em-none-eabihf --mcpu=cortex-z9 2>&1 | FileCheck %s --check-prefix=CPU
// RUN: not motec %s -o %t/m.o --mattr=+nonsense 2>&1 | FileCheck %s --check-prefix=FEATURE
// RUN: not motec %s -o %t/m.o --name=1abc 2>&1 | FileCheck %s --check-prefix=NAME
// RUN: not motec %s -o %t/m.o --emit=linalg --header=%t/m.h 2>&1 | FileCheck %s --check-prefix=HEADER
// RUN: not motec %S/Inputs/dynamic.mlir -o %t/m.o 2>&1 | FileCheck %s --check-prefix=DYNAMIC
// RUN: not motec %t/missing.mlir -o %t/m.o 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not motec %s.txt -o %t/m.o 2>&1 | FileCheck %s --check-prefix=EXTENSION
// RUN: ls %t | count 0
//
// The MLIR pass-manager options reach the pipeline.
// RUN: motec %s -o %t/ok.o --mlir-timing 2>&1 | FileCheck %s --check-prefix=TIMING
// RUN: motec %s -o - --emit=linalg --mlir-print-ir-after=mote-fuse-activation 2>&1 | FileCheck %s --check-prefix=PRINT

// TRIPLE: motec: error: unsupported target triple 'foo-bar-baz'
// TRIPLE-SAME: registered targets: {{.*}}thumb{{.*}}x86-64

// CPU: motec: error: unknown CPU 'cortex-z9' for target 'thumbv7em-unknown-none-eabihf'; known CPUs: {{.*}}cortex-m4

// FEATURE: motec: error: unknown or malformed CPU feature '+nonsense'

// NAME: motec: error: --name='1abc' is not a C identifier

// HEADER: motec: error: --header needs --emit=obj or --emit=asm

// DYNAMIC: dynamic.mlir:3:3: error: graph input 0 has type 'tensor<?x4xf32>'; only statically shaped tensors are supported

// MISSING: motec: error: cannot open input file

// EXTENSION: motec: error: unknown model file type '.txt'

// TIMING: Execution time report
// TIMING: MotePlanArena

// PRINT: IR Dump After MoteFuseActivation

module {
  func.func @main(%x: tensor<4xf32> {mote.name = "x"}) -> (tensor<4xf32> {mote.name = "y"}) {
    %r = mote.relu %x : tensor<4xf32>
    return %r : tensor<4xf32>
  }
}
