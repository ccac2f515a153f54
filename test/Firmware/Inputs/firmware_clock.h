/*===- firmware_clock.h - instruction counting under QEMU -------*- C -*-===*
 *
 * Part of the mote project, under the Apache License v2.0 with LLVM
 * Exceptions. See LICENSE for license information.
 *
 *===----------------------------------------------------------------------===*
 *
 * Under `qemu-system-arm -icount shift=0` the virtual clock advances exactly
 * 1 ns per executed instruction, and SysTick (processor clock source) counts
 * down at the board's CPU clock on that virtual clock. So
 *   instructions = SysTick ticks * 1e9 / FIRMWARE_CPU_HZ
 * to within one tick. QEMU has no DWT cycle counter, and the semihosting
 * clocks (SYS_CLOCK, SYS_ELAPSED) read the host's clock, not the virtual one.
 * FIRMWARE_CPU_HZ is the board's SYSCLK in QEMU (25 MHz on mps2-an386).
 *
 *===----------------------------------------------------------------------===*/

#ifndef MOTE_FIRMWARE_CLOCK_H
#define MOTE_FIRMWARE_CLOCK_H

#include <stdint.h>

#if defined(__ARM_ARCH_PROFILE) && __ARM_ARCH_PROFILE == 'M'
#define FIRMWARE_HAVE_CLOCK 1

#define FIRMWARE_SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define FIRMWARE_SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define FIRMWARE_SYST_CVR (*(volatile uint32_t *)0xE000E018u)
#define FIRMWARE_SYST_RELOAD 0xFFFFFFu

extern volatile unsigned long firmware_systick_wraps; /* startup.c */

/** Starts SysTick from the processor clock with its wrap interrupt on. */
static inline void firmware_clock_start(void) {
  FIRMWARE_SYST_CSR = 0;
  FIRMWARE_SYST_RVR = FIRMWARE_SYST_RELOAD;
  FIRMWARE_SYST_CVR = 0; /* any write clears the counter */
  firmware_systick_wraps = 0;
  FIRMWARE_SYST_CSR = 7; /* ENABLE | TICKINT | CLKSOURCE=processor */
  /* The counter reads 0 until its first tick reloads it, and that reload is
   * no wrap: start counting only from a reloaded counter. */
  while (FIRMWARE_SYST_CVR == 0) {
  }
}

/** Ticks since firmware_clock_start(), wraps included. */
static inline uint64_t firmware_clock_ticks(void) {
  unsigned long wraps;
  uint32_t current;
  do { /* a wrap between the two reads would pair the wrong values */
    wraps = firmware_systick_wraps;
    current = FIRMWARE_SYST_CVR;
  } while (wraps != firmware_systick_wraps);
  return (uint64_t)wraps * (FIRMWARE_SYST_RELOAD + 1u) +
         (FIRMWARE_SYST_RELOAD - current);
}
#else
#define FIRMWARE_HAVE_CLOCK 0
#endif

#endif /* MOTE_FIRMWARE_CLOCK_H */
