// A generated ResNet-like network of `layerCount` layers for layout timing: blocks of
// conv-bn-relu-conv-bn-add-relu (7 layers, one skip edge each) on a 64×56×56 tensor.
export function generatedNetworkText(layerCount) {
  const layers = [{ id: "stem", type: "conv2d", filters: 64, kernel: 3, padding: 1 }];
  let blockInput = "stem";
  for (let block = 0; layers.length < layerCount; block++) {
    const name = (suffix) => `b${block}.${suffix}`;
    layers.push(
      { id: name("conv1"), type: "conv2d", filters: 64, kernel: 3, padding: 1, bias: false },
      { id: name("bn1"), type: "batchnorm2d" },
      { id: name("relu1"), type: "relu" },
      { id: name("conv2"), type: "conv2d", filters: 64, kernel: 3, padding: 1, bias: false },
      { id: name("bn2"), type: "batchnorm2d" },
      { id: name("add"), type: "add", inputs: [name("bn2"), blockInput] },
      { id: name("relu"), type: "relu" },
    );
    blockInput = name("relu");
  }
  const spec = { version: 1, name: `Generated (${layerCount} layers)`, input: [3, 56, 56], layers: layers.slice(0, layerCount) };
  return JSON.stringify(spec, null, 2);
}

/** A plain chain of `layerCount` 3×3 convolutions on a 16×32×32 tensor. */
export function chainNetworkText(layerCount) {
  const layers = Array.from({ length: layerCount }, (_, index) => ({ id: `c${index}`, type: "conv2d", filters: 16, kernel: 3, padding: 1 }));
  return JSON.stringify({ version: 1, name: `Chain (${layerCount} layers)`, input: [3, 32, 32], layers }, null, 2);
}

/** A 4-level U-Net whose blocks have `depth` conv-bn-relu triples (depth 7 → 202 layers). */
export function unetNetworkText(depth) {
  const layers = [];
  const block = (prefix, filters) => {
    for (let index = 0; index < depth; index++) {
      layers.push(
        { id: `${prefix}.conv${index}`, type: "conv2d", filters, kernel: 3, padding: 1 },
        { id: `${prefix}.bn${index}`, type: "batchnorm2d" },
        { id: `${prefix}.relu${index}`, type: "relu" },
      );
    }
    return `${prefix}.relu${depth - 1}`;
  };
  const skips = [];
  for (let level = 0; level < 4; level++) {
    skips.push(block(`enc${level}`, 16 << level));
    layers.push({ id: `pool${level}`, type: "maxpool2d", kernel: 2 });
  }
  block("bottleneck", 256);
  for (let level = 3; level >= 0; level--) {
    layers.push({ id: `up${level}`, type: "convtranspose2d", filters: 16 << level, kernel: 2, stride: 2 });
    layers.push({ id: `cat${level}`, type: "concat", inputs: [`up${level}`, skips[level]] });
    block(`dec${level}`, 16 << level);
  }
  layers.push({ id: "head", type: "conv2d", filters: 2, kernel: 1 });
  return JSON.stringify({ version: 1, name: `U-Net (${layers.length} layers)`, input: [3, 256, 256], layers }, null, 2);
}
