/**
 * Inspector text ⇄ JSON values, with the validation shown while typing. An empty text means
 * "remove the key" (back to the default) unless the field is required.
 */
import { LAYER_ID_PATTERN } from "../../src/engine/layerId";
import { activationTypes, weightPresets, type FieldSpec } from "./catalog";

export type ParsedField = { ok: true; value: unknown } | { ok: false; error: string };

const ok = (value: unknown): ParsedField => ({ ok: true, value });
const error = (message: string): ParsedField => ({ ok: false, error: message });

/** Value → the text the control shows ("" for an absent key). */
export function formatFieldValue(value: unknown): string {
  if (value === undefined) return "";
  if (Array.isArray(value) && value.every((item) => typeof item !== "object")) return value.join(", ");
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

export function parseFieldText(field: FieldSpec, text: string): ParsedField {
  const trimmed = text.trim();
  if (trimmed === "") return field.required ? error(`${field.name} is required.`) : ok(undefined);
  switch (field.kind) {
    case "int": return parseInteger(trimmed, field.min ?? 1);
    case "number": return parseNumber(trimmed, field);
    case "bool": return trimmed === "true" || trimmed === "false" ? ok(trimmed === "true") : error("true or false");
    case "spatial": return parseSpatial(trimmed, field.allowZero ? 0 : 1);
    case "convPadding": return trimmed === "same" || trimmed === "valid" ? ok(trimmed) : parseSpatial(trimmed, 0, ', "same" or "valid"');
    case "activation": return (activationTypes as readonly string[]).includes(trimmed) ? ok(trimmed) : error(`one of ${activationTypes.join(", ")}`);
    case "weights": return (weightPresets as readonly string[]).includes(trimmed) ? ok(trimmed) : error(`one of ${weightPresets.join(", ")} (custom kernels: edit the text)`);
    case "inputs": return parseIds(trimmed);
    case "choice": return (field.choices ?? []).includes(trimmed) ? ok(trimmed) : error(`one of ${(field.choices ?? []).join(", ")}`);
    case "scale": return parseScale(trimmed);
    case "shape": return parseShape(trimmed);
    case "id": return LAYER_ID_PATTERN.test(trimmed) && trimmed !== "input" ? ok(trimmed) : error("letters, digits, _ . - (not starting with a digit; input is reserved)");
  }
}

function parseInteger(text: string, min: number): ParsedField {
  if (!/^-?\d+$/.test(text)) return error("a whole number");
  const value = Number(text);
  return value >= min ? ok(value) : error(`at least ${min}`);
}

function parseNumber(text: string, field: FieldSpec): ParsedField {
  const value = Number(text);
  if (!Number.isFinite(value) || text === "") return error("a number");
  if (field.min !== undefined && value < field.min) return error(field.min === Number.MIN_VALUE ? "greater than 0" : `at least ${field.min}`);
  if (field.maxExclusive !== undefined && value >= field.maxExclusive) return error(`less than ${field.maxExclusive}`);
  return ok(value);
}

/** "3" → 3, "3, 5" / "3×5" / "3x5" / "[3,5]" → [3, 5] (height, width). */
function parseSpatial(text: string, min: number, alternatives = ""): ParsedField {
  const parts = text.replace(/^\[|\]$/g, "").split(/\s*[,×x*]\s*|\s+/).filter((part) => part !== "");
  const expectation = `a whole number ≥ ${min} or height, width${alternatives}`;
  if (parts.length < 1 || parts.length > 2 || parts.some((part) => !/^\d+$/.test(part))) return error(expectation);
  const values = parts.map(Number);
  if (values.some((value) => value < min)) return error(expectation);
  return ok(values.length === 1 ? values[0] : values);
}

/** "2" → 2, "1.5, 2" / "1.5×2" / "[1.5,2]" → [1.5, 2]: positive numbers (height, width). */
function parseScale(text: string): ParsedField {
  const parts = text.replace(/^\[|\]$/g, "").split(/\s*[,×x*]\s*|\s+/).filter((part) => part !== "");
  const values = parts.map(Number);
  if (parts.length < 1 || parts.length > 2 || values.some((value) => !Number.isFinite(value) || value <= 0)) return error("a number > 0 or height, width");
  return ok(values.length === 1 ? values[0] : values);
}

/** "1, 32, 32" / "1×32×32" / "[1,32,32]" → [1, 32, 32]. */
function parseShape(text: string): ParsedField {
  const parts = text.replace(/^\[|\]$/g, "").split(/\s*[,×x*]\s*|\s+/).filter((part) => part !== "");
  if (parts.length !== 3 || parts.some((part) => !/^\d+$/.test(part) || Number(part) < 1)) return error("channels, height, width: three whole numbers ≥ 1");
  return ok(parts.map(Number));
}

function parseIds(text: string): ParsedField {
  const ids = text.replace(/^\[|\]$/g, "").split(/[\s,]+/).map((id) => id.replace(/^"|"$/g, "")).filter((id) => id !== "");
  const bad = ids.find((id) => !LAYER_ID_PATTERN.test(id));
  return bad === undefined ? ok(ids) : error(`${bad} is not an id`);
}
