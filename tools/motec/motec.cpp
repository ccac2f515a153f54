//===- motec.cpp - the mote model compiler driver -------------------------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// motec MODEL(.onnx|.onnxtxt|.mlir) -o model.o [--header=model.h] ...
//
// Reads a model, compiles it with the MoteCompiler library and writes the
// requested stage. Outputs are written atomically and only after the whole
// compilation succeeded, so a failed run leaves no files behind.
//
//===----------------------------------------------------------------------===//

#include "mote/Compiler/Compiler.h"
#include "mote/Compiler/Registration.h"
#include "mote/Import/OnnxImporter.h"
#include "mote/Runner/HostTensor.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

using namespace llvm;

namespace {
cl::OptionCategory motecCategory("motec options");

cl::opt<std::string> inputFilename(cl::Positional, cl::Required,
                                   cl::desc("<model .onnx|.onnxtxt|.mlir>"),
                                   cl::cat(motecCategory));
cl::opt<std::string>
    outputFilename("o", cl::value_desc("path"),
                   cl::desc("Output file ('-' for stdout); default: the "
                            "model's stem with .o/.s/.ll/.mlir"),
                   cl::cat(motecCategory));
cl::opt<std::string>
    headerFilename("header", cl::value_desc("path"),
                   cl::desc("C header to write (default: the output path "
                            "with .h; none when writing to stdout)"),
                   cl::cat(motecCategory));
cl::opt<std::string>
    modelName("name", cl::value_desc("identifier"),
              cl::desc("Prefix of the exported symbols and macros "
                       "(default: the model file's stem as a C identifier)"),
              cl::cat(motecCategory));
cl::opt<std::string>
    targetTriple("target", cl::value_desc("triple"),
                 cl::desc("Target triple, e.g. aarch64-linux-gnu or "
                          "thumbv7em-none-eabihf (default: the host)"),
                 cl::cat(motecCategory));
cl::opt<std::string> targetCpu("mcpu", cl::value_desc("cpu"),
                               cl::desc("Target CPU, e.g. cortex-m4 "
                                        "(default: the host's CPU for the "
                                        "host, generic otherwise)"),
                               cl::cat(motecCategory));
cl::opt<std::string> targetFeatures("mattr", cl::value_desc("+a,-b"),
                                    cl::desc("Target features"),
                                    cl::cat(motecCategory));
cl::opt<mote::OptimizationGoal> optimizationGoal(
    "optimize",
    cl::desc("What to favour where speed and memory pull apart (default: "
             "size on M-profile Arm cores, speed elsewhere)"),
    mote::optimizationGoalValues(),
    cl::cat(motecCategory));
cl::opt<uint64_t> maxArenaBytes(
    "max-arena", cl::value_desc("bytes"),
    cl::desc("Fails the compile when the model needs a larger arena, with "
             "the achieved size, its lower bound and the layer at the peak"),
    cl::cat(motecCategory));
cl::opt<bool> arenaCheck(
    "arena-check",
    cl::desc("Debug mode: surrounds every arena buffer with guard zones and "
             "makes <name>_run return MOTE_STATUS_ARENA_CORRUPTED when an op "
             "wrote into one (costs time and arena bytes)"),
    cl::cat(motecCategory));
cl::opt<bool> ioInArena(
    "io-in-arena",
    cl::desc("Places the input and output tensors inside the arena (offsets "
             "and accessors in the header) for the smallest total RAM; "
             "<name>_run then takes only the arena"),
    cl::cat(motecCategory));
cl::opt<mote::WeightsPlacement> weightsPlacement(
    "weights", cl::desc("Where the weights go"),
    cl::init(mote::WeightsPlacement::Internal),
    cl::values(clEnumValN(mote::WeightsPlacement::Internal, "internal",
                          "constant data in the object (default)"),
               clEnumValN(mote::WeightsPlacement::External, "external",
                          "a separate blob <name>_weights.bin next to the "
                          "object, whose address <name>_run takes")),
    cl::cat(motecCategory));
cl::opt<std::string> weightsSection(
    "weights-section", cl::value_desc("name"),
    cl::desc("Object-file section for the weights, e.g. .rodata.nn "
             "(default: .rodata; ELF targets)"),
    cl::cat(motecCategory));
cl::list<std::string>
    inputShapes("input-shape", cl::value_desc("NAME=1x3x224x224"),
                cl::desc("Fixes the shape of a graph input (repeatable)"),
                cl::cat(motecCategory));
cl::list<std::string> bindInputs(
    "bind-input", cl::value_desc("NAME=FILE"),
    cl::desc("Folds graph input NAME into a compile-time constant with the "
             "value in FILE (.npy or ONNX TensorProto .pb); the input leaves "
             "the generated API (repeatable)"),
    cl::cat(motecCategory));
cl::opt<std::string> reportFilename(
    "report", cl::ValueOptional, cl::value_desc("path"),
    cl::desc("Also writes a report: per layer the op, ONNX node, output "
             "shape, MACs, weight bytes and arena placement; in total flash, "
             "RAM and stack (to stdout when no path is given)"),
    cl::cat(motecCategory));
cl::opt<mote::ReportFormat> reportFormat(
    "report-format", cl::desc("Format of --report"),
    cl::init(mote::ReportFormat::Text),
    cl::values(clEnumValN(mote::ReportFormat::Text, "text", "a table"),
               clEnumValN(mote::ReportFormat::JSON, "json", "JSON")),
    cl::cat(motecCategory));
cl::opt<bool> timeReport(
    "time-report",
    cl::desc("Prints to stderr where the compile's time went: ONNX import, "
             "each MLIR pass, translation to LLVM IR, LLVM optimization and "
             "LLVM code generation (the same as --mlir-timing)"),
    cl::cat(motecCategory));
cl::opt<mote::EmitStage> emitStage(
    "emit", cl::desc("What to write"), cl::init(mote::EmitStage::Object),
    cl::values(
        clEnumValN(mote::EmitStage::Mote, "mote",
                   "the imported mote IR after canonicalization"),
        clEnumValN(mote::EmitStage::Linalg, "linalg", "linalg on tensors"),
        clEnumValN(mote::EmitStage::LLVMDialect, "llvm-dialect",
                   "the MLIR LLVM dialect with entry points"),
        clEnumValN(mote::EmitStage::LLVMIR, "llvm-ir", "optimized LLVM IR"),
        clEnumValN(mote::EmitStage::Assembly, "asm", "assembly"),
        clEnumValN(mote::EmitStage::Object, "obj", "object file (default)")),
    cl::cat(motecCategory));

/// The default output suffix of each stage.
StringRef getDefaultExtension(mote::EmitStage stage) {
  switch (stage) {
  case mote::EmitStage::Mote:
  case mote::EmitStage::Linalg:
  case mote::EmitStage::LLVMDialect:
    return ".mlir";
  case mote::EmitStage::LLVMIR:
    return ".ll";
  case mote::EmitStage::Assembly:
    return ".s";
  case mote::EmitStage::Object:
    return ".o";
  }
  return ".o";
}

bool isCIdentifier(StringRef name) {
  return !name.empty() && !isDigit(name.front()) &&
         llvm::all_of(name, [](char c) { return isAlnum(c) || c == '_'; });
}

/// Writes `contents` to `path` through a temporary file and a rename.
LogicalResult writeFile(StringRef path, StringRef contents) {
  StringRef directory = sys::path::parent_path(path);
  if (path != "-" && !directory.empty())
    if (std::error_code ec = sys::fs::create_directories(directory)) {
      errs() << "motec: error: cannot create directory '" << directory
             << "': " << ec.message() << "\n";
      return failure();
    }
  Error error = writeToOutput(path, [&](raw_ostream &os) {
    os << contents;
    return Error::success();
  });
  if (error) {
    errs() << "motec: error: cannot write '" << path
           << "': " << toString(std::move(error)) << "\n";
    return failure();
  }
  return success();
}

mlir::OwningOpRef<mlir::ModuleOp> loadModel(mlir::MLIRContext &context,
                                            SourceMgr &sourceMgr) {
  StringRef extension = sys::path::extension(inputFilename);
  if (extension == ".mlir") {
    if (!inputShapes.empty())
      errs() << "motec: warning: --input-shape is ignored for .mlir input\n";
    if (!bindInputs.empty())
      errs() << "motec: warning: --bind-input is ignored for .mlir input\n";
    std::string error;
    auto file = mlir::openInputFile(inputFilename, &error);
    if (!file) {
      errs() << "motec: error: " << error << "\n";
      return nullptr;
    }
    sourceMgr.AddNewSourceBuffer(std::move(file), SMLoc());
    return mlir::parseSourceFile<mlir::ModuleOp>(sourceMgr, &context);
  }
  if (extension == ".onnx" || extension == ".onnxtxt") {
    mote::ImportOptions options;
    for (StringRef spec : inputShapes) {
      auto [name, shapeText] = spec.split('=');
      SmallVector<int64_t> dims;
      if (name.empty() || !mote::parseShapeText(shapeText, dims)) {
        errs() << "motec: error: malformed --input-shape '" << spec
               << "'; expected NAME=DIMxDIMx..., e.g. input=1x3x224x224\n";
        return nullptr;
      }
      options.inputShapes[name] = dims;
    }
    if (Error error = mote::run::readBoundInputs(bindInputs, context,
                                                 options.boundInputs)) {
      errs() << "motec: error: " << toString(std::move(error)) << "\n";
      return nullptr;
    }
    return mote::importOnnxFile(inputFilename, context, options);
  }
  errs() << "motec: error: unknown model file type '" << extension << "' for '"
         << inputFilename << "'; expected .onnx, .onnxtxt or .mlir\n";
  return nullptr;
}
} // namespace

int main(int argc, char **argv) {
  InitLLVM initLLVM(argc, argv);
  // Pass names must be registered before the pass-manager options, whose
  // --mlir-print-ir-after=<pass> parser lists them when it is created.
  mote::registerAllPasses();
  mlir::registerPassManagerCLOptions();
  mlir::registerMLIRContextCLOptions();
  mlir::registerAsmPrinterCLOptions();
  mlir::registerDefaultTimingManagerCLOptions();
  // --help lists motec's own options; the MLIR and LLVM ones still work and
  // show in --help-hidden.
  cl::HideUnrelatedOptions(motecCategory);
  cl::ParseCommandLineOptions(
      argc, argv,
      "mote model compiler: ONNX (or mote MLIR) to an object file and a C "
      "header\n\nAlso accepts MLIR's pass-manager options such as "
      "--mlir-print-ir-after-all and --mlir-timing (see --help-hidden).\n");

  std::string name = modelName;
  if (name.empty())
    name = mote::makeCIdentifier(sys::path::stem(inputFilename));
  else if (!isCIdentifier(name)) {
    errs() << "motec: error: --name='" << name
           << "' is not a C identifier (letters, digits and '_', not "
              "starting with a digit)\n";
    return 1;
  }
  std::string output = outputFilename;
  if (output.empty())
    output =
        (sys::path::stem(inputFilename) + getDefaultExtension(emitStage)).str();

  if (!headerFilename.empty() && emitStage != mote::EmitStage::Object &&
      emitStage != mote::EmitStage::Assembly) {
    errs() << "motec: error: --header needs --emit=obj or --emit=asm\n";
    return 1;
  }

  bool externalWeights =
      weightsPlacement == mote::WeightsPlacement::External;
  if (externalWeights && !weightsSection.empty()) {
    errs() << "motec: error: --weights-section places weights in the object; "
              "--weights=external moves them out of it (choose one)\n";
    return 1;
  }
  if (externalWeights && (emitStage == mote::EmitStage::Object ||
                          emitStage == mote::EmitStage::Assembly) &&
      output == "-") {
    errs() << "motec: error: --weights=external writes <name>_weights.bin "
              "next to the output; give -o FILE instead of -o -\n";
    return 1;
  }
  // The tensors' arena offsets exist only in the header, which -o - alone
  // does not write: the object would be unusable.
  if (ioInArena &&
      (emitStage == mote::EmitStage::Object ||
       emitStage == mote::EmitStage::Assembly) &&
      output == "-" && headerFilename.empty()) {
    errs() << "motec: error: --io-in-arena puts the inputs' and outputs' "
              "arena offsets in the header, which -o - does not write; give "
              "--header=PATH or -o FILE\n";
    return 1;
  }

  // A bad target is reported before any work is done.
  bool wantReport = reportFilename.getNumOccurrences() > 0;
  if (wantReport && emitStage != mote::EmitStage::Object) {
    errs() << "motec: error: --report needs --emit=obj (it reads the object "
              "file's sections)\n";
    return 1;
  }
  if (wantReport && reportFilename.empty() && outputFilename == "-") {
    errs() << "motec: error: --report without a path writes to stdout, "
              "which -o - already uses; give --report=FILE\n";
    return 1;
  }
  mote::TargetOptions target{targetTriple, targetCpu, targetFeatures};
  target.emitStackSizes = wantReport;
  if (optimizationGoal.getNumOccurrences())
    target.goal = optimizationGoal;
  target.maxArenaBytes = maxArenaBytes;
  target.arenaCheck = arenaCheck;
  target.ioInArena = ioInArena;
  if (emitStage != mote::EmitStage::Mote &&
      emitStage != mote::EmitStage::Linalg) {
    std::string error;
    if (!mote::createTargetMachine(target, error)) {
      errs() << "motec: error: " << error << "\n";
      return 1;
    }
  }

  // One timing tree for the whole compile; --mlir-timing and --time-report
  // both enable it, and it prints when motec returns.
  mlir::DefaultTimingManager timingManager;
  mlir::applyDefaultTimingManagerCLOptions(timingManager);
  if (timeReport)
    timingManager.setEnabled(true);
  mlir::TimingScope rootTimer = timingManager.getRootScope();

  mlir::DialectRegistry registry;
  mote::registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();
  // Diagnostics carry the ONNX node name; a dump of the whole module after
  // each error would bury it.
  context.printOpOnDiagnostic(false);
  SourceMgr sourceMgr;
  mlir::SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);

  mlir::TimingScope importTimer = rootTimer.nest("model import");
  mlir::OwningOpRef<mlir::ModuleOp> module = loadModel(context, sourceMgr);
  if (!module)
    return 1;
  importTimer.stop();

  mote::CompileOptions options;
  options.modelName = name;
  options.target = target;
  options.weights = weightsPlacement;
  options.weightsSection = weightsSection;
  options.configurePassManager = [](mlir::PassManager &pm) {
    return mlir::applyPassManagerCLOptions(pm);
  };
  if (timingManager.isEnabled())
    options.timing = &rootTimer;

  std::string text;
  std::string header;
  std::string reportText;
  std::optional<std::string> weightsBlob;
  switch (emitStage) {
  case mote::EmitStage::Mote:
  case mote::EmitStage::Linalg:
  case mote::EmitStage::LLVMDialect: {
    if (failed(mote::lowerModule(*module, emitStage, options)))
      return 1;
    raw_string_ostream os(text);
    module->print(os);
    break;
  }
  case mote::EmitStage::LLVMIR: {
    if (failed(
            mote::lowerModule(*module, mote::EmitStage::LLVMDialect, options)))
      return 1;
    FailureOr<std::string> ir =
        mote::emitCode(*module, mote::EmitStage::LLVMIR, options);
    if (failed(ir))
      return 1;
    text = std::move(*ir);
    break;
  }
  case mote::EmitStage::Assembly:
  case mote::EmitStage::Object: {
    options.codeKind = emitStage;
    // The report analyses a copy: compileModule lowers the module in place.
    std::optional<mote::ModelReport> report;
    if (wantReport) {
      mlir::OwningOpRef<mlir::ModuleOp> copy = module->clone();
      FailureOr<mote::ModelReport> analyzed =
          mote::analyzeModelForReport(*copy, options);
      if (failed(analyzed))
        return 1;
      report = std::move(*analyzed);
    }
    FailureOr<mote::CompiledModel> compiled =
        mote::compileModule(*module, options);
    if (failed(compiled))
      return 1;
    if (report) {
      mote::addObjectToReport(*report, *compiled);
      raw_string_ostream os(reportText);
      mote::writeReport(*report, os, reportFormat);
    }
    text = std::move(compiled->object);
    header = std::move(compiled->header);
    weightsBlob = std::move(compiled->weightsBlob);
    break;
  }
  }

  std::string headerPath = headerFilename;
  if (headerPath.empty() && !header.empty() && output != "-") {
    SmallString<128> path(output);
    sys::path::replace_extension(path, ".h");
    headerPath = path.str().str();
  }
  if (failed(writeFile(output, text)))
    return 1;
  if (weightsBlob) {
    SmallString<128> blobPath = sys::path::parent_path(output);
    sys::path::append(blobPath, name + "_weights.bin");
    if (failed(writeFile(blobPath, *weightsBlob))) {
      sys::fs::remove(output);
      return 1;
    }
  }
  if (!headerPath.empty() && failed(writeFile(headerPath, header))) {
    if (output != "-")
      sys::fs::remove(output);
    return 1;
  }
  if (wantReport) {
    if (reportFilename.empty())
      outs() << reportText;
    else if (failed(writeFile(reportFilename, reportText)))
      return 1;
  }
  return 0;
}
