// The PyTorch export's text and names (no Python needed). That the files run and match the
// engine's shapes is checked by PyTorch itself in test/pytorch/checkExport.test.ts.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { exportPytorch } from "../../../src/engine/export/pytorch";
import { assignModuleNames, assignVariableNames, moduleAccess, pythonClassName } from "../../../src/engine/export/pytorchNames";
import { EXTRA_SPECS } from "../../pytorch/extraSpecs";

const templatesDir = resolve(__dirname, "../../../media/templates");

function source(spec: string | object): string {
  const result = exportPytorch(spec);
  if (!result.ok) throw new Error(result.message);
  return result.text;
}

describe("module names", () => {
  it.each([
    [["conv1", "layer1.0.conv1", "layer1.0.bn1"], ["conv1", "layer1.0.conv1", "layer1.0.bn1"]],
    [["forward", "class", "training", "keys.0", "a.keys"], ["forward_", "class_", "training_", "keys_.0", "a.keys_"]],
    [["a", "a.b", "a_b"], ["a", "a_b", "a_b_2"]],
    [["a.b", "a"], ["a.b", "a_2"]],
    [["layer-1.x", "relu_3", "a..b"], ["layer_1.x", "relu_3", "a__b"]],
  ])("%j → %j", (ids, expected) => {
    expect(assignModuleNames(ids).map((name) => name.qualifiedName)).toEqual(expected);
  });

  it("nested names are reached through nn.ModuleDict keys", () => {
    const [name] = assignModuleNames(["layer1.0.conv1"]);
    expect(moduleAccess(name)).toBe('self.layer1["0"]["conv1"]');
  });

  it("variables are unique Python identifiers that avoid the generated names", () => {
    expect(assignVariableNames(["x", "layer1.0.relu", "layer1_0_relu", "if", "torch"])).toEqual(["x_2", "layer1_0_relu", "layer1_0_relu_2", "if_", "torch_2"]);
  });

  it.each([["ResNet-18", "ResNet18"], ["U-Net (small)", "UNetSmall"], ["3d net", "Net3dNet"], [undefined, "Network"], ["add", "AddNet"]])("class name for %s is %s", (name, expected) => {
    expect(pythonClassName(name)).toBe(expected);
  });
});

describe("exportPytorch text", () => {
  it("LeNet-5: class, layers with their arguments, forward with shapes, main block", () => {
    const text = source(readFileSync(resolve(templatesDir, "lenet5.cnn.json"), "utf8"));
    expect(text).toContain("class LeNet5(nn.Module):");
    expect(text).toContain("INPUT_SHAPE = (1, 32, 32)");
    expect(text).toContain("        self.c1 = nn.Conv2d(1, 6, kernel_size=5)  # 156 params");
    expect(text).toContain("        self.s2 = nn.MaxPool2d(2)");
    expect(text).toContain("        self.flat = nn.Flatten()");
    expect(text).toContain("        x = F.relu(self.c1(x))  # -> [6, 28, 28]");
    expect(text).toContain("        x = F.softmax(self.out(x), dim=1)  # -> [10]");
    expect(text).toContain('if __name__ == "__main__":');
    expect(text).not.toContain("class Add(");
  });

  it("every forward line but the return ends with the computed shape", () => {
    for (const spec of Object.values(EXTRA_SPECS)) {
      const text = source(spec);
      const forward = text.slice(text.lastIndexOf("    def forward(self, x):"), text.indexOf('if __name__')).trim().split("\n").slice(1);
      const body = forward.filter((line) => line.trim() !== "" && !line.trim().startsWith("return") && !line.includes("net_input = x"));
      expect(body.length).toBeGreaterThan(3);
      for (const line of body) expect(line).toMatch(/ {2}# -> \[\d+(, \d+)*\]$/);
    }
  });

  it("writes every option with PyTorch's argument names", () => {
    const text = [source(EXTRA_SPECS.convolutions), source(EXTRA_SPECS.pools), source(EXTRA_SPECS.activations)].join("\n");
    for (const expected of [
      "nn.Conv2d(3, 6, kernel_size=(3, 5), stride=(2, 1), padding=(1, 2))",
      'nn.Conv2d(6, 6, kernel_size=4, padding="same")',
      'nn.Conv2d(6, 6, kernel_size=(2, 3), padding="same", dilation=(2, 1))',
      'padding="valid"',
      "nn.Conv2d(8, 4, kernel_size=1, groups=2, bias=False)",
      "nn.ConvTranspose2d(4, 4, kernel_size=3, stride=2, padding=1, output_padding=1)",
      "nn.ConvTranspose2d(4, 6, kernel_size=(3, 2), stride=(3, 2), padding=(1, 0), output_padding=(2, 1), groups=2, bias=False)",
      "nn.MaxPool2d(3, stride=2, padding=1, ceil_mode=True)",
      "MinPool2d((2, 3), stride=(2, 1), dilation=(1, 2), ceil_mode=True)",
      "nn.AvgPool2d(3, stride=2, padding=1, ceil_mode=True, count_include_pad=False)",
      "nn.AdaptiveAvgPool2d((3, 4))", "nn.AdaptiveMaxPool2d(2)", "nn.AdaptiveAvgPool2d(1)", "nn.AdaptiveMaxPool2d(1)",
      "nn.BatchNorm2d(8, eps=0.001)", "nn.Dropout(p=0.2)", "nn.Linear(24, 7, bias=False)",
      "nn.LeakyReLU(negative_slope=0.2)", "nn.ELU(alpha=0.5)", "nn.ReLU6()", "nn.Sigmoid()", "nn.Tanh()", "nn.GELU()", "nn.SiLU()", "nn.Hardswish()", "nn.Softmax(dim=1)",
      "F.leaky_relu(", "F.elu(", "F.gelu(", "F.silu(", "F.hardswish(", "torch.sigmoid(", "torch.tanh(", "F.relu6(",
      "class MinPool2d(nn.MaxPool2d):", "class Add(nn.Module):", "class Concat(nn.Module):",
    ]) expect(text).toContain(expected);
  });

  it("branches keep named values; merges take them in order", () => {
    const text = source(EXTRA_SPECS.activations);
    expect(text).toContain('x = self.sum(branch_a, x, softmax_spatial)  # -> [8, 12, 12]');
    expect(text).toContain('self.branch = nn.ModuleDict()');
    expect(text).toContain('branch_a = self.branch["a"](relu)  # -> [8, 12, 12]');
  });

  it("preview kernels become the initial weights", () => {
    const text = source(EXTRA_SPECS.previewWeights);
    expect(text).toContain("self.edges.weight.copy_(conv_weight([[[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], [[1, 2, 3], [4, 5, 6], [7, 8, 9]]], in_per_group=2))");
    expect(text).toContain("in_per_group=2, flip=True))");
    expect(text).toContain("self.up.weight.copy_(conv_transpose_weight(");
    expect(text).toContain("nn.init.ones_(self.ones.weight)");
    expect(text).toContain("nn.init.xavier_uniform_(self.xavier.weight)");
    expect(text).toContain("self.edges.bias.zero_()");
  });

  it("the header names renamed layers", () => {
    expect(source(EXTRA_SPECS.pythonNames)).toContain('Renamed for Python/PyTorch: "forward" is "forward_", "class" is "class_"');
  });

  it("refuses a spec with errors", () => {
    const result = exportPytorch({ input: [1, 4, 4], layers: [{ type: "linear", units: 3 }] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^Cannot export the spec as PyTorch: the spec has 1 error; .*flatten/);
  });

  it("refuses a spec without layers", () => {
    expect(exportPytorch({ input: [1, 4, 4], layers: [] })).toEqual({ ok: false, message: "Cannot export the spec as PyTorch: it has no layers." });
  });
});
