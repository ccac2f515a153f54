//===- HeaderWriter.cpp - the C header of a compiled model ----------------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Writes `<name>.h`: a self-contained C99 header (only <stddef.h> and
// <stdint.h>) with the entry points, the arena size and alignment, and the
// shape, type and size of every input and output.
//
//===----------------------------------------------------------------------===//

#include "mote/Compiler/Compiler.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/raw_ostream.h"

namespace mote {

namespace {
/// C keywords, typedef names and names the generated prototypes use
/// themselves.
bool isReservedName(llvm::StringRef name) {
  static const char *const reserved[] = {
      "auto", "break", "case", "char", "const", "continue", "default", "do",
      "double", "else", "enum", "extern", "float", "for", "goto", "if",
      "inline", "int", "long", "register", "restrict", "return", "short",
      "signed", "sizeof", "static", "struct", "switch", "typedef", "union",
      "unsigned", "void", "volatile", "while", "_Bool", "_Complex", "bool",
      "true", "false", "arena", "arena_size", "inputs", "outputs", "weights",
      "NULL",
      // Typedef names from the headers the prototypes use: a parameter
      // named like a typedef in scope would not parse.
      "size_t", "ptrdiff_t", "wchar_t", "int8_t", "int16_t", "int32_t",
      "int64_t", "uint8_t", "uint16_t", "uint32_t", "uint64_t", "intptr_t",
      "uintptr_t", "float_t", "double_t", "mote_status_t"};
  return llvm::is_contained(reserved, name);
}

/// Macro names `<NAME>_<TENSOR>_...` must not collide with the fixed ones
/// (`<NAME>_ARENA_SIZE`, `<NAME>_WEIGHTS_SIZE`, `<NAME>_INPUT_<i>_SIZE`, ...).
bool collidesWithMacros(llvm::StringRef upper, size_t numInputs,
                        size_t numOutputs) {
  if (upper == "ARENA" || upper == "WEIGHTS")
    return true;
  unsigned index;
  if (upper.consume_front("INPUT_"))
    return !upper.getAsInteger(10, index) && index < numInputs;
  if (upper.consume_front("OUTPUT_"))
    return !upper.getAsInteger(10, index) && index < numOutputs;
  return false;
}

std::string joinShape(llvm::ArrayRef<int64_t> shape,
                      llvm::StringRef separator) {
  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::interleave(shape, os, separator);
  if (shape.empty())
    os << "1";
  return text;
}

uint64_t getNumElements(const TensorInterface &tensor) {
  uint64_t count = 1;
  for (int64_t dim : tensor.shape)
    count *= dim;
  return count;
}
} // namespace

std::string makeCIdentifier(llvm::StringRef name) {
  std::string result;
  for (char c : name)
    result += llvm::isAlnum(c) || c == '_' ? c : '_';
  if (result.empty() || llvm::isDigit(result.front()))
    result = "t_" + result;
  return result;
}

void assignCNames(CompiledModel &model) {
  llvm::StringSet<> taken;
  auto assign = [&](TensorInterface &tensor, llvm::StringRef fallback) {
    std::string base =
        makeCIdentifier(tensor.onnxName.empty() ? fallback : tensor.onnxName);
    if (isReservedName(base) ||
        collidesWithMacros(llvm::StringRef(base).upper(), model.inputs.size(),
                           model.outputs.size()))
      base += "_tensor";
    // Unique ignoring case: the names also appear upper-cased in macros.
    std::string name = base;
    for (unsigned suffix = 1; taken.contains(llvm::StringRef(name).upper());
         ++suffix)
      name = base + "_" + std::to_string(suffix);
    taken.insert(llvm::StringRef(name).upper());
    tensor.cName = name;
  };
  for (auto [index, tensor] : llvm::enumerate(model.inputs))
    assign(tensor, "input" + std::to_string(index));
  for (auto [index, tensor] : llvm::enumerate(model.outputs))
    assign(tensor, "output" + std::to_string(index));
}

std::string writeHeader(const CompiledModel &model,
                        const CompileOptions &options) {
  std::string text;
  llvm::raw_string_ostream os(text);
  const std::string &name = options.modelName;
  std::string upper = llvm::StringRef(name).upper();
  std::string guard = upper + "_MOTE_MODEL_H";
  bool externalWeights = model.weightsBlob.has_value();
  // --io-in-arena: the tensors live in the arena, `_run` takes no pointers.
  bool ioInArena =
      llvm::any_of(model.inputs,
                   [](const TensorInterface &t) { return t.arenaOffset; }) ||
      llvm::any_of(model.outputs,
                   [](const TensorInterface &t) { return t.arenaOffset; });
  // The tensors `_run` takes as pointer parameters.
  llvm::ArrayRef<TensorInterface> inputParams, outputParams;
  if (!ioInArena) {
    inputParams = model.inputs;
    outputParams = model.outputs;
  }
  std::string weightsWhere =
      externalWeights
          ? "in the separate blob " + name +
                "_weights.bin, which the caller\n * loads (e.g. from "
                "external flash) and passes to every call"
          : "constant data in " +
                (options.weightsSection.empty()
                     ? std::string(".rodata")
                     : "the section " + options.weightsSection);

  os << "/* " << name << ".h - generated by motec; do not edit.\n"
     << " *\n"
     << " * The C API of the compiled model '" << name << "'.\n"
     << " *\n"
     << (ioInArena
             ? " * Memory: the caller owns the arena of " + upper +
                   "_ARENA_SIZE bytes aligned to\n * " + upper +
                   "_ARENA_ALIGN bytes; inputs, outputs and intermediate "
                   "results all live\n * in it, at the offsets below "
                   "(--io-in-arena).\n"
             : " * Memory: the caller owns every buffer. Inputs are read, "
               "outputs are\n * written, and intermediate results live in "
               "the caller's arena of\n * " +
                   upper + "_ARENA_SIZE bytes aligned to " + upper +
                   "_ARENA_ALIGN bytes.\n")
     << " * Nothing is allocated and no global state is kept. The weights ("
     << upper << "_WEIGHTS_SIZE\n"
     << " * bytes) are " << weightsWhere << ".\n"
     << " *\n"
     << " * Reentrancy: " << name
     << (ioInArena
             ? "_run() reads only constant data" +
                   std::string(externalWeights ? ", the weights" : "") +
                   " and\n * its arena and writes only its arena, so any "
                   "number of calls may run at\n * the same time (threads, "
                   "interrupts) as long as each has its own arena\n * (it "
                   "holds the inputs and outputs too)" +
                   std::string(externalWeights ? "; weights may be shared"
                                               : "") +
                   ".\n"
             : "_run() reads only its arguments and constant data\n * and "
               "writes only its outputs and its arena, so any number of "
               "calls\n * may run at the same time (threads, interrupts) as "
               "long as each has\n * its own arena and its own output "
               "buffers; inputs" +
                   std::string(externalWeights ? " and weights" : "") +
                   " may be\n * shared.\n")
     << " *\n"
     << " * Tensors are dense, row-major (C order), in the element type "
        "shown.\n"
     << " */\n"
     << "#ifndef " << guard << "\n"
     << "#define " << guard << "\n\n"
     << "#include <stddef.h>\n"
     << "#include <stdint.h>\n\n"
     << "#ifdef __cplusplus\n"
     << "extern \"C\" {\n"
     << "#endif\n\n";

  // Shared with runtime/include/mote/mote_runtime.h and every other model
  // header: whichever comes first defines them.
  os << "#ifndef MOTE_STATUS_DEFINED\n"
     << "#define MOTE_STATUS_DEFINED\n"
     << "/** Result of a mote call: MOTE_STATUS_OK or a negative error code. "
        "*/\n"
     << "typedef int32_t mote_status_t;\n"
     << "/** Success. */\n"
     << "#define MOTE_STATUS_OK 0\n"
     << "/** A required pointer argument was NULL. */\n"
     << "#define MOTE_STATUS_NULL_ARGUMENT (-1)\n"
     << "/** arena_size is below the model's arena size. */\n"
     << "#define MOTE_STATUS_ARENA_TOO_SMALL (-2)\n"
     << "/** The arena is not aligned to the model's arena alignment. */\n"
     << "#define MOTE_STATUS_ARENA_MISALIGNED (-3)\n"
     << "#endif /* MOTE_STATUS_DEFINED */\n"
     << "#ifndef MOTE_STATUS_WEIGHTS_MISALIGNED\n"
     << "/** External weights are not aligned to the model's weights "
        "alignment. */\n"
     << "#define MOTE_STATUS_WEIGHTS_MISALIGNED (-4)\n"
     << "#endif\n"
     << "#ifndef MOTE_STATUS_ARENA_CORRUPTED\n"
     << "/** An op wrote outside its buffer (only models compiled with "
        "--arena-check detect it). */\n"
     << "#define MOTE_STATUS_ARENA_CORRUPTED (-5)\n"
     << "#endif\n\n";

  os << "/** Bytes of scratch memory one call needs. */\n"
     << "#define " << upper << "_ARENA_SIZE " << model.arenaSize << "u\n"
     << "/** Required alignment of the arena, in bytes. */\n"
     << "#define " << upper << "_ARENA_ALIGN " << model.arenaAlign << "u\n"
     << "/** Bytes of weights (constant tensors, with alignment padding), "
     << (externalWeights ? "the size of " + name + "_weights.bin"
                         : std::string("in the object's read-only data"))
     << ". */\n"
     << "#define " << upper << "_WEIGHTS_SIZE " << model.weightsSize << "u\n"
     << "/** Alignment of the weights, in bytes"
     << (externalWeights ? "; the weights pointer must have it" : "")
     << ". */\n"
     << "#define " << upper << "_WEIGHTS_ALIGN " << model.weightsAlign << "u\n";
  if (externalWeights)
    os << "/** Defined when " << name
       << "_run() takes the weights as a parameter. */\n"
       << "#define " << upper << "_EXTERNAL_WEIGHTS 1\n";
  if (ioInArena)
    os << "/** Defined with --io-in-arena: the inputs and outputs live in the "
          "arena,\n * "
       << name << "_run() takes no tensor pointers and there is no " << name
       << "_run_v(). */\n"
       << "#define " << upper << "_IO_IN_ARENA 1\n";
  os << "#define " << upper << "_NUM_INPUTS " << model.inputs.size() << "\n"
     << "#define " << upper << "_NUM_OUTPUTS " << model.outputs.size()
     << "\n\n";

  auto describe = [&](const TensorInterface &tensor, llvm::StringRef kind,
                      size_t index) {
    std::string tensorUpper = llvm::StringRef(tensor.cName).upper();
    std::string indexed =
        upper + "_" + kind.upper() + "_" + std::to_string(index);
    std::string named = upper + "_" + tensorUpper;
    os << "/* " << kind << " " << index << ": '" << tensor.onnxName << "' -> "
       << tensor.cType << " " << tensor.cName << "["
       << joinShape(tensor.shape, "][") << "], " << tensor.byteSize
       << " bytes */\n";
    os << "#define " << indexed << "_SIZE " << tensor.byteSize << "u\n"
       << "#define " << indexed << "_NUM_ELEMENTS " << getNumElements(tensor)
       << "u\n"
       << "#define " << indexed << "_RANK " << tensor.shape.size() << "\n"
       << "#define " << indexed << "_SHAPE {" << joinShape(tensor.shape, ", ")
       << "}\n"
       << "#define " << named << "_SIZE " << tensor.byteSize << "u\n"
       << "#define " << named << "_NUM_ELEMENTS " << getNumElements(tensor)
       << "u\n"
       << "#define " << named << "_SHAPE {" << joinShape(tensor.shape, ", ")
       << "}\n";
    if (tensor.arenaOffset) {
      // Accessors: the typed address of the tensor inside an arena.
      os << "/** Byte offset of " << kind << " " << index
         << " in the arena (--io-in-arena). */\n"
         << "#define " << indexed << "_OFFSET " << *tensor.arenaOffset << "u\n"
         << "#define " << named << "_OFFSET " << *tensor.arenaOffset << "u\n"
         << "/** The " << kind << " '" << tensor.onnxName
         << "' inside @p arena: "
         << (kind == "input" ? "write it before" : "read it after") << " "
         << name << "_run(). */\n"
         << "static inline " << tensor.cType << " *" << name << "_" << kind
         << "_" << index << "(void *arena) {\n"
         << "  return (" << tensor.cType << " *)((uint8_t *)arena + " << indexed
         << "_OFFSET);\n"
         << "}\n";
    }
    os << "\n";
  };
  for (auto [index, tensor] : llvm::enumerate(model.inputs))
    describe(tensor, "input", index);
  for (auto [index, tensor] : llvm::enumerate(model.outputs))
    describe(tensor, "output", index);

  os << "/**\n"
     << " * Runs the model once.\n"
     << " *\n";
  if (ioInArena)
    os << " * The inputs and outputs live in the arena (--io-in-arena): write\n"
       << " * each input through " << name << "_input_<n>(arena) before the "
       << "call and read\n"
       << " * each output through " << name
       << "_output_<n>(arena) after it. The\n"
       << " * inputs are not modified; the rest of the arena is scratch.\n"
       << " *\n";
  for (const TensorInterface &tensor : inputParams)
    os << " * @param[in]  " << tensor.cName << " input '" << tensor.onnxName
       << "', " << tensor.cType << "[" << joinShape(tensor.shape, "][") << "] ("
       << tensor.byteSize << " bytes); not modified.\n";
  for (const TensorInterface &tensor : outputParams)
    os << " * @param[out] " << tensor.cName << " output '" << tensor.onnxName
       << "', " << tensor.cType << "[" << joinShape(tensor.shape, "][") << "] ("
       << tensor.byteSize << " bytes); fully written.\n";
  if (externalWeights)
    os << " * @param[in]  weights the contents of " << name << "_weights.bin ("
       << upper << "_WEIGHTS_SIZE\n"
       << " *        bytes), aligned to " << upper
       << "_WEIGHTS_ALIGN bytes; not modified. May be NULL\n"
       << " *        only when " << upper << "_WEIGHTS_SIZE is 0.\n";
  if (ioInArena)
    os << " * @param[in,out] arena inputs, outputs and scratch memory: at "
          "least\n"
       << " *        " << upper << "_ARENA_SIZE bytes aligned to " << upper
       << "_ARENA_ALIGN bytes,\n"
       << " *        owned by the caller; after the call it holds the "
          "outputs and\n"
       << " *        the unchanged inputs, the rest is undefined.\n";
  else
    os << " * @param[in,out] arena scratch memory of at least " << upper
       << "_ARENA_SIZE bytes,\n"
       << " *        aligned to " << upper
       << "_ARENA_ALIGN bytes, owned by the caller; its contents\n"
       << " *        are undefined after the call. May be NULL only when "
       << upper << "_ARENA_SIZE is 0.\n";
  os << " * @param[in] arena_size size of @p arena in bytes.\n"
     << " *\n";
  if (!ioInArena)
    os << " * Buffers must not overlap the arena or each other (except inputs\n"
       << " * with inputs). Element alignment suffices for inputs and "
          "outputs.\n"
       << " *\n";
  os << " * @return MOTE_STATUS_OK; MOTE_STATUS_NULL_ARGUMENT if a pointer is\n"
     << " *         NULL; MOTE_STATUS_ARENA_TOO_SMALL;\n"
     << " *         MOTE_STATUS_ARENA_MISALIGNED"
     << (externalWeights ? "; MOTE_STATUS_WEIGHTS_MISALIGNED" : "")
     << ". Nothing is written\n"
     << " *         on these errors.\n";
  if (options.target.arenaCheck)
    os << " *         Built with --arena-check: MOTE_STATUS_ARENA_CORRUPTED "
          "if a layer\n"
       << " *         wrote outside its buffer (a bug to report); the "
          "outputs are then\n"
       << " *         not to be trusted.\n";
  os << " */\n"
     << "mote_status_t " << name << "_run(";
  bool first = true;
  for (const TensorInterface &tensor : inputParams) {
    os << (first ? "" : ", ") << "const " << tensor.cType << " *"
       << tensor.cName;
    first = false;
  }
  for (const TensorInterface &tensor : outputParams) {
    os << (first ? "" : ", ") << tensor.cType << " *" << tensor.cName;
    first = false;
  }
  if (externalWeights)
    os << (first ? "" : ", ") << "const void *weights";
  os << (first && !externalWeights ? "" : ", ")
     << "void *arena, size_t arena_size);\n\n";

  // --io-in-arena: `_run` takes no tensor pointers, so there is no array
  // variant (mote-build-entry-points does not emit one).
  if (!ioInArena)
    os << "/**\n"
       << " * Same as " << name << "_run(), with the tensors passed as arrays\n"
       << " * of " << upper << "_NUM_INPUTS input and " << upper
       << "_NUM_OUTPUTS output pointers,\n"
       << " * in the order of the parameters of " << name << "_run().\n"
       << " */\n"
       << "mote_status_t " << name
       << "_run_v(const void *const inputs[], void *const outputs[],\n"
       << "    " << (externalWeights ? "const void *weights, " : "")
       << "void *arena, size_t arena_size);\n\n";
  os << "#ifdef __cplusplus\n"
     << "} /* extern \"C\" */\n"
     << "#endif\n\n"
     << "#endif /* " << guard << " */\n";
  return text;
}

} // namespace mote
