#!/usr/bin/python3
"""Golden fixtures for the upsample2d layer (PyTorch nn.Upsample), from PyTorch 1.13.

Run with Debian's Python (torch 1.13):  /usr/bin/python3 test/golden/upsample/gen_upsample.py
Writes test/golden/upsample/upsample.json next to this script. Deterministic (fixed seeds).

The layer is our spec's { "type": "upsample2d", "mode": "nearest" | "bilinear",
"scaleFactor": number | [h, w] } or { ..., "size": int | [h, w] }, with "alignCorners"
(bilinear only). A pair becomes a Python tuple (nn.Upsample converts only a TUPLE of scale
factors to floats; a list fails in float()). Inputs are [C, H, W]; torch sees [1, C, H, W].

Sections:
  shapes   – { input, layer, outputShape | error: {type, message}, warnings: [...] }
  values   – { input: {shape, data}, layer, output: {shape, data} }, input rounded to 4
             decimals (exactly the values torch saw), output to 6 significant digits.
             A case with "recomputeScaleFactor": true ran nn.Upsample(...,
             recompute_scale_factor=True): torch then interpolates with input/output sizes as
             if "size" had been given, so the expected values differ from the same layer
             without it (pairs of such cases are adjacent).
  receptiveFields – { name: { spec, layers: [{ id, outputShape, height, width }] } }: small
             one-channel networks in the *.cnn.json spec format (version 1) and, per layer and
             axis, the receptive field measured with autograd: "units" = [j, first, last], the
             input interval output unit j depends on (interior units only), and the lattice
             summary { period, size, jump, start, exact } (see measure_fields and
             periodic_summary below; exact values as fractions).
"""
import json
import math
import pathlib
import random
import warnings
from fractions import Fraction

import numpy as np
import torch
import torch.nn as nn

OUTPUT = pathlib.Path(__file__).resolve().parent / "upsample.json"
rng = random.Random(20240620)
np_rng = np.random.default_rng(20240620)


def as_torch_argument(value):
    return tuple(value) if isinstance(value, list) else value


def upsample_module(layer, recompute=None):
    kwargs = {"mode": layer.get("mode", "nearest")}
    if "scaleFactor" in layer:
        kwargs["scale_factor"] = as_torch_argument(layer["scaleFactor"])
    if "size" in layer:
        kwargs["size"] = as_torch_argument(layer["size"])
    if "alignCorners" in layer:
        kwargs["align_corners"] = layer["alignCorners"]
    if recompute is not None:
        kwargs["recompute_scale_factor"] = recompute
    return nn.Upsample(**kwargs)


def run_layer(layer, x, recompute=None):
    """(output or None, error dict or None, warning texts) of nn.Upsample on x [C,H,W]."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            output = upsample_module(layer, recompute)(x.unsqueeze(0))[0]
            error = None
        except Exception as exception:  # noqa: BLE001 - recording torch's refusal is the point
            output, error = None, {"type": type(exception).__name__, "message": str(exception)}
    return output, error, [str(warning.message) for warning in caught]


# ---------------------------------------------------------------- shapes

SCALE_CHOICES = [1, 2, 3, 4, 1.5, 0.5, 2.25, 1 / 3, 0.75, 2.5, 1.1, 0.7, 0.29, 1.7,
                 [2, 3], [1.5, 0.75], [1, 2], [0.5, 2], [3, 1.25], [2.3, 1.2]]
SIZE_CHOICES = [1, 2, 5, 8, 13, 17, [4, 9], [1, 6], [12, 3], [7, 7]]


def random_layer():
    mode = rng.choice(["nearest", "bilinear"])
    layer = {"type": "upsample2d", "mode": mode}
    if rng.random() < 0.7:
        layer["scaleFactor"] = rng.choice(SCALE_CHOICES)
    else:
        layer["size"] = rng.choice(SIZE_CHOICES)
    if mode == "bilinear":
        roll = rng.random()
        if roll < 0.4:
            layer["alignCorners"] = True
        elif roll < 0.7:
            layer["alignCorners"] = False
    return layer


def random_input():
    height = rng.randint(1, 17)
    width = height if rng.random() < 0.4 else rng.randint(1, 17)
    return [rng.choice([1, 2, 3]), height, width]


# Hand-picked combinations: every refusal torch 1.13 has for this layer, zero-size outputs,
# floor(in * scale) in double precision just under an integer, scale 1 / size == input.
EDGE_CASES = [
    ([2, 4, 5], {"mode": "nearest", "scaleFactor": 2, "size": 8}),
    ([2, 4, 5], {"mode": "bilinear", "scaleFactor": 2, "size": [8, 10], "alignCorners": True}),
    ([2, 4, 5], {"mode": "nearest"}),
    ([2, 4, 5], {"mode": "bilinear"}),
    ([2, 4, 5], {"mode": "nearest", "scaleFactor": 2, "alignCorners": True}),
    ([2, 4, 5], {"mode": "nearest", "scaleFactor": 2, "alignCorners": False}),
    ([2, 4, 5], {"mode": "nearest", "size": 8, "alignCorners": False}),
    ([2, 4, 5], {"mode": "bilinear", "scaleFactor": 2}),
    ([2, 3, 3], {"mode": "nearest", "scaleFactor": 0.1}),
    ([2, 3, 12], {"mode": "nearest", "scaleFactor": 0.1}),
    ([2, 12, 3], {"mode": "bilinear", "scaleFactor": [0.1, 1]}),
    ([1, 3, 3], {"mode": "bilinear", "scaleFactor": 0.1, "alignCorners": True}),
    ([1, 3, 3], {"mode": "nearest", "scaleFactor": 1 / 3}),
    ([1, 2, 2], {"mode": "nearest", "scaleFactor": 0.5}),
    ([1, 1, 1], {"mode": "nearest", "scaleFactor": 0.5}),
    ([1, 5, 5], {"mode": "nearest", "scaleFactor": 0}),
    ([1, 5, 5], {"mode": "nearest", "scaleFactor": [0, 2]}),
    ([1, 5, 5], {"mode": "nearest", "scaleFactor": -2}),
    ([1, 5, 5], {"mode": "nearest", "size": 0}),
    ([1, 5, 5], {"mode": "nearest", "size": [3, 0]}),
    ([1, 5, 5], {"mode": "bilinear", "size": -1}),
    ([1, 5, 5], {"mode": "nearest", "scaleFactor": [2, 2, 2]}),
    ([1, 5, 5], {"mode": "nearest", "size": [4]}),
    ([1, 5, 5], {"mode": "bicubic", "scaleFactor": 2}),
    ([1, 5, 5], {"mode": "linear", "scaleFactor": 2}),
    ([1, 10, 10], {"mode": "nearest", "scaleFactor": 0.7}),
    ([1, 10, 3], {"mode": "nearest", "scaleFactor": [1.1, 1.1]}),
    ([1, 10, 10], {"mode": "nearest", "scaleFactor": 0.3}),
    ([1, 7, 7], {"mode": "nearest", "scaleFactor": 0.57}),
    ([1, 3, 3], {"mode": "nearest", "scaleFactor": 2.3}),
    ([1, 3, 3], {"mode": "nearest", "scaleFactor": 1.2}),
    ([2, 3, 3], {"mode": "bilinear", "scaleFactor": 1.2}),
    ([2, 6, 6], {"mode": "nearest", "size": 6}),
    ([2, 1, 1], {"mode": "bilinear", "scaleFactor": 4, "alignCorners": True}),
    ([2, 1, 9], {"mode": "bilinear", "size": [1, 4], "alignCorners": True}),
    ([1, 17, 17], {"mode": "nearest", "scaleFactor": 4}),
    ([1, 17, 1], {"mode": "bilinear", "size": [1, 17]}),
]


def just_under_integer_cases():
    """Scale factors num/den where H * s is mathematically the integer n but in double just
    below it, so torch's floor gives n - 1 (e.g. 11 * (15/11) = 14.999999999999998 -> 14)."""
    found = []
    for height in range(1, 18):
        for denominator in range(2, 20):
            for numerator in range(1, 4 * denominator):
                scale = numerator / denominator
                exact = height * numerator
                if exact % denominator == 0 and math.floor(height * scale) != exact // denominator:
                    mode = "nearest" if len(found) % 2 == 0 else "bilinear"
                    found.append(([2, height, 5], {"mode": mode, "scaleFactor": [scale, 2]}))
    return found


def shape_cases():
    cases = []
    combinations = [(shape, dict(layer, type="upsample2d")) for shape, layer in EDGE_CASES + just_under_integer_cases()]
    while len(combinations) < 160:
        combinations.append((random_input(), random_layer()))
    for shape, layer in combinations:
        layer = {"type": "upsample2d", **{key: value for key, value in layer.items() if key != "type"}}
        output, error, caught = run_layer(layer, torch.zeros(*shape))
        case = {"input": shape, "layer": layer}
        if error is None:
            case["outputShape"] = list(output.shape)
        else:
            case["error"] = error
        if caught:
            case["warnings"] = caught
        cases.append(case)
    return cases


# ---------------------------------------------------------------- values

VALUE_LAYERS = [
    ([2, 3, 4], {"mode": "nearest", "scaleFactor": 2}),
    ([1, 3, 4], {"mode": "nearest", "scaleFactor": 2}),
    ([2, 2, 3], {"mode": "nearest", "scaleFactor": 3}),
    ([3, 3, 2], {"mode": "nearest", "scaleFactor": [2, 3]}),
    ([2, 5, 5], {"mode": "nearest", "scaleFactor": 1.5}),
    ([2, 5, 4], {"mode": "nearest", "scaleFactor": 1.7}, True),
    ([2, 4, 6], {"mode": "nearest", "scaleFactor": [1.5, 0.75]}),
    ([2, 6, 6], {"mode": "nearest", "scaleFactor": 0.5}),
    ([2, 7, 5], {"mode": "nearest", "scaleFactor": 1 / 3}),
    ([2, 4, 4], {"mode": "nearest", "scaleFactor": 2.25}),
    ([2, 3, 3], {"mode": "nearest", "scaleFactor": 2.3}),
    ([1, 3, 3], {"mode": "nearest", "scaleFactor": 2.3}),
    ([2, 3, 3], {"mode": "nearest", "scaleFactor": 1.2}),
    ([1, 3, 3], {"mode": "nearest", "scaleFactor": 1.2}),
    ([2, 5, 3], {"mode": "nearest", "size": [7, 8]}),
    ([1, 5, 3], {"mode": "nearest", "size": [10, 6]}),
    ([2, 6, 4], {"mode": "nearest", "size": 3}),
    ([2, 1, 4], {"mode": "nearest", "scaleFactor": [3, 1.5]}),
    ([2, 4, 1], {"mode": "nearest", "size": [2, 5]}),
    ([2, 3, 4], {"mode": "bilinear", "scaleFactor": 2}),
    ([2, 3, 4], {"mode": "bilinear", "scaleFactor": 2, "alignCorners": True}),
    ([1, 4, 3], {"mode": "bilinear", "scaleFactor": 3, "alignCorners": False}),
    ([2, 5, 5], {"mode": "bilinear", "scaleFactor": 1.5}),
    ([2, 5, 4], {"mode": "bilinear", "scaleFactor": 1.5}, True),
    ([2, 5, 5], {"mode": "bilinear", "scaleFactor": 1.5, "alignCorners": True}),
    ([2, 4, 6], {"mode": "bilinear", "scaleFactor": [1.5, 0.75]}),
    ([2, 6, 6], {"mode": "bilinear", "scaleFactor": 0.5}),
    ([2, 6, 6], {"mode": "bilinear", "scaleFactor": 0.5, "alignCorners": True}),
    ([2, 7, 5], {"mode": "bilinear", "scaleFactor": 1 / 3}),
    ([2, 4, 4], {"mode": "bilinear", "scaleFactor": 2.25}),
    ([2, 3, 3], {"mode": "bilinear", "scaleFactor": 1.2}),
    ([2, 5, 5], {"mode": "bilinear", "scaleFactor": 2.1}),
    ([1, 5, 5], {"mode": "bilinear", "scaleFactor": 2.1}),
    ([2, 5, 3], {"mode": "bilinear", "size": [7, 8]}),
    ([2, 5, 3], {"mode": "bilinear", "size": [7, 8], "alignCorners": True}),
    ([2, 6, 4], {"mode": "bilinear", "size": 3}),
    ([2, 1, 4], {"mode": "bilinear", "scaleFactor": [3, 1.5]}),
    ([2, 1, 4], {"mode": "bilinear", "scaleFactor": [3, 1.5], "alignCorners": True}),
    ([2, 4, 1], {"mode": "bilinear", "size": [2, 5], "alignCorners": True}),
    ([2, 1, 1], {"mode": "bilinear", "scaleFactor": 3}),
    ([2, 8, 8], {"mode": "bilinear", "size": 1}),
    ([2, 8, 8], {"mode": "bilinear", "size": 1, "alignCorners": True}),
    ([2, 3, 5], {"mode": "bilinear", "scaleFactor": [4, 0.6]}),
    ([2, 11, 3], {"mode": "nearest", "scaleFactor": [15 / 11, 1]}),
    # (float)(7/10) * 10 is 7 in float32 but 6.99999988 in double: torch picks row 7.
    ([2, 8, 3], {"mode": "nearest", "scaleFactor": [10 / 7, 1]}),
    ([2, 11, 3], {"mode": "bilinear", "scaleFactor": [15 / 11, 2]}),
]


def random_input_values(shape):
    return np.round(np_rng.uniform(-1.0, 1.0, size=shape), 4).astype(np.float32)


def packed(array, significant):
    array = np.asarray(array, dtype=np.float32)
    return {"shape": list(array.shape), "data": [float("%.*g" % (significant, v)) for v in array.ravel()]}


def value_cases():
    cases = []
    for entry in VALUE_LAYERS:
        shape, layer = entry[0], {"type": "upsample2d", **entry[1]}
        with_recompute = len(entry) > 2 and entry[2]
        x = random_input_values(shape)
        for recompute in ([None, True] if with_recompute else [None]):
            output, error, caught = run_layer(layer, torch.from_numpy(x), recompute)
            assert error is None and not caught, (shape, layer, error, caught)
            case = {"input": packed(x, 7), "layer": layer, "output": packed(output.numpy(), 6)}
            if recompute:
                case["recomputeScaleFactor"] = True
            cases.append(case)
    return cases


# ---------------------------------------------------------------- receptive fields

def conv(layer_id, kernel, stride=1, padding=0):
    return {"id": layer_id, "type": "conv2d", "filters": 1, "kernel": kernel, "stride": stride, "padding": padding}


def up(layer_id, mode, scale, align=None):
    layer = {"id": layer_id, "type": "upsample2d", "mode": mode, "scaleFactor": scale}
    if align is not None:
        layer["alignCorners"] = align
    return layer


# Small one-channel networks (spec format, version 1). Average pools stand in for max pools:
# the same windows, but a max pool's gradient reaches only the arg-max.
RF_NETWORKS = {
    "conv3-nearest2": [conv("c1", 3), up("up", "nearest", 2)],
    "conv3-nearest2-conv3": [conv("c1", 3), up("up", "nearest", 2), conv("c2", 3, padding=1)],
    "conv3s2-bilinear2-conv3": [conv("c1", 3, 2, 1), up("up", "bilinear", 2), conv("c2", 3, padding=1)],
    "conv3s2-bilinear2-align-conv3": [conv("c1", 3, 2, 1), up("up", "bilinear", 2, True), conv("c2", 3, padding=1)],
    "nearest2-conv3": [up("up", "nearest", 2), conv("c1", 3, padding=1)],
    "nearest3-conv3-conv3": [up("up", "nearest", 3), conv("c1", 3, padding=1), conv("c2", 3, padding=1)],
    "bilinear2-conv3": [up("up", "bilinear", 2, False), conv("c1", 3, padding=1)],
    "bilinear3-conv5": [up("up", "bilinear", 3), conv("c1", 5, padding=2)],
    "bilinear4-align-conv3": [up("up", "bilinear", 4, True), conv("c1", 3, padding=1)],
    "pool2-nearest2-conv3": [{"id": "p1", "type": "avgpool2d", "kernel": 2}, up("up", "nearest", 2), conv("c1", 3, padding=1)],
    "conv3-nearest0.5-conv3": [conv("c1", 3, padding=1), up("up", "nearest", 0.5), conv("c2", 3, padding=1)],
    "nearest1.5-conv3": [up("up", "nearest", 1.5), conv("c1", 3, padding=1)],
    "nearest[2,3]-conv3": [up("up", "nearest", [2, 3]), conv("c1", 3, padding=1)],
}
RF_INPUT = [1, 16, 16]
# Larger, so that the drift of align corners' ratio (in − 1)/(out − 1) shows in the units.
RF_INPUTS = {"conv3s2-bilinear2-align-conv3": [1, 40, 40]}


def build_rf_module(layer):
    if layer["type"] == "conv2d":
        module = nn.Conv2d(1, 1, layer["kernel"], stride=layer["stride"], padding=layer["padding"], bias=False)
        with torch.no_grad():
            module.weight.fill_(1.0)  # positive weights: no gradient cancels
        return module
    if layer["type"] == "avgpool2d":
        return nn.AvgPool2d(layer["kernel"])
    return upsample_module({key: value for key, value in layer.items() if key != "id"})


def unit_interval(gradient, axis):
    """[first, last] input index along `axis` with a nonzero gradient, and whether the
    indices in between all have one (no holes)."""
    touched = (gradient.abs().sum(dim=1 - axis) > 0).nonzero().flatten().tolist()
    return [touched[0], touched[-1]], len(touched) == touched[-1] - touched[0] + 1


def measure_fields(layers, input_shape):
    """Per layer and axis, the input interval every output unit depends on (autograd: the
    input pixels with a nonzero gradient of that unit, summed over the other axis's middle
    unit), for the units whose interval touches no border of the input (so padding, the
    bilinear clamp at src < 0 and the last-pixel clamp do not clip it). A unit j's interval
    is [first, last]; size = last − first + 1, centre = (first + last)/2 in input pixel
    coordinates (pixel i has centre i), as in spec-format.md."""
    x = torch.ones(1, *input_shape, requires_grad=True)
    outputs, current = [], x
    for layer in layers:
        current = build_rf_module(layer)(current)
        outputs.append(current)
    records = []
    for layer, output in zip(layers, outputs):
        record = {"id": layer["id"], "outputShape": list(output.shape[1:])}
        for axis, name in ((0, "height"), (1, "width")):
            length = output.shape[2 + axis]
            middle = output.shape[3 - axis] // 2
            units = []
            for index in range(length):
                position = (index, middle) if axis == 0 else (middle, index)
                (gradient,) = torch.autograd.grad(output[0, 0, position[0], position[1]], x, retain_graph=True)
                interval, contiguous = unit_interval(gradient[0, 0], axis)
                assert contiguous, (layer["id"], name, index)
                if interval[0] > 0 and interval[1] < input_shape[1 + axis] - 1:
                    units.append([index, *interval])
            record[name] = {**periodic_summary(units), "units": units}
        records.append(record)
    return records


def periodic_summary(units):
    """The field as a lattice, from the measured intervals: the smallest period P (output
    units) after which every interval repeats shifted by the same D input pixels; then
    jump = D/P, size = the mean size over one period, start = the mean over one period of
    (centre_j − j·jump), i.e. the centre of unit 0 on the lattice. For a conv or pool P = 1
    and these are the engine's size, jump and start; after an upsample they are averages
    (sizes and centres of single units vary within the period). period None: the measured
    units hold no three whole periods (the lattice is not determined)."""
    for period in range(1, len(units) // 3 + 1):
        shifts = {(units[k + period][1] - units[k][1], units[k + period][2] - units[k][2]) for k in range(len(units) - period)}
        if len(shifts) == 1 and len(set(next(iter(shifts)))) == 1:
            jump = Fraction(next(iter(shifts))[0], period)
            window = units[:period]
            size = Fraction(sum(last - first + 1 for _, first, last in window), period)
            start = sum(Fraction(first + last, 2) - index * jump for index, first, last in window) / period
            return {"period": period, "size": float(size), "jump": float(jump), "start": float(start),
                    "exact": {"size": str(size), "jump": str(jump), "start": str(start)}}
    return {"period": None}


def receptive_field_cases():
    cases = {}
    for name, layers in RF_NETWORKS.items():
        input_shape = RF_INPUTS.get(name, RF_INPUT)
        spec = {"version": 1, "name": name, "input": input_shape, "layers": layers}
        cases[name] = {"spec": spec, "layers": measure_fields(layers, input_shape)}
    return cases


def main():
    document = {
        "generator": "test/golden/upsample/gen_upsample.py",
        "torch": torch.__version__,
        "shapes": shape_cases(),
        "values": value_cases(),
        "receptiveFields": receptive_field_cases(),
    }
    text = json.dumps(document, separators=(",", ":"))
    OUTPUT.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT.name}: {len(document['shapes'])} shape cases, {len(document['values'])} value cases, {len(text)} bytes")


if __name__ == "__main__":
    main()
