/**
 * The header of a collapsible panel: a button with aria-expanded. The shape table's folds it to
 * this line; the inspector's folds it to this line in a narrow editor (the panels stack there,
 * designer.css) and to a rail beside the canvas in a wide one.
 */
export interface DockToggleProps {
  open: boolean;
  label: string;
  /** Shown after the label, e.g. the selected layer or the parameter total. */
  detail?: string;
  /** The id of the element the button shows and hides. */
  controls: string;
  onToggle(): void;
  /** The codicon: by default a chevron pointing down when open, right when folded. */
  icon?: string;
}

export function DockToggle({ open, label, detail, controls, onToggle, icon }: DockToggleProps) {
  return (
    <button type="button" className="cnn-dock-toggle" aria-expanded={open} aria-controls={controls} onClick={onToggle}>
      <span className={`codicon codicon-${icon ?? `chevron-${open ? "down" : "right"}`}`} aria-hidden="true" />
      <span className="cnn-dock-toggle-label">{label}</span>
      {detail ? <span className="cnn-dock-toggle-detail">{detail}</span> : null}
    </button>
  );
}
