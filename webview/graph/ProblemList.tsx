/** Diagnostics with severity glyphs, related locations and one button per suggested fix. */
import type { Analysis, Diagnostic } from "../../src/engine/types";

const icons = { error: "codicon-error", warning: "codicon-warning", info: "codicon-info" } as const;

export interface ProblemListProps {
  analysis: Analysis;
  diagnostics: Diagnostic[];
  readOnly: boolean;
  onFix(diagnosticIndex: number, fixIndex: number): void;
  onReveal(path: (string | number)[]): void;
}

export function ProblemList({ analysis, diagnostics, readOnly, onFix, onReveal }: ProblemListProps) {
  return (
    <ul className="cnn-problem-list">
      {diagnostics.map((diagnostic) => {
        const diagnosticIndex = analysis.diagnostics.indexOf(diagnostic);
        return (
          <li key={`${diagnosticIndex}:${diagnostic.code}`} className={`cnn-problem cnn-sev-${diagnostic.severity}`}>
            <span className={`codicon ${icons[diagnostic.severity]}`} aria-label={diagnostic.severity} />
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
                <div className="cnn-fixes">
                  {diagnostic.fixes.map((fix, fixIndex) => (
                    <button type="button" key={fix.title} className={fix.preferred ? "cnn-button" : "cnn-button secondary"} disabled={readOnly} onClick={() => onFix(diagnosticIndex, fixIndex)}>
                      <span className="codicon codicon-lightbulb" /> {fix.title}
                    </button>
                  ))}
                </div>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
