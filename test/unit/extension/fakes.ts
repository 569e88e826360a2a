import { applyTextEdits, type TextEdit } from "../../../src/engine/edit";
import type { JsonPath } from "../../../src/engine/types";
import type { DocumentHandle, HostServices } from "../../../src/extension/hostServices";

/** A text document whose version goes up with every change, like vscode.TextDocument. */
export class FakeDocument implements DocumentHandle {
  readonly key = "file:///work/net.cnn.json";
  readonly fileName = "net.cnn.json";
  version = 1;

  constructor(public text: string) {}

  getText(): string {
    return this.text;
  }

  /** An outside change (the user typing). */
  type(text: string): void {
    this.text = text;
    this.version++;
  }
}

/** HostServices that apply edits to a FakeDocument and record everything else. */
export class FakeServices implements HostServices {
  readonly applied: TextEdit[][] = [];
  readonly revealed: JsonPath[] = [];
  readonly shown: JsonPath[] = [];
  readonly selected: (string | null)[] = [];
  readonly logged: string[] = [];
  refuseEdits = false;
  /** Called during applyEdits, as VS Code fires onDidChangeTextDocument while applying. */
  onApply: () => void = () => {};

  constructor(private readonly document: FakeDocument) {}

  readonly log = {
    info: (message: string) => this.logged.push(`info: ${message}`),
    warn: (message: string) => this.logged.push(`warn: ${message}`),
    error: (message: string) => this.logged.push(`error: ${message}`),
  };

  async applyEdits(_document: DocumentHandle, edits: readonly TextEdit[]): Promise<boolean> {
    if (this.refuseEdits) return false;
    this.applied.push([...edits]);
    this.document.text = applyTextEdits(this.document.text, edits);
    this.document.version++;
    this.onApply();
    return true;
  }

  async revealInText(_document: DocumentHandle, path: JsonPath): Promise<void> {
    this.revealed.push(path);
  }

  selectInText(_document: DocumentHandle, layerId: string | null): void {
    this.selected.push(layerId);
  }

  showInOpenText(_document: DocumentHandle, path: JsonPath): void {
    this.shown.push(path);
  }
}
