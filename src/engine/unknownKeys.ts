/** Unknown layer keys: warnings (the keys are kept), with a rename fix for near misses. */
import type { LayerContext } from "./context";
import { LAYER_HANDLERS } from "./layers/registry";
import { closestName, KEY_ALIASES } from "./suggest";
import type { SuggestedFix } from "./types";

const COMMON_KEYS = ["id", "type", "inputs"];

const ALL_FIELDS = new Set<string>(Object.values(LAYER_HANDLERS).flatMap((handler) => handler.fields));

const allowedCache = new WeakMap<readonly string[], readonly string[]>();

function allowedKeys(fields: readonly string[]): readonly string[] {
  let allowed = allowedCache.get(fields);
  if (!allowed) {
    allowed = [...COMMON_KEYS, ...fields];
    allowedCache.set(fields, allowed);
  }
  return allowed;
}

export function reportUnknownKeys(ctx: LayerContext, fields: readonly string[]): void {
  const allowed = allowedKeys(fields);
  for (const key in ctx.raw) {
    if (!Object.prototype.hasOwnProperty.call(ctx.raw, key) || allowed.includes(key)) continue;
    const closest = closestName(key, allowed, KEY_ALIASES);
    const fixes: SuggestedFix[] = [];
    if (closest && !ctx.has(closest)) {
      fixes.push({ title: `Rename \`${key}\` to \`${closest}\``, preferred: true, edits: [{ kind: "set", path: ctx.fieldPath(closest), value: ctx.raw[key] }, { kind: "remove", path: ctx.fieldPath(key) }] });
    }
    fixes.push({ title: `Remove \`${key}\``, edits: [{ kind: "remove", path: ctx.fieldPath(key) }] });
    const hint = closest && !ctx.has(closest) ? ` Did you mean \`${closest}\`?` : "";
    const other = ALL_FIELDS.has(key) && !closest ? ` (${ctx.type} has no \`${key}\`)` : "";
    ctx.warning("unknown-key", `unknown key \`${key}\`${other}; it is kept but ignored.${hint}`, { field: key, target: "key", fixes });
  }
}
