/**
 * A conv layer's kernels as small heatmaps (input channel 0 of each shown filter, one shared
 * diverging scale), the cross-correlation ⇄ true-convolution toggle, the rotated kernels
 * beside the stored ones, what the flip changes, and the button that writes it to the file.
 */
import { useMemo } from "react";
import type { PreviewKernels } from "../../src/protocol";
import { colourizeValues, type DivergingPalette } from "./colorScale";
import { formatRange } from "./numberText";
import { kernelCellSize } from "./gridLayout";
import { flipNote, flipSymmetry, kernelAt, rotate180 } from "./kernelMath";
import { PixelCanvas } from "./PixelCanvas";

export interface FlipControl {
  /** flipKernel in the file. */
  fileFlip: boolean;
  /** flipKernel this preview applies. */
  flip: boolean;
  setFlip(flip: boolean): void;
  /** Writes the previewed flip to the file. */
  write(): void;
  writing: boolean;
  writeProblem: string | null;
}

export interface KernelSectionProps {
  layerId: string;
  kernels: PreviewKernels;
  /** Set for conv2d (transposed convolutions have no flip). */
  flipControl?: FlipControl;
  hasActivation: boolean;
  palette: DivergingPalette;
  /** "channel 0: a … b → c … d" lines comparing with the other flip state, when known. */
  comparison: string[];
}

function KernelHeatmap({ taps, kernels, limit, palette, label }: {
  taps: number[]; kernels: PreviewKernels; limit: number; palette: DivergingPalette; label: string;
}) {
  const rgba = useMemo(() => colourizeValues(taps, "diverging", -limit, limit, palette), [taps, limit, palette]);
  const cell = kernelCellSize(kernels.kernelHeight, kernels.kernelWidth);
  return (
    <PixelCanvas
      width={kernels.kernelWidth}
      height={kernels.kernelHeight}
      rgba={rgba}
      displayWidth={kernels.kernelWidth * cell}
      displayHeight={kernels.kernelHeight * cell}
      label={label}
    />
  );
}

function FlipToggle({ layerId, control, note, comparison }: { layerId: string; control: FlipControl; note: string; comparison: string[] }) {
  const differs = control.flip !== control.fileFlip;
  return (
    <div className="cnn-preview-flip">
      <label>
        <input type="checkbox" checked={control.flip} onChange={(event) => control.setFlip(event.target.checked)} />
        {" "}Flip the kernel (true convolution) on <code>{layerId}</code>
      </label>
      <span className="cnn-preview-muted">{differs ? " — preview only, the file says " : " — as in the file: "}<code>flipKernel: {String(control.fileFlip)}</code></span>
      <p className="cnn-preview-note">{note}</p>
      {comparison.length > 0 && (
        <div className="cnn-preview-compare">
          <span>Compared with {control.flip ? "cross-correlation" : "true convolution"} (map ranges before → now):</span>
          <ul>{comparison.map((line) => <li key={line}>{line}</li>)}</ul>
        </div>
      )}
      {differs && (
        <button type="button" className="cnn-preview-primary" disabled={control.writing} onClick={control.write}>
          {control.flip ? "Write flipKernel: true to the file" : "Remove flipKernel from the file (cross-correlation)"}
        </button>
      )}
      {control.writeProblem && <p className="cnn-preview-error" role="alert">{control.writeProblem}</p>}
    </div>
  );
}

/** Kernels too large to draw (the host sends no weights): their shape and counts only. */
function KernelSummary({ kernels }: { kernels: PreviewKernels }) {
  return (
    <section className="cnn-preview-kernels" aria-label="Kernels">
      <h4>Kernels: {kernels.filters} filters of {kernels.channelsPerFilter}×{kernels.kernelHeight}×{kernels.kernelWidth}</h4>
      <p className="cnn-preview-note">Too large to draw as heatmaps (kernels above 64×64 are summarised); the feature maps above show their effect.</p>
    </section>
  );
}

export function KernelSection({ layerId, kernels, flipControl, hasActivation, palette, comparison }: KernelSectionProps) {
  if (kernels.summarized === true) return <KernelSummary kernels={kernels} />;
  const limit = Math.max(Math.abs(kernels.minimum), Math.abs(kernels.maximum));
  const filters = Array.from({ length: kernels.shownFilters }, (_, filter) => kernelAt(kernels, filter, 0));
  const note = flipNote(filters.map((taps) => flipSymmetry(taps)), hasActivation);
  const flipped = flipControl?.flip === true;
  const more = kernels.filters > kernels.shownFilters ? ` (first ${kernels.shownFilters} of ${kernels.filters} filters)` : "";
  return (
    <section className="cnn-preview-kernels" aria-label="Kernels">
      <h4>
        Kernels{more}: input channel 0{kernels.channelsPerFilter > 1 ? ` of ${kernels.channelsPerFilter}` : ""}, {kernels.kernelHeight}×{kernels.kernelWidth}, weights {formatRange(kernels.minimum, kernels.maximum)}
        {flipped ? " — stored → applied (rotated 180°)" : ""}
      </h4>
      <ul className="cnn-preview-kernel-grid">
        {filters.map((taps, filter) => (
          <li key={filter} className="cnn-preview-kernel">
            <KernelHeatmap taps={taps} kernels={kernels} limit={limit} palette={palette} label={`filter ${filter} kernel as stored`} />
            {flipped && <span aria-hidden="true">→</span>}
            {flipped && <KernelHeatmap taps={rotate180(taps)} kernels={kernels} limit={limit} palette={palette} label={`filter ${filter} kernel rotated 180°`} />}
            <span className="cnn-preview-caption">#{filter}</span>
          </li>
        ))}
      </ul>
      {flipControl && <FlipToggle layerId={layerId} control={flipControl} note={note} comparison={comparison} />}
    </section>
  );
}
