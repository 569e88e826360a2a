// The checked-in outputs of `npm run generate` (schemas/cnn.schema.json and the generated blocks of
// docs/spec-format.md and README.md) match what the layer-type registry generates now, and
// `node scripts/generate.mjs --check` names a stale file and exits 1.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { GENERATED_FILES, markers, replaceBlock } from "../../scripts/generate/outputs";

const root = join(__dirname, "../..");

describe("generated files", () => {
  it.each(GENERATED_FILES.map((file) => file.path))("%s is up to date (run `npm run generate`)", (path) => {
    const file = GENERATED_FILES.find((candidate) => candidate.path === path);
    const current = readFileSync(join(root, path), "utf8");
    expect(file?.render(current), `${path} differs from what the registry generates: run \`npm run generate\``).toBe(current);
  });

  it("renders deterministically and idempotently", () => {
    for (const file of GENERATED_FILES) {
      const once = file.render(readFileSync(join(root, file.path), "utf8"));
      expect(file.render(once), file.path).toBe(once);
    }
  });

  it("replaces only the text between the markers, and refuses a file without them", () => {
    const { start, end } = markers("layer-types");
    const text = `before\n${start}\nold\n${end}\nafter\n`;
    const replaced = replaceBlock(text, "layer-types", "new", "x.md");
    expect(replaced.startsWith(`before\n${start}\n`)).toBe(true);
    expect(replaced.endsWith(`\n\nnew\n\n${end}\nafter\n`)).toBe(true);
    expect(replaced).not.toContain("old");
    expect(() => replaceBlock("no markers", "layer-types", "new", "x.md")).toThrow(/x\.md/);
    expect(() => replaceBlock(`${start}\n${end}\n${start}\n${end}`, "layer-types", "new", "x.md")).toThrow(/more than once/);
  });

  describe("scripts/generate.mjs --check", () => {
    it("passes on the repository", () => {
      const output = execFileSync(process.execPath, ["scripts/generate.mjs", "--check"], { cwd: root, encoding: "utf8" });
      expect(output).toMatch(/up to date/);
    });

    it("exits 1 and names the stale file; without --check it rewrites it", () => {
      const copy = mkdtempSync(join(tmpdir(), "cnn-generated-"));
      try {
        for (const file of GENERATED_FILES) {
          mkdirSync(dirname(join(copy, file.path)), { recursive: true });
          copyFileSync(join(root, file.path), join(copy, file.path));
        }
        const readme = join(copy, "README.md");
        const original = readFileSync(readme, "utf8");
        const { start } = markers("layer-types");
        writeFileSync(readme, original.replace(start, `${start}\n| stale | row |`));
        const check = spawnSync(process.execPath, ["scripts/generate.mjs", "--check", "--root", copy], { cwd: root, encoding: "utf8" });
        expect(check.status).toBe(1);
        expect(check.stderr).toContain("README.md");
        expect(check.stderr).not.toContain("cnn.schema.json");
        const write = spawnSync(process.execPath, ["scripts/generate.mjs", "--root", copy], { cwd: root, encoding: "utf8" });
        expect(write.status, write.stderr).toBe(0);
        expect(readFileSync(readme, "utf8")).toBe(original);
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    });
  });
});
