// --arena-check: guard zones around every arena buffer, verified at run time.
// The model stores 0 at a caller-chosen index of an intermediate buffer of
// four floats (x + 1) and sums it; index 4 writes one element past the
// buffer, into its guard zone. (A negative index is no test: the memref
// lowering's `getelementptr nuw` lets LLVM drop such a store.)
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: motec %s --arena-check -o %t/overflow.o --name=overflow
// RUN: FileCheck %s --check-prefix=HEADER < %t/overflow.h
// RUN: %host_cc -std=c99 -Wall -Wextra -Werror -I%t -I%runtime_include %S/Inputs/arena_check_main.c %mote_src/runtime/src/mote_runtime.c %t/overflow.o -o %t/overflow
// RUN: %t/overflow 1 | FileCheck %s --check-prefix=INBOUNDS
// RUN: %t/overflow 4 | FileCheck %s --check-prefix=OVERFLOW
//
// Without --arena-check the same overflow goes unnoticed (and the arena has
// no guard zones).
// RUN: motec %s -o %t/plain.o --name=overflow --header=%t/plain/overflow.h
// RUN: FileCheck %s --check-prefix=PLAIN < %t/plain/overflow.h
// RUN: %host_cc -std=c99 -I%t/plain -I%runtime_include %S/Inputs/arena_check_main.c %mote_src/runtime/src/mote_runtime.c %t/plain.o -o %t/plain/overflow
// RUN: %t/plain/overflow 1 | FileCheck %s --check-prefix=INBOUNDS
//
// The entry point reads the status word the guard checks set.
// RUN: motec %s --arena-check --name=overflow --emit=llvm-dialect -o - | FileCheck %s --check-prefix=ENTRY

// HEADER: #define MOTE_STATUS_ARENA_CORRUPTED (-5)
// HEADER: Built with --arena-check: MOTE_STATUS_ARENA_CORRUPTED if a layer
// HEADER: mote_status_t overflow_run(
// PLAIN: #define OVERFLOW_ARENA_SIZE 64u
// PLAIN-NOT: Built with --arena-check
// INBOUNDS: status 0 (
// INBOUNDS: y = 11
// OVERFLOW: status -5 (an op wrote outside its buffer in the arena (--arena-check))
// ENTRY: module attributes {{{.*}}mote.arena_check_status_offset =
// ENTRY: llvm.func @overflow_run(
// ENTRY: llvm.call @overflow_forward
// ENTRY: llvm.load
// ENTRY: llvm.icmp "ne"
// ENTRY-NEXT: llvm.cond_br

#id = affine_map<(d0) -> (d0)>
#sum = affine_map<(d0) -> (0)>
func.func @main(%x: tensor<4xf32> {mote.name = "x"},
                %index: tensor<1xi32> {mote.name = "index"})
    -> (tensor<1xf32> {mote.name = "y"}) {
  %one = arith.constant 1.0 : f32
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %empty = tensor.empty() : tensor<4xf32>
  %plus = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<4xf32>) outs(%empty : tensor<4xf32>) {
  ^bb0(%a: f32, %b: f32):
    %s = arith.addf %a, %one : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  %raw = tensor.extract %index[%c0] : tensor<1xi32>
  %i = arith.index_cast %raw : i32 to index
  %stored = tensor.insert %zero into %plus[%i] : tensor<4xf32>
  %empty2 = tensor.empty() : tensor<1xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty2 : tensor<1xf32>) -> tensor<1xf32>
  %y = linalg.generic {indexing_maps = [#id, #sum], iterator_types = ["reduction"]}
      ins(%stored : tensor<4xf32>) outs(%init : tensor<1xf32>) {
  ^bb0(%a: f32, %b: f32):
    %d = arith.addf %a, %b : f32
    linalg.yield %d : f32
  } -> tensor<1xf32>
  return %y : tensor<1xf32>
}
