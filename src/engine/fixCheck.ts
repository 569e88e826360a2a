/**
 * Fixes that keep the network valid: each suggested fix is tried on the text (when the user
 * asks for fixes, not for every diagnostic up front) and kept only if the analysis after it
 * has no error the analysis before it lacked. A fix that breaks a later layer is replaced by a
 * combined fix (it plus the preferred fix of the first error it causes) when that combination
 * leaves no new error; otherwise it is dropped. Each kept fix says what else changes: the other
 * layers whose output shape changes, and the change in parameters.
 * Work: at most 1 + MAX_COMBINED_ATTEMPTS analyses per fix, each linear in the text.
 */
import { analyze, type AnalyzeOptions } from "./analyze";
import { applyIntent } from "./edit/intents";
import { formatCount, formatShape } from "./numberFormat";
import type { Analysis, Diagnostic, NodeInfo, SuggestedFix } from "./types";

export interface CheckedFix {
  fix: SuggestedFix;
  /** What else changes, e.g. "pool1 becomes 8×4×4 (was 8×14×14); params −1,234". */
  consequences: string;
}

/** Combined fixes tried per fix that causes new errors. */
export const MAX_COMBINED_ATTEMPTS = 1;
/** Changed layers named in a consequence before "and N more". */
const MAX_NAMED_CHANGES = 3;

function errorKey(diagnostic: Diagnostic): string {
  return `${diagnostic.code}\u0000${diagnostic.layerId ?? ""}\u0000${diagnostic.path.join("\u0000")}`;
}

/** The errors of `after` that `before` does not have (counted, so a second copy is new). */
export function newErrors(before: Analysis, after: Analysis): Diagnostic[] {
  const remaining = new Map<string, number>();
  for (const diagnostic of before.diagnostics) {
    if (diagnostic.severity !== "error") continue;
    const key = errorKey(diagnostic);
    remaining.set(key, (remaining.get(key) ?? 0) + 1);
  }
  return after.diagnostics.filter((diagnostic) => {
    if (diagnostic.severity !== "error") return false;
    const key = errorKey(diagnostic);
    const count = remaining.get(key) ?? 0;
    if (count > 0) remaining.set(key, count - 1);
    return count === 0;
  });
}

function shapeKey(node: NodeInfo): string {
  return node.outputShape ? node.outputShape.join(",") : "none";
}

/** "pool1 becomes 8×4×4 (was 8×14×14); params −1,234" for the layers other than `edited`. */
export function describeConsequences(before: Analysis, after: Analysis, edited: ReadonlySet<number>): string {
  const beforeById = new Map(before.nodes.map((node) => [`${node.index}\u0000${node.id}`, node]));
  const changed: string[] = [];
  for (const node of after.nodes) {
    if (edited.has(node.index)) continue;
    const old = beforeById.get(`${node.index}\u0000${node.id}`);
    if (!old || shapeKey(old) === shapeKey(node)) continue;
    if (!old.outputShape) changed.push(`${node.id} gets ${formatShape(node.outputShape)}`);
    else if (!node.outputShape) changed.push(`${node.id} loses its shape (was ${formatShape(old.outputShape)})`);
    else changed.push(`${node.id} becomes ${formatShape(node.outputShape)} (was ${formatShape(old.outputShape)})`);
  }
  const named = changed.slice(0, MAX_NAMED_CHANGES).join(", ");
  const more = changed.length > MAX_NAMED_CHANGES ? ` and ${changed.length - MAX_NAMED_CHANGES} more layers change` : "";
  const delta = after.totals.params - before.totals.params;
  const params = delta === 0 ? "params unchanged" : `params ${delta > 0 ? "+" : "−"}${formatCount(Math.abs(delta))}`;
  return changed.length === 0 ? `no other layer changes; ${params}` : `${named}${more}; ${params}`;
}

function editedLayers(fix: SuggestedFix): Set<number> {
  const layers = new Set<number>();
  for (const edit of fix.edits) if (edit.path[0] === "layers" && typeof edit.path[1] === "number") layers.add(edit.path[1]);
  return layers;
}

interface Trial {
  after: Analysis;
  errors: Diagnostic[];
}

function tryFix(text: string, fix: SuggestedFix, before: Analysis, options: AnalyzeOptions): Trial | undefined {
  const result = applyIntent(text, { kind: "applySpecEdits", edits: fix.edits });
  if (!result.ok) return undefined;
  const after = analyze(result.text, options);
  return { after, errors: after.parseFailed ? [] : newErrors(before, after) };
}

/** "Set kernel to 8, and on pool1: set kernel to 1". */
function combined(first: SuggestedFix, second: SuggestedFix, secondLayer: string | undefined): SuggestedFix {
  const lower = second.title.charAt(0).toLowerCase() + second.title.slice(1);
  const where = secondLayer === undefined ? "" : `on ${secondLayer}: `;
  const fix: SuggestedFix = { title: `${first.title}, and ${where}${lower}`, edits: [...first.edits, ...second.edits] };
  if (first.preferred) fix.preferred = true;
  return fix;
}

/** The fix, or a combined fix, that leaves no new error, with its consequences; undefined when none does. */
function checkOne(text: string, fix: SuggestedFix, before: Analysis, options: AnalyzeOptions): CheckedFix | undefined {
  const trial = tryFix(text, fix, before, options);
  if (!trial || trial.after.parseFailed) return undefined;
  if (trial.errors.length === 0) return { fix, consequences: describeConsequences(before, trial.after, editedLayers(fix)) };
  const caused = trial.errors[0];
  const follow = caused.fixes ?? [];
  const candidates = [...follow.filter((candidate) => candidate.preferred), ...follow.filter((candidate) => !candidate.preferred)];
  for (const second of candidates.slice(0, MAX_COMBINED_ATTEMPTS)) {
    const both = combined(fix, second, caused.layerId);
    const retry = tryFix(text, both, before, options);
    if (retry && !retry.after.parseFailed && retry.errors.length === 0) {
      return { fix: both, consequences: describeConsequences(before, retry.after, editedLayers(both)) };
    }
  }
  return undefined;
}

/** The fixes of `diagnostic` that keep the network free of new errors (see the file comment). */
export function checkFixes(text: string, diagnostic: Diagnostic, before: Analysis, options: AnalyzeOptions = {}): CheckedFix[] {
  const checked: CheckedFix[] = [];
  for (const fix of diagnostic.fixes ?? []) {
    const result = checkOne(text, fix, before, options);
    if (result && !checked.some((other) => other.fix.title === result.fix.title)) checked.push(result);
  }
  return checked;
}
