// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { builtinModules } from "node:module";

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/** Imports that the pure layers (engine, core, protocol, diagram) must never reach for. */
const impureImports = {
  paths: [
    { name: "vscode", message: "Only src/extension may import vscode at runtime." },
    ...nodeBuiltins.map((name) => ({ name, message: "Pure layers run in Node and browsers: no Node built-ins." })),
  ],
  patterns: [
    { group: ["node:*"], message: "Pure layers run in Node and browsers: no Node built-ins." },
    { group: ["**/extension/**", "**/webview/**", "**/cli/**"], message: "Pure layers depend on nothing above them." },
  ],
};

/** The engine is below the core: the core may import the engine, never the reverse. */
const engineImports = {
  paths: impureImports.paths,
  patterns: [...impureImports.patterns, { group: ["**/core", "**/core/**"], message: "The engine must not import the core" }],
};

/** Browser-only globals the pure layers must not touch (the DOM). */
const domGlobals = ["window", "document", "navigator", "HTMLElement", "localStorage", "fetch", "Image", "ImageData", "OffscreenCanvas", "process", "Buffer", "require", "__dirname"].map(
  (name) => ({ name, message: "Pure layers run in Node and browsers: no DOM or Node globals." }),
);

export default tseslint.config(
  { ignores: ["dist/**", "out/**", "node_modules/**", ".vscode-test/**", "bench/peers/**", "test-artifacts/**", "media/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,mts}"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["src/engine/**", "src/protocol/**", "src/core/**", "src/diagram/**"],
    ignores: ["src/core/worker/**"],
    rules: {
      "no-restricted-imports": ["error", impureImports],
      "no-restricted-globals": ["error", ...domGlobals],
    },
  },
  {
    files: ["src/engine/**"],
    rules: { "no-restricted-imports": ["error", engineImports] },
  },
  {
    files: ["webview/**"],
    rules: {
      "no-restricted-imports": ["error", {
        paths: [{ name: "vscode", message: "The webview talks to the host through messages only." }, ...nodeBuiltins.map((name) => ({ name, message: "The webview runs in a browser." }))],
        patterns: [{ group: ["**/extension/**", "**/cli/**", "node:*"], message: "The webview depends on engine/protocol/diagram only." }],
      }],
    },
  },
  {
    files: ["src/cli/**", "src/core/worker/**", "test/**", "bench/**"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "vscode", message: "Only src/extension (and extension-host tests) may import vscode.", }] }],
    },
  },
  {
    files: ["test/integration/**"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["**/*.{ts,tsx,js,mjs,cjs}"],
    // Long lines hide code in side-by-side diffs; strings and template literals are exempt as user-facing messages are searched for whole.
    rules: {
      "max-len": ["error", { code: 140, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true }],
    },
  },
  {
    files: ["**/*.{js,mjs,cjs}"],
    languageOptions: { globals: { process: "readonly", console: "readonly", __dirname: "readonly", require: "readonly", module: "writable", URL: "readonly", setTimeout: "readonly", clearTimeout: "readonly", Buffer: "readonly" } },
  },
);
