// Assembles the convolution core's WebAssembly kernels (`node scripts/build-wasm.mjs`).
// The kernels are written here as WAT text generated from small templates (register-blocked
// variants differ only in their block sizes) and assembled with the `wabt` npm package, twice:
// a plain 128-bit SIMD module (mul + add) and a relaxed-SIMD one (f32x4.relaxed_madd). The
// bytes are written as base64 into src/core/wasm/generated/kernelsWasm.ts, which is committed
// so tests and bundles need no build step; `--check` fails when that file is stale. The GEMM
// and depthwise templates live here, the pool ones in wasm-pool-templates.mjs, the copy and
// statistics ones in wasm-templates.mjs.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { affineInPlaceFunction, copyRowsFunction, fillUniformFunction, padInPlaceFunction, reluInPlaceFunction, statsFunction } from "./wasm-templates.mjs";
import {
  poolColumnsFunction, poolColumnsMaxStride2Function, poolPlanesFunction, poolRowsFunction, poolRowsMax3Function,
} from "./wasm-pool-templates.mjs";

const root = join(fileURLToPath(new URL(".", import.meta.url)), "..");
const outputPath = join(root, "src/core/wasm/generated/kernelsWasm.ts");

/** GEMM blocks: rows = output channels per block, vectors = 4-pixel vectors per block. */
export const GEMM_ROWS = [1, 2, 3, 4];
export const GEMM_VECTORS = 2;
export const DEPTHWISE_VECTORS = 4;

const range = (count) => Array.from({ length: count }, (_, index) => index);

/** a*b + c in the chosen flavour. */
function multiplyAdd(relaxed, a, b, c) {
  return relaxed ? `(f32x4.relaxed_madd ${a} ${b} ${c})` : `(f32x4.add (f32x4.mul ${a} ${b}) ${c})`;
}

/**
 * gemm_R: out[r][n] = bias[r] + Σ_k w[k][r] · x[n + offsets[k]] for R rows and 4·V-pixel
 * blocks. w is packed [K][R]; offsets are byte offsets; out rows are outStride bytes apart.
 */
export function gemmFunction(rows, vectors, relaxed, name = `gemm${rows}`) {
  const accumulators = range(rows).flatMap((r) => range(vectors).map((v) => `$acc${r}_${v}`));
  const locals = [
    ...accumulators.map((name) => `(local ${name} v128)`),
    ...range(vectors).map((v) => `(local $x${v} v128)`),
    "(local $weight v128) (local $wp i32) (local $op i32) (local $count i32) (local $address i32) (local $row i32)",
  ];
  // The bias is re-read per pixel block (outside the tap loop): bias locals would stay live
  // across the loop and push accumulators out of the 16 vector registers.
  const initialise = range(rows).flatMap((r) => [
    `(local.set $acc${r}_0 (v128.load32_splat offset=${4 * r} (local.get $bias)))`,
    ...range(vectors - 1).map((v) => `(local.set $acc${r}_${v + 1} (local.get $acc${r}_0))`),
  ]);
  const loadInputs = range(vectors).map((v) => `(local.set $x${v} (v128.load offset=${16 * v} (local.get $address)))`);
  const multiply = range(rows).flatMap((r) => [
    `(local.set $weight (v128.load32_splat offset=${4 * r} (local.get $wp)))`,
    ...range(vectors).map((v) => `(local.set $acc${r}_${v} ${multiplyAdd(relaxed, "(local.get $weight)", `(local.get $x${v})`, `(local.get $acc${r}_${v})`)})`),
  ]);
  const store = range(rows).flatMap((r) => [
    r === 0 ? "(local.set $row (local.get $out))" : "(local.set $row (i32.add (local.get $row) (local.get $outStride)))",
    ...range(vectors).map((v) => `(v128.store offset=${16 * v} (local.get $row) (local.get $acc${r}_${v}))`),
  ]);
  return `
  (func (export "${name}") (param $w i32) (param $x i32) (param $offsets i32) (param $k i32)
      (param $out i32) (param $blocks i32) (param $outStride i32) (param $bias i32)
    ${locals.join("\n    ")}
    (loop $pixels
      ${initialise.join("\n      ")}
      (local.set $wp (local.get $w))
      (local.set $op (local.get $offsets))
      (local.set $count (local.get $k))
      (loop $taps
        (local.set $address (i32.add (local.get $x) (i32.load (local.get $op))))
        ${loadInputs.join("\n        ")}
        ${multiply.join("\n        ")}
        (local.set $wp (i32.add (local.get $wp) (i32.const ${4 * rows})))
        (local.set $op (i32.add (local.get $op) (i32.const 4)))
        (br_if $taps (local.tee $count (i32.sub (local.get $count) (i32.const 1)))))
      ${store.join("\n      ")}
      (local.set $x (i32.add (local.get $x) (i32.const ${16 * vectors})))
      (local.set $out (i32.add (local.get $out) (i32.const ${16 * vectors})))
      (br_if $pixels (local.tee $blocks (i32.sub (local.get $blocks) (i32.const 1))))))`;
}

/** depthwise: out[n] = bias + Σ_t w[t] · x[n + offsets[t]], 4·V pixels per block. */
function depthwiseFunction(vectors, relaxed) {
  const accumulators = range(vectors).map((v) => `$acc${v}`);
  return `
  (func (export "depthwise") (param $w i32) (param $x i32) (param $offsets i32) (param $taps i32)
      (param $out i32) (param $blocks i32) (param $bias f32)
    ${accumulators.map((name) => `(local ${name} v128)`).join(" ")} ${range(vectors).map((v) => `(local $x${v} v128)`).join(" ")}
    (local $weight v128) (local $biasVector v128) (local $wp i32) (local $op i32) (local $count i32) (local $address i32)
    (local.set $biasVector (f32x4.splat (local.get $bias)))
    (loop $pixels
      ${accumulators.map((name) => `(local.set ${name} (local.get $biasVector))`).join("\n      ")}
      (local.set $wp (local.get $w))
      (local.set $op (local.get $offsets))
      (local.set $count (local.get $taps))
      (loop $tap
        (local.set $address (i32.add (local.get $x) (i32.load (local.get $op))))
        (local.set $weight (v128.load32_splat (local.get $wp)))
        ${range(vectors).map((v) => `(local.set $x${v} (v128.load offset=${16 * v} (local.get $address)))`).join("\n        ")}
        ${range(vectors).map((v) => `(local.set $acc${v} ${multiplyAdd(relaxed, "(local.get $weight)", `(local.get $x${v})`, `(local.get $acc${v})`)})`).join("\n        ")}
        (local.set $wp (i32.add (local.get $wp) (i32.const 4)))
        (local.set $op (i32.add (local.get $op) (i32.const 4)))
        (br_if $tap (local.tee $count (i32.sub (local.get $count) (i32.const 1)))))
      ${range(vectors).map((v) => `(v128.store offset=${16 * v} (local.get $out) (local.get $acc${v}))`).join("\n      ")}
      (local.set $x (i32.add (local.get $x) (i32.const ${16 * vectors})))
      (local.set $out (i32.add (local.get $out) (i32.const ${16 * vectors})))
      (br_if $pixels (local.tee $blocks (i32.sub (local.get $blocks) (i32.const 1))))))`;
}

export function kernelsWat(relaxed) {
  return `(module
  (memory (export "memory") 1)
  ${GEMM_ROWS.map((rows) => gemmFunction(rows, GEMM_VECTORS, relaxed)).join("\n")}
  ${depthwiseFunction(DEPTHWISE_VECTORS, relaxed)}
  ${poolRowsFunction("poolRowsMax", "f32x4.max")}
  ${poolRowsFunction("poolRowsSum", "f32x4.add")}
  ${poolColumnsFunction("poolColumnsMax1", "f32x4.max", 1, false)}
  ${poolColumnsFunction("poolColumnsMax2", "f32x4.max", 2, false)}
  ${poolColumnsFunction("poolColumnsAverage1", "f32x4.add", 1, true)}
  ${poolColumnsFunction("poolColumnsAverage2", "f32x4.add", 2, true)}
  ${poolPlanesFunction("poolPlanesMax1", "poolRowsMax", "poolColumnsMax1")}
  ${poolPlanesFunction("poolPlanesMax2", "poolRowsMax", "poolColumnsMax2")}
  ${poolPlanesFunction("poolPlanesAverage1", "poolRowsSum", "poolColumnsAverage1")}
  ${poolPlanesFunction("poolPlanesAverage2", "poolRowsSum", "poolColumnsAverage2")}
  ${poolRowsMax3Function("poolRowsMax3")}
  ${poolColumnsMaxStride2Function("poolColumnsMaxWindow2Stride2", 2)}
  ${poolColumnsMaxStride2Function("poolColumnsMaxWindow3Stride2", 3)}
  ${poolPlanesFunction("poolPlanesMaxWindow2Stride2", "poolRowsMax3", "poolColumnsMaxWindow2Stride2")}
  ${poolPlanesFunction("poolPlanesMaxWindow3Stride2", "poolRowsMax3", "poolColumnsMaxWindow3Stride2")}
  ${copyRowsFunction()}
  ${padInPlaceFunction()}
  ${fillUniformFunction()}
  ${reluInPlaceFunction()}
  ${affineInPlaceFunction()}
  ${statsFunction()}
)
`;
}

async function assemble(relaxed) {
  const { default: createWabt } = await import("wabt");
  const wabt = await createWabt();
  const features = { simd: true, relaxed_simd: relaxed, bulk_memory: true };
  const module = wabt.parseWat(relaxed ? "kernels-relaxed.wat" : "kernels.wat", kernelsWat(relaxed), features);
  module.validate();
  const { buffer } = module.toBinary({});
  module.destroy();
  return Buffer.from(buffer).toString("base64");
}

function moduleText(plain, relaxed) {
  const wrap = (text) => text.replace(/(.{100})/g, "$1\" +\n  \"");
  return `// Generated by scripts/build-wasm.mjs from its WAT templates: do not edit.
// The convolution core's WebAssembly kernels, as base64 (plain 128-bit SIMD, relaxed SIMD).
export const PLAIN_SIMD_WASM =
  "${wrap(plain)}";

export const RELAXED_SIMD_WASM =
  "${wrap(relaxed)}";
`;
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const text = moduleText(await assemble(false), await assemble(true));
  if (process.argv.includes("--check")) {
    const current = readFileSync(outputPath, "utf8");
    if (current !== text) {
      console.error(`${outputPath} is stale: run node scripts/build-wasm.mjs`);
      process.exitCode = 1;
    }
  } else {
    writeFileSync(outputPath, text);
    console.log(`wrote ${outputPath} (${text.length} characters)`);
  }
}
