/**
 * Diagnostics with severity glyphs, related locations and the fixes the host checked: only
 * fixes that add no error are offered, each with what else it changes (engine/fixCheck.ts).
 * Fixes are asked for when a problem is shown, not for every diagnostic of the network.
 */
import { useEffect, useState } from "react";
import type { Analysis, Diagnostic } from "../../src/engine/types";
import type { CheckedFixView, FixesReply } from "./port";
import { severityIcons } from "./severityIcons";


export interface ProblemListProps {
  analysis: Analysis;
  diagnostics: Diagnostic[];
  /** The document version the analysis belongs to (fixes are checked against it). */
  docVersion: number;
  readOnly: boolean;
  checkFixes(diagnosticIndex: number): Promise<FixesReply>;
  onFix(diagnosticIndex: number, fixIndex: number): void;
  onReveal(path: (string | number)[]): void;
}

type FixesState = { kind: "checking" } | { kind: "ready"; fixes: CheckedFixView[] } | { kind: "failed"; message: string };

function CheckedFixes(props: { diagnosticIndex: number; docVersion: number; readOnly: boolean } & Pick<ProblemListProps, "checkFixes" | "onFix">) {
  const { diagnosticIndex, docVersion, checkFixes, onFix } = props;
  const [state, setState] = useState<FixesState>({ kind: "checking" });
  useEffect(() => {
    let current = true;
    setState({ kind: "checking" });
    checkFixes(diagnosticIndex).then(
      (reply) => current && setState(reply.ok ? { kind: "ready", fixes: reply.fixes } : { kind: "failed", message: reply.message }),
      (error: unknown) => current && setState({ kind: "failed", message: String(error) }),
    );
    return () => {
      current = false;
    };
  }, [diagnosticIndex, docVersion, checkFixes]);
  if (state.kind === "checking") return <div className="cnn-fixes-note" role="status">Checking fixes…</div>;
  if (state.kind === "failed") return <div className="cnn-fixes-note">{state.message}</div>;
  if (state.fixes.length === 0) {
    return <div className="cnn-fixes-note">No suggested fix keeps the rest of the network valid; change the layers by hand.</div>;
  }
  return (
    <div className="cnn-fixes">
      {state.fixes.map((fix, fixIndex) => (
        <div className="cnn-fix" key={fix.title}>
          <button
            type="button"
            className={fix.preferred ? "cnn-button" : "cnn-button secondary"}
            disabled={props.readOnly}
            aria-describedby={`cnn-fix-${diagnosticIndex}-${fixIndex}`}
            onClick={() => onFix(diagnosticIndex, fixIndex)}
          >
            <span className="codicon codicon-lightbulb" /> {fix.title}
          </button>
          <span className="cnn-fix-consequences" id={`cnn-fix-${diagnosticIndex}-${fixIndex}`}>{fix.consequences}</span>
        </div>
      ))}
    </div>
  );
}

export function ProblemList({ analysis, diagnostics, docVersion, readOnly, checkFixes, onFix, onReveal }: ProblemListProps) {
  return (
    <ul className="cnn-problem-list">
      {diagnostics.map((diagnostic) => {
        const diagnosticIndex = analysis.diagnostics.indexOf(diagnostic);
        return (
          <li key={`${diagnosticIndex}:${diagnostic.code}`} className={`cnn-problem cnn-sev-${diagnostic.severity}`}>
            <span className={`codicon ${severityIcons[diagnostic.severity]}`} aria-label={diagnostic.severity} />
            <div className="cnn-problem-body">
              <button type="button" className="cnn-link" title="Show in text editor" onClick={() => onReveal(diagnostic.path)}>
                {diagnostic.message}
              </button>
              <span className="cnn-problem-code">{diagnostic.code}</span>
              {diagnostic.related?.map((related) => (
                <button type="button" key={related.path.join("/")} className="cnn-link cnn-related" onClick={() => onReveal(related.path)}>
                  {related.message}
                </button>
              ))}
              {diagnostic.fixes && diagnostic.fixes.length > 0 && (
                <CheckedFixes
                  diagnosticIndex={diagnosticIndex}
                  docVersion={docVersion}
                  readOnly={readOnly}
                  checkFixes={checkFixes}
                  onFix={onFix}
                />
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
