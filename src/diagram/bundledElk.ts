/**
 * ELK in the calling thread from elkjs' bundled build: the CLI's `export --to svg` (in Node,
 * loaded only then), the dev page's layout timing and tests.
 * The webview does not import this module (its fallback is scriptElk.ts), so the 1.5 MB engine
 * stays out of webview.js.
 */
import ELK from "elkjs/lib/elk.bundled.js";
import type { ElkLike } from "./layout";

export function createBundledElk(): ElkLike {
  return new ELK();
}
