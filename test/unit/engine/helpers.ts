/** Small builders shared by the engine tests. */
import { analyze, type Analysis, type Diagnostic } from "../../../src/engine";

/** A one-layer network over `input`, the layer's id "L". */
export function single(input: number[], layer: Record<string, unknown>): Analysis {
  return analyze({ version: 1, input, layers: [{ id: "L", ...layer }] });
}

export function network(input: number[], layers: Record<string, unknown>[]): Analysis {
  return analyze({ version: 1, input, layers });
}

export function codes(analysis: Analysis, severity?: Diagnostic["severity"]): string[] {
  return analysis.diagnostics.filter((diagnostic) => !severity || diagnostic.severity === severity).map((diagnostic) => diagnostic.code);
}

export function only(analysis: Analysis, code: string): Diagnostic {
  const found = analysis.diagnostics.filter((diagnostic) => diagnostic.code === code);
  if (found.length !== 1) throw new Error(`expected one ${code}, got ${JSON.stringify(analysis.diagnostics.map((diagnostic) => diagnostic.code))}`);
  return found[0];
}
