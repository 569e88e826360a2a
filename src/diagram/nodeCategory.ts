/**
 * The colour family of a layer type: the canvas's `cnn-cat-*` CSS class (LayerNode.tsx) and the
 * diagram export's palette. Each type declares its category (src/engine/layers); the network
 * input and a type the format does not know (a typo being fixed) get their own neutral families.
 * Kept JSX-free so Node tests can import it.
 */
import type { LayerCategory } from "../engine/layers/layerType";
import { layerTypeOf } from "../engine/layers/registry";

export type NodeCategory = "input" | "unknown" | LayerCategory;

export function nodeCategoryOf(type: string): NodeCategory {
  if (type === "input") return "input";
  return layerTypeOf(type)?.category ?? "unknown";
}
