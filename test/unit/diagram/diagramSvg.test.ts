import { readFileSync } from "node:fs";
import { join } from "node:path";
import ELK from "elkjs";
import { describe, expect, it } from "vitest";
import { analyze } from "../../../src/engine";
import { buildDiagramSvg, defaultPalette, diagramMargin, drawingBounds, type DiagramPalette, type DiagramSnapshot } from "../../../src/diagram/diagramSvg";
import { buildGraphModel, type GraphModel } from "../../../src/diagram/graphModel";
import { computeLayout, type Direction, type LayoutResult } from "../../../src/diagram/layout";
import { escapeXml, fitText, paint, splitAlpha } from "../../../src/diagram/svgMarkup";

const elk = new ELK();

async function templateSnapshot(name: string, direction: Direction = "TB"): Promise<DiagramSnapshot> {
  const analysis = analyze(readFileSync(join(__dirname, "../../../media/templates", `${name}.cnn.json`), "utf8"));
  const model = buildGraphModel(analysis, "CHW");
  return { model, layout: await computeLayout(elk, model, direction), direction, title: analysis.name };
}

const entity = /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/i;

/**
 * A small well-formedness check (no DOMParser in Node): one XML declaration first, then tags
 * that nest and close in order, quoted attributes without raw `<` or `&`, and text without
 * raw `<`, `>` or stray `&`. Returns the problems found (none when well-formed).
 */
function xmlProblems(document: string): string[] {
  const problems: string[] = [];
  if (!document.startsWith(`<?xml version="1.0" encoding="UTF-8"?>\n`)) problems.push("no XML declaration first");
  const body = document.replace(/^<\?xml[^?]*\?>/, "");
  const stack: string[] = [];
  const checkText = (text: string, where: string): void => {
    if (/[<>]/.test(text)) problems.push(`raw < or > in ${where}: ${text.slice(0, 40)}`);
    for (let at = text.indexOf("&"); at >= 0; at = text.indexOf("&", at + 1)) {
      if (!entity.test(text.slice(at))) problems.push(`stray & in ${where}: ${text.slice(at, at + 20)}`);
    }
  };
  let position = 0;
  for (const match of body.matchAll(/<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/g)) {
    checkText(body.slice(position, match.index), "text");
    position = match.index + match[0].length;
    const [, closing, name, attributes, selfClosing] = match;
    for (const attribute of attributes.matchAll(/"([^"]*)"/g)) checkText(attribute[1], `an attribute of <${name}>`);
    if (closing) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? "nothing"}>`);
    } else if (!selfClosing) {
      stack.push(name);
    }
    if (stack.length === 0 && name !== "svg") problems.push(`<${name}> outside the root`);
  }
  checkText(body.slice(position), "the tail");
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(" > ")}`);
  return problems;
}

function viewBoxOf(svg: string): { x: number; y: number; width: number; height: number } {
  const values = /viewBox="([^"]+)"/.exec(svg)?.[1].split(" ").map(Number);
  if (!values || values.length !== 4) throw new Error("no viewBox");
  const [x, y, width, height] = values;
  return { x, y, width, height };
}

describe("the well-formedness check of this test", () => {
  it("catches the mistakes it is meant to catch", () => {
    const head = `<?xml version="1.0" encoding="UTF-8"?>\n`;
    expect(xmlProblems(`${head}<svg><g><rect/></g></svg>`)).toEqual([]);
    expect(xmlProblems(`${head}<svg><g></svg>`)).not.toEqual([]);
    expect(xmlProblems(`${head}<svg><text>a < b</text></svg>`)).not.toEqual([]);
    expect(xmlProblems(`${head}<svg><text>R&D</text></svg>`)).not.toEqual([]);
    expect(xmlProblems(`${head}<svg><text a="x&y">t</text></svg>`)).not.toEqual([]);
    expect(xmlProblems(`<svg></svg>`)).not.toEqual([]);
  });
});

describe("buildDiagramSvg", () => {
  it.each(["lenet5", "resnet18", "unet-small"])("%s: a well-formed standalone SVG with every layer id", async (name) => {
    const snapshot = await templateSnapshot(name);
    const svg = buildDiagramSvg(snapshot, defaultPalette);
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toMatch(/<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="[\d.]+" height="[\d.]+" viewBox=/);
    for (const node of snapshot.model.nodes) expect(svg).toContain(`<g class="node" data-id="${node.id}">`);
    expect(svg.match(/<g class="node"/g)).toHaveLength(snapshot.model.nodes.length);
    expect(svg.match(/marker-end="url\(#arrow\)"/g)).toHaveLength(snapshot.model.edges.length);
    for (const edge of snapshot.model.edges) expect(svg).toContain(`>${edge.label}</text>`);
    expect(svg).not.toMatch(/url\((?!#arrow\))|href=|@import|<foreignObject/);
  });

  it("fits the viewBox around every node, route point and label, with the margin", async () => {
    for (const direction of ["TB", "LR"] as const) {
      const snapshot = await templateSnapshot("resnet18", direction);
      const box = viewBoxOf(buildDiagramSvg(snapshot, defaultPalette));
      for (const node of snapshot.layout.nodes.values()) {
        expect(node.x).toBeGreaterThanOrEqual(box.x + diagramMargin);
        expect(node.y).toBeGreaterThanOrEqual(box.y + diagramMargin);
        expect(node.x + node.width).toBeLessThanOrEqual(box.x + box.width - diagramMargin);
        expect(node.y + node.height).toBeLessThanOrEqual(box.y + box.height - diagramMargin);
      }
      for (const route of snapshot.layout.edges.values()) {
        for (const point of route.points) {
          expect(point.x).toBeGreaterThanOrEqual(box.x);
          expect(point.y).toBeLessThanOrEqual(box.y + box.height);
        }
      }
      const xs = [...snapshot.layout.nodes.values()].map((node) => node.x);
      expect(box.x).toBe(Math.floor(Math.min(...xs)) - diagramMargin);
    }
  });

  it("shows the node texts in the current shape order", async () => {
    const analysis = analyze(readFileSync(join(__dirname, "../../../media/templates/lenet5.cnn.json"), "utf8"));
    for (const [order, shape] of [["CHW", "6×28×28"], ["HWC", "28×28×6"]] as const) {
      const model = buildGraphModel(analysis, order);
      const svg = buildDiagramSvg({ model, layout: await computeLayout(elk, model, "TB"), direction: "TB" }, defaultPalette);
      expect(svg).toContain(`font-weight="600" fill="#333333">${shape}</text>`);
    }
    const model = buildGraphModel(analysis, "CHW");
    const svg = buildDiagramSvg({ model, layout: await computeLayout(elk, model, "TB"), direction: "TB" }, defaultPalette);
    const c1 = model.nodes.find((node) => node.id === "c1")!;
    expect(svg).toContain(`>${c1.detail}</text>`);
    expect(svg).toContain(`>${c1.paramsText}</text>`);
    expect(svg).toContain(">conv2d</text>");
  });

  it("escapes ids, types, details and labels, and draws badges and missing shapes", () => {
    const id = `a<b>&"c'`;
    const model: GraphModel = {
      nodes: [
        { id: "input", kind: "input", type: "input", index: -1, detail: "network input", shapeText: "3×8×8", params: 0, paramsText: "", messages: [] },
        { id, kind: "layer", type: "conv2d", index: 0, detail: "x < y & z", shapeText: null, params: 0, paramsText: "12 params", severity: "error", messages: ["bad"], noShapeReason: "k > in" },
        { id: "w", kind: "layer", type: "relu", index: 1, detail: "", shapeText: "?", params: 0, paramsText: "", severity: "warning", messages: [] },
      ],
      edges: [
        { id: `input->${id}#0`, source: "input", target: id, label: "3×8×8" },
        { id: `${id}->w#0`, source: id, target: "w", label: "?" },
      ],
    };
    const layout: LayoutResult = {
      nodes: new Map([["input", { x: 16, y: 16, width: 196, height: 70 }], [id, { x: 16, y: 120, width: 196, height: 70 }], ["w", { x: 16, y: 224, width: 196, height: 70 }]]),
      edges: new Map(),
      width: 228,
      height: 310,
    };
    const svg = buildDiagramSvg({ model, layout, direction: "TB", title: "Net & <friends>" }, defaultPalette);
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain(`data-id="a&lt;b&gt;&amp;&quot;c&apos;"`);
    expect(svg).toContain(">x &lt; y &amp; z</text>");
    expect(svg).toContain(">no shape: k &gt; in</text>");
    expect(svg).toContain("<title>Net &amp; &lt;friends&gt; (CNN Designer)</title>");
    expect(svg).toContain(`<g class="badge-error">`);
    expect(svg).toContain(`<g class="badge-warning">`);
    expect(svg).toContain(`fill="#e51400">?</text>`);
    // Without ELK routes the edges run straight from the bottom of one box to the top of the next.
    expect(svg).toContain(`d="M 114 86 L 114 120"`);
  });

  it("paints with the palette it is given, alpha as opacity", async () => {
    const palette: DiagramPalette = { ...defaultPalette, background: "rgb(30, 30, 30)", nodeBorder: "rgba(255, 255, 255, 0.25)", edge: "#85858580" };
    const svg = buildDiagramSvg(await templateSnapshot("lenet5"), palette);
    expect(svg).toMatch(/<rect x="-?[\d.]+" y="-?[\d.]+" width="[\d.]+" height="[\d.]+" fill="rgb\(30, 30, 30\)"\/>/);
    expect(svg).toContain(`stroke="rgb(255, 255, 255)" stroke-opacity="0.25"`);
    expect(svg).toContain(`stroke="#858585" stroke-opacity="0.502"`);
    expect(svg).not.toContain("#ffffff");
  });

  it("is a small valid document for an empty graph", () => {
    const svg = buildDiagramSvg({ model: { nodes: [], edges: [] }, layout: { nodes: new Map(), edges: new Map(), width: 0, height: 0 }, direction: "TB" }, defaultPalette);
    expect(xmlProblems(svg)).toEqual([]);
    expect(viewBoxOf(svg)).toEqual({ x: 0, y: 0, width: 48, height: 48 });
    expect(drawingBounds([], [{ x: 10, y: 20 }])).toEqual({ x: 10 - diagramMargin, y: 20 - diagramMargin, width: 48, height: 48 });
  });
});

describe("svgMarkup", () => {
  it("escapes the five XML specials and drops control characters", () => {
    expect(escapeXml(`<a href="x">&'\u0001\t`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;\t");
  });

  it.each([
    ["rgba(10, 20, 30, 0.5)", { colour: "rgb(10, 20, 30)", opacity: 0.5 }],
    ["rgb(10 20 30 / 40%)", { colour: "rgb(10, 20, 30)", opacity: 0.4 }],
    ["rgba(10, 20, 30, 1)", { colour: "rgb(10, 20, 30)", opacity: undefined }],
    ["#11223380", { colour: "#112233", opacity: 0.502 }],
    ["#1238", { colour: "#123", opacity: 0.533 }],
    ["#112233", { colour: "#112233" }],
    ["", { colour: "none" }],
  ])("splits %s", (input, expected) => {
    expect(splitAlpha(input)).toEqual(expected);
  });

  it("escapes whatever colour text it does not understand", () => {
    expect(paint("fill", `red" onload="x`)).toBe(` fill="red&quot; onload=&quot;x"`);
  });

  it("cuts text to the estimated width with an ellipsis", () => {
    expect(fitText("conv 3×3 /1 ×64", 200, 11, "mono")).toBe("conv 3×3 /1 ×64");
    const cut = fitText("a_very_long_layer_identifier_indeed", 66, 11, "mono");
    expect(cut).toBe("a_very_lo…");
    expect(fitText("abc", 5, 11, "mono")).toBe("");
  });
});
