// Bug: MaxPooling.backwardInput hands back the forward result instead of the
// gradient for the input.
export { getOutputShape, maxpool2d, AvgPooling } from './right.mjs';
import { MaxPooling as Right } from './right.mjs';

export class MaxPooling extends Right {
  forward(input) {
    this.output = super.forward(input);
    return this.output;
  }

  backwardInput() {
    return this.output;
  }
}
