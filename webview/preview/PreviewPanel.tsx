/**
 * The feature-map preview panel: pick an image, see the selected layer's maps beside the input,
 * a conv's kernels, and the flip toggle. Runs go to the host (one worker, off the UI thread);
 * a newer request cancels the older one, and the host reruns when the file changes.
 */
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import type { NodeInfo } from "../../src/engine/types";
import type { PreviewRunRequest } from "../../src/protocol";
import { resolveScale, type ColourScaleChoice, type DivergingPalette } from "./colorScale";
import { InputView } from "./InputView";
import { KernelSection, type FlipControl } from "./KernelSection";
import { LayerHeadline, LayerStatsTable } from "./LayerStats";
import { MapGrid, ScaleLegend, VectorStrip } from "./MapGrid";
import type { PreviewPanelProps } from "./port";
import { compareRanges, defaultImageId, INITIAL_MODEL, reducePreview, type PreviewModel } from "./previewModel";
import { RunStatus } from "./RunStatus";
import { Toolbar } from "./Toolbar";
import { usePalette } from "./usePalette";

function useFlipControl(props: PreviewPanelProps, node: NodeInfo | null) {
  const [override, setOverride] = useState<{ layerId: string; flip: boolean } | null>(null);
  const [writing, setWriting] = useState(false);
  const [writeProblem, setWriteProblem] = useState<string | null>(null);
  const layer = node?.layer?.type === "conv2d" ? node.layer : null;
  if (!node || !layer) return { control: undefined, requestedFlip: undefined };
  const fileFlip = layer.flipKernel;
  const flip = override?.layerId === node.id ? override.flip : fileFlip;
  const write = (): void => {
    setWriting(true);
    setWriteProblem(null);
    const intent = flip ? { kind: "setField" as const, id: node.id, key: "flipKernel", value: true } : { kind: "setField" as const, id: node.id, key: "flipKernel" };
    void props.port.sendIntent(intent).then((reply) => {
      setWriting(false);
      if (!reply.ok) setWriteProblem(`Not written: ${reply.message}`);
    });
  };
  const control: FlipControl = {
    fileFlip, flip, setFlip: (value) => setOverride({ layerId: node.id, flip: value }), write, writing, writeProblem,
  };
  return { control, requestedFlip: flip !== fileFlip ? flip : undefined };
}

function PanelBody({ props, model, node, scaleChoice, palette, flip }: {
  props: PreviewPanelProps; model: PreviewModel; node: NodeInfo | null; scaleChoice: ColourScaleChoice; palette: DivergingPalette;
  flip: ReturnType<typeof useFlipControl>;
}) {
  const { analysis, settings } = props;
  if (!analysis) return <p className="cnn-preview-muted">No analysis yet.</p>;
  if (!node) return <p className="cnn-preview-muted">Select a layer to see its feature maps.</p>;
  const result = model.result?.layerId === node.id ? model.result : null;
  if (!result) return null;
  const selected = result.selected;
  const stopped = result.stoppedAt && (
    <p className="cnn-preview-error" role="alert">The run stopped at {result.stoppedAt.layerId === "input" ? "the input" : `layer ${result.stoppedAt.layerId}`}: {result.stoppedAt.reason}</p>
  );
  if (!selected) return <>{stopped}<LayerStatsTable result={result} order={settings.shapeOrder} /></>;
  const scale = resolveScale(scaleChoice, selected.stats.minimum);
  const image = model.images?.options.find((option) => option.id === result.imageId);
  const layer = node.layer;
  const hasActivation = (layer?.type === "conv2d" || layer?.type === "convtranspose2d") && layer.activation !== undefined;
  const hidden = selected.featureMaps ? selected.featureMaps.channels - selected.featureMaps.maps.length : 0;
  return (
    <div className={model.phase === "running" ? "cnn-preview-body cnn-preview-stale" : "cnn-preview-body"}>
      {stopped}
      <LayerHeadline layer={selected} order={settings.shapeOrder} milliseconds={result.milliseconds} />
      <div className="cnn-preview-row">
        {analysis.input && <InputView input={model.inputs[result.imageId]} inputShape={analysis.input} imageLabel={image?.label ?? "image"} />}
        <div className="cnn-preview-maps">
          {selected.featureMaps && <MapGrid featureMaps={selected.featureMaps} scale={scale} palette={palette} />}
          {selected.vector && (
            <VectorStrip length={selected.vector.length} values={selected.vector.values} scale={scale} palette={palette} />
          )}
          {hidden > 0 && <p className="cnn-preview-muted">{hidden} more channel{hidden === 1 ? "" : "s"} not shown: tick “Show all channels”.</p>}
          <ScaleLegend scale={scale} palette={palette} />
        </div>
      </div>
      {selected.kernels && (
        <KernelSection
          layerId={node.id}
          kernels={selected.kernels}
          flipControl={flip.control}
          hasActivation={hasActivation}
          palette={palette}
          comparison={compareRanges(model)}
        />
      )}
      <LayerStatsTable result={result} order={settings.shapeOrder} />
    </div>
  );
}

export function PreviewPanel(props: PreviewPanelProps) {
  const { port, analysis, selectedLayerId, active = true } = props;
  const [model, dispatch] = useReducer(reducePreview, INITIAL_MODEL);
  const [chosenImageId, setChosenImageId] = useState<string | null>(null);
  const [scaleChoice, setScaleChoice] = useState<ColourScaleChoice>("auto");
  const [allChannels, setAllChannels] = useState(false);
  const palette = usePalette();
  const nextRunId = useRef(1);
  const requested = useRef(false);
  const inputs = useRef(model.inputs);
  inputs.current = model.inputs;

  useEffect(() => port.subscribe((message) => dispatch({ kind: "host", message })), [port]);
  useEffect(() => {
    if (active) port.post({ type: "previewListImages" });
  }, [port, active]);
  useEffect(() => {
    if (model.pickedId !== null) setChosenImageId(model.pickedId);
  }, [model.pickedId]);

  const options = model.images?.options ?? [];
  const imageId = chosenImageId !== null && options.some((option) => option.id === chosenImageId)
    ? chosenImageId
    : defaultImageId(options, analysis?.input?.[0]);
  const node = analysis?.nodes.find((candidate) => candidate.id === selectedLayerId) ?? null;
  const layerId = node?.id ?? null;
  const flip = useFlipControl(props, node);
  const requestedFlip = flip.requestedFlip;

  useEffect(() => {
    if (!active || layerId === null || imageId === null) {
      // Only a panel that asked for runs says stop (the host may serve other callers meanwhile).
      if (requested.current) port.post({ type: "previewStop" });
      requested.current = false;
      dispatch({ kind: "stopped" });
      return;
    }
    requested.current = true;
    const request: PreviewRunRequest = { runId: nextRunId.current++, imageId, layerId };
    if (requestedFlip !== undefined) request.flipKernel = requestedFlip;
    if (allChannels) request.allChannels = true;
    if (!inputs.current[imageId]) request.includeInput = true;
    dispatch({ kind: "started", request });
    port.post({ type: "previewRun", ...request });
  }, [port, active, layerId, imageId, requestedFlip, allChannels]);

  const browse = useCallback(() => port.post({ type: "previewBrowse" }), [port]);
  return (
    <section className="cnn-preview" aria-label="Feature-map preview">
      <Toolbar images={model.images} imageId={imageId} onImage={setChosenImageId} onBrowse={browse}
        scaleChoice={scaleChoice} onScale={setScaleChoice} allChannels={allChannels} onAllChannels={setAllChannels} />
      <RunStatus model={model} />
      <PanelBody props={props} model={model} node={node} scaleChoice={scaleChoice} palette={palette} flip={flip} />
    </section>
  );
}
