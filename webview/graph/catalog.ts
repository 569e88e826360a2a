/**
 * Every layer type of the format (spec-format.md §1) with its fields, defaults and the
 * values the palette gives a new layer. Pure data: the palette and the inspector read it.
 */

export type FieldKind =
  | "int" // positive integer
  | "number" // any finite number (range checked by `min`/`max`)
  | "bool"
  | "spatial" // integer or [height, width]
  | "convPadding" // spatial, "same" or "valid"
  | "activation"
  | "weights"
  | "inputs" // list of earlier layer ids
  | "shape" // [C, H, W] of positive integers (the network input)
  | "id";

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  required?: boolean;
  /** Shown as the placeholder: the value used when the key is absent. */
  defaultText?: string;
  /** Inclusive lower bound for numbers / integers. */
  min?: number;
  /** Exclusive upper bound for numbers. */
  maxExclusive?: number;
  /** Zero allowed for spatial values (padding). */
  allowZero?: boolean;
  help?: string;
}

export const activationTypes = [
  "relu", "relu6", "leakyrelu", "elu", "sigmoid", "tanh", "gelu", "silu", "hardswish", "softmax",
] as const;

export const weightPresets = ["kaiming", "xavier", "zeros", "ones"] as const;

const idField: FieldSpec = { name: "id", kind: "id", help: "Unique name; other layers refer to it in inputs." };
const inputsField: FieldSpec = { name: "inputs", kind: "inputs", defaultText: "previous layer", help: "Ids of earlier layers, or input." };
const mergeInputs: FieldSpec = { name: "inputs", kind: "inputs", required: true, help: "Two or more ids of earlier layers." };

const filters: FieldSpec = { name: "filters", kind: "int", required: true, min: 1 };
const kernel: FieldSpec = { name: "kernel", kind: "spatial", required: true };
const stride1: FieldSpec = { name: "stride", kind: "spatial", defaultText: "1" };
const strideKernel: FieldSpec = { name: "stride", kind: "spatial", defaultText: "= kernel" };
const padding0: FieldSpec = { name: "padding", kind: "spatial", defaultText: "0", allowZero: true };
const dilation: FieldSpec = { name: "dilation", kind: "spatial", defaultText: "1" };
const groups: FieldSpec = { name: "groups", kind: "int", defaultText: "1", min: 1 };
const bias: FieldSpec = { name: "bias", kind: "bool", defaultText: "true" };
const activation: FieldSpec = { name: "activation", kind: "activation", defaultText: "none" };
const weights: FieldSpec = { name: "weights", kind: "weights", defaultText: "kaiming", help: "Preview weights only." };
const ceilMode: FieldSpec = { name: "ceilMode", kind: "bool", defaultText: "false" };

const poolFields: FieldSpec[] = [kernel, strideKernel, padding0, dilation, ceilMode];

/** Fields per type, in the order the inspector shows them (id and inputs come first). */
const typeFields: Record<string, FieldSpec[]> = {
  conv2d: [
    filters, kernel, stride1,
    { name: "padding", kind: "convPadding", defaultText: "0", allowZero: true },
    dilation, groups, bias, activation, weights,
    { name: "flipKernel", kind: "bool", defaultText: "false", help: "True convolution (kernel rotated 180°)." },
  ],
  convtranspose2d: [
    filters, kernel, stride1, padding0,
    { name: "outputPadding", kind: "spatial", defaultText: "0", allowZero: true },
    dilation, groups, bias, activation, weights,
  ],
  maxpool2d: poolFields,
  minpool2d: poolFields,
  avgpool2d: [kernel, strideKernel, padding0, ceilMode, { name: "countIncludePad", kind: "bool", defaultText: "true" }],
  adaptiveavgpool2d: [{ name: "outputSize", kind: "spatial", required: true }],
  adaptivemaxpool2d: [{ name: "outputSize", kind: "spatial", required: true }],
  globalavgpool2d: [],
  globalmaxpool2d: [],
  batchnorm2d: [{ name: "eps", kind: "number", defaultText: "1e-5", min: Number.MIN_VALUE }],
  dropout: [{ name: "rate", kind: "number", defaultText: "0.5", min: 0, maxExclusive: 1 }],
  flatten: [],
  linear: [{ name: "units", kind: "int", required: true, min: 1 }, bias, activation],
  relu: [], relu6: [], sigmoid: [], tanh: [], gelu: [], silu: [], hardswish: [], softmax: [],
  leakyrelu: [{ name: "slope", kind: "number", defaultText: "0.01" }],
  elu: [{ name: "alpha", kind: "number", defaultText: "1" }],
  add: [],
  concat: [],
};

export const mergeTypes: ReadonlySet<string> = new Set(["add", "concat"]);

export function isKnownType(type: string): boolean {
  return Object.hasOwn(typeFields, type);
}

/** The inspector's fields for a layer type (unknown types get id and inputs only). */
export function fieldsOf(type: string): FieldSpec[] {
  const own = isKnownType(type) ? typeFields[type] : [];
  return [idField, mergeTypes.has(type) ? mergeInputs : inputsField, ...own];
}

export interface PaletteGroup {
  title: string;
  types: string[];
}

export const paletteGroups: PaletteGroup[] = [
  { title: "Convolution", types: ["conv2d", "convtranspose2d"] },
  {
    title: "Pooling",
    types: ["maxpool2d", "avgpool2d", "minpool2d", "adaptiveavgpool2d", "adaptivemaxpool2d", "globalavgpool2d", "globalmaxpool2d"],
  },
  { title: "Normalize & regularize", types: ["batchnorm2d", "dropout"] },
  { title: "Dense", types: ["flatten", "linear"] },
  { title: "Activation", types: [...activationTypes] },
  { title: "Merge", types: ["add", "concat"] },
];

/** Every type of the format (the palette shows them all). */
export const allLayerTypes: string[] = paletteGroups.flatMap((group) => group.types);

/** Values a new layer of this type starts with (besides id, type and inputs). */
export function newLayerFields(type: string): Record<string, unknown> {
  switch (type) {
    case "conv2d": return { filters: 16, kernel: 3, padding: 1 };
    case "convtranspose2d": return { filters: 16, kernel: 2, stride: 2 };
    case "maxpool2d": case "avgpool2d": case "minpool2d": return { kernel: 2 };
    case "adaptiveavgpool2d": case "adaptivemaxpool2d": return { outputSize: 1 };
    case "linear": return { units: 10 };
    default: return {};
  }
}
