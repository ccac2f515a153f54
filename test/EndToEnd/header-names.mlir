// ONNX names become unique C identifiers in the generated header: invalid
// characters turn into '_', a leading digit gets a prefix, C keywords and
// names that differ only in case get suffixes. Element types map to C types.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: motec %s -o %t/names.o --header=%t/api/names_api.h --name=names
// RUN: FileCheck %s < %t/api/names_api.h
// RUN: %host_cc -std=c99 -Wall -Wextra -Werror -pedantic -fsyntax-only -I%t/api -x c %t/api/names_api.h
// RUN: %host_cc -x c++ -Wall -Werror -fsyntax-only %t/api/names_api.h

// CHECK: /* input 0: 'input:0' -> float input_0_tensor[3], 12 bytes */
// CHECK: /* input 1: '1st/x' -> int64_t t_1st_x[2][2], 32 bytes */
// CHECK: /* input 2: 'float' -> uint8_t float_tensor[4], 4 bytes */
// CHECK: /* output 0: 'Y' -> float Y[3], 12 bytes */
// CHECK: /* output 1: 'y' -> int32_t y_1[2][2], 16 bytes */
// CHECK: mote_status_t names_run(const float *input_0_tensor, const int64_t *t_1st_x, const uint8_t *float_tensor, float *Y, int32_t *y_1, void *arena, size_t arena_size);

module {
  func.func @main(%a: tensor<3xf32> {mote.name = "input:0"},
                  %b: tensor<2x2xi64> {mote.name = "1st/x"},
                  %c: tensor<4xui8> {mote.name = "float"})
      -> (tensor<3xf32> {mote.name = "Y"}, tensor<2x2xi32> {mote.name = "y"}) {
    %r = mote.relu %a : tensor<3xf32>
    %t = mote.cast %b : tensor<2x2xi64> to tensor<2x2xi32>
    return %r, %t : tensor<3xf32>, tensor<2x2xi32>
  }
}
