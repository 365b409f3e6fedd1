// A minimal protobuf writer for ONNX models with a single pooling node, so
// the benchmark needs no model files and no ONNX tooling. Field numbers are
// those of onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto,
// ValueInfoProto, TypeProto, TensorShapeProto).

function varint(n) {
  const out = [];
  let v = BigInt(n);
  if (v < 0n) v += 1n << 64n; // int64 two's complement, as protobuf does
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v) byte |= 0x80;
    out.push(byte);
  } while (v);
  return out;
}

const key = (field, wire) => varint((field << 3) | wire);
const int = (field, n) => [...key(field, 0), ...varint(n)];
const bytes = (field, b) => [...key(field, 2), ...varint(b.length), ...b];
const str = (field, s) => bytes(field, [...new TextEncoder().encode(s)]);
const msg = (field, parts) => bytes(field, parts.flat());

const ATTR_INT = 2;
const ATTR_INTS = 7;
const FLOAT = 1;

function attribute(name, value) {
  if (Array.isArray(value)) {
    return msg(5, [str(1, name), ...value.map((v) => int(8, v)), int(20, ATTR_INTS)]);
  }
  return msg(5, [str(1, name), int(3, value), int(20, ATTR_INT)]);
}

function valueInfo(field, name, shape) {
  const dims = shape.map((d) => msg(1, [int(1, d)]));
  return msg(field, [str(1, name), msg(2, [msg(1, [int(1, FLOAT), msg(2, dims)])])]);
}

/**
 * An ONNX model (opset 13) computing y = op(x) for `op` "MaxPool" or
 * "AveragePool" with the given integer attributes.
 */
export function poolModel(op, attributes, inShape, outShape) {
  const node = msg(1, [str(1, 'x'), str(2, 'y'), str(3, 'pool'), str(4, op),
    ...Object.entries(attributes).map(([k, v]) => attribute(k, v))]);
  const graph = msg(7, [node, str(2, 'bench'), valueInfo(11, 'x', inShape), valueInfo(12, 'y', outShape)]);
  return new Uint8Array([...int(1, 7), ...str(2, 'poolgrad-bench'), ...graph, ...msg(8, [str(1, ''), int(2, 13)])]);
}
