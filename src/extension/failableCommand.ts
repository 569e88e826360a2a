/** One error boundary for every command (drawio's registerFailableCommand): failures are shown and logged, never lost. */
import * as vscode from "vscode";
import type { Logger } from "./hostServices";

export function registerFailableCommand<Args extends unknown[], Result>(
  id: string,
  run: (...args: Args) => Result | Promise<Result>,
  log: Logger,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: Args) => {
    try {
      return await run(...args);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.error(`${id} failed: ${message}`);
      void vscode.window.showErrorMessage(`CNN Designer: ${message}`);
      return undefined;
    }
  });
}
