/** Progress ("layer 12/69"), notices and errors of the current run; announced politely. */
import type { PreviewModel } from "./previewModel";

export function RunStatus({ model }: { model: PreviewModel }) {
  const { phase, progress, error, notice } = model;
  return (
    <div className="cnn-preview-status" role="status" aria-live="polite">
      {phase === "running" && (
        <span className="cnn-preview-progress">
          <progress max={progress?.total ?? 1} value={progress?.completed ?? 0} aria-label="Preview progress" />
          {progress ? ` layer ${progress.completed}/${progress.total} (${progress.layerId})` : " starting…"}
        </span>
      )}
      {notice && <span className="cnn-preview-muted"> {notice}</span>}
      {error && <p className="cnn-preview-error" role="alert">{error.message}</p>}
    </div>
  );
}
