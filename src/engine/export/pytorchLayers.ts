/**
 * One resolved layer → its PyTorch module constructor and the lines that set its preview
 * weights, from its type's declaration (src/engine/layers: `pytorch`, `pytorchWeights`).
 * Arguments at PyTorch's defaults are left out (as in a module's repr). Pure.
 */
import { declarationOf } from "../layers/registry";
import type { ResolvedLayer } from "../types";
import type { Constructed, WeightLines } from "./pythonCall";

export { activationCall, activationModule } from "../layers/activation";
export { pythonNumber, pythonPair, type Constructed, type PythonHelper } from "./pythonCall";

/** The constructor expression of a layer's module. */
export function moduleConstructor(layer: ResolvedLayer): Constructed {
  return declarationOf(layer).pytorch(layer);
}

/** Lines (inside `with torch.no_grad():`) that set a layer's preview weights; none for kaiming or a layer without weights. */
export function weightLines(layer: ResolvedLayer, access: string): WeightLines {
  return declarationOf(layer).pytorchWeights?.(layer, access) ?? { lines: [], helpers: [] };
}
