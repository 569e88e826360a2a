/**
 * The checked fixes of a diagnostic, computed once per document version: VS Code asks for code
 * actions on every cursor move over a problem, and the designer asks once to show the fixes and
 * again to apply one. Each check costs up to two analyses per fix, so they are kept with the
 * analysis they belong to (a new version brings new diagnostic objects and drops the old ones).
 * No vscode at runtime.
 */
import type { Diagnostic } from "../engine";
import { checkFixes, type CheckedFix } from "../engine/fixCheck";
import type { DocumentAnalysis } from "./documentAnalysis";

const cache = new WeakMap<Diagnostic, CheckedFix[]>();

/** `diagnostic` must belong to `current.analysis`. */
export function checkedFixesOf(current: DocumentAnalysis, diagnostic: Diagnostic): CheckedFix[] {
  let checked = cache.get(diagnostic);
  if (!checked) {
    checked = checkFixes(current.text, diagnostic, current.analysis, current.options);
    cache.set(diagnostic, checked);
  }
  return checked;
}
