//===- MoteOps.td - mote dialect operations ----------------*- tablegen -*-===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#ifndef MOTE_DIALECT_MOTE_IR_MOTEOPS_TD
#define MOTE_DIALECT_MOTE_IR_MOTEOPS_TD

include "mote/Dialect/Mote/IR/MoteBase.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"

/// Result types are inferred from the operands and attributes.
defvar Mote_InferTypeOpInterface = DeclareOpInterfaceMethods<InferTypeOpInterface>;

/// Inferred and declared result types must have the same shape; their element
/// types must be equal unless one is a quantized type (a quantized result
/// carries its own scale). Every op with Mote_InferTypeOpInterface declares it.
defvar Mote_CompatibleReturnTypesDecl = [{
  static bool isCompatibleReturnTypes(::mlir::TypeRange inferred,
                                      ::mlir::TypeRange actual);
}];

//===----------------------------------------------------------------------===//
// Elementwise unary ops
//===----------------------------------------------------------------------===//

class Mote_UnaryOp<string mnemonic, string onnxName, string formula,
                   list<Trait> traits = []>
    : Mote_Op<mnemonic, !listconcat(traits, [Pure, SameOperandsAndResultType])> {
  let summary = "elementwise " # formula;
  let description = "Applies `" # formula # "` to every element (ONNX `"
      # onnxName # "`). Operand and result have the same type.";
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($output)";
}

def Mote_IdentityOp : Mote_UnaryOp<"identity", "Identity", "y = x"> {
  let description = [{
    Returns its operand unchanged (ONNX `Identity`, and `Dropout` at
    inference). It folds away, so canonicalization removes it.
  }];
  let hasFolder = 1;
}
def Mote_ReluOp : Mote_UnaryOp<"relu", "Relu", "y = max(x, 0)">;
def Mote_SigmoidOp : Mote_UnaryOp<"sigmoid", "Sigmoid", "y = 1 / (1 + exp(-x))">;
def Mote_TanhOp : Mote_UnaryOp<"tanh", "Tanh", "y = tanh(x)">;
def Mote_ErfOp : Mote_UnaryOp<"erf", "Erf", "y = erf(x)">;
def Mote_ExpOp : Mote_UnaryOp<"exp", "Exp", "y = exp(x)">;
def Mote_LogOp : Mote_UnaryOp<"log", "Log", "y = log(x)">;
def Mote_SqrtOp : Mote_UnaryOp<"sqrt", "Sqrt", "y = sqrt(x)">;
def Mote_ReciprocalOp : Mote_UnaryOp<"reciprocal", "Reciprocal", "y = 1 / x">;
def Mote_NegOp : Mote_UnaryOp<"neg", "Neg", "y = -x"> {
  let description = [{
    Negates every element (ONNX `Neg`). A small constant folds to a
    constant, so that shape arithmetic such as `Neg(axis)` stays static.
  }];
  let hasFolder = 1;
}
def Mote_AbsOp : Mote_UnaryOp<"abs", "Abs", "y = |x|">;
def Mote_HardSwishOp : Mote_UnaryOp<"hard_swish", "HardSwish",
    "y = x * max(0, min(1, x / 6 + 1 / 2))">;

def Mote_FloorOp : Mote_UnaryOp<"floor", "Floor", "y = floor(x)">;
def Mote_CeilOp : Mote_UnaryOp<"ceil", "Ceil", "y = ceil(x)">;
def Mote_RoundOp : Mote_UnaryOp<"round", "Round",
    "y = x rounded to the nearest integer, halves to even">;
def Mote_SignOp : Mote_UnaryOp<"sign", "Sign", "y = x > 0 ? 1 : (x < 0 ? -1 : 0)">;
def Mote_SinOp : Mote_UnaryOp<"sin", "Sin", "y = sin(x)">;
def Mote_CosOp : Mote_UnaryOp<"cos", "Cos", "y = cos(x)">;
def Mote_TanOp : Mote_UnaryOp<"tan", "Tan", "y = tan(x)">;
def Mote_AsinOp : Mote_UnaryOp<"asin", "Asin", "y = asin(x)">;
def Mote_AcosOp : Mote_UnaryOp<"acos", "Acos", "y = acos(x)">;
def Mote_AtanOp : Mote_UnaryOp<"atan", "Atan", "y = atan(x)">;
def Mote_SinhOp : Mote_UnaryOp<"sinh", "Sinh", "y = sinh(x)">;
def Mote_CoshOp : Mote_UnaryOp<"cosh", "Cosh", "y = cosh(x)">;
def Mote_AsinhOp : Mote_UnaryOp<"asinh", "Asinh", "y = asinh(x)">;
def Mote_AcoshOp : Mote_UnaryOp<"acosh", "Acosh", "y = acosh(x)">;
def Mote_AtanhOp : Mote_UnaryOp<"atanh", "Atanh", "y = atanh(x)">;
def Mote_SoftplusOp : Mote_UnaryOp<"softplus", "Softplus", "y = log(1 + exp(x))">;
def Mote_SoftsignOp : Mote_UnaryOp<"softsign", "Softsign", "y = x / (1 + |x|)">;
def Mote_NotOp : Mote_UnaryOp<"not", "Not", "y = !x (i1)">;

/// Elementwise ops with one float parameter `alpha`.
class Mote_AlphaUnaryOp<string mnemonic, string onnxName, string formula>
    : Mote_Op<mnemonic, [Pure, SameOperandsAndResultType]> {
  let summary = "elementwise " # formula;
  let description = "ONNX `" # onnxName # "`: `" # formula # "` on every "
      # "element of a floating-point tensor.";
  let arguments = (ins AnyRankedTensor:$input, F32Attr:$alpha);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($output)";
}
def Mote_EluOp : Mote_AlphaUnaryOp<"elu", "Elu",
    "y = x < 0 ? alpha * (exp(x) - 1) : x">;
def Mote_CeluOp : Mote_AlphaUnaryOp<"celu", "Celu",
    "y = max(0, x) + min(0, alpha * (exp(x / alpha) - 1))">;
def Mote_ThresholdedReluOp : Mote_AlphaUnaryOp<"thresholded_relu",
    "ThresholdedRelu", "y = x > alpha ? x : 0">;

def Mote_SeluOp : Mote_Op<"selu", [Pure, SameOperandsAndResultType]> {
  let summary = "elementwise y = gamma * (x <= 0 ? alpha * (exp(x) - 1) : x)";
  let description = "ONNX `Selu` on a floating-point tensor.";
  let arguments = (ins AnyRankedTensor:$input, F32Attr:$alpha, F32Attr:$gamma);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($output)";
}

/// Floating-point classification: the result is an i1 tensor of the
/// operand's shape.
class Mote_ClassifyOp<string mnemonic, string onnxName, string what>
    : Mote_Op<mnemonic, [Pure, SameOperandsAndResultShape]> {
  let summary = "elementwise test for " # what # " (ONNX `" # onnxName
      # "`, i1 result)";
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}
def Mote_IsNaNOp : Mote_ClassifyOp<"is_nan", "IsNaN", "NaN"> {
  let description = [{
    ONNX `IsNaN`: true where the floating-point element is NaN. The result
    has element type `i1`.
  }];
  let arguments = (ins AnyRankedTensor:$input);
}
def Mote_IsInfOp : Mote_ClassifyOp<"is_inf", "IsInf", "infinity"> {
  let description = [{
    ONNX `IsInf`: true where the floating-point element is +inf (when
    `detect_positive`) or -inf (when `detect_negative`). The result has
    element type `i1`.
  }];
  let arguments = (ins AnyRankedTensor:$input,
      DefaultValuedAttr<BoolAttr, "true">:$detect_negative,
      DefaultValuedAttr<BoolAttr, "true">:$detect_positive);
}

def Mote_LeakyReluOp : Mote_Op<"leaky_relu", [Pure, SameOperandsAndResultType]> {
  let summary = "elementwise y = x < 0 ? alpha * x : x";
  let description = "ONNX `LeakyRelu`.";
  let arguments = (ins AnyRankedTensor:$input, F32Attr:$alpha);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($output)";
}

def Mote_HardSigmoidOp : Mote_Op<"hard_sigmoid", [Pure, SameOperandsAndResultType]> {
  let summary = "elementwise y = max(0, min(1, alpha * x + beta))";
  let description = "ONNX `HardSigmoid`.";
  let arguments = (ins AnyRankedTensor:$input, F32Attr:$alpha, F32Attr:$beta);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($output)";
}

def Mote_ClipOp : Mote_Op<"clip", [Pure, SameOperandsAndResultType]> {
  let summary = "elementwise y = min(max(x, min), max)";
  let description = [{
    ONNX `Clip`. The bounds are compile-time constants (the importer reads
    them from attributes before opset 11 and from constant operands after);
    a missing bound is the element type's lowest or highest value. The
    verifier requires `min <= max`.
  }];
  let arguments = (ins AnyRankedTensor:$input, F64Attr:$min, F64Attr:$max);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($output)";
  let hasVerifier = 1;
}

def Mote_CastOp : Mote_Op<"cast", [Pure, SameOperandsAndResultShape]> {
  let summary = "elementwise conversion to another element type";
  let description = [{
    ONNX `Cast`: converts each element to the result's element type.
    Float to integer truncates toward zero; integer or float to `i1` is
    `x != 0`. A cast to the operand's own type folds to the operand; a cast
    of a constant folds to a constant.
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `to` type($output)";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Elementwise binary and ternary ops with numpy broadcasting
//===----------------------------------------------------------------------===//

class Mote_BroadcastOp<string mnemonic, list<Trait> traits = []>
    : Mote_Op<mnemonic, !listconcat(traits, [Pure,
          Mote_InferTypeOpInterface])> {
  let extraClassDeclaration = Mote_CompatibleReturnTypesDecl;
}

class Mote_BinaryOp<string mnemonic, string onnxName, string formula,
                    list<Trait> traits = []>
    : Mote_BroadcastOp<mnemonic, traits> {
  let summary = "elementwise " # formula # " with numpy broadcasting";
  let description = "ONNX `" # onnxName # "`: `" # formula # "`, the operands"
      # " broadcast against each other following numpy's rules; both have the"
      # " same element type, and the result's shape is the broadcast shape"
      # " (inferred). Two constant operands (int or float DenseElementsAttr)"
      # " fold to a constant, which is how ONNX shape arithmetic disappears;"
      # " integer division by zero is left unfolded.";
  let arguments = (ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Mote_AddOp : Mote_BinaryOp<"add", "Add", "y = a + b", [Commutative]>;
def Mote_SubOp : Mote_BinaryOp<"sub", "Sub", "y = a - b">;
def Mote_MulOp : Mote_BinaryOp<"mul", "Mul", "y = a * b", [Commutative]>;
def Mote_DivOp : Mote_BinaryOp<"div", "Div", "y = a / b">;
def Mote_PowOp : Mote_BinaryOp<"pow", "Pow", "y = a ^ b">;
def Mote_MaxOp : Mote_BinaryOp<"max", "Max", "y = max(a, b)", [Commutative]>;
def Mote_MinOp : Mote_BinaryOp<"min", "Min", "y = min(a, b)", [Commutative]>;
def Mote_EqualOp : Mote_BinaryOp<"equal", "Equal", "y = a == b (i1)", [Commutative]>;
def Mote_LessOp : Mote_BinaryOp<"less", "Less", "y = a < b (i1)">;
def Mote_GreaterOp : Mote_BinaryOp<"greater", "Greater", "y = a > b (i1)">;

def Mote_GreaterEqualOp : Mote_BinaryOp<"greater_equal", "GreaterOrEqual",
    "y = a >= b (i1)">;
def Mote_LessEqualOp : Mote_BinaryOp<"less_equal", "LessOrEqual",
    "y = a <= b (i1)">;
def Mote_AndOp : Mote_BinaryOp<"and", "And", "y = a && b (i1 operands)",
    [Commutative]>;
def Mote_OrOp : Mote_BinaryOp<"or", "Or", "y = a || b (i1 operands)",
    [Commutative]>;
def Mote_XorOp : Mote_BinaryOp<"xor", "Xor", "y = a != b (i1 operands)",
    [Commutative]>;
def Mote_ModOp : Mote_BinaryOp<"mod", "Mod", "y = a mod b"> {
  let description = [{
    ONNX `Mod` with numpy broadcasting. With `fmod` the remainder has the
    sign of the dividend (C `fmod`, truncated division); without it, the
    sign of the divisor (Python `%`, floored division), which ONNX allows for
    integers only. An integer remainder by zero is 0 at run time (the
    generated code never traps) and is never folded.
  }];
  let arguments = (ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs,
      DefaultValuedAttr<BoolAttr, "false">:$fmod);
}

def Mote_BitShiftLeftOp : Mote_BinaryOp<"bit_shift_left", "BitShift",
    "y = a << b"> {
  let description = [{
    ONNX `BitShift` with `direction = "LEFT"`, with numpy broadcasting, on
    unsigned integer tensors (`ui8` to `ui64`, the types ONNX allows). Bits
    shifted out are lost; a shift by the bit width or more gives 0. Two
    constant operands fold to a constant.
  }];
}
def Mote_BitShiftRightOp : Mote_BinaryOp<"bit_shift_right", "BitShift",
    "y = a >> b"> {
  let description = [{
    ONNX `BitShift` with `direction = "RIGHT"`: a logical (zero-filling)
    shift of unsigned integer tensors with numpy broadcasting; a shift by
    the bit width or more gives 0. Two constant operands fold to a constant.
  }];
}

def Mote_WhereOp : Mote_BroadcastOp<"where"> {
  let summary = "elementwise select with numpy broadcasting";
  let description = [{
    ONNX `Where`: `y = condition ? x : y`, the three operands broadcast
    together; `condition` has element type `i1`, `true_value` and
    `false_value` share an element type, which the result has. Three small
    constant operands fold to a constant.
  }];
  let arguments = (ins AnyRankedTensor:$condition, AnyRankedTensor:$true_value,
                       AnyRankedTensor:$false_value);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = [{
    $condition `,` $true_value `,` $false_value attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Linear algebra and convolution
//===----------------------------------------------------------------------===//

def Mote_ConvOp : Mote_Op<"conv", [Pure,
    Mote_InferTypeOpInterface]> {
  let extraClassDeclaration = Mote_CompatibleReturnTypesDecl;
  let summary = "N-d grouped convolution with optional bias and activation";
  let description = [{
    ONNX `Conv` on NC(D)HW input and M x C/group x kD x kH x kW weights.
    `pads` lists the begin pads of each spatial axis, then the end pads
    (ONNX order), resolved from `auto_pad` by the importer. `group` divides
    both the input channels and the output channels; depthwise convolution
    is `group == C`. The optional `bias` has shape [M]. The fused
    `activation` (with `activation_params`) is applied to the result; the
    fusion pass sets it.

    The result type is inferred: [N, M, out...] with, per spatial axis,
    `out = floor((in + pad_begin + pad_end - dilation * (k - 1) - 1) / stride)
    + 1`. The verifier requires rank >= 3, `weight` of the same rank,
    `C == weight.shape[1] * group`, `M % group == 0`, one stride and one
    dilation per spatial axis (positive), `2 * spatial` non-negative pads,
    `input` and `weight` of the same element type (or quantized), and the
    number of `activation_params` the activation reads.
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$weight,
      Optional<AnyRankedTensor>:$bias,
      DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
      DenseI64ArrayAttr:$dilations,
      DefaultValuedAttr<I64Attr, "1">:$group,
      DefaultValuedAttr<Mote_ActivationAttr, "::mote::Activation::none">:$activation,
      DefaultValuedAttr<DenseF32ArrayAttr, "{}">:$activation_params);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Mote_ConvTransposeOp : Mote_Op<"conv_transpose", [Pure,
    Mote_InferTypeOpInterface]> {
  let extraClassDeclaration = Mote_CompatibleReturnTypesDecl;
  let summary = "N-d grouped transposed convolution";
  let description = [{
    ONNX `ConvTranspose` on NC(D)HW input and C x M/group x kD x kH x kW
    weights. `pads` (begin pads then end pads) and `output_padding` are
    resolved by the importer, including `output_shape` and `auto_pad`.
    The optional `bias` has shape [M], where `M = weight.shape[1] * group`.
    The result type is inferred: per spatial axis `out = stride * (in - 1) +
    output_padding + (k - 1) * dilation + 1 - pad_begin - pad_end`;
    `output_padding` must be below `max(stride, dilation)`.
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$weight,
      Optional<AnyRankedTensor>:$bias,
      DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$pads,
      DenseI64ArrayAttr:$dilations, DenseI64ArrayAttr:$output_padding,
      DefaultValuedAttr<I64Attr, "1">:$group);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Mote_GemmOp : Mote_Op<"gemm", [Pure,
    Mote_InferTypeOpInterface]> {
  let extraClassDeclaration = Mote_CompatibleReturnTypesDecl;
  let summary = "2-d matrix product with optional bias and activation";
  let description = [{
    ONNX `Gemm`: `y = alpha * op(a) * op(b) + beta * c`, where `op`
    transposes when `trans_a`/`trans_b` is set and `c` (at most 2-d)
    broadcasts to [M, N]. The fused `activation` is applied last. The result
    type [M, N] is inferred; the inner dimensions of `op(a)` and `op(b)` must
    agree.
  }];
  let arguments = (ins AnyRankedTensor:$a, AnyRankedTensor:$b,
      Optional<AnyRankedTensor>:$c,
      DefaultValuedAttr<F32Attr, "1.0f">:$alpha,
      DefaultValuedAttr<F32Attr, "1.0f">:$beta,
      DefaultValuedAttr<BoolAttr, "false">:$trans_a,
      DefaultValuedAttr<BoolAttr, "false">:$trans_b,
      DefaultValuedAttr<Mote_ActivationAttr, "::mote::Activation::none">:$activation,
      DefaultValuedAttr<DenseF32ArrayAttr, "{}">:$activation_params);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Mote_MatMulOp : Mote_Op<"matmul", [Pure,
    Mote_InferTypeOpInterface]> {
  let extraClassDeclaration = Mote_CompatibleReturnTypesDecl;
  let summary = "numpy matmul with optional bias and activation";
  let description = [{
    ONNX `MatMul`: 1-d operands are promoted as numpy does, leading batch
    dimensions broadcast (the result type is inferred). The optional `bias`
    has shape [N] (the last dimension of a `b` of rank >= 2) and is added to
    every row; the fused `activation` is applied last.
  }];
  let arguments = (ins AnyRankedTensor:$a, AnyRankedTensor:$b,
      Optional<AnyRankedTensor>:$bias,
      DefaultValuedAttr<Mote_ActivationAttr, "::mote::Activation::none">:$activation,
      DefaultValuedAttr<DenseF32ArrayAttr, "{}">:$activation_params);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Quantization
//===----------------------------------------------------------------------===//

/// The shared part of the quantization ops' descriptions: how scales and zero
/// points are laid out.
defvar Mote_QuantParamsDoc = [{
    A scale (floating point) and a zero point (integer, optional: absent
    means 0) are either per-tensor (rank 0, or rank 1 with one element) or
    per-axis (rank 1 with `input.shape[axis]` elements, one per slice along
    `axis`). `axis` is normalized to [0, rank) and only matters per-axis.
    Scales and zero points are ordinary tensor operands, so they may be
    graph inputs as well as constants. Once both are constants, the pair
    maps one to one onto a quantized element type:
    `!quant.uniform<i8:f32, scale:zero_point>` per-tensor and
    `!quant.uniform<i8:f32:axis, {s0:z0, s1:z1, ...}>` per-axis, which is
    the form a later pass folds these ops into.
}];

def Mote_QuantizeLinearOp : Mote_Op<"quantize_linear", [Pure]> {
  let summary = "affine quantization of a float tensor to integers";
  let description = !strconcat([{
    ONNX `QuantizeLinear` (opsets 10 and 13):
    `y = saturate(round_half_to_even(x / scale) + zero_point)`, where
    `saturate` clamps to the range of the result's integer element type
    (i8, ui8, i16, ui16). The result has the input's shape; its element
    type is the zero point's when there is one.
  }], Mote_QuantParamsDoc);
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$scale,
      Optional<AnyRankedTensor>:$zero_point,
      DefaultValuedAttr<I64Attr, "1">:$axis);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Mote_DequantizeLinearOp : Mote_Op<"dequantize_linear", [Pure]> {
  let summary = "affine dequantization of an integer tensor to float";
  let description = !strconcat([{
    ONNX `DequantizeLinear` (opsets 10 and 13):
    `y = (x - zero_point) * scale`, computed exactly in integers for the
    subtraction and in the scale's float type for the product. The input
    is i8, ui8, i16, ui16 or i32 (the zero point, when present, has the
    same element type); the result has the input's shape and the scale's
    element type.
  }], Mote_QuantParamsDoc);
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$scale,
      Optional<AnyRankedTensor>:$zero_point,
      DefaultValuedAttr<I64Attr, "1">:$axis);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Mote_RequantizeOp : Mote_Op<"requantize", [Pure]> {
  let summary = "rescales an integer accumulator to a narrow quantized type";
  let description = !strconcat([{
    The output stage of the integer-only kernels (ONNX `QLinearMatMul`,
    `QLinearConv`): an i32 accumulator whose real value is
    `input * input_scale` becomes
    `y = saturate(round_half_to_even(input * input_scale / output_scale) +
    output_zero_point)` in the result's integer element type (i8, ui8,
    i16, ui16). `input_scale` is typically the product of the two operand
    scales and may be per-axis (per output channel); `output_scale` and
    `output_zero_point` follow the same layout rules. The multiplier
    `input_scale / output_scale` is what a fixed-point lowering turns into
    an integer multiply and shift on targets without a float unit; the
    current lowering evaluates it in f32, as ONNX's reference does.
  }], Mote_QuantParamsDoc);
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$input_scale,
      AnyRankedTensor:$output_scale,
      Optional<AnyRankedTensor>:$output_zero_point,
      DefaultValuedAttr<I64Attr, "1">:$axis);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Normalization and softmax
//===----------------------------------------------------------------------===//

def Mote_BatchNormOp : Mote_Op<"batch_norm", [Pure,
    AllTypesMatch<["input", "output"]>]> {
  let summary = "inference-mode batch normalization";
  let description = [{
    ONNX `BatchNormalization` in inference mode:
    `y = scale * (x - mean) / sqrt(var + epsilon) + bias` per channel
    (axis 1). `scale`, `bias`, `mean` and `var` have shape [C].
    `mote-fold-batchnorm` folds it into a preceding conv or gemm.
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$scale,
      AnyRankedTensor:$bias, AnyRankedTensor:$mean, AnyRankedTensor:$var,
      DefaultValuedAttr<F32Attr, "1e-5f">:$epsilon);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Mote_LayerNormOp : Mote_Op<"layer_norm", [Pure,
    AllTypesMatch<["input", "output"]>]> {
  let summary = "layer normalization over the trailing axes";
  let description = [{
    ONNX `LayerNormalization`: normalizes over the axes from `axis` to the
    last, then multiplies by `scale` and adds the optional `bias` (both
    broadcast to those axes).
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$scale,
      Optional<AnyRankedTensor>:$bias,
      I64Attr:$axis, DefaultValuedAttr<F32Attr, "1e-5f">:$epsilon);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

class Mote_SoftmaxBase<string mnemonic, string onnxName, string formula>
    : Mote_Op<mnemonic, [Pure, SameOperandsAndResultType]> {
  let summary = onnxName # " along one axis";
  let description = "ONNX `" # onnxName # "` (opset 13 semantics): `" # formula
      # "` along `axis`, which is normalized to [0, rank). The importer"
      # " rewrites the older flatten-to-2-d semantics into this form.";
  let arguments = (ins AnyRankedTensor:$input, I64Attr:$axis);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($output)";
  let hasVerifier = 1;
}
def Mote_SoftmaxOp : Mote_SoftmaxBase<"softmax", "Softmax",
    "y = exp(x - max(x)) / sum(exp(x - max(x)))">;
def Mote_LogSoftmaxOp : Mote_SoftmaxBase<"log_softmax", "LogSoftmax",
    "y = x - max(x) - log(sum(exp(x - max(x))))">;

//===----------------------------------------------------------------------===//
// Pooling and reductions
//===----------------------------------------------------------------------===//

def Mote_MaxPoolOp : Mote_Op<"max_pool", [Pure,
    Mote_InferTypeOpInterface]> {
  let extraClassDeclaration = Mote_CompatibleReturnTypesDecl;
  let summary = "N-d max pooling";
  let description = [{
    ONNX `MaxPool` on NC(D)HW input. `pads` lists begin pads then end pads
    (resolved from `auto_pad` by the importer); padded positions never win.
    The result type is inferred: per spatial axis `span = in + pad_begin +
    pad_end - dilation * (k - 1) - 1`, `out = floor(span / stride) + 1`.
    With `ceil_mode` the output size rounds up (`ceil(span / stride) + 1`),
    and, as in ONNX, drops the last window when it would start at or past
    `in + pad_begin`.
  }];
  let arguments = (ins AnyRankedTensor:$input,
      DenseI64ArrayAttr:$kernel_shape, DenseI64ArrayAttr:$strides,
      DenseI64ArrayAttr:$pads, DenseI64ArrayAttr:$dilations,
      DefaultValuedAttr<BoolAttr, "false">:$ceil_mode);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Mote_AveragePoolOp : Mote_Op<"average_pool", [Pure,
    Mote_InferTypeOpInterface]> {
  let extraClassDeclaration = Mote_CompatibleReturnTypesDecl;
  let summary = "N-d average pooling";
  let description = [{
    ONNX `AveragePool` on NC(D)HW input. With `count_include_pad` the
    divisor counts padded positions (but never positions past the padding
    that `ceil_mode` adds); without it only positions inside the input.
    The output size follows the same rule as `mote.max_pool`.
  }];
  let arguments = (ins AnyRankedTensor:$input,
      DenseI64ArrayAttr:$kernel_shape, DenseI64ArrayAttr:$strides,
      DenseI64ArrayAttr:$pads, DenseI64ArrayAttr:$dilations,
      DefaultValuedAttr<BoolAttr, "false">:$ceil_mode,
      DefaultValuedAttr<BoolAttr, "false">:$count_include_pad);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

class Mote_ReduceOp<string mnemonic, string onnxName, string what>
    : Mote_Op<mnemonic, [Pure, Mote_InferTypeOpInterface]> {
  let extraClassDeclaration = Mote_CompatibleReturnTypesDecl;
  let summary = "reduces by " # what # " over the given axes";
  let description = "ONNX `" # onnxName # "` (and the global pooling ops)."
      # " `axes` are normalized, sorted and unique; with `keepdims` the reduced"
      # " axes stay as size 1. Empty `axes` reduce nothing (the importer"
      # " expands ONNX's reduce-all default).";
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$axes,
      DefaultValuedAttr<BoolAttr, "true">:$keepdims);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}
def Mote_ReduceSumOp : Mote_ReduceOp<"reduce_sum", "ReduceSum", "sum">;
def Mote_ReduceMeanOp : Mote_ReduceOp<"reduce_mean", "ReduceMean", "mean">;
def Mote_ReduceMaxOp : Mote_ReduceOp<"reduce_max", "ReduceMax", "maximum">;
def Mote_ReduceMinOp : Mote_ReduceOp<"reduce_min", "ReduceMin", "minimum">;
def Mote_ReduceProdOp : Mote_ReduceOp<"reduce_prod", "ReduceProd", "product">;

class Mote_ArgReduceOp<string mnemonic, string onnxName, string what>
    : Mote_Op<mnemonic, [Pure, Mote_InferTypeOpInterface]> {
  let extraClassDeclaration = Mote_CompatibleReturnTypesDecl;
  let summary = "index of the " # what # " along one axis";
  let description = "ONNX `" # onnxName # "`: the i64 index of the " # what
      # " along `axis`, normalized to [0, rank). Ties resolve to the first"
      # " index, or the last with `select_last_index`. With `keepdims` the"
      # " reduced axis stays as size 1.";
  let arguments = (ins AnyRankedTensor:$input, I64Attr:$axis,
      DefaultValuedAttr<BoolAttr, "true">:$keepdims,
      DefaultValuedAttr<BoolAttr, "false">:$select_last_index);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}
def Mote_ArgMaxOp : Mote_ArgReduceOp<"arg_max", "ArgMax", "maximum">;
def Mote_ArgMinOp : Mote_ArgReduceOp<"arg_min", "ArgMin", "minimum">;

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

def Mote_ReshapeOp : Mote_Op<"reshape", [Pure]> {
  let summary = "reinterprets a tensor with another static shape";
  let description = [{
    ONNX `Reshape`, `Flatten`, `Squeeze` and `Unsqueeze`: the element type
    and the element count stay, the shape is the result type's.
    Folds: a reshape to the operand's own type is the operand; a reshape of a
    constant is a constant (a resource blob is shared, not copied); a
    reshape of a reshape reads the inner operand.
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Mote_TransposeOp : Mote_Op<"transpose", [Pure,
    Mote_InferTypeOpInterface]> {
  let extraClassDeclaration = Mote_CompatibleReturnTypesDecl;
  let summary = "permutes the axes of a tensor";
  let description = [{
    ONNX `Transpose`: result axis i is input axis `perm[i]`; `perm` is a
    permutation of [0, rank). The identity permutation folds to the operand,
    a transpose of a small constant to a constant.
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$perm);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Mote_ConcatOp : Mote_Op<"concat", [Pure,
    Mote_InferTypeOpInterface]> {
  let extraClassDeclaration = Mote_CompatibleReturnTypesDecl;
  let summary = "joins tensors along one axis";
  let description = [{
    ONNX `Concat`; `axis` is normalized to [0, rank). All inputs have the
    same rank, element type, and sizes except along `axis`. A single input
    folds to itself, small constant inputs to a constant.
  }];
  let arguments = (ins Variadic<AnyRankedTensor>:$inputs, I64Attr:$axis);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$inputs attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Mote_SliceOp : Mote_Op<"slice", [Pure,
    Mote_InferTypeOpInterface]> {
  let extraClassDeclaration = Mote_CompatibleReturnTypesDecl;
  let summary = "strided slice with static, normalized bounds";
  let description = [{
    ONNX `Slice` and `Split`. `starts`, `ends` and `steps` have one entry
    per axis, already clamped by the importer following ONNX's rules: for
    a positive step `0 <= start <= end <= dim`; for a negative step
    `-1 <= end <= start <= dim - 1`. Axis i of the result has
    `max(0, ceil((end - start) / step))` elements. A slice that keeps
    everything folds to its operand, a slice of a small constant to a
    constant.
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$starts,
      DenseI64ArrayAttr:$ends, DenseI64ArrayAttr:$steps);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Mote_GatherOp : Mote_Op<"gather", [Pure,
    Mote_InferTypeOpInterface]> {
  let extraClassDeclaration = Mote_CompatibleReturnTypesDecl;
  let summary = "gathers slices along one axis by index";
  let description = [{
    ONNX `Gather`: the result's shape is `data.shape[:axis] + indices.shape
    + data.shape[axis+1:]`. Negative indices count from the end; indices out
    of range read a clamped position (the generated code never reads out of
    bounds). `indices` are integers. Constant data and indices fold to a
    constant (which is how `Shape -> Gather` disappears).
  }];
  let arguments = (ins AnyRankedTensor:$data, AnyRankedTensor:$indices,
      I64Attr:$axis);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$data `,` $indices attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Mote_GatherElementsOp : Mote_Op<"gather_elements", [Pure,
    Mote_InferTypeOpInterface]> {
  let extraClassDeclaration = Mote_CompatibleReturnTypesDecl;
  let summary = "gathers single elements along one axis by index";
  let description = [{
    ONNX `GatherElements`: `indices` has the rank of `data`, the result has
    the shape of `indices` and the element type of `data`, and
    `y[i0, .., ik, ..] = data[i0, .., indices[i0, .., ik, ..], ..]` with
    the index replaced at `axis`. Negative indices count from the end;
    out-of-range indices read a clamped position (the generated code never
    reads out of bounds). Every non-axis dim of `indices` must not exceed
    the dim of `data`.
  }];
  let arguments = (ins AnyRankedTensor:$data, AnyRankedTensor:$indices,
      I64Attr:$axis);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$data `,` $indices attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Mote_BroadcastToOp : Mote_Op<"broadcast_to", [Pure]> {
  let summary = "broadcasts a tensor to a static shape";
  let description = [{
    ONNX `Expand`: numpy broadcasting of the operand to the result type's
    shape (the importer computes it from the operand and the shape operand).
    Broadcasting to the operand's own type folds to the operand, a small
    constant folds to a constant.
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Mote_PadOp : Mote_Op<"pad", [Pure,
    Mote_InferTypeOpInterface]> {
  let extraClassDeclaration = Mote_CompatibleReturnTypesDecl;
  let summary = "pads (or, with negative amounts, crops) a tensor";
  let description = [{
    ONNX `Pad`: `pads` lists the begin amounts of every axis, then the end
    amounts. `mode` is constant (filled with `value`), reflect or edge;
    reflect needs every pad smaller than its axis. The result type is
    inferred and no axis may end up negative.
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$pads,
      DefaultValuedAttr<Mote_PadModeAttr, "::mote::PadMode::constant">:$mode,
      DefaultValuedAttr<F64Attr, "0.0">:$value);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Mote_ResizeOp : Mote_Op<"resize", [Pure]> {
  let summary = "nearest or linear resampling of the spatial axes";
  let description = [{
    ONNX `Resize` (and `Upsample`). The result type gives the output size;
    `scales` (one per axis) are the factors that map output coordinates
    back to input coordinates through `coordinate_transform`. Linear mode
    interpolates each resized axis independently (bilinear in 2-d).
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseF32ArrayAttr:$scales,
      DefaultValuedAttr<Mote_ResizeModeAttr, "::mote::ResizeMode::nearest">:$mode,
      DefaultValuedAttr<Mote_CoordinateTransformAttr,
          "::mote::CoordinateTransform::half_pixel">:$coordinate_transform,
      DefaultValuedAttr<Mote_NearestModeAttr,
          "::mote::NearestMode::round_prefer_floor">:$nearest_mode);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Mote_ShapeOp : Mote_Op<"shape", [Pure,
    Mote_InferTypeOpInterface]> {
  let extraClassDeclaration = Mote_CompatibleReturnTypesDecl;
  let summary = "the shape of a tensor as a 1-d i64 tensor";
  let description = [{
    ONNX `Shape` (with opset 15's `start`/`end` already applied by the
    importer as a slice). Shapes are static, so it always folds to a
    constant; shape subgraphs (Shape, Gather, Unsqueeze, Concat, ...) fold
    away with it.
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Data-dependent indexing: scatter and top-k
//===----------------------------------------------------------------------===//

def Mote_ScatterNDOp : Mote_Op<"scatter_nd", [Pure,
    Mote_InferTypeOpInterface]> {
  let extraClassDeclaration = Mote_CompatibleReturnTypesDecl;
  let summary = "writes slices of updates into a copy of data at index tuples";
  let description = [{
    ONNX `ScatterND` (the importer also expresses `ScatterElements` and
    `Scatter` with it, by turning each index into a full coordinate tuple).
    `indices` is an integer tensor whose last dim `k` (1 <= k <= rank(data))
    holds coordinate tuples into the first `k` dims of `data`; `updates` has
    the shape `indices.shape[:-1] + data.shape[k:]`. The result is `data`
    with the slice at each tuple replaced by (`reduction = "none"`) or
    combined with (`"add"`, `"mul"`, `"max"`, `"min"`) the matching slice of
    `updates`, applied in row-major order of the tuples, so duplicate tuples
    accumulate. Negative coordinates count from the end of their dim;
    out-of-range coordinates are clamped (the generated code never writes out
    of bounds).
  }];
  let arguments = (ins AnyRankedTensor:$data, AnyRankedTensor:$indices,
      AnyRankedTensor:$updates,
      DefaultValuedAttr<StrAttr, "\"none\"">:$reduction);
  let results = (outs AnyRankedTensor:$output);
  let assemblyFormat = "$data `,` $indices `,` $updates attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Mote_TopKOp : Mote_Op<"top_k", [Pure]> {
  let summary = "the k largest (or smallest) elements along an axis, sorted";
  let description = [{
    ONNX `TopK` with `k` already a static attribute: `values` holds the `k`
    largest (`largest = true`) or smallest elements of each 1-d slice along
    `axis`, in sorted order (largest first, or smallest first), and
    `indices` (i64) their positions in the input. Equal elements keep the
    order of their positions (the lower index comes first), as ONNX asks.
    Both results have the input's shape with `axis` resized to `k`.
  }];
  let arguments = (ins AnyRankedTensor:$input, I64Attr:$k, I64Attr:$axis,
      DefaultValuedAttr<BoolAttr, "true">:$largest);
  let results = (outs AnyRankedTensor:$values, AnyRankedTensor:$indices);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

#endif // MOTE_DIALECT_MOTE_IR_MOTEOPS_TD
