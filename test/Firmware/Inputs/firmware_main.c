/*===- firmware_main.c - runs one compiled model and prints its outputs ---===*
 *
 * Part of the mote project, under the Apache License v2.0 with LLVM
 * Exceptions. See LICENSE for license information.
 *
 *===----------------------------------------------------------------------===*
 *
 * Built against a model compiled with `motec --name=net` (net.h) and an input
 * baked into the image (input.h from mlperf_tiny.py); with --io-in-arena
 * (NET_IO_IN_ARENA) the input is copied into the arena through the header's
 * accessor and the output read from there. Prints the status, the
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

#ifdef NET_IO_IN_ARENA
/* The arena is the model's only RAM: it holds the input and output too. */
#define RUN_NET() net_run(arena, sizeof(arena))
#else
static float output_buffer[NET_OUTPUT_NUM_ELEMENTS];
/* The arena is the model's only RAM besides its input and output. */
#define RUN_NET() net_run(kInput, output_buffer, arena, sizeof(arena))
#endif
static unsigned char arena[NET_ARENA_SIZE]
    __attribute__((aligned(NET_ARENA_ALIGN)));

int main(void) {
  mote_status_t status;
  const float *output;
  unsigned i;
#if FIRMWARE_HAVE_CLOCK
  uint64_t ticks;
#endif
#ifdef NET_IO_IN_ARENA
  memcpy(net_input_0(arena), kInput, sizeof(kInput));
  output = net_output_0(arena);
#else
  output = output_buffer;
#endif
#if FIRMWARE_HAVE_CLOCK
  firmware_clock_start();
  ticks = firmware_clock_ticks();
  status = RUN_NET();
  ticks = firmware_clock_ticks() - ticks;
#else
  status = RUN_NET();
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
