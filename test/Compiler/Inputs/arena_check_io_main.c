/* Runs the model of plan-arena-check-io.mlir, compiled with --io-in-arena
 * --arena-check: writes the inputs through the header's accessors, runs,
 * and prints the status, the output (read through its accessor) and whether
 * the input is intact. The model stores one element at the index argv[1]
 * gives into its output of four floats: 4 writes just past it, into the
 * guard zone that follows it in the arena. */
#include "mote/mote_runtime.h"
#include "overflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char arena_storage[OVERFLOW_ARENA_SIZE + OVERFLOW_ARENA_ALIGN];

int main(int argc, char **argv) {
  static const float x[4] = {1.0f, 2.0f, 3.0f, 4.0f};
  void *arena = mote_align_pointer(arena_storage, OVERFLOW_ARENA_ALIGN);
  const float *y;
  mote_status_t status;

  memcpy(overflow_input_0(arena), x, sizeof(x));
  overflow_input_1(arena)[0] = argc > 1 ? atoi(argv[1]) : 0;
  status = overflow_run(arena, OVERFLOW_ARENA_SIZE);
  printf("status %d (%s)\n", (int)status, mote_status_string(status));
  y = overflow_output_0(arena);
  if (status == MOTE_STATUS_OK)
    printf("y = %g %g %g %g\n", y[0], y[1], y[2], y[3]);
  printf("x %s\n", memcmp(overflow_input_0(arena), x, sizeof(x)) == 0
                       ? "intact"
                       : "OVERWRITTEN");
  return 0;
}
