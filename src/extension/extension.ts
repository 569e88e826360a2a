/** Activation: the designer, Problems, quick fixes, language features and commands. */
import * as vscode from "vscode";
import type { HostToView } from "../protocol";
import { registerBinaryGuard } from "./binaryGuard";
import { check, openAsText, openDesigner, type CheckResult } from "./commands";
import { CnnEditorProvider } from "./cnnEditorProvider";
import { addLayer } from "./addLayer";
import { registerDiagnostics } from "./diagnostics";
import { AnalysisStore } from "./documentAnalysis";
import { registerExportCommands } from "./exportCommands";
import { exportDiagram } from "./exportDiagram";
import { registerFailableCommand } from "./failableCommand";
import { InputsCompletionProvider, LayerCodeLensProvider, LayerHoverProvider } from "./layerInsights";
import { LayerNavigationProvider } from "./layerNavigation";
import { newDesign } from "./newDesign";
import { PreviewHost } from "./preview/vscodePreviewHost";
import { CnnQuickFixProvider } from "./quickFixes";
import { READ_NOTES_SETTING, readSettings, SECTION, viewSettings, type Settings } from "./settings";
import { channelLogger, createHostServices } from "./vscodeHost";

/** The files the language features serve (they are jsonc by package.json's languages entry). */
const CNN_FILES: vscode.DocumentSelector = [
  { language: "jsonc", pattern: "**/*.cnn.json" },
  { language: "json", pattern: "**/*.cnn.json" },
];

/** Returned from activate() for the extension-host tests; not a public API. */
export interface CnnDesignerTestApi {
  /** How many designer panels are open on the document. */
  panelCount(uri: vscode.Uri): number;
  /** Delivers a message as if panel `index` sent it, and resolves once the host has handled it. */
  sendFromView(uri: vscode.Uri, index: number, message: unknown): Promise<void>;
  /** The latest messages the host posted to panel `index`. */
  postedTo(uri: vscode.Uri, index: number): HostToView[];
  check(uri: vscode.Uri): Promise<CheckResult>;
}

export function activate(context: vscode.ExtensionContext): CnnDesignerTestApi {
  const channel = vscode.window.createOutputChannel("CNN Designer");
  const log = channelLogger(channel);
  let settings: Settings = readSettings();
  const store = new AnalysisStore(() => ({ quietReadNotes: !settings.readNotes }));
  const currentSettings = (): Settings => settings;
  const services = createHostServices(log, store);
  const previewHost = new PreviewHost(context, () => ({ channelCap: settings.previewChannelCap, previewSeed: settings.previewSeed }));
  const { provider, disposable: editorRegistration } = CnnEditorProvider.register(
    context, store, services, () => viewSettings(settings), previewHost,
  );
  const lenses = new LayerCodeLensProvider(store, currentSettings);
  const navigation = new LayerNavigationProvider(store, currentSettings);
  const runCheck = (target?: unknown): Promise<CheckResult> => check(target, store, channel, settings);
  const diagnostics = registerDiagnostics(store);

  context.subscriptions.push(
    channel,
    editorRegistration,
    registerBinaryGuard(CnnEditorProvider.viewType, log),
    previewHost,
    diagnostics.disposable,
    vscode.languages.registerCodeActionsProvider(CNN_FILES, new CnnQuickFixProvider(store), {
      providedCodeActionKinds: CnnQuickFixProvider.providedCodeActionKinds,
    }),
    vscode.languages.registerHoverProvider(CNN_FILES, new LayerHoverProvider(store, currentSettings)),
    vscode.languages.registerCodeLensProvider(CNN_FILES, lenses),
    vscode.languages.registerCompletionItemProvider(CNN_FILES, new InputsCompletionProvider(store), '"'),
    vscode.languages.registerDefinitionProvider(CNN_FILES, navigation),
    vscode.languages.registerReferenceProvider(CNN_FILES, navigation),
    vscode.languages.registerRenameProvider(CNN_FILES, navigation),
    vscode.languages.registerDocumentSymbolProvider(CNN_FILES, navigation),
    registerFailableCommand("cnnDesigner.openDesigner", openDesigner, log),
    registerFailableCommand("cnnDesigner.openAsText", openAsText, log),
    registerFailableCommand("cnnDesigner.check", runCheck, log),
    registerFailableCommand("cnnDesigner.addLayer", (layerType?: unknown) => addLayer((type) => provider.addLayerToActive(type), layerType), log),
    registerFailableCommand("cnnDesigner.newDesign", (template?: unknown, target?: unknown) => newDesign(context.extensionUri, template, target), log),
    ...registerExportCommands(log, currentSettings),
    registerFailableCommand("cnnDesigner.exportDiagram", (source?: unknown, format?: unknown, target?: unknown) => exportDiagram(provider, source, format, target), log),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SECTION)) return;
      settings = readSettings();
      lenses.refresh();
      provider.broadcastSettings(viewSettings(settings));
      if (event.affectsConfiguration(READ_NOTES_SETTING)) {
        diagnostics.refreshAll();
        provider.broadcastStates();
      }
    }),
  );

  const session = (uri: vscode.Uri, index: number) => {
    const found = provider.sessions(uri.toString())[index];
    if (!found) throw new Error(`No designer panel ${index} on ${uri.toString()}`);
    return found;
  };
  return {
    panelCount: (uri) => provider.sessions(uri.toString()).length,
    sendFromView: (uri, index, message) => session(uri, index).handle(message),
    postedTo: (uri, index) => [...session(uri, index).posted],
    check: (uri) => runCheck(uri),
  };
}

export function deactivate(): void {}
