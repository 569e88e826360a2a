/** The banners above the canvas: text that is not JSON (editing paused), layout failures, a simplified layout. */
import type { ParseErrorInfo } from "./port";

export interface BannersProps {
  parseError: ParseErrorInfo | null;
  /** False when the text was never valid: what is shown is only what could be read of it. */
  hasLastValid: boolean;
  layoutError: string | null;
  /** Why the graph is drawn without automatic layout (too many layers). */
  layoutNotice?: string | null;
}

export function Banners({ parseError, hasLastValid, layoutError, layoutNotice }: BannersProps) {
  return (
    <>
      {parseError && (
        <div className="cnn-banner cnn-banner-error" role="alert">
          <span className="codicon codicon-error" />
          <span>
            The file is not valid JSON: {parseError.message} (line {parseError.line}, column {parseError.column}).{" "}
            {hasLastValid ? "Showing the last valid version" : "Showing what could be read of it"}; editing is paused. Fix the text in the text editor (CNN Designer: Open as Text).
          </span>
        </div>
      )}
      {layoutError && (
        <div className="cnn-banner cnn-banner-warning" role="alert">
          <span className="codicon codicon-warning" />
          <span>{layoutError}</span>
        </div>
      )}
      {layoutNotice && (
        <div className="cnn-banner cnn-banner-info" role="status">
          <span className="codicon codicon-info" />
          <span>{layoutNotice}</span>
        </div>
      )}
    </>
  );
}
