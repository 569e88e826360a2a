/**
 * The relaxed-SIMD kernels (f32x4.relaxed_madd) against the naive reference. Node 20 needs
 * --experimental-wasm-relaxed-simd on the command line (NODE_OPTIONS refuses it), so the
 * check is bundled and run in a child node with the flag.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import type { CaseResult } from "./wasmCases";

interface Report { flavours: string[]; backend: string; conv: CaseResult[]; pool: CaseResult[] }

describe("wasm relaxed SIMD kernels vs the naive reference (child node with the flag)", () => {
  it("conv2d (250 cases) and pools (100 cases) agree; the flag makes relaxed SIMD the best flavour", async () => {
    const directory = mkdtempSync(join(tmpdir(), "cnn-relaxed-"));
    try {
      const outfile = join(directory, "check.mjs");
      await build({ entryPoints: [join(__dirname, "wasmRelaxedCheck.ts")], bundle: true, platform: "node", format: "esm", outfile, logLevel: "silent" });
      const output = execFileSync(process.execPath, ["--experimental-wasm-relaxed-simd", outfile], { encoding: "utf8" });
      const report = JSON.parse(output) as Report;
      expect(report.flavours).toEqual(["relaxed", "plain"]);
      expect(report.backend).toBe("wasm-relaxed-simd");
      expect(report.conv).toHaveLength(250);
      expect(report.conv.filter((result) => !(result.error <= 1e-5))).toEqual([]);
      expect(report.pool.filter((result) => !(result.error <= 1e-5))).toEqual([]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
