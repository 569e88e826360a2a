/**
 * Every problem of the network, in the inspector's overview (nothing selected): a click
 * selects the layer and puts the focus on the field the problem is about, so the designer
 * leads to a problem itself (VS Code gives a custom editor no range from the Problems panel).
 */
import type { Analysis, Diagnostic } from "../../src/engine/types";
import { severityIcons } from "./severityIcons";
/** Rows shown before "and N more": the Problems panel lists them all. */
export const MAX_LISTED_PROBLEMS = 200;

export interface AllProblemsProps {
  analysis: Analysis;
  /** Select the layer and focus the field (e.g. "stride"); `path` is the problem's place in the file. */
  onGoToProblem(layerId: string, field: string | undefined, path: (string | number)[]): void;
}

function layerField(diagnostic: Diagnostic): string | undefined {
  const field = diagnostic.path[2];
  return diagnostic.path[0] === "layers" && typeof field === "string" ? field : undefined;
}

export function AllProblems({ analysis, onGoToProblem }: AllProblemsProps) {
  const layered = analysis.diagnostics.filter((diagnostic) => diagnostic.layerId !== undefined);
  if (layered.length === 0) return null;
  const shown = layered.slice(0, MAX_LISTED_PROBLEMS);
  return (
    <section className="cnn-problems cnn-all-problems" aria-label="Problems of the network">
      <h3>Problems by layer</h3>
      <ul className="cnn-problem-list">
        {shown.map((diagnostic, index) => (
          <li key={index} className={`cnn-problem cnn-sev-${diagnostic.severity}`}>
            <span className={`codicon ${severityIcons[diagnostic.severity]}`} aria-label={diagnostic.severity} />
            <button
              type="button"
              className="cnn-link cnn-problem-go"
              title={`Select ${diagnostic.layerId} and its ${layerField(diagnostic) ?? "fields"}`}
              onClick={() => onGoToProblem(diagnostic.layerId as string, layerField(diagnostic), diagnostic.path)}
            >
              {diagnostic.message}
            </button>
          </li>
        ))}
      </ul>
      {layered.length > shown.length && <p className="cnn-hint">and {layered.length - shown.length} more in the Problems panel</p>}
    </section>
  );
}
