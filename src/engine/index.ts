/**
 * The engine's entry point (contract: docs/spec-format.md §2): a thin, documented
 * facade over the implementation files in this folder.
 */
export * from "./types";
export { analyze, QUIET_READ_NOTE_CODES, type AnalyzeOptions } from "./analyze";
export { explainLayer } from "./explain";
export { formatCount, formatShape, type ShapeOrder } from "./numberFormat";
export { locate, positionInText, type TextRange } from "./locate";
export { presetKernel, presetFits, kernelTaps, KERNEL_PRESET_NAMES, isKernelPresetName, type KernelPresetName } from "./kernelPresets";
export { convOutputSize, convTransposeOutputSize, effectiveKernelSize, poolOutputSize, samePadding } from "./geometry";
