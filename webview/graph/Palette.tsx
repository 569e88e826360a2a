/** Every layer type as a button: click inserts after the selection, drag onto an edge inserts there. */
import type { DragEvent } from "react";
import { paletteGroups } from "./catalog";
import { paletteDragType } from "./Canvas";

/** Line-break opportunities inside a type name, before its parts: "adaptiveavg|pool2d", "conv|transpose2d". */
function breakableName(type: string) {
  const parts = type.split(/(?=pool|transpose|norm)/);
  return parts.flatMap((part, index) => (index === 0 ? [part] : [<wbr key={index} />, part]));
}

export interface PaletteProps {
  readOnly: boolean;
  /** Where a click inserts, for the button titles. */
  anchorLabel: string;
  onAdd(type: string): void;
}

export function Palette({ readOnly, anchorLabel, onAdd }: PaletteProps) {
  const onDragStart = (event: DragEvent<HTMLButtonElement>, type: string) => {
    event.dataTransfer.setData(paletteDragType, type);
    event.dataTransfer.effectAllowed = "copy";
  };
  return (
    <nav className="cnn-palette" aria-label="Layer palette">
      {paletteGroups.map((group) => (
        <section key={group.title} className="cnn-palette-group">
          <h3>{group.title}</h3>
          <div className="cnn-palette-items">
            {group.types.map((type) => (
              <button
                key={type}
                type="button"
                className="cnn-palette-item"
                draggable={!readOnly}
                disabled={readOnly}
                title={`Insert ${type} ${anchorLabel} (or drag onto an edge)`}
                onDragStart={(event) => onDragStart(event, type)}
                onClick={() => onAdd(type)}
              >
                {breakableName(type)}
              </button>
            ))}
          </div>
        </section>
      ))}
    </nav>
  );
}
