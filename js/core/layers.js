// Layers shaped like the notebook's classes: forward, backwardInput and,
// for max pooling, backpropYX.
import { normalizeOptions, resolvePadding } from '../options.js';
import { layoutOf } from './arguments.js';
import { avgPool2d, avgPool2dBackward, maxPool2d, maxPool2dBackward } from './operations.js';

/** (y, x) of each maximum relative to its window, in kernel taps; [-1, -1] for an empty window. */
function windowPositions(indices, inputShape, o) {
  const count = inputShape.reduce((a, b) => a * b, 1);
  const { h, w } = layoutOf(inputShape, count, o.dataFormat);
  const { pads } = resolvePadding([h, w], o);
  const nhwc = o.dataFormat === 'NHWC';
  const [oh, ow] = nhwc ? indices.shape.slice(-3, -1) : indices.shape.slice(-2);
  const channels = nhwc ? indices.shape.at(-1) : 1;
  const data = new Int32Array(indices.data.length * 2);
  indices.data.forEach((flat, i) => {
    if (flat < 0) {
      data[2 * i] = data[2 * i + 1] = -1;
      return;
    }
    const position = Math.floor(i / channels) % (oh * ow);
    const r = Math.floor(position / ow);
    const c = position % ow;
    data[2 * i] = (Math.floor(flat / w) - (r * o.stride[0] - pads[0])) / o.dilation[0];
    data[2 * i + 1] = ((flat % w) - (c * o.stride[1] - pads[2])) / o.dilation[1];
  });
  return { data, shape: [...indices.shape, 2] };
}

/** Max pooling layer as in the notebook: forward, backpropYX, backwardInput. */
export class MaxPool2d {
  #options;
  #inputShape = null;
  #indices = null;
  #backpropYX = null;
  constructor(options) {
    this.#options = normalizeOptions('max', options, 'MaxPool2d');
    this.options = Object.freeze(structuredClone(options));
  }
  forward(x) {
    const { output, indices } = maxPool2d(x, this.options);
    this.#inputShape = x.shape.slice();
    this.#indices = indices ?? null;
    this.#backpropYX = null;
    return output;
  }
  /** The forward's indices (PyTorch's return_indices); null before forward or with returnIndices: false. */
  get indices() {
    return this.#indices;
  }
  /** Shape [..., Ho, Wo, 2] (NHWC: [..., Ho, Wo, C, 2]): (y, x) of each maximum inside its window; null before forward. */
  get backpropYX() {
    if (!this.#indices) return null;
    this.#backpropYX ??= windowPositions(this.#indices, this.#inputShape, this.#options);
    return this.#backpropYX;
  }
  backwardInput(gradOutput) {
    if (!this.#options.returnIndices) {
      throw new Error('MaxPool2d.backwardInput needs the indices of the forward: construct the layer without returnIndices: false');
    }
    if (!this.#indices) throw new Error('MaxPool2d.backwardInput needs forward(x) to have run first');
    return maxPool2dBackward(gradOutput, this.#indices, this.#inputShape, { dataFormat: this.#options.dataFormat });
  }
}

/** Average pooling layer as in the notebook: forward, backwardInput. */
export class AvgPool2d {
  #inputShape = null;
  constructor(options) {
    normalizeOptions('avg', options, 'AvgPool2d');
    this.options = Object.freeze(structuredClone(options));
  }
  forward(x) {
    const output = avgPool2d(x, this.options);
    this.#inputShape = x.shape.slice();
    return output;
  }
  backwardInput(gradOutput) {
    if (!this.#inputShape) throw new Error('AvgPool2d.backwardInput needs forward(x) to have run first');
    return avgPool2dBackward(gradOutput, this.#inputShape, this.options);
  }
}
