/**
 * The header of a collapsible panel in narrow editors (the inspector, the shape table): a
 * button with aria-expanded. Wide editors show the panels side by side and hide the toggle
 * (designer.css), so collapsing only ever applies below the narrow breakpoint.
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
