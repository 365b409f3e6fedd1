// Bug: `>=` keeps the LAST maximum of a window, not the first in row-major
// order; the values are right, the positions (and so the gradient) are not.
export { getOutputShape, maxpool2d, AvgPooling } from './right.mjs';
import { getOutputShape, MaxPooling as Right } from './right.mjs';

export class MaxPooling extends Right {
  forward(input) {
    const [n, c, h, w] = [input.length, input[0].length, input[0][0].length, input[0][0][0].length];
    this.inputShape = [n, c, h, w];
    const [kh, kw] = this.kernelSize;
    const [ho, wo] = getOutputShape([h, w], this.kernelSize, this.stride);
    this.backpropYX = [];
    const out = input.map((example, e) =>
      example.map((plane, ch) =>
        Array.from({ length: ho }, (_, i) =>
          Array.from({ length: wo }, (_, j) => {
            let best = -Infinity;
            let at = [0, 0];
            for (let y = 0; y < kh; y++)
              for (let x = 0; x < kw; x++) {
                const v = plane[i * this.stride[0] + y][j * this.stride[1] + x];
                if (v >= best) [best, at] = [v, [y, x]];
              }
            ((this.backpropYX[e] ??= [])[ch] ??= [])[i] ??= [];
            this.backpropYX[e][ch][i][j] = at;
            return best;
          }),
        ),
      ),
    );
    return out;
  }
}
