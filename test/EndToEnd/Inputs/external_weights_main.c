/* Runs Inputs/two_convs.mlir compiled twice, with the weights in the object
 * (`inw`) and with --weights=external (`ext`), on the same input: loads
 * ext_weights.bin (argv[1]) into an aligned buffer and checks that both
 * builds produce the same outputs, then that a null or misaligned weights
 * pointer is refused without writing the outputs. */
#include "ext.h"
#include "inw.h"
#include "mote/mote_runtime.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define NUM_OUT EXT_OUTPUT_0_NUM_ELEMENTS

/* Room to misalign the weights on purpose. */
static unsigned char weights_storage[EXT_WEIGHTS_SIZE + 2 * EXT_WEIGHTS_ALIGN];
static unsigned char arena_storage[EXT_ARENA_SIZE + INW_ARENA_SIZE +
                                   EXT_ARENA_ALIGN];

int main(int argc, char **argv) {
  float image[EXT_INPUT_0_NUM_ELEMENTS];
  float internal[NUM_OUT], external[NUM_OUT], first[NUM_OUT];
  unsigned char *weights = mote_align_pointer(weights_storage, EXT_WEIGHTS_ALIGN);
  void *arena = mote_align_pointer(arena_storage, EXT_ARENA_ALIGN);
  size_t arena_size = EXT_ARENA_SIZE + INW_ARENA_SIZE;
  FILE *file;
  size_t size, i;
  float max_diff = 0.0f;
  mote_status_t status;

  if (argc != 2 || !(file = fopen(argv[1], "rb"))) {
    printf("usage: external_weights ext_weights.bin\n");
    return 2;
  }
  size = fread(weights, 1, EXT_WEIGHTS_SIZE + 1, file);
  fclose(file);
  /* The blob is exactly the size the header announces. */
  printf("blob: %lu bytes, header: %lu bytes, align %lu\n",
         (unsigned long)size, (unsigned long)EXT_WEIGHTS_SIZE,
         (unsigned long)EXT_WEIGHTS_ALIGN);

  for (i = 0; i < EXT_INPUT_0_NUM_ELEMENTS; ++i)
    image[i] = (float)((int)(i * 7 % 23) - 11) / 8.0f;
  status = inw_run(image, internal, arena, arena_size);
  printf("internal: %s\n", mote_status_string(status));
  status = ext_run(image, external, weights, arena, arena_size);
  printf("external: %s\n", mote_status_string(status));
  for (i = 0; i < NUM_OUT; ++i) {
    float diff = fabsf(internal[i] - external[i]);
    if (!(diff <= max_diff))
      max_diff = diff;
  }
  /* Same arithmetic on the same numbers; only where the weights are read
   * from differs (the optimizer may contract differently, hence the bound). */
  printf("%s (max abs diff %g)\n",
         max_diff <= 1e-5f ? "outputs match" : "OUTPUTS DIFFER", max_diff);

  memcpy(first, external, sizeof(first));
  memset(external, 0, sizeof(external));
  status = ext_run(image, external, NULL, arena, arena_size);
  printf("null weights: %s\n", mote_status_string(status));
  status = ext_run(image, external, weights + 1, arena, arena_size);
  printf("misaligned weights: %s\n", mote_status_string(status));
  for (i = 0; i < NUM_OUT; ++i)
    if (external[i] != 0.0f) {
      printf("output written on error\n");
      return 1;
    }
  {
    const void *inputs[1];
    void *outputs[1];
    inputs[0] = image;
    outputs[0] = external;
    status = ext_run_v(inputs, outputs, weights, arena, arena_size);
    printf("run_v: %s, %s\n", mote_status_string(status),
           memcmp(external, first, sizeof(first)) == 0 ? "same outputs"
                                                       : "DIFFERENT OUTPUTS");
  }
  return 0;
}
