//===- HostModel.cpp - a compiled model loaded into this process ----------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#include "mote/Runner/HostModel.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>

using namespace mote::run;
using llvm::StringRef;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

AlignedBuffer::AlignedBuffer(uint64_t size, uint64_t align) {
  align = std::max<uint64_t>(align, kBufferAlign);
  // aligned_alloc wants a non-zero multiple of the alignment.
  this->size = llvm::alignTo(std::max<uint64_t>(size, 1), align);
  pointer.reset(static_cast<char *>(std::aligned_alloc(align, this->size)));
}

void AlignedBuffer::Free::operator()(char *p) const { std::free(p); }

TemporaryDirectory::~TemporaryDirectory() {
  if (!path.empty())
    llvm::sys::fs::remove_directories(path);
}

llvm::Error TemporaryDirectory::create(StringRef prefix) {
  if (std::error_code ec = llvm::sys::fs::createUniqueDirectory(prefix, path))
    return llvm::createStringError(ec, "cannot create a temporary directory: " +
                                           ec.message());
  return llvm::Error::success();
}

std::string TemporaryDirectory::file(StringRef name) const {
  llvm::SmallString<128> result(path);
  llvm::sys::path::append(result, name);
  return std::string(result);
}

llvm::Error mote::run::linkSharedObject(StringRef objectPath,
                                        StringRef libraryPath) {
  llvm::ErrorOr<std::string> driver = llvm::sys::findProgramByName("cc");
  if (!driver)
    driver = llvm::sys::findProgramByName("clang-22");
  if (!driver)
    return makeError("no C compiler to link the model with: neither 'cc' nor "
                     "'clang-22' is on PATH");
  // -z defs turns a call the object cannot satisfy from libc or libm (say,
  // an MLIR runtime helper the lowering should not have emitted) into a link
  // error naming the symbol, instead of a crash at the first call.
  llvm::SmallVector<StringRef> args = {
      *driver, "-shared", "-Wl,-z,defs", "-o", libraryPath, objectPath, "-lm"};
  std::string message;
  int status = llvm::sys::ExecuteAndWait(*driver, args, /*Env=*/std::nullopt,
                                         /*Redirects=*/{}, /*SecondsToWait=*/0,
                                         /*MemoryLimit=*/0, &message);
  if (status != 0)
    return makeError(
        "linking the model failed ('" + llvm::join(args, " ") + "' " +
        (message.empty() ? "exited with status " + std::to_string(status)
                         : message) +
        ")");
  return llvm::Error::success();
}

llvm::Error
mote::run::getElementTypes(llvm::ArrayRef<mote::TensorInterface> ports,
                           StringRef kind,
                           llvm::SmallVectorImpl<ElementType> &types) {
  for (const mote::TensorInterface &port : ports) {
    std::optional<ElementType> type = parseCElementType(port.cType);
    if (!type)
      return makeError("model " + kind + " '" + port.onnxName +
                       "' has C element type '" + port.cType +
                       "', which the host runner cannot feed or read");
    types.push_back(*type);
  }
  return llvm::Error::success();
}

llvm::Expected<std::unique_ptr<HostModel>>
HostModel::load(const mote::CompiledModel &compiled, StringRef modelName) {
  std::unique_ptr<HostModel> model(new HostModel());
  if (llvm::Error err =
          getElementTypes(compiled.inputs, "input", model->inputTypes))
    return std::move(err);
  if (llvm::Error err =
          getElementTypes(compiled.outputs, "output", model->outputTypes))
    return std::move(err);
  model->inputPorts = compiled.inputs;
  model->outputPorts = compiled.outputs;

  // Object file -> shared object -> loaded library.
  if (llvm::Error err = model->directory.create("mote-run"))
    return std::move(err);
  std::string objectPath = model->directory.file("model.o");
  std::string libraryPath = model->directory.file("model.so");
  {
    std::error_code ec;
    llvm::raw_fd_ostream object(objectPath, ec, llvm::sys::fs::OF_None);
    if (ec)
      return makeError("cannot write '" + objectPath + "': " + ec.message());
    object << compiled.object;
  }
  if (llvm::Error err = linkSharedObject(objectPath, libraryPath))
    return std::move(err);
  // RTLD_NOW: resolve every symbol here, where a failure is a message, not
  // at the first call, where it would end the process.
  model->library = dlopen(libraryPath.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!model->library)
    return makeError(llvm::Twine("cannot load the linked model: ") + dlerror());
  model->entryName = (modelName + "_run_v").str();
  model->entry = reinterpret_cast<RunVFunction>(
      dlsym(model->library, model->entryName.c_str()));
  if (!model->entry)
    return makeError("the compiled model does not export '" + model->entryName +
                     "'");

  for (auto [port, type] :
       llvm::zip_equal(model->inputPorts, model->inputTypes)) {
    model->inputBuffers.emplace_back(HostTensor(type, port.shape).getByteSize(),
                                     kBufferAlign);
    model->inputPointers.push_back(model->inputBuffers.back().data());
  }
  for (auto [port, type] :
       llvm::zip_equal(model->outputPorts, model->outputTypes)) {
    model->outputBuffers.emplace_back(
        HostTensor(type, port.shape).getByteSize(), kBufferAlign);
    model->outputPointers.push_back(model->outputBuffers.back().data());
  }
  model->arena = AlignedBuffer(compiled.arenaSize, compiled.arenaAlign);
  auto missing = [](const AlignedBuffer &buffer) { return !buffer; };
  if (!model->arena || llvm::any_of(model->inputBuffers, missing) ||
      llvm::any_of(model->outputBuffers, missing))
    return makeError("out of memory allocating the model's buffers (arena: " +
                     llvm::Twine(compiled.arenaSize) + " bytes)");
  return std::move(model);
}

HostModel::~HostModel() {
  if (library)
    dlclose(library);
}

void HostModel::setInputs(llvm::ArrayRef<HostTensor> inputs) {
  for (auto [input, buffer] : llvm::zip_equal(inputs, inputBuffers))
    std::memcpy(buffer.data(), input.data(), input.getByteSize());
}

llvm::Error HostModel::run() {
  int32_t status = entry(inputPointers.data(), outputPointers.data(),
                         arena.data(), arena.getSize());
  if (status == 0)
    return llvm::Error::success();
  StringRef meaning;
  switch (status) {
  case -1:
    meaning = " (MOTE_STATUS_NULL_ARGUMENT)";
    break;
  case -2:
    meaning = " (MOTE_STATUS_ARENA_TOO_SMALL)";
    break;
  case -3:
    meaning = " (MOTE_STATUS_ARENA_MISALIGNED)";
    break;
  default:
    break;
  }
  return makeError(entryName + " returned status " + llvm::Twine(status) +
                   meaning);
}

std::vector<HostTensor> HostModel::getOutputs() const {
  std::vector<HostTensor> outputs;
  for (auto [port, type, buffer] :
       llvm::zip_equal(outputPorts, outputTypes, outputBuffers)) {
    outputs.emplace_back(type, port.shape);
    std::memcpy(outputs.back().data(), buffer.data(),
                outputs.back().getByteSize());
  }
  return outputs;
}
