// Bug: backwardInput writes `=` instead of `+=`, so where overlapping windows
// chose the same element only the last gradient survives (the notebook's 16
// would come out as 8).
export { getOutputShape, maxpool2d, AvgPooling } from './right.mjs';
import { MaxPooling as Right } from './right.mjs';

export class MaxPooling extends Right {
  backwardInput(gradOutput) {
    const [n, c, h, w] = this.inputShape;
    const grad = Array.from({ length: n }, () => Array.from({ length: c }, () => Array.from({ length: h }, () => new Array(w).fill(0))));
    gradOutput.forEach((example, e) =>
      example.forEach((plane, ch) =>
        plane.forEach((row, i) =>
          row.forEach((g, j) => {
            const [y, x] = this.backpropYX[e][ch][i][j];
            grad[e][ch][i * this.stride[0] + y][j * this.stride[1] + x] = g;
          }),
        ),
      ),
    );
    return grad;
  }
}
