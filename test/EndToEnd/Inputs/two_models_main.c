/* Links scale2 and scale3 (two-models.mlir) into one program. The runtime
 * header comes first here, the model headers after it. */
#include "mote/mote_runtime.h"
#include "scale2.h"
#include "scale3.h"

#include <stdio.h>

static unsigned char storage[SCALE2_ARENA_SIZE + SCALE3_ARENA_SIZE + 128];

static void print(const char *name, const float *values) {
  int i;
  printf("%s:", name);
  for (i = 0; i < 8; ++i)
    printf(" %g", values[i]);
  printf("\n");
}

int main(void) {
  float x[8] = {0, 1, 2, 3, 4, 5, 6, 7}, y[8];
  void *arena = mote_align_pointer(storage, 64);
  if (scale2_run(x, y, arena, SCALE2_ARENA_SIZE) != MOTE_STATUS_OK)
    return 1;
  print("scale2", y);
  if (scale3_run(x, y, arena, SCALE3_ARENA_SIZE) != MOTE_STATUS_OK)
    return 1;
  print("scale3", y);
  return 0;
}
