// A right solution, written as a learner would from the template: plain
// loops over nested arrays.

export function getOutputShape(inputShape, kernelSize, stride = [1, 1], padding = [0, 0], dilation = [1, 1]) {
  const size = (axis) =>
    Math.floor((inputShape[axis] + 2 * padding[axis] - dilation[axis] * (kernelSize[axis] - 1) - 1) / stride[axis]) + 1;
  return [size(0), size(1)];
}

const zeros = (n, c, h, w) =>
  Array.from({ length: n }, () => Array.from({ length: c }, () => Array.from({ length: h }, () => new Array(w).fill(0))));

export function maxpool2d(input, kernelSize, stride = [1, 1], padding = [0, 0], dilation = [1, 1]) {
  const [n, c, h, w] = [input.length, input[0].length, input[0][0].length, input[0][0][0].length];
  const [ho, wo] = getOutputShape([h, w], kernelSize, stride, padding, dilation);
  const out = zeros(n, c, ho, wo);
  for (let e = 0; e < n; e++)
    for (let ch = 0; ch < c; ch++)
      for (let i = 0; i < ho; i++)
        for (let j = 0; j < wo; j++) {
          let best = -Infinity; // padding counts as −∞
          for (let ky = 0; ky < kernelSize[0]; ky++)
            for (let kx = 0; kx < kernelSize[1]; kx++) {
              const y = i * stride[0] - padding[0] + ky * dilation[0];
              const x = j * stride[1] - padding[1] + kx * dilation[1];
              if (y >= 0 && y < h && x >= 0 && x < w && input[e][ch][y][x] > best) best = input[e][ch][y][x];
            }
          out[e][ch][i][j] = best;
        }
  return out;
}

export class MaxPooling {
  constructor(kernelSize, stride) {
    this.kernelSize = kernelSize;
    this.stride = stride;
    this.backpropYX = null;
    this.inputShape = null;
  }

  forward(input) {
    const [n, c, h, w] = [input.length, input[0].length, input[0][0].length, input[0][0][0].length];
    this.inputShape = [n, c, h, w];
    const [kh, kw] = this.kernelSize;
    const [sh, sw] = this.stride;
    const [ho, wo] = getOutputShape([h, w], this.kernelSize, this.stride);
    const out = zeros(n, c, ho, wo);
    this.backpropYX = zeros(n, c, ho, wo);
    for (let e = 0; e < n; e++)
      for (let ch = 0; ch < c; ch++)
        for (let i = 0; i < ho; i++)
          for (let j = 0; j < wo; j++) {
            let best = -Infinity;
            let at = [0, 0];
            for (let y = 0; y < kh; y++)
              for (let x = 0; x < kw; x++) {
                const v = input[e][ch][i * sh + y][j * sw + x];
                if (v > best) [best, at] = [v, [y, x]]; // strict: the first maximum stays
              }
            out[e][ch][i][j] = best;
            this.backpropYX[e][ch][i][j] = at;
          }
    return out;
  }

  backwardInput(gradOutput) {
    const [n, c, h, w] = this.inputShape;
    const grad = zeros(n, c, h, w);
    gradOutput.forEach((example, e) =>
      example.forEach((plane, ch) =>
        plane.forEach((row, i) =>
          row.forEach((g, j) => {
            const [y, x] = this.backpropYX[e][ch][i][j];
            grad[e][ch][i * this.stride[0] + y][j * this.stride[1] + x] += g;
          }),
        ),
      ),
    );
    return grad;
  }
}

export class AvgPooling {
  constructor(kernelSize, stride) {
    this.kernelSize = kernelSize;
    this.stride = stride;
    this.inputShape = null;
  }

  forward(input) {
    const [n, c, h, w] = [input.length, input[0].length, input[0][0].length, input[0][0][0].length];
    this.inputShape = [n, c, h, w];
    const [kh, kw] = this.kernelSize;
    const [ho, wo] = getOutputShape([h, w], this.kernelSize, this.stride);
    const out = zeros(n, c, ho, wo);
    for (let e = 0; e < n; e++)
      for (let ch = 0; ch < c; ch++)
        for (let i = 0; i < ho; i++)
          for (let j = 0; j < wo; j++) {
            let sum = 0;
            for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) sum += input[e][ch][i * this.stride[0] + y][j * this.stride[1] + x];
            out[e][ch][i][j] = sum / (kh * kw);
          }
    return out;
  }

  backwardInput(gradOutput) {
    const [n, c, h, w] = this.inputShape;
    const [kh, kw] = this.kernelSize;
    const grad = zeros(n, c, h, w);
    gradOutput.forEach((example, e) =>
      example.forEach((plane, ch) =>
        plane.forEach((row, i) =>
          row.forEach((g, j) => {
            for (let y = 0; y < kh; y++) for (let x = 0; x < kw; x++) grad[e][ch][i * this.stride[0] + y][j * this.stride[1] + x] += g / (kh * kw);
          }),
        ),
      ),
    );
    return grad;
  }
}
