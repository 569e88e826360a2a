/** Fresh ids for layers the editor creates: the type's id stem (its declaration's `idStem`) and the first free number. */
import { firstFree } from "../freshIds";
import { layerTypeOf } from "../layers/registry";

/** `conv1`, `conv2`, … : the first one not in `taken` (which should hold "input" too). */
export function uniqueLayerId(type: string, taken: ReadonlySet<string>): string {
  const prefix = layerTypeOf(type)?.idStem ?? (type.replace(/[^A-Za-z0-9_]/g, "") || "layer");
  const safePrefix = /^[A-Za-z_]/.test(prefix) ? prefix : `layer_${prefix}`;
  return firstFree((number) => `${safePrefix}${number}`, (candidate) => taken.has(candidate) || candidate === "input", 1).name;
}
