/**
 * The colour family of a layer type: the canvas's `cnn-cat-*` CSS class (LayerNode.tsx) and the
 * diagram export's palette. Kept JSX-free so Node tests can import it.
 */
export type NodeCategory = "input" | "conv" | "pool" | "norm" | "dense" | "merge" | "activation";

export function nodeCategoryOf(type: string): NodeCategory {
  if (type === "input") return "input";
  if (type.startsWith("conv")) return "conv";
  if (type.includes("pool")) return "pool";
  if (type === "batchnorm2d" || type === "dropout") return "norm";
  if (type === "linear" || type === "flatten") return "dense";
  if (type === "add" || type === "concat") return "merge";
  return "activation";
}
