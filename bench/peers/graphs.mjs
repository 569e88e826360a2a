// Engine-neutral graphs for the core benchmark: nodes in order, NCHW, weights OIHW.
// Node kinds: conv {input, weight: {shape, data}, bias, stride, pad, groups, relu},
// add {inputs, relu}, maxpool {input, kernel, stride, pad}, gap {input}, linear {input, weight, bias}.

/** mulberry32: the same numbers for every engine. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uniform(random, length, scale) {
  const data = new Float32Array(length);
  for (let index = 0; index < length; index++) data[index] = (random() * 2 - 1) * scale;
  return data;
}

function convNode(random, id, input, inChannels, outChannels, kernel, { stride = 1, pad = 0, groups = 1, relu = false } = {}) {
  const fanIn = (inChannels / groups) * kernel * kernel;
  const shape = [outChannels, inChannels / groups, kernel, kernel];
  return {
    kind: "conv", id, input, stride, pad, groups, relu,
    weight: { shape, data: uniform(random, shape.reduce((a, b) => a * b, 1), Math.sqrt(6 / fanIn)) },
    bias: uniform(random, outChannels, 0.1),
  };
}

/** conv workload: flops = 2 · MACs. */
function convWorkload(name, [channels, height, width], outChannels, kernel, options = {}) {
  const random = seededRandom(name.charCodeAt(1));
  const node = convNode(random, "out", "input", channels, outChannels, kernel, options);
  const outHeight = Math.floor((height + 2 * (options.pad ?? 0) - kernel) / (options.stride ?? 1)) + 1;
  const outWidth = Math.floor((width + 2 * (options.pad ?? 0) - kernel) / (options.stride ?? 1)) + 1;
  const flops = 2 * outChannels * outHeight * outWidth * (channels / (options.groups ?? 1)) * kernel * kernel;
  return { name, inputShape: [channels, height, width], input: uniform(random, channels * height * width, 1), nodes: [node], output: "out", flops };
}

function sobelWorkload(name) {
  const random = seededRandom(7);
  const gx = [-1, 0, 1, -2, 0, 2, -1, 0, 1];
  const gy = [-1, -2, -1, 0, 0, 0, 1, 2, 1];
  const node = { kind: "conv", id: "out", input: "input", stride: 1, pad: 1, groups: 1, relu: false, weight: { shape: [2, 1, 3, 3], data: Float32Array.from([...gx, ...gy]) }, bias: new Float32Array(2) };
  return { name, inputShape: [1, 512, 512], input: uniform(random, 512 * 512, 1), nodes: [node], output: "out", flops: 2 * 2 * 512 * 512 * 9 };
}

function maxPoolWorkload(name) {
  const random = seededRandom(8);
  const node = { kind: "maxpool", id: "out", input: "input", kernel: 3, stride: 2, pad: 1 };
  return { name, inputShape: [64, 112, 112], input: uniform(random, 64 * 112 * 112, 1), nodes: [node], output: "out", flops: 64 * 56 * 56 * 9, unit: "Gop/s" };
}

export function workloads() {
  return [
    convWorkload("(a) 3×224×224→64 k7 s2 p3", [3, 224, 224], 64, 7, { stride: 2, pad: 3 }),
    convWorkload("(b) 64×56×56→64 k3 p1", [64, 56, 56], 64, 3, { pad: 1 }),
    convWorkload("(c) 128×28×28→128 k3 p1", [128, 28, 28], 128, 3, { pad: 1 }),
    convWorkload("(d) 256×14×14→256 k3 p1", [256, 14, 14], 256, 3, { pad: 1 }),
    convWorkload("(e) 64×56×56→256 k1", [64, 56, 56], 256, 1),
    convWorkload("(f) depthwise 32×112×112 k3 p1", [32, 112, 112], 32, 3, { pad: 1, groups: 32 }),
    sobelWorkload("(g) Sobel 1×512×512 k3 p1"),
    maxPoolWorkload("(h) max pool 3×3 s2 p1, 64×112×112"),
    resnet18(),
  ];
}

/** torchvision ResNet-18 at 3×224×224, batch norm folded into the convolutions' bias. */
export function resnet18() {
  const random = seededRandom(18);
  const nodes = [convNode(random, "conv1", "input", 3, 64, 7, { stride: 2, pad: 3, relu: true })];
  nodes.push({ kind: "maxpool", id: "maxpool", input: "conv1", kernel: 3, stride: 2, pad: 1 });
  let previous = "maxpool";
  let channels = 64;
  let flops = 2 * 64 * 112 * 112 * 3 * 49;
  let size = 56;
  for (const [stage, width] of [[1, 64], [2, 128], [3, 256], [4, 512]]) {
    for (const block of [0, 1]) {
      const stride = stage > 1 && block === 0 ? 2 : 1;
      const prefix = `layer${stage}.${block}`;
      size = stride === 2 ? size / 2 : size;
      nodes.push(convNode(random, `${prefix}.conv1`, previous, channels, width, 3, { stride, pad: 1, relu: true }));
      nodes.push(convNode(random, `${prefix}.conv2`, `${prefix}.conv1`, width, width, 3, { pad: 1 }));
      flops += 2 * width * size * size * 9 * (channels + width);
      let shortcut = previous;
      if (stride !== 1 || channels !== width) {
        nodes.push(convNode(random, `${prefix}.downsample`, previous, channels, width, 1, { stride }));
        flops += 2 * width * size * size * channels;
        shortcut = `${prefix}.downsample`;
      }
      nodes.push({ kind: "add", id: `${prefix}.add`, inputs: [`${prefix}.conv2`, shortcut], relu: true });
      previous = `${prefix}.add`;
      channels = width;
    }
  }
  nodes.push({ kind: "gap", id: "avgpool", input: previous });
  nodes.push({ kind: "linear", id: "fc", input: "avgpool", weight: { shape: [1000, 512], data: uniform(random, 512000, Math.sqrt(6 / 512)) }, bias: uniform(random, 1000, 0.1) });
  flops += 2 * 512 * 1000;
  return { name: "ResNet-18 224×224 forward (all activations kept)", inputShape: [3, 224, 224], input: uniform(random, 3 * 224 * 224, 1), nodes, output: "fc", flops };
}
