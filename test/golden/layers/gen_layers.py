#!/usr/bin/python3
"""Golden single-layer fixtures from PyTorch 1.13 (Debian's python3-torch).

Samples a few hundred single layers across every geometric parameter (valid and invalid),
runs each through torch on a zero tensor of shape [1, C, H, W] (or [1, F]) and records the
spec layer, the input shape, and either torch's output shape (batch dropped) and parameter
count, or the fact that torch raised and its message.

Run:  /usr/bin/python3 test/golden/layers/gen_layers.py > test/golden/layers/layers.json
Deterministic: fixed seed, no randomness from torch (inputs are zeros).
"""
import json
import random
import sys
import warnings

import torch
import torch.nn as nn

warnings.filterwarnings("ignore")
rng = random.Random(20240613)


def spatial(low, high, square_bias=0.6):
    """An int, or [h, w] (sometimes equal) to exercise rectangular values."""
    if rng.random() < square_bias:
        return rng.randint(low, high)
    return [rng.randint(low, high), rng.randint(low, high)]


def pair(value):
    return tuple(value) if isinstance(value, list) else (value, value)


def conv_case():
    channels = rng.choice([1, 2, 3, 4, 6, 8])
    layer = {"type": "conv2d", "filters": rng.choice([1, 2, 3, 4, 6, 8]), "kernel": spatial(1, 7)}
    if rng.random() < 0.6:
        layer["stride"] = spatial(1, 4)
    roll = rng.random()
    if roll < 0.2:
        layer["padding"] = "same"
    elif roll < 0.3:
        layer["padding"] = "valid"
    elif roll < 0.8:
        layer["padding"] = spatial(0, 4)
    if rng.random() < 0.4:
        layer["dilation"] = spatial(1, 3)
    if rng.random() < 0.35:
        layer["groups"] = rng.choice([1, 2, 3, 4])
    if rng.random() < 0.3:
        layer["bias"] = False
    return layer, [channels, rng.randint(1, 20), rng.randint(1, 20)]


def conv_module(layer, channels):
    padding = layer.get("padding", 0)
    return nn.Conv2d(channels, layer["filters"], pair(layer["kernel"]), stride=pair(layer.get("stride", 1)),
                     padding=padding if isinstance(padding, str) else pair(padding),
                     dilation=pair(layer.get("dilation", 1)), groups=layer.get("groups", 1), bias=layer.get("bias", True))


def transpose_case():
    channels = rng.choice([1, 2, 3, 4, 6])
    layer = {"type": "convtranspose2d", "filters": rng.choice([1, 2, 3, 4, 6]), "kernel": spatial(1, 5)}
    if rng.random() < 0.7:
        layer["stride"] = spatial(1, 3)
    if rng.random() < 0.6:
        layer["padding"] = spatial(0, 3)
    if rng.random() < 0.5:
        layer["outputPadding"] = spatial(0, 2)
    if rng.random() < 0.3:
        layer["dilation"] = spatial(1, 3)
    if rng.random() < 0.3:
        layer["groups"] = rng.choice([1, 2, 3])
    if rng.random() < 0.2:
        layer["bias"] = False
    return layer, [channels, rng.randint(1, 12), rng.randint(1, 12)]


def transpose_module(layer, channels):
    return nn.ConvTranspose2d(channels, layer["filters"], pair(layer["kernel"]), stride=pair(layer.get("stride", 1)),
                              padding=pair(layer.get("padding", 0)), output_padding=pair(layer.get("outputPadding", 0)),
                              dilation=pair(layer.get("dilation", 1)), groups=layer.get("groups", 1), bias=layer.get("bias", True))


def pool_case(kind):
    layer = {"type": kind, "kernel": spatial(1, 5)}
    if rng.random() < 0.6:
        layer["stride"] = spatial(1, 4)
    if rng.random() < 0.6:
        layer["padding"] = spatial(0, 3)
    if kind != "avgpool2d" and rng.random() < 0.4:
        layer["dilation"] = spatial(1, 3)
    if rng.random() < 0.5:
        layer["ceilMode"] = rng.random() < 0.7
    if kind == "avgpool2d" and rng.random() < 0.4:
        layer["countIncludePad"] = rng.random() < 0.5
    return layer, [rng.randint(1, 3), rng.randint(1, 16), rng.randint(1, 16)]


def pool_module(layer, _channels):
    stride = pair(layer["stride"]) if "stride" in layer else None
    if layer["type"] == "avgpool2d":
        return nn.AvgPool2d(pair(layer["kernel"]), stride=stride, padding=pair(layer.get("padding", 0)),
                            ceil_mode=layer.get("ceilMode", False), count_include_pad=layer.get("countIncludePad", True))
    return nn.MaxPool2d(pair(layer["kernel"]), stride=stride, padding=pair(layer.get("padding", 0)),
                        dilation=pair(layer.get("dilation", 1)), ceil_mode=layer.get("ceilMode", False))


def adaptive_case():
    kind = rng.choice(["adaptiveavgpool2d", "adaptivemaxpool2d"])
    return {"type": kind, "outputSize": spatial(1, 8)}, [rng.randint(1, 4), rng.randint(1, 12), rng.randint(1, 12)]


def adaptive_module(layer, _channels):
    size = pair(layer["outputSize"])
    return nn.AdaptiveAvgPool2d(size) if layer["type"] == "adaptiveavgpool2d" else nn.AdaptiveMaxPool2d(size)


# Hand-picked invalid or edge cases that random sampling rarely hits.
EDGE_CASES = [
    ({"type": "conv2d", "filters": 4, "kernel": 0}, [1, 8, 8]),
    ({"type": "conv2d", "filters": 4, "kernel": 3, "stride": 0}, [1, 8, 8]),
    ({"type": "conv2d", "filters": 4, "kernel": 3, "padding": -1}, [1, 8, 8]),
    ({"type": "conv2d", "filters": 4, "kernel": 3, "dilation": 0}, [1, 8, 8]),
    ({"type": "conv2d", "filters": 4, "kernel": 3, "groups": 0}, [4, 8, 8]),
    ({"type": "conv2d", "filters": 6, "kernel": 3, "groups": 4}, [4, 8, 8]),
    ({"type": "conv2d", "filters": 4, "kernel": 3, "groups": 4}, [6, 8, 8]),
    ({"type": "conv2d", "filters": 0, "kernel": 3}, [1, 8, 8]),
    ({"type": "conv2d", "filters": 1, "kernel": 5, "dilation": 2}, [1, 7, 7]),
    ({"type": "conv2d", "filters": 1, "kernel": 4, "padding": "same"}, [1, 7, 7]),
    ({"type": "conv2d", "filters": 1, "kernel": [2, 4], "padding": "same", "dilation": [1, 3]}, [1, 5, 6]),
    ({"type": "conv2d", "filters": 1, "kernel": 3, "stride": 2, "padding": "same"}, [1, 7, 7]),
    ({"type": "conv2d", "filters": 1, "kernel": 3, "stride": [1, 2], "padding": "same"}, [1, 7, 7]),
    ({"type": "conv2d", "filters": 1, "kernel": 7, "padding": "valid"}, [1, 7, 7]),
    ({"type": "conv2d", "filters": 1, "kernel": 7, "padding": "valid"}, [1, 6, 9]),
    ({"type": "convtranspose2d", "filters": 1, "kernel": 3, "stride": 2, "outputPadding": 2}, [1, 4, 4]),
    ({"type": "convtranspose2d", "filters": 1, "kernel": 3, "outputPadding": 1}, [1, 4, 4]),
    ({"type": "convtranspose2d", "filters": 1, "kernel": 3, "dilation": 2, "outputPadding": 1}, [1, 4, 4]),
    ({"type": "convtranspose2d", "filters": 1, "kernel": 3, "padding": 3}, [1, 2, 2]),
    ({"type": "convtranspose2d", "filters": 1, "kernel": 3, "padding": 1}, [1, 1, 1]),
    ({"type": "convtranspose2d", "filters": 6, "kernel": 3, "groups": 4}, [4, 4, 4]),
    ({"type": "convtranspose2d", "filters": 4, "kernel": 2, "stride": 2, "groups": 2}, [6, 4, 4]),
    ({"type": "maxpool2d", "kernel": 3, "padding": 2, "dilation": 2}, [1, 10, 10]),
    ({"type": "maxpool2d", "kernel": 3, "padding": 1, "dilation": 2}, [1, 10, 10]),
    ({"type": "maxpool2d", "kernel": 3, "padding": 1, "dilation": 2}, [1, 1, 1]),
    ({"type": "maxpool2d", "kernel": 5, "padding": 2}, [1, 1, 1]),
    ({"type": "maxpool2d", "kernel": 3, "stride": 1, "padding": 1, "ceilMode": True}, [1, 1, 1]),
    ({"type": "maxpool2d", "kernel": 2, "stride": 2, "padding": 1, "ceilMode": True}, [1, 5, 5]),
    ({"type": "maxpool2d", "kernel": 3, "stride": 2, "ceilMode": True}, [1, 6, 6]),
    ({"type": "maxpool2d", "kernel": 3, "stride": 2, "ceilMode": True}, [1, 2, 2]),
    ({"type": "maxpool2d", "kernel": 3, "stride": 0}, [1, 8, 8]),
    ({"type": "maxpool2d", "kernel": 3, "padding": -1}, [1, 8, 8]),
    ({"type": "maxpool2d", "kernel": 3, "dilation": 0}, [1, 8, 8]),
    ({"type": "maxpool2d", "kernel": 5}, [1, 3, 3]),
    ({"type": "avgpool2d", "kernel": 3, "padding": 2}, [1, 10, 10]),
    ({"type": "avgpool2d", "kernel": 5}, [1, 3, 3]),
    ({"type": "avgpool2d", "kernel": 2, "stride": 2, "padding": 1, "ceilMode": True, "countIncludePad": False}, [1, 5, 5]),
    ({"type": "avgpool2d", "kernel": [3, 2], "stride": [2, 3], "padding": [1, 0], "ceilMode": True}, [2, 9, 11]),
    ({"type": "adaptiveavgpool2d", "outputSize": [9, 3]}, [1, 7, 7]),
    ({"type": "adaptivemaxpool2d", "outputSize": 1}, [3, 5, 6]),
]

MODULES = {"conv2d": conv_module, "convtranspose2d": transpose_module, "maxpool2d": pool_module,
           "avgpool2d": pool_module, "adaptiveavgpool2d": adaptive_module, "adaptivemaxpool2d": adaptive_module}


def run(layer, shape):
    try:
        module = MODULES[layer["type"]](layer, shape[0])
        with torch.no_grad():
            output = module(torch.zeros(1, *shape))
        return {"ok": True, "shape": list(output.shape[1:]), "params": sum(p.numel() for p in module.parameters())}
    except Exception as error:  # noqa: BLE001 — any refusal by torch is the datum we record
        return {"ok": False, "error": f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"}


def main():
    samplers = [conv_case] * 160 + [transpose_case] * 70 + [lambda: pool_case("maxpool2d")] * 70 \
        + [lambda: pool_case("avgpool2d")] * 60 + [adaptive_case] * 20
    cases = list(EDGE_CASES) + [sampler() for sampler in samplers]
    records = []
    for index, (layer, shape) in enumerate(cases):
        records.append({"name": f"{index:03d} {layer['type']} {json.dumps(layer, separators=(',', ':'))} on {shape}",
                        "input": shape, "layer": layer, "torch": run(layer, shape)})
    json.dump({"torch": torch.__version__, "seed": 20240613, "cases": records}, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
