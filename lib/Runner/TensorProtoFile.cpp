//===- TensorProtoFile.cpp - read serialized onnx.TensorProto files -------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// ONNX's test data sets store each input and output as a serialized
// TensorProto (`input_0.pb`, `output_0.pb`). The elements are in `raw_data`
// (little-endian, packed) or in the typed repeated field of the element
// type: `float_data`, `double_data`, `int64_data`, `uint64_data` (for
// uint32/uint64), or `int32_data` (for int32 and every narrower integer and
// bool, one element per entry, and for float16/bfloat16, whose 16-bit
// patterns it holds).
//
//===----------------------------------------------------------------------===//

#include "mote/Runner/HostTensor.h"

#include "llvm/Support/MemoryBuffer.h"

#include "onnx/onnx_pb.h"

#include <cstring>

using namespace mote::run;
using llvm::StringRef;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

static std::optional<ElementType> getElementType(int32_t onnxType) {
  switch (onnxType) {
  case onnx::TensorProto::FLOAT:
    return ElementType::F32;
  case onnx::TensorProto::DOUBLE:
    return ElementType::F64;
  case onnx::TensorProto::FLOAT16:
    return ElementType::F16;
  case onnx::TensorProto::BFLOAT16:
    return ElementType::BF16;
  case onnx::TensorProto::INT8:
    return ElementType::I8;
  case onnx::TensorProto::INT16:
    return ElementType::I16;
  case onnx::TensorProto::INT32:
    return ElementType::I32;
  case onnx::TensorProto::INT64:
    return ElementType::I64;
  case onnx::TensorProto::UINT8:
    return ElementType::U8;
  case onnx::TensorProto::UINT16:
    return ElementType::U16;
  case onnx::TensorProto::UINT32:
    return ElementType::U32;
  case onnx::TensorProto::UINT64:
    return ElementType::U64;
  case onnx::TensorProto::BOOL:
    return ElementType::Bool;
  default:
    return std::nullopt;
  }
}

/// Copies a repeated field into `tensor`, narrowing each entry to `T`.
template <typename T, typename Field>
static void copyTyped(const Field &values, HostTensor &tensor) {
  char *out = static_cast<char *>(tensor.data());
  for (int i = 0, e = values.size(); i < e; ++i) {
    T value = static_cast<T>(values.Get(i));
    std::memcpy(out + i * sizeof(T), &value, sizeof(T));
  }
}

llvm::Expected<HostTensor> mote::run::readTensorProtoFile(StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!buffer)
    return makeError("cannot read '" + path +
                     "': " + buffer.getError().message());
  onnx::TensorProto proto;
  StringRef bytes = (*buffer)->getBuffer();
  if (!proto.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return makeError(path + ": not a serialized onnx.TensorProto");
  if (proto.data_location() == onnx::TensorProto::EXTERNAL)
    return makeError(path + ": TensorProto with external data is not "
                            "supported; store the data inline (raw_data)");

  std::optional<ElementType> type = getElementType(proto.data_type());
  if (!type)
    return makeError(
        path + ": unsupported TensorProto element type " +
        onnx::TensorProto::DataType_Name(
            static_cast<onnx::TensorProto::DataType>(proto.data_type())) +
        "; supported: FLOAT DOUBLE FLOAT16 BFLOAT16 INT8..INT64 "
        "UINT8..UINT64 BOOL");
  llvm::SmallVector<int64_t> shape(proto.dims().begin(), proto.dims().end());
  for (int64_t dim : shape)
    if (dim < 0)
      return makeError(path + ": negative dimension in the TensorProto");
  HostTensor tensor(*type, shape);
  int64_t numElements = tensor.getNumElements();

  if (proto.has_raw_data()) {
    if (proto.raw_data().size() != tensor.getByteSize())
      return makeError(path + ": raw_data holds " +
                       llvm::Twine(proto.raw_data().size()) +
                       " bytes but dims " + formatShape(shape) + " of " +
                       getElementTypeName(*type) + " need " +
                       llvm::Twine(tensor.getByteSize()));
    std::memcpy(tensor.data(), proto.raw_data().data(), tensor.getByteSize());
    return tensor;
  }

  auto checkCount = [&](int64_t count, StringRef field) -> llvm::Error {
    if (count == numElements)
      return llvm::Error::success();
    return makeError(path + ": " + field + " holds " + llvm::Twine(count) +
                     " elements but dims " + formatShape(shape) + " need " +
                     llvm::Twine(numElements));
  };
  switch (*type) {
  case ElementType::F32:
    if (llvm::Error err = checkCount(proto.float_data_size(), "float_data"))
      return std::move(err);
    copyTyped<float>(proto.float_data(), tensor);
    break;
  case ElementType::F64:
    if (llvm::Error err = checkCount(proto.double_data_size(), "double_data"))
      return std::move(err);
    copyTyped<double>(proto.double_data(), tensor);
    break;
  case ElementType::I64:
    if (llvm::Error err = checkCount(proto.int64_data_size(), "int64_data"))
      return std::move(err);
    copyTyped<int64_t>(proto.int64_data(), tensor);
    break;
  case ElementType::U32:
  case ElementType::U64:
    if (llvm::Error err = checkCount(proto.uint64_data_size(), "uint64_data"))
      return std::move(err);
    if (*type == ElementType::U32)
      copyTyped<uint32_t>(proto.uint64_data(), tensor);
    else
      copyTyped<uint64_t>(proto.uint64_data(), tensor);
    break;
  case ElementType::I32:
  case ElementType::I16:
  case ElementType::I8:
  case ElementType::F16:
  case ElementType::BF16:
  case ElementType::U16:
  case ElementType::U8:
  case ElementType::Bool:
    if (llvm::Error err = checkCount(proto.int32_data_size(), "int32_data"))
      return std::move(err);
    switch (getElementByteSize(*type)) {
    case 4:
      copyTyped<int32_t>(proto.int32_data(), tensor);
      break;
    case 2:
      copyTyped<uint16_t>(proto.int32_data(), tensor);
      break;
    default:
      copyTyped<uint8_t>(proto.int32_data(), tensor);
      break;
    }
    break;
  }
  return tensor;
}
