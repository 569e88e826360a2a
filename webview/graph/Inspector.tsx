/**
 * The selected layer: a control per field (defaults as placeholders), its shapes and
 * counts, the arithmetic with its numbers, receptive field, problems with quick-fix buttons.
 */
import { forwardRef } from "react";
import { explainLayer } from "../../src/engine/explain";
import { formatCount, formatShape, type ShapeOrder } from "../../src/engine/numberFormat";
import { formatBytes, formatReceptiveField } from "../../src/engine/summary";
import type { Analysis, Diagnostic, NodeInfo } from "../../src/engine/types";
import { fieldsOf } from "./catalog";
import { FieldControl, type FieldProblem } from "./FieldControl";
import { diagnosticsOfNode, inputNodeId, type GraphNodeModel } from "../../src/diagram/graphModel";
import type { FixesReply, RawLayer } from "./port";
import { AllProblems } from "./AllProblems";
import { ProblemList } from "./ProblemList";

export interface InspectorProps {
  analysis: Analysis;
  selected: GraphNodeModel | null;
  rawLayers: RawLayer[];
  /** The `input` value as written (when the spec is known). */
  rawInput?: unknown;
  order: ShapeOrder;
  readOnly: boolean;
  /** The document version of `analysis` (fixes are checked against it). */
  docVersion: number;
  checkFixes(diagnosticIndex: number): Promise<FixesReply>;
  onSetField(id: string, field: string, value: unknown): void;
  onSetInput(shape: number[]): void;
  onFix(diagnosticIndex: number, fixIndex: number): void;
  onReveal(path: (string | number)[]): void;
  /** From the overview's problem list: select the layer and focus the field. */
  onGoToProblem(layerId: string, field: string | undefined, path: (string | number)[]): void;
}

export const Inspector = forwardRef<HTMLElement, InspectorProps>(function Inspector(props, ref) {
  const { analysis, selected } = props;
  const node = selected?.kind === "layer" ? analysis.nodes.find((candidate) => candidate.id === selected.id) : undefined;
  return (
    <aside className="cnn-inspector" ref={ref} tabIndex={-1} aria-label="Inspector">
      {node
        ? <LayerInspector {...props} node={node} />
        : selected?.id === inputNodeId ? <InputInspector {...props} /> : <NetworkOverview {...props} />}
    </aside>
  );
});

function LayerInspector(props: InspectorProps & { node: NodeInfo }) {
  const { analysis, node, rawLayers, order, readOnly, selected } = props;
  const raw = rawLayers[node.index] ?? {};
  const diagnostics = diagnosticsOfNode(analysis, node);
  const fieldProblem = (name: string): FieldProblem | undefined =>
    diagnostics.find((diagnostic) => diagnostic.path[0] === "layers" && diagnostic.path[2] === name);
  const explanation = explainLayer(analysis, analysis.nodes.indexOf(node));
  return (
    <>
      <header className="cnn-inspector-header">
        <h2>{node.id}</h2>
        <span className="cnn-inspector-type">{node.type}</span>
        <button type="button" className="cnn-icon-button" title="Show in text editor" aria-label="Show in text editor" onClick={() => props.onReveal(["layers", node.index])}>
          <span className="codicon codicon-go-to-file" />
        </button>
      </header>
      <section className="cnn-fields" aria-label="Fields">
        {fieldsOf(node.type).map((field) => (
          <FieldControl
            key={`${node.id}:${field.name}`}
            field={field}
            value={field.name === "id" ? (raw.id ?? undefined) : raw[field.name]}
            readOnly={readOnly}
            problem={fieldProblem(field.name)}
            onCommit={(value) => props.onSetField(node.id, field.name, value)}
          />
        ))}
      </section>
      <section className="cnn-facts" aria-label="Shapes and counts">
        <h3>Shapes</h3>
        <dl>
          <dt>in</dt><dd>{node.inputShapes.length > 0 ? node.inputShapes.map((shape) => formatShape(shape, order)).join(" + ") : "?"}</dd>
          <dt>out</dt><dd>{node.outputShape ? formatShape(node.outputShape, order) : `no shape: ${selected?.noShapeReason ?? "unknown"}`}</dd>
          <dt>params</dt><dd>{formatCount(node.params)}</dd>
          <dt>MACs</dt><dd>{formatCount(node.macs)}</dd>
          <dt>memory</dt><dd>{node.outputBytes === null ? "?" : formatBytes(node.outputBytes)}</dd>
          <dt>receptive field</dt><dd>{node.receptiveField ? formatReceptiveField(node.receptiveField) : "—"}</dd>
        </dl>
      </section>
      {explanation.length > 0 && (
        <section className="cnn-arithmetic" aria-label="Arithmetic">
          <h3>Arithmetic</h3>
          {explanation.map((line) => <ArithmeticLine key={line} line={line} />)}
        </section>
      )}
      <Problems {...props} diagnostics={diagnostics} />
    </>
  );
}

/** "Label: formula" lines from explainLayer; "Never read" lines are flagged. */
function ArithmeticLine({ line }: { line: string }) {
  const colon = line.indexOf(": ");
  const label = colon > 0 && colon < 40 ? line.slice(0, colon) : "";
  const body = label ? line.slice(colon + 2) : line;
  return (
    <div className={label.startsWith("Never read") ? "cnn-arith-line cnn-unread" : "cnn-arith-line"}>
      {label && <span className="cnn-arith-label">{label}</span>}
      <code>{body}</code>
    </div>
  );
}

function Problems(props: InspectorProps & { diagnostics: Diagnostic[] }) {
  const { analysis, diagnostics } = props;
  if (diagnostics.length === 0) return null;
  return (
    <section className="cnn-problems" aria-label="Problems">
      <h3>Problems</h3>
      <ProblemList
        analysis={analysis}
        diagnostics={diagnostics}
        docVersion={props.docVersion}
        readOnly={props.readOnly}
        checkFixes={props.checkFixes}
        onFix={props.onFix}
        onReveal={props.onReveal}
      />
    </section>
  );
}

function InputInspector(props: InspectorProps) {
  const { analysis, order, readOnly } = props;
  const problems = analysis.diagnostics.filter((diagnostic) => diagnostic.path[0] === "input");
  return (
    <>
      <header className="cnn-inspector-header">
        <h2>input</h2>
        <span className="cnn-inspector-type">[C, H, W]</span>
        <button type="button" className="cnn-icon-button" title="Show in text editor" aria-label="Show in text editor" onClick={() => props.onReveal(["input"])}>
          <span className="codicon codicon-go-to-file" />
        </button>
      </header>
      <section className="cnn-fields">
        <FieldControl
          field={{ name: "input", kind: "shape", required: true, help: "channels, height, width of one sample" }}
          value={props.rawInput ?? analysis.input ?? undefined}
          readOnly={readOnly}
          onCommit={(value) => props.onSetInput(value as number[])}
        />
        <p className="cnn-hint">Shown as {formatShape(analysis.input, order)} ({order === "CHW" ? "C×H×W" : "H×W×C"}).</p>
      </section>
      {problems.length > 0 && <Problems {...props} diagnostics={problems} />}
    </>
  );
}

function NetworkOverview(props: InspectorProps) {
  const { analysis, order } = props;
  const general = analysis.diagnostics.filter((diagnostic) => diagnostic.layerId === undefined && diagnostic.path[0] !== "layers");
  const counts = { error: 0, warning: 0, info: 0 };
  for (const diagnostic of analysis.diagnostics) counts[diagnostic.severity]++;
  return (
    <>
      <header className="cnn-inspector-header"><h2>{analysis.name ?? "Network"}</h2></header>
      <dl className="cnn-facts">
        <dt>input</dt><dd>{formatShape(analysis.input, order)}</dd>
        <dt>layers</dt><dd>{analysis.nodes.length}</dd>
        <dt>params</dt><dd>{formatCount(analysis.totals.params)}</dd>
        <dt>MACs</dt><dd>{formatCount(analysis.totals.macs)}</dd>
        <dt>problems</dt><dd>{counts.error} errors, {counts.warning} warnings, {counts.info} notes</dd>
      </dl>
      <p className="cnn-hint">Select a layer to edit it. Arrow keys walk the graph; Delete removes; Ctrl+D duplicates; Enter edits.</p>
      {general.length > 0 && <Problems {...props} diagnostics={general} />}
      <AllProblems analysis={analysis} onGoToProblem={props.onGoToProblem} />
    </>
  );
}
