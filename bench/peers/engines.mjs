// The peer engines of the core benchmark, each limited to one thread. prepare(graph)
// returns { run: async () => Float32Array (the engine's own layout), toNchw(data) }.
import { createRequire } from "node:module";
import { onnxModel } from "./onnx.mjs";

const require = createRequire(import.meta.url);

/** NCHW [C,H,W] → NHWC [H,W,C]. */
function toNhwc(data, [channels, height, width]) {
  const result = new Float32Array(data.length);
  for (let c = 0; c < channels; c++) for (let p = 0; p < height * width; p++) result[p * channels + c] = data[c * height * width + p];
  return result;
}

function nhwcToNchw(data, channels) {
  const plane = data.length / channels;
  const result = new Float32Array(data.length);
  for (let p = 0; p < plane; p++) for (let c = 0; c < channels; c++) result[c * plane + p] = data[p * channels + c];
  return result;
}

/** OIHW → HWIO (conv) or HW·C·multiplier (depthwise). */
function filterFor(tf, weight, depthwise) {
  const [o, i, kh, kw] = weight.shape;
  const data = new Float32Array(weight.data.length);
  for (let oc = 0; oc < o; oc++) for (let ic = 0; ic < i; ic++) for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) {
    const source = weight.data[((oc * i + ic) * kh + y) * kw + x];
    data[((y * kw + x) * i + ic) * o + oc] = source; // depthwise: i = 1, so this is [kh, kw, C, 1]
  }
  return depthwise ? tf.tensor4d(data, [kh, kw, o, 1]) : tf.tensor4d(data, [kh, kw, i, o]);
}

let tfPromise = null;
async function loadTf() {
  tfPromise ??= (async () => {
    const tf = require("@tensorflow/tfjs");
    const wasm = require("@tensorflow/tfjs-backend-wasm");
    wasm.setThreadsCount?.(1);
    await tf.setBackend("wasm");
    await tf.ready();
    return tf;
  })();
  return tfPromise;
}

/** @tensorflow/tfjs on `backend` ("cpu" or "wasm"), NHWC. */
export async function tfjsEngine(backend, graph) {
  const tf = await loadTf();
  await tf.setBackend(backend);
  const params = new Map();
  for (const node of graph.nodes) {
    if (node.kind === "conv") params.set(node.id, { filter: filterFor(tf, node.weight, node.groups > 1), bias: tf.tensor1d(node.bias) });
    if (node.kind === "linear") params.set(node.id, { weight: tf.tensor2d(node.weight.data, node.weight.shape).transpose(), bias: tf.tensor1d(node.bias) });
  }
  const input = tf.tensor4d(toNhwc(graph.input, graph.inputShape), [1, graph.inputShape[1], graph.inputShape[2], graph.inputShape[0]]);
  const forward = () => tf.tidy(() => {
    const values = new Map([["input", input]]);
    for (const node of graph.nodes) values.set(node.id, tfNode(tf, node, values, params.get(node.id)));
    return values.get(graph.output);
  });
  return {
    name: backend === "wasm" ? "tfjs-wasm" : "tfjs-cpu",
    run: async () => {
      await tf.setBackend(backend);
      const output = forward();
      const data = output.dataSync();
      output.dispose();
      return data;
    },
    toNchw: (data) => (data.length === 1000 ? data : nhwcToNchw(data, outputChannels(graph))),
  };
}

function outputChannels(graph) {
  const last = graph.nodes[graph.nodes.length - 1];
  return last.kind === "conv" ? last.weight.shape[0] : graph.inputShape[0];
}

function tfNode(tf, node, values, param) {
  switch (node.kind) {
    case "conv": {
      const pad = node.pad === 0 ? "valid" : [[0, 0], [node.pad, node.pad], [node.pad, node.pad], [0, 0]];
      const options = { x: values.get(node.input), filter: param.filter, strides: node.stride, pad, bias: param.bias, activation: node.relu ? "relu" : "linear" };
      return node.groups > 1 ? tf.fused.depthwiseConv2d(options) : tf.fused.conv2d(options);
    }
    case "add": {
      const sum = tf.add(values.get(node.inputs[0]), values.get(node.inputs[1]));
      return node.relu ? tf.relu(sum) : sum;
    }
    case "maxpool":
      return tf.maxPool(values.get(node.input), node.kernel, node.stride, node.pad);
    case "gap":
      return tf.mean(values.get(node.input), [1, 2]);
    case "linear":
      return tf.add(tf.matMul(values.get(node.input), param.weight), param.bias);
    default:
      throw new Error(`tfjs: unknown node kind ${node.kind}`);
  }
}

/** onnxruntime-web (wasm) or onnxruntime-node (native), one thread, NCHW. */
export async function onnxRuntimeEngine(flavour, graph, outputShape) {
  const ort = flavour === "web" ? await import("onnxruntime-web") : require("onnxruntime-node");
  if (flavour === "web") {
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.proxy = false;
  }
  const session = await ort.InferenceSession.create(onnxModel(graph, outputShape), {
    executionProviders: [flavour === "web" ? "wasm" : "cpu"],
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: "sequential",
    graphOptimizationLevel: "all",
  });
  const feeds = { input: new ort.Tensor("float32", graph.input, [1, ...graph.inputShape]) };
  return {
    name: flavour === "web" ? "ort-web" : "ort-node",
    run: async () => (await session.run(feeds))[graph.output].data,
    toNchw: (data) => data,
  };
}
