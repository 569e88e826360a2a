/**
 * Python names for the PyTorch export. Pure.
 *
 * Module names: every layer becomes a submodule whose qualified name (named_modules(),
 * state_dict() keys) is its id, so "layer1.0.conv1" is reached as self.layer1["0"]["conv1"]
 * through nested nn.ModuleDicts and its weight is "layer1.0.conv1.weight", as in torchvision.
 * A segment is changed only where Python or PyTorch would refuse it: the first one must be a
 * Python identifier (invalid characters become "_", keywords get a trailing "_"), and no
 * segment may shadow an nn.Module / nn.ModuleDict attribute ("forward" → "forward_"). An id
 * that would be both a layer and a container of other layers ("a" and "a.b"), or that repeats
 * another after these changes, is flattened to one top-level name ("a_b", made unique).
 */
import { NameAllocator } from "../freshIds";
import { pythonString } from "./escapes";

/** Python 3 keywords (and soft keywords that would confuse a reader). */
const PYTHON_KEYWORDS = new Set([
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
  "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
  "return", "try", "while", "with", "yield", "match", "case",
]);

/**
 * Attributes of nn.ModuleDict (hence of nn.Module) in PyTorch 1.13, from
 * `[n for n in dir(torch.nn.ModuleDict()) if not n.startswith("__")]`, plus a few of newer
 * versions; add_module refuses these names ("attribute 'forward' already exists").
 */
const MODULE_ATTRIBUTES = new Set([
  "T_destination", "add_module", "apply", "bfloat16", "buffers", "call_super_init", "children", "clear", "compile", "cpu", "cuda",
  "double", "dump_patches", "eval", "extra_repr", "float", "forward", "get_buffer", "get_extra_state", "get_parameter",
  "get_submodule", "half", "ipu", "items", "keys", "load_state_dict", "modules", "mtia", "named_buffers", "named_children",
  "named_modules", "named_parameters", "parameters", "pop", "register_backward_hook", "register_buffer", "register_forward_hook",
  "register_forward_pre_hook", "register_full_backward_hook", "register_full_backward_pre_hook", "register_load_state_dict_post_hook",
  "register_load_state_dict_pre_hook", "register_module", "register_parameter", "register_state_dict_post_hook",
  "register_state_dict_pre_hook", "requires_grad_", "set_extra_state", "set_submodule", "share_memory", "smart_apply", "state_dict",
  "to", "to_empty", "train", "training", "type", "update", "values", "xpu", "zero_grad",
  "_apply", "_backward_hooks", "_backward_pre_hooks", "_buffers", "_call_impl", "_compiled_call_impl", "_forward_hooks",
  "_forward_hooks_always_called", "_forward_hooks_with_kwargs", "_forward_pre_hooks", "_forward_pre_hooks_with_kwargs",
  "_get_backward_hooks", "_get_backward_pre_hooks", "_get_name", "_is_full_backward_hook", "_load_from_state_dict",
  "_load_state_dict_post_hooks", "_load_state_dict_pre_hooks", "_maybe_warn_non_full_backward_hook", "_modules", "_named_members",
  "_non_persistent_buffers_set", "_parameters", "_register_load_state_dict_pre_hook", "_register_state_dict_hook",
  "_replicate_for_data_parallel", "_save_to_state_dict", "_slow_forward", "_state_dict_hooks", "_state_dict_pre_hooks", "_version",
  "_wrapped_call_impl",
]);

export interface ModuleName {
  /** The dotted name in named_modules() and state_dict(), e.g. "layer1.0.conv1". */
  qualifiedName: string;
  /** [first, ...rest]: the attribute of the model, then the nn.ModuleDict keys. */
  segments: string[];
}

/** Any text → a Python identifier that is not a keyword (`fallback` when nothing is left). */
export function pythonIdentifier(text: string, fallback = "layer"): string {
  let name = text.replace(/[^A-Za-z0-9_]/g, "_");
  if (name === "") name = fallback;
  if (/^[0-9]/.test(name)) name = `_${name}`;
  return PYTHON_KEYWORDS.has(name) ? `${name}_` : name;
}

function safeSegment(segment: string, first: boolean): string | null {
  if (segment === "") return null;
  const name = first ? pythonIdentifier(segment) : segment;
  return MODULE_ATTRIBUTES.has(name) ? `${name}_` : name;
}

/** A module path tree: each node is a layer (leaf) or a container of layers. */
interface PathNode {
  leaf: boolean;
  children: Map<string, PathNode>;
}

/**
 * Module names for the layer ids, in order (see the file comment for the rules). Linear in
 * the ids' total length: the paths taken so far are a tree of segments, and a flattened name
 * (which has no dots) can only collide with a top-level name.
 */
export function assignModuleNames(ids: readonly string[], allocator = new NameAllocator()): ModuleName[] {
  const root: PathNode = { leaf: false, children: new Map() };
  const insert = (segments: readonly string[]) => {
    let node = root;
    for (const segment of segments) {
      let child = node.children.get(segment);
      if (!child) {
        child = { leaf: false, children: new Map() };
        node.children.set(segment, child);
        if (node === root) allocator.add(segment);
      }
      node = child;
    }
    node.leaf = true;
  };
  return ids.map((id) => {
    const segments = hierarchicalSegments(id);
    if (segments && fitsTree(segments, root)) {
      insert(segments);
      return { qualifiedName: segments.join("."), segments };
    }
    const flat = allocator.unique(safeSegment(pythonIdentifier(id), true) as string);
    insert([flat]);
    return { qualifiedName: flat, segments: [flat] };
  });
}

function hierarchicalSegments(id: string): string[] | null {
  const segments = id.split(".").map((segment, position) => safeSegment(segment, position === 0));
  return segments.every((segment): segment is string => segment !== null) ? segments : null;
}

/** True when the path is new and neither a prefix of a layer nor below one. */
function fitsTree(segments: readonly string[], root: PathNode): boolean {
  let node: PathNode | undefined = root;
  for (const segment of segments) {
    node = node.children.get(segment);
    if (!node) return true; // a new branch: nothing below it yet
    if (node.leaf) return false; // the path is a layer, or lies below one
  }
  return false; // the path is a container of other layers
}

/** self.layer1["0"]["conv1"] */
export function moduleAccess(name: ModuleName): string {
  return `self.${name.segments[0]}${name.segments.slice(1).map((segment) => `[${pythonString(segment)}]`).join("")}`;
}

/** Names the generated file uses itself: no forward() variable may take them. */
export const GENERATED_NAMES = new Set(["x", "self", "torch", "nn", "F", "net_input", "MinPool2d", "Add", "Concat", "conv_weight", "conv_transpose_weight", "INPUT_SHAPE"]);

/** Variable names for forward(): ids as Python identifiers, unique. */
export function assignVariableNames(ids: readonly string[], allocator = new NameAllocator(GENERATED_NAMES)): string[] {
  return ids.map((id) => {
    const name = allocator.unique(pythonIdentifier(id));
    allocator.add(name);
    return name;
  });
}

/** "ResNet-18" → "ResNet18", "U-Net (small)" → "UNetSmall"; "Network" when nothing is left. */
export function pythonClassName(name: string | undefined): string {
  const words = (name ?? "").split(/[^A-Za-z0-9]+/).filter((word) => word !== "");
  let className = words.map((word) => word[0].toUpperCase() + word.slice(1)).join("");
  if (className === "") className = "Network";
  if (/^[0-9]/.test(className)) className = `Net${className}`;
  return GENERATED_NAMES.has(className) || PYTHON_KEYWORDS.has(className) ? `${className}Net` : className;
}
