/* Runs mote-conv-relu.mlir's model and compares it with a direct
 * convolution. */
#include "conv.h" /* motec -o conv.o writes conv.h */
#include "mote/mote_runtime.h"

#include <stdio.h>

static const float kWeights[2][3][3] = {
    {{1.0f, 0.0f, -1.0f}, {2.0f, 0.0f, -2.0f}, {1.0f, 0.0f, -1.0f}},
    {{0.0f, 0.25f, 0.0f}, {0.25f, 1.0f, 0.25f}, {0.0f, 0.25f, 0.0f}}};
static const float kBias[2] = {0.5f, -1.0f};

static unsigned char storage[MOTE_CONV_RELU_ARENA_SIZE + MOTE_CONV_RELU_ARENA_ALIGN];

int main(void) {
  float image[4][4], features[2][4][4];
  int c, y, x, ky, kx, ok = 1;
  mote_status_t status;
  for (y = 0; y < 4; ++y)
    for (x = 0; x < 4; ++x)
      image[y][x] = (float)((y * 4 + x) % 7) - 3.0f;
  status = mote_conv_relu_run(&image[0][0], &features[0][0][0],
                              mote_align_pointer(storage, MOTE_CONV_RELU_ARENA_ALIGN),
                              MOTE_CONV_RELU_ARENA_SIZE);
  for (c = 0; c < 2; ++c)
    for (y = 0; y < 4; ++y)
      for (x = 0; x < 4; ++x) {
        float sum = kBias[c], diff;
        for (ky = 0; ky < 3; ++ky)
          for (kx = 0; kx < 3; ++kx) {
            int iy = y + ky - 1, ix = x + kx - 1;
            if (iy >= 0 && iy < 4 && ix >= 0 && ix < 4)
              sum += image[iy][ix] * kWeights[c][ky][kx];
          }
        if (sum < 0.0f)
          sum = 0.0f;
        diff = features[c][y][x] - sum;
        if (diff > 1e-5f || diff < -1e-5f) {
          printf("mismatch at %d,%d,%d: %f vs %f\n", c, y, x,
                 features[c][y][x], sum);
          ok = 0;
        }
      }
  printf("conv: %s, outputs %s\n", mote_status_string(status),
         ok ? "match the reference" : "DIFFER");
  return 0;
}
