/** Layer types the "add layer" control offers, with the fields a new layer of each type starts with. */
import type { JsonValue } from "../../src/protocol";

export const NEW_LAYER_DEFAULTS: Record<string, Record<string, JsonValue>> = {
  conv2d: { filters: 8, kernel: 3, padding: 1, activation: "relu" },
  convtranspose2d: { filters: 8, kernel: 2, stride: 2 },
  maxpool2d: { kernel: 2 },
  avgpool2d: { kernel: 2 },
  minpool2d: { kernel: 2 },
  adaptiveavgpool2d: { outputSize: 1 },
  adaptivemaxpool2d: { outputSize: 1 },
  globalavgpool2d: {},
  globalmaxpool2d: {},
  batchnorm2d: {},
  dropout: { rate: 0.5 },
  flatten: {},
  linear: { units: 10 },
  relu: {},
  relu6: {},
  leakyrelu: {},
  elu: {},
  sigmoid: {},
  tanh: {},
  gelu: {},
  silu: {},
  hardswish: {},
  softmax: {},
};

export const NEW_LAYER_TYPES = Object.keys(NEW_LAYER_DEFAULTS);
