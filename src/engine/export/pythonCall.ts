/** Writing Python call expressions (shared by the layer types' `pytorch` and the exporter). Pure. */

/** The helper definitions a constructor may need (emitted once, only when used). */
export type PythonHelper = "MinPool2d" | "Add" | "Concat" | "conv_weight" | "conv_transpose_weight";

export interface Constructed {
  expression: string;
  helpers: PythonHelper[];
}

export interface WeightLines {
  lines: string[];
  helpers: PythonHelper[];
}

/** A JS number as a Python literal (integers stay integers). */
export function pythonNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} as a Python number`);
  return String(value);
}

/** [3, 3] → "3"; [3, 5] → "(3, 5)". */
export function pythonPair(pair: readonly [number, number]): string {
  return pair[0] === pair[1] ? pythonNumber(pair[0]) : `(${pythonNumber(pair[0])}, ${pythonNumber(pair[1])})`;
}

export const isOne = (pair: readonly [number, number]): boolean => pair[0] === 1 && pair[1] === 1;
export const isZero = (pair: readonly [number, number]): boolean => pair[0] === 0 && pair[1] === 0;
export const samePair = (
  first: readonly [number, number], second: readonly [number, number],
): boolean => first[0] === second[0] && first[1] === second[1];

/** "name=value" for each argument that is present (undefined = at its default). */
function keywordArguments(pairs: Record<string, string | undefined>): string[] {
  return Object.entries(pairs).filter(([, value]) => value !== undefined).map(([key, value]) => `${key}=${value}`);
}

export function pythonCall(callee: string, positional: string[], keywords: Record<string, string | undefined>): string {
  return `${callee}(${[...positional, ...keywordArguments(keywords)].join(", ")})`;
}

/** A constructor that needs no helper definitions. */
export function plain(expression: string): Constructed {
  return { expression, helpers: [] };
}
