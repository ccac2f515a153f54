/*===- mote_runtime.c - the mote C runtime --------------------------------===*
 *
 * Part of the mote project, under the Apache License v2.0 with LLVM
 * Exceptions. See LICENSE for license information.
 *
 *===----------------------------------------------------------------------===*/

#include "mote/mote_runtime.h"

const char *mote_status_string(mote_status_t status) {
  switch (status) {
  case MOTE_STATUS_OK:
    return "success";
  case MOTE_STATUS_NULL_ARGUMENT:
    return "a required pointer argument was NULL";
  case MOTE_STATUS_ARENA_TOO_SMALL:
    return "the arena is smaller than the model's arena size";
  case MOTE_STATUS_ARENA_MISALIGNED:
    return "the arena is not aligned to the model's arena alignment";
  case MOTE_STATUS_WEIGHTS_MISALIGNED:
    return "the weights are not aligned to the model's weights alignment";
  case MOTE_STATUS_ARENA_CORRUPTED:
    return "an op wrote outside its buffer in the arena (--arena-check)";
  default:
    return "unknown mote status";
  }
}

size_t mote_element_size(mote_element_type_t type) {
  switch (type) {
  case MOTE_ELEMENT_I8:
  case MOTE_ELEMENT_U8:
  case MOTE_ELEMENT_BOOL:
    return 1;
  case MOTE_ELEMENT_F16:
  case MOTE_ELEMENT_BF16:
  case MOTE_ELEMENT_I16:
  case MOTE_ELEMENT_U16:
    return 2;
  case MOTE_ELEMENT_F32:
  case MOTE_ELEMENT_I32:
  case MOTE_ELEMENT_U32:
    return 4;
  case MOTE_ELEMENT_F64:
  case MOTE_ELEMENT_I64:
  case MOTE_ELEMENT_U64:
    return 8;
  }
  return 0;
}

size_t mote_tensor_num_elements(const mote_tensor_desc_t *desc) {
  size_t count = 1;
  uint32_t i;
  if (!desc || desc->rank > MOTE_MAX_RANK)
    return 0;
  for (i = 0; i < desc->rank; ++i)
    count *= (size_t)desc->shape[i];
  return count;
}

void *mote_align_pointer(void *pointer, size_t alignment) {
  uintptr_t address = (uintptr_t)pointer;
  uintptr_t mask = (uintptr_t)alignment - 1u;
  return (void *)((address + mask) & ~mask);
}
