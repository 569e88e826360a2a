// Generates schemas/cnn.schema.json from the format table (run: node scripts/gen-schema.mjs).
import { writeFileSync } from "node:fs";

const ref = (name) => ({ $ref: `#/definitions/${name}` });

/** A property: description (plain + markdown), optional default, and a schema body. */
function field(markdown, body, defaultValue) {
  const plain = markdown.replace(/`/g, "").replace(/\*\*/g, "");
  const result = { description: plain, markdownDescription: markdown };
  if (defaultValue !== undefined) result.default = defaultValue;
  if (body.$ref) result.allOf = [body];
  else Object.assign(result, body);
  return result;
}

const activationNames = ["relu", "relu6", "leakyrelu", "elu", "sigmoid", "tanh", "gelu", "silu", "hardswish", "softmax"];
const activationDescriptions = {
  relu: "max(0, x) — torch.nn.ReLU",
  relu6: "min(max(0, x), 6) — torch.nn.ReLU6 (MobileNet)",
  leakyrelu: "x if x > 0 else slope·x (slope 0.01) — torch.nn.LeakyReLU",
  elu: "x if x > 0 else alpha·(eˣ − 1) (alpha 1) — torch.nn.ELU",
  sigmoid: "1 / (1 + e⁻ˣ) — torch.nn.Sigmoid",
  tanh: "hyperbolic tangent — torch.nn.Tanh",
  gelu: "x·Φ(x) — torch.nn.GELU",
  silu: "x·sigmoid(x), also called swish — torch.nn.SiLU",
  hardswish: "x·relu6(x + 3)/6 — torch.nn.Hardswish (MobileNet v3)",
  softmax: "exp(x) normalised to sum 1 over channels ([C,H,W]) or features ([F]) — torch.nn.Softmax(dim=1)",
};
const presetNames = ["identity", "sobel-x", "sobel-y", "scharr-x", "scharr-y", "prewitt-x", "prewitt-y", "laplacian-4", "laplacian-8",
  "gaussian", "box", "sharpen", "emboss", "edge-horizontal", "edge-vertical", "shift-left", "shift-right", "shift-up", "shift-down"];
const presetDescriptions = {
  identity: "passes the input through: 1 in the centre (any size)",
  "sobel-x": "Sobel horizontal gradient [[-1,0,1],[-2,0,2],[-1,0,1]]: vertical edges",
  "sobel-y": "Sobel vertical gradient [[-1,-2,-1],[0,0,0],[1,2,1]]: horizontal edges",
  "scharr-x": "Scharr horizontal gradient [[-3,0,3],[-10,0,10],[-3,0,3]]",
  "scharr-y": "Scharr vertical gradient [[-3,-10,-3],[0,0,0],[3,10,3]]",
  "prewitt-x": "Prewitt horizontal gradient [[-1,0,1],[-1,0,1],[-1,0,1]]",
  "prewitt-y": "Prewitt vertical gradient [[-1,-1,-1],[0,0,0],[1,1,1]]",
  "laplacian-4": "Laplacian, 4-neighbour [[0,-1,0],[-1,4,-1],[0,-1,0]]",
  "laplacian-8": "Laplacian, 8-neighbour [[-1,-1,-1],[-1,8,-1],[-1,-1,-1]]",
  gaussian: "Gaussian blur, binomial weights normalised to sum 1 (3×3 or 5×5)",
  box: "box blur: every weight 1/(kh·kw) (any size)",
  sharpen: "sharpen [[0,-1,0],[-1,5,-1],[0,-1,0]]",
  emboss: "emboss [[-2,-1,0],[-1,1,1],[0,1,2]]",
  "edge-horizontal": "horizontal edges [[1,1,1],[0,0,0],[-1,-1,-1]]",
  "edge-vertical": "vertical edges [[1,0,-1],[1,0,-1],[1,0,-1]]",
  "shift-left": "moves the image one pixel left",
  "shift-right": "moves the image one pixel right",
  "shift-up": "moves the image one pixel up",
  "shift-down": "moves the image one pixel down",
};

const typeDescriptions = {
  conv2d: "2-D convolution (cross-correlation, as torch.nn.Conv2d)",
  convtranspose2d: "2-D transposed convolution, for upsampling (torch.nn.ConvTranspose2d)",
  maxpool2d: "max pooling (torch.nn.MaxPool2d)",
  avgpool2d: "average pooling (torch.nn.AvgPool2d)",
  minpool2d: "min pooling: −maxpool(−x), options as maxpool2d",
  adaptiveavgpool2d: "average pooling to a fixed output size (torch.nn.AdaptiveAvgPool2d)",
  adaptivemaxpool2d: "max pooling to a fixed output size (torch.nn.AdaptiveMaxPool2d)",
  globalavgpool2d: "average over the whole map: output [C, 1, 1]",
  globalmaxpool2d: "maximum over the whole map: output [C, 1, 1]",
  batchnorm2d: "batch normalisation per channel (torch.nn.BatchNorm2d): 2C trainable parameters",
  dropout: "randomly zeroes inputs while training (torch.nn.Dropout); shape unchanged",
  flatten: "[C, H, W] → [C·H·W], needed before linear",
  linear: "fully connected layer (torch.nn.Linear) on a flat input",
  ...Object.fromEntries(activationNames.map((name) => [name, `activation: ${activationDescriptions[name]}`])),
  add: "element-wise sum of 2 or more inputs of the same shape (residual connections)",
  concat: "concatenation along channels of 2 or more inputs with the same H and W (skip connections)",
};
const layerTypes = Object.keys(typeDescriptions);

// ---- field descriptions, shared where the meaning is the same ----
const spatial = "An integer, or `[height, width]`.";
const F = {
  filters: (what) => field(`Number of output channels (${what}). **Required.**`, { type: "integer", minimum: 1 }),
  kernel: (what) => field(`Kernel size of the ${what}. ${spatial} **Required.**`, ref("positiveSpatial")),
  convStride: field(`Step between neighbouring applications of the kernel. ${spatial}`, ref("positiveSpatial"), 1),
  poolStride: field(`Step between neighbouring windows; defaults to the kernel size. ${spatial}`, ref("positiveSpatial")),
  convPadding: field("Zeros added on each side: an integer, `[height, width]`, `\"same\"` (output size = input size; " +
    "an odd total puts the extra pixel bottom/right, as PyTorch; stride 1 only) or `\"valid\"` (no padding). " +
    "Output `H' = floor((H + 2p − d(k−1) − 1)/s) + 1`.", ref("convPadding"), 0),
  transposedPadding: field(`Implicit zero padding removed from each side of the output (PyTorch's \`padding\`). ${spatial} ` +
    "Output `H' = (H−1)s − 2p + d(k−1) + outputPadding + 1`.", ref("nonNegativeSpatial"), 0),
  poolPadding: field(`Padding on each side (−∞ for max, 0 for average), at most half the kernel. ${spatial}`, ref("nonNegativeSpatial"), 0),
  outputPadding: field(`Extra rows/columns added to one side of the output, to pick among the sizes a strided ` +
    `convolution maps to the same input size; smaller than stride or dilation. ${spatial}`, ref("nonNegativeSpatial"), 0),
  dilation: (what) => field(`Spacing between ${what} taps ("atrous"); the effective kernel is \`d(k−1)+1\`. ${spatial}`, ref("positiveSpatial"), 1),
  groups: field("Split input and output channels into this many independent groups; both channel counts must be " +
    "divisible by it. `groups` = input channels (with filters a multiple of it) is a depthwise convolution.", { type: "integer", minimum: 1 }, 1),
  bias: field("Learn one bias per output unit. Set `false` when batch norm follows (it has its own shift).", { type: "boolean" }, true),
  activation: field("Shorthand for an activation right after this layer, shown in the same node; no parameters.", ref("activationName")),
  weights: field("Preview weights only (they change no shape or parameter count): `\"kaiming\"` (PyTorch's default " +
    "initialisation, seeded by `seed`), `\"xavier\"`, `\"zeros\"`, `\"ones\"`, or `{ \"kernels\": [...] }` with one " +
    "kernel per filter (a preset name or a kh×kw matrix; presets are 3×3 unless noted).", ref("weights"), "kaiming"),
  flipKernel: field("Preview only: true convolution (kernel rotated 180°) instead of deep learning's cross-correlation.", { type: "boolean" }, false),
  ceilMode: field("Round the output size up instead of down, so a last partial window is kept (if it starts inside the input or left padding).", { type: "boolean" }, false),
  countIncludePad: field("Count padding zeros in the average's divisor.", { type: "boolean" }, true),
  outputSize: field(`Output height and width; the input is split into that many (possibly overlapping) windows. ${spatial} **Required.**`, ref("positiveSpatial")),
  eps: field("Added to the variance for numerical stability.", { type: "number", exclusiveMinimum: 0 }, 1e-5),
  rate: field("Probability that an input is zeroed while training.", { type: "number", minimum: 0, maximum: 1 }, 0.5),
  units: field("Number of output features. **Required.**", { type: "integer", minimum: 1 }),
  slope: field("Slope for negative inputs.", { type: "number" }, 0.01),
  alpha: field("Scale of the negative part `alpha·(eˣ − 1)`.", { type: "number" }, 1),
  mergeInputs: (what) => field(`Ids of 2 or more earlier layers (or \`"input"\`) to ${what}. **Required.**`,
    { type: "array", minItems: 2, items: ref("layerReference") }),
};

const pool = () => ({ kernel: F.kernel("pooling window"), stride: F.poolStride, padding: F.poolPadding, dilation: F.dilation("window"), ceilMode: F.ceilMode });
const typeFields = {
  conv2d: { filters: F.filters("one kernel per filter"), kernel: F.kernel("convolution"), stride: F.convStride, padding: F.convPadding,
    dilation: F.dilation("kernel"), groups: F.groups, bias: F.bias, activation: F.activation, weights: F.weights, flipKernel: F.flipKernel },
  convtranspose2d: { filters: F.filters("one kernel per filter"), kernel: F.kernel("transposed convolution"), stride: F.convStride,
    padding: F.transposedPadding, outputPadding: F.outputPadding, dilation: F.dilation("kernel"), groups: F.groups, bias: F.bias,
    activation: F.activation, weights: F.weights },
  maxpool2d: pool(),
  avgpool2d: { kernel: F.kernel("pooling window"), stride: F.poolStride, padding: F.poolPadding, ceilMode: F.ceilMode, countIncludePad: F.countIncludePad },
  minpool2d: pool(),
  adaptiveavgpool2d: { outputSize: F.outputSize },
  adaptivemaxpool2d: { outputSize: F.outputSize },
  globalavgpool2d: {}, globalmaxpool2d: {},
  batchnorm2d: { eps: F.eps },
  dropout: { rate: F.rate },
  flatten: {},
  linear: { units: F.units, bias: F.bias, activation: F.activation },
  leakyrelu: { slope: F.slope },
  elu: { alpha: F.alpha },
  add: { inputs: F.mergeInputs("add element-wise (all the same shape)") },
  concat: { inputs: F.mergeInputs("concatenate along channels (same height and width)") },
};
const required = { conv2d: ["filters", "kernel"], convtranspose2d: ["filters", "kernel"], maxpool2d: ["kernel"], avgpool2d: ["kernel"],
  minpool2d: ["kernel"], adaptiveavgpool2d: ["outputSize"], adaptivemaxpool2d: ["outputSize"], linear: ["units"], add: ["inputs"], concat: ["inputs"] };

// ---- completion snippets: one per type ----
const snippetBodies = {
  conv2d: { filters: "^${2:16}", kernel: "^${3:3}", padding: "^${4:1}", activation: "${5:relu}" },
  convtranspose2d: { filters: "^${2:16}", kernel: "^${3:2}", stride: "^${4:2}" },
  maxpool2d: { kernel: "^${2:2}" }, avgpool2d: { kernel: "^${2:2}" }, minpool2d: { kernel: "^${2:2}" },
  adaptiveavgpool2d: { outputSize: "^${2:1}" }, adaptivemaxpool2d: { outputSize: "^${2:1}" },
  batchnorm2d: {}, dropout: { rate: "^${2:0.5}" },
  linear: { units: "^${2:10}" },
  leakyrelu: { slope: "^${2:0.01}" }, elu: { alpha: "^${2:1}" },
  add: { inputs: ["${2:a}", "${3:b}"] }, concat: { inputs: ["${2:a}", "${3:b}"] },
};
const idStem = { conv2d: "conv", convtranspose2d: "up", linear: "fc", batchnorm2d: "bn", maxpool2d: "pool", avgpool2d: "pool", minpool2d: "pool" };
const defaultSnippets = layerTypes.map((type) => ({
  label: type,
  description: typeDescriptions[type],
  body: { id: `\${1:${idStem[type] ?? type}}`, type, ...(snippetBodies[type] ?? {}) },
}));

const branches = layerTypes.map((type) => {
  const then = { properties: typeFields[type] ?? {} };
  if (required[type]) then.required = required[type];
  return { if: { properties: { type: { const: type } }, required: ["type"] }, then };
});

const schema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://cnn-designer.dev/schemas/cnn.schema.json",
  title: "CNN Designer network (*.cnn.json, version 1)",
  description: "A convolutional network: the shape of one input sample and its layers in execution order. Unknown keys are kept and reported as warnings.",
  markdownDescription: "A convolutional network: the shape of one input sample and its `layers` in execution order. Unknown keys are kept and reported as warnings.",
  type: "object",
  required: ["input", "layers"],
  additionalProperties: true,
  properties: {
    version: field("Format version; `1` (optional: a file without it is read as version 1).", { type: "integer", enum: [1] }, 1),
    name: field("Model name, shown in the designer and in summaries.", { type: "string" }),
    input: field("Shape of one input sample, `[channels, height, width]` (no batch dimension), e.g. `[3, 224, 224]` for RGB images.",
      { type: "array", items: { type: "integer", minimum: 1 }, minItems: 3, maxItems: 3, defaultSnippets: [{ label: "RGB 224×224", body: [3, 224, 224] }, { label: "grayscale 28×28", body: [1, 28, 28] }] }, [3, 32, 32]),
    seed: field("Seeds the random weights of previews.", { type: "integer" }, 0),
    layers: field("The layers, in execution order. Each reads the previous layer (the first reads the input) unless it names `inputs`.",
      { type: "array", items: ref("layer") }),
  },
  defaultSnippets: [{
    label: "New network",
    description: "A small convolutional network",
    body: { version: 1, name: "${1:My network}", input: ["^${2:3}", "^${3:32}", "^${4:32}"], layers: [
      { id: "conv1", type: "conv2d", filters: 16, kernel: 3, padding: 1, activation: "relu" },
      { id: "pool1", type: "maxpool2d", kernel: 2 },
      { id: "flatten", type: "flatten" },
      { id: "fc", type: "linear", units: "^${5:10}" },
    ] },
  }],
  definitions: {
    layer: {
      description: "One layer. `type` decides the other fields; unknown keys are kept and reported as warnings.",
      markdownDescription: "One layer. `type` decides the other fields; unknown keys are kept and reported as warnings.",
      type: "object",
      required: ["type"],
      additionalProperties: true,
      properties: {
        id: field("Unique name, `[A-Za-z_][A-Za-z0-9_.-]*` (not `input`). Optional, but only layers with an id can be named in `inputs`; without one the layer is called `<type>_<index>`.", ref("layerId")),
        type: field("The layer's operation.", ref("layerType")),
        inputs: field("Ids of earlier layers (or `\"input\"` for the network input) this layer reads; by default the previous layer. Branches and merges are written this way.",
          { type: "array", minItems: 1, items: ref("layerReference") }),
      },
      allOf: branches,
      defaultSnippets,
    },
    layerType: {
      type: "string",
      enum: layerTypes,
      enumDescriptions: layerTypes.map((type) => typeDescriptions[type]),
      markdownEnumDescriptions: layerTypes.map((type) => typeDescriptions[type]),
    },
    layerId: { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_.-]*$", not: { const: "input" }, errorMessage: "An id is a letter or _ followed by letters, digits, _, . or -; `input` is reserved." },
    layerReference: { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_.-]*$", description: "The id of an earlier layer, or \"input\"." },
    positiveSpatial: { oneOf: [{ type: "integer", minimum: 1 }, { type: "array", items: { type: "integer", minimum: 1 }, minItems: 2, maxItems: 2 }] },
    nonNegativeSpatial: { oneOf: [{ type: "integer", minimum: 0 }, { type: "array", items: { type: "integer", minimum: 0 }, minItems: 2, maxItems: 2 }] },
    convPadding: { oneOf: [{ type: "integer", minimum: 0 }, { type: "array", items: { type: "integer", minimum: 0 }, minItems: 2, maxItems: 2 }, { type: "string", enum: ["same", "valid"], enumDescriptions: ["output size = input size (stride 1)", "no padding"] }] },
    activationName: {
      type: "string",
      enum: activationNames,
      enumDescriptions: activationNames.map((name) => activationDescriptions[name]),
      markdownEnumDescriptions: activationNames.map((name) => activationDescriptions[name]),
    },
    presetName: {
      type: "string",
      enum: presetNames,
      enumDescriptions: presetNames.map((name) => presetDescriptions[name]),
      markdownEnumDescriptions: presetNames.map((name) => presetDescriptions[name]),
    },
    kernelMatrix: { type: "array", minItems: 1, items: { type: "array", minItems: 1, items: { type: "number" } }, description: "A kh×kw matrix of numbers, rows first." },
    weights: {
      oneOf: [
        { type: "string", enum: ["kaiming", "xavier", "zeros", "ones"], enumDescriptions: ["PyTorch's default initialisation (seeded by `seed`)", "Xavier/Glorot uniform", "all 0", "all 1"] },
        {
          type: "object",
          required: ["kernels"],
          properties: {
            kernels: field("Exactly one kernel per filter, each a preset name or a kh×kw matrix matching the layer's kernel size. A filter's kernel is applied to each of its input channels and the results are averaged; bias is 0.",
              { type: "array", minItems: 1, items: { anyOf: [ref("presetName"), ref("kernelMatrix")] } }),
          },
          defaultSnippets: [{ label: "kernels", body: { kernels: ["${1:sobel-x}"] } }],
        },
      ],
    },
  },
};

writeFileSync(new URL("../schemas/cnn.schema.json", import.meta.url), JSON.stringify(schema, null, 2) + "\n");
console.log("types", layerTypes.length);
