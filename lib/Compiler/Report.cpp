//===- Report.cpp - per-layer and whole-model figures for motec --report --===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// What a firmware engineer asks of a compiled model: per layer the op, the
// ONNX node, the output shape, the MACs, the weight bytes and where its
// buffers sit in the arena; in total the flash (.text + .rodata of the
// object), the RAM (the arena) and the entry points' stack frames (from the
// object's .stack_sizes section).
//
// Layers are the mote ops after graph optimization (BatchNorm folded,
// activations fused), before the lowering to linalg: one row per op the
// compiled code executes. Arena placements come from a second, throw-away
// lowering of the same module up to bufferization, matched to layers by the
// ONNX node names the locations carry.
//
//===----------------------------------------------------------------------===//

#include "mote/Compiler/Compiler.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/DataExtractor.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/LEB128.h"
#include "llvm/Target/TargetMachine.h"

#include <functional>
#include <map>

using namespace mlir;

namespace mote {
namespace {

/// The ONNX node names in `loc` (several once ops were fused), in order.
void collectNodeNames(Location loc, llvm::SmallVectorImpl<std::string> &names) {
  if (auto nameLoc = dyn_cast<NameLoc>(loc)) {
    std::string name = nameLoc.getName().str();
    if (!llvm::is_contained(names, name))
      names.push_back(name);
    return;
  }
  if (auto fused = dyn_cast<FusedLoc>(loc)) {
    for (Location inner : fused.getLocations())
      collectNodeNames(inner, names);
    return;
  }
  if (auto callSite = dyn_cast<CallSiteLoc>(loc))
    collectNodeNames(callSite.getCallee(), names);
}

uint64_t getNumElements(Type type) {
  auto shaped = dyn_cast<ShapedType>(type);
  if (!shaped || !shaped.hasStaticShape())
    return 0;
  return static_cast<uint64_t>(shaped.getNumElements());
}

/// Product of the dims of `type` after the first (a convolution weight's
/// per-output-element work).
uint64_t getInnerElements(Type type) {
  auto shaped = dyn_cast<ShapedType>(type);
  if (!shaped || !shaped.hasStaticShape() || shaped.getRank() < 1)
    return 0;
  uint64_t product = 1;
  for (int64_t dim : shaped.getShape().drop_front())
    product *= static_cast<uint64_t>(dim);
  return product;
}

/// Multiply-accumulates of one mote op; 0 for ops that do none.
uint64_t countMacs(Operation *op) {
  StringRef name = op->getName().getStringRef();
  if (op->getNumResults() != 1 || op->getNumOperands() < 2)
    return 0;
  Type result = op->getResult(0).getType();
  Type lhs = op->getOperand(0).getType(), rhs = op->getOperand(1).getType();
  // conv: every output element sums Cin/groups * kh * kw products.
  if (name == "mote.conv")
    return getNumElements(result) * getInnerElements(rhs);
  // conv_transpose: every input element scatters Cout/groups * kh * kw.
  if (name == "mote.conv_transpose")
    return getNumElements(lhs) * getInnerElements(rhs);
  // gemm and matmul: every output element is a K-long dot product.
  if (name == "mote.gemm" || name == "mote.matmul") {
    auto a = dyn_cast<ShapedType>(lhs);
    auto out = dyn_cast<ShapedType>(result);
    if (!a || !out || !a.hasStaticShape() || !out.hasStaticShape() ||
        a.getRank() < 1)
      return 0;
    uint64_t k = static_cast<uint64_t>(a.getShape().back());
    if (name == "mote.gemm" && a.getRank() == 2) {
      // transA swaps A's dims: K is whichever is not M.
      auto transA = op->getAttrOfType<BoolAttr>("transA");
      auto transAInt = op->getAttrOfType<IntegerAttr>("transA");
      bool transposed = (transA && transA.getValue()) ||
                        (transAInt && transAInt.getInt() != 0);
      k = static_cast<uint64_t>(a.getShape()[transposed ? 0 : 1]);
    }
    return getNumElements(result) * k;
  }
  return 0;
}

/// Bytes of a statically shaped tensor or memref type; 0 otherwise.
uint64_t getByteSize(Type type) {
  auto shaped = dyn_cast<ShapedType>(type);
  if (!shaped || !shaped.hasStaticShape())
    return 0;
  Type element = shaped.getElementType();
  if (!element.isIntOrFloat())
    return 0;
  return getNumElements(type) * ((element.getIntOrFloatBitWidth() + 7) / 8);
}

/// Records one row per op of the optimized graph.
void collectLayers(func::FuncOp main, ModelReport &report) {
  for (Operation &op : main.getBody().front()) {
    if (isa<arith::ConstantOp, func::ReturnOp>(op))
      continue;
    LayerReport layer;
    layer.op = op.getName().getStringRef().str();
    llvm::SmallVector<std::string> names;
    collectNodeNames(op.getLoc(), names);
    layer.node = llvm::join(names, "+");
    if (op.getNumResults() > 0)
      if (auto shaped = dyn_cast<ShapedType>(op.getResult(0).getType())) {
        if (shaped.hasRank())
          layer.outputShape.assign(shaped.getShape().begin(),
                                   shaped.getShape().end());
        llvm::raw_string_ostream os(layer.elementType);
        shaped.getElementType().print(os);
      }
    layer.macs = countMacs(&op);
    for (Value operand : op.getOperands())
      if (operand.getDefiningOp<arith::ConstantOp>())
        layer.weightBytes += getByteSize(operand.getType());
    report.totalMacs += layer.macs;
    report.totalWeightBytes += layer.weightBytes;
    report.layers.push_back(std::move(layer));
  }
}

/// Attributes every arena view of the bufferized `main` to the layers whose
/// node names its location carries.
void collectArenaPlacements(func::FuncOp main, ModelReport &report) {
  main.walk([&](memref::ViewOp view) {
    IntegerAttr offset;
    if (auto constant = view.getByteShift().getDefiningOp<arith::ConstantOp>())
      offset = dyn_cast<IntegerAttr>(constant.getValue());
    if (!offset)
      return;
    ArenaPlacement placement{static_cast<uint64_t>(offset.getInt()),
                             getByteSize(view.getType())};
    llvm::SmallVector<std::string> names;
    collectNodeNames(view.getLoc(), names);
    for (LayerReport &layer : report.layers) {
      llvm::SmallVector<StringRef> layerNames;
      StringRef(layer.node).split(layerNames, '+');
      bool matches = llvm::any_of(names, [&](const std::string &name) {
        return llvm::is_contained(layerNames, name);
      });
      if (matches && !llvm::is_contained(layer.arena, placement))
        layer.arena.push_back(placement);
    }
  });
}

/// Calls `visit(relocatedSection, relocation)` for every relocation that
/// names a symbol and applies to a section `appliesTo` accepts.
void forEachRelocation(
    const llvm::object::ObjectFile &object,
    llvm::function_ref<bool(const llvm::object::SectionRef &)> appliesTo,
    llvm::function_ref<void(const llvm::object::SectionRef &,
                            const llvm::object::RelocationRef &)>
        visit) {
  for (const llvm::object::SectionRef &section : object.sections()) {
    llvm::Expected<llvm::object::section_iterator> relocated =
        section.getRelocatedSection();
    if (!relocated) {
      llvm::consumeError(relocated.takeError());
      continue;
    }
    if (*relocated == object.section_end() || !appliesTo(**relocated))
      continue;
    for (const llvm::object::RelocationRef &relocation : section.relocations())
      if (relocation.getSymbol() != object.symbol_end())
        visit(**relocated, relocation);
  }
}

/// Section figures and the entry points' frames from `.stack_sizes`.
void readObject(StringRef bytes, StringRef modelName, ModelReport &report) {
  llvm::Expected<std::unique_ptr<llvm::object::ObjectFile>> file =
      llvm::object::ObjectFile::createObjectFile(
          llvm::MemoryBufferRef(bytes, "model.o"));
  if (!file) {
    report.stackNote = "the object could not be read: " +
                       llvm::toString(file.takeError());
    return;
  }
  llvm::object::ObjectFile &object = **file;
  // One .stack_sizes section per function section.
  llvm::SmallVector<llvm::object::SectionRef> stackSizesSections;
  for (const llvm::object::SectionRef &section : object.sections()) {
    llvm::Expected<StringRef> name = section.getName();
    if (!name) {
      llvm::consumeError(name.takeError());
      continue;
    }
    if (*name == ".stack_sizes") {
      stackSizesSections.push_back(section);
      continue;
    }
    // Only what the image loads counts towards flash.
    if (isa<llvm::object::ELFObjectFileBase>(&object) &&
        !(llvm::object::ELFSectionRef(section).getFlags() &
          llvm::ELF::SHF_ALLOC))
      continue;
    if (section.isBSS())
      report.bssBytes += section.getSize();
    else if (section.isText())
      report.textBytes += section.getSize();
    else if (section.isData() || name->starts_with(".rodata"))
      report.rodataBytes += section.getSize();
    else
      report.otherFlashBytes += section.getSize();
  }

  // Defined functions with their extents, so relocations can be attributed
  // to the function they sit in (calls) and stack-size entries to the
  // function they describe.
  struct Function {
    std::string name;
    uint64_t sectionIndex, address, size;
    uint64_t frame = 0;
    llvm::SmallVector<size_t> callees;
    bool isGlobal = false;
  };
  std::vector<Function> functions;
  for (const llvm::object::SymbolRef &symbol : object.symbols()) {
    llvm::Expected<llvm::object::SymbolRef::Type> type = symbol.getType();
    llvm::Expected<StringRef> name = symbol.getName();
    llvm::Expected<uint64_t> address = symbol.getValue();
    llvm::Expected<llvm::object::section_iterator> section =
        symbol.getSection();
    if (!type || !name || !address || !section) {
      llvm::consumeError(type.takeError());
      llvm::consumeError(name.takeError());
      llvm::consumeError(address.takeError());
      llvm::consumeError(section.takeError());
      continue;
    }
    if (*type != llvm::object::SymbolRef::ST_Function ||
        *section == object.section_end())
      continue;
    uint64_t size = 0;
    if (isa<llvm::object::ELFObjectFileBase>(&object))
      size = llvm::object::ELFSymbolRef(symbol).getSize();
    // Thumb function symbols have bit 0 set.
    llvm::Expected<uint32_t> flags = symbol.getFlags();
    bool isGlobal = flags && (*flags & llvm::object::SymbolRef::SF_Global);
    if (!flags)
      llvm::consumeError(flags.takeError());
    functions.push_back({name->str(), (*section)->getIndex(),
                         *address & ~uint64_t(1), size, 0, {}, isGlobal});
  }
  auto findFunction = [&](uint64_t sectionIndex,
                          uint64_t address) -> std::optional<size_t> {
    for (auto [index, function] : llvm::enumerate(functions))
      if (function.sectionIndex == sectionIndex &&
          (address == function.address ||
           (address > function.address &&
            address < function.address + function.size)))
        return index;
    return std::nullopt;
  };
  auto findByName = [&](StringRef name) -> std::optional<size_t> {
    for (auto [index, function] : llvm::enumerate(functions))
      if (function.name == name)
        return index;
    return std::nullopt;
  };

  auto findOnlyFunctionIn =
      [&](uint64_t sectionIndex) -> std::optional<size_t> {
    std::optional<size_t> found;
    for (auto [index, function] : llvm::enumerate(functions))
      if (function.sectionIndex == sectionIndex) {
        if (found)
          return std::nullopt;
        found = index;
      }
    return found;
  };

  // Call edges: relocations in code that name a function of this object.
  forEachRelocation(
      object,
      [](const llvm::object::SectionRef &section) { return section.isText(); },
      [&](const llvm::object::SectionRef &code,
          const llvm::object::RelocationRef &relocation) {
        llvm::object::symbol_iterator symbol = relocation.getSymbol();
        llvm::Expected<StringRef> target = symbol->getName();
        if (!target) {
          llvm::consumeError(target.takeError());
          return;
        }
        std::optional<size_t> callee = findByName(*target);
        // A call to a local function in another section may name that
        // section's symbol instead (plus an addend); with one function per
        // section that is the function.
        if (!callee) {
          llvm::Expected<llvm::object::section_iterator> targetSection =
              symbol->getSection();
          if (targetSection && *targetSection != object.section_end())
            callee = findOnlyFunctionIn((*targetSection)->getIndex());
          else if (!targetSection)
            llvm::consumeError(targetSection.takeError());
        }
        std::optional<size_t> caller =
            findFunction(code.getIndex(), relocation.getOffset());
        if (callee && caller && *callee != *caller &&
            !llvm::is_contained(functions[*caller].callees, *callee))
          functions[*caller].callees.push_back(*callee);
      });

  if (stackSizesSections.empty()) {
    report.stackNote = "unknown: this object format has no .stack_sizes "
                       "section; the stack depth is not known";
    return;
  }
  // .stack_sizes: per function, its address (in an object file: a
  // relocation against the function or its section, plus an addend in place
  // (REL) or in the relocation (RELA)) and its frame size as ULEB128.
  for (const llvm::object::SectionRef &stackSizes : stackSizesSections) {
    llvm::Expected<StringRef> contents = stackSizes.getContents();
    if (!contents) {
      report.stackNote = llvm::toString(contents.takeError());
      return;
    }
    struct Target {
      uint64_t sectionIndex;
      int64_t addend;
    };
    std::map<uint64_t, Target> targets; // by offset in .stack_sizes
    forEachRelocation(
        object,
        [&](const llvm::object::SectionRef &section) {
          return section == stackSizes;
        },
        [&](const llvm::object::SectionRef &,
            const llvm::object::RelocationRef &relocation) {
          llvm::object::symbol_iterator symbol = relocation.getSymbol();
          llvm::Expected<llvm::object::section_iterator> symbolSection =
              symbol->getSection();
          llvm::Expected<uint64_t> value = symbol->getValue();
          if (!symbolSection || !value ||
              *symbolSection == object.section_end()) {
            if (!symbolSection)
              llvm::consumeError(symbolSection.takeError());
            if (!value)
              llvm::consumeError(value.takeError());
            return;
          }
          int64_t addend = static_cast<int64_t>(*value & ~uint64_t(1));
          if (isa<llvm::object::ELFObjectFileBase>(&object)) {
            llvm::Expected<int64_t> explicitAddend =
                llvm::object::ELFRelocationRef(relocation).getAddend();
            if (explicitAddend)
              addend += *explicitAddend;
            else
              llvm::consumeError(explicitAddend.takeError());
          }
          targets[relocation.getOffset()] = {(*symbolSection)->getIndex(),
                                             addend};
        });
    unsigned addressBytes = object.getBytesInAddress();
    llvm::DataExtractor data(*contents, object.isLittleEndian(), addressBytes);
    llvm::DataExtractor::Cursor cursor(0);
    while (cursor && !data.eof(cursor)) {
      uint64_t offset = cursor.tell();
      uint64_t inPlace = data.getAddress(cursor);
      uint64_t size = data.getULEB128(cursor);
      if (!cursor)
        break;
      auto target = targets.find(offset);
      std::optional<size_t> function;
      if (target != targets.end())
        function =
            findFunction(target->second.sectionIndex,
                         (target->second.addend + inPlace) & ~uint64_t(1));
      if (function)
        functions[*function].frame = size;
      report.frames.push_back(
          {function ? functions[*function].name : std::string("?"), size});
    }
    llvm::consumeError(cursor.takeError());
  }

  // Deepest chain of frames from the entry point; the generated code does
  // not recurse, and `visiting` guards against a cycle all the same.
  std::vector<bool> visiting(functions.size(), false);
  std::function<uint64_t(size_t)> depth = [&](size_t index) -> uint64_t {
    if (visiting[index])
      return 0;
    visiting[index] = true;
    uint64_t deepest = 0;
    for (size_t callee : functions[index].callees)
      deepest = std::max(deepest, depth(callee));
    visiting[index] = false;
    return functions[index].frame + deepest;
  };
  std::optional<size_t> entry = findByName(modelName.str() + "_run");
  if (!entry) {
    report.stackNote =
        "unknown: the entry point is not in the object's symbols";
    return;
  }
  // A call to a local function in the same section is resolved by the
  // assembler and leaves no relocation, so the edges above miss it. The
  // code generator puts every function in a section of its own (function
  // sections), so every call leaves one and the edges are complete; when
  // that is not so, local functions are only reachable from the entry
  // points and adding all their frames bounds whatever chain the entry
  // point starts.
  uint64_t localFrames = 0;
  size_t localCount = 0;
  bool ownSections = true;
  for (auto [index, function] : llvm::enumerate(functions)) {
    if (findOnlyFunctionIn(function.sectionIndex) != index)
      ownSections = false;
    if (!function.isGlobal) {
      localFrames += function.frame;
      ++localCount;
    }
  }
  if (localCount == 0 || ownSections) {
    report.entryStackBytes = depth(*entry);
    report.stackExact = true;
    report.stackNote = functions[*entry].callees.empty()
                           ? "the entry point's frame; it calls no other "
                             "function of the model"
                           : "the deepest chain of frames from the entry "
                             "point";
  } else {
    report.entryStackBytes = functions[*entry].frame + localFrames;
    report.stackExact = localCount == 1;
    report.stackNote = "the entry point's frame plus the frames of the " +
                       std::to_string(localCount) +
                       " internal function(s) it may call";
    if (localCount > 1)
      report.stackNote += " (an upper bound)";
  }
  report.stackNote += "; library calls (memcpy, memset) not included";
}

std::string formatShape(llvm::ArrayRef<int64_t> shape) {
  if (shape.empty())
    return "scalar";
  std::string text;
  for (auto [index, dim] : llvm::enumerate(shape))
    text += (index ? "x" : "") + std::to_string(dim);
  return text;
}

} // namespace

llvm::FailureOr<ModelReport>
analyzeModelForReport(ModuleOp module, const CompileOptions &options) {
  ModelReport report;
  report.modelName = options.modelName;
  std::string error;
  std::unique_ptr<llvm::TargetMachine> machine =
      createTargetMachine(options.target, error);
  if (!machine)
    return emitError(module.getLoc()) << error;
  report.triple = machine->getTargetTriple().str();

  PassManager graph(module.getContext());
  buildGraphOptimizationPipeline(graph);
  if (failed(graph.run(module)))
    return failure();
  auto main = module.lookupSymbol<func::FuncOp>("main");
  if (!main || main.isExternal() || !main.getBody().hasOneBlock())
    return module.emitError()
           << "--report expects a function named 'main' with one block";
  collectLayers(main, report);

  PassManager buffers(module.getContext());
  buildLowerToLinalgPipeline(buffers);
  TargetLayout layout = getTargetLayout(*machine, options.target);
  report.goal = layout.goal == OptimizationGoal::Size ? "size" : "speed";
  buildBufferizationPipeline(buffers, layout);
  if (failed(buffers.run(module)))
    return failure();
  // mote-plan-arena's figures, so the gap to the lower bound is visible.
  if (auto bound = module->getAttrOfType<IntegerAttr>("mote.arena_lower_bound"))
    report.arenaLowerBound = bound.getInt();
  if (auto peak = module->getAttrOfType<StringAttr>("mote.arena_peak_layer"))
    report.arenaPeakLayer = peak.str();
  if (auto heuristic =
          module->getAttrOfType<StringAttr>("mote.arena_heuristic"))
    report.arenaHeuristic = heuristic.str();
  if (auto bufferized = module.lookupSymbol<func::FuncOp>("main"))
    collectArenaPlacements(bufferized, report);
  return report;
}

void addObjectToReport(ModelReport &report, const CompiledModel &model) {
  report.arenaBytes = model.arenaSize;
  report.arenaAlign = model.arenaAlign;
  readObject(model.object, report.modelName, report);
}

void writeReport(const ModelReport &report, llvm::raw_ostream &os,
                 ReportFormat format) {
  uint64_t flash = report.textBytes + report.rodataBytes +
                   report.otherFlashBytes;
  // Everything the model needs in RAM: the caller's arena, any static data
  // and the deepest stack the entry point reaches.
  uint64_t ram = report.arenaBytes + report.bssBytes +
                 report.entryStackBytes.value_or(0);
  if (format == ReportFormat::JSON) {
    llvm::json::OStream json(os, 2);
    json.object([&] {
      json.attribute("model", report.modelName);
      json.attribute("target", report.triple);
      json.attributeArray("layers", [&] {
        for (size_t index = 0; index < report.layers.size(); ++index) {
          const LayerReport &layer = report.layers[index];
          json.object([&] {
            json.attribute("index", static_cast<int64_t>(index));
            json.attribute("op", layer.op);
            json.attribute("node", layer.node);
            json.attributeArray("output_shape", [&] {
              for (int64_t dim : layer.outputShape)
                json.value(dim);
            });
            json.attribute("element_type", layer.elementType);
            json.attribute("macs", layer.macs);
            json.attribute("weight_bytes", layer.weightBytes);
            json.attributeArray("arena", [&] {
              for (const ArenaPlacement &placement : layer.arena)
                json.object([&] {
                  json.attribute("offset", placement.offset);
                  json.attribute("bytes", placement.bytes);
                });
            });
          });
        }
      });
      json.attributeObject("totals", [&] {
        json.attribute("layers", static_cast<int64_t>(report.layers.size()));
        json.attribute("macs", report.totalMacs);
        json.attribute("weight_bytes", report.totalWeightBytes);
        json.attribute("flash_bytes", flash);
        json.attribute("text_bytes", report.textBytes);
        json.attribute("rodata_bytes", report.rodataBytes);
        json.attribute("other_flash_bytes", report.otherFlashBytes);
        json.attribute("ram_bytes", ram);
        json.attribute("arena_bytes", report.arenaBytes);
        json.attribute("arena_align", report.arenaAlign);
        json.attribute("arena_lower_bound", report.arenaLowerBound);
        json.attribute("arena_peak_layer", report.arenaPeakLayer);
        json.attribute("arena_heuristic", report.arenaHeuristic);
        json.attribute("optimize", report.goal);
      });
      json.attributeObject("stack", [&] {
        json.attribute("entry", report.modelName + "_run");
        if (report.entryStackBytes)
          json.attribute("bytes", *report.entryStackBytes);
        else
          json.attribute("bytes", nullptr);
        json.attribute("exact", report.stackExact);
        json.attribute("note", report.stackNote);
        json.attributeArray("frames", [&] {
          for (const StackFrame &frame : report.frames)
            json.object([&] {
              json.attribute("function", frame.function);
              json.attribute("bytes", frame.bytes);
            });
        });
      });
    });
    os << "\n";
    return;
  }

  os << "model '" << report.modelName << "' for " << report.triple << "\n";
  os << llvm::format("%-5s %-22s %-32s %-16s %12s %12s  %s\n", "layer", "op",
                     "node", "output", "MACs", "weights", "arena [offset+bytes]");
  for (auto [index, layer] : llvm::enumerate(report.layers)) {
    std::string arena;
    for (const ArenaPlacement &placement : layer.arena)
      arena += (arena.empty() ? "" : " ") + std::to_string(placement.offset) +
               "+" + std::to_string(placement.bytes);
    os << llvm::format("%-5zu %-22s %-32s %-16s %12llu %12llu  %s\n", index,
                       layer.op.c_str(),
                       layer.node.empty() ? "-" : layer.node.c_str(),
                       (formatShape(layer.outputShape) + " " +
                        layer.elementType)
                           .c_str(),
                       static_cast<unsigned long long>(layer.macs),
                       static_cast<unsigned long long>(layer.weightBytes),
                       arena.empty() ? "-" : arena.c_str());
  }
  os << "total: " << report.layers.size() << " layers, " << report.totalMacs
     << " MACs, " << report.totalWeightBytes << " weight bytes\n";
  os << "flash: " << flash << " bytes (.text " << report.textBytes
     << ", .rodata " << report.rodataBytes << ", other "
     << report.otherFlashBytes << ")\n";
  os << "arena: " << report.arenaBytes << " bytes, lower bound "
     << report.arenaLowerBound << " (peak at '" << report.arenaPeakLayer
     << "'), placement " << report.arenaHeuristic << ", --optimize="
     << report.goal << "\n";
  os << "ram: " << ram << " bytes (arena " << report.arenaBytes << ", align "
     << report.arenaAlign << "; .bss " << report.bssBytes << "; stack ";
  if (report.entryStackBytes)
    os << *report.entryStackBytes << ")\n";
  else
    os << "unknown, not included)\n";
  os << "stack: " << report.modelName << "_run ";
  if (report.entryStackBytes)
    os << *report.entryStackBytes << " bytes";
  else
    os << "unknown";
  os << " (" << report.stackNote << ")\n";
}

} // namespace mote
