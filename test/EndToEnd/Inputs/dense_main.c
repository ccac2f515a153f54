/* Runs the model of linalg-dense.mlir and checks it against a C reference.
 * The model header and the runtime header are included in both orders
 * across the tests; here the model's comes first. */
#include "dense.h"
#include "mote/mote_runtime.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const float kWeights[4][3] = {{0.5f, -1.0f, 0.25f},
                                     {1.5f, 0.0f, -0.5f},
                                     {-2.0f, 0.75f, 1.0f},
                                     {0.125f, 2.0f, -1.25f}};

static void reference(const float x[2][4], float probs[2][3],
                      float logits[2][3]) {
  int i, j, k;
  for (i = 0; i < 2; ++i)
    for (j = 0; j < 3; ++j) {
      float sum = 0.0f, r;
      for (k = 0; k < 4; ++k)
        sum += (x[i][k] + 1.0f) * kWeights[k][j];
      logits[i][j] = sum;
      r = sum > 0.0f ? sum : 0.0f;
      probs[i][j] = tanhf(r) + expf(-r) + floorf(sum);
    }
}

static int close_enough(const float *a, const float *b, int n) {
  int i;
  for (i = 0; i < n; ++i)
    if (fabsf(a[i] - b[i]) > 1e-5f * (1.0f + fabsf(b[i]))) {
      printf("mismatch at %d: %f vs %f\n", i, a[i], b[i]);
      return 0;
    }
  return 1;
}

/* Oversized so that an aligned arena (and a misaligned one) fit. */
static unsigned char arena_storage[DENSE_ARENA_SIZE + 2 * DENSE_ARENA_ALIGN];

int main(void) {
  const float x[2][4] = {{1.0f, -2.0f, 0.5f, 3.0f}, {-0.25f, 0.75f, -1.5f, 2.0f}};
  float probs[2][3], logits[2][3], ref_probs[2][3], ref_logits[2][3];
  float probs_v[2][3], logits_v[2][3];
  unsigned char *arena = mote_align_pointer(arena_storage, DENSE_ARENA_ALIGN);
  const void *inputs[DENSE_NUM_INPUTS];
  void *outputs[DENSE_NUM_OUTPUTS];
  mote_status_t status;

  printf("arena %u bytes, align %u\n", (unsigned)DENSE_ARENA_SIZE,
         (unsigned)DENSE_ARENA_ALIGN);
  reference(x, ref_probs, ref_logits);
  status = dense_run(&x[0][0], &probs[0][0], &logits[0][0], arena,
                     DENSE_ARENA_SIZE);
  printf("run: %s\n", mote_status_string(status));
  if (close_enough(&probs[0][0], &ref_probs[0][0], 6) &&
      close_enough(&logits[0][0], &ref_logits[0][0], 6))
    printf("outputs match the reference\n");

  status = dense_run(NULL, &probs[0][0], &logits[0][0], arena,
                     DENSE_ARENA_SIZE);
  printf("null input: %s\n", mote_status_string(status));
  status = dense_run(&x[0][0], &probs[0][0], &logits[0][0], arena,
                     DENSE_ARENA_SIZE - 1);
  printf("small arena: %s\n", mote_status_string(status));
  status = dense_run(&x[0][0], &probs[0][0], &logits[0][0], arena + 4,
                     DENSE_ARENA_SIZE);
  printf("misaligned arena: %s\n", mote_status_string(status));

  inputs[0] = x;
  outputs[0] = probs_v;
  outputs[1] = logits_v;
  status = dense_run_v(inputs, outputs, arena, DENSE_ARENA_SIZE);
  printf("run_v: %s%s\n", mote_status_string(status),
         memcmp(probs, probs_v, sizeof probs) == 0 &&
                 memcmp(logits, logits_v, sizeof logits) == 0
             ? ", same outputs"
             : ", DIFFERENT outputs");
  return 0;
}
