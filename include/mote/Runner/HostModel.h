//===- HostModel.h - a compiled model loaded into this process --*- C++ -*-===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The host side of mote-run and mote-conformance: the object file that
// compileModule produced for the host is linked into a shared object with the
// system C compiler, loaded with dlopen, and called through the generated
// array entry point `<name>_run_v` with HostTensors in and out.
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_RUNNER_HOSTMODEL_H
#define MOTE_RUNNER_HOSTMODEL_H

#include "mote/Compiler/Compiler.h"
#include "mote/Runner/HostTensor.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace mote::run {

/// Buffers handed to a model are aligned generously, so that no vectorized
/// access in generated code can trip over them.
constexpr uint64_t kBufferAlign = 64;

/// Memory from std::aligned_alloc, freed on destruction.
class AlignedBuffer {
public:
  AlignedBuffer() = default;
  AlignedBuffer(uint64_t size, uint64_t align);
  char *data() const { return pointer.get(); }
  uint64_t getSize() const { return size; }
  explicit operator bool() const { return pointer != nullptr; }

private:
  struct Free {
    void operator()(char *p) const;
  };
  std::unique_ptr<char, Free> pointer;
  uint64_t size = 0;
};

/// A private temporary directory, removed with everything in it.
class TemporaryDirectory {
public:
  TemporaryDirectory() = default;
  TemporaryDirectory(const TemporaryDirectory &) = delete;
  TemporaryDirectory &operator=(const TemporaryDirectory &) = delete;
  ~TemporaryDirectory();
  llvm::Error create(llvm::StringRef prefix);
  std::string file(llvm::StringRef name) const;

private:
  llvm::SmallString<128> path;
};

/// Links `objectPath` into the shared object `libraryPath` with the system C
/// compiler driver (`cc`, else `clang-22`), refusing undefined symbols.
llvm::Error linkSharedObject(llvm::StringRef objectPath,
                             llvm::StringRef libraryPath);

/// Maps the C element types of a model's interface to element types; fails
/// naming the first tensor whose type the runner cannot feed or read.
llvm::Error getElementTypes(llvm::ArrayRef<mote::TensorInterface> ports,
                            llvm::StringRef kind,
                            llvm::SmallVectorImpl<ElementType> &types);

/// A compiled model linked and loaded into this process, with aligned
/// buffers for its inputs, outputs and arena.
class HostModel {
public:
  /// Writes `compiled.object` (compiled for the host with
  /// `CompileOptions::modelName == modelName`) to a private temporary
  /// directory, links and loads it.
  static llvm::Expected<std::unique_ptr<HostModel>>
  load(const mote::CompiledModel &compiled, llvm::StringRef modelName);

  ~HostModel();

  llvm::ArrayRef<ElementType> getInputTypes() const { return inputTypes; }
  llvm::ArrayRef<ElementType> getOutputTypes() const { return outputTypes; }

  /// Copies `inputs` (one per model input, in order, types and shapes as the
  /// interface says; the caller checks) into the aligned input buffers.
  void setInputs(llvm::ArrayRef<HostTensor> inputs);

  /// Calls the entry point once; a non-zero status becomes an error naming
  /// the status.
  llvm::Error run();

  /// Copies of the output buffers, as left by the last run.
  std::vector<HostTensor> getOutputs() const;

private:
  HostModel() = default;
  using RunVFunction = int32_t (*)(const void *const inputs[],
                                   void *const outputs[], void *arena,
                                   size_t arenaSize);

  TemporaryDirectory directory;
  void *library = nullptr;
  RunVFunction entry = nullptr;
  std::string entryName;
  std::vector<mote::TensorInterface> inputPorts, outputPorts;
  llvm::SmallVector<ElementType> inputTypes, outputTypes;
  std::vector<AlignedBuffer> inputBuffers, outputBuffers;
  llvm::SmallVector<const void *> inputPointers;
  llvm::SmallVector<void *> outputPointers;
  AlignedBuffer arena;
};

} // namespace mote::run

#endif // MOTE_RUNNER_HOSTMODEL_H
