import { describe, expect, it } from "vitest";
import { fieldsOf } from "../../../webview/graph/catalog";
import { formatFieldValue, parseFieldText } from "../../../webview/graph/fieldValues";

const field = (type: string, name: string) => {
  const found = fieldsOf(type).find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no field ${type}.${name}`);
  return found;
};

describe("field values", () => {
  it.each([
    ["conv2d", "kernel", "5", 5],
    ["conv2d", "kernel", "3, 5", [3, 5]],
    ["conv2d", "kernel", "3×5", [3, 5]],
    ["conv2d", "kernel", "[3,5]", [3, 5]],
    ["conv2d", "padding", "same", "same"],
    ["conv2d", "padding", "0", 0],
    ["conv2d", "stride", "", undefined],
    ["conv2d", "filters", "64", 64],
    ["conv2d", "bias", "false", false],
    ["dropout", "rate", "0.25", 0.25],
    ["batchnorm2d", "eps", "1e-3", 0.001],
    ["add", "inputs", "a, b.c", ["a", "b.c"]],
    ["conv2d", "activation", "relu", "relu"],
    ["conv2d", "id", "enc1.conv1", "enc1.conv1"],
  ])("%s.%s %j parses to %j", (type, name, text, value) => {
    expect(parseFieldText(field(type, name), text)).toEqual({ ok: true, value });
  });

  it.each([
    ["conv2d", "filters", "", "filters is required."],
    ["conv2d", "filters", "0", "at least 1"],
    ["conv2d", "filters", "2.5", "a whole number"],
    ["conv2d", "kernel", "0", "a whole number ≥ 1 or height, width"],
    ["conv2d", "kernel", "3, 3, 3", "a whole number ≥ 1 or height, width"],
    ["conv2d", "padding", "full", 'a whole number ≥ 0 or height, width, "same" or "valid"'],
    ["dropout", "rate", "1", "less than 1"],
    ["batchnorm2d", "eps", "0", "greater than 0"],
    ["add", "inputs", "a, 3x", "3x is not an id"],
    ["conv2d", "id", "input", "letters, digits, _ . - (not starting with a digit; input is reserved)"],
    ["conv2d", "activation", "swish", "one of relu, relu6, leakyrelu, elu, sigmoid, tanh, gelu, silu, hardswish, softmax"],
  ])("%s.%s %j is rejected: %s", (type, name, text, message) => {
    expect(parseFieldText(field(type, name), text)).toEqual({ ok: false, error: message });
  });

  it("merges require inputs; other layers default to the previous layer", () => {
    expect(field("concat", "inputs").required).toBe(true);
    expect(field("conv2d", "inputs").required).toBeFalsy();
    expect(field("conv2d", "inputs").defaultText).toBe("previous layer");
    expect(field("maxpool2d", "stride").defaultText).toBe("= kernel");
  });

  it("formats values back to text", () => {
    expect(formatFieldValue([3, 5])).toBe("3, 5");
    expect(formatFieldValue(undefined)).toBe("");
    expect(formatFieldValue("same")).toBe("same");
    expect(formatFieldValue({ kernels: ["sobel-x"] })).toBe('{"kernels":["sobel-x"]}');
  });
});

describe("input shape text", () => {
  const shapeField = { name: "input", kind: "shape" as const, required: true };
  it("parses C, H, W in any of the written forms", () => {
    expect(parseFieldText(shapeField, "1, 32, 32")).toEqual({ ok: true, value: [1, 32, 32] });
    expect(parseFieldText(shapeField, "[3,224,224]")).toEqual({ ok: true, value: [3, 224, 224] });
    expect(parseFieldText(shapeField, "3×64×64")).toEqual({ ok: true, value: [3, 64, 64] });
  });
  it("rejects anything but three positive whole numbers", () => {
    const message = { ok: false, error: "channels, height, width: three whole numbers ≥ 1" };
    expect(parseFieldText(shapeField, "32, 32")).toEqual(message);
    expect(parseFieldText(shapeField, "1, 0, 32")).toEqual(message);
  });
});
