// `node scripts/render-icon.mjs`: renders media/icon/icon.svg (the source, edited by hand) to
// media/icon/icon.png, 128×128 with a transparent background, the extension icon that
// package.json's `icon` names. Uses Debian's chromium headless through playwright-core (both
// already needed by the e2e tiers). `--preview DIR` also writes the icon at 32 px (as the
// Extensions view shows it) and that one scaled back up, to look at small-size legibility.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = fileURLToPath(new URL("..", import.meta.url));
const svg = readFileSync(join(root, "media/icon/icon.svg"), "utf8");
const previewAt = process.argv.indexOf("--preview");
const previewDir = previewAt >= 0 ? process.argv[previewAt + 1] : undefined;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--headless"],
});
try {
  /** The SVG drawn at `size` CSS pixels (device scale 1), screenshotted with transparency. */
  const render = async (size, pixelated = false, source = `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`) => {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const style = `margin:0;background:transparent;${pixelated ? "image-rendering:pixelated;" : ""}`;
    await page.setContent(`<html><body style="margin:0;background:transparent"><img id="i" src="${source}" width="${size}" height="${size}" style="display:block;${style}"></body></html>`);
    await page.$eval("#i", (image) => image.decode());
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    await page.close();
    return png;
  };
  const icon = await render(128);
  writeFileSync(join(root, "media/icon/icon.png"), icon);
  console.log(`media/icon/icon.png: 128×128, ${icon.length} bytes`);
  if (previewDir) {
    mkdirSync(previewDir, { recursive: true });
    const small = await render(32);
    writeFileSync(join(previewDir, "icon-32.png"), small);
    writeFileSync(join(previewDir, "icon-32-zoomed.png"), await render(128, true, `data:image/png;base64,${small.toString("base64")}`));
    console.log(`previews in ${previewDir}: icon-32.png, icon-32-zoomed.png`);
  }
} finally {
  await browser.close();
}
