/*===- firmware_main.c - runs one compiled model and prints its outputs ---===*
 *
 * Part of the mote project, under the Apache License v2.0 with LLVM
 * Exceptions. See LICENSE for license information.
 *
 *===----------------------------------------------------------------------===*
 *
 * Built against a model compiled with `motec --name=net` (net.h) and an input
 * baked into the image (input.h from mlperf_tiny.py). Prints the status, the
 * output elements as exact IEEE-754 bit patterns (compare_outputs.py reads
 * them) and, on Cortex-M under `-icount shift=0`, the instructions the
 * inference took. The same file builds for the boards, for AArch64 Linux
 * (qemu-aarch64) and for the host.
 *
 *===----------------------------------------------------------------------===*/

#include "firmware_clock.h"
#include "input.h"
#include "net.h"

#include "mote/mote_runtime.h"

#include <stdio.h>
#include <string.h>

#if NET_NUM_INPUTS != 1 || NET_NUM_OUTPUTS != 1
#error "firmware_main.c runs models with one input and one output"
#endif

typedef char input_matches_model[sizeof(kInput) == NET_INPUT_SIZE ? 1 : -1];

static float output[NET_OUTPUT_NUM_ELEMENTS];
/* The arena is the model's only RAM besides its input and output. */
static unsigned char arena[NET_ARENA_SIZE]
    __attribute__((aligned(NET_ARENA_ALIGN)));

int main(void) {
  mote_status_t status;
  unsigned i;
#if FIRMWARE_HAVE_CLOCK
  uint64_t ticks;
  firmware_clock_start();
  ticks = firmware_clock_ticks();
  status = net_run(kInput, output, arena, sizeof(arena));
  ticks = firmware_clock_ticks() - ticks;
#else
  status = net_run(kInput, output, arena, sizeof(arena));
#endif
  printf("status: %s\n", mote_status_string(status));
  printf("arena: %u bytes\n", (unsigned)NET_ARENA_SIZE);
  for (i = 0; i < NET_OUTPUT_NUM_ELEMENTS; ++i) {
    uint32_t bits;
    memcpy(&bits, &output[i], sizeof(bits));
    printf("output[%u] = 0x%08lx\n", i, (unsigned long)bits);
  }
#if FIRMWARE_HAVE_CLOCK && defined(FIRMWARE_CPU_HZ)
  printf("instructions=%llu\n",
         (unsigned long long)(ticks * 1000000000ull / FIRMWARE_CPU_HZ));
#endif
  return status == MOTE_STATUS_OK ? 0 : 1;
}
