/*===- peak_fma.c - single-core fp32 FMA throughput -----------------------===*
 *
 * Part of the mote project, under the Apache License v2.0 with LLVM
 * Exceptions. See LICENSE for license information.
 *
 *===----------------------------------------------------------------------===*
 *
 * Measures this core's fp32 peak, the yardstick the harness divides each
 * model's achieved GFLOP/s by. Build with -O3 -march=native.
 *
 * Usage: peak_fma [SECONDS]    (default 1: the best of ~500 attempts of ~2 ms)
 * Prints: peak_gflops=<GFLOP/s> isa=<avx512|avx2|scalar>
 *
 * An FMA has a latency of 4-5 cycles and most cores retire two a cycle, so
 * at least ~10 independent dependency chains are needed to keep both pipes
 * busy; 16 chains leave margin. The widest ISA the CPU supports at run time
 * (__builtin_cpu_supports) is used. On a shared machine other processes
 * steal time slices; many short attempts and the best of them approximate
 * the uncontended core better than one long run.
 *
 *===----------------------------------------------------------------------===*/

#define _POSIX_C_SOURCE 200809L

#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { kChains = 16, kInnerIterations = 1024 };

static double nowSeconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Sink that keeps the compiler from deleting the loops. */
static volatile float gSink;

#define FMA_LOOP(VecType, Set1, Fmadd, Add, ReduceToFloat)                     \
  VecType acc[kChains];                                                        \
  for (int c = 0; c < kChains; ++c)                                            \
    acc[c] = Set1(1.0f + 1e-3f * (float)c);                                    \
  const VecType a = Set1(0.999999f), b = Set1(1e-7f);                          \
  for (long i = 0; i < outer; ++i)                                             \
    for (int j = 0; j < kInnerIterations; ++j)                                 \
      for (int c = 0; c < kChains; ++c)                                        \
        acc[c] = Fmadd(acc[c], a, b);                                          \
  for (int c = 1; c < kChains; ++c)                                            \
    acc[0] = Add(acc[0], acc[c]);                                              \
  gSink = ReduceToFloat(acc[0]);

__attribute__((target("avx512f"))) static void fmaAvx512(long outer) {
  FMA_LOOP(__m512, _mm512_set1_ps, _mm512_fmadd_ps, _mm512_add_ps,
           _mm512_reduce_add_ps)
}

static float firstLane256(__m256 v) { return _mm256_cvtss_f32(v); }
__attribute__((target("avx2,fma"))) static void fmaAvx2(long outer) {
  FMA_LOOP(__m256, _mm256_set1_ps, _mm256_fmadd_ps, _mm256_add_ps,
           firstLane256)
}

static float identity(float v) { return v; }
static float set1Scalar(float v) { return v; }
static float fmaScalar(float x, float y, float z) { return x * y + z; }
static float addScalar(float x, float y) { return x + y; }
static void fmaPlain(long outer) {
  FMA_LOOP(float, set1Scalar, fmaScalar, addScalar, identity)
}

int main(int argc, char **argv) {
  double seconds = argc > 1 ? atof(argv[1]) : 1.0;
  const double kAttemptSeconds = 0.002;
  void (*kernel)(long) = fmaPlain;
  int lanes = 1;
  const char *isa = "scalar";
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) {
    kernel = fmaAvx512, lanes = 16, isa = "avx512";
  } else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    kernel = fmaAvx2, lanes = 8, isa = "avx2";
  }

  /* Calibrate the trip count of one attempt to about kAttemptSeconds. */
  long outer = 1;
  for (;;) {
    double start = nowSeconds();
    kernel(outer);
    double elapsed = nowSeconds() - start;
    if (elapsed > kAttemptSeconds / 4 || outer > (1L << 40))
      break;
    outer *= 2;
  }
  outer *= 2;
  double best = 0;
  int attempts = (int)(seconds / kAttemptSeconds);
  for (int attempt = 0; attempt < (attempts > 3 ? attempts : 3); ++attempt) {
    double start = nowSeconds();
    kernel(outer);
    double elapsed = nowSeconds() - start;
    double flops = 2.0 * lanes * kChains * kInnerIterations * (double)outer;
    if (flops / elapsed > best)
      best = flops / elapsed;
  }
  printf("peak_gflops=%.3f isa=%s\n", best * 1e-9, isa);
  return 0;
}
