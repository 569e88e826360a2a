/**
 * Every layer type as a button: click inserts after the selection, drag onto an edge inserts
 * there. In a compact editor (or when the user folds it) the palette is a column of category
 * icons; each opens a menu of its types beside it, named in full.
 */
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from "react";
import type { PaletteGroup as PaletteGroupTitle } from "../../src/engine/layers/layerType";
import { paletteGroups, type PaletteGroup } from "./catalog";
import { paletteDragType } from "./Canvas";

/** Line-break opportunities inside a type name, before its parts: "adaptiveavg|pool2d", "conv|transpose2d". */
function breakableName(type: string) {
  const parts = type.split(/(?=pool|transpose|norm)/);
  return parts.flatMap((part, index) => (index === 0 ? [part] : [<wbr key={index} />, part]));
}

/** The compact palette's icon per category (codicons). */
const groupIcons: Record<PaletteGroupTitle, string> = {
  "Convolution": "codicon-symbol-array",
  "Pooling & resampling": "codicon-screen-normal",
  "Normalize & regularize": "codicon-pulse",
  "Dense": "codicon-symbol-namespace",
  "Activation": "codicon-zap",
  "Merge": "codicon-git-merge",
};

export interface PaletteProps {
  readOnly: boolean;
  /** Where a click inserts, for the button titles. */
  anchorLabel: string;
  /** The icon column (compact) instead of the named buttons. */
  collapsed: boolean;
  onToggleCollapsed(): void;
  onAdd(type: string): void;
}

export function Palette(props: PaletteProps) {
  const { collapsed, onToggleCollapsed } = props;
  return (
    <nav className={collapsed ? "cnn-palette cnn-palette-collapsed" : "cnn-palette"} aria-label="Layer palette">
      <button
        type="button" className="cnn-palette-toggle" onClick={onToggleCollapsed}
        title={collapsed ? "Show the palette's names" : "Fold the palette to icons"} aria-label={collapsed ? "Expand palette" : "Collapse palette"}
        aria-expanded={!collapsed}
      >
        <span className={`codicon ${collapsed ? "codicon-chevron-right" : "codicon-chevron-left"}`} aria-hidden="true" />
      </button>
      {collapsed
        ? paletteGroups.map((group) => <GroupMenu key={group.title} group={group} {...props} />)
        : paletteGroups.map((group) => (
          <section key={group.title} className="cnn-palette-group">
            <h3>{group.title}</h3>
            <div className="cnn-palette-items"><TypeButtons group={group} {...props} /></div>
          </section>
        ))}
    </nav>
  );
}

type TypeButtonsProps = PaletteProps & { group: PaletteGroup; onDone?(): void; onDragging?(dragging: boolean): void };

function TypeButtons({ group, readOnly, anchorLabel, onAdd, onDone, onDragging }: TypeButtonsProps) {
  const onDragStart = (event: DragEvent<HTMLButtonElement>, type: string) => {
    event.dataTransfer.setData(paletteDragType, type);
    event.dataTransfer.effectAllowed = "copy";
    onDragging?.(true);
  };
  return group.types.map((type) => (
    <button
      key={type}
      type="button"
      className="cnn-palette-item"
      draggable={!readOnly}
      disabled={readOnly}
      title={`Insert ${type} ${anchorLabel} (or drag onto an edge)`}
      onDragStart={(event) => onDragStart(event, type)}
      onDragEnd={() => onDragging?.(false)}
      onClick={() => {
        onAdd(type);
        onDone?.();
      }}
    >
      {breakableName(type)}
    </button>
  ));
}

/** One category icon; its menu opens on click, Enter or hover and closes on Escape or leaving it. */
function GroupMenu(props: PaletteProps & { group: PaletteGroup }) {
  const { group } = props;
  const [open, setOpen] = useState(false);
  const menu = useRef<HTMLDivElement>(null);
  const icon = useRef<HTMLButtonElement>(null);
  /** A type dragged out of the menu onto the canvas: the menu stays until the drag ends. */
  const dragging = useRef(false);
  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLButtonElement>("button")?.focus();
  }, [open]);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || !open) return;
    event.stopPropagation();
    setOpen(false);
    icon.current?.focus();
  };
  return (
    <div className="cnn-palette-menu-host" onMouseLeave={() => dragging.current || setOpen(false)} onKeyDown={onKeyDown}>
      <button
        ref={icon} type="button" className="cnn-palette-icon" aria-haspopup="menu" aria-expanded={open}
        title={`${group.title}: ${group.types.join(", ")}`} aria-label={group.title} onClick={() => setOpen(!open)}
      >
        <span className={`codicon ${groupIcons[group.title as PaletteGroupTitle]}`} aria-hidden="true" />
      </button>
      {open && (
        <div ref={menu} className="cnn-palette-menu" role="menu" aria-label={group.title}>
          <h3>{group.title}</h3>
          <div className="cnn-palette-items"><TypeButtons
            {...props}
            onDone={() => setOpen(false)}
            onDragging={(now) => {
              dragging.current = now;
              if (!now) setOpen(false);
            }}
          /></div>
        </div>
      )}
    </div>
  );
}
