import { describe, expect, it } from "vitest";
import { ImageCatalog, UNTRUSTED_MESSAGE, WORKSPACE_IMAGE_LIMIT } from "../../../src/extension/preview/imageCatalog";
import { FakeFiles } from "./fakes";

describe("the images a preview may use", () => {
  it("offers the bundled photos first, then workspace images, by id only", async () => {
    const catalog = new ImageCatalog(new FakeFiles());
    const list = await catalog.list();
    expect(list.workspaceTrusted).toBe(true);
    expect(list.note).toBeUndefined();
    expect(list.images).toEqual([
      { id: "sample:astronaut.jpg", label: "astronaut.jpg", group: "sample" },
      { id: "sample:camera.png", label: "camera.png", group: "sample" },
      { id: "workspace:file:///w/photos/cat.png", label: "cat.png", group: "workspace", detail: "photos/cat.png" },
    ]);
    const read = await catalog.read("sample:camera.png");
    expect(read.ok && read.bytes.length).toBe(32749);
  });

  it("in an untrusted workspace offers only the bundled photos and refuses workspace files and Browse…", async () => {
    const files = new FakeFiles();
    const catalog = new ImageCatalog(files);
    await catalog.list();
    files.trusted = false;
    // an id offered earlier is refused once the workspace is not trusted
    expect(await catalog.read("workspace:file:///w/photos/cat.png")).toEqual({ ok: false, code: "untrusted-workspace", message: UNTRUSTED_MESSAGE });
    expect(await catalog.pick()).toEqual({ ok: false, code: "untrusted-workspace", message: UNTRUSTED_MESSAGE });
    const list = await catalog.list();
    expect(list.images.map((image) => image.group)).toEqual(["sample", "sample"]);
    expect(list.note).toBe(UNTRUSTED_MESSAGE);
    expect(await catalog.read("workspace:file:///w/photos/cat.png")).toMatchObject({ ok: false, code: "unknown-image" });
    expect(files.reads).toEqual([]);
    expect((await catalog.read("sample:camera.png")).ok).toBe(true);
  });

  it("reads a bundled sample once and hands out copies (a transferred copy leaves the kept bytes whole); workspace files each time", async () => {
    const files = new FakeFiles();
    const catalog = new ImageCatalog(files);
    await catalog.list();
    const first = await catalog.read("sample:camera.png");
    if (!first.ok) throw new Error(first.message);
    structuredClone(first.bytes.buffer, { transfer: [first.bytes.buffer as ArrayBuffer] });
    const second = await catalog.read("sample:camera.png");
    expect(second.ok && second.bytes.length).toBe(32749);
    await catalog.read("workspace:file:///w/photos/cat.png");
    await catalog.read("workspace:file:///w/photos/cat.png");
    expect(files.reads.filter((uri) => uri.includes("camera")).length).toBe(1);
    expect(files.reads.filter((uri) => uri.includes("cat.png")).length).toBe(2);
  });

  it("refuses ids it never offered, so the view cannot name arbitrary files", async () => {
    const files = new FakeFiles();
    const catalog = new ImageCatalog(files);
    await catalog.list();
    const read = await catalog.read("workspace:file:///etc/passwd");
    expect(read).toMatchObject({ ok: false, code: "unknown-image" });
    expect(files.reads).toEqual([]);
  });

  it("adds a file picked with Browse…; a cancelled dialog adds nothing", async () => {
    const files = new FakeFiles();
    const catalog = new ImageCatalog(files);
    expect(await catalog.pick()).toEqual({ ok: true, id: "picked:file:///elsewhere/dog.jpg" });
    expect(catalog.options().at(-1)).toEqual({ id: "picked:file:///elsewhere/dog.jpg", label: "dog.jpg", group: "picked" });
    files.picked = undefined;
    expect(await catalog.pick()).toEqual({ ok: true, id: undefined });
  });

  it("says when the workspace list was cut at the limit, and reports unreadable files as data", async () => {
    const files = new FakeFiles();
    files.workspace = Array.from({ length: WORKSPACE_IMAGE_LIMIT + 5 }, (_, index) => ({ uri: `file:///w/${index}.png`, name: `${index}.png` }));
    const catalog = new ImageCatalog(files);
    const list = await catalog.list();
    expect(list.images.filter((image) => image.group === "workspace")).toHaveLength(WORKSPACE_IMAGE_LIMIT);
    expect(list.note).toMatch(/first 200 workspace images/);
    expect(await catalog.read("workspace:file:///w/3.png")).toEqual({ ok: false, code: "read-failed", message: "Could not read 3.png: ENOENT: no such file" });
  });
});
