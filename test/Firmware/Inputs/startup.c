/*===- startup.c - bare-metal start-up for QEMU's Cortex-M boards ----------===*
 *
 * Part of the mote project, under the Apache License v2.0 with LLVM
 * Exceptions. See LICENSE for license information.
 *
 *===----------------------------------------------------------------------===*
 *
 * Vector table, .data copy, .bss clearing, FPU (and MVE) enable, semihosting
 * I/O through newlib's rdimon, then main(). The same code serves the M0
 * (microbit), M4, M7, M33 and M55 boards: it runs in the state the core resets into (secure on
 * the v8-M boards), where CPACR and SysTick sit at the same addresses.
 *
 * The SysTick exception counts wraps of the 24-bit down-counter, so
 * firmware_clock.h can read a 64-bit tick count.
 *
 *===----------------------------------------------------------------------===*/

#include <stdlib.h>

extern unsigned long _sidata, _sdata, _edata, _sbss, _ebss, _estack;
extern int main(void);
extern void initialise_monitor_handles(void);

void Reset_Handler(void);
void SysTick_Handler(void);

/** Number of times SysTick counted down through zero since it started. */
volatile unsigned long firmware_systick_wraps;

static void Default_Handler(void) {
  for (;;) {
  }
}

__attribute__((section(".isr_vector"), used)) void (*const vectors[16])(void) = {
    (void (*)(void))(&_estack), Reset_Handler,   Default_Handler,
    Default_Handler,            Default_Handler, Default_Handler,
    Default_Handler,            Default_Handler, Default_Handler,
    Default_Handler,            Default_Handler, Default_Handler,
    Default_Handler,            Default_Handler, Default_Handler,
    SysTick_Handler};

void SysTick_Handler(void) { ++firmware_systick_wraps; }

void Reset_Handler(void) {
  unsigned long *src = &_sidata, *dst = &_sdata;
  while (dst < &_edata)
    *dst++ = *src++;
  for (dst = &_sbss; dst < &_ebss;)
    *dst++ = 0;
#if defined(__ARM_FP) || defined(__ARM_FEATURE_MVE)
  /* CP10/CP11 full access before any floating-point (or MVE) instruction.
   * Cores without an FPU (Cortex-M0+) have no CPACR to write. */
  *(volatile unsigned long *)0xE000ED88 |= 0xFUL << 20;
  __asm volatile("dsb\n\tisb");
#endif
  initialise_monitor_handles();
  exit(main());
}

/* -nostartfiles drops crti/crtn; newlib's __libc_init_array still calls
 * these. */
void _init(void) {}
void _fini(void) {}
