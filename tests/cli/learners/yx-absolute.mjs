// Bug: backpropYX holds the maximum's absolute (y, x) in the input instead of
// its position relative to the window. backwardInput uses it consistently, so
// only backpropYX is wrong.
export { getOutputShape, maxpool2d, AvgPooling } from './right.mjs';
import { MaxPooling as Right } from './right.mjs';

export class MaxPooling extends Right {
  forward(input) {
    const out = super.forward(input);
    this.backpropYX = this.backpropYX.map((example) =>
      example.map((plane) => plane.map((row, i) => row.map(([y, x], j) => [i * this.stride[0] + y, j * this.stride[1] + x]))),
    );
    return out;
  }
  backwardInput(gradOutput) {
    const [n, c, h, w] = this.inputShape;
    const grad = Array.from({ length: n }, () => Array.from({ length: c }, () => Array.from({ length: h }, () => new Array(w).fill(0))));
    gradOutput.forEach((example, e) =>
      example.forEach((plane, ch) => plane.forEach((row, i) => row.forEach((g, j) => {
        const [y, x] = this.backpropYX[e][ch][i][j];
        grad[e][ch][y][x] += g;
      }))),
    );
    return grad;
  }
}
