/** Quick fixes from the engine's suggested fixes, applied with the style-preserving edit helpers. */
import * as vscode from "vscode";
import type { Diagnostic } from "../engine";
import { applyIntent } from "../engine/edit";
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
    const { analysis, text } = this.store.get(document.uri.toString(), document);
    const located = locateProblems(text, analysis.diagnostics);
    const actions: vscode.CodeAction[] = [];
    for (const shown of ours) {
      const match = located.find(
        (problem) => problem.diagnostic.code === shown.code && toRange(document, problem.range).isEqual(shown.range),
      );
      if (match) actions.push(...this.actionsFor(document, text, match.diagnostic, shown));
    }
    return actions;
  }

  private actionsFor(document: vscode.TextDocument, text: string, diagnostic: Diagnostic, shown: vscode.Diagnostic): vscode.CodeAction[] {
    return (diagnostic.fixes ?? []).flatMap((fix) => {
      const result = applyIntent(text, { kind: "applySpecEdits", edits: fix.edits });
      if (!result.ok) return [];
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.edit = toWorkspaceEdit(document, result.edits);
      action.diagnostics = [shown];
      action.isPreferred = fix.preferred === true;
      return [action];
    });
  }
}
