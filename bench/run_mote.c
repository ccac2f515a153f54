/*===- run_mote.c - times one mote-compiled model -------------------------===*
 *
 * Part of the mote project, under the Apache License v2.0 with LLVM
 * Exceptions. See LICENSE for license information.
 *
 *===----------------------------------------------------------------------===*
 *
 * The mote column of the benchmark harness. Built once per model against the
 * model's object file and header:
 *
 *   cc -O2 -DMOTE_MODEL_HEADER='"m.h"' -DMOTE_MODEL_PREFIX=m \
 *      -DMOTE_MODEL_MACRO=M run_mote.c m.o -o run_m
 *
 * Usage: run_m INPUT.bin OUTPUT.bin
 *
 * Reads the first input (raw float32, <MACRO>_INPUT_0_SIZE bytes; further
 * inputs, if any, are zero), makes one warm-up call, writes the first output
 * to OUTPUT.bin, and prints
 *   ready arena=<bytes> warmup_ms=<ms>
 * Then it serves the harness on stdin, one command a line:
 *   <N>    makes N timed calls and prints two lines: their wall-clock
 *          latencies and their thread CPU times, in ms
 *   quit   exits
 * so the harness can interleave batches of this model with the other
 * runtimes' batches and let slow drift hit every column alike.
 *
 * Single thread: mote's code runs on the calling thread only. The CPU time
 * (CLOCK_THREAD_CPUTIME_ID) leaves out time slices other processes took on
 * a shared machine, which inflate the wall time of long calls most.
 *
 *===----------------------------------------------------------------------===*/

#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include MOTE_MODEL_HEADER

#define MOTE_CAT2(a, b) a##b
#define MOTE_CAT(a, b) MOTE_CAT2(a, b)
#define MODEL_MACRO(suffix) MOTE_CAT(MOTE_MODEL_MACRO, suffix)
#define MODEL_FN(suffix) MOTE_CAT(MOTE_MODEL_PREFIX, suffix)

enum { kNumInputs = MODEL_MACRO(_NUM_INPUTS), kNumOutputs = MODEL_MACRO(_NUM_OUTPUTS) };

/* Byte sizes of every input and output, from the header's macros (the
 * harness's models have one of each; up to four are handled). */
static const size_t kInputSizes[] = {
    MODEL_MACRO(_INPUT_0_SIZE),
#if MODEL_MACRO(_NUM_INPUTS) > 1
    MODEL_MACRO(_INPUT_1_SIZE),
#endif
#if MODEL_MACRO(_NUM_INPUTS) > 2
    MODEL_MACRO(_INPUT_2_SIZE),
#endif
#if MODEL_MACRO(_NUM_INPUTS) > 3
    MODEL_MACRO(_INPUT_3_SIZE),
#endif
};
static const size_t kOutputSizes[] = {
    MODEL_MACRO(_OUTPUT_0_SIZE),
#if MODEL_MACRO(_NUM_OUTPUTS) > 1
    MODEL_MACRO(_OUTPUT_1_SIZE),
#endif
#if MODEL_MACRO(_NUM_OUTPUTS) > 2
    MODEL_MACRO(_OUTPUT_2_SIZE),
#endif
#if MODEL_MACRO(_NUM_OUTPUTS) > 3
    MODEL_MACRO(_OUTPUT_3_SIZE),
#endif
};
_Static_assert(sizeof(kInputSizes) / sizeof(kInputSizes[0]) == kNumInputs,
               "run_mote.c handles at most four inputs");
_Static_assert(sizeof(kOutputSizes) / sizeof(kOutputSizes[0]) == kNumOutputs,
               "run_mote.c handles at most four outputs");

static double clockMs(clockid_t clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec * 1e-6;
}
static double nowMs(void) { return clockMs(CLOCK_MONOTONIC); }
static double cpuMs(void) { return clockMs(CLOCK_THREAD_CPUTIME_ID); }

/* 64-byte aligned, zeroed memory of at least `size` bytes (never NULL). */
static void *allocAligned(size_t size, size_t align) {
  if (align < 64)
    align = 64;
  size_t rounded = (size + align - 1) / align * align;
  void *p = aligned_alloc(align, rounded ? rounded : align);
  if (!p) {
    fprintf(stderr, "run_mote: out of memory (%zu bytes)\n", size);
    exit(1);
  }
  memset(p, 0, rounded ? rounded : align);
  return p;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s INPUT.bin OUTPUT.bin\n", argv[0]);
    return 2;
  }
  const void *inputs[kNumInputs];
  void *outputs[kNumOutputs];
  for (int i = 0; i < kNumInputs; ++i)
    inputs[i] = allocAligned(kInputSizes[i], 64);
  for (int i = 0; i < kNumOutputs; ++i)
    outputs[i] = allocAligned(kOutputSizes[i], 64);

  FILE *in = fopen(argv[1], "rb");
  if (!in || fread((void *)inputs[0], 1, kInputSizes[0], in) != kInputSizes[0]) {
    fprintf(stderr, "run_mote: cannot read %zu bytes of input from '%s'\n",
            kInputSizes[0], argv[1]);
    return 1;
  }
  fclose(in);

  size_t arenaSize = MODEL_MACRO(_ARENA_SIZE);
  void *arena = allocAligned(arenaSize, MODEL_MACRO(_ARENA_ALIGN));

  double start = nowMs();
  mote_status_t status = MODEL_FN(_run_v)(inputs, outputs, arena, arenaSize);
  double warmupMs = nowMs() - start;
  if (status != MOTE_STATUS_OK) {
    fprintf(stderr, "run_mote: the model returned status %d\n", (int)status);
    return 1;
  }
  FILE *out = fopen(argv[2], "wb");
  if (!out || fwrite(outputs[0], 1, kOutputSizes[0], out) != kOutputSizes[0]) {
    fprintf(stderr, "run_mote: cannot write '%s'\n", argv[2]);
    return 1;
  }
  fclose(out);

  printf("ready arena=%zu warmup_ms=%.6f\n", arenaSize, warmupMs);
  fflush(stdout);

  char line[64];
  double *times = NULL;
  while (fgets(line, sizeof(line), stdin)) {
    if (strncmp(line, "quit", 4) == 0)
      break;
    long count = strtol(line, NULL, 10);
    if (count <= 0) {
      fprintf(stderr, "run_mote: bad command '%s'\n", line);
      return 1;
    }
    times = realloc(times, 2 * (size_t)count * sizeof(double));
    if (!times)
      return 1;
    double *cpuTimes = times + count;
    for (long i = 0; i < count; ++i) {
      double t0 = nowMs(), c0 = cpuMs();
      status = MODEL_FN(_run_v)(inputs, outputs, arena, arenaSize);
      cpuTimes[i] = cpuMs() - c0;
      times[i] = nowMs() - t0;
      if (status != MOTE_STATUS_OK) {
        fprintf(stderr, "run_mote: the model returned status %d\n", (int)status);
        return 1;
      }
    }
    for (long i = 0; i < count; ++i)
      printf(i ? " %.6f" : "%.6f", times[i]);
    printf("\n");
    for (long i = 0; i < count; ++i)
      printf(i ? " %.6f" : "%.6f", cpuTimes[i]);
    printf("\n");
    fflush(stdout);
  }
  free(times);
  return 0;
}
