"""Which input pixels two parallel branches read, measured with torch autograd (golden values
for the network-level unread-pixel check, src/engine/networkReads.ts).

Each case feeds one input to two layers (conv2d or maxpool2d). A pixel is read by a branch when
it lies inside one of the branch's windows: the gradient of the output sum of a conv of ones
with the branch's geometry is non-zero there (a pool's windows are a conv's windows; no tap
can cancel). Writes branch_reads.json: per case, whether each branch alone reads every pixel
and whether the two together do.

Run: /usr/bin/python3 test/golden/reads/gen_branch_reads.py  (torch 1.13, Debian python3-torch)
"""
import json
import os

import torch

CASES = [
    # name, input H=W, branch a, branch b: (type, kernel, stride, padding)
    ("resnet-shortcut-56", 56, ("conv2d", 1, 2, 0), ("conv2d", 3, 2, 1)),
    ("resnet-shortcut-28", 28, ("conv2d", 1, 2, 0), ("conv2d", 3, 2, 1)),
    ("resnet-shortcut-7", 7, ("conv2d", 1, 2, 0), ("conv2d", 3, 2, 1)),
    ("two-skipping-branches", 28, ("conv2d", 1, 2, 0), ("conv2d", 1, 3, 0)),
    ("shortcut-beside-pool", 32, ("conv2d", 1, 2, 0), ("maxpool2d", 3, 2, 1)),
    ("shortcut-beside-lossy-pool", 32, ("conv2d", 1, 2, 0), ("maxpool2d", 2, 3, 0)),
    ("alone-lossy-beside-1x1", 28, ("conv2d", 3, 3, 0), ("conv2d", 1, 1, 0)),
    ("both-lossy-same", 28, ("conv2d", 1, 2, 0), ("conv2d", 1, 2, 0)),
    # Even rows × even columns and odd × odd: every row and column is read, not every pixel.
    ("complementary-1x1", 28, ("conv2d", 1, 2, 0), ("conv2d", 1, 2, 1)),
]


def read_mask(size, branch):
    kind, kernel, stride, padding = branch
    x = torch.zeros(1, 1, size, size, requires_grad=True)
    # A conv of ones has the same read set as a pool of the same geometry (the window's taps).
    weight = torch.ones(1, 1, kernel, kernel)
    y = torch.nn.functional.conv2d(x + 1.0, weight, stride=stride, padding=padding)
    y.sum().backward()
    return x.grad[0, 0] != 0


def main():
    cases = []
    for name, size, a, b in CASES:
        mask_a = read_mask(size, a)
        mask_b = read_mask(size, b)
        cases.append({
            "name": name,
            "input": size,
            "a": dict(zip(("type", "kernel", "stride", "padding"), a)),
            "b": dict(zip(("type", "kernel", "stride", "padding"), b)),
            "aReadsAll": bool(mask_a.all()),
            "bReadsAll": bool(mask_b.all()),
            "unionReadsAll": bool((mask_a | mask_b).all()),
        })
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "branch_reads.json")
    with open(out, "w") as handle:
        json.dump({"generator": "gen_branch_reads.py", "torch": torch.__version__, "cases": cases}, handle, indent=1)
        handle.write("\n")


if __name__ == "__main__":
    main()
