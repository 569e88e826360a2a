// The Marketplace / Open VSX listing invariants of package.json: the icon is a 128×128 PNG that
// ships, keybindings are scoped to CNN Designer's editors and name contributed commands, the
// keywords and categories are ones the Marketplace accepts, and CHANGELOG.md has the version.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "../..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  version: string;
  icon?: string;
  galleryBanner?: { color?: string; theme?: string };
  repository?: { type?: string; url?: string };
  bugs?: { url?: string };
  homepage?: string;
  qna?: unknown;
  keywords?: string[];
  categories?: string[];
  extensionKind?: string[];
  contributes: {
    commands: { command: string; title: string }[];
    keybindings?: { command: string; key: string; mac?: string; when?: string }[];
  };
};

/** The Marketplace's categories (the `categories` enum of VS Code's extension manifest schema). */
const marketplaceCategories = new Set([
  "AI", "Azure", "Chat", "Data Science", "Debuggers", "Education", "Extension Packs", "Formatters", "Keymaps",
  "Language Packs", "Linters", "Machine Learning", "Notebooks", "Other", "Programming Languages", "SCM Providers",
  "Snippets", "Testing", "Themes", "Visualization",
]);

const repository = "https://github.com/cnn-designer/cnn-designer";
const designerScope = "activeCustomEditorId == cnnDesigner.graphEditor";
const textScope = "resourceFilename =~ /\\.cnn\\.json$/";

/** Width and height from a PNG's IHDR chunk (which must come first). */
function pngSize(bytes: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(0, 8).equals(signature), "PNG signature").toBe(true);
  expect(bytes.toString("latin1", 12, 16), "first chunk").toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe("listing fields", () => {
  it("has a 128×128 PNG icon that ships in the .vsix", () => {
    expect(manifest.icon).toBe("media/icon/icon.png");
    const path = join(root, manifest.icon!);
    expect(existsSync(path)).toBe(true);
    expect(pngSize(readFileSync(path))).toEqual({ width: 128, height: 128 });
    const shipped = readFileSync(join(root, ".vscodeignore"), "utf8").split("\n").map((line) => line.trim());
    expect(shipped).toContain(`!${manifest.icon}`);
  });

  it("has a gallery banner, repository, bugs and homepage, and no Q&A tab", () => {
    expect(manifest.galleryBanner?.color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(["dark", "light"]).toContain(manifest.galleryBanner?.theme);
    expect(manifest.repository).toEqual({ type: "git", url: `${repository}.git` });
    expect(manifest.bugs?.url).toBe(`${repository}/issues`);
    expect(manifest.homepage).toBe(`${repository}#readme`);
    expect(manifest.qna).toBe(false);
    expect(manifest.extensionKind).toEqual(["workspace"]);
  });

  it("has at most 30 distinct keywords, including the ones people search for", () => {
    const keywords = manifest.keywords ?? [];
    expect(keywords.length).toBeGreaterThan(0);
    expect(keywords.length).toBeLessThanOrEqual(30);
    expect(new Set(keywords.map((keyword) => keyword.toLowerCase())).size).toBe(keywords.length);
    for (const keyword of ["cnn", "pytorch", "convolution", "convolutional neural network", "receptive field", "torchinfo"]) {
      expect(keywords).toContain(keyword);
    }
    // Nothing the extension cannot do yet (no ONNX import or export).
    expect(keywords.filter((keyword) => /onnx/i.test(keyword))).toEqual([]);
  });

  it("uses Marketplace categories only", () => {
    expect(manifest.categories?.length).toBeGreaterThan(0);
    for (const category of manifest.categories ?? []) expect(marketplaceCategories, category).toContain(category);
  });
});

describe("keybindings", () => {
  const keybindings = manifest.contributes.keybindings ?? [];
  const commands = new Set(manifest.contributes.commands.map(({ command }) => command));

  it("exist for the main actions and name contributed commands", () => {
    expect(keybindings.length).toBeGreaterThan(0);
    for (const binding of keybindings) expect(commands, binding.command).toContain(binding.command);
    const bound = new Set(keybindings.map(({ command }) => command));
    for (const command of ["cnnDesigner.openAsText", "cnnDesigner.openDesigner", "cnnDesigner.check", "cnnDesigner.exportPytorch"]) {
      expect(bound, command).toContain(command);
    }
  });

  it("are all scoped to the designer or a *.cnn.json text editor", () => {
    for (const binding of keybindings) {
      expect(binding.when, binding.command).toBeTruthy();
      // Every alternative of the `when` (split at ||) names one of the two scopes.
      for (const alternative of binding.when!.split("||")) {
        const scoped = alternative.includes(designerScope) || (alternative.includes(textScope) && alternative.includes("editorTextFocus"));
        expect(scoped, `${binding.command}: ${alternative}`).toBe(true);
      }
      expect(binding.key, binding.command).toMatch(/^ctrl\+k /);
      expect(binding.mac, binding.command).toMatch(/^cmd\+k /);
    }
  });

  it("never bind one key twice in the same scope", () => {
    const seen = new Set<string>();
    for (const binding of keybindings) {
      for (const alternative of binding.when!.split("||")) {
        const scope = alternative.includes(designerScope) ? "designer" : "text";
        const id = `${scope} ${binding.key}`;
        expect(seen.has(id), id).toBe(false);
        seen.add(id);
      }
    }
  });

  it("are listed in the README", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const shown = (key: string) => key.split(" ").map((chord) => chord.split("+").map((part) => part[0].toUpperCase() + part.slice(1)).join("+")).join(" ");
    for (const binding of keybindings) expect(readme, binding.key).toContain(`| ${shown(binding.key)} |`);
  });
});

describe("CHANGELOG.md", () => {
  const changelog = readFileSync(join(root, "CHANGELOG.md"), "utf8");

  it("has an Unreleased section and one for package.json's version", () => {
    expect(changelog).toMatch(/^## \[Unreleased\]$/m);
    const escaped = manifest.version.replace(/\./g, "\\.");
    expect(changelog).toMatch(new RegExp(`^## \\[${escaped}\\] - \\d{4}-\\d{2}-\\d{2}$`, "m"));
    expect(changelog).toMatch(new RegExp(`^\\[${escaped}\\]: https://`, "m"));
  });
});
