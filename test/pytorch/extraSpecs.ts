/**
 * Specs beyond the templates for the PyTorch export check: together they use every layer type
 * and every option the exporter writes (rectangular and dilated kernels, "same" with even
 * kernels, "valid", groups, transposed convolutions with output padding, ceil-mode pools,
 * count_include_pad, min pooling, adaptive and global pools, every activation as a layer and as
 * a shorthand, softmax on flat and spatial inputs, add and concat with 3 inputs, preview
 * kernels and initialisers, ids that need renaming for Python). PyTorch is the oracle: the test
 * compares its shapes and parameter counts with the engine's.
 */
export const EXTRA_SPECS: Record<string, object> = {
  upsampling: {
    version: 1, name: "Upsampling options", input: [3, 7, 9],
    layers: [
      { id: "nearest2", type: "upsample2d", scaleFactor: 2 },
      { id: "bilinear_axes", type: "upsample2d", mode: "bilinear", scaleFactor: [1.5, 0.75] },
      { id: "aligned", type: "upsample2d", mode: "bilinear", scaleFactor: 2.25, alignCorners: true },
      { id: "not_aligned", type: "upsample2d", mode: "bilinear", size: [20, 11], alignCorners: false },
      { id: "to_size", type: "upsample2d", mode: "nearest", size: 13 },
      { id: "conv", type: "conv2d", filters: 2, kernel: 3, padding: 1 },
    ],
  },
  convolutions: {
    version: 1, name: "Convolution options", input: [3, 17, 23],
    layers: [
      { id: "rect", type: "conv2d", filters: 6, kernel: [3, 5], stride: [2, 1], padding: [1, 2], activation: "relu" },
      { id: "same_even", type: "conv2d", filters: 6, kernel: 4, padding: "same", activation: "leakyrelu" },
      { id: "same_dilated", type: "conv2d", filters: 6, kernel: [2, 3], dilation: [2, 1], padding: "same", activation: "elu" },
      { id: "valid", type: "conv2d", filters: 8, kernel: 3, stride: 2, padding: "valid", activation: "gelu" },
      { id: "grouped", type: "conv2d", filters: 4, kernel: 1, groups: 2, bias: false, activation: "silu" },
      { id: "dilated", type: "conv2d", filters: 4, kernel: 3, dilation: 2, padding: 2, activation: "hardswish" },
      { id: "act_sigmoid", type: "conv2d", filters: 4, kernel: 1, activation: "sigmoid" },
      { id: "act_tanh", type: "conv2d", filters: 4, kernel: 1, activation: "tanh" },
      { id: "act_relu6", type: "conv2d", filters: 4, kernel: 1, activation: "relu6" },
      { id: "act_softmax", type: "conv2d", filters: 4, kernel: 1, activation: "softmax" },
      { id: "up", type: "convtranspose2d", filters: 4, kernel: 3, stride: 2, padding: 1, outputPadding: 1, activation: "relu" },
      { id: "up_rect", type: "convtranspose2d", filters: 6, kernel: [3, 2], stride: [3, 2], padding: [1, 0], outputPadding: [2, 1], groups: 2, bias: false, activation: "tanh" },
      { id: "up_dilated", type: "convtranspose2d", filters: 2, kernel: 3, dilation: 2, stride: 2, outputPadding: 1 },
    ],
  },
  pools: {
    version: 1, name: "Pool options", input: [4, 19, 21],
    layers: [
      { id: "max_ceil", type: "maxpool2d", kernel: 3, stride: 2, padding: 1, ceilMode: true },
      { id: "min_dilated", type: "minpool2d", kernel: [2, 3], stride: [2, 1], dilation: [1, 2], ceilMode: true },
      { id: "avg_exclude", type: "avgpool2d", kernel: 3, stride: 2, padding: 1, countIncludePad: false, ceilMode: true, inputs: ["input"] },
      { id: "avg_rect", type: "avgpool2d", kernel: [2, 3] },
      { id: "min_padded", type: "minpool2d", kernel: 3, stride: 1, padding: 1, inputs: ["input"] },
      { id: "max_dilated", type: "maxpool2d", kernel: 2, dilation: 2, stride: 1 },
      { id: "adaptive_avg", type: "adaptiveavgpool2d", outputSize: [3, 4], inputs: ["min_dilated"] },
      { id: "flat_a", type: "flatten" },
      { id: "adaptive_max", type: "adaptivemaxpool2d", outputSize: 2, inputs: ["max_dilated"] },
      { id: "flat_b", type: "flatten" },
      { id: "global_avg", type: "globalavgpool2d", inputs: ["avg_rect"] },
      { id: "global_max", type: "globalmaxpool2d", inputs: ["avg_exclude"] },
      { id: "globals", type: "concat", inputs: ["global_avg", "global_max"] },
      { id: "flat_c", type: "flatten" },
      { id: "features", type: "concat", inputs: ["flat_a", "flat_b", "flat_c"] },
      { id: "drop", type: "dropout", rate: 0.2 },
      { id: "classes", type: "linear", units: 5, activation: "softmax" },
    ],
  },
  activations: {
    version: 1, name: "Activations and merges", input: [8, 12, 12],
    layers: [
      { id: "bn", type: "batchnorm2d", eps: 0.001 },
      { id: "relu", type: "relu" },
      { id: "relu6", type: "relu6" },
      { id: "leaky", type: "leakyrelu", slope: 0.2 },
      { id: "elu", type: "elu", alpha: 0.5 },
      { id: "sigmoid", type: "sigmoid" },
      { id: "tanh", type: "tanh" },
      { id: "gelu", type: "gelu" },
      { id: "silu", type: "silu" },
      { id: "hardswish", type: "hardswish" },
      { id: "softmax_spatial", type: "softmax" },
      { id: "branch.a", type: "conv2d", filters: 8, kernel: 3, padding: 1, inputs: ["relu"] },
      { id: "branch.b", type: "conv2d", filters: 8, kernel: 1, inputs: ["gelu"] },
      { id: "sum", type: "add", inputs: ["branch.a", "branch.b", "softmax_spatial"] },
      { id: "joined", type: "concat", inputs: ["sum", "bn", "leaky"] },
      { id: "pooled", type: "globalavgpool2d" },
      { type: "flatten" },
      { id: "head", type: "linear", units: 7, bias: false },
      { id: "probabilities", type: "softmax" },
    ],
  },
  previewWeights: {
    version: 1, name: "Preview weights", input: [4, 16, 16], seed: 3,
    layers: [
      { id: "edges", type: "conv2d", filters: 2, kernel: 3, groups: 2, padding: 1, weights: { kernels: ["sobel-x", [[1, 2, 3], [4, 5, 6], [7, 8, 9]]] } },
      { id: "flipped", type: "conv2d", filters: 4, kernel: [2, 3], padding: "same", weights: { kernels: [[[1, 2, 3], [4, 5, 6]], "box", "identity", [[0, 0, 1], [0, 0, 0]]] }, flipKernel: true },
      { id: "up", type: "convtranspose2d", filters: 4, kernel: 3, stride: 2, groups: 2, weights: { kernels: ["box", "identity", "sobel-y", "laplacian-4"] } },
      { id: "ones", type: "conv2d", filters: 2, kernel: 1, weights: "ones" },
      { id: "zeros", type: "conv2d", filters: 2, kernel: 1, weights: "zeros", bias: false },
      { id: "xavier", type: "conv2d", filters: 2, kernel: 1, weights: "xavier" },
    ],
  },
  pythonNames: {
    version: 1, name: "class", input: [2, 8, 8],
    layers: [
      { id: "forward", type: "conv2d", filters: 4, kernel: 3 },
      { id: "class", type: "relu" },
      { id: "a", type: "conv2d", filters: 4, kernel: 1 },
      { id: "a.b", type: "conv2d", filters: 4, kernel: 1 },
      { id: "x", type: "conv2d", filters: 4, kernel: 1, inputs: ["forward"] },
      { id: "layer-1.keys", type: "add", inputs: ["x", "a.b"] },
      { id: "training", type: "batchnorm2d" },
      { type: "maxpool2d", kernel: 2 },
      { id: "a_b", type: "relu" },
    ],
  },
};
