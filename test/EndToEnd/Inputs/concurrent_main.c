/* Reentrancy: two threads run the same model (Inputs/two_convs.mlir as
 * `net`) at the same time, each on its own arena with its own input, many
 * times over; every result must equal the one computed alone beforehand.
 * Shared state or a fixed scratch buffer in the generated code would mix the
 * two runs' data. */
#define _POSIX_C_SOURCE 200809L
#include "net.h"
#include "mote/mote_runtime.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define ITERATIONS 2000
#define NUM_IN NET_INPUT_0_NUM_ELEMENTS
#define NUM_OUT NET_OUTPUT_0_NUM_ELEMENTS

struct worker {
  float input[NUM_IN];
  float expected[NUM_OUT];
  unsigned char storage[NET_ARENA_SIZE + NET_ARENA_ALIGN];
  int mismatches;
  mote_status_t status;
};

static struct worker workers[2];

static void *work(void *argument) {
  struct worker *self = argument;
  void *arena = mote_align_pointer(self->storage, NET_ARENA_ALIGN);
  float output[NUM_OUT];
  int i;
  for (i = 0; i < ITERATIONS; ++i) {
    memset(output, 0, sizeof(output));
    self->status = net_run(self->input, output, arena, NET_ARENA_SIZE);
    if (self->status != MOTE_STATUS_OK)
      break;
    if (memcmp(output, self->expected, sizeof(output)) != 0)
      ++self->mismatches;
  }
  return NULL;
}

int main(void) {
  pthread_t threads[2];
  int w, i, differ = 0;
  for (w = 0; w < 2; ++w) {
    struct worker *self = &workers[w];
    for (i = 0; i < (int)NUM_IN; ++i)
      self->input[i] = (float)((i * (w ? 5 : 3)) % 17 - 8) / (w ? 4.0f : 3.0f);
    /* Alone first: the reference for the concurrent runs. */
    if (net_run(self->input, self->expected,
                mote_align_pointer(self->storage, NET_ARENA_ALIGN),
                NET_ARENA_SIZE) != MOTE_STATUS_OK) {
      printf("reference run failed\n");
      return 1;
    }
  }
  /* Different inputs give different outputs, so a mix-up would show. */
  differ = memcmp(workers[0].expected, workers[1].expected,
                  sizeof(workers[0].expected)) != 0;
  printf("distinct references: %s\n", differ ? "yes" : "no");
  for (w = 0; w < 2; ++w)
    if (pthread_create(&threads[w], NULL, work, &workers[w]) != 0) {
      printf("pthread_create failed\n");
      return 1;
    }
  for (w = 0; w < 2; ++w)
    pthread_join(threads[w], NULL);
  for (w = 0; w < 2; ++w)
    printf("thread %d: %d runs, %s, %d mismatches\n", w, ITERATIONS,
           mote_status_string(workers[w].status), workers[w].mismatches);
  return 0;
}
