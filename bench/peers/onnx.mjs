// Encodes a bench graph (graphs.mjs) as an ONNX model with onnx-proto (opset 13, batch 1).
import onnxProto from "onnx-proto";

const { onnx } = onnxProto;
const FLOAT = 1;

function tensor(name, shape, data) {
  return onnx.TensorProto.create({ name, dims: shape, dataType: FLOAT, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) });
}

const ints = (name, values) => onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: values });
const int = (name, value) => onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i: value });

function valueInfo(name, shape) {
  return onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType: FLOAT, shape: { dim: shape.map((dimValue) => ({ dimValue })) } } } });
}

function nodesFor(node, initializers) {
  const make = (opType, inputs, outputs, attribute = []) => onnx.NodeProto.create({ opType, input: inputs, output: outputs, attribute, name: `${node.id}.${opType}` });
  switch (node.kind) {
    case "conv": {
      initializers.push(tensor(`${node.id}.w`, node.weight.shape, node.weight.data), tensor(`${node.id}.b`, [node.bias.length], node.bias));
      const [, , kh, kw] = node.weight.shape;
      const convOut = node.relu ? `${node.id}.pre` : node.id;
      const result = [make("Conv", [node.input, `${node.id}.w`, `${node.id}.b`], [convOut], [
        ints("kernel_shape", [kh, kw]), ints("strides", [node.stride, node.stride]), ints("pads", [node.pad, node.pad, node.pad, node.pad]), int("group", node.groups),
      ])];
      if (node.relu) result.push(make("Relu", [convOut], [node.id]));
      return result;
    }
    case "add": {
      const addOut = node.relu ? `${node.id}.pre` : node.id;
      const result = [make("Add", node.inputs, [addOut])];
      if (node.relu) result.push(make("Relu", [addOut], [node.id]));
      return result;
    }
    case "maxpool":
      return [make("MaxPool", [node.input], [node.id], [ints("kernel_shape", [node.kernel, node.kernel]), ints("strides", [node.stride, node.stride]), ints("pads", [node.pad, node.pad, node.pad, node.pad])])];
    case "gap":
      return [make("GlobalAveragePool", [node.input], [`${node.id}.4d`]), make("Flatten", [`${node.id}.4d`], [node.id])];
    case "linear":
      initializers.push(tensor(`${node.id}.w`, node.weight.shape, node.weight.data), tensor(`${node.id}.b`, [node.bias.length], node.bias));
      return [make("Gemm", [node.input, `${node.id}.w`, `${node.id}.b`], [node.id], [int("transB", 1)])];
    default:
      throw new Error(`onnx: unknown node kind ${node.kind}`);
  }
}

/** Bytes of an ONNX model computing graph.output from "input" ([1, C, H, W]). */
export function onnxModel(graph, outputShape) {
  const initializers = [];
  const nodes = graph.nodes.flatMap((node) => nodesFor(node, initializers));
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: "cnn-designer-bench",
    opsetImport: [{ domain: "", version: 13 }],
    graph: {
      name: "bench", node: nodes, initializer: initializers,
      input: [valueInfo("input", [1, ...graph.inputShape])],
      output: [valueInfo(graph.output, outputShape)],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
