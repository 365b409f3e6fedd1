// Bug: backpropYX holds each position as (x, y) instead of (y, x);
// backwardInput reads its own convention back, so only backpropYX is wrong.
export { getOutputShape, maxpool2d, AvgPooling } from './right.mjs';
import { MaxPooling as Right } from './right.mjs';

const swapped = (yx) => yx.map((e) => e.map((plane) => plane.map((row) => row.map(([a, b]) => [b, a]))));

export class MaxPooling extends Right {
  forward(input) {
    const out = super.forward(input);
    this.backpropYX = swapped(this.backpropYX);
    return out;
  }

  backwardInput(gradOutput) {
    const own = this.backpropYX;
    this.backpropYX = swapped(own);
    try {
      return super.backwardInput(gradOutput);
    } finally {
      this.backpropYX = own;
    }
  }
}
