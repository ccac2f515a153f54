//===- HostTensor.cpp - host tensors and the .npy format ------------------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The `.npy` format: the magic string "\x93NUMPY", a major and minor version
// byte, the header length (2 bytes little-endian in version 1, 4 bytes in
// versions 2 and 3), then a Python dict literal such as
// `{'descr': '<f4', 'fortran_order': False, 'shape': (1, 3), }` padded with
// spaces and a newline, then the raw elements.
//
//===----------------------------------------------------------------------===//

#include "mote/Runner/HostTensor.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

using namespace mote::run;
using llvm::StringRef;

static_assert(llvm::endianness::native == llvm::endianness::little,
              "mote-run copies little-endian file data into host memory");

//===----------------------------------------------------------------------===//
// Element types
//===----------------------------------------------------------------------===//

unsigned mote::run::getElementByteSize(ElementType type) {
  switch (type) {
  case ElementType::F64:
  case ElementType::I64:
  case ElementType::U64:
    return 8;
  case ElementType::F32:
  case ElementType::I32:
  case ElementType::U32:
    return 4;
  case ElementType::F16:
  case ElementType::BF16:
  case ElementType::I16:
  case ElementType::U16:
    return 2;
  case ElementType::I8:
  case ElementType::U8:
  case ElementType::Bool:
    return 1;
  }
  llvm_unreachable("unknown element type");
}

bool mote::run::isFloatingPoint(ElementType type) {
  return type == ElementType::F32 || type == ElementType::F64 ||
         type == ElementType::F16 || type == ElementType::BF16;
}

float mote::run::halfBitsToFloat(uint16_t bits) {
  llvm::APFloat value(llvm::APFloat::IEEEhalf(), llvm::APInt(16, bits));
  bool losesInfo;
  value.convert(llvm::APFloat::IEEEsingle(), llvm::APFloat::rmNearestTiesToEven,
                &losesInfo);
  return value.convertToFloat();
}

float mote::run::bfloat16BitsToFloat(uint16_t bits) {
  // bfloat16 is the upper half of an IEEE single.
  uint32_t wide = static_cast<uint32_t>(bits) << 16;
  float value;
  std::memcpy(&value, &wide, sizeof(value));
  return value;
}

StringRef mote::run::getElementTypeName(ElementType type) {
  switch (type) {
  case ElementType::F32:
    return "f32";
  case ElementType::F64:
    return "f64";
  case ElementType::F16:
    return "f16";
  case ElementType::BF16:
    return "bf16";
  case ElementType::I8:
    return "i8";
  case ElementType::I16:
    return "i16";
  case ElementType::I32:
    return "i32";
  case ElementType::I64:
    return "i64";
  case ElementType::U8:
    return "u8";
  case ElementType::U16:
    return "u16";
  case ElementType::U32:
    return "u32";
  case ElementType::U64:
    return "u64";
  case ElementType::Bool:
    return "bool";
  }
  llvm_unreachable("unknown element type");
}

std::optional<ElementType> mote::run::parseCElementType(StringRef cType) {
  return llvm::StringSwitch<std::optional<ElementType>>(cType.trim())
      .Case("float", ElementType::F32)
      .Case("double", ElementType::F64)
      .Case("int8_t", ElementType::I8)
      .Case("int16_t", ElementType::I16)
      .Case("int32_t", ElementType::I32)
      .Case("int64_t", ElementType::I64)
      .Case("uint8_t", ElementType::U8)
      .Case("uint16_t", ElementType::U16)
      .Case("uint32_t", ElementType::U32)
      .Case("uint64_t", ElementType::U64)
      .Cases({"bool", "_Bool"}, ElementType::Bool)
      .Default(std::nullopt);
}

std::string mote::run::formatShape(llvm::ArrayRef<int64_t> shape) {
  if (shape.empty())
    return "scalar";
  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::interleave(shape, os, "x");
  return text;
}

//===----------------------------------------------------------------------===//
// HostTensor
//===----------------------------------------------------------------------===//

HostTensor::HostTensor(ElementType type, llvm::ArrayRef<int64_t> shape)
    : type(type), shape(shape) {
  storage.resize((getByteSize() + sizeof(uint64_t) - 1) / sizeof(uint64_t));
}

int64_t HostTensor::getNumElements() const {
  int64_t count = 1;
  for (int64_t dim : shape)
    count *= dim;
  return count;
}

/// Loads a `T` from possibly unaligned memory.
template <typename T> static T load(const void *base, int64_t index) {
  T value;
  std::memcpy(&value, static_cast<const char *>(base) + index * sizeof(T),
              sizeof(T));
  return value;
}

double HostTensor::getAsDouble(int64_t index) const {
  switch (type) {
  case ElementType::F32:
    return load<float>(data(), index);
  case ElementType::F64:
    return load<double>(data(), index);
  case ElementType::F16:
    return halfBitsToFloat(load<uint16_t>(data(), index));
  case ElementType::BF16:
    return bfloat16BitsToFloat(load<uint16_t>(data(), index));
  case ElementType::U64:
    return static_cast<double>(load<uint64_t>(data(), index));
  default:
    return static_cast<double>(getAsInt64(index));
  }
}

int64_t HostTensor::getAsInt64(int64_t index) const {
  switch (type) {
  case ElementType::I8:
    return load<int8_t>(data(), index);
  case ElementType::I16:
    return load<int16_t>(data(), index);
  case ElementType::I32:
    return load<int32_t>(data(), index);
  case ElementType::I64:
    return load<int64_t>(data(), index);
  case ElementType::U8:
  case ElementType::Bool:
    return load<uint8_t>(data(), index);
  case ElementType::U16:
    return load<uint16_t>(data(), index);
  case ElementType::U32:
    return load<uint32_t>(data(), index);
  case ElementType::U64:
    return static_cast<int64_t>(load<uint64_t>(data(), index));
  case ElementType::F32:
  case ElementType::F64:
  case ElementType::F16:
  case ElementType::BF16:
    break;
  }
  llvm_unreachable("getAsInt64 on a floating-point tensor");
}

//===----------------------------------------------------------------------===//
// .npy
//===----------------------------------------------------------------------===//

static constexpr char kNpyMagic[] = "\x93NUMPY";
static constexpr size_t kNpyMagicSize = 6;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// The NumPy `descr` string of `type` (always little-endian or
/// byte-order-free, which is what NumPy writes on x86 and Arm).
static StringRef getNpyDescr(ElementType type) {
  switch (type) {
  case ElementType::F32:
    return "<f4";
  case ElementType::F64:
    return "<f8";
  case ElementType::F16:
    return "<f2";
  case ElementType::BF16:
    // NumPy has no bfloat16: the bits go out as uint16.
    return "<u2";
  case ElementType::I8:
    return "|i1";
  case ElementType::I16:
    return "<i2";
  case ElementType::I32:
    return "<i4";
  case ElementType::I64:
    return "<i8";
  case ElementType::U8:
    return "|u1";
  case ElementType::U16:
    return "<u2";
  case ElementType::U32:
    return "<u4";
  case ElementType::U64:
    return "<u8";
  case ElementType::Bool:
    return "|b1";
  }
  llvm_unreachable("unknown element type");
}

namespace {
/// The fields of an `.npy` header dict.
struct NpyHeader {
  std::string descr;
  bool fortranOrder = false;
  llvm::SmallVector<int64_t> shape;
};

/// A recursive-descent reader for the one dict literal NumPy writes. It
/// accepts exactly the keys `descr`, `fortran_order` and `shape`, in any
/// order, with either quote style and optional trailing commas.
class NpyHeaderParser {
public:
  NpyHeaderParser(StringRef text, StringRef path) : rest(text), path(path) {}

  llvm::Expected<NpyHeader> parse() {
    NpyHeader header;
    bool seenDescr = false, seenOrder = false, seenShape = false;
    if (!consume('{'))
      return fail("expected '{'");
    while (!consume('}')) {
      std::string key;
      if (!parseString(key))
        return fail("expected a quoted key");
      if (!consume(':'))
        return fail("expected ':' after '" + key + "'");
      if (key == "descr") {
        if (!parseString(header.descr))
          return fail("expected a quoted 'descr' value");
        seenDescr = true;
      } else if (key == "fortran_order") {
        if (consumeWord("True"))
          header.fortranOrder = true;
        else if (consumeWord("False"))
          header.fortranOrder = false;
        else
          return fail("expected True or False for 'fortran_order'");
        seenOrder = true;
      } else if (key == "shape") {
        if (!parseShape(header.shape))
          return fail("expected a tuple of non-negative integers for "
                      "'shape'");
        seenShape = true;
      } else {
        return fail("unexpected key '" + key + "'");
      }
      if (!consume(',') && !peek('}'))
        return fail("expected ',' or '}'");
    }
    if (!seenDescr || !seenOrder || !seenShape)
      return fail("the header must give 'descr', 'fortran_order' and "
                  "'shape'");
    return header;
  }

private:
  llvm::Error fail(const llvm::Twine &what) {
    return makeError(path + ": malformed .npy header: " + what);
  }

  void skipSpace() { rest = rest.ltrim(); }
  bool peek(char c) {
    skipSpace();
    return rest.starts_with(StringRef(&c, 1));
  }
  bool consume(char c) {
    if (!peek(c))
      return false;
    rest = rest.drop_front();
    return true;
  }
  bool consumeWord(StringRef word) {
    skipSpace();
    return rest.consume_front(word);
  }
  bool parseString(std::string &out) {
    skipSpace();
    if (rest.empty() || (rest.front() != '\'' && rest.front() != '"'))
      return false;
    char quote = rest.front();
    size_t end = rest.find(quote, 1);
    if (end == StringRef::npos)
      return false;
    out = rest.slice(1, end).str();
    rest = rest.drop_front(end + 1);
    return true;
  }
  bool parseShape(llvm::SmallVectorImpl<int64_t> &shape) {
    if (!consume('('))
      return false;
    while (!consume(')')) {
      skipSpace();
      size_t digits = rest.find_first_not_of("0123456789");
      if (digits == 0 || digits == StringRef::npos)
        return false;
      int64_t dim;
      if (rest.take_front(digits).getAsInteger(10, dim))
        return false;
      shape.push_back(dim);
      rest = rest.drop_front(digits);
      if (!consume(',') && !peek(')'))
        return false;
    }
    return true;
  }

  StringRef rest;
  StringRef path;
};
} // namespace

/// Maps a NumPy `descr` to an element type; refuses big-endian data and the
/// types a compiled model cannot take (complex, strings, objects).
static llvm::Expected<ElementType> parseNpyDescr(StringRef descr,
                                                 StringRef path) {
  if (descr.size() >= 2 && descr.front() == '>' && !descr.ends_with("1"))
    return makeError(path + ": big-endian element type '" + descr +
                     "' is not supported; save the array little-endian "
                     "(numpy: arr.astype(arr.dtype.newbyteorder('<')))");
  // '<' little-endian, '|' not applicable (1 byte), '=' native (little here),
  // '>' on a 1-byte type is harmless.
  StringRef code = descr;
  if (!code.empty() && StringRef("<|=>").contains(code.front()))
    code = code.drop_front();
  std::optional<ElementType> type =
      llvm::StringSwitch<std::optional<ElementType>>(code)
          .Case("f4", ElementType::F32)
          .Case("f8", ElementType::F64)
          .Case("f2", ElementType::F16)
          .Case("i1", ElementType::I8)
          .Case("i2", ElementType::I16)
          .Case("i4", ElementType::I32)
          .Case("i8", ElementType::I64)
          .Case("u1", ElementType::U8)
          .Case("u2", ElementType::U16)
          .Case("u4", ElementType::U32)
          .Case("u8", ElementType::U64)
          .Case("b1", ElementType::Bool)
          .Default(std::nullopt);
  if (!type)
    return makeError(path + ": unsupported .npy element type '" + descr +
                     "'; supported: f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1");
  return *type;
}

llvm::Expected<HostTensor> mote::run::parseNpy(StringRef bytes,
                                               StringRef path) {
  if (!bytes.starts_with(StringRef(kNpyMagic, kNpyMagicSize)))
    return makeError(path + ": not a .npy file (missing the \\x93NUMPY "
                            "magic string)");
  if (bytes.size() < 10)
    return makeError(path + ": truncated .npy header");
  unsigned major = static_cast<uint8_t>(bytes[6]);
  size_t headerLength, dataOffset;
  if (major == 1) {
    headerLength = llvm::support::endian::read16le(bytes.data() + 8);
    dataOffset = 10 + headerLength;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12)
      return makeError(path + ": truncated .npy header");
    headerLength = llvm::support::endian::read32le(bytes.data() + 8);
    dataOffset = 12 + headerLength;
  } else {
    return makeError(path + ": unsupported .npy format version " +
                     llvm::Twine(major) + " (supported: 1, 2, 3)");
  }
  if (bytes.size() < dataOffset)
    return makeError(path + ": truncated .npy header");

  llvm::Expected<NpyHeader> header =
      NpyHeaderParser(bytes.slice(dataOffset - headerLength, dataOffset), path)
          .parse();
  if (!header)
    return header.takeError();
  if (header->fortranOrder)
    return makeError(path + ": Fortran-ordered arrays are not supported; "
                            "save a C-ordered array (numpy: "
                            "np.ascontiguousarray)");
  llvm::Expected<ElementType> type = parseNpyDescr(header->descr, path);
  if (!type)
    return type.takeError();

  HostTensor tensor(*type, header->shape);
  uint64_t expectedBytes = tensor.getByteSize();
  StringRef payload = bytes.drop_front(dataOffset);
  if (payload.size() != expectedBytes)
    return makeError(
        path + ": the header announces " + formatShape(tensor.shape) + " " +
        getElementTypeName(*type) + " (" + llvm::Twine(expectedBytes) +
        " bytes) but the file holds " + llvm::Twine(payload.size()) +
        " bytes of data");
  std::memcpy(tensor.data(), payload.data(), expectedBytes);
  return tensor;
}

llvm::Expected<HostTensor> mote::run::readNpyFile(StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!buffer)
    return makeError("cannot read '" + path +
                     "': " + buffer.getError().message());
  return parseNpy((*buffer)->getBuffer(), path);
}

llvm::Error mote::run::writeNpyFile(StringRef path, const HostTensor &tensor) {
  std::string dict;
  llvm::raw_string_ostream os(dict);
  os << "{'descr': '" << getNpyDescr(tensor.type)
     << "', 'fortran_order': False, 'shape': (";
  for (int64_t dim : tensor.shape)
    os << dim << ", ";
  // A 1-tuple needs its comma, but Python prints `(3,)` and `(1, 3)`.
  if (tensor.shape.size() > 1)
    dict.resize(dict.size() - 2);
  else if (tensor.shape.size() == 1)
    dict.pop_back();
  dict += "), }";
  // NumPy pads magic + version + length + dict + '\n' to a multiple of 64.
  size_t unpadded = kNpyMagicSize + 2 + 2 + dict.size() + 1;
  dict.append((64 - unpadded % 64) % 64, ' ');
  dict += '\n';

  std::error_code ec;
  llvm::raw_fd_ostream file(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return makeError("cannot write '" + path + "': " + ec.message());
  file.write(kNpyMagic, kNpyMagicSize);
  file << '\x01' << '\x00';
  char length[2];
  llvm::support::endian::write16le(length, dict.size());
  file.write(length, 2);
  file << dict;
  file.write(static_cast<const char *>(tensor.data()), tensor.getByteSize());
  file.close();
  if (file.has_error())
    return makeError("cannot write '" + path + "': " + file.error().message());
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// Dispatch by extension
//===----------------------------------------------------------------------===//

llvm::Expected<HostTensor> mote::run::readTensorFile(StringRef path) {
  StringRef extension = llvm::sys::path::extension(path);
  if (extension == ".npy")
    return readNpyFile(path);
  if (extension == ".pb")
    return readTensorProtoFile(path);
  return makeError("'" + path +
                   "': unknown tensor file extension; expected .npy (NumPy) "
                   "or .pb (serialized onnx.TensorProto)");
}

//===----------------------------------------------------------------------===//
// MLIR attributes
//===----------------------------------------------------------------------===//

mlir::Type mote::run::getMlirElementType(ElementType type,
                                         mlir::MLIRContext &context) {
  switch (type) {
  case ElementType::F32:
    return mlir::Float32Type::get(&context);
  case ElementType::F64:
    return mlir::Float64Type::get(&context);
  case ElementType::F16:
    return mlir::Float16Type::get(&context);
  case ElementType::BF16:
    return mlir::BFloat16Type::get(&context);
  case ElementType::I8:
    return mlir::IntegerType::get(&context, 8);
  case ElementType::I16:
    return mlir::IntegerType::get(&context, 16);
  case ElementType::I32:
    return mlir::IntegerType::get(&context, 32);
  case ElementType::I64:
    return mlir::IntegerType::get(&context, 64);
  case ElementType::Bool:
    return mlir::IntegerType::get(&context, 1);
  // The importer types ONNX UINT8..UINT64 as unsigned integers.
  case ElementType::U8:
    return mlir::IntegerType::get(&context, 8, mlir::IntegerType::Unsigned);
  case ElementType::U16:
    return mlir::IntegerType::get(&context, 16, mlir::IntegerType::Unsigned);
  case ElementType::U32:
    return mlir::IntegerType::get(&context, 32, mlir::IntegerType::Unsigned);
  case ElementType::U64:
    return mlir::IntegerType::get(&context, 64, mlir::IntegerType::Unsigned);
  }
  return {};
}

mlir::DenseElementsAttr
mote::run::toDenseElementsAttr(const HostTensor &tensor,
                               mlir::MLIRContext &context) {
  mlir::Type element = getMlirElementType(tensor.type, context);
  if (!element)
    return {};
  auto type = mlir::RankedTensorType::get(tensor.shape, element);
  if (tensor.type == ElementType::Bool) {
    // i1 attributes have their own (bit-packed) storage: go through bools.
    llvm::SmallVector<bool> values;
    values.reserve(tensor.getNumElements());
    for (int64_t i = 0, e = tensor.getNumElements(); i < e; ++i)
      values.push_back(tensor.getAsInt64(i) != 0);
    return mlir::DenseElementsAttr::get(type, llvm::ArrayRef<bool>(values));
  }
  llvm::ArrayRef<char> bytes(static_cast<const char *>(tensor.data()),
                             tensor.getByteSize());
  return mlir::DenseElementsAttr::getFromRawBuffer(type, bytes);
}

llvm::Error
mote::run::readBoundInputs(llvm::ArrayRef<std::string> options,
                           mlir::MLIRContext &context,
                           llvm::StringMap<mlir::ElementsAttr> &bound) {
  for (StringRef option : options) {
    auto [name, path] = option.split('=');
    if (name.empty() || path.empty())
      return makeError("malformed --bind-input '" + option +
                       "': expected NAME=FILE (.npy or ONNX TensorProto .pb)");
    llvm::Expected<HostTensor> tensor = readTensorFile(path);
    if (!tensor)
      return tensor.takeError();
    mlir::DenseElementsAttr value = toDenseElementsAttr(*tensor, context);
    if (!value)
      return makeError("--bind-input " + name + ": '" + path + "' holds " +
                       getElementTypeName(tensor->type) +
                       " elements, which mote's graph inputs cannot have");
    if (!bound.try_emplace(name, value).second)
      return makeError("--bind-input names '" + name +
                       "' more than once; bind each input once");
  }
  return llvm::Error::success();
}
