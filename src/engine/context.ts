/**
 * Per-layer analysis context: where the layer is, which keys were read, and a way to report
 * diagnostics against the layer or one of its fields.
 */
import type { Diagnostic, JsonPath, RelatedLocation, Severity, SuggestedFix } from "./types";

/** A diagnostic before positions are resolved; `target: "key"` points at a property name. */
export interface PendingDiagnostic extends Diagnostic {
  target?: "key";
  /** The layer the diagnostic belongs to (ids may be duplicated). */
  layerIndex?: number;
  /**
   * For pixels this layer leaves unread: the note that replaces the diagnostic when another
   * layer reads every pixel of the same input (networkReads.ts), given that layer's id.
   */
  readElsewhere?: (readerId: string) => string;
}

export interface ReportOptions {
  /** A key of the layer, or a path below the layer (["inputs", 1]). */
  field?: string | JsonPath;
  fixes?: SuggestedFix[];
  related?: RelatedLocation[];
  target?: "key";
  readElsewhere?: (readerId: string) => string;
}

export function report(sink: PendingDiagnostic[], severity: Severity, code: string, message: string, path: JsonPath, options: Omit<ReportOptions, "field"> & { layerId?: string; layerIndex?: number } = {}): void {
  const diagnostic: PendingDiagnostic = { severity, code, message, path };
  if (options.layerId !== undefined) diagnostic.layerId = options.layerId;
  if (options.layerIndex !== undefined) diagnostic.layerIndex = options.layerIndex;
  if (options.related && options.related.length > 0) diagnostic.related = options.related;
  if (options.fixes && options.fixes.length > 0) diagnostic.fixes = options.fixes;
  if (options.target) diagnostic.target = options.target;
  if (options.readElsewhere) diagnostic.readElsewhere = options.readElsewhere;
  sink.push(diagnostic);
}

export interface Producer {
  id: string;
  /** Layer index, or -1 for the network input. */
  index: number;
  path: JsonPath;
}

export class LayerContext {
  /** Set when an error makes the layer's geometry unusable. */
  failed = false;
  /** The layers (or "input") feeding this one, with their paths, for messages and `related`. */
  producers: Producer[] = [];
  /** Set when the layer may leave image pixels of its input unread (or that could not be decided). */
  skipsInputPixels = false;
  readonly path: JsonPath;

  constructor(
    readonly raw: Readonly<Record<string, unknown>>,
    readonly index: number,
    readonly id: string,
    readonly type: string,
    private readonly sink: PendingDiagnostic[],
  ) {
    this.path = ["layers", index];
  }

  has(key: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.raw, key) && this.raw[key] !== undefined;
  }

  get(key: string): unknown {
    return this.has(key) ? this.raw[key] : undefined;
  }

  /** "from `conv2`" for messages about the input. */
  fromText(index = 0): string {
    const producer = this.producers[index];
    return producer ? (producer.id === "input" ? "from the network input" : `from \`${producer.id}\``) : "";
  }

  relatedProducers(message: string): RelatedLocation[] {
    return this.producers.filter((producer) => producer.id !== "input").map((producer) => ({ path: producer.path, message: `${producer.id}: ${message}` }));
  }

  fieldPath(field?: string | JsonPath): JsonPath {
    if (field === undefined) return this.path;
    return typeof field === "string" ? [...this.path, field] : [...this.path, ...field];
  }

  report(severity: Severity, code: string, message: string, options: ReportOptions = {}): void {
    const readElsewhere = options.readElsewhere;
    const prefixed = readElsewhere ? { readElsewhere: (readerId: string) => `${this.id}: ${readElsewhere(readerId)}` } : {};
    report(this.sink, severity, code, `${this.id}: ${message}`, this.fieldPath(options.field), { ...options, ...prefixed, layerId: this.id, layerIndex: this.index });
  }

  /** An error that leaves the layer without a shape. */
  error(code: string, message: string, options: ReportOptions = {}): void {
    this.failed = true;
    this.report("error", code, message, options);
  }

  warning(code: string, message: string, options: ReportOptions = {}): void {
    this.report("warning", code, message, options);
  }

  info(code: string, message: string, options: ReportOptions = {}): void {
    this.report("info", code, message, options);
  }
}

/** A short, safe rendering of a user value for messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  try {
    const text = JSON.stringify(value);
    if (text === undefined) return typeof value;
    return text.length > 40 ? `${text.slice(0, 37)}…` : text;
  } catch {
    return Array.isArray(value) ? "an array" : typeof value; // nested too deeply to stringify
  }
}

/** A setFix helper: one edit that sets a field of layer `index`. */
export function setFieldFix(index: number, field: string, value: unknown, title: string, preferred = false): SuggestedFix {
  const fix: SuggestedFix = { title, edits: [{ kind: "set", path: ["layers", index, field], value }] };
  if (preferred) fix.preferred = true;
  return fix;
}
