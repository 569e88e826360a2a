/** Field readers shared by the message validators: each returns the value or throws Invalid with a reason. */

export type Fields = Record<string, unknown>;

/** A refusal reason (caught at the validator's boundary, never seen by callers). */
export class Invalid extends Error {}

export function fail(reason: string): never {
  throw new Invalid(reason);
}

export function isRecord(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value for a log line: JSON, cut to `limit` characters (a refused message can be megabytes). */
export function shortText(value: unknown, limit = 80): string {
  let text: string;
  try {
    text = typeof value === "string" ? JSON.stringify(value.slice(0, limit + 1)) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

export function string(fields: Fields, key: string, maxLength = 1000): string {
  const value = fields[key];
  if (typeof value !== "string") fail(`"${key}" must be a string`);
  if (value.length > maxLength) fail(`"${key}" is longer than ${maxLength} characters`);
  return value;
}

export function integer(fields: Fields, key: string, minimum = 0): number {
  const value = fields[key];
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < minimum) fail(`"${key}" must be an integer ≥ ${minimum}`);
  return value;
}

export function onlyKeys(fields: Fields, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(fields)) {
    if (!allowed.includes(key)) fail(`unexpected key ${shortText(key, 40)} in ${where}`);
  }
}

/** Throws with `"where" problem` when a designerValues check found a problem. */
export function check(problem: string | undefined, where: string): void {
  if (problem !== undefined) fail(where ? `${where} ${problem}` : problem);
}
