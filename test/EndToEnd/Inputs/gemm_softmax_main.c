/* Runs onnx-gemm-softmax.onnxtxt's model against a C reference. */
#include "head.h"
#include "mote/mote_runtime.h"

#include <math.h>
#include <stdio.h>

static const float kW[3][4] = {{0.5f, -1.0f, 0.25f, 2.0f},
                               {1.5f, 0.0f, -0.5f, -1.0f},
                               {-2.0f, 0.75f, 1.0f, 0.5f}};
static const float kB[3] = {0.1f, -0.2f, 0.3f};

static unsigned char storage[HEAD_ARENA_SIZE + HEAD_ARENA_ALIGN];

int main(void) {
  const float x[2][4] = {{1.0f, -2.0f, 0.5f, 3.0f}, {-0.25f, 0.75f, -1.5f, 2.0f}};
  const float mask[2][3] = {{1.0f, 0.5f, 2.0f}, {0.0f, 1.0f, -1.0f}};
  float scores[2][3];
  int i, j, k, ok = 1;
  mote_status_t status =
      head_run(&x[0][0], &mask[0][0], &scores[0][0],
               mote_align_pointer(storage, HEAD_ARENA_ALIGN), HEAD_ARENA_SIZE);
  for (i = 0; i < 2; ++i) {
    float masked[3], max = -1e30f, sum = 0.0f;
    for (j = 0; j < 3; ++j) {
      float logit = kB[j];
      for (k = 0; k < 4; ++k)
        logit += x[i][k] * kW[j][k];
      masked[j] = mask[i][j] / (1.0f + expf(-logit));
      if (masked[j] > max)
        max = masked[j];
    }
    for (j = 0; j < 3; ++j)
      sum += expf(masked[j] - max);
    for (j = 0; j < 3; ++j) {
      float expected = expf(masked[j] - max) / sum;
      if (fabsf(scores[i][j] - expected) > 1e-5f) {
        printf("mismatch at %d,%d: %f vs %f\n", i, j, scores[i][j], expected);
        ok = 0;
      }
    }
  }
  printf("head: %s, scores %s\n", mote_status_string(status),
         ok ? "match the reference" : "DIFFER");
  return 0;
}
