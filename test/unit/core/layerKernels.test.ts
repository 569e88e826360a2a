/** Every layer type of the engine is bound to kernels in the core, and each binding runs. */
import { describe, expect, it } from "vitest";
import { analyze } from "../../../src/engine";
import { LAYER_TYPES, layerTypeOf } from "../../../src/engine/layers/registry";
import { layerMemory } from "../../../src/core/budget/layerMemory";
import { LAYER_KERNELS } from "../../../src/core/layerKernels";
import { executeLayerRange, finishSplitOutput, splitShape } from "../../../src/core/parallel/layerRange";
import { executeLayer } from "../../../src/core/runner/executeLayer";
import { runNetwork, type Tensor } from "../../../src/core";
import { randomTensor, seededRandom } from "./reference";

const INPUT_SHAPE = [4, 6, 6];
const image = randomTensor(seededRandom(11), INPUT_SHAPE);

/** Small fields for the types whose new-layer values (their declaration's `newLayer`) do not fit a [4, 6, 6] input or need inputs. */
const FIELDS: Readonly<Record<string, object>> = {
  conv2d: { filters: 4, kernel: 3, padding: 1 },
  convtranspose2d: { filters: 2, kernel: 2, stride: 2 },
  maxpool2d: { kernel: 2 },
  minpool2d: { kernel: 2 },
  avgpool2d: { kernel: 2 },
  adaptiveavgpool2d: { outputSize: 2 },
  adaptivemaxpool2d: { outputSize: 2 },
  linear: { units: 3, inputs: ["flat"] },
  add: { inputs: ["input", "input"] },
  concat: { inputs: ["input", "input"] },
};

function specFor(type: string): object {
  const layers: object[] = type === "linear" ? [{ id: "flat", type: "flatten" }] : [];
  layers.push({ id: "tested", type, ...(FIELDS[type] ?? layerTypeOf(type)?.newLayer) });
  return { version: 1, input: INPUT_SHAPE, seed: 3, layers };
}

const hasKernel = (type: string): boolean => Object.prototype.hasOwnProperty.call(LAYER_KERNELS, type);

describe("the core's layer-kernel table", () => {
  it("binds every layer type of the engine, and no other", () => {
    expect(LAYER_TYPES.filter((type) => !hasKernel(type)), "engine layer types without a kernel binding").toEqual([]);
    expect(Object.keys(LAYER_KERNELS).filter((type) => !LAYER_TYPES.includes(type)), "bindings of types the engine does not know").toEqual([]);
  });

  it.each(LAYER_TYPES.map((type) => [type]))("%s runs whole, by ranges and in the budget", (type) => {
    const analysis = analyze(specFor(type));
    expect(analysis.diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
    const node = analysis.nodes[analysis.nodes.length - 1];
    expect(node.layer?.type).toBe(type);
    const result = runNetwork(analysis, image, { keepTensors: ["tested"] });
    expect(result.status).toBe("complete");
    const output = result.layers[result.layers.length - 1].tensor!;
    expect(output.shape).toEqual(node.outputShape);
    expect(layerMemory(node, null).outputBytes).toBe(4 * output.data.length);

    const inputs = node.inputs.map(() => image);
    const context = { specSeed: analysis.seed, layerId: node.id, checkCancelled: () => undefined };
    const split = splitShape(node.layer!, node.outputShape!);
    if (split === null) return;
    // Two uneven ranges give the values of the whole layer, bit for bit.
    const whole = executeLayer(node.layer!, inputs, context);
    const ranged: Tensor = { shape: [...whole.shape], data: new Float32Array(whole.data.length) };
    const middle = Math.max(1, Math.floor(split.units / 3));
    executeLayerRange(node.layer!, inputs, ranged, 0, middle, context);
    executeLayerRange(node.layer!, inputs, ranged, middle, split.units, context, true);
    expect(Array.from(finishSplitOutput(node.layer!, ranged).data)).toEqual(Array.from(whole.data));
  });
});
