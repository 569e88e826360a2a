/**
 * The header of a collapsible panel: a button with aria-expanded. The shape table's shows at
 * every width; the inspector's only in narrow editors, where the panels stack (designer.css).
 */
export interface DockToggleProps {
  open: boolean;
  label: string;
  /** Shown after the label, e.g. the selected layer or the parameter total. */
  detail?: string;
  /** The id of the element the button shows and hides. */
  controls: string;
  onToggle(): void;
}

export function DockToggle({ open, label, detail, controls, onToggle }: DockToggleProps) {
  return (
    <button type="button" className="cnn-dock-toggle" aria-expanded={open} aria-controls={controls} onClick={onToggle}>
      <span className={`codicon codicon-chevron-${open ? "down" : "right"}`} aria-hidden="true" />
      <span className="cnn-dock-toggle-label">{label}</span>
      {detail ? <span className="cnn-dock-toggle-detail">{detail}</span> : null}
    </button>
  );
}
