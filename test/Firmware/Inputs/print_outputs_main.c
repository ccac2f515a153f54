/* Runs Inputs/two_convs.mlir (compiled as `net`) once on an input computed
 * from its index and prints every output as round(y * 1e6), one per line:
 * integers print the same through any libc (no float printf needed on
 * soft-float cores), so the host and target logs compare line by line
 * (test/Firmware/Inputs/compare_logs.py). */
#include "net.h"
#include "mote/mote_runtime.h"

#include <stdio.h>
#include <stdlib.h>

static unsigned char storage[NET_ARENA_SIZE + NET_ARENA_ALIGN];

int main(void) {
  static float image[NET_INPUT_0_NUM_ELEMENTS];
  static float features[NET_OUTPUT_0_NUM_ELEMENTS];
  mote_status_t status;
  int i;
  for (i = 0; i < (int)NET_INPUT_0_NUM_ELEMENTS; ++i)
    image[i] = (float)(i * 7 % 23 - 11) / 8.0f;
  status = net_run(image, features, mote_align_pointer(storage, NET_ARENA_ALIGN),
                   NET_ARENA_SIZE);
  printf("status: %s\n", mote_status_string(status));
  for (i = 0; i < (int)NET_OUTPUT_0_NUM_ELEMENTS; ++i) {
    float scaled = features[i] * 1e6f;
    printf("%ld\n", (long)(scaled < 0 ? scaled - 0.5f : scaled + 0.5f));
  }
  printf("done\n");
  return 0;
}
