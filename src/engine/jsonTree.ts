/**
 * The jsonc position tree of a text, shared by everything that needs one for the same text: the
 * analysis's lazy tree (parse.ts), `locate` (diagnostic ranges) and the editor's ParsedText
 * (edit/paths.ts). A 10 MB file used to be parsed into a tree three times, each ~10× the cost of
 * JSON.parse (issue 20); now once. One entry: the text being worked on. Callers must not change
 * the tree or the errors.
 */
import { type Node, type ParseError, parseTree } from "jsonc-parser";

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false };

export interface JsonTree {
  root: Node | undefined;
  errors: readonly ParseError[];
}

let lastText: string | undefined;
let lastTree: JsonTree = { root: undefined, errors: [] };

export function jsonTreeOf(text: string): JsonTree {
  if (text === lastText) return lastTree;
  lastText = undefined;
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(text, errors, PARSE_OPTIONS);
  } catch {
    root = undefined;
  }
  lastTree = { root, errors };
  lastText = text;
  return lastTree;
}
