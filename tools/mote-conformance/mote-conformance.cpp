//===- mote-conformance.cpp - run ONNX's backend tests against mote -------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// mote-conformance SUITE_DIR... [--expectations=FILE] [-j N]
//
// Runs ONNX's backend test data (Debian's libonnx-testdata: one directory per
// test with `model.onnx` and `test_data_set_N/{input,output}_K.pb`) through
// mote: import, compile for the host in-process, link, load, run every data
// set and compare with ONNX's rule (rtol 1e-3, atol 1e-7, NaN equals NaN,
// integers and bools exactly).
//
// Each test runs in a forked child, so that a crash or a hang in the compiler
// is a recorded result (`crash`) instead of the end of the run, while the
// parent keeps MLIR and LLVM loaded once. The parent runs -j children at a
// time and kills a child that exceeds --timeout.
//
// Statuses: pass; pass-bound (passes once the graph inputs that feed shape
// operands are folded into constants, as `--bind-input` does); fail (wrong
// numbers); unsupported (a clean mote diagnostic); crash (signal, fatal
// error or timeout: always a bug); out-of-scope (training, sequence,
// optional, string, ai.onnx.ml and random ops, opsets below 6).
//
// With --expectations the run fails on a regression (an expected pass that
// no longer passes), on any crash and on an unexpected pass; the latter
// prints the command that rewrites the file (--update-expectations).
//
//===----------------------------------------------------------------------===//

#include "mote/Compiler/Compiler.h"
#include "mote/Compiler/Registration.h"
#include "mote/Import/OnnxImporter.h"
#include "mote/Runner/HostModel.h"
#include "mote/Runner/HostTensor.h"
#include "mote/Runner/TensorCompare.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include "onnx/onnx_pb.h"

#include <cerrno>
#include <chrono>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <deque>
#include <map>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace mote::run;
namespace cl = llvm::cl;
using llvm::StringRef;

//===----------------------------------------------------------------------===//
// Command line
//===----------------------------------------------------------------------===//

static cl::OptionCategory conformanceCategory("mote-conformance options");

static cl::list<std::string>
    suiteDirs(cl::Positional, cl::OneOrMore,
              cl::desc("<suite directory (holds one directory per test)>..."),
              cl::cat(conformanceCategory));

static cl::opt<std::string> expectationsPath(
    "expectations",
    cl::desc("the expected status of every test, one `<suite>/<test> "
             "<status>` per line; the run fails on a regression, a crash or "
             "an unexpected pass"),
    cl::value_desc("file"), cl::cat(conformanceCategory));

static cl::opt<bool> updateExpectations(
    "update-expectations",
    cl::desc("rewrite the --expectations file with this run's statuses"),
    cl::cat(conformanceCategory));

static cl::opt<unsigned> jobCount("j", cl::desc("tests run in parallel"),
                                  cl::init(2), cl::value_desc("N"),
                                  cl::cat(conformanceCategory));

static cl::opt<unsigned>
    timeoutSeconds("timeout",
                   cl::desc("seconds one test may take before it is killed "
                            "and counted as a crash"),
                   cl::init(20), cl::value_desc("seconds"),
                   cl::cat(conformanceCategory));

static cl::opt<std::string>
    testFilter("filter",
               cl::desc("run only the tests whose `<suite>/<test>` name "
                        "contains this text"),
               cl::value_desc("text"), cl::cat(conformanceCategory));

static cl::opt<std::string> reportPath(
    "report",
    cl::desc("write every test's status, op and reason as tab-separated "
             "lines (for finding what to support next)"),
    cl::value_desc("file"), cl::cat(conformanceCategory));

static cl::opt<bool> verbose("v",
                             cl::desc("print every test's status and reason"),
                             cl::cat(conformanceCategory));

static llvm::raw_ostream &error() {
  return llvm::WithColor::error(llvm::errs(), "mote-conformance");
}

//===----------------------------------------------------------------------===//
// Statuses
//===----------------------------------------------------------------------===//

namespace {
enum class Status { Pass, PassBound, Fail, Unsupported, Crash, OutOfScope };
} // namespace

static constexpr Status kAllStatuses[] = {Status::Pass,  Status::PassBound,
                                          Status::Fail,  Status::Unsupported,
                                          Status::Crash, Status::OutOfScope};

static StringRef getStatusName(Status status) {
  switch (status) {
  case Status::Pass:
    return "pass";
  case Status::PassBound:
    return "pass-bound";
  case Status::Fail:
    return "fail";
  case Status::Unsupported:
    return "unsupported";
  case Status::Crash:
    return "crash";
  case Status::OutOfScope:
    return "out-of-scope";
  }
  return "crash";
}

static std::optional<Status> parseStatus(StringRef name) {
  for (Status status : kAllStatuses)
    if (getStatusName(status) == name)
      return status;
  return std::nullopt;
}

static bool isPassing(Status status) {
  return status == Status::Pass || status == Status::PassBound;
}

//===----------------------------------------------------------------------===//
// Tests and their scope
//===----------------------------------------------------------------------===//

namespace {
/// One test directory.
struct TestCase {
  std::string suite;     ///< the suite directory's name, e.g. "node"
  std::string name;      ///< the test directory's name, e.g. "test_add"
  std::string directory; ///< full path
  std::string opGroup;   ///< the op the summary counts it under
  std::vector<std::string> dataSets; ///< test_data_set_N paths, by N
  onnx::ModelProto model;

  std::string getId() const { return suite + "/" + name; }
};

/// What a test run found.
struct TestResult {
  Status status = Status::Crash;
  std::string reason;
  double seconds = 0;
};
} // namespace

/// Ops out of scope: training, randomness, sequences, optionals, strings.
static bool isOutOfScopeOp(StringRef opType) {
  static const llvm::StringSet<> ops = {
      // Training.
      "Adagrad", "Adam", "Momentum", "Gradient",
      // Random numbers: no reference values to compare with.
      "RandomNormal", "RandomNormalLike", "RandomUniform", "RandomUniformLike",
      "Bernoulli", "Multinomial",
      // Sequences and optionals.
      "SequenceAt", "SequenceConstruct", "SequenceEmpty", "SequenceErase",
      "SequenceInsert", "SequenceLength", "SequenceMap", "SplitToSequence",
      "ConcatFromSequence", "Optional", "OptionalGetElement",
      "OptionalHasElement",
      // Strings.
      "StringNormalizer", "RegexFullMatch", "StringConcat", "StringSplit"};
  return ops.contains(opType);
}

/// Whether `type` is (or holds) a sequence, an optional, a map or a string.
static bool isOutOfScopeType(const onnx::TypeProto &type) {
  if (type.has_sequence_type() || type.has_optional_type() ||
      type.has_map_type())
    return true;
  return type.has_tensor_type() &&
         type.tensor_type().elem_type() == onnx::TensorProto::STRING;
}

/// Calls `callback` on every node of `graph` and of its subgraphs.
static void walkNodes(const onnx::GraphProto &graph,
                      llvm::function_ref<void(const onnx::NodeProto &)> fn) {
  for (const onnx::NodeProto &node : graph.node()) {
    fn(node);
    for (const onnx::AttributeProto &attr : node.attribute()) {
      if (attr.has_g())
        walkNodes(attr.g(), fn);
      for (const onnx::GraphProto &sub : attr.graphs())
        walkNodes(sub, fn);
    }
  }
}

/// The reason `model` is out of scope, or an empty string.
static std::string getOutOfScopeReason(const onnx::ModelProto &model) {
  int64_t opset = -1;
  for (const onnx::OperatorSetIdProto &id : model.opset_import()) {
    if (id.domain().empty() || id.domain() == "ai.onnx")
      opset = std::max<int64_t>(opset, id.version());
    else if (id.domain() == "ai.onnx.ml")
      return "uses the ai.onnx.ml domain";
    else if (id.domain() == "ai.onnx.preview.training")
      return "uses the training domain";
  }
  if (opset >= 0 && opset < 6)
    return "opset " + std::to_string(opset) + " is below 6";
  const onnx::GraphProto &graph = model.graph();
  for (const auto *infos : {&graph.input(), &graph.output()})
    for (const onnx::ValueInfoProto &info : *infos)
      if (isOutOfScopeType(info.type()))
        return "graph tensor '" + info.name() +
               "' is a sequence, optional, map or string";
  std::string reason;
  walkNodes(graph, [&](const onnx::NodeProto &node) {
    if (!reason.empty())
      return;
    if (node.domain() == "ai.onnx.ml" ||
        node.domain() == "ai.onnx.preview.training")
      reason = "node in domain " + node.domain();
    else if (isOutOfScopeOp(node.op_type()))
      reason = "op " + node.op_type() + " is out of scope";
    else if (node.op_type() == "Cast" || node.op_type() == "CastLike")
      for (const onnx::AttributeProto &attr : node.attribute())
        if (attr.name() == "to" && attr.i() == onnx::TensorProto::STRING)
          reason = "Cast to string";
  });
  return reason;
}

/// `MaxPool` -> `max_pool`, as the backend tests name their directories.
static std::string toSnakeCase(StringRef opType) {
  std::string result;
  for (size_t i = 0; i < opType.size(); ++i) {
    char c = opType[i];
    bool upper = llvm::isUpper(c);
    bool previousLower = i > 0 && !llvm::isUpper(opType[i - 1]);
    bool nextLower = i + 1 < opType.size() && llvm::isLower(opType[i + 1]);
    if (upper && i > 0 && (previousLower || nextLower))
      result += '_';
    result += llvm::toLower(c);
  }
  return result;
}

/// The op a test is counted under: for ONNX's node tests the op the test is
/// named after (`test_max_pool_2d` -> MaxPool, also for the `_expanded`
/// variants built from other ops); otherwise the model's only op, or the
/// suite.
static std::string getOpGroup(const TestCase &test) {
  llvm::StringSet<> opTypes;
  walkNodes(test.model.graph(), [&](const onnx::NodeProto &node) {
    if (node.op_type() != "Constant")
      opTypes.insert(node.op_type());
  });
  if (test.suite == "node") {
    StringRef stem = StringRef(test.name).drop_front(strlen("test_"));
    std::string best;
    size_t bestLength = 0;
    for (const auto &entry : opTypes) {
      std::string snake = toSnakeCase(entry.getKey());
      if ((stem == snake || stem.starts_with(snake + "_")) &&
          snake.size() > bestLength) {
        best = entry.getKey().str();
        bestLength = snake.size();
      }
    }
    if (!best.empty())
      return best;
  }
  if (opTypes.size() == 1)
    return opTypes.begin()->getKey().str();
  if (test.model.graph().node_size() == 1)
    return test.model.graph().node(0).op_type();
  return "(" + test.suite + " models)";
}

/// Lists the test directories of `suiteDir` with their data sets, sorted.
static llvm::LogicalResult collectTests(StringRef suiteDir,
                                        std::vector<TestCase> &tests) {
  std::string suite = llvm::sys::path::filename(
                          llvm::sys::path::remove_leading_dotslash(suiteDir))
                          .str();
  if (suite.empty() || suite == "." || suite == "/")
    suite = suiteDir.str();
  std::vector<std::string> directories;
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(suiteDir, ec), end;
       it != end && !ec; it.increment(ec))
    if (llvm::sys::fs::exists(it->path() + "/model.onnx"))
      directories.push_back(it->path());
  if (ec) {
    error() << "cannot list '" << suiteDir << "': " << ec.message() << "\n";
    return llvm::failure();
  }
  if (directories.empty()) {
    error() << "'" << suiteDir
            << "' holds no test directories (<test>/model.onnx); pass suite "
               "directories such as /usr/share/libonnx-testdata/data/node\n";
    return llvm::failure();
  }
  llvm::sort(directories);
  for (const std::string &directory : directories) {
    TestCase test;
    test.suite = suite;
    test.name = llvm::sys::path::filename(directory).str();
    test.directory = directory;
    if (!testFilter.empty() &&
        !StringRef(test.getId()).contains(StringRef(testFilter)))
      continue;
    std::vector<std::pair<unsigned, std::string>> sets;
    for (llvm::sys::fs::directory_iterator it(directory, ec), end;
         it != end && !ec; it.increment(ec)) {
      StringRef base = llvm::sys::path::filename(it->path());
      unsigned index;
      if (base.consume_front("test_data_set_") && !base.getAsInteger(10, index))
        sets.emplace_back(index, it->path());
    }
    llvm::sort(sets);
    for (auto &set : sets)
      test.dataSets.push_back(std::move(set.second));
    tests.push_back(std::move(test));
  }
  return llvm::success();
}

/// Reads `model.onnx` into `test.model`; false if protobuf cannot parse it.
static bool readModel(TestCase &test) {
  auto buffer = llvm::MemoryBuffer::getFile(test.directory + "/model.onnx",
                                            /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer || (*buffer)->getBufferSize() > static_cast<size_t>(INT_MAX))
    return false;
  return test.model.ParseFromArray(
      (*buffer)->getBufferStart(),
      static_cast<int>((*buffer)->getBufferSize()));
}

//===----------------------------------------------------------------------===//
// Shape-determining inputs
//===----------------------------------------------------------------------===//

/// The operand indices of `opType` that mote needs as compile-time
/// constants: shapes, axes, pads, sizes, counts and bounds.
static llvm::ArrayRef<int> getConstantOperands(StringRef opType) {
  static const std::map<std::string, std::vector<int>, std::less<>> table = {
      {"Reshape", {1}},
      {"Expand", {1}},
      {"Tile", {1}},
      {"ConstantOfShape", {0}},
      {"Slice", {1, 2, 3, 4}},
      {"Pad", {1, 2, 3}},
      {"Resize", {1, 2, 3}},
      {"Upsample", {1}},
      {"Unsqueeze", {1}},
      {"Squeeze", {1}},
      {"Split", {1}},
      {"TopK", {1}},
      {"OneHot", {1}},
      {"Range", {0, 1, 2}},
      {"Clip", {1, 2}},
      {"CumSum", {1}},
      {"Trilu", {1}},
      {"Dropout", {1, 2}},
      {"Compress", {1}},
      // Their output shapes depend on the values of these inputs.
      {"NonZero", {0}},
      {"Unique", {0}},
      {"CenterCropPad", {1}},
      {"MaxUnpool", {2}},
      {"NonMaxSuppression", {2, 3, 4}},
      {"ReduceSum", {1}},
      {"ReduceMean", {1}},
      {"ReduceMax", {1}},
      {"ReduceMin", {1}},
      {"ReduceProd", {1}},
      {"ReduceL1", {1}},
      {"ReduceL2", {1}},
      {"ReduceLogSum", {1}},
      {"ReduceLogSumExp", {1}},
      {"ReduceSumSquare", {1}},
      {"BlackmanWindow", {0}},
      {"HannWindow", {0}},
      {"HammingWindow", {0}},
      {"DFT", {1}},
      {"STFT", {1, 3}},
      {"MelWeightMatrix", {0, 1, 2, 3, 4}},
      {"Col2Im", {1, 2}},
  };
  auto it = table.find(opType);
  if (it == table.end())
    return {};
  return it->second;
}

/// The graph inputs whose values reach a constant operand of some node
/// (directly or through other nodes, e.g. Shape -> Gather -> Reshape): the
/// inputs `pass-bound` folds into constants. Data inputs stay inputs.
static llvm::StringSet<> getShapeDeterminingInputs(const TestCase &test) {
  const onnx::GraphProto &graph = test.model.graph();
  llvm::StringMap<const onnx::NodeProto *> producers;
  for (const onnx::NodeProto &node : graph.node())
    for (const std::string &output : node.output())
      producers[output] = &node;
  llvm::StringSet<> graphInputs;
  for (const onnx::ValueInfoProto &input : graph.input())
    graphInputs.insert(input.name());
  for (const onnx::TensorProto &init : graph.initializer())
    graphInputs.erase(init.name());

  llvm::StringSet<> visited, result;
  std::vector<std::string> worklist;
  for (const onnx::NodeProto &node : graph.node())
    for (int index : getConstantOperands(node.op_type()))
      if (index < node.input_size() && !node.input(index).empty())
        worklist.push_back(node.input(index));
  while (!worklist.empty()) {
    std::string value = worklist.back();
    worklist.pop_back();
    if (!visited.insert(value).second)
      continue;
    if (graphInputs.contains(value))
      result.insert(value);
    const onnx::NodeProto *producer = producers.lookup(value);
    // Shape and Size read only the static shape of their input, never its
    // values: its producers need not be constants.
    if (!producer || producer->op_type() == "Shape" ||
        producer->op_type() == "Size")
      continue;
    for (const std::string &input : producer->input())
      if (!input.empty())
        worklist.push_back(input);
  }
  return result;
}

//===----------------------------------------------------------------------===//
// One test, in the child process
//===----------------------------------------------------------------------===//

namespace {
/// The tensors of one test_data_set_N directory.
struct DataSet {
  std::vector<HostTensor> inputs, outputs;
};

/// Runs one test; lives in the forked child.
class TestRunner {
public:
  TestRunner(const TestCase &test, mlir::DialectRegistry &registry)
      : test(test), context(registry, mlir::MLIRContext::Threading::DISABLED),
        handler(&context, [this](mlir::Diagnostic &diag) {
          if (diag.getSeverity() == mlir::DiagnosticSeverity::Error)
            diagnostics.push_back(diag.str());
          return mlir::success();
        }) {
    context.printOpOnDiagnostic(false);
  }

  TestResult run();

private:
  /// Reads the data sets; an error means the runner cannot read the data.
  llvm::Error readDataSets();
  /// Imports with the given bound inputs and compiles; on failure returns
  /// null with the diagnostics in `diagnostics`.
  std::unique_ptr<HostModel>
  compile(const llvm::StringMap<mlir::ElementsAttr> &bound,
          mote::CompiledModel &compiled);
  /// Runs `model` on `data` and compares; sets `reason` on a mismatch.
  /// Returns the status (Pass, Fail or Unsupported).
  Status runDataSet(HostModel &model, const mote::CompiledModel &compiled,
                    const DataSet &data, std::string &reason);
  TestResult unsupported() {
    std::string first = diagnostics.empty()
                            ? std::string("compilation failed without a "
                                          "diagnostic")
                            : diagnostics.front();
    return {Status::Unsupported, StringRef(first).split('\n').first.str()};
  }

  const TestCase &test;
  mlir::MLIRContext context;
  mlir::ScopedDiagnosticHandler handler;
  std::vector<std::string> diagnostics;
  std::vector<std::string> graphInputs; ///< non-initializer inputs, in order
  /// Graph inputs whose values nothing reads: unused, or only CastLike's
  /// `target_type`, which supplies an element type.
  llvm::StringSet<> typeOnlyInputs;
  std::vector<DataSet> dataSets;
};
} // namespace

llvm::Error TestRunner::readDataSets() {
  llvm::StringSet<> initializers;
  for (const onnx::TensorProto &init : test.model.graph().initializer())
    initializers.insert(init.name());
  for (const onnx::ValueInfoProto &input : test.model.graph().input())
    if (!initializers.contains(input.name()))
      graphInputs.push_back(input.name());
  // ONNX's CastLike tests declare `like` with the input's shape but store a
  // one-element tensor: its shape is irrelevant, only its type counts (and
  // the _expanded variants do not use it at all).
  llvm::StringSet<> readValues;
  for (const onnx::NodeProto &node : test.model.graph().node())
    for (auto [index, name] : llvm::enumerate(node.input()))
      if (node.op_type() != "CastLike" || index != 1)
        readValues.insert(name);
  for (const onnx::ValueInfoProto &output : test.model.graph().output())
    readValues.insert(output.name());
  for (const std::string &name : graphInputs)
    if (!readValues.contains(name))
      typeOnlyInputs.insert(name);
  for (const std::string &directory : test.dataSets) {
    DataSet data;
    using Files = std::pair<StringRef, std::vector<HostTensor> *>;
    for (auto [prefix, tensors] :
         {Files{"input_", &data.inputs}, Files{"output_", &data.outputs}}) {
      for (unsigned k = 0;; ++k) {
        std::string path =
            (directory + "/" + prefix + std::to_string(k) + ".pb").str();
        if (!llvm::sys::fs::exists(path))
          break;
        llvm::Expected<HostTensor> tensor = readTensorFile(path);
        if (!tensor)
          return tensor.takeError();
        tensors->push_back(std::move(*tensor));
      }
    }
    dataSets.push_back(std::move(data));
  }
  return llvm::Error::success();
}

std::unique_ptr<HostModel>
TestRunner::compile(const llvm::StringMap<mlir::ElementsAttr> &bound,
                    mote::CompiledModel &compiled) {
  diagnostics.clear();
  mote::ImportOptions options;
  for (const auto &entry : bound)
    options.boundInputs[entry.getKey()] = entry.getValue();
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mote::importOnnxFile(test.directory + "/model.onnx", context, options);
  if (!module)
    return nullptr;
  mote::CompileOptions compileOptions;
  compileOptions.modelName = "model";
  llvm::FailureOr<mote::CompiledModel> result =
      mote::compileModule(*module, compileOptions);
  if (llvm::failed(result))
    return nullptr;
  compiled = std::move(*result);
  llvm::Expected<std::unique_ptr<HostModel>> model =
      HostModel::load(compiled, "model");
  if (!model) {
    diagnostics.push_back(llvm::toString(model.takeError()));
    return nullptr;
  }
  return std::move(*model);
}

Status TestRunner::runDataSet(HostModel &model,
                              const mote::CompiledModel &compiled,
                              const DataSet &data, std::string &reason) {
  // The data set's input_K is the K-th graph input; the compiled model's
  // inputs are the unbound ones, in graph order.
  std::vector<HostTensor> inputs;
  for (const mote::TensorInterface &port : compiled.inputs) {
    auto it = llvm::find(graphInputs, port.onnxName);
    size_t index = it - graphInputs.begin();
    if (it == graphInputs.end() || index >= data.inputs.size()) {
      reason =
          "the test data has no value for model input '" + port.onnxName + "'";
      return Status::Unsupported;
    }
    inputs.push_back(data.inputs[index]);
  }
  // Generated code passes ONNX bools as uint8_t holding 0 or 1: the same
  // bytes as the test data's bools.
  // Likewise f16 and bf16 as uint16_t holding their bits.
  for (auto [input, type] : llvm::zip_equal(inputs, model.getInputTypes()))
    if ((input.type == ElementType::Bool && type == ElementType::U8) ||
        ((input.type == ElementType::F16 || input.type == ElementType::BF16) &&
         type == ElementType::U16))
      input.type = type;
  // An input whose values are never read: pass the declared shape (zeros),
  // whatever shape the test data stores.
  for (auto [port, type, input] :
       llvm::zip_equal(compiled.inputs, model.getInputTypes(), inputs))
    if (typeOnlyInputs.contains(port.onnxName) && input.type == type &&
        llvm::ArrayRef<int64_t>(input.shape) != llvm::ArrayRef(port.shape))
      input = HostTensor(type, port.shape);
  for (auto [port, type, input] :
       llvm::zip_equal(compiled.inputs, model.getInputTypes(), inputs)) {
    if (input.type != type ||
        llvm::ArrayRef<int64_t>(input.shape) != llvm::ArrayRef(port.shape)) {
      reason = "input '" + port.onnxName + "': the test data is " +
               formatShape(input.shape) + " " +
               getElementTypeName(input.type).str() + ", the model takes " +
               formatShape(port.shape) + " " + getElementTypeName(type).str();
      return Status::Fail;
    }
  }
  if (data.outputs.size() != compiled.outputs.size()) {
    reason = "the model has " + std::to_string(compiled.outputs.size()) +
             " outputs, the test data " + std::to_string(data.outputs.size());
    return Status::Fail;
  }
  model.setInputs(inputs);
  if (llvm::Error err = model.run()) {
    reason = llvm::toString(std::move(err));
    return Status::Fail;
  }
  std::vector<HostTensor> outputs = model.getOutputs();
  for (auto [actual, expected] : llvm::zip(outputs, data.outputs))
    if ((actual.type == ElementType::U8 && expected.type == ElementType::Bool) ||
        (actual.type == ElementType::U16 &&
         (expected.type == ElementType::F16 ||
          expected.type == ElementType::BF16)))
      actual.type = expected.type;
  Tolerance tolerance{/*atol=*/1e-7, /*rtol=*/1e-3};
  for (auto [port, actual, expected] :
       llvm::zip_equal(compiled.outputs, outputs, data.outputs)) {
    if (actual.type != expected.type ||
        llvm::ArrayRef<int64_t>(actual.shape) !=
            llvm::ArrayRef<int64_t>(expected.shape)) {
      reason = "output '" + port.onnxName + "': mote computes " +
               formatShape(actual.shape) + " " +
               getElementTypeName(actual.type).str() + ", expected " +
               formatShape(expected.shape) + " " +
               getElementTypeName(expected.type).str();
      return Status::Fail;
    }
    Comparison result = compareTensors(actual, expected, tolerance);
    if (result.passed())
      continue;
    llvm::raw_string_ostream os(reason);
    os << "output '" << port.onnxName << "': " << result.numMismatches << " of "
       << result.numElements << " elements differ; worst ";
    printIndex(os, actual.shape, result.worstIndex);
    os << ": got ";
    printElement(os, actual, result.worstIndex);
    os << " expected ";
    printElement(os, expected, result.worstIndex);
    return Status::Fail;
  }
  return Status::Pass;
}

TestResult TestRunner::run() {
  if (llvm::Error err = readDataSets())
    return {Status::Unsupported, "the runner cannot read the test data: " +
                                     llvm::toString(std::move(err))};
  if (dataSets.empty())
    return {Status::Unsupported, "the test has no data sets"};

  // First as a user would compile it: every graph input stays an input.
  mote::CompiledModel compiled;
  std::unique_ptr<HostModel> model = compile({}, compiled);
  if (model) {
    for (const DataSet &data : dataSets) {
      std::string reason;
      Status status = runDataSet(*model, compiled, data, reason);
      if (status != Status::Pass)
        return {status, reason};
    }
    return {Status::Pass, ""};
  }
  bool needsConstants = llvm::any_of(diagnostics, [](const std::string &d) {
    return StringRef(d).contains("compile-time constant");
  });
  llvm::StringSet<> shapeInputs = getShapeDeterminingInputs(test);
  if (!needsConstants || shapeInputs.empty())
    return unsupported();

  // Then with the shape-determining inputs folded, once per data set (each
  // may give them different values).
  for (const DataSet &data : dataSets) {
    llvm::StringMap<mlir::ElementsAttr> bound;
    for (auto [index, name] : llvm::enumerate(graphInputs)) {
      if (!shapeInputs.contains(name) || index >= data.inputs.size())
        continue;
      mlir::DenseElementsAttr value =
          toDenseElementsAttr(data.inputs[index], context);
      if (!value)
        return {Status::Unsupported, "input '" + name +
                                         "' has an element type mote "
                                         "cannot bind"};
      bound[name] = value;
    }
    model = compile(bound, compiled);
    if (!model) {
      TestResult result = unsupported();
      result.reason = "with shape inputs bound: " + result.reason;
      return result;
    }
    std::string reason;
    Status status = runDataSet(*model, compiled, data, reason);
    if (status != Status::Pass)
      return {status, "with shape inputs bound: " + reason};
  }
  std::vector<std::string> boundNames;
  for (const std::string &name : graphInputs)
    if (shapeInputs.contains(name))
      boundNames.push_back("'" + name + "'");
  return {Status::PassBound, "bound " + llvm::join(boundNames, ", ")};
}

//===----------------------------------------------------------------------===//
// The parent: children, timeouts, results
//===----------------------------------------------------------------------===//

/// Separates a child's stray output (stderr, e.g. a fatal error message)
/// from its result record.
static constexpr StringRef kResultMarker = "\n@@mote-conformance-result@@\n";

/// Writes all of `text` to `fd`.
static void writeAll(int fd, StringRef text) {
  while (!text.empty()) {
    ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0) {
      if (errno == EINTR)
        continue;
      return;
    }
    text = text.drop_front(written);
  }
}

namespace {
struct RunningChild {
  size_t testIndex;
  pid_t pid;
  int fd;
  std::string output;
  std::chrono::steady_clock::time_point start;
};
} // namespace

/// Forks a child that runs `test` and writes its result to a pipe.
static std::optional<RunningChild> startChild(size_t index,
                                              const TestCase &test,
                                              mlir::DialectRegistry &registry) {
  int fds[2];
  if (::pipe(fds) != 0) {
    error() << "pipe: " << strerror(errno) << "\n";
    return std::nullopt;
  }
  llvm::outs().flush();
  llvm::errs().flush();
  pid_t pid = ::fork();
  if (pid < 0) {
    error() << "fork: " << strerror(errno) << "\n";
    ::close(fds[0]);
    ::close(fds[1]);
    return std::nullopt;
  }
  if (pid == 0) {
    // The child: its own process group, so that a timeout also ends the
    // linker it may be running; stdout and stderr into the pipe, so that a
    // fatal error's message reaches the report.
    ::setpgid(0, 0);
    ::close(fds[0]);
    ::dup2(fds[1], STDOUT_FILENO);
    ::dup2(fds[1], STDERR_FILENO);
    TestResult result;
    {
      TestRunner runner(test, registry);
      result = runner.run();
    }
    llvm::outs().flush();
    llvm::errs().flush();
    std::string record = kResultMarker.str() +
                         getStatusName(result.status).str() + "\n" +
                         result.reason;
    writeAll(fds[1], record);
    ::close(fds[1]);
    // No static destructors: they belong to the parent.
    ::_exit(0);
  }
  ::close(fds[1]);
  return RunningChild{index, pid, fds[0], "", std::chrono::steady_clock::now()};
}

/// The last non-empty line of `text`, for a crash's reason.
static std::string getLastLine(StringRef text) {
  text = text.rtrim();
  size_t newline = text.rfind('\n');
  return (newline == StringRef::npos ? text : text.drop_front(newline + 1))
      .str();
}

/// The result of a child that has exited (or been killed).
static TestResult finishChild(RunningChild &child, int waitStatus,
                              bool timedOut) {
  TestResult result;
  result.seconds = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - child.start)
                       .count();
  StringRef output = child.output;
  size_t marker = output.find(kResultMarker);
  if (timedOut) {
    result.status = Status::Crash;
    result.reason =
        "timeout: killed after " + std::to_string(timeoutSeconds) + " s";
  } else if (WIFSIGNALED(waitStatus)) {
    result.status = Status::Crash;
    result.reason = std::string("signal ") + strsignal(WTERMSIG(waitStatus));
    // The first line a crash prints names the cause (an assertion, LLVM's
    // "PLEASE submit a bug report" header, ...).
    StringRef first = output.ltrim().split('\n').first;
    if (!first.empty())
      result.reason += ": " + first.str();
  } else if (marker == StringRef::npos) {
    result.status = Status::Crash;
    result.reason = "exited with status " +
                    std::to_string(WEXITSTATUS(waitStatus)) +
                    " without a result";
    std::string last = getLastLine(output);
    if (!last.empty())
      result.reason += ": " + last;
  } else {
    auto [statusName, reason] =
        output.substr(marker + kResultMarker.size()).split('\n');
    result.status = parseStatus(statusName).value_or(Status::Crash);
    result.reason = reason.str();
  }
  return result;
}

/// Runs every in-scope test, `jobCount` at a time.
static void runTests(std::vector<TestCase> &tests,
                     std::vector<TestResult> &results,
                     mlir::DialectRegistry &registry) {
  std::deque<size_t> queue;
  for (size_t i = 0; i < tests.size(); ++i)
    if (results[i].status != Status::OutOfScope)
      queue.push_back(i);
  std::vector<RunningChild> running;
  size_t done = 0, total = queue.size();
  auto timeout = std::chrono::seconds(timeoutSeconds);
  while (!queue.empty() || !running.empty()) {
    while (!queue.empty() &&
           running.size() < std::max(1u, unsigned(jobCount))) {
      size_t index = queue.front();
      queue.pop_front();
      std::optional<RunningChild> child =
          startChild(index, tests[index], registry);
      if (!child) {
        results[index] = {Status::Crash, "could not start a child process"};
        continue;
      }
      running.push_back(std::move(*child));
    }
    std::vector<pollfd> fds;
    for (const RunningChild &child : running)
      fds.push_back({child.fd, POLLIN, 0});
    ::poll(fds.data(), fds.size(), /*timeout ms=*/100);
    auto now = std::chrono::steady_clock::now();
    for (size_t i = 0; i < running.size();) {
      RunningChild &child = running[i];
      bool finished = false, timedOut = false;
      if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
        char buffer[4096];
        ssize_t n = ::read(child.fd, buffer, sizeof(buffer));
        if (n > 0)
          child.output.append(buffer, n);
        else if (n == 0 || errno != EINTR)
          finished = true;
      }
      if (!finished && now - child.start > timeout) {
        ::kill(-child.pid, SIGKILL);
        ::kill(child.pid, SIGKILL);
        finished = timedOut = true;
      }
      if (!finished) {
        ++i;
        continue;
      }
      int waitStatus = 0;
      while (::waitpid(child.pid, &waitStatus, 0) < 0 && errno == EINTR)
        ;
      ::close(child.fd);
      TestResult result = finishChild(child, waitStatus, timedOut);
      results[child.testIndex] = result;
      ++done;
      if (verbose)
        llvm::errs() << llvm::format("[%zu/%zu] ", done, total)
                     << tests[child.testIndex].getId() << " "
                     << getStatusName(result.status)
                     << llvm::format(" (%.1fs)", result.seconds)
                     << (result.reason.empty() ? "" : ": ") << result.reason
                     << "\n";
      running.erase(running.begin() + i);
      fds.erase(fds.begin() + i);
    }
  }
}

//===----------------------------------------------------------------------===//
// Expectations and the summary
//===----------------------------------------------------------------------===//

/// Reads `<suite>/<test> <status>` lines ('#' starts a comment).
static llvm::LogicalResult
readExpectations(StringRef path, std::map<std::string, Status> &expected) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer) {
    error() << "cannot read --expectations '" << path
            << "': " << buffer.getError().message() << "\n";
    return llvm::failure();
  }
  llvm::SmallVector<StringRef> lines;
  (*buffer)->getBuffer().split(lines, '\n');
  for (auto [number, line] : llvm::enumerate(lines)) {
    line = line.split('#').first.trim();
    if (line.empty())
      continue;
    auto [id, statusName] = line.split(' ');
    std::optional<Status> status = parseStatus(statusName.trim());
    if (!status) {
      error() << path << ":" << number + 1 << ": expected '<suite>/<test> "
              << "<status>' with a status of pass, pass-bound, fail, "
                 "unsupported, crash or out-of-scope, got '"
              << line << "'\n";
      return llvm::failure();
    }
    expected[id.str()] = *status;
  }
  return llvm::success();
}

static llvm::LogicalResult
writeExpectations(StringRef path, const std::vector<TestCase> &tests,
                  const std::vector<TestResult> &results,
                  const std::map<std::string, Status> &previous) {
  // Tests this run did not look at (another --filter, another suite) keep
  // their line.
  std::map<std::string, Status> merged = previous;
  for (auto [test, result] : llvm::zip_equal(tests, results))
    merged[test.getId()] = result.status;
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_Text);
  if (ec) {
    error() << "cannot write '" << path << "': " << ec.message() << "\n";
    return llvm::failure();
  }
  os << "# Expected status of every ONNX backend test under mote: "
        "<suite>/<test> <status>.\n"
        "# Generated by mote-conformance --update-expectations; see "
        "docs/Conformance.md.\n";
  for (const auto &[id, status] : merged)
    os << id << " " << getStatusName(status) << "\n";
  return llvm::success();
}

static void writeReport(StringRef path, const std::vector<TestCase> &tests,
                        const std::vector<TestResult> &results) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_Text);
  if (ec) {
    error() << "cannot write '" << path << "': " << ec.message() << "\n";
    return;
  }
  for (auto [test, result] : llvm::zip_equal(tests, results)) {
    std::string reason = result.reason;
    std::replace(reason.begin(), reason.end(), '\t', ' ');
    std::replace(reason.begin(), reason.end(), '\n', ' ');
    os << test.getId() << "\t" << getStatusName(result.status) << "\t"
       << test.opGroup << "\t" << reason << "\n";
  }
}

/// Prints the counts per op and the totals.
static void printSummary(const std::vector<TestCase> &tests,
                         const std::vector<TestResult> &results) {
  struct Counts {
    unsigned passed = 0, failed = 0, unsupported = 0, crashed = 0;
  };
  std::map<std::string, Counts> byOp;
  std::map<Status, unsigned> totals;
  for (auto [test, result] : llvm::zip_equal(tests, results)) {
    ++totals[result.status];
    if (result.status == Status::OutOfScope)
      continue;
    Counts &counts = byOp[test.opGroup];
    switch (result.status) {
    case Status::Pass:
    case Status::PassBound:
      ++counts.passed;
      break;
    case Status::Fail:
      ++counts.failed;
      break;
    case Status::Unsupported:
      ++counts.unsupported;
      break;
    default:
      ++counts.crashed;
      break;
    }
  }
  llvm::raw_ostream &os = llvm::outs();
  os << llvm::format("%-32s %7s %7s %12s %8s\n", "op", "passed", "failed",
                     "unsupported", "crashed");
  for (const auto &[op, counts] : byOp)
    os << llvm::format("%-32s %7u %7u %12u %8u\n", op.c_str(), counts.passed,
                       counts.failed, counts.unsupported, counts.crashed);
  unsigned inScope = tests.size() - totals[Status::OutOfScope];
  unsigned passed = totals[Status::Pass] + totals[Status::PassBound];
  os << "\n";
  for (Status status : kAllStatuses)
    os << getStatusName(status) << ": " << totals[status] << "\n";
  os << llvm::format("in scope: %u of %zu tests; passing: %u (%.1f%%)\n",
                     inScope, tests.size(), passed,
                     inScope ? 100.0 * passed / inScope : 0.0);
}

/// The closing lines: unsupported apart, then `N passed, N failed`.
static void printTotals(const std::vector<TestResult> &results) {
  unsigned passed = 0, failed = 0, unsupported = 0;
  for (const TestResult &result : results) {
    passed += isPassing(result.status);
    failed += result.status == Status::Fail || result.status == Status::Crash;
    unsupported += result.status == Status::Unsupported;
  }
  llvm::outs() << unsupported << " unsupported\n"
               << passed << " passed, " << failed << " failed\n";
}

//===----------------------------------------------------------------------===//
// Driver
//===----------------------------------------------------------------------===//

static int runTool(int argc, char **argv) {
  std::vector<TestCase> tests;
  for (const std::string &dir : suiteDirs)
    if (llvm::failed(collectTests(dir, tests)))
      return 1;
  std::map<std::string, Status> expected;
  if (!expectationsPath.empty() && llvm::sys::fs::exists(expectationsPath) &&
      llvm::failed(readExpectations(expectationsPath, expected)))
    return 1;
  if (!expectationsPath.empty() && !updateExpectations && expected.empty()) {
    error() << "--expectations '" << expectationsPath
            << "' does not exist or is empty; create it with "
               "--update-expectations\n";
    return 1;
  }
  if (updateExpectations && expectationsPath.empty()) {
    error() << "--update-expectations needs --expectations=FILE\n";
    return 1;
  }

  // Decide the scope in the parent: out-of-scope tests cost no child.
  std::vector<TestResult> results(tests.size());
  for (auto [test, result] : llvm::zip_equal(tests, results)) {
    if (!readModel(test)) {
      result = {Status::Unsupported, "model.onnx is not a valid ONNX model"};
      test.opGroup = "(unreadable)";
      continue;
    }
    test.opGroup = getOpGroup(test);
    // An `_expanded` node test spells its op out in other ops: count it
    // under the op of the test it expands.
    StringRef unexpanded = test.name;
    if (test.suite == "node" && test.opGroup.front() == '(' &&
        unexpanded.consume_back("_expanded"))
      for (const TestCase &other : tests)
        if (other.suite == test.suite && other.name == unexpanded &&
            !other.opGroup.empty())
          test.opGroup = other.opGroup;
    std::string reason = getOutOfScopeReason(test.model);
    if (!reason.empty())
      result = {Status::OutOfScope, reason};
  }

  mlir::DialectRegistry registry;
  mote::registerAllDialects(registry);
  auto start = std::chrono::steady_clock::now();
  runTests(tests, results, registry);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();

  if (!reportPath.empty())
    writeReport(reportPath, tests, results);

  // Judge against the expectations.
  unsigned crashes = 0, regressions = 0, unexpectedPasses = 0, changes = 0;
  for (auto [test, result] : llvm::zip_equal(tests, results)) {
    std::string id = test.getId();
    auto it = expected.find(id);
    std::optional<Status> wanted =
        it == expected.end() ? std::nullopt : std::optional(it->second);
    StringRef verdict;
    if (result.status == Status::Crash) {
      verdict = "CRASH";
      ++crashes;
    } else if (wanted && isPassing(*wanted) && !isPassing(result.status)) {
      verdict = "REGRESSION";
      ++regressions;
    } else if (wanted == Status::Pass && result.status == Status::PassBound) {
      verdict = "REGRESSION";
      ++regressions;
    } else if (!expected.empty() && isPassing(result.status) &&
               wanted != result.status) {
      verdict = "UNEXPECTED PASS";
      ++unexpectedPasses;
    } else if (!expected.empty() && wanted != result.status) {
      verdict = "CHANGED";
      ++changes;
    }
    if (verdict.empty() || updateExpectations)
      continue;
    llvm::outs() << verdict << ": " << id << ": "
                 << getStatusName(result.status) << " (expected "
                 << (wanted ? getStatusName(*wanted) : StringRef("no entry"))
                 << ")" << (result.reason.empty() ? "" : ": ") << result.reason
                 << "\n";
  }

  printSummary(tests, results);
  llvm::outs() << llvm::format("time: %.1f s with -j %u\n", seconds,
                               unsigned(jobCount));

  std::string updateCommand;
  {
    llvm::raw_string_ostream os(updateCommand);
    os << argv[0];
    for (int i = 1; i < argc; ++i)
      os << " " << argv[i];
    os << " --update-expectations";
  }
  if (updateExpectations) {
    if (llvm::failed(
            writeExpectations(expectationsPath, tests, results, expected)))
      return 1;
    llvm::outs() << "wrote " << expectationsPath << "\n";
  }
  if (crashes)
    llvm::outs() << crashes
                 << " test(s) crashed (a compiler bug, never an "
                    "accepted status)\n";
  if (regressions)
    llvm::outs() << regressions << " regression(s)\n";
  if (!updateExpectations && !expected.empty()) {
    if (unexpectedPasses)
      llvm::outs() << unexpectedPasses
                   << " unexpected pass(es): update the expectations\n";
    if (changes)
      llvm::outs() << changes
                   << " non-passing test(s) changed status (not an error)\n";
    if (unexpectedPasses || changes)
      llvm::outs() << "to record this run's statuses: " << updateCommand
                   << "\n";
  }
  printTotals(results);
  bool failed = crashes || (!updateExpectations && !expected.empty() &&
                            (regressions || unexpectedPasses));
  return failed ? 1 : 0;
}

int main(int argc, char **argv) {
  // A crashing child prints a stack trace; symbolizing it would cost seconds
  // per crash and cores are disabled so that crashes leave nothing behind.
  ::setenv("LLVM_DISABLE_SYMBOLIZATION", "1", /*overwrite=*/1);
  llvm::sys::Process::PreventCoreFiles();
  llvm::InitLLVM initLLVM(argc, argv);
  cl::HideUnrelatedOptions(conformanceCategory);
  cl::ParseCommandLineOptions(
      argc, argv,
      "mote-conformance: run ONNX backend tests (model.onnx + "
      "test_data_set_N) through mote and compare with the expected "
      "statuses\n");
  return runTool(argc, argv);
}
