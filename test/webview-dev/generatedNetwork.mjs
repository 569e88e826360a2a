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
