/** The pure exporters: normalised JSON and PyTorch source (shape tables: ../summary.ts). */
export { COMPUTED_KEY, exportSpecJson, type JsonExportOptions } from "./jsonExport";
export { exportPytorch, type PytorchExport, type PytorchExportOptions, type PytorchModuleInfo } from "./pytorch";
export { exportRefusal, type ExportResult } from "./refusal";
