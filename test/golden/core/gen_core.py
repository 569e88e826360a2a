#!/usr/bin/python3
"""Golden fixtures for the convolution core (src/core), from PyTorch 1.13 and SciPy.

Run with Debian's Python (torch 1.13, scipy): /usr/bin/python3 test/golden/core/gen_core.py
Writes test/golden/core/core_cases.json. Inputs are rounded to 6 significant digits before
use, so the JSON holds exactly the values torch saw. Every case is:
  { op, name, inputs: [{shape, data}], weight?, bias?, options, output: {shape, data} }
where options use the core's names (kernel, stride, padding, ...).
"""
import json
import os

import numpy as np
import scipy.signal
import torch
import torch.nn.functional as F

RNG = np.random.default_rng(20240531)
CASES = []


def rounded(array):
    return np.array([float("%.6g" % v) for v in np.asarray(array, dtype=np.float64).ravel()],
                    dtype=np.float32).reshape(np.shape(array))


def rand(*shape, scale=1.0):
    return rounded(RNG.uniform(-1.0, 1.0, size=shape) * scale)


def packed(array):
    array = np.asarray(array, dtype=np.float32)
    return {"shape": list(array.shape), "data": [float("%.7g" % v) for v in array.ravel()]}


def add_case(op, name, inputs, output, options=None, weight=None, bias=None):
    case = {"op": op, "name": name, "inputs": [packed(x) for x in inputs],
            "options": options or {}, "output": packed(output)}
    if weight is not None:
        case["weight"] = packed(weight)
    if bias is not None:
        case["bias"] = [float(v) for v in np.asarray(bias).ravel()]
    CASES.append(case)


def t(array):
    return torch.from_numpy(np.ascontiguousarray(array)).unsqueeze(0)


def conv_cases():
    specs = [
        ("3x3 over 7x7, valid", (2, 7, 7), 3, (3, 3), dict(), True),
        ("3x3 stride 2 pad 1 over 8x9", (3, 8, 9), 4, (3, 3), dict(stride=2, padding=1), True),
        ("rect 3x5 kernel, stride [2,1], pad [1,2]", (2, 9, 8), 3, (3, 5), dict(stride=[2, 1], padding=[1, 2]), True),
        ("dilation 2, pad 2", (2, 9, 9), 2, (3, 3), dict(padding=2, dilation=2), True),
        ("dilation [2,3] rect", (1, 10, 12), 2, (2, 3), dict(dilation=[2, 3]), False),
        ("groups 2", (4, 6, 6), 6, (3, 3), dict(padding=1, groups=2), True),
        ("depthwise x2 multiplier", (3, 7, 6), 6, (3, 3), dict(padding=1, groups=3), True),
        ("same, even kernel 4x2", (2, 7, 6), 3, (4, 2), dict(padding="same"), True),
        ("same, 3x3 dilation 2", (2, 8, 8), 2, (3, 3), dict(padding="same", dilation=2), True),
        ("same, even 2x2 dilation 3", (1, 7, 7), 2, (2, 2), dict(padding="same", dilation=3), False),
        ("valid 5x5 no bias", (3, 9, 9), 2, (5, 5), dict(padding="valid"), False),
        ("1x1 conv", (5, 4, 4), 3, (1, 1), dict(), True),
        ("stride 3 larger than kernel 2", (2, 10, 11), 2, (2, 2), dict(stride=3), True),
    ]
    for name, shape, out_channels, kernel, options, with_bias in specs:
        groups = options.get("groups", 1)
        x = rand(*shape)
        w = rand(out_channels, shape[0] // groups, *kernel, scale=0.5)
        b = rand(out_channels) if with_bias else None
        y = F.conv2d(t(x), torch.from_numpy(w), None if b is None else torch.from_numpy(b),
                     stride=options.get("stride", 1), padding=options.get("padding", 0),
                     dilation=options.get("dilation", 1), groups=groups)[0].numpy()
        add_case("conv2d", name, [x], y, options, w, b)


def scipy_cases():
    """flip=false is SciPy's correlate2d, flip=true its convolve2d ('valid'; 'full' = pad k-1)."""
    for kernel in [(3, 3), (2, 3), (4, 4)]:
        x = rand(1, 8, 9)
        w = rand(1, 1, *kernel)
        for mode in ["valid", "full"]:
            padding = [kernel[0] - 1, kernel[1] - 1] if mode == "full" else 0
            correlated = scipy.signal.correlate2d(x[0].astype(np.float64), w[0, 0].astype(np.float64), mode=mode)
            convolved = scipy.signal.convolve2d(x[0].astype(np.float64), w[0, 0].astype(np.float64), mode=mode)
            label = "%dx%d %s" % (kernel[0], kernel[1], mode)
            add_case("conv2d", "scipy correlate2d " + label, [x], correlated[None], dict(padding=padding, flip=False), w)
            add_case("conv2d", "scipy convolve2d " + label, [x], convolved[None], dict(padding=padding, flip=True), w)


def conv_transpose_cases():
    specs = [
        ("k3 s2 p1 op1", (2, 4, 5), 3, (3, 3), dict(stride=2, padding=1, outputPadding=1), True),
        ("k4 s2 p1 (U-Net up)", (3, 4, 4), 2, (4, 4), dict(stride=2, padding=1), True),
        ("groups 2 dilation 2", (4, 5, 4), 6, (3, 3), dict(dilation=2, groups=2), True),
        ("rect k2x3 s[2,3] p[1,0] op[1,2]", (2, 3, 4), 3, (2, 3), dict(stride=[2, 3], padding=[1, 0], outputPadding=[1, 2]), False),
        ("stride 1 no padding", (1, 5, 5), 2, (3, 2), dict(), True),
        ("op < dilation, stride 1", (2, 4, 4), 2, (3, 3), dict(dilation=3, outputPadding=2), True),
    ]
    for name, shape, out_channels, kernel, options, with_bias in specs:
        groups = options.get("groups", 1)
        x = rand(*shape)
        w = rand(shape[0], out_channels // groups, *kernel, scale=0.5)
        b = rand(out_channels) if with_bias else None
        y = F.conv_transpose2d(t(x), torch.from_numpy(w), None if b is None else torch.from_numpy(b),
                               stride=options.get("stride", 1), padding=options.get("padding", 0),
                               output_padding=options.get("outputPadding", 0), groups=groups,
                               dilation=options.get("dilation", 1))[0].numpy()
        add_case("convTranspose2d", name, [x], y, options, w, b)


def pool_cases():
    max_specs = [
        ("k2 over 6x7", (2, 6, 7), dict(kernel=2)),
        ("k3 s2 ceil over 8x8", (2, 8, 8), dict(kernel=3, stride=2, ceilMode=True)),
        ("k3 s2 p1 ceil over 7x10", (1, 7, 10), dict(kernel=3, stride=2, padding=1, ceilMode=True)),
        ("k2 s2 ceil odd 5x7 (window hangs over)", (2, 5, 7), dict(kernel=2, stride=2, ceilMode=True)),
        ("dilation 2 k3 p1", (1, 9, 9), dict(kernel=3, stride=1, padding=1, dilation=2)),
        ("rect k[2,3] s[1,2] p[1,1]", (2, 6, 7), dict(kernel=[2, 3], stride=[1, 2], padding=[1, 1])),
    ]
    for name, shape, options in max_specs:
        x = rand(*shape)
        args = dict(kernel_size=options["kernel"], stride=options.get("stride", options["kernel"]),
                    padding=options.get("padding", 0), dilation=options.get("dilation", 1),
                    ceil_mode=options.get("ceilMode", False))
        add_case("maxPool2d", name, [x], F.max_pool2d(t(x), **args)[0].numpy(), options)
        add_case("minPool2d", name, [x], (-F.max_pool2d(-t(x), **args))[0].numpy(), options)
    avg_specs = [
        ("k2 over 6x6", (2, 6, 6), dict(kernel=2)),
        ("k3 s2 p1 include pad", (1, 7, 7), dict(kernel=3, stride=2, padding=1)),
        ("k3 s2 p1 exclude pad", (1, 7, 7), dict(kernel=3, stride=2, padding=1, countIncludePad=False)),
        ("k3 s2 p1 ceil include pad (hangs over padding)", (2, 6, 8), dict(kernel=3, stride=2, padding=1, ceilMode=True)),
        ("k3 s2 p1 ceil exclude pad", (2, 6, 8), dict(kernel=3, stride=2, padding=1, ceilMode=True, countIncludePad=False)),
        ("k2 s2 ceil odd 5x5", (1, 5, 5), dict(kernel=2, stride=2, ceilMode=True)),
        ("rect k[3,2] s[2,1] p[1,0] ceil", (2, 8, 5), dict(kernel=[3, 2], stride=[2, 1], padding=[1, 0], ceilMode=True)),
    ]
    for name, shape, options in avg_specs:
        x = rand(*shape)
        y = F.avg_pool2d(t(x), kernel_size=options["kernel"], stride=options.get("stride", options["kernel"]),
                         padding=options.get("padding", 0), ceil_mode=options.get("ceilMode", False),
                         count_include_pad=options.get("countIncludePad", True))[0].numpy()
        add_case("avgPool2d", name, [x], y, options)


def adaptive_cases():
    for shape, size in [((2, 7, 5), [3, 2]), ((1, 10, 10), [4, 4]), ((2, 5, 7), [7, 3]), ((3, 13, 11), [5, 4])]:
        x = rand(*shape)
        label = "%dx%d to %dx%d" % (shape[1], shape[2], size[0], size[1])
        add_case("adaptiveAvgPool2d", label, [x], F.adaptive_avg_pool2d(t(x), size)[0].numpy(), dict(outputSize=size))
        add_case("adaptiveMaxPool2d", label, [x], F.adaptive_max_pool2d(t(x), size)[0].numpy(), dict(outputSize=size))
    x = rand(3, 5, 6)
    add_case("globalAvgPool2d", "3x5x6", [x], F.adaptive_avg_pool2d(t(x), 1)[0].numpy())
    add_case("globalMaxPool2d", "3x5x6", [x], F.adaptive_max_pool2d(t(x), 1)[0].numpy())


def dense_cases():
    x = rand(12)
    w = rand(5, 12, scale=0.3)
    b = rand(5)
    add_case("linear", "12 to 5", [x], F.linear(torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(b)).numpy(), {}, w, b)
    add_case("linear", "12 to 5 no bias", [x], F.linear(torch.from_numpy(x), torch.from_numpy(w)).numpy(), {}, w)
    x = rand(3, 4, 5, scale=3)
    add_case("batchNorm2d", "defaults", [x], F.batch_norm(t(x), torch.zeros(3), torch.ones(3), training=False, eps=1e-5)[0].numpy(), {})
    mean, var, gamma, beta = rand(3), rounded(RNG.uniform(0.2, 2.0, 3)), rand(3), rand(3)
    y = F.batch_norm(t(x), torch.from_numpy(mean), torch.from_numpy(var), torch.from_numpy(gamma), torch.from_numpy(beta),
                     training=False, eps=1e-3)[0].numpy()
    add_case("batchNorm2d", "with params eps 1e-3", [x], y,
             dict(eps=1e-3, runningMean=mean.tolist(), runningVar=var.tolist(), weight=gamma.tolist(), bias=beta.tolist()))
    a, b2, c = rand(2, 3, 4), rand(2, 3, 4), rand(2, 3, 4)
    add_case("add", "three 2x3x4", [a, b2, c], (torch.from_numpy(a) + torch.from_numpy(b2) + torch.from_numpy(c)).numpy())
    d = rand(3, 3, 4)
    add_case("concat", "2+3 channels", [a, d], torch.cat([torch.from_numpy(a), torch.from_numpy(d)], 0).numpy())
    add_case("flatten", "2x3x4", [a], torch.flatten(torch.from_numpy(a)).numpy())


def activation_cases():
    x = rand(2, 4, 5, scale=6)
    x.ravel()[:6] = [0.0, -3.0, 3.0, 6.0, -6.0, 0.5]
    xt = torch.from_numpy(x)
    table = {
        "relu": (F.relu(xt), {}), "relu6": (F.relu6(xt), {}),
        "leakyrelu": (F.leaky_relu(xt, 0.01), {}), "leakyrelu slope 0.2": (F.leaky_relu(xt, 0.2), dict(slope=0.2)),
        "elu": (F.elu(xt), {}), "elu alpha 0.5": (F.elu(xt, 0.5), dict(alpha=0.5)),
        "sigmoid": (torch.sigmoid(xt), {}), "tanh": (torch.tanh(xt), {}), "gelu": (F.gelu(xt), {}),
        "silu": (F.silu(xt), {}), "hardswish": (F.hardswish(xt), {}),
        "softmax": (torch.softmax(xt, dim=0), {}),
    }
    for name, (y, params) in table.items():
        add_case("activation", name, [x], y.numpy(), dict(type=name.split(" ")[0], **params))
    v = rand(10, scale=5)
    add_case("activation", "softmax over features", [v], torch.softmax(torch.from_numpy(v), dim=0).numpy(), dict(type="softmax"))


def main():
    torch.manual_seed(0)
    conv_cases()
    scipy_cases()
    conv_transpose_cases()
    pool_cases()
    adaptive_cases()
    dense_cases()
    activation_cases()
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "core_cases.json")
    with open(path, "w") as handle:
        json.dump({"generator": "test/golden/core/gen_core.py", "torch": torch.__version__,
                   "scipy": scipy.__version__, "cases": CASES}, handle, separators=(",", ":"))
    print("wrote %d cases, %d bytes to %s" % (len(CASES), os.path.getsize(path), path))


if __name__ == "__main__":
    main()
