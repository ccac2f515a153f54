/*===- main.c - classify the bundled digits with the compiled model -------===*
 *
 * Part of the mote project, under the Apache License v2.0 with LLVM
 * Exceptions. See LICENSE for license information.
 *
 *===----------------------------------------------------------------------===*
 *
 * The whole integration of a mote-compiled model: include the generated
 * header, give the model an arena of the size the header states, call
 * digits_run once per input. No heap, no initialization call.
 *
 * digits.h and digits.o come from
 *   motec digits_cnn.onnx -o digits.o --header=digits.h --name=digits
 * samples.h comes from train.py: held-out digits, their labels, and the
 * probabilities PyTorch computed for them.
 *
 *===----------------------------------------------------------------------===*/

#include "digits.h"
#include "samples.h"

#include <stdio.h>

/* The header describes every tensor; check the model is the one the samples
 * are for: a 1x1x8x8 image in, one probability per digit class out. */
#define DIGITS_CLASS_COUNT 10
#if DIGITS_IMAGE_NUM_ELEMENTS != 64 ||                                        \
    DIGITS_PROBABILITIES_NUM_ELEMENTS != DIGITS_CLASS_COUNT
#error "digits.h does not describe an 8x8 image in, 10 probabilities out"
#endif

/* How far the compiled model's probabilities may be from PyTorch's. Both
 * compute in float32 but may order sums differently. */
#define REFERENCE_TOLERANCE 1e-4f

/* The arena holds every intermediate tensor. Its size and alignment are
 * compile-time constants, so it can be static: no heap needed. */
#if defined(__GNUC__) || defined(__clang__)
#define ARENA_ALIGNED __attribute__((aligned(DIGITS_ARENA_ALIGN)))
#else
#define ARENA_ALIGNED _Alignas(DIGITS_ARENA_ALIGN)
#endif
/* A zero-length array is not valid C; a model that needs no scratch memory
 * still gets a one-byte arena. */
static unsigned char
    arena[DIGITS_ARENA_SIZE > 0 ? DIGITS_ARENA_SIZE : 1] ARENA_ALIGNED;

static int argmax(const float *values, int count) {
  int best = 0;
  for (int i = 1; i < count; ++i)
    if (values[i] > values[best])
      best = i;
  return best;
}

/* Not fabsf: the demo needs no libm. */
static float absolute_difference(float a, float b) {
  return a > b ? a - b : b - a;
}

int main(void) {
  printf("arena: %lu bytes, aligned to %lu\n",
         (unsigned long)DIGITS_ARENA_SIZE, (unsigned long)DIGITS_ARENA_ALIGN);

  int correct = 0;
  int agree_with_pytorch = 0;
  float max_difference = 0.0f;
  for (int sample = 0; sample < DIGITS_SAMPLE_COUNT; ++sample) {
    float probabilities[DIGITS_CLASS_COUNT];
    mote_status_t status =
        digits_run(&digits_sample_images[sample][0][0][0], probabilities,
                   arena, sizeof arena);
    if (status != MOTE_STATUS_OK) {
      fprintf(stderr, "error: digits_run failed on sample %d with status %d\n",
              sample, (int)status);
      return 1;
    }

    int predicted = argmax(probabilities, DIGITS_CLASS_COUNT);
    int label = digits_sample_labels[sample];
    const float *reference = digits_sample_reference[sample];
    correct += predicted == label;
    agree_with_pytorch += predicted == argmax(reference, DIGITS_CLASS_COUNT);
    for (int i = 0; i < DIGITS_CLASS_COUNT; ++i) {
      float difference = absolute_difference(probabilities[i], reference[i]);
      /* Written so that a NaN output counts as a mismatch. */
      if (!(difference <= max_difference))
        max_difference = difference;
    }

    printf("sample %d: predicted %d, label %d (p = %.3f)%s\n", sample,
           predicted, label, (double)probabilities[predicted],
           predicted == label ? "" : "  <- wrong");
  }

  printf("accuracy: %d/%d (%.1f%%)\n", correct, DIGITS_SAMPLE_COUNT,
         100.0 * correct / DIGITS_SAMPLE_COUNT);
  printf("same prediction as PyTorch: %d/%d, largest probability difference "
         "%.2g\n",
         agree_with_pytorch, DIGITS_SAMPLE_COUNT, (double)max_difference);
  if (!(max_difference <= REFERENCE_TOLERANCE)) {
    fprintf(stderr,
            "error: the compiled model's probabilities differ from PyTorch's "
            "by more than %g\n",
            (double)REFERENCE_TOLERANCE);
    return 2;
  }
  return 0;
}
