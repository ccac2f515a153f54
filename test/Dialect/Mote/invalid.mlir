// RUN: mote-opt %s -split-input-file -verify-diagnostics

// One broken rule per function. Rules that determine the result type are
// checked by type inference, which reports its error and then
// "failed to infer returned types".

func.func @clip_bounds(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'mote.clip' op needs min <= max, got min = 2.000000e+00 and max = 1.000000e+00}}
  %0 = mote.clip %x {min = 2.0, max = 1.0} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @binary_shapes(%a: tensor<2x3xf32>, %b: tensor<4xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{operand shapes [2, 3] and [4] do not broadcast (numpy rules)}}
  // expected-error @+1 {{'mote.add' op failed to infer returned types}}
  %0 = mote.add %a, %b : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @binary_element_types(%a: tensor<3xf32>, %b: tensor<3xi32>) -> tensor<3xf32> {
  // expected-error @+1 {{'mote.mul' op operands must have the same element type, got 'f32' and 'i32'}}
  %0 = mote.mul %a, %b : (tensor<3xf32>, tensor<3xi32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @binary_result_shape(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{'mote.sub' op inferred type(s) 'tensor<3xf32>' are incompatible with return type(s) of operation 'tensor<4xf32>'}}
  // expected-error @+1 {{'mote.sub' op failed to infer returned types}}
  %0 = mote.sub %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @comparison_result(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+2 {{'mote.less' op inferred type(s) 'tensor<3xi1>' are incompatible}}
  // expected-error @+1 {{'mote.less' op failed to infer returned types}}
  %0 = mote.less %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @where_condition(%c: tensor<3xf32>, %a: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'mote.where' op 'condition' must have element type i1, got 'f32'}}
  %0 = mote.where %c, %a, %a : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @conv_weight_rank(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+2 {{'weight' rank (3) must equal 'input' rank (4)}}
  // expected-error @+1 {{'mote.conv' op failed to infer returned types}}
  %0 = mote.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}
      : (tensor<1x3x8x8xf32>, tensor<4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_channels(%x: tensor<1x4x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+2 {{input channels (4) must equal weight.shape[1] (3) * group (1)}}
  // expected-error @+1 {{'mote.conv' op failed to infer returned types}}
  %0 = mote.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}
      : (tensor<1x4x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_group_outputs(%x: tensor<1x4x8x8xf32>, %w: tensor<3x2x3x3xf32>) -> tensor<1x3x6x6xf32> {
  // expected-error @+2 {{output channels (3) must be a multiple of group (2)}}
  // expected-error @+1 {{'mote.conv' op failed to infer returned types}}
  %0 = mote.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 2 : i64}
      : (tensor<1x4x8x8xf32>, tensor<3x2x3x3xf32>) -> tensor<1x3x6x6xf32>
  return %0 : tensor<1x3x6x6xf32>
}

// -----

func.func @conv_strides(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+2 {{'strides' needs 2 entries (one per spatial axis), got 1}}
  // expected-error @+1 {{'mote.conv' op failed to infer returned types}}
  %0 = mote.conv %x, %w {strides = array<i64: 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}
      : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_pads(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+2 {{'pads' needs 4 entries (begin pads, then end pads), got 2}}
  // expected-error @+1 {{'mote.conv' op failed to infer returned types}}
  %0 = mote.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0>, dilations = array<i64: 1, 1>}
      : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_dilations(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+2 {{'dilations' must be positive}}
  // expected-error @+1 {{'mote.conv' op failed to infer returned types}}
  %0 = mote.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 0, 1>}
      : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_window(%x: tensor<1x3x2x2xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x1x1xf32> {
  // expected-error @+2 {{spatial axis 0: the window (3 with dilation) is larger than the padded input (2)}}
  // expected-error @+1 {{'mote.conv' op failed to infer returned types}}
  %0 = mote.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}
      : (tensor<1x3x2x2xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x1x1xf32>
  return %0 : tensor<1x4x1x1xf32>
}

// -----

func.func @conv_bias(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'mote.conv' op 'bias' must have shape [4], got 'tensor<3xf32>'}}
  %0 = mote.conv %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}
      : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_element_types(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf16>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'mote.conv' op 'input' and 'weight' must have the same element type, got 'f32' and 'f16'}}
  %0 = mote.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}
      : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf16>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_activation_params(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'mote.conv' op activation 'clip' takes 2 activation_params, got 1}}
  %0 = mote.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>,
      activation = #mote.activation<clip>, activation_params = array<f32: 6.0>}
      : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_result(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32> {
  // expected-error @+2 {{'mote.conv' op inferred type(s) 'tensor<1x4x6x6xf32>' are incompatible with return type(s) of operation 'tensor<1x4x8x8xf32>'}}
  // expected-error @+1 {{'mote.conv' op failed to infer returned types}}
  %0 = mote.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}
      : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// -----

func.func @conv_transpose_output_padding(%x: tensor<1x4x3x3xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32> {
  // expected-error @+2 {{'output_padding' of spatial axis 0 must be in [0, max(stride, dilation)), got 2}}
  // expected-error @+1 {{'mote.conv_transpose' op failed to infer returned types}}
  %0 = mote.conv_transpose %x, %w {strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>,
      dilations = array<i64: 1, 1>, output_padding = array<i64: 2, 0>}
      : (tensor<1x4x3x3xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32>
  return %0 : tensor<1x2x7x7xf32>
}

// -----

func.func @conv_transpose_channels(%x: tensor<1x4x3x3xf32>, %w: tensor<3x2x3x3xf32>) -> tensor<1x2x5x5xf32> {
  // expected-error @+2 {{input channels (4) must equal weight.shape[0] (3)}}
  // expected-error @+1 {{'mote.conv_transpose' op failed to infer returned types}}
  %0 = mote.conv_transpose %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>,
      dilations = array<i64: 1, 1>, output_padding = array<i64: 0, 0>}
      : (tensor<1x4x3x3xf32>, tensor<3x2x3x3xf32>) -> tensor<1x2x5x5xf32>
  return %0 : tensor<1x2x5x5xf32>
}

// -----

func.func @conv_transpose_bias(%x: tensor<1x4x3x3xf32>, %w: tensor<4x2x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x2x5x5xf32> {
  // expected-error @+1 {{'mote.conv_transpose' op 'bias' must have shape [2], got 'tensor<4xf32>'}}
  %0 = mote.conv_transpose %x, %w, %b {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>,
      dilations = array<i64: 1, 1>, output_padding = array<i64: 0, 0>}
      : (tensor<1x4x3x3xf32>, tensor<4x2x3x3xf32>, tensor<4xf32>) -> tensor<1x2x5x5xf32>
  return %0 : tensor<1x2x5x5xf32>
}

// -----

func.func @gemm_inner(%a: tensor<4x3xf32>, %b: tensor<5x3xf32>) -> tensor<4x3xf32> {
  // expected-error @+2 {{inner dimensions differ: op(a) is 4 x 3, op(b) is 5 x 3}}
  // expected-error @+1 {{'mote.gemm' op failed to infer returned types}}
  %0 = mote.gemm %a, %b : (tensor<4x3xf32>, tensor<5x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @gemm_c(%a: tensor<4x3xf32>, %b: tensor<3x5xf32>, %c: tensor<4xf32>) -> tensor<4x5xf32> {
  // expected-error @+1 {{'mote.gemm' op 'c' of type 'tensor<4xf32>' does not broadcast to the result shape [4, 5]}}
  %0 = mote.gemm %a, %b, %c : (tensor<4x3xf32>, tensor<3x5xf32>, tensor<4xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

func.func @gemm_rank(%a: tensor<2x4x3xf32>, %b: tensor<3x5xf32>) -> tensor<4x5xf32> {
  // expected-error @+2 {{'a' and 'b' must be 2-d, got 'tensor<2x4x3xf32>' and 'tensor<3x5xf32>'}}
  // expected-error @+1 {{'mote.gemm' op failed to infer returned types}}
  %0 = mote.gemm %a, %b : (tensor<2x4x3xf32>, tensor<3x5xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

func.func @matmul_inner(%a: tensor<4x3xf32>, %b: tensor<4x5xf32>) -> tensor<4x5xf32> {
  // expected-error @+2 {{inner dimensions differ: 'a' has 3 columns, 'b' has 4 rows}}
  // expected-error @+1 {{'mote.matmul' op failed to infer returned types}}
  %0 = mote.matmul %a, %b : (tensor<4x3xf32>, tensor<4x5xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

func.func @matmul_batch(%a: tensor<2x4x3xf32>, %b: tensor<3x3x5xf32>) -> tensor<2x4x5xf32> {
  // expected-error @+2 {{batch dimensions [2] and [3] do not broadcast}}
  // expected-error @+1 {{'mote.matmul' op failed to infer returned types}}
  %0 = mote.matmul %a, %b : (tensor<2x4x3xf32>, tensor<3x3x5xf32>) -> tensor<2x4x5xf32>
  return %0 : tensor<2x4x5xf32>
}

// -----

func.func @matmul_bias(%a: tensor<4x3xf32>, %b: tensor<3x5xf32>, %bias: tensor<4xf32>) -> tensor<4x5xf32> {
  // expected-error @+1 {{'mote.matmul' op 'bias' must have shape [5], got 'tensor<4xf32>'}}
  %0 = mote.matmul %a, %b, %bias : (tensor<4x3xf32>, tensor<3x5xf32>, tensor<4xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

func.func @batch_norm_stats(%x: tensor<1x3x4x4xf32>, %s: tensor<3xf32>, %m: tensor<4xf32>) -> tensor<1x3x4x4xf32> {
  // expected-error @+1 {{'mote.batch_norm' op 'mean' must have shape [3], got 'tensor<4xf32>'}}
  %0 = mote.batch_norm %x, %s, %s, %m, %s : (tensor<1x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<4xf32>, tensor<3xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

func.func @layer_norm_axis(%x: tensor<2x4xf32>, %s: tensor<4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'mote.layer_norm' op 'axis' must be in [0, 2), got 2}}
  %0 = mote.layer_norm %x, %s {axis = 2 : i64} : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @layer_norm_scale(%x: tensor<2x4xf32>, %s: tensor<3xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'mote.layer_norm' op 'scale' of type 'tensor<3xf32>' does not broadcast to the normalized shape [4]}}
  %0 = mote.layer_norm %x, %s {axis = 1 : i64} : (tensor<2x4xf32>, tensor<3xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @softmax_axis(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'mote.softmax' op 'axis' must be in [0, 2), got -1}}
  %0 = mote.softmax %x {axis = -1 : i64} : tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @pool_kernel(%x: tensor<1x2x8x8xf32>) -> tensor<1x2x4x4xf32> {
  // expected-error @+2 {{'kernel_shape' needs 2 entries (one per spatial axis), got 3}}
  // expected-error @+1 {{'mote.max_pool' op failed to infer returned types}}
  %0 = mote.max_pool %x {kernel_shape = array<i64: 2, 2, 2>, strides = array<i64: 2, 2>,
      pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>} : (tensor<1x2x8x8xf32>) -> tensor<1x2x4x4xf32>
  return %0 : tensor<1x2x4x4xf32>
}

// -----

func.func @pool_ceil(%x: tensor<1x2x7x7xf32>) -> tensor<1x2x3x3xf32> {
  // With ceil_mode, ceil((7 - 2) / 2) + 1 = 4 windows.
  // expected-error @+2 {{'mote.average_pool' op inferred type(s) 'tensor<1x2x4x4xf32>' are incompatible}}
  // expected-error @+1 {{'mote.average_pool' op failed to infer returned types}}
  %0 = mote.average_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>,
      pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<1x2x7x7xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

func.func @reduce_unsorted(%x: tensor<2x3x4xf32>) -> tensor<2x1x1xf32> {
  // expected-error @+2 {{'axes' must be sorted and unique, got [2, 1]}}
  // expected-error @+1 {{'mote.reduce_sum' op failed to infer returned types}}
  %0 = mote.reduce_sum %x {axes = array<i64: 2, 1>} : (tensor<2x3x4xf32>) -> tensor<2x1x1xf32>
  return %0 : tensor<2x1x1xf32>
}

// -----

func.func @reduce_range(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  // expected-error @+2 {{'axes' entry 3 is out of range [0, 3)}}
  // expected-error @+1 {{'mote.reduce_max' op failed to infer returned types}}
  %0 = mote.reduce_max %x {axes = array<i64: 3>} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

func.func @reshape_count(%x: tensor<2x3xf32>) -> tensor<5xf32> {
  // expected-error @+1 {{'mote.reshape' op must keep the element count, got 6 elements in and 5 out}}
  %0 = mote.reshape %x : (tensor<2x3xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

func.func @reshape_element_type(%x: tensor<2x3xf32>) -> tensor<6xi32> {
  // expected-error @+1 {{'mote.reshape' op must keep the element type, got 'f32' and 'i32'}}
  %0 = mote.reshape %x : (tensor<2x3xf32>) -> tensor<6xi32>
  return %0 : tensor<6xi32>
}

// -----

func.func @transpose_perm(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  // expected-error @+2 {{'perm' [0, 1, 1] is not a permutation of [0, 3)}}
  // expected-error @+1 {{'mote.transpose' op failed to infer returned types}}
  %0 = mote.transpose %x {perm = array<i64: 0, 1, 1>} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

func.func @concat_sizes(%a: tensor<2x3xf32>, %b: tensor<3x3xf32>) -> tensor<2x6xf32> {
  // expected-error @+2 {{input #1 has size 3 on axis 0, input #0 has 2}}
  // expected-error @+1 {{'mote.concat' op failed to infer returned types}}
  %0 = mote.concat %a, %b {axis = 1 : i64} : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

func.func @slice_step(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{'steps' must not be 0 (axis 0)}}
  // expected-error @+1 {{'mote.slice' op failed to infer returned types}}
  %0 = mote.slice %x {starts = array<i64: 0>, ends = array<i64: 4>, steps = array<i64: 0>} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @slice_bounds(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{axis 0: start 0 and end 9 are not clamped for step 1 and size 4}}
  // expected-error @+1 {{'mote.slice' op failed to infer returned types}}
  %0 = mote.slice %x {starts = array<i64: 0>, ends = array<i64: 9>, steps = array<i64: 1>} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @gather_indices(%x: tensor<4x2xf32>, %i: tensor<3xf32>) -> tensor<3x2xf32> {
  // expected-error @+2 {{'indices' must be an integer tensor, got 'tensor<3xf32>'}}
  // expected-error @+1 {{'mote.gather' op failed to infer returned types}}
  %0 = mote.gather %x, %i {axis = 0 : i64} : (tensor<4x2xf32>, tensor<3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @gather_axis(%x: tensor<4x2xf32>, %i: tensor<3xi64>) -> tensor<3x2xf32> {
  // expected-error @+2 {{'axis' must be in [0, 2), got 2}}
  // expected-error @+1 {{'mote.gather' op failed to infer returned types}}
  %0 = mote.gather %x, %i {axis = 2 : i64} : (tensor<4x2xf32>, tensor<3xi64>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @broadcast_to_shape(%x: tensor<3xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'mote.broadcast_to' op operand shape [3] does not broadcast to the result shape [2, 4]}}
  %0 = mote.broadcast_to %x : (tensor<3xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @pad_count(%x: tensor<2x3xf32>) -> tensor<3x3xf32> {
  // expected-error @+2 {{'pads' needs 4 entries (begin pads, then end pads), got 2}}
  // expected-error @+1 {{'mote.pad' op failed to infer returned types}}
  %0 = mote.pad %x {pads = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

// -----

func.func @pad_reflect(%x: tensor<2x3xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'mote.pad' op reflect mode needs pads smaller than the axis size (axis 0 has size 2)}}
  %0 = mote.pad %x {pads = array<i64: 2, 0, 0, 0>, mode = #mote.pad_mode<reflect>} : (tensor<2x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @resize_scales(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x4x4xf32> {
  // expected-error @+1 {{'mote.resize' op 'scales' needs 4 entries (one per axis), got 2}}
  %0 = mote.resize %x {scales = array<f32: 2.0, 2.0>} : (tensor<1x1x2x2xf32>) -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

func.func @dynamic_shape(%x: tensor<?x3xf32>, %y: tensor<3xf32>) -> tensor<?x3xf32> {
  // expected-error @+2 {{'lhs' must have a static shape, got 'tensor<?x3xf32>'}}
  // expected-error @+1 {{'mote.add' op failed to infer returned types}}
  %0 = mote.add %x, %y : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

func.func @where_values(%c: tensor<3xi1>, %a: tensor<3xf32>, %b: tensor<3xi32>) -> tensor<3xf32> {
  // expected-error @+1 {{'mote.where' op 'true_value' and 'false_value' must have the same element type, got 'f32' and 'i32'}}
  %0 = mote.where %c, %a, %b : (tensor<3xi1>, tensor<3xf32>, tensor<3xi32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @quantized_shape(%x: tensor<1x3x8x8x!quant.uniform<i8:f32, 0.1>>, %w: tensor<4x3x3x3x!quant.uniform<i8:f32, 0.1>>)
    -> tensor<1x4x5x5x!quant.uniform<i8:f32, 0.5>> {
  // expected-error @+2 {{'mote.conv' op inferred type(s) 'tensor<1x4x6x6x!quant.uniform<i8:f32, 1.000000e-01>>' are incompatible}}
  // expected-error @+1 {{'mote.conv' op failed to infer returned types}}
  %0 = mote.conv %x, %w {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}
      : (tensor<1x3x8x8x!quant.uniform<i8:f32, 0.1>>, tensor<4x3x3x3x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x4x5x5x!quant.uniform<i8:f32, 0.5>>
  return %0 : tensor<1x4x5x5x!quant.uniform<i8:f32, 0.5>>
}
