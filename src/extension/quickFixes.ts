/** Quick fixes from the engine's suggested fixes, applied with the style-preserving edit helpers. */
import * as vscode from "vscode";
import type { Diagnostic } from "../engine";
import { applyIntent } from "../engine/edit";
import type { CheckedFix } from "../engine/fixCheck";
import { checkedFixesOf } from "./checkedFixes";
import type { AnalysisStore } from "./documentAnalysis";
import { DIAGNOSTIC_SOURCE, toRange } from "./diagnostics";
import { locateProblems } from "./problemRanges";
import { toWorkspaceEdit } from "./vscodeHost";

export class CnnQuickFixProvider implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly store: AnalysisStore) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) return [];
    const current = this.store.get(document.uri.toString(), document);
    const { analysis, text } = current;
    if (current.parseError) return [];
    const located = locateProblems(text, analysis.diagnostics);
    const actions: vscode.CodeAction[] = [];
    for (const shown of ours) {
      const match = located.find(
        (problem) => problem.diagnostic.code === shown.code && toRange(document, problem.range).isEqual(shown.range),
      );
      if (!match) continue;
      const checked = () => checkedFixesOf(current, match.diagnostic);
      actions.push(...this.actionsFor(document, text, match.diagnostic, shown, checked));
    }
    return actions;
  }

  /**
   * Only fixes that add no error, titled with what else they change. VS Code asks for code
   * actions where the cursor or a Problems entry is, so the fixes are checked on request.
   */
  private actionsFor(
    document: vscode.TextDocument, text: string, diagnostic: Diagnostic, shown: vscode.Diagnostic, checked: () => CheckedFix[],
  ): vscode.CodeAction[] {
    if (!diagnostic.fixes?.length) return [];
    return checked().flatMap(({ fix, consequences }) => {
      const result = applyIntent(text, { kind: "applySpecEdits", edits: fix.edits });
      if (!result.ok) return [];
      const action = new vscode.CodeAction(`${fix.title} — ${consequences}`, vscode.CodeActionKind.QuickFix);
      action.edit = toWorkspaceEdit(document, result.edits);
      action.diagnostics = [shown];
      action.isPreferred = fix.preferred === true;
      return [action];
    });
  }
}
