#!/usr/bin/python3
"""Golden shapes and parameter counts for every template in media/templates.

Run with Debian's Python (torch 1.13, torchvision 0.14):

    /usr/bin/python3 test/golden/networks/gen_networks.py

A small interpreter builds PyTorch modules from a template's JSON (the *.cnn.json format,
version 1), runs a zero tensor of shape [1, *input] through the graph in file order, and
records per layer the output shape (without the batch dimension), the trainable
parameter count and the multiply-accumulates (counted from the torch modules' attributes
and actual tensor sizes with the formulas of spec-format.md), plus the totals. The numbers come from PyTorch, never from our engine.

It also proves the big templates equal their torchvision models: the totals of alexnet,
vgg16 and resnet18 must equal torchvision.models.<name>()'s parameter count, and lenet5
must have 61,706 parameters. Writes test/golden/networks/networks.json.
"""

import json
import pathlib

import torch
import torch.nn as nn
import torchvision

ROOT = pathlib.Path(__file__).resolve().parents[3]
TEMPLATES = ROOT / "media" / "templates"
OUTPUT = pathlib.Path(__file__).resolve().parent / "networks.json"

# Totals that prove a template equals a reference model.
EXPECTED_TOTALS = {
    "lenet5": 61_706,
    "alexnet": None,  # filled from torchvision below
    "vgg16": None,
    "resnet18": None,
}


def strip_comments(text):
    """Removes // and /* */ comments outside strings (JSONC -> JSON)."""
    out, i, in_string = [], 0, False
    while i < len(text):
        ch = text[i]
        if in_string:
            out.append(ch)
            if ch == "\\":
                out.append(text[i + 1])
                i += 1
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
            out.append(ch)
        elif text.startswith("//", i):
            while i < len(text) and text[i] != "\n":
                i += 1
            continue
        elif text.startswith("/*", i):
            i = text.index("*/", i) + 2
            continue
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def pair(value):
    return tuple(value) if isinstance(value, list) else (value, value)


def activation_module(name, layer=None):
    layer = layer or {}
    table = {
        "relu": lambda: nn.ReLU(),
        "relu6": lambda: nn.ReLU6(),
        "leakyrelu": lambda: nn.LeakyReLU(layer.get("slope", 0.01)),
        "elu": lambda: nn.ELU(layer.get("alpha", 1.0)),
        "sigmoid": lambda: nn.Sigmoid(),
        "tanh": lambda: nn.Tanh(),
        "gelu": lambda: nn.GELU(),
        "silu": lambda: nn.SiLU(),
        "hardswish": lambda: nn.Hardswish(),
        "softmax": lambda: nn.Softmax(dim=1),  # channels of [N,C,H,W], features of [N,F]
    }
    return table[name]()


def with_activation(module, layer):
    if "activation" in layer:
        return nn.Sequential(module, activation_module(layer["activation"]))
    return module


def conv_padding(layer):
    padding = layer.get("padding", 0)
    return padding if isinstance(padding, str) else pair(padding)


class MinPool(nn.Module):
    def __init__(self, **kwargs):
        super().__init__()
        self.pool = nn.MaxPool2d(**kwargs)

    def forward(self, x):
        return -self.pool(-x)


def pool_kwargs(layer, with_dilation):
    kwargs = dict(
        kernel_size=pair(layer["kernel"]),
        stride=pair(layer.get("stride", layer["kernel"])),
        padding=pair(layer.get("padding", 0)),
        ceil_mode=layer.get("ceilMode", False),
    )
    if with_dilation:
        kwargs["dilation"] = pair(layer.get("dilation", 1))
    return kwargs


def build_module(layer, in_shape):
    """The torch module for one layer, given the shape [C,H,W] or [F] that arrives."""
    kind = layer["type"]
    if kind == "conv2d":
        return with_activation(nn.Conv2d(
            in_shape[0], layer["filters"], pair(layer["kernel"]), stride=pair(layer.get("stride", 1)),
            padding=conv_padding(layer), dilation=pair(layer.get("dilation", 1)),
            groups=layer.get("groups", 1), bias=layer.get("bias", True)), layer)
    if kind == "convtranspose2d":
        return with_activation(nn.ConvTranspose2d(
            in_shape[0], layer["filters"], pair(layer["kernel"]), stride=pair(layer.get("stride", 1)),
            padding=pair(layer.get("padding", 0)), output_padding=pair(layer.get("outputPadding", 0)),
            dilation=pair(layer.get("dilation", 1)), groups=layer.get("groups", 1),
            bias=layer.get("bias", True)), layer)
    if kind == "maxpool2d":
        return nn.MaxPool2d(**pool_kwargs(layer, True))
    if kind == "minpool2d":
        return MinPool(**pool_kwargs(layer, True))
    if kind == "avgpool2d":
        return nn.AvgPool2d(**pool_kwargs(layer, False), count_include_pad=layer.get("countIncludePad", True))
    if kind == "adaptiveavgpool2d":
        return nn.AdaptiveAvgPool2d(pair(layer["outputSize"]))
    if kind == "adaptivemaxpool2d":
        return nn.AdaptiveMaxPool2d(pair(layer["outputSize"]))
    if kind == "globalavgpool2d":
        return nn.AdaptiveAvgPool2d(1)
    if kind == "globalmaxpool2d":
        return nn.AdaptiveMaxPool2d(1)
    if kind == "upsample2d":
        scale = layer.get("scaleFactor")
        size = layer.get("size")
        return nn.Upsample(size=tuple(size) if isinstance(size, list) else size,
                           scale_factor=tuple(float(f) for f in scale) if isinstance(scale, list) else scale,
                           mode=layer.get("mode", "nearest"), align_corners=layer.get("alignCorners"))
    if kind == "batchnorm2d":
        return nn.BatchNorm2d(in_shape[0], eps=layer.get("eps", 1e-5))
    if kind == "dropout":
        return nn.Dropout(layer.get("rate", 0.5))
    if kind == "flatten":
        return nn.Flatten()
    if kind == "linear":
        assert len(in_shape) == 1, f"{layer['id']}: linear needs a flat input, got {in_shape}"
        return with_activation(nn.Linear(in_shape[0], layer["units"], bias=layer.get("bias", True)), layer)
    return activation_module(kind, layer)


def count_macs(module, input_tensor, output):
    """Multiply-accumulates of one sample, from the torch modules' own attributes."""
    macs = 0
    for sub in module.modules():
        if isinstance(sub, nn.Conv2d):
            kernel_height, kernel_width = sub.kernel_size
            macs += output[0].numel() * (sub.in_channels // sub.groups) * kernel_height * kernel_width
        elif isinstance(sub, nn.ConvTranspose2d):
            kernel_height, kernel_width = sub.kernel_size
            macs += input_tensor[0].numel() * (sub.out_channels // sub.groups) * kernel_height * kernel_width
        elif isinstance(sub, nn.Linear):
            macs += sub.in_features * sub.out_features
    return macs


def run_network(spec):
    """Runs the graph in file order; returns per-layer records and the totals."""
    outputs = {"input": torch.zeros(1, *spec["input"])}
    previous = "input"
    records, total, total_macs = [], 0, 0
    for index, layer in enumerate(spec["layers"]):
        layer_id = layer.get("id", f"{layer['type']}_{index}")
        sources = layer.get("inputs", [previous])
        tensors = [outputs[source] for source in sources]
        if layer["type"] == "add":
            output, params, macs = torch.stack(tensors).sum(dim=0), 0, 0
            assert all(t.shape == tensors[0].shape for t in tensors), f"{layer_id}: shapes differ"
        elif layer["type"] == "concat":
            output, params, macs = torch.cat(tensors, dim=1), 0, 0
        else:
            assert len(tensors) == 1, f"{layer_id}: one input expected"
            module = build_module(layer, list(tensors[0].shape[1:])).eval()
            with torch.no_grad():
                output = module(tensors[0])
            params = sum(p.numel() for p in module.parameters() if p.requires_grad)
            macs = count_macs(module, tensors[0], output)
        outputs[layer_id] = output
        previous = layer_id
        total += params
        total_macs += macs
        records.append({"id": layer_id, "outputShape": list(output.shape[1:]), "params": params, "macs": macs})
    return {"input": spec["input"], "layers": records, "totals": {"params": total, "macs": total_macs}}


def torchvision_params(name):
    model = getattr(torchvision.models, name)()
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def to_json(document):
    """Indented JSON with one line per layer record, so diffs stay readable."""
    placeholders = {}
    for network in document["networks"].values():
        network["input"] = inline(network["input"], placeholders)
        network["layers"] = [inline(record, placeholders) for record in network["layers"]]
    text = json.dumps(document, indent=2)
    for key, value in placeholders.items():
        text = text.replace(json.dumps(key), value)
    return text + "\n"


def inline(value, placeholders):
    key = f"@inline{len(placeholders)}@"
    placeholders[key] = json.dumps(value, separators=(", ", ": "))
    return key


def main():
    torch.manual_seed(0)
    expected = dict(EXPECTED_TOTALS)
    for name in ("alexnet", "vgg16", "resnet18"):
        expected[name] = torchvision_params(name)
    networks = {}
    for path in sorted(TEMPLATES.glob("*.cnn.json")):
        name = path.name[: -len(".cnn.json")]
        spec = json.loads(strip_comments(path.read_text(encoding="utf-8")))
        result = run_network(spec)
        if name in expected:
            got = result["totals"]["params"]
            assert got == expected[name], f"{name}: {got} parameters, reference says {expected[name]}"
            result["reference"] = {"params": expected[name], "source": "torchvision" if name != "lenet5" else "LeNet-5"}
        networks[name] = result
        print(f"{name}: {len(result['layers'])} layers, {result['totals']['params']:,} parameters")
    missing = [name for name in expected if name not in networks]
    assert not missing, f"templates missing: {missing}"
    document = {
        "generator": "test/golden/networks/gen_networks.py",
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
        "networks": networks,
    }
    OUTPUT.write_text(to_json(document), encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
