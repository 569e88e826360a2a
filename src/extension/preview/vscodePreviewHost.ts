/**
 * The preview's VS Code side: image files through vscode.workspace (trust, findFiles, fs, the
 * open dialog), the one shared worker, and a factory that gives each panel its PanelPreview.
 */
import { findNodeAtLocation } from "jsonc-parser";
import * as vscode from "vscode";
import { analyze } from "../../engine";
import type { Analysis } from "../../engine/types";
import { PreviewClient } from "../../core/worker/previewClient";
import type { PreviewHostToView } from "../../protocol";
import { toDocumentState } from "../documentAnalysis";
import type { DocumentSync } from "../documentSync";
import { ImageCatalog, type ImageFile, type ImageFileSystem } from "./imageCatalog";
import { PanelPreview } from "./panelPreview";
import type { PreviewSettings } from "./previewJob";
import { SharedPreviewRunner } from "./previewRunner";

const IMAGE_GLOB = "**/*.{png,jpg,jpeg,PNG,JPG,JPEG}";
const IMAGE_EXCLUDE = "**/{node_modules,.git}/**";
const SAMPLE_EXTENSIONS = /\.(png|jpe?g)$/i;

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf("/") + 1);
}

function toImageFile(uri: vscode.Uri, detail?: string): ImageFile {
  return { uri: uri.toString(), name: fileName(uri), detail };
}

export function vscodeImageFileSystem(extensionUri: vscode.Uri): ImageFileSystem {
  const samples = vscode.Uri.joinPath(extensionUri, "media", "samples");
  return {
    isTrusted: () => vscode.workspace.isTrusted,
    async listSamples() {
      const entries = await vscode.workspace.fs.readDirectory(samples);
      return entries
        .filter(([name, kind]) => kind === vscode.FileType.File && SAMPLE_EXTENSIONS.test(name))
        .map(([name]) => toImageFile(vscode.Uri.joinPath(samples, name), "bundled photo"));
    },
    async findWorkspaceImages(limit) {
      const found = await vscode.workspace.findFiles(IMAGE_GLOB, IMAGE_EXCLUDE, limit);
      return found.map((uri) => toImageFile(uri, vscode.workspace.asRelativePath(uri)));
    },
    async pickImage() {
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: false,
        openLabel: "Preview this image",
        filters: { Images: ["png", "jpg", "jpeg"] },
      });
      return picked?.[0] === undefined ? undefined : toImageFile(picked[0], picked[0].fsPath);
    },
    fileSize: async (uri) => (await vscode.workspace.fs.stat(vscode.Uri.parse(uri))).size,
    readFile: (uri) => Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.parse(uri))),
  };
}

/** cnnDesigner.preview.maxMemoryMB as written (validated by clampedSettings). */
function readMaxMemoryMB(): number | undefined {
  const value: unknown = vscode.workspace.getConfiguration("cnnDesigner").get("preview.maxMemoryMB");
  return typeof value === "number" ? value : undefined;
}

/** Everything the panels share: one worker and one image catalog for the extension. */
export class PreviewHost implements vscode.Disposable {
  private readonly runner: SharedPreviewRunner;
  private readonly catalog: ImageCatalog;

  private readonly settings: () => PreviewSettings;

  /** `settings` gives channelCap and previewSeed; maxMemoryMB is read here (all clamped in previewJob.ts). */
  constructor(context: vscode.ExtensionContext, settings: () => PreviewSettings) {
    this.settings = () => ({ ...settings(), maxMemoryMB: readMaxMemoryMB() });
    this.runner = new SharedPreviewRunner(() => new PreviewClient(context.asAbsolutePath("dist/previewWorker.js")));
    this.catalog = new ImageCatalog(vscodeImageFileSystem(context.extensionUri));
  }

  /** A panel's preview, posting through the panel's own `post`. */
  forPanel(sync: DocumentSync, post: (message: PreviewHostToView) => void): PanelPreview {
    // A designer opens: start the worker (thread, module, WebAssembly) now, not at the first preview.
    this.runner.warm();
    return new PanelPreview({
      post,
      document: () => {
        const current = sync.current();
        const state = toDocumentState(current);
        const seedWritten = current.parsed.root !== undefined && findNodeAtLocation(current.parsed.root, ["seed"]) !== undefined;
        const spec = current.lastGoodSpec;
        const analyzeWithInput = spec === null ? undefined : (input: number[]): Analysis => analyze({ ...spec, input });
        return { docVersion: state.docVersion, analysis: state.analysis, seedWritten, analyzeWithInput };
      },
      runner: this.runner,
      catalog: this.catalog,
      settings: this.settings,
      log: sync.services.log,
    });
  }

  dispose(): void {
    this.runner.dispose();
  }
}
