/* Runs Inputs/two_convs.mlir compiled twice, with caller-owned input and
 * output buffers (`ref`) and with --io-in-arena (`ioa`, possibly with
 * --arena-check or --weights=external too), on the same input: writes the
 * input through ioa_input_0(), runs, and checks that ioa_output_0() equals
 * the reference output, that the input in the arena was not modified, and
 * that the io-in-arena build needs no more RAM than the reference's arena
 * plus its input and output buffers. With external weights argv[1] is
 * ioa_weights.bin. */
#include "ioa.h"
#include "ref.h"
#include "mote/mote_runtime.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#ifndef IOA_IO_IN_ARENA
#error "ioa.h must come from motec --io-in-arena"
#endif

#ifdef IOA_EXTERNAL_WEIGHTS
static unsigned char weights_storage[IOA_WEIGHTS_SIZE + IOA_WEIGHTS_ALIGN];
static void *weights;
/* The only signature --io-in-arena --weights=external gives: no tensors. */
#define IOA_RUN(arena, size) ioa_run(weights, arena, size)
#else
/* The only signature --io-in-arena gives: the arena and its size. */
#define IOA_RUN(arena, size) ioa_run(arena, size)
#endif

#define NUM_IN REF_INPUT_0_NUM_ELEMENTS
#define NUM_OUT REF_OUTPUT_0_NUM_ELEMENTS

static unsigned char ref_arena_storage[REF_ARENA_SIZE + REF_ARENA_ALIGN];
static unsigned char ioa_arena_storage[IOA_ARENA_SIZE + IOA_ARENA_ALIGN];

int main(int argc, char **argv) {
  float image[NUM_IN], expected[NUM_OUT];
  void *ref_arena = mote_align_pointer(ref_arena_storage, REF_ARENA_ALIGN);
  void *ioa_arena = mote_align_pointer(ioa_arena_storage, IOA_ARENA_ALIGN);
  unsigned long ref_ram =
      REF_ARENA_SIZE + REF_INPUT_0_SIZE + REF_OUTPUT_0_SIZE;
  float *input, *output;
  float max_diff = 0.0f;
  size_t i;
  mote_status_t status;

#ifdef IOA_EXTERNAL_WEIGHTS
  FILE *file;
  weights = mote_align_pointer(weights_storage, IOA_WEIGHTS_ALIGN);
  if (argc != 2 || !(file = fopen(argv[1], "rb"))) {
    printf("usage: io_in_arena ioa_weights.bin\n");
    return 2;
  }
  if (fread(weights, 1, IOA_WEIGHTS_SIZE, file) != IOA_WEIGHTS_SIZE) {
    printf("short weights file\n");
    return 2;
  }
  fclose(file);
#else
  (void)argc;
  (void)argv;
#endif

  for (i = 0; i < NUM_IN; ++i)
    image[i] = (float)((int)(i * 7 % 23) - 11) / 8.0f;
  status = ref_run(image, expected, ref_arena, REF_ARENA_SIZE);
  printf("reference: %s\n", mote_status_string(status));

  /* The accessors point at the documented offsets. */
  input = ioa_input_0(ioa_arena);
  output = ioa_output_0(ioa_arena);
  printf("accessors: %s\n",
         (unsigned char *)input == (unsigned char *)ioa_arena +
                                       IOA_INPUT_0_OFFSET &&
                 (unsigned char *)output == (unsigned char *)ioa_arena +
                                                IOA_OUTPUT_0_OFFSET
             ? "at the offsets"
             : "WRONG ADDRESSES");
  memcpy(input, image, sizeof(image));
  status = IOA_RUN(ioa_arena, IOA_ARENA_SIZE);
  printf("io-in-arena: %s\n", mote_status_string(status));
  for (i = 0; i < NUM_OUT; ++i) {
    float diff = fabsf(expected[i] - output[i]);
    if (!(diff <= max_diff))
      max_diff = diff;
  }
  printf("%s (max abs diff %g)\n",
         max_diff <= 1e-5f ? "outputs match" : "OUTPUTS DIFFER", max_diff);
  printf("input %s\n", memcmp(input, image, sizeof(image)) == 0
                           ? "intact"
                           : "OVERWRITTEN");

  /* A second run on the arena as the first left it (the input is still
   * there) gives the same outputs. */
  memcpy(expected, output, sizeof(expected));
  memset(output, 0, sizeof(expected));
  status = IOA_RUN(ioa_arena, IOA_ARENA_SIZE);
  printf("second run: %s, %s\n", mote_status_string(status),
         memcmp(output, expected, sizeof(expected)) == 0 ? "same outputs"
                                                         : "OUTPUTS DIFFER");

  status = IOA_RUN(ioa_arena, IOA_ARENA_SIZE - 1);
  printf("small arena: %s\n", mote_status_string(status));

  printf("RAM: io-in-arena %lu bytes, reference %lu + %lu + %lu = %lu: %s\n",
         (unsigned long)IOA_ARENA_SIZE, (unsigned long)REF_ARENA_SIZE,
         (unsigned long)REF_INPUT_0_SIZE, (unsigned long)REF_OUTPUT_0_SIZE,
         ref_ram, IOA_ARENA_SIZE <= ref_ram ? "not larger" : "LARGER");
  return 0;
}
