/**
 * The live shape table (the engine's summary: torchinfo's columns plus totals). Click or
 * Enter on a row selects the layer; Markdown / CSV copies use the engine's renderings, so
 * they match the CLI. Long tables render only the rows in view (rowWindow.ts).
 */
import { useEffect, useRef, type KeyboardEvent } from "react";
import { formatCount } from "../../src/engine/numberFormat";
import { formatBytes, toCsv, toMarkdown, type Summary, type SummaryRow } from "../../src/engine/summary";
import { scrollTopFor, windowingThreshold } from "./rowWindow";
import { useRowWindow } from "./useRowWindow";

export interface ShapeTablePanelProps {
  summary: Summary;
  selection: string[];
  onSelect(id: string): void;
  onCopy(text: string): void;
}

const columns = ["Layer", "Operation", "Output shape", "Params", "MACs", "Receptive field", "Memory"];
const numeric = new Set(["Params", "MACs", "Memory"]);

/** Fixed row height while windowed (12px text, 2px padding, 1px border), so offsets are index × height. */
const windowedRowHeight = 21;

/** Scrolls only the table's own container (scrollIntoView would also move the designer). */
function scrollRowIntoView(scroller: HTMLElement, index: number, rowHeight: number): void {
  const header = scroller.querySelector("thead")?.getBoundingClientRect().height ?? 0;
  const footer = scroller.querySelector("tfoot")?.getBoundingClientRect().height ?? 0;
  scroller.scrollTop = scrollTopFor(index, rowHeight, scroller.scrollTop, scroller.clientHeight, header, footer);
}

export function ShapeTablePanel({ summary, selection, onSelect, onCopy }: ShapeTablePanelProps) {
  const onRowKey = (event: KeyboardEvent<HTMLTableRowElement>, id: string) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    onSelect(id);
  };
  const { totals } = summary;
  const scroller = useRef<HTMLDivElement>(null);
  const windowed = summary.rows.length > windowingThreshold;
  const { start, end } = useRowWindow(scroller, summary.rows.length, windowedRowHeight);
  const primary = selection.at(-1);
  useEffect(() => {
    const element = scroller.current;
    const index = primary === undefined ? -1 : summary.rows.findIndex((row) => row.id === primary);
    if (!element || index < 0) return;
    const rowHeight = windowed ? windowedRowHeight : (element.querySelector<HTMLElement>("tbody tr")?.offsetHeight ?? windowedRowHeight);
    scrollRowIntoView(element, index, rowHeight);
    // Only a new selection scrolls; edits that keep it must not move the table.
  }, [primary]);
  const renderRow = (row: SummaryRow) => (
    <tr
      style={windowed ? { height: windowedRowHeight } : undefined}
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
  );
  return (
    <section className="cnn-table-panel" aria-label="Shape table">
      <div className="cnn-table-toolbar">
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
      <div className="cnn-table-scroll" ref={scroller}>
        <table className="cnn-table">
          <thead>
            <tr>{columns.map((column) => <th key={column} scope="col" className={numeric.has(column) ? "num" : undefined}>{column}</th>)}</tr>
          </thead>
          <tbody>
            {windowed && start > 0 && <tr className="cnn-table-spacer" aria-hidden="true" style={{ height: start * windowedRowHeight }} />}
            {summary.rows.slice(start, end).map(renderRow)}
            {windowed && end < summary.rows.length && <tr className="cnn-table-spacer" aria-hidden="true" style={{ height: (summary.rows.length - end) * windowedRowHeight }} />}
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
