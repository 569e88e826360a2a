/**
 * The designer's HTML: a strict CSP with a fresh nonce, only our own bundled script and CSS.
 * The graph layout worker is dist/elk-worker.min.js, fetched from our own resources
 * (`connect-src`) and started from a Blob (`worker-src blob:`) by a nonce'd inline script that
 * runs before webview.js loads; nothing else is allowed.
 */
import { randomBytes } from "node:crypto";
import type * as vscode from "vscode";

export function createNonce(): string {
  return randomBytes(16).toString("base64").replace(/[^A-Za-z0-9]/g, "");
}

/** The folders the webview may load from: the bundles and the static media. */
export function localResourceRoots(
  extensionUri: vscode.Uri, joinPath: (base: vscode.Uri, ...segments: string[]) => vscode.Uri,
): vscode.Uri[] {
  return [joinPath(extensionUri, "dist"), joinPath(extensionUri, "media")];
}

export interface WebviewAssets {
  scriptUri: string;
  styleUri: string;
  cspSource: string;
  nonce: string;
  /**
   * dist/elk-worker.min.js: when given, a nonce'd inline script fetches it and starts the layout
   * worker before webview.js loads, so ELK initialises while the designer's script is parsed
   * (webview/graph/elkWorker.ts takes the worker over from `self.cnnLayoutWorker`).
   */
  layoutWorkerUri?: string;
}

function earlyWorkerScript(nonce: string, workerUri: string): string {
  const url = JSON.stringify(workerUri).replace(/</g, "\\u003c");
  return `<script nonce="${nonce}">self.cnnLayoutWorker = fetch(${url})`
    + `.then((response) => { if (!response.ok) throw new Error(${url} + ": HTTP " + response.status); return response.text(); })`
    + `.then((source) => new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })), { name: "CNN Designer layout" }));`
    + ` self.cnnLayoutWorker.catch(() => {});</script>\n`;
}

export function renderWebviewHtml(assets: WebviewAssets): string {
  const { scriptUri, styleUri, cspSource, nonce, layoutWorkerUri } = assets;
  const earlyWorker = layoutWorkerUri ? earlyWorkerScript(nonce, layoutWorkerUri) : "";
  const csp = [
    "default-src 'none'",
    `img-src ${cspSource} data: blob:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `connect-src ${cspSource}`,
    "worker-src blob:",
  ].join("; ");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${styleUri}">
${earlyWorker}<title>CNN Designer</title>
</head>
<body>
<div id="root" data-state="loading"><p class="loading">Loading the designer…</p></div>
<script nonce="${nonce}" src="${scriptUri}"></script>
</body>
</html>
`;
}
