/* Runs the model of plan-arena-check.mlir, which stores one element at an
 * index the caller chooses into an intermediate buffer of four floats: an
 * index of 4 writes just past the buffer, into its guard zone. */
#include "mote/mote_runtime.h"
#include "overflow.h"

#include <stdio.h>
#include <stdlib.h>

static unsigned char arena_storage[OVERFLOW_ARENA_SIZE + OVERFLOW_ARENA_ALIGN];

int main(int argc, char **argv) {
  const float x[4] = {1.0f, 2.0f, 3.0f, 4.0f};
  int32_t index[1];
  float y[1];
  unsigned char *arena =
      mote_align_pointer(arena_storage, OVERFLOW_ARENA_ALIGN);
  mote_status_t status;
  index[0] = argc > 1 ? atoi(argv[1]) : 0;
  status = overflow_run(x, index, y, arena, OVERFLOW_ARENA_SIZE);
  printf("status %d (%s)\n", (int)status, mote_status_string(status));
  if (status == MOTE_STATUS_OK)
    printf("y = %g\n", y[0]);
  return 0;
}
