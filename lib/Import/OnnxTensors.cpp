//===- OnnxTensors.cpp - ONNX tensors to MLIR attributes ------------------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Decodes ONNX TensorProtos in every storage form (typed repeated fields,
// little-endian raw_data, external files next to the model) into
// DenseElementsAttr or, for large float weights, DenseResourceElementsAttr.
//
//===----------------------------------------------------------------------===//

#include "OnnxImporterImpl.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mote/Dialect/Mote/IR/MoteConstants.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SwapByteOrder.h"

#include <cstring>

using namespace mlir;

namespace mote {
namespace onnx_import {

using onnx::TensorProto;

Type convertElementType(MLIRContext &context, int32_t onnxType) {
  Builder b(&context);
  switch (onnxType) {
  case TensorProto::FLOAT:
    return b.getF32Type();
  case TensorProto::DOUBLE:
    return b.getF64Type();
  case TensorProto::FLOAT16:
    return b.getF16Type();
  case TensorProto::BFLOAT16:
    return b.getBF16Type();
  case TensorProto::INT8:
    return b.getI8Type();
  case TensorProto::INT16:
    return b.getI16Type();
  case TensorProto::INT32:
    return b.getI32Type();
  case TensorProto::INT64:
    return b.getI64Type();
  case TensorProto::BOOL:
    return b.getI1Type();
  // Unsigned integers keep their signedness in mote IR (`ui8`): division,
  // comparisons, max/min and conversions depend on it. The lowering to
  // linalg erases it once it has picked the unsigned arith ops.
  case TensorProto::UINT8:
    return b.getIntegerType(8, /*isSigned=*/false);
  case TensorProto::UINT16:
    return b.getIntegerType(16, /*isSigned=*/false);
  case TensorProto::UINT32:
    return b.getIntegerType(32, /*isSigned=*/false);
  case TensorProto::UINT64:
    return b.getIntegerType(64, /*isSigned=*/false);
  default:
    // Strings and complex numbers have no lowering.
    return {};
  }
}

std::string elementTypeName(int32_t onnxType) {
  if (TensorProto::DataType_IsValid(onnxType))
    return TensorProto::DataType_Name(
        static_cast<TensorProto::DataType>(onnxType));
  return "<invalid element type " + std::to_string(onnxType) + ">";
}

std::optional<int64_t> checkedElementCount(ArrayRef<int64_t> shape) {
  int64_t count = 1;
  for (int64_t dim : shape) {
    if (dim < 0)
      return std::nullopt;
    if (llvm::MulOverflow(count, dim, count))
      return std::nullopt;
  }
  return count;
}

/// Bytes per element in ONNX raw_data, or 0 for types mote cannot load.
static int64_t rawElementBytes(int32_t onnxType) {
  switch (onnxType) {
  case TensorProto::FLOAT:
  case TensorProto::INT32:
  case TensorProto::UINT32:
    return 4;
  case TensorProto::DOUBLE:
  case TensorProto::INT64:
  case TensorProto::UINT64:
    return 8;
  case TensorProto::FLOAT16:
  case TensorProto::BFLOAT16:
  case TensorProto::INT16:
  case TensorProto::UINT16:
    return 2;
  case TensorProto::INT8:
  case TensorProto::UINT8:
  case TensorProto::BOOL:
    return 1;
  default:
    return 0;
  }
}

static std::string shapeText(ArrayRef<int64_t> shape) {
  std::string text = "[";
  llvm::ListSeparator sep(", ");
  for (int64_t dim : shape)
    text += StringRef(sep).str() + std::to_string(dim);
  return text + "]";
}

/// A name usable as a resource key: ONNX names often hold `/`, `:` or `.`.
static std::string resourceKey(StringRef tensorName) {
  std::string key = "onnx_";
  for (char c : tensorName)
    key += llvm::isAlnum(c) ? c : '_';
  return key;
}

/// Appends `values` to `bytes` as `width`-byte little-endian integers or
/// floats (the host is little-endian, checked in convertTensor).
template <typename Range, typename StoredT>
static void appendAs(std::vector<char> &bytes, const Range &values) {
  for (auto value : values) {
    StoredT stored = static_cast<StoredT>(value);
    const char *p = reinterpret_cast<const char *>(&stored);
    bytes.insert(bytes.end(), p, p + sizeof(StoredT));
  }
}

ElementsAttr convertTensor(MLIRContext &context, const TensorProto &tensor,
                           bool resourceBlobs, std::string &error) {
  static_assert(llvm::sys::IsLittleEndianHost,
                "ONNX raw_data is little-endian; big-endian hosts need a swap");
  std::string what = "tensor '" + tensor.name() + "'";
  SmallVector<int64_t> shape(tensor.dims().begin(), tensor.dims().end());
  std::optional<int64_t> count = checkedElementCount(shape);
  if (!count) {
    error = what + " has shape " + shapeText(shape) +
            ", whose element count is negative or overflows int64";
    return {};
  }
  int32_t onnxType = tensor.data_type();
  Type elementType = convertElementType(context, onnxType);
  int64_t width = rawElementBytes(onnxType);
  if (!elementType || width == 0) {
    error = what + " has element type " + elementTypeName(onnxType) +
            ", which mote does not support";
    return {};
  }
  if (tensor.data_location() == TensorProto::EXTERNAL) {
    error = what + " keeps its data in an external file, which could not be "
                   "loaded here (it needs the model's folder)";
    return {};
  }
  if (tensor.has_segment()) {
    error = what + " is segmented, which mote does not support";
    return {};
  }
  auto type = RankedTensorType::get(shape, elementType);

  // Gather the little-endian bytes of every element, whatever field holds
  // them.
  std::vector<char> typedBytes;
  ArrayRef<char> bytes;
  int64_t valueCount = -1;
  if (tensor.has_raw_data()) {
    const std::string &raw = tensor.raw_data();
    bytes = ArrayRef<char>(raw.data(), raw.size());
    if (static_cast<int64_t>(raw.size()) != *count * width) {
      error = what + " has " + std::to_string(raw.size()) +
              " bytes of raw_data, but its shape " + shapeText(shape) +
              " and type " + elementTypeName(onnxType) + " need " +
              std::to_string(*count * width);
      return {};
    }
  } else {
    switch (onnxType) {
    case TensorProto::FLOAT:
      valueCount = tensor.float_data_size();
      appendAs<decltype(tensor.float_data()), float>(typedBytes,
                                                     tensor.float_data());
      break;
    case TensorProto::DOUBLE:
      valueCount = tensor.double_data_size();
      appendAs<decltype(tensor.double_data()), double>(typedBytes,
                                                       tensor.double_data());
      break;
    case TensorProto::INT64:
      valueCount = tensor.int64_data_size();
      appendAs<decltype(tensor.int64_data()), int64_t>(typedBytes,
                                                       tensor.int64_data());
      break;
    case TensorProto::INT32:
      valueCount = tensor.int32_data_size();
      appendAs<decltype(tensor.int32_data()), int32_t>(typedBytes,
                                                       tensor.int32_data());
      break;
    case TensorProto::UINT32:
    case TensorProto::UINT64:
      // uint64_data holds UINT32 and UINT64 values.
      valueCount = tensor.uint64_data_size();
      if (onnxType == TensorProto::UINT32)
        appendAs<decltype(tensor.uint64_data()), uint32_t>(
            typedBytes, tensor.uint64_data());
      else
        appendAs<decltype(tensor.uint64_data()), uint64_t>(
            typedBytes, tensor.uint64_data());
      break;
    case TensorProto::INT16:
    case TensorProto::UINT16:
    case TensorProto::FLOAT16:
    case TensorProto::BFLOAT16:
      // int32_data holds the 16-bit patterns of these types.
      valueCount = tensor.int32_data_size();
      appendAs<decltype(tensor.int32_data()), uint16_t>(typedBytes,
                                                        tensor.int32_data());
      break;
    case TensorProto::INT8:
    case TensorProto::UINT8:
    case TensorProto::BOOL:
      valueCount = tensor.int32_data_size();
      appendAs<decltype(tensor.int32_data()), int8_t>(typedBytes,
                                                      tensor.int32_data());
      break;
    default:
      break;
    }
    if (valueCount != *count) {
      error = what + " has " + std::to_string(valueCount) +
              " values, but its shape " + shapeText(shape) + " needs " +
              std::to_string(*count);
      return {};
    }
    bytes = typedBytes;
  }

  if (onnxType == TensorProto::BOOL) {
    // DenseElementsAttr packs i1; build it from bools rather than bytes.
    SmallVector<bool> bits;
    bits.reserve(*count);
    for (char byte : bytes)
      bits.push_back(byte != 0);
    return DenseElementsAttr::get(type, ArrayRef<bool>(bits));
  }

  if (resourceBlobs && elementType.isF32() &&
      *count >= kResourceBlobMinElements) {
    // raw_data need not be aligned for float: copy through a vector.
    std::vector<float> floats(*count);
    std::memcpy(floats.data(), bytes.data(), bytes.size());
    return buildFloatElements(type, floats, resourceKey(tensor.name()));
  }
  if (resourceBlobs && isa<FloatType>(elementType) &&
      *count >= kResourceBlobMinElements) {
    AsmResourceBlob blob =
        HeapAsmResourceBlob::allocateAndCopyWithAlign(bytes, alignof(double));
    return DenseResourceElementsAttr::get(type, resourceKey(tensor.name()),
                                          std::move(blob));
  }
  if (*count == 0)
    return DenseElementsAttr::get(type, ArrayRef<Attribute>());
  // A buffer holding exactly one element is read as a splat, which is what
  // a one-element tensor is anyway.
  return DenseElementsAttr::getFromRawBuffer(type, bytes);
}

//===----------------------------------------------------------------------===//
// External data
//===----------------------------------------------------------------------===//

/// Rejects locations that could name a file outside the model's folder.
static bool isSafeRelativeLocation(StringRef location, std::string &why) {
  if (location.empty()) {
    why = "is empty";
    return false;
  }
  if (location.contains('\0')) {
    why = "contains a NUL character";
    return false;
  }
  if (location.starts_with("/") || location.starts_with("\\") ||
      (location.size() >= 2 && location[1] == ':')) {
    why = "is an absolute path";
    return false;
  }
  SmallVector<StringRef> components;
  // Split on both separators: a model written on Windows uses `\`.
  for (StringRef part : llvm::split(location, '/'))
    for (StringRef piece : llvm::split(part, '\\'))
      if (piece == "..") {
        why = "has a '..' component";
        return false;
      }
  return true;
}

/// Loads one EXTERNAL tensor into raw_data.
static bool loadExternalTensor(TensorProto &tensor, StringRef modelDir,
                               std::string &error) {
  std::string what = "tensor '" + tensor.name() + "'";
  std::string location;
  int64_t offset = 0, length = -1;
  for (const onnx::StringStringEntryProto &entry : tensor.external_data()) {
    StringRef key = entry.key(), value = entry.value();
    if (key == "location") {
      location = entry.value();
    } else if (key == "offset" || key == "length") {
      int64_t parsed;
      if (value.getAsInteger(10, parsed) || parsed < 0) {
        error = what + " has external data " + key.str() + " '" + value.str() +
                "', which is not a non-negative integer";
        return false;
      }
      (key == "offset" ? offset : length) = parsed;
    }
    // `checksum` and unknown keys do not change where the bytes are.
  }
  std::string why;
  if (!isSafeRelativeLocation(location, why)) {
    error = what + " has external data location '" + location + "', which " +
            why + "; mote only reads files inside the model's folder";
    return false;
  }
  if (modelDir.empty()) {
    error = what + " keeps its data in external file '" + location +
            "', but the model was not read from a file, so there is no "
            "folder to look in";
    return false;
  }

  SmallString<256> path(modelDir);
  llvm::sys::path::append(path, location);
  SmallString<256> realDir, realFile;
  if (llvm::sys::fs::real_path(modelDir, realDir) ||
      llvm::sys::fs::real_path(path, realFile) ||
      !llvm::sys::fs::is_regular_file(realFile)) {
    error = what + " keeps its data in external file '" + location +
            "', which does not exist in the model's folder '" + modelDir.str() +
            "'";
    return false;
  }
  // A symbolic link inside the folder must not lead outside it either.
  realDir += llvm::sys::path::get_separator();
  if (!StringRef(realFile).starts_with(realDir)) {
    error = what + " has external data location '" + location +
            "', which resolves to '" + realFile.str().str() +
            "' outside the model's folder; mote only reads files inside it";
    return false;
  }

  SmallVector<int64_t> shape(tensor.dims().begin(), tensor.dims().end());
  std::optional<int64_t> count = checkedElementCount(shape);
  int64_t width = rawElementBytes(tensor.data_type());
  int64_t expected;
  if (!count || width == 0 || llvm::MulOverflow(*count, width, expected)) {
    error = what + " has element type " + elementTypeName(tensor.data_type()) +
            " and shape " + shapeText(shape) + ", which mote cannot load";
    return false;
  }
  if (length >= 0 && length != expected) {
    error = what + " says its external data is " + std::to_string(length) +
            " bytes long, but its shape and type need " +
            std::to_string(expected);
    return false;
  }
  uint64_t fileSize = 0;
  if (llvm::sys::fs::file_size(realFile, fileSize) ||
      static_cast<uint64_t>(offset) > fileSize ||
      fileSize - static_cast<uint64_t>(offset) <
          static_cast<uint64_t>(expected)) {
    error = what + " needs " + std::to_string(expected) + " bytes at offset " +
            std::to_string(offset) + " of external file '" + location +
            "', which holds only " + std::to_string(fileSize) + " bytes";
    return false;
  }
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFileSlice(realFile, expected, offset);
  if (!buffer) {
    error = what + ": cannot read external file '" + location +
            "': " + buffer.getError().message();
    return false;
  }
  tensor.set_raw_data((*buffer)->getBufferStart(), (*buffer)->getBufferSize());
  tensor.clear_external_data();
  tensor.set_data_location(TensorProto::DEFAULT);
  return true;
}

bool loadExternalData(onnx::GraphProto &graph, StringRef modelDir,
                      std::string &error) {
  for (TensorProto &tensor : *graph.mutable_initializer())
    if (tensor.data_location() == TensorProto::EXTERNAL &&
        !loadExternalTensor(tensor, modelDir, error))
      return false;
  for (onnx::NodeProto &node : *graph.mutable_node()) {
    for (onnx::AttributeProto &attr : *node.mutable_attribute()) {
      if (attr.has_t() && attr.t().data_location() == TensorProto::EXTERNAL &&
          !loadExternalTensor(*attr.mutable_t(), modelDir, error))
        return false;
      for (TensorProto &tensor : *attr.mutable_tensors())
        if (tensor.data_location() == TensorProto::EXTERNAL &&
            !loadExternalTensor(tensor, modelDir, error))
          return false;
    }
  }
  return true;
}

} // namespace onnx_import
} // namespace mote
