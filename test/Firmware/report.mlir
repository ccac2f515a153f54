// motec --report: one row per mote op after graph optimization (the ReLU is
// fused into conv1), with the ONNX node name from the location, the output
// shape, MACs, weight bytes and arena placement; totals for flash (sections
// of the object), RAM (the arena plus the entry point's stack depth) and the
// entry point's stack frame.
//
// conv1: 1x4x8x8 outputs x (3 inputs x 3x3) = 6912 MACs, 4x3x3x3 + 4 floats
//        = 448 weight bytes; its only buffer is its output (the model's only
//        intermediate, 1024 bytes), which fills the arena: under
//        --optimize=size (the default here) mote-decompose-padded-conv reads
//        the input without a zero-padded copy.
// conv2: 1x2x8x8 outputs x 4 inputs (1x1) = 512 MACs, 2x4 + 2 floats = 40.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: motec %s -o %t/r.o --name=tiny --target=thumbv7em-none-eabihf --mcpu=cortex-m4 --report | FileCheck %s --check-prefix=TEXT
// RUN: motec %s -o %t/r.o --name=tiny --target=thumbv7em-none-eabihf --mcpu=cortex-m4 --report=%t/r.json --report-format=json
// RUN: FileCheck %s --check-prefix=JSON < %t/r.json
// RUN: %python -c "import json,sys; r=json.load(open(sys.argv[1])); t=r['totals']; assert t['macs']==7424, r; assert r['stack']['bytes'] > 0 and t['ram_bytes']==t['arena_bytes']+r['stack']['bytes'], r; print('json ok')" %t/r.json | FileCheck %s --check-prefix=PARSE
// The report is written only with the object file.
// RUN: not motec %s --emit=llvm-ir -o %t/r.ll --report 2>&1 | FileCheck %s --check-prefix=ERR

// TEXT: model 'tiny' for thumbv7em-unknown-none-eabihf
// TEXT-NEXT: layer op node output MACs weights  arena [offset+bytes]
// TEXT-NEXT: 0     mote.conv conv1 1x4x8x8 f32 6912 448  0+1024
// TEXT-NEXT: 1     mote.conv conv2 1x2x8x8 f32 512 40  -
// TEXT-NEXT: total: 2 layers, 7424 MACs, 488 weight bytes
// TEXT-NEXT: flash: [[FLASH:[1-9][0-9]*]] bytes (.text [[TEXT:[1-9][0-9]*]], .rodata [[RODATA:[1-9][0-9]*]], other {{[0-9]+}})
// TEXT-NEXT: arena: 1024 bytes, lower bound {{[0-9]+}} (peak at '{{.*}}'), placement {{[a-z-]+}}, --optimize=size
// TEXT-NEXT: ram: {{[0-9]+}} bytes (arena 1024, align 16; .bss 0; stack [[#STACK:]])
// TEXT-NEXT: stack: tiny_run [[#STACK]] bytes (the entry point's frame;

// JSON: "model": "tiny",
// JSON: "layers": [
// JSON: "op": "mote.conv",
// JSON-NEXT: "node": "conv1",
// JSON-NEXT: "output_shape": [
// JSON-NEXT: 1,
// JSON-NEXT: 4,
// JSON-NEXT: 8,
// JSON-NEXT: 8
// JSON-NEXT: ],
// JSON-NEXT: "element_type": "f32",
// JSON-NEXT: "macs": 6912,
// JSON-NEXT: "weight_bytes": 448,
// JSON-NEXT: "arena": [
// JSON-NEXT: {
// JSON-NEXT: "offset": 0,
// JSON-NEXT: "bytes": 1024
// JSON-NEXT: }
// JSON-NEXT: ]
// JSON: "node": "conv2",
// JSON: "macs": 512,
// JSON: "totals": {
// JSON-NEXT: "layers": 2,
// JSON-NEXT: "macs": 7424,
// JSON-NEXT: "weight_bytes": 488,
// JSON-NEXT: "flash_bytes": {{[1-9][0-9]*}},
// JSON: "arena_bytes": 1024,
// JSON: "stack": {
// JSON-NEXT: "entry": "tiny_run",
// JSON-NEXT: "bytes": {{[0-9]+}},
// JSON-NEXT: "exact": true,
// JSON: "frames": [
// JSON: "function": "tiny_run",

// PARSE: json ok
// ERR: motec: error: --report needs --emit=obj

module {
  func.func @main(%x: tensor<1x3x8x8xf32> {mote.name = "image"})
      -> (tensor<1x2x8x8xf32> {mote.name = "features"}) {
    %w1 = arith.constant dense<0.125> : tensor<4x3x3x3xf32>
    %b1 = arith.constant dense<[0.5, -1.0, 0.25, 0.0]> : tensor<4xf32>
    %c1 = mote.conv %x, %w1, %b1 {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32> loc("conv1")
    %r1 = mote.relu %c1 : tensor<1x4x8x8xf32> loc("relu1")
    %w2 = arith.constant dense<[[[[1.0]], [[-1.0]], [[0.5]], [[2.0]]], [[[0.25]], [[0.0]], [[1.0]], [[-0.5]]]]> : tensor<2x4x1x1xf32>
    %b2 = arith.constant dense<[0.0, 1.0]> : tensor<2xf32>
    %c2 = mote.conv %r1, %w2, %b2 {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x4x8x8xf32>, tensor<2x4x1x1xf32>, tensor<2xf32>) -> tensor<1x2x8x8xf32> loc("conv2")
    return %c2 : tensor<1x2x8x8xf32>
  }
}
