/** Image picker (bundled photos, then workspace images), Browse…, colour scale, all channels. */
import type { PreviewImageOption } from "../../src/protocol";
import type { ColourScaleChoice } from "./colorScale";
import type { ImageChoices } from "./previewModel";

export interface ToolbarProps {
  images: ImageChoices | null;
  imageId: string | null;
  onImage(id: string): void;
  onBrowse(): void;
  scaleChoice: ColourScaleChoice;
  onScale(choice: ColourScaleChoice): void;
  allChannels: boolean;
  onAllChannels(all: boolean): void;
}

const GROUP_LABELS: Record<PreviewImageOption["group"], string> = {
  sample: "Bundled photos",
  workspace: "Workspace images",
  picked: "Chosen with Browse…",
};

function ImageOptions({ options }: { options: PreviewImageOption[] }) {
  const groups = (["sample", "workspace", "picked"] as const).map((group) => [group, options.filter((option) => option.group === group)] as const);
  return (
    <>
      {groups.filter(([, members]) => members.length > 0).map(([group, members]) => (
        <optgroup key={group} label={GROUP_LABELS[group]}>
          {members.map((option) => <option key={option.id} value={option.id} title={option.detail}>{option.label}</option>)}
        </optgroup>
      ))}
    </>
  );
}

export function Toolbar(props: ToolbarProps) {
  const { images, imageId } = props;
  const trusted = images?.workspaceTrusted ?? false;
  return (
    <div className="cnn-preview-toolbar">
      <label>
        Image{" "}
        <select value={imageId ?? ""} onChange={(event) => props.onImage(event.target.value)} disabled={!images}>
          {!images && <option value="">Loading…</option>}
          {images && <ImageOptions options={images.options} />}
        </select>
      </label>
      <button type="button" onClick={props.onBrowse} disabled={!trusted} title={trusted ? "Choose any PNG or JPEG file" : "Needs a trusted workspace"}>
        Browse…
      </button>
      <label>
        Colours{" "}
        <select value={props.scaleChoice} onChange={(event) => props.onScale(event.target.value as ColourScaleChoice)}>
          <option value="auto">auto (diverging for signed maps)</option>
          <option value="grey">grey</option>
          <option value="diverging">diverging blue–white–red</option>
        </select>
      </label>
      <label>
        <input type="checkbox" checked={props.allChannels} onChange={(event) => props.onAllChannels(event.target.checked)} />
        {" "}Show all channels{images ? ` (default: first ${images.channelCap})` : ""}
      </label>
      {images?.note && <p className="cnn-preview-muted cnn-preview-fullwidth">{images.note}</p>}
    </div>
  );
}
