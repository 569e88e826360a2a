/** Field declarations several layer types share (same meaning, same doc). */
import type { FieldDeclaration } from "./layerType";

export const SPATIAL_DOC = "An integer, or `[height, width]`.";

export function filtersField(what: string): FieldDeclaration {
  return { name: "filters", kind: "int", required: true, minimum: 1, doc: `Number of output channels (${what}).` };
}

export function kernelField(what: string): FieldDeclaration {
  return { name: "kernel", kind: "spatial", required: true, doc: `Kernel size of the ${what}. ${SPATIAL_DOC}` };
}

export const CONV_STRIDE_FIELD: FieldDeclaration = {
  name: "stride", kind: "spatial", default: 1, doc: `Step between neighbouring applications of the kernel. ${SPATIAL_DOC}`,
};

export function dilationField(what: string): FieldDeclaration {
  return { name: "dilation", kind: "spatial", default: 1, doc: `Spacing between ${what} taps ("atrous"); the effective kernel is \`d(k−1)+1\`. ${SPATIAL_DOC}` };
}

export const GROUPS_FIELD: FieldDeclaration = {
  name: "groups", kind: "int", default: 1, minimum: 1,
  doc: "Split input and output channels into this many independent groups; both channel counts must be divisible by it. `groups` = input channels (with filters a multiple of it) is a depthwise convolution.",
};

export const BIAS_FIELD: FieldDeclaration = {
  name: "bias", kind: "bool", default: true, doc: "Learn one bias per output unit. Set `false` when batch norm follows (it has its own shift).",
};

export const ACTIVATION_FIELD: FieldDeclaration = {
  name: "activation", kind: "activation", defaultText: "none", doc: "Shorthand for an activation right after this layer, shown in the same node; no parameters.",
};

export const WEIGHTS_FIELD: FieldDeclaration = {
  name: "weights", kind: "weights", default: "kaiming", hint: "Preview weights only.",
  doc: "Preview weights only (they change no shape or parameter count): `\"kaiming\"` (PyTorch's default initialisation, seeded by `seed`), `\"xavier\"`, `\"zeros\"`, `\"ones\"`, or `{ \"kernels\": [...] }` with one kernel per filter (a preset name or a kh×kw matrix; presets are 3×3 unless noted).",
};

export const CEIL_MODE_FIELD: FieldDeclaration = {
  name: "ceilMode", kind: "bool", default: false, doc: "Round the output size up instead of down, so a last partial window is kept (if it starts inside the input or left padding).",
};

/** A merge's `inputs`: required, 2 or more earlier ids. */
export function mergeInputsField(what: string): FieldDeclaration {
  return { name: "inputs", kind: "inputs", required: true, hint: "Two or more ids of earlier layers.", doc: `Ids of 2 or more earlier layers (or \`"input"\`) to ${what}.` };
}
