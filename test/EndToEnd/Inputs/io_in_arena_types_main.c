/* Runs Inputs/io_in_arena_types.mlir compiled with --io-in-arena: writes
 * each input through its typed accessor (int64_t, uint16_t for f16 bits,
 * float), runs, and prints each output read through its accessor. */
#include "mote/mote_runtime.h"
#include "types.h"

#include <stdio.h>
#include <string.h>

static unsigned char arena_storage[TYPES_ARENA_SIZE + TYPES_ARENA_ALIGN];

int main(void) {
  static const int64_t ids[6] = {5, -3, 0, 7, -1, 4000000000};
  /* 1.0, -2.0, 0.5, +0.0 as IEEE half-precision bit patterns. */
  static const uint16_t half[4] = {0x3C00, 0xC000, 0x3800, 0x0000};
  void *arena = mote_align_pointer(arena_storage, TYPES_ARENA_ALIGN);
  int64_t *ids_in = types_input_0(arena);
  uint16_t *half_in = types_input_1(arena);
  const uint8_t *positive = types_output_0(arena);
  const uint16_t *negated = types_output_1(arena);
  const int64_t *ids_copy = types_output_2(arena);
  const float *constant = types_output_5(arena);
  mote_status_t status;
  int i;

  memcpy(ids_in, ids, sizeof(ids));
  memcpy(half_in, half, sizeof(half));
  types_input_2(arena)[0] = 9.0f; /* unused by the model */
  *types_input_3(arena) = 2.25f;
  status = types_run(arena, TYPES_ARENA_SIZE);
  printf("status: %s\n", mote_status_string(status));
  printf("positive:");
  for (i = 0; i < 6; ++i)
    printf(" %d", positive[i]);
  printf("\nnegated:");
  for (i = 0; i < 4; ++i)
    printf(" 0x%04X", negated[i]);
  printf("\nids_copy:");
  for (i = 0; i < 6; ++i)
    printf(" %lld", (long long)ids_copy[i]);
  printf("\nscalars: %g %g\n", *types_output_3(arena), *types_output_4(arena));
  printf("constant: %g %g\n", constant[0], constant[1]);
  printf("inputs %s\n", memcmp(ids_in, ids, sizeof(ids)) == 0 &&
                                memcmp(half_in, half, sizeof(half)) == 0
                            ? "intact"
                            : "OVERWRITTEN");
  return 0;
}
