/**
 * The live shape table (the engine's summary: torchinfo's columns plus totals). Click or
 * Enter on a row selects the layer; Markdown / CSV copies use the engine's renderings, so
 * they match the CLI.
 */
import { useEffect, useRef, type KeyboardEvent } from "react";
import { formatCount } from "../../src/engine/format";
import { formatBytes, toCsv, toMarkdown, type Summary } from "../../src/engine/summary";

export interface ShapeTablePanelProps {
  summary: Summary;
  selection: string[];
  onSelect(id: string): void;
  onCopy(text: string): void;
}

const columns = ["Layer", "Operation", "Output shape", "Params", "MACs", "Receptive field", "Memory"];
const numeric = new Set(["Params", "MACs", "Memory"]);

/** Scrolls only the table's own container (scrollIntoView would also move the designer). */
function scrollRowIntoView(scroller: HTMLElement, row: HTMLTableRowElement): void {
  const header = scroller.querySelector("thead")?.getBoundingClientRect().height ?? 0;
  const footer = scroller.querySelector("tfoot")?.getBoundingClientRect().height ?? 0;
  const top = row.offsetTop - header;
  const bottom = row.offsetTop + row.offsetHeight + footer - scroller.clientHeight;
  if (scroller.scrollTop > top) scroller.scrollTop = top;
  else if (scroller.scrollTop < bottom) scroller.scrollTop = bottom;
}

export function ShapeTablePanel({ summary, selection, onSelect, onCopy }: ShapeTablePanelProps) {
  const onRowKey = (event: KeyboardEvent<HTMLTableRowElement>, id: string) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    onSelect(id);
  };
  const { totals } = summary;
  const body = useRef<HTMLTableSectionElement>(null);
  const primary = selection.at(-1);
  useEffect(() => {
    const row = body.current?.querySelector<HTMLTableRowElement>("tr.selected");
    const scroller = row?.closest<HTMLElement>(".cnn-table-scroll");
    if (row && scroller) scrollRowIntoView(scroller, row);
  }, [primary]);
  return (
    <section className="cnn-table-panel" aria-label="Shape table">
      <div className="cnn-table-toolbar">
        <h3>Shapes</h3>
        <span className="cnn-table-input">
          input <button type="button" className="cnn-link" onClick={() => onSelect("input")}>{summary.input}</button>
        </span>
        <button type="button" className="cnn-button secondary" onClick={() => onCopy(toMarkdown(summary))}>
          <span className="codicon codicon-copy" /> Markdown
        </button>
        <button type="button" className="cnn-button secondary" onClick={() => onCopy(toCsv(summary))}>
          <span className="codicon codicon-copy" /> CSV
        </button>
      </div>
      <div className="cnn-table-scroll">
        <table className="cnn-table">
          <thead>
            <tr>{columns.map((column) => <th key={column} scope="col" className={numeric.has(column) ? "num" : undefined}>{column}</th>)}</tr>
          </thead>
          <tbody ref={body}>
            {summary.rows.map((row) => (
              <tr
                key={row.id}
                data-layer-id={row.id}
                tabIndex={0}
                aria-selected={selection.includes(row.id)}
                className={[selection.includes(row.id) ? "selected" : "", row.severity ? `cnn-sev-${row.severity}` : ""].join(" ")}
                onClick={() => onSelect(row.id)}
                onKeyDown={(event) => onRowKey(event, row.id)}
              >
                <td className="cnn-table-id">{row.id}</td>
                <td className="cnn-table-op">{row.label}</td>
                <td className={row.outputShape === "?" ? "cnn-table-shape unknown" : "cnn-table-shape"}>{row.outputShape}</td>
                <td className="num">{formatCount(row.params)}</td>
                <td className="num">{formatCount(row.macs)}</td>
                <td>{row.receptiveField}</td>
                <td className="num">{row.memory}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td colSpan={2}>{totals.unknownShapes > 0 ? `${totals.unknownShapes} layer(s) without shape` : ""}</td>
              <td className="num">{formatCount(totals.params)}</td>
              <td className="num">{formatCount(totals.macs)}</td>
              <td />
              <td className="num" title="Activation memory, forward, float32">{formatBytes(totals.activationBytes)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
