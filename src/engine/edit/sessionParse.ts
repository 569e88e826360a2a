/**
 * The parse of an EditSession's current text, kept until the next step changes the text, so
 * that an intent computed from one parse costs one pass over the text (the parse), not one per
 * step. Steps that must see the result of an earlier step re-parse (rare: duplicate keys).
 */
import type { JsonPath } from "../types";
import { nodeAt, propertiesNamed } from "./nodeAt";
import { parseText, removeAtPath, type ParsedText } from "./paths";
import type { EditSession } from "./textEdit";

const parses = new WeakMap<EditSession, ParsedText>();

/** Records a parse of the session's current text (applyIntent parses once to check for errors). */
export function rememberParse(session: EditSession, parsed: ParsedText): void {
  if (parsed.text === session.text) parses.set(session, parsed);
}

/** The parse of the session's current text (re-parsed only when a step changed it). */
export function parsedOf(session: EditSession): ParsedText {
  const cached = parses.get(session);
  if (cached && cached.text === session.text) return cached;
  const parsed = parseText(session.text);
  parses.set(session, parsed);
  return parsed;
}

/**
 * Removes the key or element at `path`; a key written several times loses every copy (removing
 * only the last would bring an ignored earlier copy back into effect).
 */
export function removeEveryCopy(session: EditSession, path: JsonPath): void {
  const first = parsedOf(session);
  const key = path[path.length - 1];
  const parent = first.root ? nodeAt(first.root, path.slice(0, -1)) : undefined;
  const copies = typeof key === "string" && parent ? propertiesNamed(parent, key).length : 1;
  session.apply(removeAtPath(first, path));
  for (let removed = 1; removed < copies; removed++) session.apply(removeAtPath(parsedOf(session), path));
}
