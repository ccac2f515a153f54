//===- MoteBase.td - mote dialect definition ---------------*- tablegen -*-===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_DIALECT_MOTE_IR_MOTEBASE_TD
#define MOTE_DIALECT_MOTE_IR_MOTEBASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def Mote_Dialect : Dialect {
  let name = "mote";
  let cppNamespace = "::mote";
  let summary = "Graph-level neural-network operations on ranked tensors";
  let description = [{
    The `mote` dialect is the graph-level IR of the mote compiler. The ONNX
    importer produces it; graph rewrites (constant folding, BatchNormalization
    folding, bias and activation fusion) run on it; `convert-mote-to-linalg`
    lowers it to linalg, tensor, arith and math so that tiling and
    vectorization can follow.

    Every op works on ranked tensors with static shapes. Shape-determining
    ONNX operands (a Reshape's shape, a Slice's starts, a Clip's bounds, ...)
    are compile-time attributes here: the importer folds them to constants
    first. Element types are not fixed by the op definitions: today's lowering
    handles floating-point and integer tensors, and the same ops are meant to
    carry `!quant.uniform` element types (per tensor and per axis) when
    quantization arrives, with verifiers enforcing each op's rules.

    Ops whose result shape follows from their operands and attributes
    implement `InferTypeOpInterface`, so builders can omit the result type
    and the verifier rejects a wrong one. A declared result type is accepted
    when its shape equals the inferred shape and its element type is equal,
    or either one is quantized (a quantized result has its own scale).
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::tensor::TensorDialect"
  ];
  let hasConstantMaterializer = 1;
  let useDefaultAttributePrinterParser = 1;
}

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def Mote_Activation : I32EnumAttr<"Activation",
    "activation function fused into a producer op", [
      I32EnumAttrCase<"none", 0>,
      I32EnumAttrCase<"relu", 1>,
      I32EnumAttrCase<"clip", 2>,
      I32EnumAttrCase<"leaky_relu", 3>,
      I32EnumAttrCase<"sigmoid", 4>,
      I32EnumAttrCase<"hard_sigmoid", 5>,
      I32EnumAttrCase<"hard_swish", 6>,
      I32EnumAttrCase<"tanh", 7>
    ]> {
  let cppNamespace = "::mote";
  let genSpecializedAttr = 0;
}

def Mote_ActivationAttr : EnumAttr<Mote_Dialect, Mote_Activation, "activation"> {
  let assemblyFormat = "`<` $value `>`";
  let description = [{
    The activation applied to each element of an op's result after the op
    itself: `clip` reads `activation_params = [min, max]`, `leaky_relu`
    `[alpha]`, `hard_sigmoid` `[alpha, beta]`; the others take none.
  }];
}

def Mote_PadMode : I32EnumAttr<"PadMode", "how mote.pad fills the border", [
      I32EnumAttrCase<"constant", 0>,
      I32EnumAttrCase<"reflect", 1>,
      I32EnumAttrCase<"edge", 2>
    ]> {
  let cppNamespace = "::mote";
  let genSpecializedAttr = 0;
}
def Mote_PadModeAttr : EnumAttr<Mote_Dialect, Mote_PadMode, "pad_mode"> {
  let assemblyFormat = "`<` $value `>`";
}

def Mote_ResizeMode : I32EnumAttr<"ResizeMode", "interpolation of mote.resize", [
      I32EnumAttrCase<"nearest", 0>,
      I32EnumAttrCase<"linear", 1>
    ]> {
  let cppNamespace = "::mote";
  let genSpecializedAttr = 0;
}
def Mote_ResizeModeAttr : EnumAttr<Mote_Dialect, Mote_ResizeMode, "resize_mode"> {
  let assemblyFormat = "`<` $value `>`";
}

def Mote_CoordinateTransform : I32EnumAttr<"CoordinateTransform",
    "how mote.resize maps an output coordinate to an input coordinate", [
      I32EnumAttrCase<"half_pixel", 0>,
      I32EnumAttrCase<"pytorch_half_pixel", 1>,
      I32EnumAttrCase<"align_corners", 2>,
      I32EnumAttrCase<"asymmetric", 3>,
      I32EnumAttrCase<"tf_half_pixel_for_nn", 4>
    ]> {
  let cppNamespace = "::mote";
  let genSpecializedAttr = 0;
}
def Mote_CoordinateTransformAttr : EnumAttr<Mote_Dialect,
    Mote_CoordinateTransform, "coordinate_transform"> {
  let assemblyFormat = "`<` $value `>`";
}

def Mote_NearestMode : I32EnumAttr<"NearestMode",
    "rounding of mote.resize in nearest mode", [
      I32EnumAttrCase<"round_prefer_floor", 0>,
      I32EnumAttrCase<"round_prefer_ceil", 1>,
      I32EnumAttrCase<"floor", 2>,
      I32EnumAttrCase<"ceil", 3>
    ]> {
  let cppNamespace = "::mote";
  let genSpecializedAttr = 0;
}
def Mote_NearestModeAttr : EnumAttr<Mote_Dialect, Mote_NearestMode, "nearest_mode"> {
  let assemblyFormat = "`<` $value `>`";
}

//===----------------------------------------------------------------------===//
// Base op class
//===----------------------------------------------------------------------===//

class Mote_Op<string mnemonic, list<Trait> traits = []>
    : Op<Mote_Dialect, mnemonic, traits>;

#endif // MOTE_DIALECT_MOTE_IR_MOTEBASE_TD
