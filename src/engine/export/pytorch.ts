/**
 * "Export as PyTorch": an nn.Module source file for a spec without errors. Pure.
 *
 * - One class (named after the spec's `name`, e.g. "ResNet-18" → ResNet18) whose submodules
 *   are the spec's layers, named by their ids (pytorchNames.ts: "layer1.0.conv1" is
 *   self.layer1["0"]["conv1"] and its weight "layer1.0.conv1.weight"). Every layer is a
 *   module, merges too (small Add / Concat modules, no parameters), so forward hooks and
 *   named_modules() see each layer under its id; an `activation` shorthand is an F call after
 *   its layer in forward().
 * - forward() follows the graph in file order; every line ends with the shape the designer
 *   computed for one sample (`# -> [16, 10, 10]`). A value read only by the next layer is `x`;
 *   others get a variable named after the layer.
 * - Preview weights: `{ "kernels": [...] }` are copied into the weights (each filter's kernel
 *   on its C/groups input channels, divided by C/groups; flipKernel rotates it 180°), bias 0;
 *   "zeros" / "ones" / "xavier" use nn.init (bias 0); "kaiming" is PyTorch's default init.
 * - A `__main__` block builds the model, runs zeros of shape [1, *INPUT_SHAPE] and prints the
 *   output shape and the parameter count.
 */
import { analyze } from "../analyze";
import { formatCount } from "../numberFormat";
import type { Analysis, NodeInfo, ResolvedLayer } from "../types";
import { helperDefinitions } from "./pytorchHelpers";
import { activationCall, moduleConstructor, type PythonHelper, weightLines } from "./pytorchLayers";
import { assignModuleNames, assignVariableNames, moduleAccess, type ModuleName, pythonClassName } from "./pytorchNames";
import { pythonComment } from "./escapes";
import { exportRefusal } from "./refusal";

export interface PytorchModuleInfo {
  id: string;
  /** The module's name in named_modules() (and the prefix of its state_dict keys). */
  qualifiedName: string;
}

export type PytorchExport =
  | { ok: true; text: string; className: string; modules: PytorchModuleInfo[] }
  | { ok: false; message: string };

export interface PytorchExportOptions {
  /** The spec's file name, for the header (and the class name when the spec has no name). */
  sourceName?: string;
  /** analyze(spec), when the caller has it already (the CLI): not computed again. */
  analysis?: Analysis;
}

const INDENT = "        ";

interface Layer {
  node: NodeInfo;
  resolved: ResolvedLayer;
  name: ModuleName;
  access: string;
}

export function exportPytorch(spec: string | object, options: PytorchExportOptions = {}): PytorchExport {
  const analysis = options.analysis ?? analyze(spec);
  const refusal = exportRefusal(analysis, "the spec as PyTorch");
  if (refusal !== null) return { ok: false, message: refusal };
  if (analysis.nodes.length === 0) return { ok: false, message: "Cannot export the spec as PyTorch: it has no layers." };
  const names = assignModuleNames(analysis.nodes.map((node) => node.id));
  const layers: Layer[] = analysis.nodes.map((node, position) => {
    if (!node.layer) throw new Error(`layer ${node.id} has no resolved geometry although the spec has no errors`);
    return { node, resolved: node.layer, name: names[position], access: moduleAccess(names[position]) };
  });
  const className = pythonClassName(analysis.name ?? options.sourceName?.replace(/\.cnn\.json$/i, ""));
  const helpers = new Set<PythonHelper>();
  const body = [
    ...constructorLines(layers, helpers),
    ...weightBlock(layers, helpers),
    "",
    "    def forward(self, x):",
    ...forwardLines(analysis, layers),
  ];
  const text = [
    header(analysis, layers, options.sourceName),
    "import torch",
    "import torch.nn as nn",
    "import torch.nn.functional as F",
    "",
    `INPUT_SHAPE = (${(analysis.input as number[]).join(", ")})  # one sample: [channels, height, width]`,
    "",
    ...helperDefinitions(helpers).flatMap((definition) => ["", definition]),
    "",
    `class ${className}(nn.Module):`,
    `    """${classSummary(analysis)}"""`,
    "",
    "    def __init__(self):",
    "        super().__init__()",
    ...body,
    "",
    "",
    ...mainBlock(analysis, className),
  ].join("\n");
  return { ok: true, text, className, modules: layers.map((layer) => ({ id: layer.node.id, qualifiedName: layer.name.qualifiedName })) };
}

function shapeText(shape: readonly number[] | null): string {
  return shape ? `[${shape.join(", ")}]` : "?";
}

/**
 * A fixed docstring, then the user's text (the design's name, the file name, renamed ids) on
 * comment lines with every control character visibly escaped: nothing the user wrote is ever
 * Python code or a string delimiter. Never on the first two lines, where Python reads an
 * encoding declaration ("# coding: utf-7" would re-decode the file).
 */
function header(analysis: Analysis, layers: readonly Layer[], sourceName: string | undefined): string {
  const renamed = layers.filter((layer) => layer.name.qualifiedName !== layer.node.id).map((layer) => `"${layer.node.id}" is "${layer.name.qualifiedName}"`);
  const comments = [
    `Design: ${analysis.name ?? "(unnamed)"}`,
    ...(sourceName ? [`Source: ${sourceName}`] : []),
    ...(renamed.length > 0 ? [`Renamed for Python/PyTorch: ${renamed.join(", ")}.`] : []),
  ];
  return `"""Generated by CNN Designer (PyTorch 1.13 or newer).

Each layer of the spec is a submodule named by its id, so named_modules() and state_dict() keys
read like the spec (ids with dots are nested nn.ModuleDicts: "a.b" is self.a["b"]). Each line
of forward() ends with the shape the designer computed for one sample.
"""
${comments.map(pythonComment).join("\n")}
`;
}

function classSummary(analysis: Analysis): string {
  const last = analysis.nodes[analysis.nodes.length - 1];
  return `Input ${shapeText(analysis.input)} → output ${shapeText(last?.outputShape ?? null)}, ${formatCount(analysis.totals.params)} parameters.`;
}

function constructorLines(layers: readonly Layer[], helpers: Set<PythonHelper>): string[] {
  const created = new Set<string>();
  const lines: string[] = [];
  for (const layer of layers) {
    const segments = layer.name.segments;
    for (let depth = 1; depth < segments.length; depth++) {
      const container = segments.slice(0, depth);
      const key = container.join(".");
      if (created.has(key)) continue;
      created.add(key);
      lines.push(`${INDENT}${moduleAccess({ qualifiedName: key, segments: container })} = nn.ModuleDict()`);
    }
    const built = moduleConstructor(layer.resolved);
    built.helpers.forEach((helper) => helpers.add(helper));
    const comment = layer.node.params > 0 ? `  # ${formatCount(layer.node.params)} params` : "";
    lines.push(`${INDENT}${layer.access} = ${built.expression}${comment}`);
  }
  return lines;
}

function weightBlock(layers: readonly Layer[], helpers: Set<PythonHelper>): string[] {
  const lines: string[] = [];
  for (const layer of layers) {
    const weights = weightLines(layer.resolved, layer.access);
    weights.helpers.forEach((helper) => helpers.add(helper));
    lines.push(...weights.lines.map((line) => `${INDENT}    ${line}`));
  }
  if (lines.length === 0) return [];
  return ["", `${INDENT}# Preview weights from the spec's "weights" fields (bias 0).`, `${INDENT}with torch.no_grad():`, ...lines];
}

/** Where each value is read: layer positions, once per mention (the network input is -1). */
function readers(nodes: readonly NodeInfo[]): Map<string, number[]> {
  const uses = new Map<string, number[]>();
  nodes.forEach((node, position) => {
    for (const input of node.inputs) {
      const positions = uses.get(input);
      if (positions) positions.push(position);
      else uses.set(input, [position]);
    }
  });
  return uses;
}

function forwardLines(analysis: Analysis, layers: readonly Layer[]): string[] {
  const nodes = analysis.nodes;
  const uses = readers(nodes);
  const variables = assignVariableNames(nodes.map((node) => node.id));
  const isSimple = (id: string, position: number) => {
    const positions = uses.get(id) ?? [];
    return positions.length === 1 ? positions[0] === position + 1 : positions.length === 0 && position === nodes.length - 1;
  };
  const valueName = new Map<string, string>([["input", isSimple("input", -1) ? "x" : "net_input"]]);
  const lines = valueName.get("input") === "x" ? [] : [`${INDENT}net_input = x  # ${shapeText(analysis.input)}`];
  layers.forEach((layer, position) => {
    const target = isSimple(layer.node.id, position) ? "x" : variables[position];
    const moduleCall = `${layer.access}(${layer.node.inputs.map((input) => valueName.get(input)).join(", ")})`;
    const activation = "activation" in layer.resolved && layer.resolved.type !== layer.resolved.activation?.type ? layer.resolved.activation : undefined;
    const expression = activation ? activationCall(activation, moduleCall) : moduleCall;
    lines.push(`${INDENT}${target} = ${expression}  # -> ${shapeText(layer.node.outputShape)}`);
    valueName.set(layer.node.id, target);
  });
  lines.push(`${INDENT}return ${valueName.get(nodes[nodes.length - 1].id)}`);
  return lines;
}

function mainBlock(analysis: Analysis, className: string): string[] {
  const last = analysis.nodes[analysis.nodes.length - 1];
  return [
    'if __name__ == "__main__":',
    `    model = ${className}().eval()`,
    "    with torch.no_grad():",
    "        output = model(torch.zeros(1, *INPUT_SHAPE))",
    `    print("output shape:", list(output.shape))  # the designer: [1, ${(last?.outputShape ?? []).join(", ")}]`,
    `    print("parameters:", sum(parameter.numel() for parameter in model.parameters()))  # the designer: ${formatCount(analysis.totals.params)}`,
    "",
  ];
}
