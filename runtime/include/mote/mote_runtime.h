/*===- mote_runtime.h - the mote C runtime -----------------------*- C -*-===*
 *
 * Part of the mote project, under the Apache License v2.0 with LLVM
 * Exceptions. See LICENSE for license information.
 *
 *===----------------------------------------------------------------------===*
 *
 * What a program that links compiled models may use next to them: the status
 * codes every `<model>_run` returns, their descriptions, and a descriptor
 * type for tensors. C99, freestanding: no heap, no I/O, no libm.
 *
 * Generated model headers are self-contained and define the same status
 * type and codes under the same `MOTE_STATUS_DEFINED` guard, so this header
 * and any number of model headers can be included together in any order.
 *
 *===----------------------------------------------------------------------===*/

#ifndef MOTE_MOTE_RUNTIME_H
#define MOTE_MOTE_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef MOTE_STATUS_DEFINED
#define MOTE_STATUS_DEFINED
/** Result of a mote call: MOTE_STATUS_OK or a negative error code. */
typedef int32_t mote_status_t;
/** Success. */
#define MOTE_STATUS_OK 0
/** A required pointer argument was NULL. */
#define MOTE_STATUS_NULL_ARGUMENT (-1)
/** arena_size is below the model's arena size. */
#define MOTE_STATUS_ARENA_TOO_SMALL (-2)
/** The arena is not aligned to the model's arena alignment. */
#define MOTE_STATUS_ARENA_MISALIGNED (-3)
#endif /* MOTE_STATUS_DEFINED */
/* Added after the codes above; model headers define it under its own guard,
 * so headers generated before it existed still combine with this one. */
#ifndef MOTE_STATUS_WEIGHTS_MISALIGNED
/** External weights (motec --weights=external) are not aligned to the
 * model's weights alignment. */
#define MOTE_STATUS_WEIGHTS_MISALIGNED (-4)
#endif
#ifndef MOTE_STATUS_ARENA_CORRUPTED
/** An op wrote outside its buffer: a guard zone around it changed. Only
 * models compiled with motec --arena-check detect it. */
#define MOTE_STATUS_ARENA_CORRUPTED (-5)
#endif

/**
 * Describes a status code in English.
 *
 * @param[in] status any value; unknown codes get a generic description.
 * @return a static, NUL-terminated string; never NULL.
 */
const char *mote_status_string(mote_status_t status);

/** Element types of model inputs and outputs. */
typedef enum mote_element_type {
  MOTE_ELEMENT_F32 = 1,
  MOTE_ELEMENT_F64 = 2,
  MOTE_ELEMENT_F16 = 3,
  MOTE_ELEMENT_BF16 = 4,
  MOTE_ELEMENT_I8 = 5,
  MOTE_ELEMENT_U8 = 6,
  MOTE_ELEMENT_I16 = 7,
  MOTE_ELEMENT_U16 = 8,
  MOTE_ELEMENT_I32 = 9,
  MOTE_ELEMENT_U32 = 10,
  MOTE_ELEMENT_I64 = 11,
  MOTE_ELEMENT_U64 = 12,
  MOTE_ELEMENT_BOOL = 13
} mote_element_type_t;

/** The largest rank a descriptor holds. */
#define MOTE_MAX_RANK 8

/**
 * A dense, row-major tensor as a model's C API sees it. Descriptors are plain
 * data: build them as `static const` tables from a generated header's
 * `<NAME>_INPUT_<i>_SHAPE` and `_SIZE` macros.
 */
typedef struct mote_tensor_desc {
  const char *name;               /**< ONNX tensor name. */
  mote_element_type_t element_type;
  uint32_t rank;                  /**< Number of used entries in shape. */
  int64_t shape[MOTE_MAX_RANK];   /**< Dimensions, outermost first. */
  size_t byte_size;               /**< Bytes of the whole tensor. */
} mote_tensor_desc_t;

/**
 * Bytes of one element of `type`, or 0 for an unknown type.
 */
size_t mote_element_size(mote_element_type_t type);

/**
 * Number of elements of `desc` (the product of its dimensions; 1 for rank 0),
 * or 0 when `desc` is NULL or its rank exceeds MOTE_MAX_RANK.
 */
size_t mote_tensor_num_elements(const mote_tensor_desc_t *desc);

/**
 * Rounds `pointer` up to a multiple of `alignment` (a power of two), so that
 * an arena can be carved from a larger buffer:
 *
 *   static uint8_t buffer[MODEL_ARENA_SIZE + MODEL_ARENA_ALIGN];
 *   void *arena = mote_align_pointer(buffer, MODEL_ARENA_ALIGN);
 */
void *mote_align_pointer(void *pointer, size_t alignment);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* MOTE_MOTE_RUNTIME_H */
