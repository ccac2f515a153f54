//===- HeaderWriterTest.cpp - C names and the generated header ------------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#include "mote/Compiler/Compiler.h"

#include "gtest/gtest.h"

using namespace mote;

namespace {

TensorInterface makeTensor(llvm::StringRef onnxName,
                           llvm::ArrayRef<int64_t> shape) {
  TensorInterface tensor;
  tensor.onnxName = onnxName.str();
  tensor.cType = "float";
  tensor.shape.assign(shape.begin(), shape.end());
  tensor.byteSize = 4;
  for (int64_t dim : shape)
    tensor.byteSize *= dim;
  return tensor;
}

TEST(MakeCIdentifier, ReplacesInvalidCharacters) {
  EXPECT_EQ(makeCIdentifier("conv1/weight:0"), "conv1_weight_0");
  EXPECT_EQ(makeCIdentifier("input.1"), "input_1");
}

TEST(MakeCIdentifier, PrefixesLeadingDigitAndEmptyName) {
  EXPECT_EQ(makeCIdentifier("0"), "t_0");
  EXPECT_EQ(makeCIdentifier(""), "t_");
}

TEST(AssignCNames, KeepsNamesUniqueIgnoringCase) {
  CompiledModel model;
  model.inputs = {makeTensor("x", {1}), makeTensor("X", {1})};
  model.outputs = {makeTensor("x", {1})};
  assignCNames(model);
  EXPECT_EQ(model.inputs[0].cName, "x");
  EXPECT_EQ(model.inputs[1].cName, "X_1");
  // "x_1" is taken (as "X_1") too.
  EXPECT_EQ(model.outputs[0].cName, "x_2");
}

TEST(AssignCNames, AvoidsKeywordsTypedefsAndApiNames) {
  CompiledModel model;
  model.inputs = {makeTensor("int", {1}), makeTensor("size_t", {1}),
                  makeTensor("arena", {1})};
  model.outputs = {makeTensor("", {1})};
  assignCNames(model);
  EXPECT_EQ(model.inputs[0].cName, "int_tensor");
  EXPECT_EQ(model.inputs[1].cName, "size_t_tensor");
  EXPECT_EQ(model.inputs[2].cName, "arena_tensor");
  // An unnamed output falls back to its position.
  EXPECT_EQ(model.outputs[0].cName, "output0");
}

TEST(AssignCNames, AvoidsCollisionsWithIndexedMacros) {
  CompiledModel model;
  // `<NAME>_INPUT_0_SIZE` already exists for the first input.
  model.inputs = {makeTensor("input_0", {1})};
  model.outputs = {makeTensor("output_7", {1})};
  assignCNames(model);
  EXPECT_EQ(model.inputs[0].cName, "input_0_tensor");
  // There is no seventh output, so no macro to collide with.
  EXPECT_EQ(model.outputs[0].cName, "output_7");
}

TEST(WriteHeader, DeclaresPrefixedEntryPointsAndMacros) {
  CompiledModel model;
  model.inputs = {makeTensor("image", {1, 1, 8, 8})};
  model.outputs = {makeTensor("probabilities", {1, 10})};
  model.arenaSize = 9792;
  model.arenaAlign = 64;
  assignCNames(model);
  CompileOptions options;
  options.modelName = "digits";
  std::string header = writeHeader(model, options);
  EXPECT_NE(header.find("#define DIGITS_ARENA_SIZE 9792u"), std::string::npos);
  EXPECT_NE(header.find("#define DIGITS_ARENA_ALIGN 64u"), std::string::npos);
  EXPECT_NE(header.find("#define DIGITS_IMAGE_SIZE 256u"), std::string::npos);
  EXPECT_NE(header.find("mote_status_t digits_run(const float *image, "
                        "float *probabilities, void *arena, "
                        "size_t arena_size);"),
            std::string::npos);
  EXPECT_NE(header.find("mote_status_t digits_run_v("), std::string::npos);
  EXPECT_NE(header.find("extern \"C\""), std::string::npos);
}

} // namespace
