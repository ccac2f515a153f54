//===- MatmulToLinalg.cpp - mote.gemm and mote.matmul to linalg -----------===//
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Gemm becomes linalg.matmul (transposes expressed in its indexing maps, so
// constant weights are never copied); numpy matmul becomes linalg.matmul,
// linalg.batch_matmul or, when batch dimensions broadcast against each
// other, a contraction linalg.generic. Bias and beta * C initialize the
// accumulator; alpha and the fused activation follow in one generic.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mote;
using namespace mote::lowering;

namespace {

/// y = lhs * rhs + acc for floats or integers.
static Value createMulAdd(OpBuilder &b, Location loc, Value lhs, Value rhs,
                          Value acc) {
  if (isFloat(acc.getType()))
    return arith::AddFOp::create(b, loc, acc,
                                 arith::MulFOp::create(b, loc, lhs, rhs));
  return arith::AddIOp::create(b, loc, acc,
                               arith::MulIOp::create(b, loc, lhs, rhs));
}

/// Checks the element types shared by gemm and matmul.
static LogicalResult checkMatmulTypes(Operation *op, Value a, Value b,
                                      RankedTensorType resultType) {
  Type elementType = resultType.getElementType();
  for (Value operand : {a, b})
    if (cast<RankedTensorType>(operand.getType()).getElementType() !=
        elementType)
      return reportUnsupported(op, "operands and result must share one "
                                   "element type");
  if (!isFloat(elementType) &&
      !(isSignlessInt(elementType) && !elementType.isInteger(1)))
    return reportUnsupported(op, "element type " + typeToString(elementType) +
                                     " is not supported; use floats or "
                                     "signless integers");
  return success();
}

struct GemmOpLowering : public OpConversionPattern<GemmOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(GemmOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elementType = resultType.getElementType();
    Value a = adaptor.getA(), b = adaptor.getB(), c = adaptor.getC();
    if (failed(checkMatmulTypes(op, a, b, resultType)) ||
        failed(checkActivation(op, op.getActivation(), op.getActivationParams(),
                               elementType)))
      return failure();
    if (cast<RankedTensorType>(a.getType()).getRank() != 2 ||
        cast<RankedTensorType>(b.getType()).getRank() != 2 ||
        resultType.getRank() != 2)
      return reportUnsupported(op, "operands and result must be 2-d");
    double alpha = op.getAlpha().convertToDouble();
    double beta = op.getBeta().convertToDouble();
    if (!isFloat(elementType) && (alpha != 1.0 || beta != 1.0))
      return reportUnsupported(op, "alpha and beta other than 1 need "
                                   "floating-point operands");
    if (c && beta == 0.0)
      c = nullptr;

    // With alpha == 1 the accumulator starts as beta * C; otherwise C joins
    // after the product is scaled.
    bool cInInit = c && alpha == 1.0;
    Value init;
    if (cInInit) {
      init = buildElementwise(
          rewriter, loc, resultType, c,
          [&](OpBuilder &nb, Location nl, ValueRange args) -> Value {
            if (beta == 1.0)
              return args[0];
            return arith::MulFOp::create(
                nb, nl, args[0], createScalar(nb, nl, elementType, beta));
          });
    } else {
      init = createFilled(rewriter, loc, resultType,
                          createScalar(rewriter, loc, elementType, 0.0));
    }

    auto matmul = linalg::MatmulOp::create(rewriter, loc, TypeRange{resultType},
                                           ValueRange{a, b}, ValueRange{init});
    if (op.getTransA() || op.getTransB()) {
      AffineExpr m = getAffineDimExpr(0, context),
                 n = getAffineDimExpr(1, context),
                 k = getAffineDimExpr(2, context);
      auto map = [&](AffineExpr d0, AffineExpr d1) {
        return AffineMapAttr::get(AffineMap::get(3, 0, {d0, d1}, context));
      };
      matmul.setIndexingMapsAttr(rewriter.getArrayAttr(
          {op.getTransA() ? map(k, m) : map(m, k),
           op.getTransB() ? map(n, k) : map(k, n), map(m, n)}));
    }
    Value result = matmul.getResult(0);

    bool lateC = c && !cInInit;
    if (alpha != 1.0 || lateC) {
      SmallVector<Value> inputs = {result};
      if (lateC)
        inputs.push_back(c);
      result = buildElementwise(
          rewriter, loc, resultType, inputs,
          [&](OpBuilder &nb, Location nl, ValueRange args) -> Value {
            Value value = arith::MulFOp::create(
                nb, nl, args[0], createScalar(nb, nl, elementType, alpha));
            if (lateC) {
              Value scaledC = arith::MulFOp::create(
                  nb, nl, args[1], createScalar(nb, nl, elementType, beta));
              value = arith::AddFOp::create(nb, nl, value, scaledC);
            }
            return applyActivationScalar(nb, nl, value, op.getActivation(),
                                         op.getActivationParams());
          });
    } else {
      result = applyActivation(rewriter, loc, result, op.getActivation(),
                               op.getActivationParams());
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct MatMulOpLowering : public OpConversionPattern<MatMulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MatMulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elementType = resultType.getElementType();
    Value a = adaptor.getA(), b = adaptor.getB(), bias = adaptor.getBias();
    if (failed(checkMatmulTypes(op, a, b, resultType)) ||
        failed(checkActivation(op, op.getActivation(), op.getActivationParams(),
                               elementType)))
      return failure();

    // numpy promotion of 1-d operands; the unit dimension leaves the result
    // through the final reshape to the op's type.
    if (cast<RankedTensorType>(a.getType()).getRank() == 1)
      a = insertUnitDim(rewriter, loc, a, 0);
    if (cast<RankedTensorType>(b.getType()).getRank() == 1)
      b = insertUnitDim(rewriter, loc, b, 1);
    auto aType = cast<RankedTensorType>(a.getType());
    auto bType = cast<RankedTensorType>(b.getType());
    ArrayRef<int64_t> aShape = aType.getShape(), bShape = bType.getShape();
    int64_t m = aShape[aShape.size() - 2], k = aShape.back(), n = bShape.back();
    if (bShape[bShape.size() - 2] != k)
      return reportUnsupported(op, "contracted dimensions differ (" + Twine(k) +
                                       " vs " +
                                       Twine(bShape[bShape.size() - 2]) + ")");

    ArrayRef<int64_t> aBatch = aShape.drop_back(2),
                      bBatch = bShape.drop_back(2);
    SmallVector<int64_t> batchShape = getMatmulBatchShape(aShape, bShape);
    int64_t batchCount = 1;
    for (int64_t size : batchShape)
      batchCount *= size;

    auto makeInit = [&](RankedTensorType type) -> Value {
      if (bias)
        return buildElementwise(
            rewriter, loc, type, bias,
            [](OpBuilder &, Location, ValueRange args) { return args[0]; });
      return createFilled(rewriter, loc, type,
                          createScalar(rewriter, loc, elementType, 0.0));
    };

    Value result;
    if (aBatch.empty() && bBatch.empty()) {
      auto type = RankedTensorType::get({m, n}, elementType);
      result =
          linalg::MatmulOp::create(rewriter, loc, TypeRange{type},
                                   ValueRange{a, b}, ValueRange{makeInit(type)})
              .getResult(0);
    } else if (bBatch.empty()) {
      // [batch..., M, K] x [K, N]: one matmul over batch * M rows.
      auto flatA = RankedTensorType::get({batchCount * m, k}, elementType);
      auto type = RankedTensorType::get({batchCount * m, n}, elementType);
      result = linalg::MatmulOp::create(
                   rewriter, loc, TypeRange{type},
                   ValueRange{reshapeTo(rewriter, loc, a, flatA), b},
                   ValueRange{makeInit(type)})
                   .getResult(0);
    } else if (aBatch == bBatch) {
      auto flatA = RankedTensorType::get({batchCount, m, k}, elementType);
      auto flatB = RankedTensorType::get({batchCount, k, n}, elementType);
      auto type = RankedTensorType::get({batchCount, m, n}, elementType);
      result = linalg::BatchMatmulOp::create(
                   rewriter, loc, TypeRange{type},
                   ValueRange{reshapeTo(rewriter, loc, a, flatA),
                              reshapeTo(rewriter, loc, b, flatB)},
                   ValueRange{makeInit(type)})
                   .getResult(0);
    } else {
      // Broadcasting batch dimensions: a contraction generic over
      // (batch..., m, n, k) reads the operands through broadcasting maps.
      SmallVector<int64_t> shape(batchShape);
      shape.push_back(m);
      shape.push_back(n);
      auto type = RankedTensorType::get(shape, elementType);
      result = buildBatchedContraction(rewriter, loc, a, b, makeInit(type),
                                       batchShape, createMulAdd);
    }

    result = reshapeTo(rewriter, loc, result, resultType);
    rewriter.replaceOp(op, applyActivation(rewriter, loc, result,
                                           op.getActivation(),
                                           op.getActivationParams()));
    return success();
  }
};

} // namespace

void mote::lowering::populateMatmulPatterns(RewritePatternSet &patterns) {
  patterns.add<GemmOpLowering, MatMulOpLowering>(patterns.getContext());
}
