/* Minimal Cortex-M4F start-up for QEMU's mps2-an386: vector table, .data
 * copy, .bss clearing, FPU enable, semihosting I/O, then main(). */
#include <stdlib.h>

extern unsigned long _sidata, _sdata, _edata, _sbss, _ebss, _estack;
extern int main(void);
extern void initialise_monitor_handles(void);

void Reset_Handler(void);

static void Default_Handler(void) {
  for (;;) {
  }
}

__attribute__((section(".isr_vector"), used)) void (*const vectors[16])(void) = {
    (void (*)(void))(&_estack), Reset_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler,
    Default_Handler};

void Reset_Handler(void) {
  unsigned long *src = &_sidata, *dst = &_sdata;
  while (dst < &_edata)
    *dst++ = *src++;
  for (dst = &_sbss; dst < &_ebss;)
    *dst++ = 0;
  /* CP10/CP11 full access before any floating-point instruction. */
  *(volatile unsigned long *)0xE000ED88 |= 0xFUL << 20;
  __asm volatile("dsb\n\tisb");
  initialise_monitor_handles();
  exit(main());
}

void _init(void) {}
void _fini(void) {}
