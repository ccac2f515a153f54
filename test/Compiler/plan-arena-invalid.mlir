// RUN: mote-opt %s --split-input-file --mote-plan-arena --verify-diagnostics
// RUN: not mote-opt %s --split-input-file --mote-plan-arena=alignment=24 2>&1 | FileCheck %s --check-prefix=ALIGN

// ALIGN: mote-plan-arena: alignment must be a power of two, got 24

func.func @main(%n: index) {
  // expected-error @+1 {{mote-plan-arena: cannot place a buffer of type 'memref<?xf32>' in the arena; only statically shaped buffers with the identity layout are supported}}
  %a = memref.alloc(%n) : memref<?xf32>
  return
}

// -----

// expected-error @+1 {{mote-plan-arena: no function body named 'main' to plan}}
module {
  func.func @other() {
    return
  }
}
