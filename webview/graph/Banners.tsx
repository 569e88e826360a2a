/** The banners above the canvas: text that is not JSON (editing paused), layout failures. */
import type { ParseErrorInfo } from "./port";

export function Banners({ parseError, layoutError }: { parseError: ParseErrorInfo | null; layoutError: string | null }) {
  return (
    <>
      {parseError && (
        <div className="cnn-banner cnn-banner-error" role="alert">
          <span className="codicon codicon-error" />
          <span>
            The file is not valid JSON: {parseError.message} (line {parseError.line}, column {parseError.column}). Showing the last valid version; editing is paused.
          </span>
        </div>
      )}
      {layoutError && (
        <div className="cnn-banner cnn-banner-warning" role="alert">
          <span className="codicon codicon-warning" />
          <span>{layoutError}</span>
        </div>
      )}
    </>
  );
}
