//===- mote-run.cpp - compile a model for the host, run it, compare -------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// mote-run compiles a model (ONNX or mote IR) for the host with the same
// library motec uses, links the object into a shared object with the system C
// compiler, loads it, feeds it the given inputs through the generated
// `model_run_v` entry point and compares each output with a reference:
//
//   mote-run model.onnx --input x.npy --expected y.npy [--atol A] [--rtol R]
//
// It is the end-to-end check of the test suite: the code under test is the
// code a user would link into firmware, only built for the host.
//
//===----------------------------------------------------------------------===//

#include "mote/Compiler/Compiler.h"
#include "mote/Compiler/Registration.h"
#include "mote/Import/OnnxImporter.h"
#include "mote/Runner/HostModel.h"
#include "mote/Runner/HostTensor.h"
#include "mote/Runner/TensorCompare.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cstring>

using namespace mote::run;
namespace cl = llvm::cl;
using llvm::StringRef;

//===----------------------------------------------------------------------===//
// Command line
//===----------------------------------------------------------------------===//

static cl::OptionCategory runCategory("mote-run options");

static cl::opt<std::string> modelPath(cl::Positional, cl::Required,
                                      cl::desc("<model .onnx|.onnxtxt|.mlir>"),
                                      cl::cat(runCategory));

static cl::list<std::string> inputShapeOptions(
    "input-shape",
    cl::desc("NAME=DIMS: fix the dims of graph input NAME, e.g. "
             "input=1x3x224x224 (needed for symbolic dims)"),
    cl::value_desc("name=dims"), cl::cat(runCategory));

static cl::list<std::string> bindInputOptions(
    "bind-input",
    cl::desc("NAME=FILE: fold graph input NAME into a compile-time constant "
             "with the value in FILE (.npy or .pb); it leaves the model's "
             "inputs (for inputs that determine shapes)"),
    cl::value_desc("name=file"), cl::cat(runCategory));

static cl::list<std::string>
    inputPaths("input",
               cl::desc("a graph input (.npy or ONNX TensorProto .pb); once "
                        "per graph input, in order"),
               cl::value_desc("file"), cl::cat(runCategory));

static cl::list<std::string>
    outputPaths("output",
                cl::desc("write a graph output as .npy; once per graph "
                         "output, in order"),
                cl::value_desc("file.npy"), cl::cat(runCategory));

static cl::list<std::string> expectedPaths(
    "expected",
    cl::desc("the reference for a graph output (.npy or .pb); once per graph "
             "output, in order"),
    cl::value_desc("file"), cl::cat(runCategory));

static cl::opt<double>
    relativeTolerance("rtol",
                      cl::desc("relative tolerance of floating-point outputs: "
                               "|x - r| <= atol + rtol * |r|"),
                      cl::init(1e-3), cl::cat(runCategory));

static cl::opt<double>
    absoluteTolerance("atol",
                      cl::desc("absolute tolerance of floating-point outputs"),
                      cl::init(1e-5), cl::cat(runCategory));

static cl::opt<mote::OptimizationGoal> optimizationGoal(
    "optimize",
    cl::desc("What to favour where speed and memory pull apart, as in motec "
             "(default: the host's, speed)"),
    mote::optimizationGoalValues(),
    cl::cat(runCategory));

static cl::opt<unsigned> repeatCount(
    "repeat",
    cl::desc("after one warm-up call, time N calls of the entry point and "
             "print median_ms=... min_ms=... (compilation excluded)"),
    cl::init(0), cl::value_desc("N"), cl::cat(runCategory));

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// The symbol prefix of the compiled model (`model_run_v`).
static constexpr StringRef kModelName = "model";

static llvm::raw_ostream &error() {
  return llvm::WithColor::error(llvm::errs(), "mote-run");
}

/// Parses every `--input-shape NAME=DIMS`.
static llvm::LogicalResult parseInputShapes(mote::ImportOptions &options) {
  for (StringRef option : inputShapeOptions) {
    auto [name, dimsText] = option.rsplit('=');
    llvm::SmallVector<int64_t> dims;
    if (name.empty() || dimsText.empty() ||
        !mote::parseShapeText(dimsText, dims)) {
      error() << "malformed --input-shape '" << option
              << "': expected NAME=DIMS, e.g. input=1x3x224x224\n";
      return llvm::failure();
    }
    options.inputShapes[name] = std::move(dims);
  }
  return llvm::success();
}

/// Imports an ONNX model or parses mote IR, by extension.
static mlir::OwningOpRef<mlir::ModuleOp>
loadModel(mlir::MLIRContext &context, const mote::ImportOptions &options,
          llvm::SourceMgr &sourceMgr) {
  if (StringRef(modelPath).ends_with(".mlir")) {
    std::string message;
    std::unique_ptr<llvm::MemoryBuffer> file =
        mlir::openInputFile(modelPath, &message);
    if (!file) {
      error() << message << "\n";
      return nullptr;
    }
    sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
    return mlir::parseSourceFile<mlir::ModuleOp>(sourceMgr, &context);
  }
  return mote::importOnnxFile(modelPath, context, options);
}

/// Reads the tensor files `paths`, stopping at the first error.
static llvm::LogicalResult readTensors(llvm::ArrayRef<std::string> paths,
                                       std::vector<HostTensor> &tensors) {
  for (const std::string &path : paths) {
    llvm::Expected<HostTensor> tensor = readTensorFile(path);
    if (!tensor) {
      error() << llvm::toString(tensor.takeError()) << "\n";
      return llvm::failure();
    }
    tensors.push_back(std::move(*tensor));
  }
  return llvm::success();
}

/// Describes a tensor of the model's interface for messages: `'x' (1x3 f32)`.
static std::string describe(const mote::TensorInterface &port,
                            ElementType type) {
  return ("'" + port.onnxName + "' (" + formatShape(port.shape) + " " +
          getElementTypeName(type) + ")")
      .str();
}

/// Checks that `tensor`, read from `path` for the model tensor `port`
/// (`kind` is "input" or "output"), has its element type and shape.
static llvm::LogicalResult checkMatches(const HostTensor &tensor,
                                        StringRef path,
                                        const mote::TensorInterface &port,
                                        ElementType type, StringRef kind,
                                        StringRef option) {
  if (tensor.type != type) {
    error() << kind << " " << describe(port, type) << ": " << option << " '"
            << path << "' holds " << getElementTypeName(tensor.type)
            << " elements but the model's " << kind << " is "
            << getElementTypeName(type)
            << "; mote-run does not convert, save the file as "
            << getElementTypeName(type) << "\n";
    return llvm::failure();
  }
  if (llvm::ArrayRef<int64_t>(tensor.shape) != llvm::ArrayRef(port.shape)) {
    error() << kind << " " << describe(port, type) << ": " << option << " '"
            << path << "' has shape " << formatShape(tensor.shape)
            << " but the model's " << kind << " has shape "
            << formatShape(port.shape) << "\n";
    return llvm::failure();
  }
  return llvm::success();
}

/// Times `repeatCount` calls after the warm-up the caller already made.
static llvm::LogicalResult timeModel(HostModel &model) {
  std::vector<double> milliseconds;
  milliseconds.reserve(repeatCount);
  for (unsigned i = 0; i < repeatCount; ++i) {
    auto start = std::chrono::steady_clock::now();
    llvm::Error status = model.run();
    auto end = std::chrono::steady_clock::now();
    if (status) {
      error() << llvm::toString(std::move(status)) << "\n";
      return llvm::failure();
    }
    milliseconds.push_back(
        std::chrono::duration<double, std::milli>(end - start).count());
  }
  llvm::sort(milliseconds);
  size_t n = milliseconds.size();
  double median = n % 2 ? milliseconds[n / 2]
                        : (milliseconds[n / 2 - 1] + milliseconds[n / 2]) / 2;
  llvm::outs() << llvm::format("median_ms=%.6f min_ms=%.6f\n", median,
                               milliseconds.front());
  return llvm::success();
}

/// Compares output `index` with its reference and prints the verdict.
static bool reportComparison(unsigned index, const mote::TensorInterface &port,
                             const HostTensor &actual,
                             const HostTensor &expected,
                             const Tolerance &tolerance) {
  Comparison result = compareTensors(actual, expected, tolerance);
  llvm::raw_ostream &os = llvm::outs();
  os << "output " << index << " " << describe(port, actual.type) << ": ";
  bool floating = isFloatingPoint(actual.type);
  if (result.passed())
    os << "ok, " << result.numElements << " elements "
       << (floating ? "within" : "equal");
  else
    os << "FAILED, " << result.numMismatches << " of " << result.numElements
       << " elements " << (floating ? "outside" : "differ");
  if (floating)
    os << llvm::format(" atol=%g rtol=%g\n", tolerance.atol, tolerance.rtol);
  else
    os << " (compared exactly)\n";
  if (result.worstIndex >= 0) {
    os << "  worst element ";
    printIndex(os, actual.shape, result.worstIndex);
    os << ": got ";
    printElement(os, actual, result.worstIndex);
    os << " expected ";
    printElement(os, expected, result.worstIndex);
    os << "\n";
  }
  os << llvm::format("  max_abs_err=%g max_rel_err=%g\n", result.maxAbsError,
                     result.maxRelError);
  return result.passed();
}

//===----------------------------------------------------------------------===//
// Driver
//===----------------------------------------------------------------------===//

static int runTool() {
  mote::ImportOptions importOptions;
  if (llvm::failed(parseInputShapes(importOptions)))
    return 1;

  // Read every file first: a typo in a path should not cost a compilation.
  std::vector<HostTensor> inputs, expected;
  if (llvm::failed(readTensors(inputPaths, inputs)) ||
      llvm::failed(readTensors(expectedPaths, expected)))
    return 1;

  mlir::DialectRegistry registry;
  mote::registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  llvm::SourceMgr sourceMgr;
  mlir::SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);

  if (llvm::Error err = readBoundInputs(bindInputOptions, context,
                                        importOptions.boundInputs)) {
    error() << llvm::toString(std::move(err)) << "\n";
    return 1;
  }
  mlir::OwningOpRef<mlir::ModuleOp> module =
      loadModel(context, importOptions, sourceMgr);
  if (!module)
    return 1;
  mote::CompileOptions compileOptions;
  compileOptions.modelName = kModelName.str();
  if (optimizationGoal.getNumOccurrences())
    compileOptions.target.goal = optimizationGoal;
  llvm::FailureOr<mote::CompiledModel> compiled =
      mote::compileModule(*module, compileOptions);
  if (llvm::failed(compiled))
    return 1;

  // Check the files against the model's interface.
  llvm::SmallVector<ElementType> inputTypes, outputTypes;
  if (llvm::Error err =
          getElementTypes(compiled->inputs, "input", inputTypes)) {
    error() << llvm::toString(std::move(err)) << "\n";
    return 1;
  }
  if (llvm::Error err =
          getElementTypes(compiled->outputs, "output", outputTypes)) {
    error() << llvm::toString(std::move(err)) << "\n";
    return 1;
  }
  auto listNames = [](llvm::ArrayRef<mote::TensorInterface> ports) {
    std::string names;
    llvm::raw_string_ostream os(names);
    llvm::interleaveComma(ports, os, [&](const mote::TensorInterface &port) {
      os << "'" << port.onnxName << "'";
    });
    return names;
  };
  if (inputs.size() != compiled->inputs.size()) {
    error() << "the model has " << compiled->inputs.size() << " input(s) ("
            << listNames(compiled->inputs) << ") but " << inputs.size()
            << " --input file(s) were given; pass one --input per graph "
               "input, in order\n";
    return 1;
  }
  if (!expected.empty() && expected.size() != compiled->outputs.size()) {
    error() << "the model has " << compiled->outputs.size() << " output(s) ("
            << listNames(compiled->outputs) << ") but " << expected.size()
            << " --expected file(s) were given; pass one per graph output, "
               "in order\n";
    return 1;
  }
  if (!outputPaths.empty() && outputPaths.size() != compiled->outputs.size()) {
    error() << "the model has " << compiled->outputs.size() << " output(s) ("
            << listNames(compiled->outputs) << ") but " << outputPaths.size()
            << " --output file(s) were given; pass one per graph output, in "
               "order\n";
    return 1;
  }
  // The C API passes f16 and bf16 as uint16_t holding their bits: a
  // half-precision file fills such an input as is, and a half-precision
  // reference reads such an output as halves.
  auto isHalf = [](ElementType type) {
    return type == ElementType::F16 || type == ElementType::BF16;
  };
  for (auto [input, type] : llvm::zip(inputs, inputTypes))
    if (isHalf(input.type) && type == ElementType::U16)
      input.type = ElementType::U16;
  for (auto [reference, type] : llvm::zip(expected, outputTypes))
    if (isHalf(reference.type) && type == ElementType::U16)
      type = reference.type;
  for (auto [i, port] : llvm::enumerate(compiled->inputs))
    if (llvm::failed(checkMatches(inputs[i], inputPaths[i], port, inputTypes[i],
                                  "input", "--input")))
      return 1;
  for (auto [i, reference] : llvm::enumerate(expected))
    if (llvm::failed(checkMatches(reference, expectedPaths[i],
                                  compiled->outputs[i], outputTypes[i],
                                  "output", "--expected")))
      return 1;

  llvm::Expected<std::unique_ptr<HostModel>> model =
      HostModel::load(*compiled, kModelName);
  if (!model) {
    error() << llvm::toString(model.takeError()) << "\n";
    return 1;
  }

  // The first call is both the result and the warm-up of --repeat.
  (*model)->setInputs(inputs);
  if (llvm::Error err = (*model)->run()) {
    error() << llvm::toString(std::move(err)) << "\n";
    return 1;
  }
  std::vector<HostTensor> outputs = (*model)->getOutputs();
  for (auto [output, type] : llvm::zip(outputs, outputTypes))
    output.type = type;
  if (repeatCount > 0 && llvm::failed(timeModel(**model)))
    return 1;

  for (auto [output, path] : llvm::zip(outputs, outputPaths)) {
    if (llvm::Error err = writeNpyFile(path, output)) {
      error() << llvm::toString(std::move(err)) << "\n";
      return 1;
    }
  }

  Tolerance tolerance{absoluteTolerance, relativeTolerance};
  unsigned failures = 0;
  for (auto [i, reference] : llvm::enumerate(expected))
    if (!reportComparison(i, compiled->outputs[i], outputs[i], reference,
                          tolerance))
      ++failures;
  if (failures) {
    llvm::outs() << "FAIL: " << failures << " of " << expected.size()
                 << " output(s) differ from the reference\n";
    return 1;
  }
  if (!expected.empty())
    llvm::outs() << "PASS: " << expected.size()
                 << " output(s) match the reference\n";
  return 0;
}

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  cl::HideUnrelatedOptions(runCategory);
  cl::ParseCommandLineOptions(
      argc, argv,
      "mote-run: compile a model for the host, run it on the given inputs "
      "and compare its outputs with references\n\n"
      "Options can also come from a response file: mote-run @FILE\n");
  return runTool();
}
