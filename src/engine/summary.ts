/**
 * The summary ("shape") table of an analysed network, like torchinfo's: one row per layer
 * with its operation, output shape, parameters, MACs, receptive field and output memory,
 * plus totals; and three renderings of it (aligned text, Markdown, CSV). Pure.
 */
import { csvField, markdownCell, visibleEscapes } from "./export/escapes";
import { formatCount, formatShape, type ShapeOrder } from "./numberFormat";
import { declarationOf } from "./layers/registry";
import { formatAxes, measureText } from "./layers/text";
import type { Analysis, NodeInfo, ReceptiveField, ResolvedLayer, Severity } from "./types";

export interface SummaryOptions {
  order?: ShapeOrder;
}

export interface SummaryRow {
  id: string;
  type: string;
  /** The operation in a few words, e.g. "conv 5×5 /1 ×16". */
  label: string;
  /** e.g. "16×10×10", "120"; "?" when unknown. */
  outputShape: string;
  params: number;
  macs: number;
  /** e.g. "5×5, jump 1, start 2"; "" where the engine gives none. */
  receptiveField: string;
  /** Bytes of the output as float32 for one sample, null when unknown. */
  memoryBytes: number | null;
  /** memoryBytes humanised, e.g. "2.34 KiB"; "?" when unknown. */
  memory: string;
  /** Layers on the longest path from the input to this one (the first layer is 1). */
  depth: number;
  inputs: string[];
  /** True when the layer reads just the layer before it (or the input, for the first). */
  sequential: boolean;
  /** How many layers read this one's output (> 1: the graph branches here). */
  consumers: number;
  severity?: Severity;
}

export interface SummaryTotals {
  params: number;
  /** Every parameter the format counts is trainable (batch-norm running statistics are buffers). */
  trainableParams: number;
  macs: number;
  /** Bytes of one input sample as float32, null when the input is invalid. */
  inputBytes: number | null;
  /** Sum of every known layer output, float32, one sample, forward pass. */
  activationBytes: number;
  parameterBytes: number;
  /** Layers whose output shape is unknown (their memory is not in activationBytes). */
  unknownShapes: number;
}

export interface Summary {
  name?: string;
  /** The input shape in the chosen order, "?" when invalid. */
  input: string;
  order: ShapeOrder;
  rows: SummaryRow[];
  totals: SummaryTotals;
}

const FLOAT32_BYTES = 4;

/** One row per layer (in file order) plus totals; shapes C×H×W unless `order` says H×W×C. */
export function summarize(analysis: Analysis, options: SummaryOptions = {}): Summary {
  const order = options.order ?? "CHW";
  const depths = computeDepths(analysis.nodes);
  const consumers = countConsumers(analysis.nodes);
  const rows = analysis.nodes.map((node, position) => {
    const previous = position === 0 ? "input" : analysis.nodes[position - 1].id;
    const memoryBytes = node.outputBytes ?? (node.outputShape ? product(node.outputShape) * FLOAT32_BYTES : null);
    const row: SummaryRow = {
      id: node.id,
      type: node.type,
      label: describeLayer(node),
      outputShape: formatShape(node.outputShape, order),
      params: node.params,
      macs: node.macs,
      receptiveField: node.receptiveField ? formatReceptiveField(node.receptiveField) : "",
      memoryBytes,
      memory: memoryBytes === null ? "?" : formatBytes(memoryBytes),
      depth: depths.get(node.id) ?? 1,
      inputs: node.inputs,
      sequential: node.inputs.length === 1 && node.inputs[0] === previous,
      consumers: consumers.get(node.id) ?? 0,
    };
    if (node.worstSeverity) row.severity = node.worstSeverity;
    return row;
  });
  const summary: Summary = { input: formatShape(analysis.input, order), order, rows, totals: computeTotals(analysis, rows) };
  if (analysis.name !== undefined) summary.name = analysis.name;
  return summary;
}

function computeTotals(analysis: Analysis, rows: SummaryRow[]): SummaryTotals {
  const known = rows.filter((row) => row.memoryBytes !== null);
  return {
    params: analysis.totals.params,
    trainableParams: analysis.totals.params,
    macs: analysis.totals.macs,
    inputBytes: analysis.input ? product(analysis.input) * FLOAT32_BYTES : null,
    activationBytes: known.reduce((sum, row) => sum + (row.memoryBytes ?? 0), 0),
    parameterBytes: analysis.totals.params * FLOAT32_BYTES,
    unknownShapes: rows.length - known.length,
  };
}

/** depth(node) = 1 + the largest depth among its inputs; the network input has depth 0. */
function computeDepths(nodes: NodeInfo[]): Map<string, number> {
  const depths = new Map<string, number>([["input", 0]]);
  for (const node of nodes) {
    let deepest = 0;
    for (const input of node.inputs) deepest = Math.max(deepest, depths.get(input) ?? 0);
    depths.set(node.id, 1 + deepest);
  }
  return depths;
}

function countConsumers(nodes: NodeInfo[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const node of nodes) for (const input of new Set(node.inputs)) counts.set(input, (counts.get(input) ?? 0) + 1);
  return counts;
}

function product(values: number[]): number {
  return values.reduce((result, value) => result * value, 1);
}

// ---------------------------------------------------------------------------
// Text pieces
// ---------------------------------------------------------------------------

function threeSignificant(value: number): string {
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return value.toFixed(digits);
}

/** Binary units with three significant digits: "512 B", "2.34 KiB", "98.0 MiB". */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${threeSignificant(value)} ${units[unit]}`;
}

/** Decimal prefixes for counts: 416520 → "417 K", 1814073344 → "1.81 G". */
export function abbreviateCount(value: number): string {
  const prefixes = ["", " K", " M", " G", " T"];
  let scaled = value;
  let prefix = 0;
  while (scaled >= 1000 && prefix < prefixes.length - 1) {
    scaled /= 1000;
    prefix += 1;
  }
  return prefix === 0 ? String(value) : `${threeSignificant(scaled)}${prefixes[prefix]}`;
}

export function formatReceptiveField(field: ReceptiveField): string {
  return `${measureText(field.size[0])}×${measureText(field.size[1])}, jump ${formatAxes(field.jump)}, start ${formatAxes(field.start, ", ")}`;
}

/** The operation in a few words, from the resolved layer (the type alone when invalid). */
export function describeLayer(node: NodeInfo): string {
  const layer = node.layer;
  return layer ? describeResolved(layer) : node.type;
}

function describeResolved(layer: ResolvedLayer): string {
  return declarationOf(layer).describe(layer);
}

// ---------------------------------------------------------------------------
// Renderings
// ---------------------------------------------------------------------------

interface Column {
  header: string;
  numeric: boolean;
  cell: (row: SummaryRow) => string;
}

const COLUMNS: Column[] = [
  { header: "Layer", numeric: false, cell: (row) => row.id },
  { header: "Operation", numeric: false, cell: (row) => row.label },
  { header: "Output shape", numeric: false, cell: (row) => row.outputShape },
  { header: "Params", numeric: true, cell: (row) => formatCount(row.params) },
  { header: "MACs", numeric: true, cell: (row) => formatCount(row.macs) },
  { header: "Receptive field", numeric: false, cell: (row) => row.receptiveField },
  { header: "Memory", numeric: true, cell: (row) => row.memory },
  { header: "Inputs", numeric: false, cell: (row) => (row.sequential ? "" : row.inputs.join(", ")) },
];

/** The columns worth showing: "Inputs" only when some layer is not simply sequential. */
function visibleColumns(summary: Summary): Column[] {
  const branched = summary.rows.some((row) => !row.sequential);
  return COLUMNS.filter((column) => column.header !== "Inputs" || branched);
}

function heading(summary: Summary): string {
  const orderText = summary.order === "CHW" ? "C×H×W" : "H×W×C";
  return `input ${summary.input} (${orderText})`;
}

/** Label/value lines under the table. */
export function totalLines(summary: Summary): [string, string][] {
  const { totals } = summary;
  const count = totals.unknownShapes;
  const unknown = count > 0 ? ` (+ ${count} layer${count === 1 ? "" : "s"} of unknown shape)` : "";
  const estimated = (totals.inputBytes ?? 0) + totals.activationBytes + totals.parameterBytes;
  return [
    ["Total params", formatCount(totals.params)],
    ["Trainable params", formatCount(totals.trainableParams)],
    ["Total MACs", formatCount(totals.macs) + (totals.macs >= 1000 ? ` (${abbreviateCount(totals.macs)})` : "")],
    ["Input size", totals.inputBytes === null ? "?" : formatBytes(totals.inputBytes)],
    ["Activation memory (forward, float32)", formatBytes(totals.activationBytes) + unknown],
    ["Parameter memory (float32)", formatBytes(totals.parameterBytes)],
    ["Estimated total", formatBytes(estimated) + unknown],
  ];
}

/** Aligned columns like torchinfo: numbers right-aligned with thousands separators. */
export function toTextTable(summary: Summary): string {
  const columns = visibleColumns(summary);
  const cells = summary.rows.map((row) => columns.map((column) => visibleEscapes(column.cell(row))));
  const widths = columns.map((column, index) => cells.reduce((width, line) => Math.max(width, line[index].length), column.header.length));
  const render = (values: string[]) =>
    values.map((value, index) => (columns[index].numeric ? value.padStart(widths[index]) : value.padEnd(widths[index]))).join("  ").trimEnd();
  const rule = "=".repeat(widths.reduce((sum, width) => sum + width, 0) + 2 * (widths.length - 1));
  const title = summary.name ? `${visibleEscapes(summary.name)}: ${heading(summary)}` : heading(summary);
  const totals = totalLines(summary).map(([label, value]) => `${label}: ${value}`);
  return [title, rule, render(columns.map((column) => column.header)), rule, ...cells.map(render), rule, ...totals, rule].join("\n") + "\n";
}

/** A GitHub-flavoured Markdown table followed by the totals as a list. */
export function toMarkdown(summary: Summary): string {
  const columns = visibleColumns(summary);
  const line = (values: string[]) => `| ${values.map(markdownCell).join(" | ")} |`;
  const title = summary.name ? `**${markdownCell(summary.name)}**: ${heading(summary)}` : heading(summary);
  return [
    title,
    "",
    line(columns.map((column) => column.header)),
    `|${columns.map((column) => (column.numeric ? " ---: " : " --- ")).join("|")}|`,
    ...summary.rows.map((row) => line(columns.map((column) => column.cell(row)))),
    "",
    ...totalLines(summary).map(([label, value]) => `- ${label}: ${value}`),
  ].join("\n") + "\n";
}

/** RFC 4180 quoting, and formulas neutralised (./export/escapes.ts). */
export { csvField };

export const CSV_HEADER = ["id", "type", "operation", "output_shape", "params", "macs", "receptive_field", "memory_bytes", "depth", "inputs"];

/** One record per layer, CRLF line ends, raw numbers; `file` adds a leading file column. */
export function toCsv(summary: Summary, options: { file?: string; header?: boolean } = {}): string {
  const file = options.file;
  const header = file === undefined ? CSV_HEADER : ["file", ...CSV_HEADER];
  const records = summary.rows.map((row) => {
    const values = [row.id, row.type, row.label, row.outputShape, row.params, row.macs, row.receptiveField, row.memoryBytes ?? "", row.depth, row.inputs.join(" ")];
    return file === undefined ? values : [file, ...values];
  });
  const lines = options.header === false ? records : [header, ...records];
  return lines.map((record) => record.map(csvField).join(",") + "\r\n").join("");
}
