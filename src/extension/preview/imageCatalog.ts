/**
 * The images a preview panel may use: the bundled photos always, workspace images and files
 * picked with Browse… only in a trusted workspace. The view names an image by an id this
 * catalog handed out; anything else is refused, so a webview can never read arbitrary files.
 * No vscode import at runtime: the VS Code side is the ImageFileSystem interface.
 */
import { DEFAULT_IMAGE_LIMITS } from "../../core/image/imageError";
import type { PreviewErrorCode, PreviewImageOption } from "../../protocol";

/** A file as the catalog sees it (uri: vscode.Uri.toString()). */
export interface ImageFile {
  uri: string;
  /** File name ("camera.png"). */
  name: string;
  /** Workspace-relative path, for the tooltip. */
  detail?: string;
}

/** What the catalog needs from VS Code (vscodePreviewHost.ts implements it). */
export interface ImageFileSystem {
  isTrusted(): boolean;
  /** The bundled photos (media/samples). */
  listSamples(): Promise<ImageFile[]>;
  /** Images in the workspace folders, at most `limit`, node_modules excluded. */
  findWorkspaceImages(limit: number): Promise<ImageFile[]>;
  /** An open dialog for one image; undefined when cancelled. */
  pickImage(): Promise<ImageFile | undefined>;
  /** The file's size in bytes, without reading it (workspace.fs.stat). */
  fileSize(uri: string): Promise<number>;
  readFile(uri: string): Promise<Uint8Array>;
}

export const WORKSPACE_IMAGE_LIMIT = 200;
/** Image files above this are refused before they are read (the decoder's own limit). */
export const MAX_IMAGE_FILE_BYTES = DEFAULT_IMAGE_LIMITS.maxFileBytes;

function tooLargeMessage(name: string, bytes: number): string {
  const megabytes = (value: number): string => `${(value / (1024 * 1024)).toFixed(1)} MB`;
  return `${name} is ${megabytes(bytes)}; the limit is ${megabytes(MAX_IMAGE_FILE_BYTES)}. Save a smaller copy (a preview needs only a few hundred pixels per side).`;
}

export interface ImageList {
  images: PreviewImageOption[];
  workspaceTrusted: boolean;
  note?: string;
}

export type ImageRead = { ok: true; bytes: Uint8Array } | { ok: false; code: PreviewErrorCode; message: string };

export const UNTRUSTED_MESSAGE = "Workspace images and Browse… need a trusted workspace (Workspaces: Manage Workspace Trust); the bundled photos work everywhere.";

interface Entry {
  file: ImageFile;
  group: PreviewImageOption["group"];
}

export class ImageCatalog {
  private readonly entries = new Map<string, Entry>();
  /** The bundled samples' bytes once read (they never change; ~120 KB in all): a read costs tens of ms. */
  private readonly sampleBytes = new Map<string, Uint8Array>();

  constructor(private readonly files: ImageFileSystem) {}

  /**
   * Lists (and remembers) what may be offered now. `onSamples` hears the list with the bundled
   * samples first, before the workspace search (hundreds of milliseconds) ends: a preview can
   * start on the default sample meanwhile.
   */
  async list(onSamples?: (early: ImageList) => void): Promise<ImageList> {
    const trusted = this.files.isTrusted();
    const samples = await this.files.listSamples();
    if (onSamples) {
      for (const file of samples) this.remember(file, "sample");
      onSamples({ images: this.options(trusted), workspaceTrusted: trusted });
    }
    const found = trusted ? await this.files.findWorkspaceImages(WORKSPACE_IMAGE_LIMIT) : [];
    // Swapped in one step, so a read running meanwhile never misses an image.
    for (const [id, entry] of this.entries) if (entry.group === "workspace") this.entries.delete(id);
    for (const file of samples) this.remember(file, "sample");
    for (const file of found) this.remember(file, "workspace");
    let note: string | undefined;
    if (!trusted) note = UNTRUSTED_MESSAGE;
    else if (found.length >= WORKSPACE_IMAGE_LIMIT) note = `Showing the first ${WORKSPACE_IMAGE_LIMIT} workspace images; use Browse… for others.`;
    return { images: this.options(trusted), workspaceTrusted: trusted, note };
  }

  /** Browse…: the picked file joins the list; undefined when cancelled, an error when untrusted. */
  async pick(): Promise<{ ok: true; id: string | undefined } | { ok: false; code: PreviewErrorCode; message: string }> {
    if (!this.files.isTrusted()) return { ok: false, code: "untrusted-workspace", message: UNTRUSTED_MESSAGE };
    const file = await this.files.pickImage();
    return { ok: true, id: file === undefined ? undefined : this.remember(file, "picked") };
  }

  /** The bytes of an offered image, or why not. */
  async read(id: string): Promise<ImageRead> {
    const entry = this.entries.get(id);
    if (entry === undefined) return { ok: false, code: "unknown-image", message: `The image "${id}" is not one the preview offered; choose one from the list.` };
    if (entry.group !== "sample" && !this.files.isTrusted()) return { ok: false, code: "untrusted-workspace", message: UNTRUSTED_MESSAGE };
    const kept = this.sampleBytes.get(id);
    // A copy: the caller may hand the bytes to the worker (transferred, so detached here).
    if (kept !== undefined) return { ok: true, bytes: kept.slice() };
    try {
      // Stat first: a 4 GB file is refused without reading it (the decoder's limit, said earlier).
      const size = await this.files.fileSize(entry.file.uri);
      if (size > MAX_IMAGE_FILE_BYTES) return { ok: false, code: "file-too-large", message: tooLargeMessage(entry.file.name, size) };
      const bytes = await this.files.readFile(entry.file.uri);
      if (bytes.byteLength > MAX_IMAGE_FILE_BYTES) return { ok: false, code: "file-too-large", message: tooLargeMessage(entry.file.name, bytes.byteLength) };
      if (entry.group === "sample") this.sampleBytes.set(id, bytes.slice());
      return { ok: true, bytes };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, code: "read-failed", message: `Could not read ${entry.file.name}: ${reason}` };
    }
  }

  /** Current options, samples first, then workspace images and picked files by name. */
  options(trusted = this.files.isTrusted()): PreviewImageOption[] {
    const order: PreviewImageOption["group"][] = trusted ? ["sample", "workspace", "picked"] : ["sample"];
    return order.flatMap((group) => [...this.entries]
      .filter(([, entry]) => entry.group === group)
      .map(([id, entry]): PreviewImageOption => ({
        id, label: entry.file.name, group, ...(entry.file.detail ? { detail: entry.file.detail } : {}),
      }))
      .sort((left, right) => left.label.localeCompare(right.label)));
  }

  private remember(file: ImageFile, group: Entry["group"]): string {
    const id = group === "sample" ? `sample:${file.name}` : `${group}:${file.uri}`;
    this.entries.set(id, { file, group });
    return id;
  }
}
