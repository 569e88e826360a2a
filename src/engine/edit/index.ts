/**
 * Style-preserving edits of `*.cnn.json` text: the designer's intents, the engine's
 * SpecEdits, and the layer index the editor's language features use. Pure.
 */
export { applyIntent, type EditIntent, type EditError, type EditErrorCode, type IntentResult, type NewLayer } from "./intents";
export type { JsonValue } from "./jsonLayout";
export { applyTextEdits, EditSession, type TextEdit } from "./textEdit";
export {
  indexLayers, occurrenceAt, occurrencesOf, layerAt, derivedId, ID_PATTERN, NETWORK_INPUT,
  type LayerIndex, type LayerEntry, type IdOccurrence, type InputReference,
} from "./layerIndex";
export { parseText, lineColumn, formatPath, type ParsedText } from "./paths";
export { uniqueLayerId } from "./layerIds";
