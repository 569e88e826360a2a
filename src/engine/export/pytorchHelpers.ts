/** The Python helper definitions the export emits when a layer needs them. Pure (text only). */
import type { PythonHelper } from "./pytorchLayers";

const HELPER_SOURCE: Record<PythonHelper, string> = {
  MinPool2d: `class MinPool2d(nn.MaxPool2d):
    """Min pooling as -max_pool2d(-x): the arguments of nn.MaxPool2d; padding never wins."""

    def forward(self, x):
        return -super().forward(-x)
`,
  Add: `class Add(nn.Module):
    """Element-wise sum of two or more tensors of the same shape (a residual connection)."""

    def forward(self, *tensors):
        total = tensors[0]
        for tensor in tensors[1:]:
            total = total + tensor
        return total
`,
  Concat: `class Concat(nn.Module):
    """Concatenation along dim 1: the channels of [N, C, H, W] maps, the features of [N, F]."""

    def forward(self, *tensors):
        return torch.cat(tensors, dim=1)
`,
  conv_weight: `def conv_weight(kernels, in_per_group, flip=False):
    """Preview kernels [O][kh][kw] as a Conv2d weight [O, C/groups, kh, kw]: each filter's
    kernel on every one of its C/groups input channels, divided by C/groups (so the channels
    are averaged). flip=True rotates the kernels 180 degrees (true convolution)."""
    weight = torch.tensor(kernels, dtype=torch.float32)
    if flip:
        weight = torch.flip(weight, dims=(1, 2))
    return (weight / in_per_group).unsqueeze(1).repeat(1, in_per_group, 1, 1)
`,
  conv_transpose_weight: `def conv_transpose_weight(kernels, in_channels, groups):
    """Preview kernels [O][kh][kw] as a ConvTranspose2d weight [C, O/groups, kh, kw]: each
    input channel of group g carries the kernels of g's filters, divided by C/groups."""
    weight = torch.tensor(kernels, dtype=torch.float32)
    in_per_group = in_channels // groups
    per_group = weight.reshape(groups, -1, *weight.shape[1:])
    return per_group.repeat_interleave(in_per_group, dim=0) / in_per_group
`,
};

const HELPER_ORDER: PythonHelper[] = ["MinPool2d", "Add", "Concat", "conv_weight", "conv_transpose_weight"];

/** The definitions of the used helpers, in a fixed order, separated by two blank lines. */
export function helperDefinitions(used: ReadonlySet<PythonHelper>): string[] {
  return HELPER_ORDER.filter((helper) => used.has(helper)).map((helper) => HELPER_SOURCE[helper]);
}
