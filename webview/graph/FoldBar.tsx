/**
 * The canvas's fold controls (shown when the network has groups of dotted ids): fold the
 * selection's group or unfold the selected block, fold everything to the top level, unfold
 * everything. The same gestures have keys on the canvas (minus, Enter or plus).
 */
import { groupToFold } from "../../src/diagram/foldActions";
import { groupOfBlockId } from "../../src/diagram/folding";
import type { GroupTree } from "../../src/diagram/groups";

export interface FoldBarProps {
  tree: GroupTree;
  folded: ReadonlySet<string>;
  primary: string | null;
  onFold(): void;
  onUnfold(): void;
  onFoldAll(): void;
  onUnfoldAll(): void;
}

export function FoldBar({ tree, folded, primary, ...actions }: FoldBarProps) {
  const block = primary === null ? null : groupOfBlockId(primary);
  const foldable = primary === null ? null : groupToFold(tree, primary);
  return (
    <div className="cnn-foldbar" role="toolbar" aria-label="Folding">
      {block !== null && (
        <button type="button" className="cnn-foldbar-button" title={`Unfold ${block} (Enter)`} onClick={actions.onUnfold}>
          <span className="codicon codicon-unfold" aria-hidden="true" /><span className="cnn-foldbar-text">Unfold {block}</span>
        </button>
      )}
      {foldable !== null && (
        <button type="button" className="cnn-foldbar-button" title={`Fold ${foldable} into one block (-)`} onClick={actions.onFold}>
          <span className="codicon codicon-fold" aria-hidden="true" /><span className="cnn-foldbar-text">Fold {foldable}</span>
        </button>
      )}
      <button type="button" className="cnn-foldbar-button" title="Fold every group into its top-level block" aria-label="Fold all" onClick={actions.onFoldAll}>
        <span className="codicon codicon-collapse-all" aria-hidden="true" />
      </button>
      <button
        type="button" className="cnn-foldbar-button" title="Unfold every block" aria-label="Unfold all" disabled={folded.size === 0} onClick={actions.onUnfoldAll}
      >
        <span className="codicon codicon-expand-all" aria-hidden="true" />
      </button>
    </div>
  );
}
