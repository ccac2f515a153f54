// --arena-check with --io-in-arena: the output tensor, which lives in the
// arena, gets guard zones like every other buffer, checked before the model
// function returns. The model writes x + 1 into its output and then stores 0
// at a caller-chosen index of it; index 4 writes one element past the
// output, into its guard zone, and _run reports it.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: motec %s --io-in-arena --arena-check -o %t/overflow.o --name=overflow
// RUN: FileCheck %s --check-prefix=HEADER < %t/overflow.h
// RUN: %host_cc -std=c99 -Wall -Wextra -Werror -pedantic -I%t -I%runtime_include %S/Inputs/arena_check_io_main.c %mote_src/runtime/src/mote_runtime.c %t/overflow.o -o %t/overflow
// RUN: %t/overflow 1 | FileCheck %s --check-prefix=INBOUNDS
// RUN: %t/overflow 4 | FileCheck %s --check-prefix=OVERFLOW
//
// The guard zones surround the tensors: the accessors' offsets skip the
// first zone, and the arena is larger than without --arena-check.
// RUN: motec %s --io-in-arena -o %t/plain.o --name=overflow --header=%t/plain/overflow.h
// RUN: FileCheck %s --check-prefix=PLAIN < %t/plain/overflow.h
//
// The guards of the input and output are filled and checked inside the
// model function, which the entry point follows by reading the status word.
// RUN: motec %s --io-in-arena --arena-check --name=overflow --emit=llvm-dialect -o - | FileCheck %s --check-prefix=ENTRY

// Three slots of 64 + 64 + 64 bytes (guard, contents, guard) and one for
// the status word; without the guards three 64-byte buffers.
// HEADER: #define OVERFLOW_ARENA_SIZE 640u
// HEADER: #define OVERFLOW_INPUT_0_OFFSET {{[1-9][0-9]*}}u
// HEADER: #define OVERFLOW_INPUT_1_OFFSET {{[1-9][0-9]*}}u
// HEADER: #define OVERFLOW_OUTPUT_0_OFFSET {{[1-9][0-9]*}}u
// HEADER: mote_status_t overflow_run(void *arena, size_t arena_size);
// HEADER-NOT: _run_v
// PLAIN: #define OVERFLOW_ARENA_SIZE 192u
// INBOUNDS: status 0 (
// INBOUNDS-NEXT: y = 2 0 4 5
// INBOUNDS-NEXT: x intact
// OVERFLOW: status -5 (an op wrote outside its buffer in the arena (--arena-check))
// OVERFLOW-NEXT: x intact
// ENTRY: module attributes {{{.*}}mote.arena_check_status_offset =
// ENTRY: llvm.func internal @overflow_forward(%{{[^:]*}}: !llvm.ptr {llvm.noalias})
// ENTRY: llvm.func @overflow_run(%{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: i64) -> i32
// ENTRY: llvm.call @overflow_forward
// ENTRY: llvm.load
// ENTRY: llvm.icmp "ne"
// ENTRY-NEXT: llvm.cond_br
// ENTRY-NOT: _run_v

#id = affine_map<(d0) -> (d0)>
func.func @main(%x: tensor<4xf32> {mote.name = "x"},
                %index: tensor<1xi32> {mote.name = "index"})
    -> (tensor<4xf32> {mote.name = "y"}) {
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
  %y = tensor.insert %zero into %plus[%i] : tensor<4xf32>
  return %y : tensor<4xf32>
}
