/**
 * Unknown keys: warnings (the keys are kept). forEachUnknownKey finds them, with the closest
 * allowed name, for the top level (topLevel.ts), a layer (here, with a rename fix for near
 * misses) and a layer's `weights` object (weights.ts).
 */
import type { LayerContext } from "./context";
import { LAYER_HANDLERS } from "./layers/registry";
import { closestName, KEY_ALIASES } from "./suggest";
import type { SuggestedFix } from "./types";

const COMMON_KEYS = ["id", "type", "inputs"];

/**
 * Every layer type's fields; built on first use, as topLevel.ts and weights.ts (which the registry's modules import) import this module.
 */
let allFields: ReadonlySet<string> | undefined;

function isSomeLayerField(key: string): boolean {
  allFields ??= new Set<string>(Object.values(LAYER_HANDLERS).flatMap((handler) => handler.fields));
  return allFields.has(key);
}

const allowedCache = new WeakMap<readonly string[], readonly string[]>();

function allowedKeys(fields: readonly string[]): readonly string[] {
  let allowed = allowedCache.get(fields);
  if (!allowed) {
    allowed = [...COMMON_KEYS, ...fields];
    allowedCache.set(fields, allowed);
  }
  return allowed;
}

/**
 * Calls `report` for each own key of `object` not in `allowed`, in order, with the closest
 * allowed name (closestName, with `aliases`), undefined when none is close.
 */
export function forEachUnknownKey(
  object: object, allowed: readonly string[], report: (key: string, closest: string | undefined) => void,
  aliases?: Readonly<Record<string, string>>,
): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) report(key, closestName(key, allowed, aliases));
  }
}

export function reportUnknownKeys(ctx: LayerContext, fields: readonly string[]): void {
  forEachUnknownKey(ctx.raw, allowedKeys(fields), (key, closest) => {
    const fixes: SuggestedFix[] = [];
    if (closest && !ctx.has(closest)) {
      fixes.push({ title: `Rename \`${key}\` to \`${closest}\``, preferred: true, edits: [{ kind: "set", path: ctx.fieldPath(closest), value: ctx.raw[key] }, { kind: "remove", path: ctx.fieldPath(key) }] });
    }
    fixes.push({ title: `Remove \`${key}\``, edits: [{ kind: "remove", path: ctx.fieldPath(key) }] });
    const hint = closest && !ctx.has(closest) ? ` Did you mean \`${closest}\`?` : "";
    const other = isSomeLayerField(key) && !closest ? ` (${ctx.type} has no \`${key}\`)` : "";
    ctx.warning("unknown-key", `unknown key \`${key}\`${other}; it is kept but ignored.${hint}`, { field: key, target: "key", fixes });
  }, KEY_ALIASES);
}
