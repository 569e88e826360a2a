// Generated files for large-files.mjs (written at run time into a throwaway folder; nothing big
// is committed). Expected parameter counts are computed here from PyTorch's formulas, not read
// from the extension: Conv2d(cin, cout, k, bias) = cout·cin·k² (+ cout), BatchNorm2d(c) = 2c
// (weight and bias; running statistics are buffers), Linear(in, out) = in·out + out.
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const convParams = (cin, cout, kernel, bias) => cout * cin * kernel * kernel + (bias ? cout : 0);
const batchNormParams = (channels) => 2 * channels;
const linearParams = (inputs, units) => inputs * units + units;

/**
 * A ResNet-style network of exactly 200 layers: a stem convolution, 28 basic blocks of 7 layers
 * (conv, bn, relu, conv, bn, add with the block's input, relu), then global pooling, flatten and
 * a linear classifier. Returns { text, layers, params, classifier, paramsWithUnits(units) }.
 */
export function resnet200(width = 16, classes = 10) {
  const layers = [{ id: "stem", type: "conv2d", filters: width, kernel: 3, padding: 1, activation: "relu" }];
  let params = convParams(3, width, 3, true);
  let previous = "stem";
  for (let block = 1; block <= 28; block++) {
    const name = (part) => `b${block}_${part}`;
    layers.push(
      { id: name("conv1"), type: "conv2d", filters: width, kernel: 3, padding: 1, bias: false, inputs: [previous] },
      { id: name("bn1"), type: "batchnorm2d" },
      { id: name("relu1"), type: "relu" },
      { id: name("conv2"), type: "conv2d", filters: width, kernel: 3, padding: 1, bias: false },
      { id: name("bn2"), type: "batchnorm2d" },
      { id: name("add"), type: "add", inputs: [previous, name("bn2")] },
      { id: name("out"), type: "relu" },
    );
    params += 2 * convParams(width, width, 3, false) + 2 * batchNormParams(width);
    previous = name("out");
  }
  layers.push({ id: "pool", type: "globalavgpool2d" }, { id: "flat", type: "flatten" }, { id: "fc", type: "linear", units: classes });
  const withoutClassifier = params;
  params += linearParams(width, classes);
  const spec = { version: 1, name: "ResNet-200 layers (generated)", input: [3, 32, 32], layers };
  return {
    text: `${JSON.stringify(spec, null, 2)}\n`,
    layers: layers.length,
    params,
    classifier: "fc",
    paramsWithUnits: (units) => withoutClassifier + linearParams(width, units),
  };
}

/** LeNet-5 (61,706 parameters) followed by a top-level "weights" array that makes the file ~10 MB. */
export function tenMegabytes(targetBytes = 10 * 1024 * 1024) {
  const head = `{
  "version": 1,
  "name": "LeNet-5 with 10 MB of weights",
  "input": [1, 32, 32],
  "layers": [
    { "id": "c1", "type": "conv2d", "filters": 6, "kernel": 5, "activation": "relu" },
    { "id": "s2", "type": "maxpool2d", "kernel": 2 },
    { "id": "c3", "type": "conv2d", "filters": 16, "kernel": 5, "activation": "relu" },
    { "id": "s4", "type": "maxpool2d", "kernel": 2 },
    { "id": "flat", "type": "flatten" },
    { "id": "f5", "type": "linear", "units": 120, "activation": "relu" },
    { "id": "f6", "type": "linear", "units": 84, "activation": "relu" },
    { "id": "out", "type": "linear", "units": 10, "activation": "softmax" }
  ],
  "weights": [`;
  const rows = [];
  let size = head.length;
  for (let row = 0; size < targetBytes; row++) {
    const numbers = Array.from({ length: 16 }, (_, column) => (Math.sin(row * 16 + column) * 0.5).toFixed(6));
    const line = `\n    ${numbers.join(", ")}`;
    rows.push(line);
    size += line.length + 1;
  }
  const params = convParams(1, 6, 5, true) + convParams(6, 16, 5, true) +
    linearParams(400, 120) + linearParams(120, 84) + linearParams(84, 10);
  return { text: `${head}${rows.join(",")}\n  ]\n}\n`, params };
}

/** Valid JSON nested `depth` levels deep where the layers should be. */
export function deeplyNested(depth = 100_000) {
  return `{ "version": 1, "input": [1, 8, 8], "layers": ${"[".repeat(depth)}${"]".repeat(depth)} }\n`;
}

/** `count` layers: a 3→8 convolution, then 8→8 convolutions and ReLUs alternating. */
export function manyLayers(count = 10_000) {
  const layers = [];
  let params = 0;
  for (let index = 0; index < count; index++) {
    if (index % 2 === 1) {
      layers.push({ id: `r${index}`, type: "relu" });
      continue;
    }
    layers.push({ id: `c${index}`, type: "conv2d", filters: 8, kernel: 3, padding: 1 });
    params += convParams(index === 0 ? 3 : 8, 8, 3, true);
  }
  return { text: `${JSON.stringify({ version: 1, name: `${count} layers`, input: [3, 16, 16], layers }, null, 1)}\n`, layers: count, params };
}

/** Bytes from a fixed pseudo-random sequence (not UTF-8, not JSON). */
export function binaryGarbage(length = 64 * 1024) {
  const bytes = Buffer.alloc(length);
  let state = 0x9e3779b9;
  for (let index = 0; index < length; index++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[index] = state >>> 24;
  }
  bytes[0] = 0x89; // a PNG-like start and NUL bytes: what a mis-named binary file looks like
  bytes[1] = 0x00;
  return bytes;
}

/** Writes every generated file into `folder`; returns their names and expectations. */
export function writeLargeSpecs(folder) {
  const resnet = resnet200();
  const big = tenMegabytes();
  const many = manyLayers();
  const files = {
    resnet: { name: "resnet200.cnn.json", ...resnet },
    big: { name: "big-10mb.cnn.json", ...big },
    deep: { name: "deep-nesting.cnn.json", text: deeplyNested() },
    many: { name: "layers-10000.cnn.json", ...many },
    garbage: { name: "x.cnn.json", bytes: binaryGarbage() },
  };
  for (const file of Object.values(files)) {
    const content = file.bytes ?? file.text;
    writeFileSync(join(folder, file.name), content);
    file.bytes = content.length;
  }
  return files;
}
