/* Runs resource-weights.mlir's model: y[i] = x[i] * (i + 1). */
#include "res.h"
#include "mote/mote_runtime.h"

#include <stdio.h>

static unsigned char storage[RES_ARENA_SIZE + RES_ARENA_ALIGN];

int main(void) {
  float x[16], y[16];
  int i;
  mote_status_t status;
  for (i = 0; i < 16; ++i)
    x[i] = (float)(i + 2) / 2.0f;
  status = res_run(x, y, mote_align_pointer(storage, RES_ARENA_ALIGN),
                   RES_ARENA_SIZE);
  if (status != MOTE_STATUS_OK) {
    printf("res: %s\n", mote_status_string(status));
    return 1;
  }
  printf("res:");
  for (i = 0; i < 16; ++i)
    printf(" %g", y[i]);
  printf("\n");
  return 0;
}
