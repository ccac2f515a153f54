// ===- ort_bench.js - times one model under ONNX Runtime (CPU) -----------=== //
//
// Part of the mote project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
//
// ===--------------------------------------------------------------------=== //
//
// The ONNX Runtime column of the benchmark harness: onnxruntime-node (the CPU
// execution provider), one intra-op and one inter-op thread, all graph
// optimizations, sequential execution.
//
// Usage: node ort_bench.js MODEL.onnx INPUT.bin INPUT.json OUTPUT.bin TRIVIAL_DIR
//
// Loads MODEL.onnx and the trivial model in TRIVIAL_DIR (one Add on four
// floats), makes one warm-up call of each, writes the model's first output to
// OUTPUT.bin (raw float32) and prints
//   ready version=<ort version> warmup_ms=<ms>
// Then it serves the harness on stdin, one command a line:
//   <N> <M>  makes N timed calls of the model, then M of the trivial model,
//            and prints four lines, in ms: the model's wall-clock latencies,
//            its CPU times, the trivial model's latencies, its CPU times
// (CPU time: process.cpuUsage(), user + system; with one ORT thread it
// leaves out time slices other processes took on a shared machine.)
//   quit     exits
// The trivial model's latency is the fixed cost of a call from Node into
// ORT (N-API crossing, tensor wrapping, output allocation); measuring it in
// the same process between the model's batches lets the harness subtract it.
//
// ===--------------------------------------------------------------------=== //

'use strict';

const fs = require('fs');
const path = require('path');
const readline = require('readline');
const ort = require('onnxruntime-node');

const sessionOptions = {
  executionProviders: ['cpu'],
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  graphOptimizationLevel: 'all',
  executionMode: 'sequential',
};

/** Reads a raw float32 file into a tensor of the shape in `jsonPath`. */
function loadInput(binPath, jsonPath) {
  const info = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
  const bytes = fs.readFileSync(binPath);
  const data = new Float32Array(bytes.buffer.slice(
      bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return {name: info.name, tensor: new ort.Tensor('float32', data, info.shape)};
}

/**
 * Wall-clock latencies and CPU times in ms of `count` calls of
 * `session.run(feeds)`, one per call.
 */
async function time(session, feeds, count) {
  const times = new Array(count);
  const cpuTimes = new Array(count);
  for (let i = 0; i < count; ++i) {
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    await session.run(feeds);
    const cpu = process.cpuUsage(cpuStart);
    times[i] = Number(process.hrtime.bigint() - start) / 1e6;
    cpuTimes[i] = (cpu.user + cpu.system) / 1e3;
  }
  return [times, cpuTimes];
}

async function main() {
  const [modelPath, inputBin, inputJson, outputBin, trivialDir] =
      process.argv.slice(2);
  if (!trivialDir) {
    console.error('usage: node ort_bench.js MODEL.onnx INPUT.bin INPUT.json ' +
                  'OUTPUT.bin TRIVIAL_DIR');
    process.exit(2);
  }
  const session = await ort.InferenceSession.create(modelPath, sessionOptions);
  const input = loadInput(inputBin, inputJson);
  const feeds = {[input.name]: input.tensor};

  const trivial = await ort.InferenceSession.create(
      path.join(trivialDir, 'model.onnx'), sessionOptions);
  const trivialInput = loadInput(path.join(trivialDir, 'input.bin'),
                                 path.join(trivialDir, 'input.json'));
  const trivialFeeds = {[trivialInput.name]: trivialInput.tensor};

  const start = process.hrtime.bigint();
  const results = await session.run(feeds);
  const warmupMs = Number(process.hrtime.bigint() - start) / 1e6;
  await trivial.run(trivialFeeds);
  const first = results[session.outputNames[0]];
  fs.writeFileSync(outputBin, Buffer.from(
      first.data.buffer, first.data.byteOffset, first.data.byteLength));

  process.stdout.write(
      `ready version=${ort.env.versions.node} warmup_ms=${warmupMs}\n`);

  const lines = readline.createInterface({input: process.stdin});
  for await (const line of lines) {
    if (line.startsWith('quit')) break;
    const [count, trivialCount] = line.trim().split(/\s+/).map(Number);
    if (!(count > 0) || !(trivialCount >= 0)) {
      console.error(`ort_bench.js: bad command '${line}'`);
      process.exit(1);
    }
    const modelTimes = await time(session, feeds, count);
    const trivialTimes = await time(trivial, trivialFeeds, trivialCount);
    process.stdout.write([...modelTimes, ...trivialTimes]
                             .map((times) => times.join(' ') + '\n')
                             .join(''));
  }
  lines.close();
}

main().catch((error) => {
  console.error(`ort_bench.js: ${error.message || error}`);
  process.exit(1);
});
