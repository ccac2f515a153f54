//===- ShapeTextTest.cpp - parsing --input-shape dimensions ---------------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#include "mote/Import/OnnxImporter.h"

#include "gtest/gtest.h"

using namespace mote;

namespace {

TEST(ParseShapeText, ParsesDimensions) {
  llvm::SmallVector<int64_t> dims;
  ASSERT_TRUE(parseShapeText("1x3x224x224", dims));
  EXPECT_EQ(dims, (llvm::SmallVector<int64_t>{1, 3, 224, 224}));
  ASSERT_TRUE(parseShapeText("7", dims));
  EXPECT_EQ(dims, (llvm::SmallVector<int64_t>{7}));
}

TEST(ParseShapeText, RejectsMalformedText) {
  llvm::SmallVector<int64_t> dims;
  EXPECT_FALSE(parseShapeText("", dims));
  EXPECT_FALSE(parseShapeText("1xx3", dims));
  EXPECT_FALSE(parseShapeText("1x-3", dims));
  EXPECT_FALSE(parseShapeText("1x3x", dims));
  EXPECT_FALSE(parseShapeText("axb", dims));
}

} // namespace
