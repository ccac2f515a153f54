//===- HostTensor.h - tensors the host runner reads and writes --*- C++ -*-===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// A dense, C-ordered tensor in host memory, plus readers and writers for the
// two file formats mote-run, mote-conformance and `--bind-input` accept:
// NumPy's `.npy` and ONNX's serialized TensorProto (`.pb`, the format of the
// ONNX test data sets).
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_RUNNER_HOSTTENSOR_H
#define MOTE_RUNNER_HOSTTENSOR_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mlir {
class DenseElementsAttr;
class ElementsAttr;
class MLIRContext;
class Type;
} // namespace mlir

namespace mote::run {

/// The element types mote-run moves between files and compiled models.
enum class ElementType {
  F32,
  F64,
  /// IEEE half and bfloat16: 16-bit patterns in memory (the C API passes
  /// them as uint16_t); read as floats when compared or printed.
  F16,
  BF16,
  I8,
  I16,
  I32,
  I64,
  U8,
  U16,
  U32,
  U64,
  Bool,
};

/// Bytes per element.
unsigned getElementByteSize(ElementType type);
/// Whether values of `type` are compared with a tolerance.
bool isFloatingPoint(ElementType type);
/// Short name for diagnostics: "f32", "i64", "bool", ...
llvm::StringRef getElementTypeName(ElementType type);
/// Maps the C element type of a generated model parameter ("float",
/// "int64_t", "bool", ...) to an element type. The C API has no half type:
/// f16 and bf16 parameters are "uint16_t" and map to U16.
std::optional<ElementType> parseCElementType(llvm::StringRef cType);

/// Converts the bits of an IEEE half / a bfloat16 to float.
float halfBitsToFloat(uint16_t bits);
float bfloat16BitsToFloat(uint16_t bits);

/// Renders dims as `1x3x224x224` (`scalar` for rank 0).
std::string formatShape(llvm::ArrayRef<int64_t> shape);

/// A dense C-ordered tensor. `data` holds little-endian elements; it is a
/// vector of uint64_t so that every element type is naturally aligned.
struct HostTensor {
  ElementType type = ElementType::F32;
  llvm::SmallVector<int64_t> shape;
  std::vector<uint64_t> storage;

  HostTensor() = default;
  HostTensor(ElementType type, llvm::ArrayRef<int64_t> shape);

  int64_t getNumElements() const;
  uint64_t getByteSize() const {
    return getNumElements() * getElementByteSize(type);
  }
  void *data() { return storage.data(); }
  const void *data() const { return storage.data(); }

  /// Element `index` (flat, C order) widened to double.
  double getAsDouble(int64_t index) const;
  /// Element `index` of an integer or bool tensor, sign- or zero-extended
  /// according to the type, as the bit pattern of an int64 (unsigned 64-bit
  /// values keep their bits).
  int64_t getAsInt64(int64_t index) const;
};

/// Reads a `.npy` file (format versions 1-3, little-endian or
/// byte-order-free element types, C order).
llvm::Expected<HostTensor> readNpyFile(llvm::StringRef path);
/// Parses `.npy` bytes; `path` only names the file in messages.
llvm::Expected<HostTensor> parseNpy(llvm::StringRef bytes,
                                    llvm::StringRef path);
/// Writes `tensor` as a version 1 `.npy` file.
llvm::Error writeNpyFile(llvm::StringRef path, const HostTensor &tensor);

/// Reads a serialized onnx.TensorProto (`.pb`), with its data either in
/// `raw_data` or in the typed repeated fields. External data is refused.
llvm::Expected<HostTensor> readTensorProtoFile(llvm::StringRef path);

/// Reads `path` by its extension: `.npy`, or `.pb` for a TensorProto.
llvm::Expected<HostTensor> readTensorFile(llvm::StringRef path);

/// The MLIR element type of `type` as the importer types ONNX tensors:
/// signless integers, unsigned integers for U8..U64, i1 for bool, f16/bf16.
mlir::Type getMlirElementType(ElementType type, mlir::MLIRContext &context);

/// `tensor` as a DenseElementsAttr of `tensor<shape x element>`, the form
/// the importer folds a bound graph input into.
mlir::DenseElementsAttr toDenseElementsAttr(const HostTensor &tensor,
                                            mlir::MLIRContext &context);

/// Reads the values of `--bind-input NAME=FILE` options (FILE: `.npy` or
/// `.pb`) into `bound` (ImportOptions::boundInputs), as attributes of
/// `context`. Fails on a malformed option, an unreadable file, a repeated
/// name or an element type the importer has no type for.
llvm::Error readBoundInputs(llvm::ArrayRef<std::string> options,
                            mlir::MLIRContext &context,
                            llvm::StringMap<mlir::ElementsAttr> &bound);

} // namespace mote::run

#endif // MOTE_RUNNER_HOSTTENSOR_H
